"""Group commit: concurrent write transactions share one commit (one fsync).

SQLite with `synchronous=FULL` pays an fsync per commit, and writers are
serialised anyway, so committing each decision alone caps throughput at the
disk's fsync rate. The writer thread takes every unit of work queued while the
previous commit ran and runs them in one transaction. On SQLite its commits never
checkpoint the WAL: a `WalCheckpointer` thread does, beside it. Each unit is still
all-or-nothing: if any unit raises, the group is rolled back and every unit is
retried in a transaction of its own, so errors land on the request that caused
them and nothing half-written is ever committed.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from triage.storage.checkpoints import WalCheckpointer
from triage.storage.engine import SessionFactory

T = TypeVar("T")
MAX_GROUP = 64


@dataclass(slots=True)
class _Unit:
    work: Callable[[Session], Any]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]


def _settle(unit: _Unit, result: Any = None, error: BaseException | None = None) -> None:
    def apply() -> None:
        if unit.future.done():
            return
        if error is not None:
            unit.future.set_exception(error)
        else:
            unit.future.set_result(result)

    unit.loop.call_soon_threadsafe(apply)


class GroupWriter:
    """One thread that commits queued units of work in groups."""

    def __init__(
        self,
        db: SessionFactory,
        *,
        max_group: int = MAX_GROUP,
        checkpointer: WalCheckpointer | None = None,
    ) -> None:
        self._db = db
        self._max_group = max_group
        self._checkpointer = checkpointer
        self._queue: queue.Queue[_Unit | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self.groups = 0
        self.units = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="group-writer", daemon=True)
        self._thread.start()
        if self._checkpointer is not None:
            self._checkpointer.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
            self._thread = None
        if self._checkpointer is not None:
            self._checkpointer.stop()

    async def run(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` inside a committed transaction; returns its result."""
        if self._thread is None:
            raise RuntimeError("group writer is not started")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.put(_Unit(work, loop, future))
        result: T = await future
        return result

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            group = [first]
            while len(group) < self._max_group:
                try:
                    unit = self._queue.get_nowait()
                except queue.Empty:
                    break
                if unit is None:
                    self._queue.put(None)
                    break
                group.append(unit)
            self._commit(group)

    def _together(self, group: list[_Unit]) -> list[Any] | None:
        """All units in one transaction; None when any failed (the group was rolled back)."""
        try:
            with self._db.scope() as session:
                return [unit.work(session) for unit in group]
        except Exception:
            return None

    def _commit(self, group: list[_Unit]) -> None:
        self.groups += 1
        self.units += len(group)
        if len(group) > 1:
            results = self._together(group)
            if results is not None:
                for unit, result in zip(group, results, strict=True):
                    _settle(unit, result)
                return
        for unit in group:
            try:
                with self._db.scope() as session:
                    result = unit.work(session)
            except BaseException as exc:
                _settle(unit, error=exc)
            else:
                _settle(unit, result)
