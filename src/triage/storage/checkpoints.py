"""SQLite WAL checkpoints on their own thread, off the request path.

With SQLite's automatic checkpoint, the commit that pushes the WAL past 1000 pages
copies them into the database file and fsyncs it before it returns: about one commit
in fifty waits for that, which is the p99 of a request at concurrency 1
(`python -m bench.bench_wal_checkpoints`: commit p99 8.7 ms with the automatic
checkpoint, 1.4 ms with this thread; the median moves from 0.5 to 0.7 ms).
The service turns the automatic checkpoint off on its
connections (`SessionFactory.from_url(..., background_checkpoints=True)`) and runs
this thread instead. PASSIVE checkpoints never wait for the writer or for readers;
should the WAL still grow past `TRUNCATE_ABOVE_BYTES` (writes without a pause), a
TRUNCATE checkpoint, which waits briefly for the writer, brings it back to zero.
Durability is unchanged: a commit is durable once it is in the fsynced WAL.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy import Engine

from triage.storage.engine import sqlite_file

log = logging.getLogger("triage.storage")

EVERY_SECONDS = 1.0
TRUNCATE_ABOVE_BYTES = 64 * 1024 * 1024


def checkpoint(engine: Engine, wal: Path) -> None:
    """One checkpoint: PASSIVE, or TRUNCATE when the WAL has grown too large."""
    size = wal.stat().st_size if wal.exists() else 0
    mode = "TRUNCATE" if size > TRUNCATE_ABOVE_BYTES else "PASSIVE"
    # the DBAPI connection: SQLAlchemy would open a transaction first, inside which SQLite
    # refuses to checkpoint
    connection = engine.raw_connection()
    try:
        connection.cursor().execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
    finally:
        connection.close()


class WalCheckpointer:
    """A daemon thread that checkpoints the WAL of one SQLite file every second."""

    def __init__(self, engine: Engine, database: Path, *, every: float = EVERY_SECONDS) -> None:
        self._engine = engine
        self._wal = database.with_name(database.name + "-wal")
        self._every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop, after a last checkpoint so a clean shutdown leaves a small WAL."""
        if self._thread is not None:
            self._stop.set()
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        while True:
            stopping = self._stop.wait(self._every)
            try:
                checkpoint(self._engine, self._wal)
            except Exception:  # a failed checkpoint only leaves a longer WAL
                log.warning("WAL checkpoint failed; will retry", exc_info=True)
            if stopping:
                return


def wal_checkpointer(engine: Engine) -> WalCheckpointer | None:
    """A checkpointer for a SQLite file database; None for PostgreSQL and memory databases."""
    database = sqlite_file(engine)
    return WalCheckpointer(engine, database) if database is not None else None
