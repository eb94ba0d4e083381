"""Two `triage serve` processes side by side on one PostgreSQL schema.

What must hold across processes: an Idempotency-Key sent to both at once yields
one decision; many reviewers claiming the same task through both processes get
it exactly once; the audit log written by both is one log (contiguous, verifies).
"""

from __future__ import annotations

import subprocess
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.e2e.live_server import TRIAGE, LiveServer, create_token, e2e_cases, service_env
from triage.client import RetryPolicy, TriageClient

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(400)]

N_CASES = 9
N_CLAIMERS = 6


@pytest.fixture
def two_servers(
    tmp_path: Path, postgres_schema_url: str
) -> Iterator[tuple[LiveServer, LiveServer, dict[str, str]]]:
    env = service_env(tmp_path, database_url=postgres_schema_url)
    first = LiveServer(env, log=tmp_path / "a.log")
    second = LiveServer(env, log=tmp_path / "b.log")
    try:
        first.start()  # migrates the schema; the second finds it at head
        second.start()
        yield first, second, env
    finally:
        first.kill()
        second.kill()


def cases_for(tag: str) -> list[dict[str, object]]:
    """N_CASES cases; every third is above the high-value line, so it becomes a review task."""
    out = []
    for i in range(N_CASES // 3):
        out.extend(e2e_cases(f"{tag}{i}").values())
    return out


def test_idempotency_claims_and_audit_hold_across_two_processes(
    two_servers: tuple[LiveServer, LiveServer, dict[str, str]],
) -> None:
    first, second, env = two_servers
    token = create_token(env, role="orchestrator", name="erp")
    reviewers = [create_token(env, role="reviewer", name=f"rev{i}") for i in range(N_CLAIMERS)]
    retry = RetryPolicy(max_attempts=10, initial_delay=0.1, max_delay=2.0)
    clients = [TriageClient(s.url, token, retry=retry) for s in (first, second)]
    cases = cases_for(f"p{uuid.uuid4().hex[:6]}")
    barrier = threading.Barrier(2)

    def score_on(client: TriageClient, case: dict[str, object], key: str) -> str:
        barrier.wait(timeout=30)
        return client.score(case, idempotency_key=key).decision_id

    decision_ids: dict[str, str] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for case in cases:
            key = f"key-{case['case_id']}"
            a, b = (pool.submit(score_on, c, case, key) for c in clients)
            assert a.result(timeout=120) == b.result(timeout=120)
            decision_ids[str(case["case_id"])] = a.result()
    for client in clients:
        client.close()

    engine = create_engine(env["TRIAGE_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            per_case = dict(
                connection.execute(
                    text("SELECT case_id, COUNT(*) FROM decisions GROUP BY case_id")
                ).all()
            )
            review_ids = [
                r
                for (r,) in connection.execute(
                    text("SELECT review_id FROM reviews ORDER BY review_id")
                ).all()
            ]
    finally:
        engine.dispose()
    assert per_case == dict.fromkeys(decision_ids, 1)
    assert len(review_ids) == N_CASES // 3

    urls = [first.url, second.url]
    for review_id in review_ids:
        gate = threading.Barrier(N_CLAIMERS)

        def claim(i: int, review_id: str = review_id, gate: threading.Barrier = gate) -> int:
            gate.wait(timeout=30)
            response = httpx.post(
                f"{urls[i % 2]}/v1/reviews/{review_id}/claim",
                headers={"authorization": f"Bearer {reviewers[i]}"},
                timeout=30,
            )
            return response.status_code

        with ThreadPoolExecutor(max_workers=N_CLAIMERS) as pool:
            statuses = list(pool.map(claim, range(N_CLAIMERS)))
        assert sorted(statuses) == [200] + [409] * (N_CLAIMERS - 1), statuses

    database = ["--database", env["TRIAGE_DATABASE_URL"]]
    checkpoint = subprocess.run(
        [TRIAGE, "audit", "checkpoint", *database],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checkpoint.returncode == 0, checkpoint.stdout + checkpoint.stderr
    verify = subprocess.run(
        [TRIAGE, "audit", "verify", *database],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    engine = create_engine(env["TRIAGE_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            seqs = [
                s for (s,) in connection.execute(text("SELECT seq FROM audit_log ORDER BY seq"))
            ]
            decided = connection.execute(
                text(
                    "SELECT COUNT(DISTINCT decision_id) FROM audit_log"
                    " WHERE event_type = 'decision.created'"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert decided == N_CASES
