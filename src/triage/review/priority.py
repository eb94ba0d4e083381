"""Review task priority: money at risk × uncertainty, plus age against the review SLA.

priority(t) = risk + age(t) / sla, with risk = (amount / reference) × uncertainty.
`reference` is the currency's high-value amount, so 10 000 EUR and 10 000 USD
weigh the same; `uncertainty` is 1 - the weaker of the two confidences. A task
gains one point per SLA period it waits, so a cheap but overdue task overtakes
a fresh expensive one once it has waited long enough.

Because the age term grows at the same rate for every task with the same SLA,
the order never changes over time: sorting by `sort_key` (an epoch time,
ascending) gives the priority order at any moment without recomputing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class PriorityInputs:
    amount: float  # invoice total in the case currency
    reference_amount: float  # the currency's high-value amount (> 0)
    exception_confidence: float
    billable_probability: float
    sla_hours: float  # the policy's review SLA (> 0)


def uncertainty(exception_confidence: float, billable_probability: float) -> float:
    """1 - min(exception confidence, billable confidence), in [0, 1]."""
    billable_confidence = max(billable_probability, 1.0 - billable_probability)
    return min(1.0, max(0.0, 1.0 - min(exception_confidence, billable_confidence)))


def risk(inputs: PriorityInputs) -> float:
    """Money at risk (in units of the high-value amount) × uncertainty."""
    money = abs(inputs.amount) / max(inputs.reference_amount, 1e-9)
    return money * uncertainty(inputs.exception_confidence, inputs.billable_probability)


def age_term(*, created_at: datetime, now: datetime, sla_hours: float) -> float:
    """Time waited, in SLA periods: 1.0 when the task reaches its SLA."""
    age_hours = max(0.0, (now - created_at).total_seconds() / 3600.0)
    return age_hours / max(sla_hours, 1e-9)


def priority(inputs: PriorityInputs, *, created_at: datetime, now: datetime) -> float:
    """The priority at `now`: higher is more urgent."""
    return risk(inputs) + age_term(created_at=created_at, now=now, sla_hours=inputs.sla_hours)


def sort_key(inputs: PriorityInputs, *, created_at: datetime) -> float:
    """Time-invariant ordering key: ascending key = descending priority.

    priority(now) = (now - key) / sla_seconds, so for tasks sharing an SLA the
    smaller key is always the more urgent task.
    """
    sla_seconds = max(inputs.sla_hours, 1e-9) * 3600.0
    return created_at.timestamp() - risk(inputs) * sla_seconds
