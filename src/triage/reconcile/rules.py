"""The label rules of DOMAIN.md §3.1-§3.2 applied to evidence plus what the notes mean.

`TextFacts` is what a reader of the notes knows. The simulator knows it (it wrote
the notes), a reviewer knows it, and the models estimate it; the rules-only
baseline does not, so its text facts are all unknown (`None`) and those rules fall
through to the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from triage.domain.vocab import ContractType, ExceptionLabel
from triage.reconcile.evidence import Evidence


@dataclass(frozen=True, slots=True)
class TextFacts:
    """What the free-text notes say; `None` means not known."""

    work_described: bool | None = None
    component_failure: bool | None = None  # defect or wear-out, not caused by the customer
    customer_caused: bool | None = None  # damage or misuse by the customer
    extra_work: bool | None = None  # work beyond the requested service type
    rework: bool | None = None  # return visit: an earlier repair of the same fault did not hold
    goodwill: bool | None = None  # "no charge" / goodwill agreed and written down


UNKNOWN_TEXT = TextFacts()


def applicable_labels(ev: Evidence, facts: TextFacts) -> list[ExceptionLabel]:
    """Every rule that applies, in precedence order (the first is the label)."""
    fired: list[ExceptionLabel] = []
    if ev.is_duplicate:
        fired.append(ExceptionLabel.DUPLICATE_BILLING)
    notes_empty = ev.notes_blank or facts.work_described is False
    if (not ev.signed and notes_empty) or ev.labor_billed_without_hours:
        fired.append(ExceptionLabel.MISSING_EVIDENCE)
    if ev.po_missing:
        fired.append(ExceptionLabel.MISSING_PO)
    if (
        ev.warranty_active
        and facts.component_failure
        and not facts.customer_caused
        and ev.repair_charged
    ):
        fired.append(ExceptionLabel.WARRANTY_COVERAGE)
    if facts.extra_work and not ev.change_order_cited:
        fired.append(ExceptionLabel.OUT_OF_SCOPE)
    if ev.sla_credit_due:
        fired.append(ExceptionLabel.SLA_CREDIT)
    if ev.rate_mismatch:
        fired.append(ExceptionLabel.RATE_MISMATCH)
    if ev.quantity_mismatch:
        fired.append(ExceptionLabel.QUANTITY_MISMATCH)
    if ev.tax_error:
        fired.append(ExceptionLabel.TAX_ERROR)
    return fired


def exception_label(ev: Evidence, facts: TextFacts) -> ExceptionLabel:
    fired = applicable_labels(ev, facts)
    return fired[0] if fired else ExceptionLabel.NONE


BillableStep = Literal["customer_caused", "warranty", "rework", "goodwill", "contract"]


def billable_step(ev: Evidence, facts: TextFacts) -> tuple[BillableStep, bool]:
    """DOMAIN.md §3.2's cascade: the step that decides, and whether labor is charged."""
    if facts.customer_caused:
        return "customer_caused", True
    if ev.warranty_active and facts.component_failure:
        return "warranty", False
    if ev.visits_30d > 0 and facts.rework:
        return "rework", False
    if facts.goodwill:
        return "goodwill", False
    covering = ev.contract_type in (ContractType.FULL_SERVICE, ContractType.LABOR_ONLY)
    return "contract", not (covering and ev.service_covered)


def billable(ev: Evidence, facts: TextFacts) -> bool:
    """DOMAIN.md §3.2: should the customer be charged for the labor of this visit."""
    return billable_step(ev, facts)[1]
