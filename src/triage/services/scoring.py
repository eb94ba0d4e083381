"""Scoring a case over HTTP: idempotency, the model, the policy, and one atomic write.

Flow for a request with an `Idempotency-Key`:

1. `claim_key` (its own short transaction) inserts the key as `in_progress` with a
   lease. A stored `done` key with the same body replays its decision; a different
   body is a 422; a live lease is a 409 (the first attempt is still running). A
   lease whose holder died (server killed) has expired and is taken over.
2. The case is reconciled, scored (micro-batched) and decided.
3. `persist` writes the decision, its review task, its audit record, its outbox
   row and the key's `done` state in ONE transaction and commits before the
   response is sent: an acknowledged decision survives a crash, and a crash
   before the commit leaves nothing but an expiring lease.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from triage.audit import log as audit
from triage.domain.case import Case
from triage.domain.decision import Decision
from triage.errors import ConflictError, IdempotencyMismatchError
from triage.notify.outbox import enqueue
from triage.policy import Policy, RoutingResult
from triage.reconcile import reconcile
from triage.review.priority import PriorityInputs, risk
from triage.services.batching import MicroBatcher
from triage.services.decide import decide
from triage.services.writer import GroupWriter
from triage.storage import decisions, documents, idempotency
from triage.storage.documents import DocumentUpload
from triage.storage.engine import SessionFactory
from triage.storage.tables import Base, DecisionRow, ReviewRow

DECISION_EVENT = "decision.created"
WEBHOOK_EVENT = "decision.final"
_INSERT_DECISION = Base.metadata.tables[DecisionRow.__tablename__].insert()
_INSERT_REVIEW = Base.metadata.tables[ReviewRow.__tablename__].insert()


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the bytes that are hashed and audited."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_digests(
    *, raw_json: Any, case_json: Any, documents: Mapping[str, str], callback_url: str | None
) -> tuple[str, str]:
    """(request_sha256, case_sha256). The request digest is what "the same request" means
    for an Idempotency-Key (body, PDFs, callback): the digest of canonical_json({"case":
    ..., "documents": ..., "callback_url": ...}), assembled around the body's canonical
    bytes (sorted keys put the three in this order). A JSON body is the case that is
    scored: its canonical JSON is encoded once for both (it was a tenth of the service's
    time under the GIL)."""
    raw = canonical_json(raw_json)
    case = raw if case_json is raw_json else canonical_json(case_json)
    request = b'{"callback_url":%b,"case":%b,"documents":%b}' % (
        canonical_json(callback_url),
        raw,
        canonical_json(dict(documents)),
    )
    return sha256_hex(request), sha256_hex(case)


class RetryLaterError(ConflictError):
    """409: the first request with this key is still running."""

    code = "idempotency_key_in_progress"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, details={"retry_after_seconds": retry_after})
        self.headers = {"Retry-After": str(retry_after)}


@dataclass(frozen=True, slots=True)
class ScoreRequest:
    case: Case
    case_json: dict[str, Any]
    client_id: str
    actor: str
    request_sha256: str
    case_sha256: str  # of the scored case's canonical JSON: the audited input
    idempotency_key: str | None = None
    callback_url: str | None = None
    low_confidence_fields: Mapping[str, float] = field(default_factory=dict)
    lease_seconds: float = 15.0
    documents: tuple[DocumentUpload, ...] = ()


@dataclass(frozen=True, slots=True)
class ScoreResult:
    decision: Decision
    replayed: bool


def now_utc() -> datetime:
    return datetime.now(UTC)


def _as_decision(row: DecisionRow) -> Decision:
    return Decision.model_validate(row.decision_json)


def claim_key(session: Session, request: ScoreRequest, *, ttl_hours: int) -> Decision | None:
    """Reserve the idempotency key (None: go ahead), or return the decision stored for it."""
    assert request.idempotency_key is not None
    try:
        reservation = idempotency.reserve(
            session,
            client_id=request.client_id,
            key=request.idempotency_key,
            request_sha256=request.request_sha256,
            ttl=timedelta(hours=ttl_hours),
            lease=timedelta(seconds=request.lease_seconds),
        )
    except IdempotencyMismatchError:
        raise
    except ConflictError as exc:
        raise RetryLaterError(exc.message, retry_after=max(1, int(request.lease_seconds))) from exc
    if reservation.state == "new":
        return None
    assert reservation.decision_id is not None
    return _as_decision(decisions.get_or_raise(session, decision_id=reservation.decision_id))


def release_key(session: Session, request: ScoreRequest) -> None:
    """Forget an in-progress key after a failure, so an immediate retry can run."""
    assert request.idempotency_key is not None
    idempotency.release(session, client_id=request.client_id, key=request.idempotency_key)


def review_priority(case: Case, decision: Decision, policy: Policy) -> float:
    """Money at risk (in units of the currency's high-value amount) × uncertainty."""
    return risk(
        PriorityInputs(
            amount=case.invoice.total,
            reference_amount=policy.high_value_for(
                currency=case.invoice.currency, customer_id=case.customer.id
            ),
            exception_confidence=decision.exception.confidence,
            billable_probability=decision.billable.probability,
            sla_hours=policy.review_sla_hours,
        )
    )


def audit_payload(
    request: ScoreRequest, decision: Decision, dumped: dict[str, Any]
) -> dict[str, Any]:
    """What the audit record proves about a decision (`dumped` is it as JSON): input hash,
    versions, scores, reasons."""
    return {
        "case_id": decision.case_id,
        "decision_id": decision.decision_id,
        "client_id": request.client_id,
        "input_sha256": request.case_sha256,
        "model_version": decision.model_version,
        "policy_version": decision.policy_version,
        "exception": dumped["exception"],
        "billable": dumped["billable"],
        "route": decision.route.value,
        "reasons": dumped["reasons"],
        "review_id": decision.review_id,
        "idempotency_key": request.idempotency_key,
        "callback_url": request.callback_url,
    }


def persist(
    session: Session,
    request: ScoreRequest,
    decision: Decision,
    routing: RoutingResult,
    policy: Policy,
) -> None:
    """Decision + PDFs + review task + audit record + outbox row + key state: one transaction.

    Rows go in as prebuilt Core inserts: ORM objects and their unit-of-work flush
    cost several times the CPU on the group writer's thread, and nothing reads them back.
    """
    case = request.case
    conn = session.connection()
    dumped = decision.model_dump(mode="json")
    label = decision.exception.label.value
    workflow = case.workflow.value
    conn.execute(
        _INSERT_DECISION,
        {
            "decision_id": decision.decision_id,
            "case_id": decision.case_id,
            "client_id": request.client_id,
            "status": decision.status,
            "route": decision.route.value,
            "exception_label": label,
            "billable": decision.billable.value,
            "workflow": workflow,
            "customer_id": case.customer.id,
            "review_id": decision.review_id,
            "audit_sample": routing.audit_sample,
            "model_version": decision.model_version,
            "policy_version": decision.policy_version,
            "decision_json": dumped,
            "case_json": request.case_json,
            "case_sha256": request.case_sha256,
            "callback_url": request.callback_url,
            "created_at": decision.created_at,
            "updated_at": decision.created_at,
        },
    )
    for upload in request.documents:
        documents.create(
            session,
            upload=upload,
            decision_id=decision.decision_id,
            case_id=decision.case_id,
            client_id=request.client_id,
            created_at=decision.created_at,
        )
    if decision.review_id is not None:
        conn.execute(
            _INSERT_REVIEW,
            {
                "review_id": decision.review_id,
                "decision_id": decision.decision_id,
                "case_id": decision.case_id,
                "client_id": request.client_id,
                "status": "open",
                "priority": review_priority(case, decision, policy),
                "exception_label": label,
                "confidence": decision.exception.confidence,
                "workflow": workflow,
                "customer_id": case.customer.id,
                "amount": case.invoice.total,
                "currency": case.invoice.currency,
                "audit_sample": routing.audit_sample,
                "required_approvals": 2 if routing.second_review else 1,
                "submitted_by": request.client_id,
                "created_at": decision.created_at,
                "updated_at": decision.created_at,
            },
        )
    if request.callback_url and decision.status == "final":
        enqueue(
            session,
            decision_id=decision.decision_id,
            url=request.callback_url,
            event_type=WEBHOOK_EVENT,
            data=dumped,
            now=decision.created_at,
        )
    audit.append(
        session,
        event_type=DECISION_EVENT,
        actor=request.actor,
        payload=audit_payload(request, decision, dumped),
    )
    if request.idempotency_key is not None:
        try:
            idempotency.complete(
                session,
                client_id=request.client_id,
                key=request.idempotency_key,
                decision_id=decision.decision_id,
            )
        except ConflictError as exc:
            # our lease expired and a retry took the key over: let the retry win
            raise RetryLaterError(
                "this request's Idempotency-Key was taken over", retry_after=1
            ) from exc


async def score_case(
    *,
    writer: GroupWriter,
    batcher: MicroBatcher,
    policy: Policy,
    request: ScoreRequest,
    ttl_hours: int,
) -> ScoreResult:
    """Score one case end to end; database writes go through the group-commit writer.

    The key is claimed while the model scores (the prediction has no side effects), so a
    first attempt waits for one commit, not two; a replay or a conflict drops the
    prediction unused.
    """
    evidence = reconcile(request.case)
    scoring = asyncio.ensure_future(batcher.score(request.case, evidence))
    if request.idempotency_key is not None:
        try:
            stored = await writer.run(
                lambda session: claim_key(session, request, ttl_hours=ttl_hours)
            )
        except BaseException:
            _discard(scoring)
            raise
        if stored is not None:
            _discard(scoring)
            return ScoreResult(stored, replayed=True)
    try:
        scored = await scoring
        decision, routing = decide(
            case=request.case,
            evidence=evidence,
            output=scored.output,
            policy=policy,
            model_version=scored.model_version,
            certification=scored.certification,
            low_confidence_fields=request.low_confidence_fields,
        )
        if decision.status == "pending_review":
            decision = decision.model_copy(update={"review_id": f"rev_{uuid.uuid4().hex}"})
        await writer.run(lambda session: persist(session, request, decision, routing, policy))
    except Exception:
        if request.idempotency_key is not None:
            await writer.run(lambda session: release_key(session, request))
        raise
    return ScoreResult(decision, replayed=False)


def _discard(task: asyncio.Future[Any]) -> None:
    """Drop a prediction nobody needs; a finished one's error is read so none is logged."""
    if not task.cancel() and not task.cancelled():
        task.exception()


def purge_expired_keys(db: SessionFactory) -> int:
    """Delete idempotency keys past their retention (`expires_at`, at least 24 h)."""
    with db.scope() as session:
        return idempotency.purge_expired(session)
