"""The case page's document view in chromium at 1280×800: a case scored with a service
report and an invoice PDF shows a page image beside the extracted fields, and a field
reached with the keyboard gets its box drawn over the page where the extraction found it.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.review_stack import (
    ARTIFACTS,
    Stack,
    browser_page,
    login,
    review_stack,
    unsure_case,
)
from triage.simulate.pdf import INVOICE_LAYOUTS, REPORT_LAYOUTS, render_invoice, render_report

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

SCALE = 1.5  # the scale the case page asks for
TOLERANCE_PX = 3.0
IMAGE_READY = (
    "([doc, n]) => { const i = document.querySelector('#doc-' + doc + ' .page-img');"
    " return i.complete && i.naturalWidth > 0 && i.src.includes('/pages/' + n + '.png'); }"
)
FOCUSED_KEY = "() => document.activeElement && document.activeElement.dataset.key"


def _score_with_pdfs(stack: Stack, case_id: str) -> str:
    case = unsure_case(case_id)
    files = {
        "service_report": ("report.pdf", render_report(case, REPORT_LAYOUTS[0]), "application/pdf"),
        "invoice": ("invoice.pdf", render_invoice(case, INVOICE_LAYOUTS[0]), "application/pdf"),
    }
    rest = {k: v for k, v in case.items() if k not in files}
    response = httpx.post(
        f"{stack.url}/v1/cases/score",
        data={"case": json.dumps(rest)},
        files=files,
        headers={"Authorization": f"Bearer {stack.tokens['orchestrator']}"},
        timeout=60,
    )
    response.raise_for_status()
    review_id: str = response.json()["review_id"]
    return review_id


def _expected_box(doc: Any, field: Any, page_size: list[float]) -> dict[str, float]:
    """The field's bbox (PDF points) scaled to where the page image is drawn on screen."""
    x0, top, x1, bottom = (float(v) for v in field.get_attribute("data-bbox").split(","))
    image = doc.locator(".page-img").bounding_box()
    sx, sy = image["width"] / page_size[0], image["height"] / page_size[1]
    return {
        "x": image["x"] + x0 * sx,
        "y": image["y"] + top * sy,
        "width": (x1 - x0) * sx,
        "height": (bottom - top) * sy,
    }


def _assert_overlay_at(doc: Any, expected: dict[str, float]) -> None:
    overlay = doc.locator(".bbox-overlay")
    assert overlay.is_visible()
    box = overlay.bounding_box()
    for name in ("x", "y", "width", "height"):
        assert abs(box[name] - expected[name]) <= TOLERANCE_PX, (name, box, expected)


def test_focused_field_highlights_its_box_on_the_page(tmp_path: Path) -> None:
    with review_stack(tmp_path) as stack:
        review_id = _score_with_pdfs(stack, "WO-DOC-UI-1")
        with browser_page() as page:
            login(page, stack, stack.tokens["reviewer"])
            page.goto(f"{stack.url}/ui/reviews/{review_id}")
            report, invoice = page.locator(".doc").all()
            assert report.is_visible()
            assert invoice.is_hidden()
            doc_id = invoice.get_attribute("data-doc")
            page.get_by_role("button", name="Invoice", exact=True).focus()
            page.keyboard.press("Enter")  # the document tab, by keyboard
            assert invoice.is_visible()
            assert report.is_hidden()
            page.wait_for_function(IMAGE_READY, arg=[doc_id, 1])
            sizes: list[list[float]] = json.loads(invoice.get_attribute("data-pages"))
            assert len(sizes) == 2  # this invoice runs onto a second page
            natural = invoice.locator(".page-img").evaluate("i => i.naturalWidth")
            assert natural == math.ceil(sizes[0][0] * SCALE)
            assert invoice.locator(".bbox-overlay").is_hidden()

            # keyboard only: tab from the first field to the second, then on to the total
            fields = invoice.locator(".docfield")
            fields.first.focus()
            page.keyboard.press("Tab")
            second = fields.nth(1)
            assert page.evaluate(FOCUSED_KEY) == second.get_attribute("data-key")
            assert second.get_attribute("data-page") == "1"
            _assert_overlay_at(invoice, _expected_box(invoice, second, sizes[0]))
            page.screenshot(path=str(ARTIFACTS / "ui-documents-1-field.png"))

            for _ in range(fields.count()):
                if page.evaluate(FOCUSED_KEY) == "invoice.total":
                    break
                page.keyboard.press("Tab")
            total = invoice.locator('.docfield[data-key="invoice.total"]')
            assert page.evaluate(FOCUSED_KEY) == "invoice.total"
            assert total.get_attribute("aria-pressed") == "true"
            on_page = int(total.get_attribute("data-page"))
            page.wait_for_function(IMAGE_READY, arg=[doc_id, on_page])
            pressed = invoice.locator(f'.page-btn[data-page="{on_page}"]')
            assert pressed.get_attribute("aria-pressed") == "true"
            _assert_overlay_at(invoice, _expected_box(invoice, total, sizes[on_page - 1]))
            page.screenshot(path=str(ARTIFACTS / "ui-documents-2-total.png"))

            # the page switcher: away from the total's page the box is hidden, back it returns
            other = 1 if on_page != 1 else 2
            invoice.locator(f'.page-btn[data-page="{other}"]').click()
            page.wait_for_function(IMAGE_READY, arg=[doc_id, other])
            assert invoice.locator(".bbox-overlay").is_hidden()
            invoice.locator(f'.page-btn[data-page="{on_page}"]').click()
            page.wait_for_function(IMAGE_READY, arg=[doc_id, on_page])
            _assert_overlay_at(invoice, _expected_box(invoice, total, sizes[on_page - 1]))

            low = page.locator(".docfield.low")
            assert low.count() == page.locator(".docfield .badge.warn").count()
            page.screenshot(path=str(ARTIFACTS / "ui-documents-3-full.png"), full_page=True)
