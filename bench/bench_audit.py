"""Audit log figures: append throughput, proof latency, offline verification speed.

Runs on a temporary SQLite file (and on PostgreSQL when TRIAGE_BENCH_PG_URL is set).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from triage import audit
from triage.storage import make_engine, migrate, session_scope

RECORDS = 5_000
PER_TRANSACTION = 50


def _bench(url: str, label: str) -> None:
    migrate(url)
    engine = make_engine(url)
    key = Ed25519PrivateKey.generate()
    payload = {"case_id": "WO-2026-004211", "route": "human_review", "reasons": ["x" * 200]}
    try:
        start = time.perf_counter()
        for _ in range(RECORDS // PER_TRANSACTION):
            with session_scope(engine) as session:
                for _ in range(PER_TRANSACTION):
                    audit.append(session, event_type="decision.created", actor="b", payload=payload)
        append_s = time.perf_counter() - start
        single = time.perf_counter()
        for _ in range(200):
            with session_scope(engine) as session:
                audit.append(session, event_type="decision.created", actor="b", payload=payload)
        single_s = (time.perf_counter() - single) / 200
        with session_scope(engine) as session:
            audit.write_checkpoint(session, key)
            size = audit.tree_head(session).tree_size
            proof_start = time.perf_counter()
            for seq in range(0, size, size // 100):
                audit.inclusion_proof(session, seq=seq)
            proof_ms = (time.perf_counter() - proof_start) / 100 * 1000
            entries, checkpoints = audit.read_log(session)
        verify_start = time.perf_counter()
        report = audit.verify(entries, checkpoints, key.public_key())
        verify_s = time.perf_counter() - verify_start
        assert report.ok
        print(
            f"audit[{label}]: append {RECORDS / append_s:,.0f} records/s "
            f"({PER_TRANSACTION}/transaction); one-record transaction {single_s * 1000:.2f} ms; "
            f"inclusion proof {proof_ms:.2f} ms; verify {size / verify_s:,.0f} records/s "
            f"({size} records)"
        )
    finally:
        engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _bench(f"sqlite:///{Path(tmp) / 'bench.db'}", "sqlite")
    pg_url = os.environ.get("TRIAGE_BENCH_PG_URL")
    if pg_url:
        _bench(pg_url, "postgresql")


if __name__ == "__main__":
    main()
