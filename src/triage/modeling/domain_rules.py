"""DOMAIN §3's rules that turn on the notes, read with the fact heads' probabilities.

Billability is an ordered cascade over four facts the notes carry (customer-caused
damage, a component failure, a return visit, goodwill) and three the case carries
(warranty, a visit in the last 30 days, labor included by contract); warranty
coverage, out-of-scope work and missing evidence each join a note fact with case
fields. Trees learn such conjunctions only piecewise, from the wordings they saw. The
rule's probability under each head's reading is a feature, so the boosters start
from the rule itself and learn where a head's reading is not to be trusted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from triage.features.build import STRUCTURED_NAMES

Array = npt.NDArray[np.float64]
Reader = Callable[[str], Array]  # a fact or case field name -> its value per case
Rule = Callable[[Reader, Reader], Array]  # (one head's facts, case fields) -> P(applies)
HEADS = ("", "sent_", "char_")  # the note, sentence and character heads' outputs
BILLABLE_FACTS = ("customer_caused", "component_failure", "rework", "goodwill")
_AT = {name: i for i, name in enumerate(STRUCTURED_NAMES)}


def _billable(fact: Reader, case: Reader) -> Array:
    included = case("service_covered") * np.maximum(
        case("contract_full_service"), case("contract_labor_only")
    )
    cc, cf, rw, gw = (fact(f) for f in BILLABLE_FACTS)
    # P(not billable), built from the last step up: each earlier step overrides the later
    free = gw + (1 - gw) * included
    rework = (case("visits_30d") > 0) * rw
    free = rework + (1 - rework) * free
    warranty = case("warranty_active") * cf
    free = warranty + (1 - warranty) * free
    return cc + (1 - cc) * (1 - free)


def _warranty(fact: Reader, case: Reader) -> Array:
    charged = case("warranty_active") * case("repair_charged")
    return charged * fact("component_failure") * (1 - fact("customer_caused"))


def _out_of_scope(fact: Reader, case: Reader) -> Array:
    return fact("extra_work") * (1 - case("change_order_cited"))


def _no_evidence(fact: Reader, case: Reader) -> Array:
    unsupported = (1 - case("signed")) * (1 - fact("work_described"))
    return np.maximum(unsupported, case("labor_billed_without_hours"))


RULES: dict[str, tuple[tuple[str, ...], Rule]] = {
    "billable": (BILLABLE_FACTS, _billable),
    "warranty_coverage": (("component_failure", "customer_caused"), _warranty),
    "out_of_scope": (("extra_work",), _out_of_scope),
    "missing_evidence": (("work_described",), _no_evidence),
}


def _pairs(facts: Sequence[str]) -> list[tuple[str, str]]:
    """(rule, head) for every rule whose facts that head reads."""
    return [
        (rule, head)
        for rule, (needs, _) in RULES.items()
        for head in HEADS
        if all(f"{head}{f}" in facts for f in needs)
    ]


def rule_feature(rule: str, head: str) -> str:
    """`rule_billable_note`, `rule_billable_sent`, ..."""
    return f"rule_{rule}_{head or 'note_'}".removesuffix("_")


def rule_names(facts: Sequence[str]) -> list[str]:
    return [rule_feature(rule, head) for rule, head in _pairs(facts)]


def rule_probabilities(
    structured: npt.NDArray[np.float32], fact_probabilities: Array, facts: Sequence[str]
) -> Array:
    """(cases, rule x head) probabilities that each rule applies, per head's reading."""
    column = {name: j for j, name in enumerate(facts)}
    values = structured.astype(np.float64)

    def case(name: str) -> Array:
        return values[:, _AT[name]]

    def head_reader(head: str) -> Reader:
        return lambda fact: fact_probabilities[:, column[f"{head}{fact}"]]

    out = [RULES[rule][1](head_reader(head), case) for rule, head in _pairs(facts)]
    return np.stack(out, axis=1) if out else np.zeros((len(values), 0))
