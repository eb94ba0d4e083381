"""Evidence in words: the deterministic findings a reviewer and an auditor read."""

from __future__ import annotations

from triage.domain.decision import Reason
from triage.reconcile.evidence import Evidence


def _rule(code: str, text: str, **data: object) -> Reason:
    return Reason(code=code, text=text, kind="rule", data=dict(data))


def _signed_pct(value: float) -> str:
    direction = "above" if value > 0 else "below"
    return f"{abs(value) * 100:.1f} % {direction}"


def evidence_reasons(ev: Evidence) -> list[Reason]:
    """Every deterministic check that found something, as reason codes with figures."""
    out: list[Reason] = []
    if ev.duplicate_number:
        out.append(
            _rule(
                "rule.duplicate_invoice_number",
                f"invoice number already billed: {', '.join(ev.duplicate_number)}",
                matches=ev.duplicate_number,
            )
        )
    if ev.duplicate_work_order:
        out.append(
            _rule(
                "rule.duplicate_work_order",
                f"work order already invoiced on {', '.join(ev.duplicate_work_order)}",
                matches=ev.duplicate_work_order,
            )
        )
    if ev.labor_billed_without_hours:
        out.append(
            _rule("rule.labor_without_hours", "labor is billed but the report shows no labor hours")
        )
    if not ev.signed and ev.notes_blank:
        out.append(
            _rule(
                "rule.unsigned_no_notes",
                "report is not signed by the customer and its notes describe no work",
            )
        )
    if ev.po_missing:
        text = (
            f"PO {ev.po_number} is not on the contract"
            if ev.po_number
            else "the contract requires a PO and the invoice has none"
        )
        out.append(_rule("rule.po_missing", text, po_number=ev.po_number))
    if ev.warranty_active and ev.repair_charged:
        out.append(
            _rule(
                "rule.warranty_active",
                f"asset under warranty on completion ({ev.warranty_days_left} days left) "
                "and the repair is charged",
                days_left=ev.warranty_days_left,
            )
        )
    if ev.sla_breached:
        credit = "a credit line is present" if ev.has_credit_line else "no credit line"
        out.append(
            _rule(
                "rule.sla_breached",
                f"response took {ev.response_hours:.1f} h against an SLA of "
                f"{ev.sla_hours:g} h; {credit}",
                response_hours=ev.response_hours,
                sla_hours=ev.sla_hours,
            )
        )
    for check in ev.rate_checks:
        if check.mismatch:
            out.append(
                _rule(
                    "rule.rate_deviation",
                    f"{check.kind} rate {_signed_pct(check.deviation)} contract "
                    f"({check.billed:,.2f} vs {check.expected:,.2f}, {check.description})",
                    line=check.line_index,
                    deviation=check.deviation,
                )
            )
    for kind, delta, billed, reported in (
        ("labor", ev.labor_hours_delta, ev.billed_labor_hours, ev.reported_labor_hours),
        ("travel", ev.travel_hours_delta, ev.billed_travel_hours, ev.reported_travel_hours),
    ):
        if abs(delta) > 0.05 + 1e-9:
            out.append(
                _rule(
                    f"rule.{kind}_hours_mismatch",
                    f"billed {kind} hours {billed:g} vs {reported:g} on the report",
                    billed=billed,
                    reported=reported,
                )
            )
    for part in ev.part_checks:
        if part.mismatch:
            out.append(
                _rule(
                    "rule.part_quantity_mismatch",
                    f"part {part.description}: billed {part.billed_qty:g}, "
                    f"reported {part.reported_qty:g}",
                    part=part.key,
                )
            )
    if ev.tax_rate_wrong:
        out.append(
            _rule(
                "rule.tax_rate",
                f"tax rate {ev.tax_rate:.4g} differs from the region's {ev.expected_tax_rate:.4g}",
            )
        )
    elif ev.tax_amount_wrong:
        out.append(
            _rule(
                "rule.tax_amount",
                f"tax differs from subtotal x rate by {ev.tax_delta:+.2f}",
                delta=ev.tax_delta,
            )
        )
    if ev.change_order_cited:
        out.append(_rule("rule.change_order_cited", "a change order (CO-...) is cited"))
    return out
