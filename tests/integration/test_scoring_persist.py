"""`scoring.persist` on SQLite and PostgreSQL: every row of a decision in one transaction,
written with Core inserts, and nothing when the Idempotency-Key was taken over."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, func, select

from tests.factories import example_case_dict, make_case
from triage import audit
from triage.domain.decision import Decision
from triage.domain.vocab import EXCEPTION_LABELS
from triage.modeling.predictor import ModelOutput
from triage.policy import RoutingResult, load_policy
from triage.reconcile import reconcile
from triage.services import scoring
from triage.services.decide import decide
from triage.storage import idempotency, session_scope
from triage.storage.tables import (
    AuditLogRow,
    DecisionRow,
    IdempotencyKeyRow,
    OutboxRow,
    ReviewRow,
)

CALLBACK = "http://127.0.0.1:9/hook"


def _scored(
    *, confidence: float, key: str | None = "k-1", callback_url: str | None = CALLBACK
) -> tuple[scoring.ScoreRequest, Decision, RoutingResult]:
    data = example_case_dict()
    case = make_case(data)
    rest = (1 - confidence) / (len(EXCEPTION_LABELS) - 1)
    output = ModelOutput(
        probabilities={
            label: confidence if label == "warranty_coverage" else rest
            for label in EXCEPTION_LABELS
        },
        p_values={
            label: 0.6 if label == "warranty_coverage" else 0.01 for label in EXCEPTION_LABELS
        },
        billable_probability=0.03,
    )
    decision, routing = decide(
        case=case,
        evidence=reconcile(case),
        output=output,
        policy=load_policy(),
        model_version="m1",
        certification=None,
    )
    if decision.status == "pending_review":
        decision = decision.model_copy(update={"review_id": f"rev_{uuid.uuid4().hex}"})
    request_digest, case_digest = scoring.input_digests(
        raw_json=data, case_json=data, documents={}, callback_url=callback_url
    )
    request = scoring.ScoreRequest(
        case=case,
        case_json=data,
        client_id="acme",
        actor="orchestrator:acme",
        request_sha256=request_digest,
        case_sha256=case_digest,
        idempotency_key=key,
        callback_url=callback_url,
    )
    return request, decision, routing


def _persist_claimed(
    engine: Engine, *items: tuple[scoring.ScoreRequest, Decision, RoutingResult]
) -> None:
    with session_scope(engine) as session:
        for request, _, _ in items:
            assert scoring.claim_key(session, request, ttl_hours=24) is None
    with session_scope(engine) as session:  # one group-writer transaction
        for request, decision, routing in items:
            scoring.persist(session, request, decision, routing, load_policy())


def _count(engine: Engine, table: type) -> int:
    with session_scope(engine, readonly=True) as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_persist_writes_every_row_and_replays(engine: Engine) -> None:
    final = _scored(confidence=0.97, key="k-final")
    review = _scored(confidence=0.5, key="k-review")
    assert final[1].status == "final"
    assert review[1].status == "pending_review"
    _persist_claimed(engine, final, review)
    policy = load_policy()
    with session_scope(engine, readonly=True) as session:
        rows = {r.decision_id: r for r in session.scalars(select(DecisionRow))}
        task = session.scalars(select(ReviewRow)).one()
        outbox = session.scalars(select(OutboxRow)).one()
        keys = {k.key: k for k in session.scalars(select(IdempotencyKeyRow))}
        records = audit.list_events(session, event_type=scoring.DECISION_EVENT).events
    with session_scope(engine) as session:
        replays = [scoring.claim_key(session, r, ttl_hours=24) for r, _, _ in (final, review)]
    assert replays == [final[1], review[1]]
    for request, decision, routing in (final, review):
        row = rows[decision.decision_id]
        assert Decision.model_validate(row.decision_json) == decision
        assert (row.status, row.route, row.audit_sample) == (
            decision.status,
            decision.route.value,
            routing.audit_sample,
        )
        assert row.case_sha256 == scoring.sha256_hex(scoring.canonical_json(request.case_json))
        assert (row.created_at, row.updated_at) == (decision.created_at, decision.created_at)
        assert (keys[request.idempotency_key].state, keys[request.idempotency_key].decision_id) == (
            "done",
            decision.decision_id,
        )
    request, decision, routing = review
    assert (task.review_id, task.decision_id, task.status) == (
        decision.review_id,
        decision.decision_id,
        "open",
    )
    assert task.priority == pytest.approx(scoring.review_priority(request.case, decision, policy))
    assert (task.claimed_by, task.resolved_at, task.outcome) == (None, None, None)
    assert task.required_approvals == (2 if routing.second_review else 1)
    assert (outbox.decision_id, outbox.status, outbox.attempts) == (
        final[1].decision_id,
        "pending",
        0,
    )
    assert outbox.url == CALLBACK
    assert [e.decision_id for e in records] == [final[1].decision_id, decision.decision_id]
    assert records[1].payload["review_id"] == decision.review_id


def test_persist_after_the_key_was_taken_over_writes_nothing(engine: Engine) -> None:
    request, decision, routing = _scored(confidence=0.97)
    with session_scope(engine) as session:
        idempotency.reserve(
            session,
            client_id="acme",
            key="k-1",
            request_sha256=request.request_sha256,
            lease=timedelta(seconds=0),
        )
    _persist_claimed(engine, _scored(confidence=0.97))  # the retry took over and finished
    with pytest.raises(scoring.RetryLaterError), session_scope(engine) as session:
        scoring.persist(session, request, decision, routing, load_policy())
    assert _count(engine, DecisionRow) == 1
    assert _count(engine, AuditLogRow) == 1


def test_persisted_log_verifies(engine: Engine) -> None:
    items = [_scored(confidence=c, key=f"k-{i}") for i, c in enumerate([0.97, 0.5] * 5)]
    _persist_claimed(engine, *items[:7])
    _persist_claimed(engine, *items[7:])
    key = Ed25519PrivateKey.generate()
    with session_scope(engine) as session:
        audit.write_checkpoint(session, key)
    with session_scope(engine, readonly=True) as session:
        entries, checkpoints = audit.read_log(session)
    report = audit.verify(entries, checkpoints, key.public_key())
    assert report.ok, report.problems
    assert report.records == 10
