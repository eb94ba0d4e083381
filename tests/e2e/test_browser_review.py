"""The reviewer web app in chromium, keyboard first: open the top task, confirm, correct,
bulk-confirm, and watch the dashboard change. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.e2e.review_stack import ARTIFACTS, browser_page, login, review_stack, unsure_case

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

UNLABELLED = (
    "() => Array.from(document.querySelectorAll("
    "'input:not([type=hidden]), select, textarea, button'))"
    ".filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')"
    " && !el.textContent.trim()).map(el => el.outerHTML)"
)


def test_reviewer_works_queue_by_keyboard_and_dashboard_updates(tmp_path: Path) -> None:
    with review_stack(tmp_path) as stack:
        ids = [stack.score(unsure_case(f"WO-UI-{i}", parts=1 + i))["review_id"] for i in range(5)]
        with browser_page() as page:
            login(page, stack, stack.tokens["reviewer"])
            assert page.locator("#waiting").inner_text() == "5 waiting"
            assert page.evaluate(UNLABELLED) == []
            page.screenshot(path=str(ARTIFACTS / "ui-1-queue.png"), full_page=True)

            page.keyboard.press("Enter")  # open the top task
            page.wait_for_url("**/ui/reviews/**")
            first = page.url.split("/ui/reviews/")[1].split("?")[0]
            assert first in ids
            assert page.evaluate(UNLABELLED) == []
            page.screenshot(path=str(ARTIFACTS / "ui-2-case.png"), full_page=True)
            page.keyboard.press("c")  # confirm -> the next task opens at once
            page.wait_for_url(lambda url: "/ui/reviews/" in url and first not in url)
            assert "resolved" in page.locator(".flash").inner_text()
            second = page.url.split("/ui/reviews/")[1].split("?")[0]

            page.keyboard.press("9")  # tax_error
            page.keyboard.press("s")
            page.wait_for_url(lambda url: second not in url)
            page.keyboard.press("r")  # release the third task we were handed
            page.wait_for_url("**/ui/queue**")
            assert page.locator("#waiting").inner_text() == "3 waiting"

            page.get_by_role("button", name="Confirm all 3 matching").click()
            page.wait_for_url("**/ui/queue**")
            assert "Confirmed 3 task(s), 3 resolved" in page.locator(".flash").inner_text()
            assert page.locator("#waiting").inner_text() == "0 waiting"
            page.screenshot(path=str(ARTIFACTS / "ui-3-bulk.png"), full_page=True)

            page.get_by_role("link", name="Dashboard").click()
            page.wait_for_url("**/ui/dashboard")
            assert page.locator("#m-resolved").inner_text() == "5 / 0"
            assert page.locator("#m-override").inner_text() == "20.0 %"
            assert page.locator(".chart svg").count() == 6
            page.screenshot(path=str(ARTIFACTS / "ui-4-dashboard.png"), full_page=True)

        summary = httpx.get(
            f"{stack.url}/v1/metrics/summary",
            headers={"Authorization": f"Bearer {stack.tokens['auditor']}"},
        ).json()
        assert summary["reviews_resolved"] == 5
        assert summary["override_rate"] == {"count": 1, "total": 5, "rate": 0.2}
        assert summary["automation_rate"]["rate"] == 0.0
        assert summary["agreement_per_reviewer"][0]["reviewer"] == "reviewer-1"
        assert summary["agreement_per_reviewer"][0]["overrides"] == 1
