"""Types that cross the workflow/activity boundary: plain dataclasses for the JSON converter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TASK_QUEUE = "triage-invoices"


def workflow_id_for(case_id: str) -> str:
    """One workflow per work order: starting it twice is refused by Temporal."""
    return f"invoice-{case_id}"


@dataclass
class WorkOrder:
    """The workflow's input: the case JSON the engine assembled from its systems."""

    case: dict[str, Any]


@dataclass
class Verdict:
    """What the workflow needs from a decision: the label and billability to act on."""

    decision_id: str
    route: str
    status: str
    exception: str
    billable: bool
    reviewed: bool = False
    changed: bool = False
    reviewers: list[str] = field(default_factory=list)


@dataclass
class Scored:
    verdict: Verdict
    attempt: int


@dataclass
class InvoiceResult:
    """Where the invoice ended up, and on which decision."""

    case_id: str
    invoice_number: str
    status: str
    decision_id: str
    exception: str
    billable: bool
    reviewed: bool
    score_attempts: int
    waited_for_signal: bool
