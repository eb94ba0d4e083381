"""Idempotency keys, scoped per client and kept at least 24 h.

``reserve`` runs in its own short transaction before the work; ``complete``
runs inside the transaction that writes the decision, so the key turns
``done`` exactly when the decision exists. A reservation whose worker died
(lease expired) can be taken over by a retry.

Statements are Core, prebuilt: a new key costs one ``INSERT ... ON CONFLICT DO
NOTHING`` (no SELECT, no savepoint); only a key that exists is read and locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from sqlalchemy import CursorResult, Executable, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from triage.errors import ConflictError, IdempotencyMismatchError
from triage.storage.tables import Base, IdempotencyKeyRow
from triage.storage.types import utcnow

MIN_TTL = timedelta(hours=24)

_KEYS = Base.metadata.tables[IdempotencyKeyRow.__tablename__]
_THIS_KEY = (_KEYS.c.client_id == bindparam("b_client_id"), _KEYS.c.key == bindparam("b_key"))
# rowcount of an INSERT is only kept on request: 1 inserted, 0 the key exists
_INSERT_NEW: dict[str, Executable] = {
    name: dialect.insert(_KEYS).on_conflict_do_nothing().execution_options(preserve_rowcount=True)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}
_LOCK = (
    select(
        _KEYS.c.request_sha256,
        _KEYS.c.state,
        _KEYS.c.decision_id,
        _KEYS.c.lease_expires_at,
        _KEYS.c.expires_at,
    )
    .where(*_THIS_KEY)
    .with_for_update()
)
_UPDATE = _KEYS.update().where(*_THIS_KEY)
_COMPLETE = _UPDATE.where(_KEYS.c.state == "in_progress").values(
    state="done", decision_id=bindparam("b_decision_id")
)


@dataclass(frozen=True)
class Reservation:
    """``new``: do the work; ``done``: return the stored ``decision_id``."""

    state: Literal["new", "done"]
    decision_id: str | None = None


def _rowcount(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount


def reserve(
    session: Session,
    *,
    client_id: str,
    key: str,
    request_sha256: str,
    ttl: timedelta = MIN_TTL,
    lease: timedelta = timedelta(seconds=60),
    now: datetime | None = None,
) -> Reservation:
    """Claim ``key`` for this request, or report the earlier outcome.

    Raises IdempotencyMismatchError (422) for the same key with another body and
    ConflictError (409) while the first request is still running.
    """
    now = now or utcnow()
    ttl = max(ttl, MIN_TTL)
    fresh = {
        "request_sha256": request_sha256,
        "state": "in_progress",
        "decision_id": None,
        "created_at": now,
        "lease_expires_at": now + lease,
        "expires_at": now + ttl,
    }
    this_key = {"b_client_id": client_id, "b_key": key}
    insert_new = _INSERT_NEW[session.get_bind().dialect.name]
    while True:
        inserted = session.execute(insert_new, {"client_id": client_id, "key": key, **fresh})
        if _rowcount(inserted) == 1:
            return Reservation(state="new")
        row = session.execute(_LOCK, this_key).one_or_none()
        if row is not None:
            break
        # released or purged between the INSERT and the SELECT: insert again
    if row.expires_at <= now:
        session.execute(_UPDATE.values(fresh), this_key)
        return Reservation(state="new")
    if row.request_sha256 != request_sha256:
        raise IdempotencyMismatchError("Idempotency-Key was already used with a different body")
    if row.state == "done":
        return Reservation(state="done", decision_id=row.decision_id)
    if row.lease_expires_at > now:
        raise ConflictError("a request with this Idempotency-Key is still in progress")
    session.execute(_UPDATE.values(lease_expires_at=now + lease), this_key)
    return Reservation(state="new")


def complete(session: Session, *, client_id: str, key: str, decision_id: str) -> None:
    """Mark the in-progress key done; call in the transaction that writes the decision.

    Raises ConflictError when the key is no longer in progress (released, or done by a
    retry that took over an expired lease): the caller's work must not commit.
    """
    session.flush()  # a decision the caller added through the ORM must exist first (FK)
    done = session.execute(
        _COMPLETE, {"b_client_id": client_id, "b_key": key, "b_decision_id": decision_id}
    )
    if _rowcount(done) != 1:
        raise ConflictError("idempotency reservation vanished or was taken over")


def release(session: Session, *, client_id: str, key: str) -> None:
    """Forget an in-progress reservation whose work failed, so a retry can start afresh."""
    session.execute(
        delete(IdempotencyKeyRow).where(
            IdempotencyKeyRow.client_id == client_id,
            IdempotencyKeyRow.key == key,
            IdempotencyKeyRow.state == "in_progress",
        )
    )


def purge_expired(session: Session, *, now: datetime | None = None) -> int:
    """Delete keys past ``expires_at``; returns how many."""
    now = now or utcnow()
    result = session.execute(delete(IdempotencyKeyRow).where(IdempotencyKeyRow.expires_at <= now))
    return _rowcount(result)
