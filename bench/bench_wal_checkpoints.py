"""SQLite commit latency with the automatic WAL checkpoint and with the service's
background checkpointer (`storage/checkpoints.py`), side by side in one run.

Each commit writes five 16 KB rows (about a persisted decision with its case, review,
audit record and index pages) with `synchronous=FULL`; the automatic checkpoint makes
the commit that pushes the WAL past 1 000 pages copy and fsync them before it returns.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, text

from triage.storage.checkpoints import wal_checkpointer
from triage.storage.engine import make_engine

COMMITS = int(os.environ.get("BENCH_WAL_COMMITS", "1000"))


def _commit_latencies(engine: Engine) -> list[float]:
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE blobs (k INTEGER PRIMARY KEY, b BLOB)"))
    rows = [{"b": os.urandom(16_000)} for _ in range(5)]
    latencies = []
    for _ in range(COMMITS):
        started = time.perf_counter()
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO blobs (b) VALUES (:b)"), rows)
        latencies.append(1000 * (time.perf_counter() - started))
    return sorted(latencies)


def _measure(directory: Path, background: bool) -> list[float]:
    engine = make_engine(f"sqlite:///{directory}/wal.db", background_checkpoints=background)
    checkpointer = wal_checkpointer(engine) if background else None
    if checkpointer is not None:
        checkpointer.start()
    try:
        return _commit_latencies(engine)
    finally:
        if checkpointer is not None:
            checkpointer.stop()
        engine.dispose()


def main() -> None:
    print(f"SQLite commit latency, {COMMITS} commits of 5 x 16 KB rows, synchronous=FULL:")
    for label, background in (("automatic checkpoint", False), ("background thread", True)):
        with tempfile.TemporaryDirectory() as tmp:
            ms = _measure(Path(tmp), background)
        p50, p99 = ms[len(ms) // 2], ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        slow = sum(m > 10 * p50 for m in ms)
        print(
            f"  {label:<21} p50 {p50:5.2f} ms  p99 {p99:6.2f} ms  max {ms[-1]:6.2f} ms  "
            f"commits over 10x p50: {slow}"
        )


if __name__ == "__main__":
    main()
