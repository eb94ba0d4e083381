"""Both sides of every boundary of every DOMAIN §3 rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.factories import clean_case_dict, example_case_dict, make_case, recompute_totals
from triage.domain.vocab import ExceptionLabel as L
from triage.reconcile import (
    UNKNOWN_TEXT,
    TextFacts,
    applicable_labels,
    billable,
    evidence_reasons,
    exception_label,
    notes_are_blank,
    reconcile,
)

WARRANTY_FACTS = TextFacts(work_described=True, component_failure=True, customer_caused=False)
Edit = Callable[[dict[str, Any]], None]


def _label(data: dict[str, Any], facts: TextFacts = UNKNOWN_TEXT) -> L:
    return exception_label(reconcile(make_case(data)), facts)


def _edited(edit: Edit, base: Callable[[], dict[str, Any]] = clean_case_dict) -> dict[str, Any]:
    data = base()
    edit(data)
    return data


def test_clean_case_is_none() -> None:
    assert _label(clean_case_dict()) is L.NONE


def test_domain_example_is_warranty_not_billable() -> None:
    ev = reconcile(make_case(example_case_dict()))
    assert exception_label(ev, WARRANTY_FACTS) is L.WARRANTY_COVERAGE
    assert billable(ev, WARRANTY_FACTS) is False


def _set_rate(data: dict[str, Any], factor: float) -> None:
    data["invoice"]["lines"][0]["unit_price"] = round(95.0 * factor, 2)
    recompute_totals(data)


@pytest.mark.parametrize(
    ("factor", "expected"),
    [
        (1.005, L.NONE),
        (1.0099, L.NONE),
        (1.01, L.NONE),  # exactly 1 % (95.95): "more than 1 %" is not met, whatever the floats say
        (0.99, L.NONE),
        (1.0105, L.RATE_MISMATCH),
        (1.03, L.RATE_MISMATCH),
        (0.97, L.RATE_MISMATCH),
    ],
)
def test_rate_boundary(factor: float, expected: L) -> None:
    assert _label(_edited(lambda d: _set_rate(d, factor))) is expected


def test_rate_not_checked_without_contract() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["contract"]["type"] = "none"
        _set_rate(d, 1.2)

    assert _label(_edited(edit)) is L.NONE


def test_part_price_checked_against_price_list() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["invoice"]["lines"][2]["unit_price"] = 330.0
        recompute_totals(d)

    assert _label(_edited(edit)) is L.RATE_MISMATCH


def _set_hours(d: dict[str, Any], labor: float) -> None:
    d["invoice"]["lines"][0]["qty"] = labor
    recompute_totals(d)


@pytest.mark.parametrize(
    ("billed", "expected"),
    [(3.55, L.NONE), (3.45, L.NONE), (3.56, L.QUANTITY_MISMATCH), (3.0, L.QUANTITY_MISMATCH)],
)
def test_hours_boundary(billed: float, expected: L) -> None:
    assert _label(_edited(lambda d: _set_hours(d, billed))) is expected


def test_labor_split_over_lines_is_summed() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["invoice"]["lines"][0]["qty"] = 2.0
        d["invoice"]["lines"].insert(1, {**d["invoice"]["lines"][0], "qty": 1.5})
        recompute_totals(d)

    assert _label(_edited(edit)) is L.NONE


def test_part_billed_but_not_reported_is_quantity_mismatch() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["invoice"]["lines"].append(
            {
                "kind": "part",
                "description": "Fuse",
                "sku": "P-1001",
                "qty": 2,
                "unit_price": 12.5,
                "amount": 25.0,
            }
        )
        recompute_totals(d)

    assert _label(_edited(edit)) is L.QUANTITY_MISMATCH


def _set_tax(d: dict[str, Any], rate: float, delta: float = 0.0) -> None:
    d["invoice"]["tax_rate"] = rate
    d["invoice"]["tax"] = round(d["invoice"]["subtotal"] * rate + delta, 2)
    d["invoice"]["total"] = round(d["invoice"]["subtotal"] + d["invoice"]["tax"], 2)


@pytest.mark.parametrize(
    ("rate", "delta", "expected"),
    [
        (0.19, 0.0, L.NONE),
        (0.19, 0.01, L.NONE),
        (0.19, 0.03, L.TAX_ERROR),
        (0.16, 0.0, L.TAX_ERROR),
    ],
)
def test_tax_boundary(rate: float, delta: float, expected: L) -> None:
    assert _label(_edited(lambda d: _set_tax(d, rate, delta))) is expected


def _set_arrival(d: dict[str, Any], arrived: str) -> None:
    d["service_report"]["arrived_at"] = arrived
    d["service_report"]["completed_at"] = "2026-03-02T23:35:00+01:00"


@pytest.mark.parametrize(
    ("arrived", "expected"),
    [
        ("2026-03-02T15:40:00+01:00", L.NONE),  # exactly 8 h: not exceeded
        ("2026-03-02T15:41:00+01:00", L.SLA_CREDIT),
        ("2026-03-02T15:39:00+01:00", L.NONE),
    ],
)
def test_sla_boundary(arrived: str, expected: L) -> None:
    assert _label(_edited(lambda d: _set_arrival(d, arrived))) is expected


def test_sla_offsets_are_respected() -> None:
    # 07:40+01:00 is 06:40Z; 14:41Z is 8h01 later although the wall clocks differ by 7h01.
    assert _label(_edited(lambda d: _set_arrival(d, "2026-03-02T14:41:00+00:00"))) is L.SLA_CREDIT


def test_sla_credit_line_cancels_rule() -> None:
    def edit(d: dict[str, Any]) -> None:
        _set_arrival(d, "2026-03-02T18:00:00+01:00")
        d["invoice"]["lines"].append(
            {
                "kind": "credit",
                "description": "SLA credit",
                "sku": None,
                "qty": 1,
                "unit_price": -40.0,
                "amount": -40.0,
            }
        )
        recompute_totals(d)

    assert _label(_edited(edit)) is L.NONE


@pytest.mark.parametrize(
    ("po", "required", "expected"),
    [
        ("PO-55120", True, L.NONE),
        ("PO-99999", True, L.MISSING_PO),
        ("", True, L.MISSING_PO),
        (None, True, L.MISSING_PO),
        (None, False, L.NONE),
    ],
)
def test_po_rule(po: str | None, required: bool, expected: L) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["invoice"]["po_number"] = po
        d["contract"]["po_required"] = required

    assert _label(_edited(edit)) is expected


def test_duplicate_by_number_and_by_work_order() -> None:
    def by_number(d: dict[str, Any]) -> None:
        d["history"]["prior_invoices"].append(
            {
                "number": "INV-2026-10311",
                "work_order_id": "WO-X",
                "date": "2026-03-01",
                "total": 1.0,
            }
        )

    def by_wo(d: dict[str, Any]) -> None:
        d["history"]["prior_invoices"].append(
            {
                "number": "INV-1",
                "work_order_id": "WO-2026-004211",
                "date": "2026-03-01",
                "total": 1.0,
            }
        )

    assert _label(_edited(by_number)) is L.DUPLICATE_BILLING
    assert _label(_edited(by_wo)) is L.DUPLICATE_BILLING


def test_duplicate_wins_over_rate_error() -> None:
    def edit(d: dict[str, Any]) -> None:
        _set_rate(d, 1.1)
        d["history"]["prior_invoices"][0]["work_order_id"] = "WO-2026-004211"

    data = _edited(edit)
    fired = applicable_labels(reconcile(make_case(data)), UNKNOWN_TEXT)
    assert fired == [L.DUPLICATE_BILLING, L.RATE_MISMATCH]


def test_missing_evidence_unsigned_filler_and_labor_without_hours() -> None:
    def unsigned(d: dict[str, Any]) -> None:
        d["service_report"]["customer_signature"] = False
        d["service_report"]["notes"] = "see above"

    def signed_filler(d: dict[str, Any]) -> None:
        d["service_report"]["notes"] = "done."

    def no_hours(d: dict[str, Any]) -> None:
        d["service_report"]["labor_hours"] = 0.0

    assert _label(_edited(unsigned)) is L.MISSING_EVIDENCE
    assert _label(_edited(signed_filler)) is L.NONE
    assert _label(_edited(no_hours)) is L.MISSING_EVIDENCE


def test_missing_evidence_uses_text_meaning_when_known() -> None:
    data = _edited(
        lambda d: d["service_report"].update(customer_signature=False, notes="Kunde nicht da.")
    )
    ev = reconcile(make_case(data))
    assert exception_label(ev, UNKNOWN_TEXT) is L.NONE
    assert exception_label(ev, TextFacts(work_described=False)) is L.MISSING_EVIDENCE


@pytest.mark.parametrize(
    ("warranty_end", "expected"),
    [("2026-03-02", L.WARRANTY_COVERAGE), ("2026-03-01", L.NONE)],
)
def test_warranty_end_on_completion_day_counts(warranty_end: str, expected: L) -> None:
    data = _edited(lambda d: d["asset"].update(warranty_end=warranty_end))
    assert _label(data, WARRANTY_FACTS) is expected


def test_warranty_uses_local_completion_date() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["asset"]["warranty_end"] = "2026-03-02"
        d["service_report"]["completed_at"] = "2026-03-02T23:30:00-05:00"  # 03-03 in UTC

    assert _label(_edited(edit), WARRANTY_FACTS) is L.WARRANTY_COVERAGE


def test_warranty_not_applied_when_customer_caused_or_credited() -> None:
    data = example_case_dict()
    caused = TextFacts(work_described=True, component_failure=False, customer_caused=True)
    assert _label(data, caused) is L.NONE

    def credited(d: dict[str, Any]) -> None:
        d["invoice"]["lines"].append(
            {
                "kind": "credit",
                "description": "Warranty",
                "sku": None,
                "qty": 1,
                "unit_price": -642.5,
                "amount": -642.5,
            }
        )
        recompute_totals(d)

    assert _label(_edited(credited, example_case_dict), WARRANTY_FACTS) is L.NONE


def test_out_of_scope_needs_no_change_order() -> None:
    extra = TextFacts(work_described=True, extra_work=True)
    assert _label(clean_case_dict(), extra) is L.OUT_OF_SCOPE
    with_co = _edited(lambda d: d["invoice"].update(po_number="PO-55120 / CO-1234"))
    assert _label(with_co, extra) is L.MISSING_PO  # the PO field is now not a valid PO
    in_notes = _edited(lambda d: d["service_report"].update(notes="Added bypass valve per CO-88."))
    assert _label(in_notes, extra) is L.NONE


@pytest.mark.parametrize(
    ("facts", "contract", "service", "visits", "expected"),
    [
        (
            TextFacts(customer_caused=True, component_failure=True),
            "full_service",
            "repair",
            0,
            True,
        ),
        (TextFacts(component_failure=True), "time_and_materials", "repair", 0, False),
        (TextFacts(rework=True), "time_and_materials", "repair", 1, False),
        (TextFacts(rework=True), "time_and_materials", "repair", 0, True),
        (TextFacts(goodwill=True), "time_and_materials", "repair", 0, False),
        (UNKNOWN_TEXT, "full_service", "repair", 0, False),
        (UNKNOWN_TEXT, "labor_only", "repair", 0, False),
        (UNKNOWN_TEXT, "parts_only", "repair", 0, True),
        (UNKNOWN_TEXT, "full_service", "emergency_repair", 0, True),
        (UNKNOWN_TEXT, "none", "repair", 0, True),
    ],
)
def test_billable_rule_order(
    facts: TextFacts, contract: str, service: str, visits: int, expected: bool
) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["contract"]["type"] = contract
        d["service_report"]["service_type"] = service
        d["history"]["visits_30d"] = visits

    data = _edited(edit, example_case_dict)
    assert billable(reconcile(make_case(data)), facts) is expected


@pytest.mark.parametrize("notes", ["", "  ", "done", "Done.", "see above", "OK", "erledigt", "n/a"])
def test_notes_blank_detects_filler(notes: str) -> None:
    assert notes_are_blank(notes)


@pytest.mark.parametrize(
    "notes", ["Replaced relay", "done - replaced filter", "no fault found, tested"]
)
def test_notes_blank_keeps_real_notes(notes: str) -> None:
    assert not notes_are_blank(notes)


def test_evidence_reasons_state_rate_deviation_in_words() -> None:
    data = _edited(lambda d: _set_rate(d, 1.031))
    reasons = evidence_reasons(reconcile(make_case(data)))
    rate = [r for r in reasons if r.code == "rule.rate_deviation"]
    assert rate
    assert "3.1 % above contract" in rate[0].text
