"""The review loop running for real: the app under uvicorn (fake model) with webhook
delivery, a receiver for callbacks, and headless chromium driven by Playwright."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from tests.factories import clean_case_dict, recompute_totals
from tests.integration.api_support import UNSURE, FakeLoader, make_tokens, settings_for
from tests.integration.review_support import Receiver
from triage.api.app import create_app
from triage.config import Settings
from triage.services.review_delivery import deliver_webhooks
from triage.storage import SessionFactory
from triage.storage.tokens import create_token

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
POLICY = """\
version: "review-e2e-1"
thresholds: {mode: fixed, exception_confidence: 0.9, billable_confidence: 0.9}
high_value: {default: 10000}
always_review: []
audit_sample_rate: 0.0
second_review_value: {default: 1000000}
review_sla_hours: 24
"""


@dataclass
class Stack:
    url: str
    settings: Settings
    tokens: dict[str, str]
    receiver: Receiver
    db: SessionFactory

    def score(self, case: dict[str, Any], *, callback: bool = False) -> dict[str, Any]:
        params = {"callback_url": self.receiver.url} if callback else None
        response = httpx.post(
            f"{self.url}/v1/cases/score",
            json=case,
            params=params,
            headers={"Authorization": f"Bearer {self.tokens['orchestrator']}"},
            timeout=30,
        )
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body


def unsure_case(case_id: str, *, parts: int = 1) -> dict[str, Any]:
    """A case the fake model is unsure about (-> review); `parts` scales the invoice."""
    case = clean_case_dict()
    case["case_id"] = case_id
    case["service_report"]["notes"] = f"{UNSURE}: relay replaced, two cycles tested."
    case["service_report"]["parts"][0]["qty"] = parts
    case["invoice"]["lines"][2]["qty"] = parts
    return recompute_totals(case)


@contextmanager
def review_stack(tmp_path: Path) -> Iterator[Stack]:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    settings = settings_for(tmp_path, policy_file=policy, outbox_poll_seconds=0.1)
    tokens = make_tokens(settings.database_url)
    db = SessionFactory.from_url(settings.database_url)
    with db.scope() as session:
        tokens["reviewer2"] = create_token(session, role="reviewer", name="reviewer-2")
    app = create_app(settings, predictor_loader=FakeLoader(), loops=[deliver_webhooks])
    receiver = Receiver()
    receiver.start()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Stack(f"http://127.0.0.1:{port}", settings, tokens, receiver, db)
    finally:
        server.should_exit = True
        thread.join(15)
        receiver.stop()
        db.engine.dispose()


@contextmanager
def browser_page() -> Iterator[Any]:
    """A 1280×800 page in Debian's chromium; skips when chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (scripts/setup.sh installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


def login(page: Any, stack: Stack, token: str) -> None:
    page.goto(f"{stack.url}/ui/login")
    page.get_by_label("API token").fill(token)
    page.keyboard.press("Enter")
    page.wait_for_url("**/ui/queue**")
