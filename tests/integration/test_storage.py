"""Storage on both backends: migrations, sessions, tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError

from triage.errors import ConflictError, IdempotencyMismatchError, ValidationError
from triage.storage import (
    current_revision,
    head_revision,
    idempotency,
    make_engine,
    migrate,
    policies,
    session_scope,
    tokens,
)
from triage.storage.engine import json_text
from triage.storage.tables import ApiTokenRow, DecisionRow, IdempotencyKeyRow


def decision_row(decision_id: str = "D-1") -> DecisionRow:
    """A minimal decision, for rows that reference one (idempotency keys here and elsewhere)."""
    return DecisionRow(
        decision_id=decision_id,
        case_id="WO-1",
        client_id="acme",
        status="final",
        route="auto_continue",
        exception_label="none",
        billable=True,
        decision_json={"decision_id": decision_id},
        case_json={"case_id": "WO-1"},
        case_sha256="0" * 64,
    )


def test_migrate_creates_every_table(db_url: str) -> None:
    assert migrate(db_url) == head_revision()
    engine = make_engine(db_url)
    try:
        names = set(inspect(engine).get_table_names())
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
    assert {"decisions", "idempotency_keys", "reviews", "review_actions", "outbox"} <= names
    assert {"webhook_deliveries", "disabled_endpoints", "api_tokens", "policy_versions"} <= names
    assert {"audit_log", "audit_nodes", "audit_state", "audit_checkpoints"} <= names


def test_migrate_twice_is_a_no_op(db_url: str) -> None:
    migrate(db_url)
    assert migrate(db_url) == head_revision()


def test_sqlite_runs_in_wal_with_full_sync(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/sub/dir/t.db")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
    finally:
        engine.dispose()


def test_json_columns_are_written_by_pydantic_core_on_both_databases(engine: Engine) -> None:
    assert engine.dialect._json_serializer is json_text  # type: ignore[attr-defined]


def test_session_scope_rolls_back_on_error(engine: Engine) -> None:
    def write_then_fail() -> None:
        with session_scope(engine) as session:
            session.add(decision_row())
            session.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_then_fail()
    with session_scope(engine, readonly=True) as session:
        assert session.get(DecisionRow, "D-1") is None


def test_timestamps_round_trip_as_utc(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(decision_row())
    with session_scope(engine) as session:
        row = session.execute(select(DecisionRow)).scalar_one()
    assert row.created_at.tzinfo is not None
    assert abs((datetime.now(UTC) - row.created_at).total_seconds()) < 60


def test_idempotency_key_is_unique_per_client(engine: Engine) -> None:
    now = datetime.now(UTC)

    def key(client: str) -> IdempotencyKeyRow:
        return IdempotencyKeyRow(
            client_id=client,
            key="k-1",
            request_sha256="a" * 64,
            state="in_progress",
            lease_expires_at=now,
            expires_at=now,
        )

    with session_scope(engine) as session:
        session.add_all([key("acme"), key("globex")])
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(key("acme"))


def test_token_authenticates_until_revoked(engine: Engine) -> None:
    with session_scope(engine) as session:
        token = tokens.create_token(session, role="reviewer", name="alice")
    with session_scope(engine) as session:
        stored = session.execute(select(ApiTokenRow.token_sha256)).scalar_one()
        record = tokens.authenticate(session, token)
        assert record is not None
        assert (record.name, record.role) == ("alice", "reviewer")
        assert token not in stored
        assert tokens.authenticate(session, token + "x") is None
        tokens.revoke(session, token_id=record.token_id)
    with session_scope(engine) as session:
        assert tokens.authenticate(session, token) is None
        assert [t.active for t in tokens.list_tokens(session)] == [False]


def test_token_create_rejects_unknown_role(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(ValidationError, match="role"):
        tokens.create_token(session, role="root", name="mallory")


def test_reserve_returns_done_decision_for_same_body(engine: Engine) -> None:
    with session_scope(engine) as session:
        first = idempotency.reserve(session, client_id="acme", key="k", request_sha256="a" * 64)
        session.add(decision_row("D-9"))
        idempotency.complete(session, client_id="acme", key="k", decision_id="D-9")
    with session_scope(engine) as session:
        again = idempotency.reserve(session, client_id="acme", key="k", request_sha256="a" * 64)
    assert first.state == "new"
    assert (again.state, again.decision_id) == ("done", "D-9")


def test_reserve_rejects_other_body_and_running_request(engine: Engine) -> None:
    with session_scope(engine) as session:
        idempotency.reserve(session, client_id="acme", key="k", request_sha256="a" * 64)
    with session_scope(engine) as session, pytest.raises(IdempotencyMismatchError):
        idempotency.reserve(session, client_id="acme", key="k", request_sha256="b" * 64)
    with session_scope(engine) as session, pytest.raises(ConflictError):
        idempotency.reserve(session, client_id="acme", key="k", request_sha256="a" * 64)


def test_reserve_takes_over_expired_lease(engine: Engine) -> None:
    start = datetime.now(UTC)
    with session_scope(engine) as session:
        idempotency.reserve(session, client_id="acme", key="k", request_sha256="a" * 64, now=start)
    with session_scope(engine) as session:
        later = idempotency.reserve(
            session,
            client_id="acme",
            key="k",
            request_sha256="a" * 64,
            now=start + timedelta(minutes=5),
        )
        row = session.get(IdempotencyKeyRow, ("acme", "k"))
    assert later.state == "new"
    assert row is not None
    assert row.expires_at - row.created_at >= timedelta(hours=24)


def test_policy_create_keeps_one_active_version(engine: Engine) -> None:
    with session_scope(engine) as session:
        policies.create(session, version="1", yaml_text="version: 1\n", actor="admin")
        policies.create(session, version="2", yaml_text="version: 2\n", actor="admin")
    with session_scope(engine) as session:
        active = policies.get_active(session)
        assert active is not None
        assert active.version == "2"
        assert len(policies.list(session)) == 2
        with pytest.raises(ConflictError):
            policies.create(session, version="2", yaml_text="x", actor="admin")
