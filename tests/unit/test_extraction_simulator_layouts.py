"""Extraction reads every layout the simulator renders: a rule tuned on another family
must not cost these documents their items (session 13's item-card rule dropped the titles
of the stacked layouts' items, and only a full benchmark run showed it)."""

from __future__ import annotations

import re
from typing import Any

import pypdfium2 as pdfium
import pytest

from triage.extraction.analyze import analyze
from triage.extraction.layout import read_pages
from triage.simulate import generate
from triage.simulate.pdf import INVOICE_LAYOUTS, REPORT_LAYOUTS, render_invoice, render_report


def _read(data: bytes) -> dict[str, Any]:
    document = pdfium.PdfDocument(data)
    extracted = analyze(read_pages(document, len(document)))
    return {**extracted.to_case_fields(), **extracted.values()}


def _words(text: str | None) -> str:
    """Lower-case words: `Environmental / disposal fee` as printed, without the slash."""
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return [s.case for s in generate(12, 20261128)]


@pytest.mark.parametrize("layout", INVOICE_LAYOUTS)
def test_every_invoice_layout_gives_back_its_lines_and_totals(
    layout: str, cases: list[dict[str, Any]]
) -> None:
    for case in cases[:4]:
        invoice = case["invoice"]
        got = _read(render_invoice(case, layout))
        assert got["number"] == invoice["number"]
        assert got["total"] == pytest.approx(invoice["total"])
        assert len(got["lines"]) == len(invoice["lines"])
        for have, want in zip(got["lines"], invoice["lines"], strict=True):
            assert _words(have.get("description")) == _words(want["description"])
            assert have.get("sku") == want.get("sku")
            assert have.get("qty") == pytest.approx(want["qty"])
            assert have.get("amount") == pytest.approx(want["amount"])


@pytest.mark.parametrize("layout", REPORT_LAYOUTS)
def test_every_report_layout_gives_back_its_parts_and_fields(
    layout: str, cases: list[dict[str, Any]]
) -> None:
    for case in cases[:4]:
        report = case["service_report"]
        got = _read(render_report(case, layout))
        assert got["work_order_id"] == report["work_order_id"]
        assert got["technician"] == report["technician"]
        assert got["labor_hours"] == pytest.approx(report["labor_hours"])
        parts = got.get("parts") or []
        assert len(parts) == len(report["parts"])
        for have, want in zip(parts, report["parts"], strict=True):
            assert _words(have.get("description")) == _words(want["description"])
            assert have.get("qty") == pytest.approx(want["qty"])
