"""Idempotency keys, scoped per client and kept at least 24 h.

``reserve`` runs in its own short transaction before the work; ``complete``
runs inside the transaction that writes the decision, so the key turns
``done`` exactly when the decision exists. A reservation whose worker died
(lease expired) can be taken over by a retry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from triage.errors import ConflictError, IdempotencyMismatchError
from triage.storage.tables import IdempotencyKeyRow
from triage.storage.types import utcnow

MIN_TTL = timedelta(hours=24)


@dataclass(frozen=True)
class Reservation:
    """``new``: do the work; ``done``: return the stored ``decision_id``."""

    state: Literal["new", "done"]
    decision_id: str | None = None


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
    row = session.get(IdempotencyKeyRow, (client_id, key), with_for_update=True)
    if row is None:
        try:
            with session.begin_nested():
                session.add(
                    IdempotencyKeyRow(
                        client_id=client_id,
                        key=key,
                        request_sha256=request_sha256,
                        state="in_progress",
                        created_at=now,
                        lease_expires_at=now + lease,
                        expires_at=now + ttl,
                    )
                )
            return Reservation(state="new")
        except IntegrityError:
            row = session.get(IdempotencyKeyRow, (client_id, key), with_for_update=True)
            assert row is not None
    if row.expires_at <= now:
        row.request_sha256 = request_sha256
        row.state = "in_progress"
        row.decision_id = None
        row.created_at = now
        row.lease_expires_at = now + lease
        row.expires_at = now + ttl
        session.flush()
        return Reservation(state="new")
    if row.request_sha256 != request_sha256:
        raise IdempotencyMismatchError("Idempotency-Key was already used with a different body")
    if row.state == "done":
        return Reservation(state="done", decision_id=row.decision_id)
    if row.lease_expires_at > now:
        raise ConflictError("a request with this Idempotency-Key is still in progress")
    row.lease_expires_at = now + lease
    session.flush()
    return Reservation(state="new")


def complete(session: Session, *, client_id: str, key: str, decision_id: str) -> None:
    """Mark the key done; call in the transaction that writes the decision."""
    row = session.get(IdempotencyKeyRow, (client_id, key), with_for_update=True)
    if row is None:
        raise ConflictError("idempotency reservation vanished")
    row.state = "done"
    row.decision_id = decision_id
    session.flush()


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
    return cast(CursorResult[Any], result).rowcount
