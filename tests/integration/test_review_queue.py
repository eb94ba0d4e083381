"""The review queue on SQLite and PostgreSQL: filters, ordering, and races for one task."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from tests.integration.review_support import add_pending
from triage.errors import ReviewConflictError, TriageError
from triage.review import queue
from triage.review.queue import QueueFilter
from triage.storage import SessionFactory
from triage.storage.tables import ReviewActionRow, ReviewRow

TTL = timedelta(minutes=15)


def _state(session, row):  # type: ignore[no-untyped-def]
    return queue.state_of(
        session, row, suggested_exception=row.exception_label, suggested_billable=True
    )


def test_list_filters_and_sorts_by_priority_and_age(engine: Engine) -> None:
    sessions = SessionFactory(engine)
    now = datetime.now(UTC)
    with sessions.scope() as session:
        cheap_old = add_pending(session, amount=300, created_at=now - timedelta(hours=30))
        rich = add_pending(session, amount=40_000, confidence=0.5, created_at=now)
        other = add_pending(session, label="tax_error", customer="C-9", workflow="dispute_credit")
    with sessions.scope(readonly=True) as session:
        rows, total = queue.list_tasks(
            session, flt=QueueFilter(), sort="priority", now=now, sla_hours=24
        )
        assert total == 3
        assert rows[0].review_id == rich.review_id
        rows, _ = queue.list_tasks(session, flt=QueueFilter(), sort="age", now=now, sla_hours=24)
        assert rows[0].review_id == cheap_old.review_id
        for flt in (
            QueueFilter(label="tax_error"),
            QueueFilter(customer="C-9"),
            QueueFilter(workflow="dispute_credit"),
        ):
            rows, total = queue.list_tasks(session, flt=flt, sort="age", now=now, sla_hours=24)
            assert (total, rows[0].review_id) == (1, other.review_id)
        rows, total = queue.list_tasks(
            session, flt=QueueFilter(max_confidence=0.55), sort="age", now=now, sla_hours=24
        )
        assert [r.review_id for r in rows] == [rich.review_id]


def test_expired_claim_is_open_again(engine: Engine) -> None:
    sessions = SessionFactory(engine)
    now = datetime.now(UTC)
    with sessions.scope() as session:
        row = add_pending(session)
        queue.claim(session, _state(session, row), row, reviewer="alice", now=now, ttl=TTL)
    with sessions.scope() as session:
        row = queue.get_task(session, row.review_id)
        with pytest.raises(ReviewConflictError):
            queue.claim(session, _state(session, row), row, reviewer="bob", now=now, ttl=TTL)
    later = now + TTL + timedelta(seconds=1)
    with sessions.scope() as session:
        _, open_count = queue.list_tasks(
            session, flt=QueueFilter(status="open"), sort="age", now=later, sla_hours=24
        )
        assert open_count == 1
        row = queue.get_task(session, row.review_id)
        queue.claim(session, _state(session, row), row, reviewer="bob", now=later, ttl=TTL)
        assert row.claimed_by == "bob"


@pytest.mark.parametrize("lock_row", [True, False], ids=["locked-read", "unlocked-read"])
def test_concurrent_claims_hand_task_to_one_reviewer(engine: Engine, lock_row: bool) -> None:
    claimers = 12
    sessions = SessionFactory(engine)
    with sessions.scope() as session:
        review_id = add_pending(session).review_id
    barrier = threading.Barrier(claimers)
    winners: list[str] = []
    errors: list[BaseException] = []

    def claimer(name: str) -> None:
        barrier.wait()
        try:
            with sessions.scope() as session:
                row = queue.get_task(session, review_id, for_update=lock_row)
                queue.claim(
                    session,
                    _state(session, row),
                    row,
                    reviewer=name,
                    now=datetime.now(UTC),
                    ttl=TTL,
                )
            winners.append(name)
        except ReviewConflictError:
            pass
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=claimer, args=(f"r{i}",)) for i in range(claimers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(winners) == 1
    with sessions.scope(readonly=True) as session:
        row = queue.get_task(session, review_id)
        assert row.claimed_by == winners[0]
        claims = session.scalar(
            select(func.count())
            .select_from(ReviewActionRow)
            .where(ReviewActionRow.action == "claim")
        )
        assert claims == 1


def test_concurrent_claim_next_fans_out_without_duplicates(engine: Engine) -> None:
    sessions = SessionFactory(engine)
    with sessions.scope() as session:
        for amount in range(1000, 1010):
            add_pending(session, amount=amount)
    got: dict[str, list[str]] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(10)

    def worker(name: str) -> None:
        barrier.wait()
        while True:
            claimed = None
            with sessions.scope() as session:
                now = datetime.now(UTC)
                for cand in queue.claim_candidates(
                    session, flt=QueueFilter(), reviewer=name, now=now, sla_hours=24
                ):
                    row = queue.try_lock(session, cand.review_id)
                    if row is None:
                        continue
                    try:
                        queue.claim(
                            session, _state(session, row), row, reviewer=name, now=now, ttl=TTL
                        )
                    except TriageError:
                        continue
                    claimed = row.review_id
                    break
            if claimed is None:
                return
            with lock:
                got.setdefault(claimed, []).append(name)

    threads = [threading.Thread(target=worker, args=(f"r{i}",)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 10
    assert all(len(names) == 1 for names in got.values())
    with sessions.scope(readonly=True) as session:
        assert (
            session.scalar(
                select(func.count()).select_from(ReviewRow).where(ReviewRow.status == "claimed")
            )
            == 10
        )
