"""Deterministic checks of a case (DOMAIN.md §3) as structured evidence.

The same evidence feeds the models as features and the decision as reasons,
so every figure a reviewer sees was computed once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triage.domain.case import Case, InvoiceLine
from triage.domain.vocab import (
    CHANGE_ORDER,
    HOURS_TOLERANCE,
    RATE_TOLERANCE,
    TAX_RATES,
    TAX_TOLERANCE,
    ContractType,
    LineKind,
)

_FILLER = re.compile(
    r"^(?:done|ok|okay|fixed|completed?|finished|see above|see attached|n/?a|na|-+|\.+|"
    r"erledigt|fertig|siehe oben|ok done|job done|all good|work done)$",
    re.IGNORECASE,
)


def notes_are_blank(notes: str) -> bool:
    """Empty notes or one filler phrase ("done", "see above"): the deterministic part of rule 2."""
    text = re.sub(r"[\s.!,;:]+", " ", notes).strip()
    return not text or bool(_FILLER.match(text))


@dataclass(frozen=True, slots=True)
class RateCheck:
    line_index: int
    kind: str
    description: str
    sku: str | None
    billed: float
    expected: float
    deviation: float  # relative: (billed - expected) / expected

    @property
    def mismatch(self) -> bool:
        # 95.95 against 95.00 is 1.0000000000000009 % in floats: exactly 1 % is within
        return abs(self.deviation) > RATE_TOLERANCE + 1e-9


@dataclass(frozen=True, slots=True)
class PartCheck:
    key: str
    description: str
    billed_qty: float
    reported_qty: float

    @property
    def mismatch(self) -> bool:
        return abs(self.billed_qty - self.reported_qty) > 1e-9


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything the rules can decide without reading the notes."""

    duplicate_number: list[str]
    duplicate_work_order: list[str]
    signed: bool
    notes_blank: bool
    labor_billed: bool
    labor_billed_without_hours: bool
    po_required: bool
    po_number: str | None
    po_valid: bool
    warranty_active: bool
    warranty_days_left: float | None
    repair_charged: bool
    change_order_cited: bool
    sla_hours: float
    response_hours: float
    has_credit_line: bool
    rate_checks: list[RateCheck]
    billed_labor_hours: float
    reported_labor_hours: float
    billed_travel_hours: float
    reported_travel_hours: float
    part_checks: list[PartCheck]
    expected_tax_rate: float | None
    tax_rate: float
    tax_delta: float
    service_covered: bool
    contract_type: str
    visits_30d: int
    invoice_total: float
    currency: str

    # --- the rule predicates, named after DOMAIN.md §3.1 -----------------
    @property
    def is_duplicate(self) -> bool:
        return bool(self.duplicate_number or self.duplicate_work_order)

    @property
    def evidence_missing_deterministic(self) -> bool:
        return (not self.signed and self.notes_blank) or self.labor_billed_without_hours

    @property
    def po_missing(self) -> bool:
        return self.po_required and not self.po_valid

    @property
    def sla_breached(self) -> bool:
        return self.response_hours > self.sla_hours

    @property
    def sla_credit_due(self) -> bool:
        return self.sla_breached and not self.has_credit_line

    @property
    def max_rate_deviation(self) -> float:
        return max((abs(r.deviation) for r in self.rate_checks), default=0.0)

    @property
    def rate_mismatch(self) -> bool:
        return any(r.mismatch for r in self.rate_checks)

    @property
    def labor_hours_delta(self) -> float:
        return self.billed_labor_hours - self.reported_labor_hours

    @property
    def travel_hours_delta(self) -> float:
        return self.billed_travel_hours - self.reported_travel_hours

    @property
    def quantity_mismatch(self) -> bool:
        return (
            abs(self.labor_hours_delta) > HOURS_TOLERANCE + 1e-9
            or abs(self.travel_hours_delta) > HOURS_TOLERANCE + 1e-9
            or any(p.mismatch for p in self.part_checks)
        )

    @property
    def tax_rate_wrong(self) -> bool:
        return (
            self.expected_tax_rate is not None
            and abs(self.tax_rate - self.expected_tax_rate) > 1e-9
        )

    @property
    def tax_amount_wrong(self) -> bool:
        return abs(self.tax_delta) > TAX_TOLERANCE + 1e-9

    @property
    def tax_error(self) -> bool:
        return self.tax_rate_wrong or self.tax_amount_wrong


def _norm(value: str | None) -> str:
    return re.sub(r"\s+", "", value or "").casefold()


def _part_key(sku: str | None, description: str) -> str:
    return f"sku:{_norm(sku)}" if sku and sku.strip() else f"desc:{_norm(description)}"


def _rate_checks(case: Case) -> list[RateCheck]:
    contract = case.contract
    if contract.type is ContractType.NONE:
        return []
    prices = {_norm(k): v for k, v in contract.price_list.items()}
    checks: list[RateCheck] = []
    for i, line in enumerate(case.invoice.lines):
        expected = _expected_price(line, contract.labor_rate, contract.travel_rate, prices)
        if expected is None or expected <= 0:
            continue
        checks.append(
            RateCheck(
                line_index=i,
                kind=line.kind.value,
                description=line.description,
                sku=line.sku,
                billed=line.unit_price,
                expected=expected,
                deviation=(line.unit_price - expected) / expected,
            )
        )
    return checks


def _expected_price(
    line: InvoiceLine, labor_rate: float, travel_rate: float, prices: dict[str, float]
) -> float | None:
    if line.kind is LineKind.LABOR:
        return labor_rate
    if line.kind is LineKind.TRAVEL:
        return travel_rate
    if line.kind is LineKind.PART and line.sku:
        return prices.get(_norm(line.sku))
    return None


def _part_checks(case: Case) -> list[PartCheck]:
    reported: dict[str, tuple[str, float]] = {}
    for part in case.service_report.parts:
        key = _part_key(part.sku, part.description)
        desc, qty = reported.get(key, (part.description, 0.0))
        reported[key] = (desc, qty + part.qty)
    billed: dict[str, tuple[str, float]] = {}
    for line in case.invoice.lines:
        if line.kind is LineKind.PART:
            key = _part_key(line.sku, line.description)
            desc, qty = billed.get(key, (line.description, 0.0))
            billed[key] = (desc, qty + line.qty)
    keys = list(dict.fromkeys([*billed, *reported]))
    return [
        PartCheck(
            key=k,
            description=(billed.get(k) or reported[k])[0],
            billed_qty=billed.get(k, ("", 0.0))[1],
            reported_qty=reported.get(k, ("", 0.0))[1],
        )
        for k in keys
    ]


def _sum_qty(lines: list[InvoiceLine], kind: LineKind) -> float:
    return sum(line.qty for line in lines if line.kind is kind)


def reconcile(case: Case) -> Evidence:
    """Compute every deterministic check of DOMAIN.md §3 for one case."""
    report, invoice, contract = case.service_report, case.invoice, case.contract
    lines = invoice.lines
    wo = _norm(report.work_order_id)
    number = _norm(invoice.number)
    dup_number = [p.number for p in case.history.prior_invoices if _norm(p.number) == number]
    dup_wo = [
        p.number
        for p in case.history.prior_invoices
        if p.work_order_id and _norm(p.work_order_id) == wo and _norm(p.number) != number
    ]
    billed_labor = _sum_qty(lines, LineKind.LABOR)
    labor_lines = any(line.kind is LineKind.LABOR and line.amount > 0 for line in lines)
    po = (invoice.po_number or "").strip()
    valid_pos = {_norm(p) for p in contract.po_numbers}
    completed_local = report.completed_at.date()
    warranty_end = case.asset.warranty_end
    warranty_active = warranty_end is not None and warranty_end >= completed_local
    charged = sum(line.amount for line in lines if line.kind in (LineKind.LABOR, LineKind.PART))
    credited = -sum(line.amount for line in lines if line.kind is LineKind.CREDIT)
    texts = [report.notes, po, *(line.description for line in lines)]
    expected_tax = TAX_RATES.get(case.customer.region)
    return Evidence(
        duplicate_number=dup_number,
        duplicate_work_order=dup_wo,
        signed=report.customer_signature,
        notes_blank=notes_are_blank(report.notes),
        labor_billed=labor_lines,
        labor_billed_without_hours=labor_lines and report.labor_hours <= 0,
        po_required=contract.po_required,
        po_number=po or None,
        po_valid=bool(po) and _norm(po) in valid_pos,
        warranty_active=warranty_active,
        warranty_days_left=(
            (warranty_end - completed_local).days if warranty_end is not None else None
        ),
        repair_charged=charged > 0.005 and credited < charged - 0.005,
        change_order_cited=any(CHANGE_ORDER.search(t or "") for t in texts),
        sla_hours=contract.sla_response_hours,
        response_hours=(report.arrived_at - report.reported_at).total_seconds() / 3600.0,
        has_credit_line=any(line.kind is LineKind.CREDIT for line in lines),
        rate_checks=_rate_checks(case),
        billed_labor_hours=billed_labor,
        reported_labor_hours=report.labor_hours,
        billed_travel_hours=_sum_qty(lines, LineKind.TRAVEL),
        reported_travel_hours=report.travel_hours,
        part_checks=_part_checks(case),
        expected_tax_rate=expected_tax,
        tax_rate=invoice.tax_rate,
        tax_delta=invoice.tax - invoice.subtotal * invoice.tax_rate,
        service_covered=report.service_type in contract.covered_services,
        contract_type=contract.type.value,
        visits_30d=case.history.visits_30d,
        invoice_total=invoice.total,
        currency=invoice.currency,
    )
