"""`idempotency.reserve`/`complete` on SQLite and PostgreSQL: the one-INSERT fast path for a
new key and every path taken when the key exists."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete, event

from tests.integration.test_storage import decision_row
from triage.errors import ConflictError, IdempotencyMismatchError
from triage.storage import idempotency, session_scope
from triage.storage.tables import IdempotencyKeyRow

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BODY = "a" * 64
OTHER = "b" * 64


@contextmanager
def _key_statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL sent for the idempotency_keys table while the block runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "idempotency_keys" in statement:
            seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _reserve(
    engine: Engine, *, body: str = BODY, at: datetime = START, lease: float = 60
) -> idempotency.Reservation:
    with session_scope(engine) as session:
        return idempotency.reserve(
            session,
            client_id="acme",
            key="k",
            request_sha256=body,
            lease=timedelta(seconds=lease),
            now=at,
        )


def _row(engine: Engine) -> IdempotencyKeyRow:
    with session_scope(engine, readonly=True) as session:
        row = session.get(IdempotencyKeyRow, ("acme", "k"))
        assert row is not None
        return row


def _complete(engine: Engine, decision_id: str = "D-1") -> None:
    with session_scope(engine) as session:
        session.add(decision_row(decision_id))
        idempotency.complete(session, client_id="acme", key="k", decision_id=decision_id)


def test_new_key_is_one_insert_and_no_select(engine: Engine) -> None:
    with _key_statements(engine) as sql:
        assert _reserve(engine) == idempotency.Reservation(state="new")
    assert len(sql) == 1
    assert sql[0].startswith("INSERT INTO idempotency_keys")
    assert sql[0].endswith("ON CONFLICT DO NOTHING")
    row = _row(engine)
    assert (row.state, row.request_sha256, row.decision_id) == ("in_progress", BODY, None)
    assert (row.created_at, row.lease_expires_at) == (START, START + timedelta(seconds=60))
    assert row.expires_at == START + idempotency.MIN_TTL


def test_done_key_with_same_body_replays(engine: Engine) -> None:
    _reserve(engine)
    _complete(engine, "D-9")
    with _key_statements(engine) as sql:
        again = _reserve(engine, at=START + timedelta(hours=1))
    assert again == idempotency.Reservation(state="done", decision_id="D-9")
    assert [q.split()[0] for q in sql] == ["INSERT", "SELECT"]
    if engine.dialect.name == "postgresql":
        assert sql[1].endswith("FOR UPDATE")
    assert _row(engine).state == "done"


@pytest.mark.parametrize("done", [False, True], ids=["in_progress", "done"])
def test_same_key_with_other_body_is_a_mismatch(engine: Engine, done: bool) -> None:
    _reserve(engine)
    if done:
        _complete(engine)
    with pytest.raises(IdempotencyMismatchError):
        _reserve(engine, body=OTHER, at=START + timedelta(seconds=90))
    assert _row(engine).request_sha256 == BODY


def test_live_lease_is_a_conflict(engine: Engine) -> None:
    _reserve(engine)
    with pytest.raises(ConflictError) as raised:
        _reserve(engine, at=START + timedelta(seconds=59))
    assert not isinstance(raised.value, IdempotencyMismatchError)
    assert _row(engine).lease_expires_at == START + timedelta(seconds=60)


def test_expired_lease_is_taken_over_by_the_same_body(engine: Engine) -> None:
    _reserve(engine)
    later = START + timedelta(minutes=5)
    assert _reserve(engine, at=later, lease=30) == idempotency.Reservation(state="new")
    row = _row(engine)
    assert (row.state, row.created_at) == ("in_progress", START)
    assert row.lease_expires_at == later + timedelta(seconds=30)


@pytest.mark.parametrize("done", [False, True], ids=["in_progress", "done"])
def test_expired_key_starts_afresh_with_any_body(engine: Engine, done: bool) -> None:
    _reserve(engine)
    if done:
        _complete(engine)
    later = START + idempotency.MIN_TTL
    assert _reserve(engine, body=OTHER, at=later) == idempotency.Reservation(state="new")
    row = _row(engine)
    assert (row.state, row.request_sha256, row.decision_id) == ("in_progress", OTHER, None)
    assert (row.created_at, row.expires_at) == (later, later + idempotency.MIN_TTL)


def test_key_deleted_between_insert_and_select_is_inserted_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release or purge can commit after the INSERT saw the key and before the SELECT."""
    _reserve(engine)
    with session_scope(engine) as session:
        execute = session.execute

        def released_meanwhile(statement: Any, *args: Any, **kwargs: Any) -> Any:
            if statement is idempotency._LOCK:
                monkeypatch.undo()
                execute(delete(IdempotencyKeyRow))
            return execute(statement, *args, **kwargs)

        monkeypatch.setattr(session, "execute", released_meanwhile)
        reservation = idempotency.reserve(
            session, client_id="acme", key="k", request_sha256=OTHER, now=START
        )
    assert reservation == idempotency.Reservation(state="new")
    assert _row(engine).request_sha256 == OTHER


def test_complete_needs_the_key_in_progress(engine: Engine) -> None:
    _reserve(engine)
    _complete(engine, "D-1")
    with pytest.raises(ConflictError, match="taken over"):
        _complete(engine, "D-2")
    with session_scope(engine) as session:
        idempotency.release(session, client_id="acme", key="k")
    assert _row(engine).decision_id == "D-1"  # a done key is never released


def test_two_reservations_in_one_transaction(engine: Engine) -> None:
    """The group writer may run two claims of one key in one transaction: the second waits."""
    with session_scope(engine) as session:
        first = idempotency.reserve(session, client_id="acme", key="k", request_sha256=BODY)
        assert first.state == "new"
        with pytest.raises(ConflictError):
            idempotency.reserve(session, client_id="acme", key="k", request_sha256=BODY)
