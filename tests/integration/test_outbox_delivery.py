"""The outbox worker against a real HTTP receiver that is down for a while, then up."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from tests.integration.review_support import Receiver, add_pending
from triage.notify.delivery import HttpxTransport
from triage.notify.outbox import OutboxWorker, enqueue
from triage.notify.webhooks import verify
from triage.storage import SessionFactory
from triage.storage.tables import DisabledEndpointRow, OutboxRow, WebhookDeliveryRow

SECRET = "whsec_" + base64.b64encode(b"r" * 32).decode()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver()
    yield rec
    rec.stop()


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC).timestamp()

    def __call__(self) -> float:
        return self.now


def _enqueue(sessions: SessionFactory, url: str, n: int) -> list[str]:
    ids = []
    with sessions.scope() as session:
        for i in range(n):
            row = add_pending(session)
            ids.append(
                enqueue(
                    session,
                    decision_id=row.decision_id,
                    url=url,
                    event_type="decision.final",
                    data={"decision_id": row.decision_id, "n": i},
                    now=datetime.now(UTC),
                )
            )
    return ids


def test_receiver_down_then_up_gets_every_outcome_signed(
    engine: Engine, receiver: Receiver
) -> None:
    sessions = SessionFactory(engine)
    ids = _enqueue(sessions, receiver.url, 5)
    clock = Clock()
    transport = HttpxTransport()
    worker = OutboxWorker(sessions, secret=lambda: SECRET, transport=transport, clock=clock)

    for _ in range(3):  # connection refused: nobody listens yet
        assert worker.run_once() == 5
        clock.now += 3600
    receiver.status = 503
    receiver.start()
    assert worker.run_once() == 5  # up but failing
    clock.now += 3600
    receiver.status = 204
    assert worker.run_once() == 5
    clock.now += 3600
    assert worker.run_once() == 0
    transport.close()

    seen: dict[str, set[bytes]] = {}
    for headers, body in receiver.requests:
        msg_id = verify(SECRET, headers, body, now=int(headers["webhook-timestamp"]))
        seen.setdefault(msg_id, set()).add(body)
    assert set(seen) == set(ids)
    assert all(len(bodies) == 1 for bodies in seen.values())
    assert len(receiver.requests) == 10  # one 503 and one 204 per event, same id both times
    with sessions.scope(readonly=True) as session:
        rows = session.scalars(select(OutboxRow)).all()
        assert {r.status for r in rows} == {"delivered"}
        assert {r.attempts for r in rows} == {5}
        log = session.scalars(select(WebhookDeliveryRow)).all()
        assert len(log) == 25
        assert sorted({d.attempt for d in log}) == [1, 2, 3, 4, 5]
        assert sum(d.status_code == 204 for d in log) == 5


def test_backoff_holds_retries_until_due(engine: Engine, receiver: Receiver) -> None:
    sessions = SessionFactory(engine)
    _enqueue(sessions, receiver.url, 1)
    clock = Clock()
    worker = OutboxWorker(sessions, secret=lambda: SECRET, transport=HttpxTransport(), clock=clock)
    receiver.status = 500
    receiver.start()
    assert worker.run_once() == 1
    assert worker.run_once() == 0  # not due yet
    clock.now += 2
    assert worker.run_once() == 1
    assert len(receiver.requests) == 2


def test_gone_disables_endpoint_for_later_events(engine: Engine, receiver: Receiver) -> None:
    sessions = SessionFactory(engine)
    worker = OutboxWorker(sessions, secret=lambda: SECRET, transport=HttpxTransport())
    receiver.status = 410
    receiver.start()
    _enqueue(sessions, receiver.url, 1)
    assert worker.run_once() == 1
    _enqueue(sessions, receiver.url, 1)
    assert worker.run_once() == 1
    assert len(receiver.requests) == 1
    with sessions.scope(readonly=True) as session:
        assert session.get(DisabledEndpointRow, receiver.url) is not None
        assert {r.status for r in session.scalars(select(OutboxRow))} == {"disabled"}


def test_concurrent_workers_deliver_each_event_once(engine: Engine, receiver: Receiver) -> None:
    sessions = SessionFactory(engine)
    receiver.start()
    ids = _enqueue(sessions, receiver.url, 30)
    barrier = threading.Barrier(3)

    def drain() -> None:
        worker = OutboxWorker(sessions, secret=lambda: SECRET, transport=HttpxTransport())
        barrier.wait()
        while worker.run_once():
            pass

    threads = [threading.Thread(target=drain) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    received = [headers["webhook-id"] for headers, _ in receiver.requests]
    assert sorted(received) == sorted(ids)
