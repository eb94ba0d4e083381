"""SHAP contributions (LightGBM `pred_contrib`) -> reason codes a reviewer can read.

Features are grouped into reasons (all rate features are one "rate" reason), the
group's contributions are summed, and the text is written from the evidence and
the feature values, never from feature indices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from triage.domain.decision import Reason
from triage.modeling.domain_rules import BILLABLE_FACTS, HEADS, rule_feature
from triage.reconcile.evidence import Evidence
from triage.reconcile.rules import TextFacts, billable_step

Values = dict[str, float]
Writer = Callable[[Evidence, Values], str]

_FACT_TEXT = {
    "customer_caused": "customer-caused damage or misuse",
    "component_failure": "a component defect or wear-out failure",
    "extra_work": "extra work beyond the requested service",
    "rework": "a return visit for a repair that did not hold",
    "goodwill": "goodwill / no charge agreed",
    "work_described": "the work done",
}


def _pct(x: float) -> str:
    return f"{abs(x) * 100:.1f} %"


def _rate(ev: Evidence, _: Values) -> str:
    if not ev.rate_checks:
        return "no contract rates to check"
    worst = max(ev.rate_checks, key=lambda r: abs(r.deviation))
    if abs(worst.deviation) <= 0.0005:
        return "billed rates match the contract"
    what = (
        f"price of {worst.sku or worst.description}"
        if worst.kind == "part"
        else f"{worst.kind} rate"
    )
    side = "above" if worst.deviation > 0 else "below"
    ref = "price list" if worst.kind == "part" else "contract"
    return f"{what} {_pct(worst.deviation)} {side} {ref}"


def _hours(ev: Evidence, _: Values) -> str:
    parts = [p for p in ev.part_checks if p.mismatch]
    if abs(ev.labor_hours_delta) > 0.05:
        return f"billed labor {ev.billed_labor_hours:g} h vs {ev.reported_labor_hours:g} h reported"
    if abs(ev.travel_hours_delta) > 0.05:
        return (
            f"billed travel {ev.billed_travel_hours:g} h vs {ev.reported_travel_hours:g} h reported"
        )
    if parts:
        p = parts[0]
        return f"part {p.description}: billed {p.billed_qty:g} vs {p.reported_qty:g} reported"
    return "billed hours and quantities match the report"


def _tax(ev: Evidence, _: Values) -> str:
    if ev.tax_rate_wrong and ev.expected_tax_rate is not None:
        return f"tax rate {ev.tax_rate:.4g} differs from the region's {ev.expected_tax_rate:.4g}"
    if abs(ev.tax_delta) > 0.01:
        return f"tax amount off by {ev.tax_delta:+.2f} {ev.currency}"
    return "tax rate and amount are correct"


def _sla(ev: Evidence, _: Values) -> str:
    if ev.sla_breached:
        credit = "a credit line is present" if ev.has_credit_line else "no credit line"
        return (
            f"arrived {ev.response_hours:.1f} h after the report, SLA {ev.sla_hours:g} h; {credit}"
        )
    return f"arrived within the {ev.sla_hours:g} h SLA ({ev.response_hours:.1f} h)"


def _po(ev: Evidence, _: Values) -> str:
    if not ev.po_required:
        return "contract requires no PO"
    if ev.po_number is None:
        return "contract requires a PO and the invoice has none"
    return "PO number is valid" if ev.po_valid else f"PO {ev.po_number} is not on the contract"


def _dup(ev: Evidence, _: Values) -> str:
    if ev.duplicate_number:
        return f"invoice number already billed ({ev.duplicate_number[0]})"
    if ev.duplicate_work_order:
        return f"work order already invoiced ({ev.duplicate_work_order[0]})"
    return "no earlier invoice for this work order"


def _evidence(ev: Evidence, _: Values) -> str:
    if ev.labor_billed_without_hours:
        return "labor billed but the report shows no labor hours"
    sig = "signed" if ev.signed else "not signed"
    notes = "notes say nothing about the work" if ev.notes_blank else "notes describe the work"
    return f"report {sig}; {notes}"


def _warranty(ev: Evidence, _: Values) -> str:
    if ev.warranty_active:
        days = (
            f" ({ev.warranty_days_left:.0f} days left)" if ev.warranty_days_left is not None else ""
        )
        charged = "; repair still charged" if ev.repair_charged else "; repair credited"
        return f"asset under warranty{days}{charged}"
    return "asset out of warranty"


def _coverage(ev: Evidence, _: Values) -> str:
    covered = "covers" if ev.service_covered else "does not cover"
    return f"{ev.contract_type} contract {covered} this service type"


def _change_order(ev: Evidence, _: Values) -> str:
    return "a change order is cited" if ev.change_order_cited else "no change order cited"


def _visits(ev: Evidence, _: Values) -> str:
    return f"{ev.visits_30d} visit(s) in the last 30 days"


def _reading(values: Values, fact: str) -> float:
    """The most confident fact head's probability that the notes state `fact`."""
    return max(
        values.get(f"fact_{fact}", values.get(f"note_sim_{fact}", 0.0)),
        values.get(f"fact_sent_{fact}", 0.0),
        values.get(f"fact_char_{fact}", 0.0),
    )


def _reads(values: Values, fact: str) -> bool:
    return _reading(values, fact) >= 0.5


UNSURE_READING = 0.2  # between this and 0.5 the heads neither read a fact nor rule it out


def _fact(fact: str) -> Writer:
    """A middling reading says so: 'do not describe' beside a reason that pushed towards
    the fact (heads at 0.4 that the trees count as evidence) read as a contradiction."""

    def write(_: Evidence, values: Values) -> str:
        p = _reading(values, fact)
        if p >= 0.5:
            return f"notes describe {_FACT_TEXT[fact]}"
        if p >= UNSURE_READING:
            return f"notes may describe {_FACT_TEXT[fact]} (read at {p:.0%})"
        return f"notes do not describe {_FACT_TEXT[fact]}"

    return write


_STEP_TEXT = {
    "customer_caused": "customer-caused damage is billable",
    "warranty": "a failure under warranty is not billable",
    "rework": "a return visit for a repair that did not hold is not billable",
    "goodwill": "goodwill agreed in the notes, not billable",
}


def _billing_rule(ev: Evidence, values: Values) -> str:
    """The step of DOMAIN §3.2's cascade that decides, as the notes read."""
    facts = TextFacts(**{fact: _reads(values, fact) for fact in BILLABLE_FACTS})
    step, charged = billable_step(ev, facts)
    if step != "contract":
        text = _STEP_TEXT[step]
    elif ev.contract_type == "none":
        text = "no contract, labor is billable"
    else:
        covers = "does not include" if charged else "includes"
        text = f"the {ev.contract_type} contract {covers} this labor"
    return f"billing rule: {text}"


def _dispute(_: Evidence, values: Values) -> str:
    sims = {
        k.removeprefix("dispute_sim_"): v for k, v in values.items() if k.startswith("dispute_sim_")
    }
    top = max(sims, key=lambda k: sims[k]) if sims else ""
    return f"dispute text is closest to '{top.replace('_', ' ')}'" if top else "no dispute text"


def _rule_features(rule: str) -> tuple[str, ...]:
    return tuple(rule_feature(rule, head) for head in HEADS)


GROUPS: dict[str, tuple[Writer, tuple[str, ...]]] = {
    "duplicate": (_dup, ("duplicate_number", "duplicate_work_order", "n_prior_invoices")),
    "evidence": (
        _evidence,
        (
            "signed",
            "notes_blank",
            "notes_words_log",
            "labor_billed",
            "labor_billed_without_hours",
            "reported_labor_hours",
            *_rule_features("missing_evidence"),
        ),
    ),
    "po": (_po, ("po_required", "po_present", "po_valid", "po_missing")),
    "warranty": (
        _warranty,
        (
            "warranty_active",
            "warranty_days_left",
            "repair_charged",
            "credit_ratio",
            *_rule_features("warranty_coverage"),
        ),
    ),
    "change_order": (_change_order, ("change_order_cited",)),
    "billing_rule": (_billing_rule, _rule_features("billable")),
    "sla": (
        _sla,
        ("sla_hours", "response_hours", "sla_excess_hours", "sla_credit_due", "has_credit_line"),
    ),
    "rate": (
        _rate,
        (
            "rate_max_abs_dev",
            "rate_max_signed_dev",
            "labor_rate_dev",
            "travel_rate_dev",
            "part_price_max_abs_dev",
            "rate_mismatch",
        ),
    ),
    "quantity": (
        _hours,
        (
            "labor_hours_delta",
            "travel_hours_delta",
            "hours_max_abs_delta",
            "part_qty_mismatches",
            "part_qty_max_abs_delta",
            "quantity_mismatch",
        ),
    ),
    "tax": (_tax, ("tax_rate_delta", "tax_amount_delta", "tax_rate_wrong", "tax_error")),
    "coverage": (_coverage, ("service_covered",)),
    "visits": (_visits, ("visits_30d",)),
    **{
        f"notes_{fact}": (
            _fact(fact),
            (f"fact_{fact}", f"fact_sent_{fact}", f"fact_char_{fact}", f"note_sim_{fact}")
            + (_rule_features("out_of_scope") if fact == "extra_work" else ()),
        )
        for fact in _FACT_TEXT
    },
    "notes_no_work": (
        _fact("work_described"),
        ("note_sim_no_work_described", "sent_sim_no_work_described"),
    ),
    "dispute": (
        _dispute,
        tuple(
            f"dispute_sim_{k}"
            for k in (
                "late_arrival",
                "rate_overcharge",
                "hours_wrong",
                "warranty_claim",
                "not_ordered",
            )
        ),
    ),
}
_GROUP_OF = {feature: group for group, (_, features) in GROUPS.items() for feature in features}


def group_of(feature: str) -> str | None:
    """The reason group a feature belongs to (None: contract/service/workflow context)."""
    return _GROUP_OF.get(feature)


def explain(
    contributions: npt.NDArray[np.float64],
    values: npt.NDArray[np.float32],
    names: Sequence[str],
    ev: Evidence,
    *,
    target: str,
    top: int = 3,
) -> list[Reason]:
    """The `top` reason groups that pushed the score towards `target`, strongest first."""
    explainer = Explainer(names)
    return explainer.reasons(
        explainer.totals(np.asarray(contributions)[None, :])[0], values, ev, target=target, top=top
    )


class Explainer:
    """`explain` for one feature list, precomputed: a batch's group sums are one matrix
    product instead of a Python loop over every feature of every case."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        order: dict[str, None] = {}
        for name in self.names:
            group = _GROUP_OF.get(name)
            if group is not None:
                order.setdefault(group)
        self.groups = list(order)  # first-appearance order breaks ties as before
        column = {g: j for j, g in enumerate(self.groups)}
        self._members = np.zeros((len(self.names), len(self.groups)), dtype=np.float64)
        for i, name in enumerate(self.names):
            group = _GROUP_OF.get(name)
            if group is not None:
                self._members[i, column[group]] = 1.0

    def totals(self, contributions: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """(cases, features[+bias]) contributions -> (cases, groups) summed per reason group."""
        width = len(self.names)
        return np.asarray(contributions[:, :width], dtype=np.float64) @ self._members

    def reasons(
        self,
        totals: npt.NDArray[np.float64],
        values: npt.NDArray[np.float32],
        ev: Evidence,
        *,
        target: str,
        top: int = 3,
    ) -> list[Reason]:
        """One case's reasons from its group totals (a row of `totals`)."""
        ranked = sorted(
            (j for j in range(len(self.groups)) if totals[j] > 0.05), key=lambda j: -totals[j]
        )[:top]
        if not ranked:
            return []
        named = dict(zip(self.names, values.tolist(), strict=True))
        reasons: list[Reason] = []
        for j in ranked:
            group = self.groups[j]
            writer, _ = GROUPS[group]
            reasons.append(
                Reason(
                    code=f"model.{target}.{group}",
                    text=writer(ev, named),
                    kind="model",
                    data={"contribution": round(float(totals[j]), 4)},
                )
            )
        return reasons


def class_boosters(booster: Any, text: str | None = None) -> list[Any]:
    """A multiclass LightGBM booster split into one single-output booster per class.

    A class's raw score is the sum of its own trees, and TreeSHAP is additive over
    trees, so `pred_contrib` of class k's sub-booster equals the class-k slice of the
    full booster's contributions while walking a tenth of the trees. Explaining only
    the predicted class is what makes per-decision SHAP cheap. `text` is the booster's
    model text when the caller has it (a loaded bundle): serialising it again costs a
    service ~0.13 s at every start.
    """
    import lightgbm as lgb

    per_iteration = booster.num_model_per_iteration()
    if per_iteration == 1:
        return [booster]
    if text is None:
        text = booster.model_to_string()
    head, _, rest = text.partition("\nTree=")
    trees_text, _, _ = ("Tree=" + rest).partition("end of trees")
    blocks = [b.strip("\n") for b in trees_text.split("\n\n")]
    blocks = [b for b in blocks if b.startswith("Tree=")]
    header = [
        line
        for line in head.splitlines()
        if not line.startswith(
            ("num_class=", "num_tree_per_iteration=", "objective=", "tree_sizes=")
        )
    ]
    header += ["num_class=1", "num_tree_per_iteration=1", "objective=regression"]
    out = []
    for k in range(per_iteration):
        mine = blocks[k::per_iteration]
        renumbered = [f"Tree={i}\n" + block.split("\n", 1)[1] for i, block in enumerate(mine)]
        model = "\n".join(header) + "\n\n" + "\n\n".join(renumbered) + "\n\nend of trees\n"
        out.append(lgb.Booster(model_str=model))
    return out
