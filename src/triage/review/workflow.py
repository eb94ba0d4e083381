"""The review task state machine, four-eyes included, free of storage.

A task is `open`, `claimed` by one reviewer until the claim expires, or
`resolved`. A resolution records a verdict. A task needing two reviewers (at
or above the policy's second-review value) is resolved only when two different
reviewers gave the same verdict; until then it goes back to `open` for someone
who has not yet judged it. A reviewer can neither claim nor resolve a case
they submitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from triage.errors import ForbiddenError, ReviewConflictError

Status = Literal["open", "claimed", "resolved"]
Action = Literal["confirm", "correct"]


@dataclass(frozen=True, slots=True)
class Verdict:
    reviewer: str
    exception: str
    billable: bool
    action: Action
    comment: str | None
    at: datetime

    def agrees_with(self, other: Verdict) -> bool:
        return self.exception == other.exception and self.billable == other.billable


@dataclass(frozen=True, slots=True)
class TaskState:
    status: Status
    required_reviewers: int  # 1, or 2 for four-eyes
    submitted_by: str | None
    suggested_exception: str
    suggested_billable: bool
    claimed_by: str | None = None
    claim_expires_at: datetime | None = None
    verdicts: tuple[Verdict, ...] = field(default_factory=tuple)

    def claim_active(self, now: datetime) -> bool:
        return (
            self.status == "claimed"
            and self.claim_expires_at is not None
            and self.claim_expires_at > now
        )

    @property
    def judged_by(self) -> set[str]:
        return {v.reviewer for v in self.verdicts}


@dataclass(frozen=True, slots=True)
class Outcome:
    """The final verdict: the labels two (or one) reviewers agreed on."""

    reviewers: list[str]
    exception: str
    billable: bool
    changed: bool
    comment: str | None


def check_may_review(state: TaskState, reviewer: str) -> None:
    """Raise if this reviewer is barred from this task (submitter, or already judged it)."""
    if state.submitted_by is not None and reviewer == state.submitted_by:
        raise ForbiddenError("a reviewer cannot review a case they submitted")
    if reviewer in state.judged_by:
        raise ReviewConflictError("this task needs a second, different reviewer")


def claim(state: TaskState, reviewer: str, *, now: datetime, ttl: timedelta) -> TaskState:
    """Claim for `ttl`; re-claiming your own active claim extends it."""
    if state.status == "resolved":
        raise ReviewConflictError("the review is already resolved")
    check_may_review(state, reviewer)
    if state.claim_active(now) and state.claimed_by != reviewer:
        raise ReviewConflictError("the review is claimed by another reviewer")
    return replace(state, status="claimed", claimed_by=reviewer, claim_expires_at=now + ttl)


def release(state: TaskState, reviewer: str, *, now: datetime) -> TaskState:
    if state.status != "claimed" or state.claimed_by != reviewer or not state.claim_active(now):
        raise ReviewConflictError("you do not hold a claim on this review")
    return replace(state, status="open", claimed_by=None, claim_expires_at=None)


def resolve(
    state: TaskState,
    *,
    reviewer: str,
    exception: str,
    billable: bool,
    comment: str | None,
    now: datetime,
) -> tuple[TaskState, Verdict, Outcome | None]:
    """Record a verdict; return the new state, the verdict and the outcome if final.

    The reviewer must hold an active claim: resolving without one could race a
    colleague who claimed the task a moment earlier.
    """
    if state.status == "resolved":
        raise ReviewConflictError("the review is already resolved")
    check_may_review(state, reviewer)
    if not (state.claimed_by == reviewer and state.claim_active(now)):
        raise ReviewConflictError("claim the review before resolving it")
    changed = exception != state.suggested_exception or billable != state.suggested_billable
    verdict = Verdict(
        reviewer=reviewer,
        exception=exception,
        billable=billable,
        action="correct" if changed else "confirm",
        comment=comment,
        at=now,
    )
    verdicts = (*state.verdicts, verdict)
    agreeing = [v for v in verdicts if v.agrees_with(verdict)]
    if len(agreeing) >= state.required_reviewers:
        outcome = Outcome(
            reviewers=[v.reviewer for v in agreeing],
            exception=exception,
            billable=billable,
            changed=changed,
            comment="\n".join(v.comment for v in agreeing if v.comment) or None,
        )
        resolved = replace(
            state, status="resolved", claimed_by=None, claim_expires_at=None, verdicts=verdicts
        )
        return resolved, verdict, outcome
    reopened = replace(
        state, status="open", claimed_by=None, claim_expires_at=None, verdicts=verdicts
    )
    return reopened, verdict, None
