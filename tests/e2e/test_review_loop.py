"""Done-when of the review loop: score a high-value case with a callback -> review task ->
a reviewer corrects it in the browser -> the client's receiver gets the signed final
decision -> the audit log shows every step and verifies."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest

from tests.e2e.review_stack import ARTIFACTS, browser_page, login, review_stack, unsure_case
from triage import audit
from triage.notify.webhooks import verify

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]


def test_high_value_case_corrected_in_browser_reaches_client_signed(tmp_path: Path) -> None:
    with review_stack(tmp_path) as stack:
        decision = stack.score(unsure_case("WO-LOOP-1", parts=40), callback=True)
        assert decision["route"] == "human_review"
        assert "policy.high_value" in {r["code"] for r in decision["reasons"]}
        reviews = httpx.get(
            f"{stack.url}/v1/reviews",
            headers={"Authorization": f"Bearer {stack.tokens['reviewer']}"},
        ).json()
        assert [t["review_id"] for t in reviews["items"]] == [decision["review_id"]]
        assert stack.receiver.requests == []

        with browser_page() as page:
            login(page, stack, stack.tokens["reviewer"])
            page.keyboard.press("Enter")  # open the top task
            page.wait_for_url(f"**/ui/reviews/{decision['review_id']}**")
            page.screenshot(path=str(ARTIFACTS / "loop-1-case.png"), full_page=True)
            page.keyboard.press("4")  # warranty_coverage
            page.keyboard.press("b")  # billable yes -> no
            page.keyboard.press("m")
            page.keyboard.type("asset under warranty; relay failure is a defect")
            page.keyboard.press("Escape")
            page.keyboard.press("s")  # save the correction
            page.wait_for_url("**/ui/queue**")
            assert "resolved" in page.locator(".flash").inner_text()
            page.screenshot(path=str(ARTIFACTS / "loop-2-after.png"), full_page=True)

        deadline = time.monotonic() + 15
        while not stack.receiver.requests and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(stack.receiver.requests) == 1
        headers, body = stack.receiver.requests[0]
        secret = stack.settings.webhook_secret_file.read_text().strip()
        assert verify(secret, headers, body).startswith("msg_")
        final = json.loads(body)
        assert final["type"] == "decision.final"
        data = final["data"]
        assert data["decision_id"] == decision["decision_id"]
        assert data["status"] == "final"
        assert data["outcome"]["exception"] == "warranty_coverage"
        assert data["outcome"]["billable"] is False
        assert data["outcome"]["changed"] is True
        assert data["outcome"]["reviewers"] == ["reviewer-1"]

        state = httpx.get(
            f"{stack.url}/v1/cases/WO-LOOP-1",
            headers={"Authorization": f"Bearer {stack.tokens['orchestrator']}"},
        ).json()
        assert state["status"] == "final"
        assert state["outcome"]["exception"] == "warranty_coverage"

        key = audit.load_or_create_signing_key(stack.settings.audit_key_file)
        with stack.db.scope() as session:
            events = audit.list_events(session, case_id="WO-LOOP-1").events
            audit.write_checkpoint(session, key)
        assert [e.event_type for e in events] == [
            "decision.created",
            "review.claimed",
            "review.corrected",
            "review.resolved",
        ]
        assert events[-1].payload["outcome"]["exception"] == "warranty_coverage"
        with stack.db.scope(readonly=True) as session:
            entries, checkpoints = audit.read_log(session)
        report = audit.verify(entries, checkpoints, key.public_key())
        assert report.ok, report.problems
