"""The transactional outbox and its delivery worker.

`enqueue()` adds a row in the caller's transaction, so a callback exists if and
only if the decision it announces was committed. The worker delivers due rows
at least once. Several processes may run a worker on one database: a worker
leases a row by pushing its `next_attempt_at` forward with a conditional
UPDATE that only one worker can win (the row's `attempts` must still be what
it read); if the worker dies mid-delivery the lease runs out and another
worker retries the same event id. The HTTP request is made outside any
database transaction.
"""

from __future__ import annotations

import json
import logging
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from triage.notify.delivery import AttemptResult, Transport, attempt
from triage.storage.engine import SessionFactory
from triage.storage.tables import Base, DisabledEndpointRow, OutboxRow, WebhookDeliveryRow

log = logging.getLogger(__name__)

LEASE_SECONDS = 60.0
BATCH_SIZE = 20
_INSERT = Base.metadata.tables[OutboxRow.__tablename__].insert()


def new_event_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def webhook_body(*, event_type: str, data: dict[str, Any], at: datetime) -> str:
    """The Standard Webhooks envelope: {"type", "timestamp", "data"} as compact JSON."""
    envelope = {"type": event_type, "timestamp": at.astimezone(UTC).isoformat(), "data": data}
    return json.dumps(envelope, separators=(",", ":"), sort_keys=True)


def enqueue(
    session: Session,
    *,
    decision_id: str,
    url: str,
    event_type: str,
    data: dict[str, Any],
    now: datetime,
) -> str:
    """Add one webhook to the caller's transaction and return its event id.

    The body is frozen now and signed as is. A Core insert: the scoring path writes
    one per decision and needs no ORM object back."""
    event_id = new_event_id()
    session.execute(
        _INSERT,
        {
            "event_id": event_id,
            "decision_id": decision_id,
            "url": url,
            "payload": webhook_body(event_type=event_type, data=data, at=now),
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        },
    )
    return event_id


@dataclass(frozen=True, slots=True)
class Lease:
    event_id: str
    url: str
    payload: str
    attempts: int
    created_at: datetime


def _lease_due(session: Session, *, now: datetime, limit: int) -> list[Lease]:
    due = session.scalars(
        select(OutboxRow)
        .where(OutboxRow.status == "pending", OutboxRow.next_attempt_at <= now)
        .order_by(OutboxRow.next_attempt_at)
        .limit(limit)
    ).all()
    until = now + timedelta(seconds=LEASE_SECONDS)
    leased: list[Lease] = []
    for row in due:
        result = session.execute(
            update(OutboxRow)
            .where(
                OutboxRow.event_id == row.event_id,
                OutboxRow.status == "pending",
                OutboxRow.attempts == row.attempts,
                OutboxRow.next_attempt_at <= now,
            )
            .values(next_attempt_at=until)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) == 1:
            leased.append(Lease(row.event_id, row.url, row.payload, row.attempts, row.created_at))
    return leased


def _disabled(session: Session, url: str) -> bool:
    return session.get(DisabledEndpointRow, url) is not None


def _record(session: Session, lease: Lease, outcome: AttemptResult, now: datetime) -> None:
    session.add(
        WebhookDeliveryRow(
            event_id=lease.event_id,
            attempt=lease.attempts + 1,
            url=lease.url,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
            at=now,
        )
    )
    values: dict[str, Any] = {"attempts": lease.attempts + 1, "last_error": outcome.error}
    if outcome.result == "delivered":
        values.update(status="delivered", delivered_at=now)
    elif outcome.result == "retry" and outcome.next_attempt_at is not None:
        values["next_attempt_at"] = datetime.fromtimestamp(outcome.next_attempt_at, UTC)
    elif outcome.result == "gone":
        values.update(status="disabled", last_error="endpoint answered 410 Gone")
        if not _disabled(session, lease.url):
            session.add(
                DisabledEndpointRow(
                    url=lease.url, status_code=410, reason=f"410 Gone on {lease.event_id}"
                )
            )
    else:
        values["status"] = "failed"
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.event_id == lease.event_id, OutboxRow.attempts == lease.attempts)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


class OutboxWorker:
    """Deliver due outbox rows; the service's background loop calls `run_once()` repeatedly."""

    def __init__(
        self,
        sessions: SessionFactory,
        *,
        secret: Callable[[], str],
        transport: Transport,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ) -> None:
        self._sessions = sessions
        self._secret = secret
        self._transport = transport
        self._clock = clock
        self._rng = rng or random.Random()

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    def run_once(self) -> int:
        """Lease and attempt every due row once; return how many attempts were made."""
        with self._sessions.scope() as session:
            leases = _lease_due(session, now=self._now(), limit=BATCH_SIZE)
        for lease in leases:
            with self._sessions.scope(readonly=True) as session:
                disabled = _disabled(session, lease.url)
            if disabled:
                with self._sessions.scope() as session:
                    session.execute(
                        update(OutboxRow)
                        .where(OutboxRow.event_id == lease.event_id)
                        .values(status="disabled", last_error="endpoint disabled after 410 Gone")
                        .execution_options(synchronize_session=False)
                    )
                continue
            outcome = attempt(
                self._transport,
                url=lease.url,
                msg_id=lease.event_id,
                body=lease.payload.encode("utf-8"),
                secret=self._secret(),
                attempts_before=lease.attempts,
                first_created_at=lease.created_at.timestamp(),
                now=self._clock(),
                rng=self._rng,
            )
            with self._sessions.scope() as session:
                _record(session, lease, outcome, self._now())
            log.info(
                "webhook %s to %s: %s (HTTP %s)",
                lease.event_id,
                lease.url,
                outcome.result,
                outcome.status_code,
            )
        return len(leases)
