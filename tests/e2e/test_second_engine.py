"""SpiffWorkflow (BPMN) end to end: examples/bpmn against a live `triage serve`.

The same three work orders as the Temporal test: straight through, held for a
review that the webhook bridge delivers as a BPMN message, and one whose service
task loses its response to a SIGKILL of the server and retries (same key) until
the restarted server answers. Exactly one decision per case.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import uvicorn
from examples.bpmn.bridge import create_bridge
from examples.bpmn.engine import InvoiceProcessEngine

from tests.e2e.live_server import (
    KillSwitchProxy,
    LiveServer,
    create_token,
    decisions_per_case,
    e2e_cases,
    free_port,
    resolve_review_when_ready,
    service_env,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


class BridgeServer:
    """The bridge's uvicorn in a thread of the test process."""

    def __init__(self, engine: InvoiceProcessEngine, secret: str) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            create_bridge(engine, secret),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> BridgeServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "bridge did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveServer, dict[str, str]]]:
    env = service_env(tmp_path)
    server = LiveServer(env, log=tmp_path / "server.log")
    server.start()
    try:
        yield server, env
    finally:
        server.kill()


def wait_until(predicate: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_bpmn_processes_end_in_the_right_state_without_duplicate_decisions(
    tmp_path: Path, live: tuple[LiveServer, dict[str, str]]
) -> None:
    server, env = live
    orchestrator = create_token(env, role="orchestrator", name="bpmn-engine")
    reviewer = create_token(env, role="reviewer", name="bob")
    cases = e2e_cases(f"b{uuid.uuid4().hex[:6]}")
    restarted = threading.Event()

    def kill_and_restart() -> None:
        server.kill()

        def again() -> None:
            time.sleep(1.5)
            server.start()
            restarted.set()

        threading.Thread(target=again, daemon=True).start()

    proxy = KillSwitchProxy(server.port, str(cases["kill"]["case_id"]).encode(), kill_and_restart)
    secret = Path(env["TRIAGE_WEBHOOK_SECRET_FILE"]).read_text().strip()
    ledger = tmp_path / "ledger.jsonl"
    try:
        engine = InvoiceProcessEngine(
            api_url=proxy.url,
            token=orchestrator,
            bridge_url=None,
            store=tmp_path / "instances",
            ledger=ledger,
        )
        with BridgeServer(engine, secret) as bridge:
            engine.bridge_url = bridge.url
            with ThreadPoolExecutor(max_workers=3) as pool:
                started = {kind: pool.submit(engine.start, case) for kind, case in cases.items()}
                resolve_review_when_ready(
                    server.url,
                    reviewer,
                    str(cases["review"]["case_id"]),
                    exception="none",
                    billable=True,
                )
                ids = {kind: future.result(timeout=180) for kind, future in started.items()}
            wait_until(lambda: bool(engine.state(ids["review"])["completed"]), timeout=120)
            states = {kind: engine.state(instance) for kind, instance in ids.items()}
    finally:
        proxy.close()
        restarted.wait(timeout=60)

    assert all(state["completed"] for state in states.values()), states
    straight = states["straight"]
    assert straight["scored"]["route"] == "auto_continue"
    assert not straight["verdict"]["reviewed"]
    expected = "posted" if straight["verdict"]["exception"] == "none" else "held"
    assert straight["booking"]["status"] == expected

    review = states["review"]
    assert review["scored"]["route"] == "human_review"
    assert review["verdict"]["reviewed"]
    assert review["verdict"]["exception"] == "none"
    assert review["booking"]["status"] == "posted"

    killed = states["kill"]
    assert proxy.fired.is_set()
    assert restarted.is_set()
    assert killed["scored"]["attempts"] >= 2
    expected = "posted" if killed["verdict"]["exception"] == "none" else "held"
    assert killed["booking"]["status"] == expected

    counts = decisions_per_case(env["TRIAGE_DATABASE_URL"])
    assert counts == {str(c["case_id"]): 1 for c in cases.values()}
    assert len(ledger.read_text().splitlines()) == 3
