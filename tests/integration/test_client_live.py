"""The Python client against the real app (fake model) served by uvicorn on a free port."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.e2e.live_server import free_port
from tests.factories import clean_case_dict, recompute_totals
from tests.integration.api_support import FakeLoader, make_tokens, settings_for
from triage.api.app import create_app
from triage.client import AsyncTriageClient, TriageAPIError, TriageClient


@dataclass
class Served:
    url: str
    tokens: dict[str, str]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    settings = settings_for(tmp_path)
    tokens = make_tokens(settings.database_url)
    app = create_app(settings, predictor_loader=FakeLoader(), loops=[])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", tokens)
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def high_value_case(case_id: str) -> dict[str, object]:
    """Above the default policy's 10 000 line: always routed to review."""
    data = clean_case_dict()
    data["case_id"] = case_id
    data["service_report"]["parts"][0]["qty"] = 40
    for line in data["invoice"]["lines"]:
        if line["kind"] == "part":
            line["qty"] = 40
    return recompute_totals(data)


def test_score_with_one_key_returns_one_decision_and_rejects_another_body(served: Served) -> None:
    with TriageClient(served.url, served.tokens["orchestrator"]) as client:
        first = client.score(clean_case_dict(), idempotency_key="order-1")
        again = client.score(clean_case_dict(), idempotency_key="order-1")
        other = clean_case_dict()
        other["invoice"]["number"] = "INV-OTHER"
        with pytest.raises(TriageAPIError) as info:
            client.score(other, idempotency_key="order-1")
        assert client.get_decision(first.decision_id) == first
    assert again.decision_id == first.decision_id
    assert info.value.status_code == 422


def test_get_case_of_another_client_is_not_found(served: Served) -> None:
    with TriageClient(served.url, served.tokens["orchestrator"]) as mine:
        decision = mine.score(clean_case_dict())
    theirs = TriageClient(served.url, served.tokens["orchestrator2"])
    with theirs, pytest.raises(TriageAPIError) as info:
        theirs.get_case(decision.case_id)
    assert info.value.status_code == 404


def test_wait_for_outcome_returns_as_soon_as_the_review_resolves(served: Served) -> None:
    with TriageClient(served.url, served.tokens["orchestrator"]) as client:
        pending = client.score(high_value_case("WO-LONGPOLL-1"))
        assert pending.status == "pending_review"
        assert pending.review_id is not None
        reviewer = {"authorization": f"Bearer {served.tokens['reviewer']}"}

        def resolve() -> None:
            time.sleep(1.0)
            base = f"{served.url}/v1/reviews/{pending.review_id}"
            httpx.post(f"{base}/claim", headers=reviewer, timeout=10).raise_for_status()
            httpx.post(
                f"{base}/resolve",
                headers=reviewer,
                json={"action": "correct", "exception": "rate_mismatch", "billable": False},
                timeout=10,
            ).raise_for_status()

        worker = threading.Thread(target=resolve)
        started = time.monotonic()
        worker.start()
        final = client.wait_for_outcome("WO-LONGPOLL-1", timeout=30)
        elapsed = time.monotonic() - started
        worker.join()
    assert final.status == "final"
    assert final.outcome is not None
    assert final.final_exception == "rate_mismatch"
    assert final.final_billable is False
    assert 0.9 < elapsed < 10


def test_async_client_scores_and_reads_back(served: Served) -> None:
    async def run() -> tuple[str, str]:
        async with AsyncTriageClient(served.url, served.tokens["orchestrator"]) as client:
            decision = await client.score(clean_case_dict(), idempotency_key="async-1")
            read = await client.get_case(decision.case_id)
            return decision.decision_id, read.decision_id

    made, read = asyncio.run(run())
    assert made == read
