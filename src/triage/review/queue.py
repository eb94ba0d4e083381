"""The review queue on the database: list, claim, release, record verdicts.

The rules live in `workflow` (pure); this module loads a task's state, applies
a rule, and writes the result with a conditional UPDATE so that two reviewers
racing for one task can never both win: the UPDATE's WHERE clause re-checks
the state the rule was applied to, and only one UPDATE can match. On
PostgreSQL `try_lock` additionally skips rows other transactions hold
(`FOR UPDATE SKIP LOCKED`) so concurrent reviewers fan out over the queue.

Functions take the caller's session and never commit: the service layer
writes the audit record and the outbox row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.orm import Session

from triage.domain.decision import ReviewOutcome
from triage.domain.vocab import ExceptionLabel
from triage.errors import NotFoundError, ReviewConflictError
from triage.review import workflow
from triage.review.priority import age_term
from triage.review.workflow import Outcome, TaskState, Verdict
from triage.storage.tables import ReviewActionRow, ReviewRow

VERDICT_ACTIONS = ("confirm", "correct")
Sort = Literal["priority", "age"]
StatusFilter = Literal["open", "claimed", "resolved", "pending"]


def current_priority(row: ReviewRow, *, now: datetime, sla_hours: float) -> float:
    """The stored risk plus age in SLA periods (see `triage.review.priority`)."""
    return row.priority + age_term(created_at=row.created_at, now=now, sla_hours=sla_hours)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    status: StatusFilter | None = "pending"
    label: str | None = None
    workflow: str | None = None
    customer: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    review_ids: Sequence[str] | None = None


def _claim_free(now: datetime) -> Any:
    """Open, or claimed with an expired claim: what a reviewer may take."""
    return or_(
        ReviewRow.status == "open",
        and_(ReviewRow.status == "claimed", ReviewRow.claim_expires_at <= now),
    )


def _filtered(stmt: Select[Any], flt: QueueFilter, now: datetime) -> Select[Any]:
    if flt.status == "pending":
        stmt = stmt.where(ReviewRow.status != "resolved")
    elif flt.status == "open":
        stmt = stmt.where(_claim_free(now))
    elif flt.status == "claimed":
        stmt = stmt.where(ReviewRow.status == "claimed", ReviewRow.claim_expires_at > now)
    elif flt.status == "resolved":
        stmt = stmt.where(ReviewRow.status == "resolved")
    if flt.label:
        stmt = stmt.where(ReviewRow.exception_label == flt.label)
    if flt.workflow:
        stmt = stmt.where(ReviewRow.workflow == flt.workflow)
    if flt.customer:
        stmt = stmt.where(ReviewRow.customer_id == flt.customer)
    if flt.min_confidence is not None:
        stmt = stmt.where(ReviewRow.confidence >= flt.min_confidence)
    if flt.max_confidence is not None:
        stmt = stmt.where(ReviewRow.confidence <= flt.max_confidence)
    if flt.review_ids is not None:
        stmt = stmt.where(ReviewRow.review_id.in_(list(flt.review_ids)))
    return stmt


def list_tasks(
    session: Session,
    *,
    flt: QueueFilter,
    sort: Sort,
    now: datetime,
    sla_hours: float,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[ReviewRow], int]:
    """One page of tasks and the total matching count.

    Priority depends on age, so it is sorted here rather than in SQL; the
    queue holds pending work (hundreds to a few thousand rows), not history.
    """
    total = session.scalar(_filtered(select(func.count()).select_from(ReviewRow), flt, now)) or 0
    stmt = _filtered(select(ReviewRow), flt, now)
    if sort == "age":
        stmt = stmt.order_by(ReviewRow.created_at, ReviewRow.review_id).limit(limit).offset(offset)
        return list(session.scalars(stmt)), total
    rows = list(session.scalars(stmt))
    rows.sort(key=lambda r: (-current_priority(r, now=now, sla_hours=sla_hours), r.review_id))
    return rows[offset : offset + limit], total


def get_task(session: Session, review_id: str, *, for_update: bool = False) -> ReviewRow:
    stmt = (
        select(ReviewRow)
        .where(ReviewRow.review_id == review_id)
        .execution_options(populate_existing=True)
    )
    if for_update and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = session.scalars(stmt).one_or_none()
    if row is None:
        raise NotFoundError(f"review {review_id} not found")
    return row


def verdicts(session: Session, review_id: str) -> list[Verdict]:
    rows = session.scalars(
        select(ReviewActionRow)
        .where(
            ReviewActionRow.review_id == review_id,
            ReviewActionRow.action.in_(VERDICT_ACTIONS),
        )
        .order_by(ReviewActionRow.id)
    )
    return [
        Verdict(
            reviewer=r.actor,
            exception=r.exception_label or "",
            billable=bool(r.billable),
            action=cast(workflow.Action, r.action),
            comment=r.comment,
            at=r.at,
        )
        for r in rows
    ]


def state_of(
    session: Session, row: ReviewRow, *, suggested_exception: str, suggested_billable: bool
) -> TaskState:
    return TaskState(
        status=cast(workflow.Status, row.status),
        required_reviewers=row.required_approvals,
        submitted_by=row.submitted_by,
        suggested_exception=suggested_exception,
        suggested_billable=suggested_billable,
        claimed_by=row.claimed_by,
        claim_expires_at=row.claim_expires_at,
        verdicts=tuple(verdicts(session, row.review_id)),
    )


def _log(session: Session, review_id: str, actor: str, action: str, now: datetime) -> None:
    session.add(ReviewActionRow(review_id=review_id, actor=actor, action=action, at=now))


def claim(
    session: Session,
    state: TaskState,
    row: ReviewRow,
    *,
    reviewer: str,
    now: datetime,
    ttl: timedelta,
) -> ReviewRow:
    """Claim one task; ReviewConflictError if someone else got it first."""
    new = workflow.claim(state, reviewer, now=now, ttl=ttl)
    result = session.execute(
        update(ReviewRow)
        .where(
            ReviewRow.review_id == row.review_id,
            or_(_claim_free(now), ReviewRow.claimed_by == reviewer),
            ReviewRow.status != "resolved",
        )
        .values(
            status="claimed",
            claimed_by=reviewer,
            claim_expires_at=new.claim_expires_at,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise ReviewConflictError("the review was claimed by another reviewer")
    _log(session, row.review_id, reviewer, "claim", now)
    session.refresh(row)
    return row


def claim_candidates(
    session: Session, *, flt: QueueFilter, reviewer: str, now: datetime, sla_hours: float
) -> list[ReviewRow]:
    """Claimable tasks for this reviewer, most urgent first (not locked).

    Excludes tasks the reviewer submitted or already judged (four-eyes).
    """
    judged = select(ReviewActionRow.review_id).where(
        ReviewActionRow.actor == reviewer, ReviewActionRow.action.in_(VERDICT_ACTIONS)
    )
    stmt = _filtered(select(ReviewRow), QueueFilter(**{**filter_dict(flt), "status": "open"}), now)
    stmt = stmt.where(
        or_(ReviewRow.submitted_by.is_(None), ReviewRow.submitted_by != reviewer),
        ReviewRow.review_id.not_in(judged),
    )
    rows = list(session.scalars(stmt))
    rows.sort(key=lambda r: (-current_priority(r, now=now, sla_hours=sla_hours), r.review_id))
    return rows


def try_lock(session: Session, review_id: str) -> ReviewRow | None:
    """Lock one task row, or None if a concurrent transaction holds it.

    PostgreSQL: `FOR UPDATE SKIP LOCKED`, so a reviewer asking for the next
    task moves on instead of queueing behind a colleague. SQLite transactions
    already hold the database write lock (BEGIN IMMEDIATE), so the row is free.
    """
    stmt = (
        select(ReviewRow)
        .where(ReviewRow.review_id == review_id)
        .execution_options(populate_existing=True)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return session.scalars(stmt).one_or_none()


def filter_dict(flt: QueueFilter) -> dict[str, Any]:
    """The filter as keyword arguments, to derive a changed copy."""
    return {name: getattr(flt, name) for name in QueueFilter.__dataclass_fields__}


def release(
    session: Session, state: TaskState, row: ReviewRow, *, reviewer: str, now: datetime
) -> None:
    workflow.release(state, reviewer, now=now)
    result = session.execute(
        update(ReviewRow)
        .where(
            ReviewRow.review_id == row.review_id,
            ReviewRow.status == "claimed",
            ReviewRow.claimed_by == reviewer,
        )
        .values(status="open", claimed_by=None, claim_expires_at=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise ReviewConflictError("you do not hold a claim on this review")
    _log(session, row.review_id, reviewer, "release", now)
    session.refresh(row)


def record_verdict(
    session: Session,
    state: TaskState,
    row: ReviewRow,
    *,
    reviewer: str,
    exception: str,
    billable: bool,
    comment: str | None,
    now: datetime,
) -> tuple[Verdict, ReviewOutcome | None]:
    """Store a verdict; when it completes the review, mark the task resolved with its outcome."""
    new, verdict, outcome = workflow.resolve(
        state, reviewer=reviewer, exception=exception, billable=billable, comment=comment, now=now
    )
    values: dict[str, Any] = {
        "status": new.status,
        "claimed_by": None,
        "claim_expires_at": None,
        "updated_at": now,
    }
    final: ReviewOutcome | None = None
    if outcome is not None:
        final = _final(row.review_id, outcome, now)
        values["resolved_at"] = now
        values["outcome"] = final.model_dump(mode="json")
    result = session.execute(
        update(ReviewRow)
        .where(
            ReviewRow.review_id == row.review_id,
            ReviewRow.status == "claimed",
            ReviewRow.claimed_by == reviewer,
            ReviewRow.claim_expires_at > now,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise ReviewConflictError("your claim on this review expired or was taken over")
    session.add(
        ReviewActionRow(
            review_id=row.review_id,
            actor=reviewer,
            action=verdict.action,
            exception_label=exception,
            billable=billable,
            comment=comment,
            at=now,
        )
    )
    session.refresh(row)
    return verdict, final


def _final(review_id: str, outcome: Outcome, now: datetime) -> ReviewOutcome:
    return ReviewOutcome(
        review_id=review_id,
        reviewers=outcome.reviewers,
        exception=ExceptionLabel(outcome.exception),
        billable=outcome.billable,
        changed=outcome.changed,
        comment=outcome.comment,
        resolved_at=now,
    )
