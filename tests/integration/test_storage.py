"""Storage on both backends: migrations, sessions, tables."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError

from triage.storage import current_revision, head_revision, make_engine, migrate, session_scope
from triage.storage.tables import DecisionRow, IdempotencyKeyRow


def _decision(decision_id: str = "D-1") -> DecisionRow:
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


def test_session_scope_rolls_back_on_error(engine: Engine) -> None:
    def write_then_fail() -> None:
        with session_scope(engine) as session:
            session.add(_decision())
            session.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_then_fail()
    with session_scope(engine, readonly=True) as session:
        assert session.get(DecisionRow, "D-1") is None


def test_timestamps_round_trip_as_utc(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(_decision())
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
