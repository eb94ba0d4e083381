"""The simulator: determinism, validity, rule-exact labels, distribution, consistency."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import Decimal

import pytest

from triage.domain.parse import parse_case
from triage.domain.vocab import EXCEPTION_LABELS, REGION_CURRENCY, TAX_RATES, ContractType
from triage.reconcile import TextFacts, billable, exception_label, reconcile
from triage.simulate import generate
from triage.simulate.scenario import WORKFLOW_LABELS

TEXT_FIELDS = ("work_described", "component_failure", "customer_caused", "extra_work")
TEXT_FIELDS += ("rework", "goodwill")


@pytest.fixture(scope="module")
def sample() -> list:
    return list(generate(5000, 11))


def test_generate_is_deterministic_for_a_seed() -> None:
    first = list(generate(60, 5))
    assert first == list(generate(60, 5))
    assert [s.case for s in first] != [s.case for s in generate(60, 6)]
    assert list(generate(80, 5))[:60] == first


def test_generate_cases_pass_parse_case(sample: list) -> None:
    for sim in sample[:1500]:
        parse_case(sim.case)


def test_generate_labels_rederive_from_rendered_case(sample: list) -> None:
    for sim in sample:
        facts = TextFacts(**{k: sim.label["facts"][k] for k in TEXT_FIELDS})
        evidence = reconcile(parse_case(sim.case))
        assert exception_label(evidence, facts).value == sim.label["exception"]
        assert billable(evidence, facts) is sim.label["billable"]


def test_generate_every_label_at_least_4_percent(sample: list) -> None:
    counts = Counter(s.label["exception"] for s in sample)
    assert set(counts) == set(EXCEPTION_LABELS)
    assert min(counts.values()) >= 0.04 * len(sample)
    bills = Counter(s.label["billable"] for s in sample)
    assert min(bills.values()) >= 0.2 * len(sample)


def test_generate_covers_workflows_regions_contracts(sample: list) -> None:
    assert {s.case["workflow"] for s in sample} == set(WORKFLOW_LABELS)
    assert {s.case["customer"]["region"] for s in sample} == set(TAX_RATES)
    assert {s.case["contract"]["type"] for s in sample} == {c.value for c in ContractType}
    for sim in sample:
        assert sim.label["exception"] in WORKFLOW_LABELS[sim.case["workflow"]]


def test_generate_contains_boundary_hard_cases(sample: list) -> None:
    tags = Counter(t.split(":")[0] for s in sample for t in s.label["facts"]["hard"])
    for tag in (
        "precedence",
        "rate_just_over_1pct",
        "rate_within_1pct",
        "tax_rounding_within_0.01",
        "sla_exact",
        "sla_just_over",
        "sla_just_under",
        "hours_within_tolerance",
        "warranty_ends_on_completion",
        "warranty_expired_day_before",
        "negated_damage",
        "extra_work_with_change_order",
        "signed_filler_notes",
    ):
        assert tags[tag] >= 5, tag
    pairs = {t for s in sample for t in s.label["facts"]["hard"] if t.startswith("precedence")}
    assert "precedence:duplicate_billing>rate_mismatch" in pairs


def test_generate_negated_damage_never_sets_customer_caused(sample: list) -> None:
    negated = [s for s in sample if "negated_damage" in s.label["facts"]["hard"]]
    assert negated
    assert not any(s.label["facts"]["customer_caused"] for s in negated)


def _cents(value: float) -> Decimal:
    return Decimal(str(value))


def test_generate_cases_are_internally_consistent(sample: list) -> None:
    for sim in sample:
        case = sim.case
        inv, rep, contract = case["invoice"], case["service_report"], case["contract"]
        for line in inv["lines"]:
            exact = _cents(line["qty"]) * _cents(line["unit_price"])
            assert abs(exact - _cents(line["amount"])) <= Decimal("0.005")
            if line["kind"] == "credit":
                assert line["amount"] < 0
        assert sum(_cents(ln["amount"]) for ln in inv["lines"]) == _cents(inv["subtotal"])
        assert _cents(inv["subtotal"]) + _cents(inv["tax"]) == _cents(inv["total"])
        assert (
            inv["currency"] == contract["currency"] == REGION_CURRENCY[case["customer"]["region"]]
        )
        times = [
            datetime.fromisoformat(rep[k]) for k in ("reported_at", "arrived_at", "completed_at")
        ]
        assert times == sorted(times)
        assert (case["dispute"] is not None) == (case["workflow"] == "dispute_credit")


def test_generate_label_noise_is_off_by_default_and_flips_when_asked(sample: list) -> None:
    assert not any(s.label["facts"]["noise"] for s in sample)
    noisy = list(generate(400, 11, label_noise=0.25))
    flipped = [s for s in noisy if s.label["facts"]["noise"]]
    assert 50 <= len(flipped) <= 150
    for sim in flipped:
        facts = sim.label["facts"]
        assert (facts["clean_exception"], facts["clean_billable"]) != (
            sim.label["exception"],
            sim.label["billable"],
        )


def test_generate_mix_restricts_labels() -> None:
    sims = list(generate(60, 3, mix={"tax_error": 1.0, "none": 1.0}))
    assert {s.label["exception"] for s in sims} <= {"tax_error", "none"}


def test_generate_rejects_unknown_mix_label_and_partition() -> None:
    with pytest.raises(ValueError, match="unknown labels"):
        next(generate(1, 1, mix={"fraud": 1.0}))
    with pytest.raises(ValueError, match="partition"):
        next(generate(1, 1, partition="holdout"))
