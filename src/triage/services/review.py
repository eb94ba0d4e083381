"""Review use cases: list, claim, release, resolve, bulk-confirm; one transaction each.

A resolution writes, in the same transaction, the verdict, the task's new
state, the decision's final outcome (DOMAIN §4: reviewers, their labels,
whether they changed the suggestion), the audit record and the callback's
outbox row. Every other action (claim, release, a first four-eyes verdict)
is audited as well.

Reviewers are identified by their token name (`Principal.name`), so one person
holding a reviewer and an admin token is still one reviewer for four-eyes,
and a person who submitted a case under the same name cannot review it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from triage import audit
from triage.domain.case import Case
from triage.domain.decision import Decision, Reason, ReviewOutcome
from triage.domain.parse import parse_case
from triage.domain.vocab import ExceptionLabel
from triage.errors import TriageError
from triage.notify.outbox import enqueue
from triage.reconcile import Evidence, reconcile
from triage.review import queue
from triage.review.queue import QueueFilter, Sort
from triage.review.workflow import TaskState
from triage.storage import documents as document_store
from triage.storage.documents import DocumentInfo
from triage.storage.engine import SessionFactory
from triage.storage.tables import DecisionRow, ReviewActionRow, ReviewRow

WEBHOOK_EVENT = "decision.final"


@dataclass(frozen=True, slots=True)
class Reviewer:
    """Who acts: `name` for four-eyes and submitter checks, `actor` for the audit log."""

    name: str
    actor: str


def submitter_name(submitted_by: str | None) -> str | None:
    """The scoring service records `role:name`; reviewers are compared by name."""
    if submitted_by is None:
        return None
    return submitted_by.split(":", 1)[1] if ":" in submitted_by else submitted_by


class VerdictRead(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reviewer: str
    action: str
    exception: str
    billable: bool
    comment: str | None
    at: datetime


class ReviewRead(BaseModel):
    """A review task as the API and the UI show it."""

    model_config = ConfigDict(extra="forbid")

    review_id: str
    decision_id: str
    case_id: str
    status: str
    priority: float
    risk: float
    exception_label: str
    confidence: float
    workflow: str | None
    customer_id: str | None
    amount: float
    currency: str | None
    audit_sample: bool
    required_reviewers: int
    verdicts: list[VerdictRead]
    claimed_by: str | None
    claim_expires_at: datetime | None
    created_at: datetime
    age_seconds: float
    sla_due_at: datetime
    overdue: bool
    resolved_at: datetime | None
    outcome: ReviewOutcome | None


class ReviewPage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    total: int
    items: list[ReviewRead]


class BulkResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    confirmed: list[str]
    resolved: list[str]
    skipped: dict[str, str]


@dataclass(frozen=True, slots=True)
class HistoryItem:
    case_id: str
    created_at: datetime
    route: str
    exception: str
    billable: bool
    status: str
    changed: bool


@dataclass(frozen=True, slots=True)
class ActionItem:
    actor: str
    action: str
    exception: str | None
    billable: bool | None
    comment: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    task: ReviewRead
    decision: Decision
    case: Case
    case_json: dict[str, Any]
    evidence: Evidence
    customer_history: list[HistoryItem]
    actions: list[ActionItem]
    documents: list[DocumentInfo] = field(default_factory=list)


def _status(row: ReviewRow, now: datetime) -> str:
    if row.status == "claimed" and (row.claim_expires_at is None or row.claim_expires_at <= now):
        return "open"
    return row.status


def to_read(session: Session, row: ReviewRow, *, now: datetime, sla_hours: float) -> ReviewRead:
    verdicts = queue.verdicts(session, row.review_id)
    due = row.created_at + timedelta(hours=sla_hours)
    status = _status(row, now)
    return ReviewRead(
        review_id=row.review_id,
        decision_id=row.decision_id,
        case_id=row.case_id,
        status=status,
        priority=queue.current_priority(row, now=now, sla_hours=sla_hours),
        risk=row.priority,
        exception_label=row.exception_label,
        confidence=row.confidence,
        workflow=row.workflow,
        customer_id=row.customer_id,
        amount=row.amount,
        currency=row.currency,
        audit_sample=row.audit_sample,
        required_reviewers=row.required_approvals,
        verdicts=[
            VerdictRead(
                reviewer=v.reviewer,
                action=v.action,
                exception=v.exception,
                billable=v.billable,
                comment=v.comment,
                at=v.at,
            )
            for v in verdicts
        ],
        claimed_by=row.claimed_by if status == "claimed" else None,
        claim_expires_at=row.claim_expires_at if status == "claimed" else None,
        created_at=row.created_at,
        age_seconds=max(0.0, (now - row.created_at).total_seconds()),
        sla_due_at=due,
        overdue=row.status != "resolved" and now > due,
        resolved_at=row.resolved_at,
        outcome=ReviewOutcome.model_validate(row.outcome) if row.outcome else None,
    )


def _decision(session: Session, row: ReviewRow) -> tuple[DecisionRow, Decision]:
    decision_row = session.get(DecisionRow, row.decision_id)
    if decision_row is None:
        raise TriageError(f"review {row.review_id} points at a missing decision")
    return decision_row, Decision.model_validate(decision_row.decision_json)


def _state(session: Session, row: ReviewRow, decision: Decision) -> TaskState:
    state = queue.state_of(
        session,
        row,
        suggested_exception=decision.exception.label.value,
        suggested_billable=decision.billable.value,
    )
    return TaskState(
        status=state.status,
        required_reviewers=state.required_reviewers,
        submitted_by=submitter_name(state.submitted_by),
        suggested_exception=state.suggested_exception,
        suggested_billable=state.suggested_billable,
        claimed_by=state.claimed_by,
        claim_expires_at=state.claim_expires_at,
        verdicts=state.verdicts,
    )


def _audit(
    session: Session, event_type: str, reviewer: Reviewer, row: ReviewRow, **extra: Any
) -> None:
    audit.append(
        session,
        event_type=event_type,
        actor=reviewer.actor,
        payload={
            "review_id": row.review_id,
            "decision_id": row.decision_id,
            "case_id": row.case_id,
            "reviewer": reviewer.name,
            **extra,
        },
    )


class ReviewService:
    """Review use cases over one database."""

    def __init__(
        self,
        db: SessionFactory,
        *,
        claim_ttl: timedelta,
        sla_hours: Callable[[], float],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self._ttl = claim_ttl
        self._sla_hours = sla_hours
        self._clock = clock

    def list_page(
        self, *, flt: QueueFilter, sort: Sort = "priority", limit: int = 50, offset: int = 0
    ) -> ReviewPage:
        now = self._clock()
        sla = self._sla_hours()
        with self._db.scope(readonly=True) as session:
            rows, total = queue.list_tasks(
                session, flt=flt, sort=sort, now=now, sla_hours=sla, limit=limit, offset=offset
            )
            items = [to_read(session, row, now=now, sla_hours=sla) for row in rows]
        return ReviewPage(total=total, items=items)

    def get(self, review_id: str) -> ReviewRead:
        now = self._clock()
        with self._db.scope(readonly=True) as session:
            row = queue.get_task(session, review_id)
            return to_read(session, row, now=now, sla_hours=self._sla_hours())

    def claim(self, review_id: str, reviewer: Reviewer) -> ReviewRead:
        now = self._clock()
        with self._db.scope() as session:
            row = queue.get_task(session, review_id, for_update=True)
            _, decision = _decision(session, row)
            queue.claim(
                session,
                _state(session, row, decision),
                row,
                reviewer=reviewer.name,
                now=now,
                ttl=self._ttl,
            )
            _audit(session, "review.claimed", reviewer, row, claim_expires_at=_iso(now + self._ttl))
            return to_read(session, row, now=now, sla_hours=self._sla_hours())

    def claim_next(self, reviewer: Reviewer, *, flt: QueueFilter) -> ReviewRead | None:
        """Claim the most urgent task this reviewer may take, skipping ones others hold."""
        now = self._clock()
        sla = self._sla_hours()
        with self._db.scope() as session:
            for candidate in queue.claim_candidates(
                session, flt=flt, reviewer=reviewer.name, now=now, sla_hours=sla
            ):
                row = queue.try_lock(session, candidate.review_id)
                if row is None:
                    continue
                _, decision = _decision(session, row)
                try:
                    queue.claim(
                        session,
                        _state(session, row, decision),
                        row,
                        reviewer=reviewer.name,
                        now=now,
                        ttl=self._ttl,
                    )
                except TriageError:
                    continue
                _audit(
                    session,
                    "review.claimed",
                    reviewer,
                    row,
                    claim_expires_at=_iso(now + self._ttl),
                )
                return to_read(session, row, now=now, sla_hours=sla)
        return None

    def release(self, review_id: str, reviewer: Reviewer) -> ReviewRead:
        now = self._clock()
        with self._db.scope() as session:
            row = queue.get_task(session, review_id, for_update=True)
            _, decision = _decision(session, row)
            queue.release(
                session, _state(session, row, decision), row, reviewer=reviewer.name, now=now
            )
            _audit(session, "review.released", reviewer, row)
            return to_read(session, row, now=now, sla_hours=self._sla_hours())

    def resolve(
        self,
        review_id: str,
        reviewer: Reviewer,
        *,
        exception: ExceptionLabel | None = None,
        billable: bool | None = None,
        comment: str | None = None,
    ) -> ReviewRead:
        """Confirm (no labels given) or correct; the last needed verdict finalises the decision."""
        now = self._clock()
        with self._db.scope() as session:
            read = self._resolve_in(
                session,
                review_id,
                reviewer,
                exception=exception,
                billable=billable,
                comment=comment,
                now=now,
            )
        return read

    def _resolve_in(
        self,
        session: Session,
        review_id: str,
        reviewer: Reviewer,
        *,
        exception: ExceptionLabel | None,
        billable: bool | None,
        comment: str | None,
        now: datetime,
    ) -> ReviewRead:
        row = queue.get_task(session, review_id, for_update=True)
        decision_row, decision = _decision(session, row)
        final_exception = (
            exception.value if exception is not None else decision.exception.label.value
        )
        final_billable = billable if billable is not None else decision.billable.value
        verdict, outcome = queue.record_verdict(
            session,
            _state(session, row, decision),
            row,
            reviewer=reviewer.name,
            exception=final_exception,
            billable=final_billable,
            comment=comment,
            now=now,
        )
        _audit(
            session,
            f"review.{verdict.action}ed",
            reviewer,
            row,
            exception=final_exception,
            billable=final_billable,
            comment=comment,
            changed=verdict.action == "correct",
            suggested={
                "exception": decision.exception.label.value,
                "billable": decision.billable.value,
            },
        )
        if outcome is not None:
            self._finalise(session, row, decision_row, decision, outcome, reviewer, now)
        return to_read(session, row, now=now, sla_hours=self._sla_hours())

    def _finalise(
        self,
        session: Session,
        row: ReviewRow,
        decision_row: DecisionRow,
        decision: Decision,
        outcome: ReviewOutcome,
        reviewer: Reviewer,
        now: datetime,
    ) -> None:
        reviewers = ", ".join(outcome.reviewers)
        reason = Reason(
            code="review.changed" if outcome.changed else "review.confirmed",
            text=(
                f"reviewed by {reviewers}: "
                + (
                    "corrected the model's suggestion"
                    if outcome.changed
                    else "confirmed the model's suggestion"
                )
            ),
            kind="review",
            data={"reviewers": outcome.reviewers},
        )
        final = decision.model_copy(
            update={"status": "final", "outcome": outcome, "reasons": [*decision.reasons, reason]}
        )
        payload = final.model_dump(mode="json")
        decision_row.status = "final"
        decision_row.exception_label = outcome.exception.value
        decision_row.billable = outcome.billable
        decision_row.decision_json = payload
        decision_row.updated_at = now
        _audit(
            session,
            "review.resolved",
            reviewer,
            row,
            outcome=outcome.model_dump(mode="json"),
            suggested={
                "exception": decision.exception.label.value,
                "billable": decision.billable.value,
            },
        )
        if decision_row.callback_url:
            enqueue(
                session,
                decision_id=decision_row.decision_id,
                url=decision_row.callback_url,
                event_type=WEBHOOK_EVENT,
                data=payload,
                now=now,
            )

    def bulk_confirm(
        self,
        reviewer: Reviewer,
        *,
        review_ids: Sequence[str] | None,
        flt: QueueFilter,
        limit: int = 100,
    ) -> BulkResult:
        """Claim and confirm each task in the set; each task is its own transaction.

        Tasks another reviewer holds, tasks this reviewer may not judge and
        four-eyes tasks that still need a second reviewer are reported, not forced.
        """
        now = self._clock()
        selection = QueueFilter(**{**queue.filter_dict(flt), "review_ids": review_ids})
        with self._db.scope(readonly=True) as session:
            ids = [
                r.review_id
                for r in queue.claim_candidates(
                    session,
                    flt=selection,
                    reviewer=reviewer.name,
                    now=now,
                    sla_hours=self._sla_hours(),
                )
            ][:limit]
        result = BulkResult(confirmed=[], resolved=[], skipped={})
        for review_id in ids:
            try:
                self.claim(review_id, reviewer)
                read = self.resolve(review_id, reviewer, comment="bulk confirm")
            except TriageError as exc:
                result.skipped[review_id] = exc.message
                continue
            result.confirmed.append(review_id)
            if read.outcome is not None:
                result.resolved.append(review_id)
        if review_ids is not None:
            for review_id in review_ids:
                if review_id not in ids:
                    result.skipped.setdefault(review_id, "not claimable by this reviewer")
        return result

    def detail(self, review_id: str, *, history_limit: int = 10) -> ReviewDetail:
        """Everything the case page shows: task, decision, case, evidence, customer history."""
        now = self._clock()
        with self._db.scope(readonly=True) as session:
            row = queue.get_task(session, review_id)
            decision_row, decision = _decision(session, row)
            case = parse_case(decision_row.case_json)
            recent = session.scalars(
                select(DecisionRow)
                .where(
                    DecisionRow.customer_id == decision_row.customer_id,
                    DecisionRow.decision_id != decision_row.decision_id,
                )
                .order_by(DecisionRow.created_at.desc())
                .limit(history_limit)
            ).all()
            actions = session.scalars(
                select(ReviewActionRow)
                .where(ReviewActionRow.review_id == review_id)
                .order_by(ReviewActionRow.id)
            ).all()
            return ReviewDetail(
                task=to_read(session, row, now=now, sla_hours=self._sla_hours()),
                decision=decision,
                case=case,
                case_json=decision_row.case_json,
                evidence=reconcile(case),
                customer_history=[
                    HistoryItem(
                        case_id=d.case_id,
                        created_at=d.created_at,
                        route=d.route,
                        exception=d.exception_label,
                        billable=d.billable,
                        status=d.status,
                        changed=bool((d.decision_json.get("outcome") or {}).get("changed")),
                    )
                    for d in recent
                ],
                actions=[
                    ActionItem(
                        actor=a.actor,
                        action=a.action,
                        exception=a.exception_label,
                        billable=a.billable,
                        comment=a.comment,
                        at=a.at,
                    )
                    for a in actions
                ],
                documents=[
                    document_store.describe(doc)
                    for doc in document_store.list_for_decision(
                        session, decision_id=decision_row.decision_id
                    )
                ],
            )


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()
