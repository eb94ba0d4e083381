"""Rendered PDFs open, carry a text layer with the key values, and match pdf_truth."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from triage.cli.app import app
from triage.simulate import generate, write_dataset
from triage.simulate.formats import format_date, format_number
from triage.simulate.pdf import (
    INVOICE_LAYOUTS,
    REPORT_LAYOUTS,
    render_invoice,
    render_report,
    spans_two_pages,
)


def _text(data: bytes, tmp_path: Path) -> tuple[str, int]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages), len(pdf.pages)


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return [s.case for s in generate(len(INVOICE_LAYOUTS), 21)]


def test_render_invoice_every_layout_shows_key_values(cases: list[dict], tmp_path: Path) -> None:
    texts = []
    for case, layout in zip(cases, INVOICE_LAYOUTS, strict=True):
        text, _ = _text(render_invoice(case, layout), tmp_path)
        inv = case["invoice"]
        assert inv["number"] in text
        for ln in inv["lines"]:
            assert ln["description"] in text
        assert any(format_number(inv["total"], s) in text for s in ("en", "de", "fr", "ch"))
        texts.append(text)
    assert len(set(texts)) == len(texts)


def test_render_invoice_spans_two_pages_only_when_planned(tmp_path: Path) -> None:
    sims = [s.case for s in generate(40, 2)]
    long = next(c for c in sims if spans_two_pages(c, "de_table"))
    short = next(c for c in sims if not spans_two_pages(c, "de_table"))
    assert _text(render_invoice(long, "de_table"), tmp_path)[1] == 2
    assert _text(render_invoice(short, "de_table"), tmp_path)[1] == 1


def test_render_report_every_layout_shows_notes_and_work_order(
    cases: list[dict], tmp_path: Path
) -> None:
    for case, layout in zip(cases, REPORT_LAYOUTS, strict=False):
        text, _ = _text(render_report(case, layout), tmp_path)
        rep = case["service_report"]
        assert rep["work_order_id"] in text
        assert rep["notes"].split()[0] in text if rep["notes"] else True
        assert rep["technician"] in text


@pytest.mark.parametrize(("region", "printed"), [("US-NY", "03/04/2026"), ("DE", "04/03/2026")])
def test_us_layout_prints_month_first_only_for_a_us_issuer(
    cases: list[dict], tmp_path: Path, region: str, printed: str
) -> None:
    case = json.loads(json.dumps(cases[0]))
    case["customer"]["region"] = region
    case["invoice"]["date"] = "2026-03-04"
    text, _ = _text(render_invoice(case, "en_us_table"), tmp_path)
    assert printed in text


def test_format_helpers_print_local_styles() -> None:
    from datetime import date

    assert format_number(1234.56, "de") == "1.234,56"
    assert format_number(1234.56, "fr") == "1 234,56"
    assert format_number(1234.5, "ch") == "1'234.50"
    assert format_date(date(2026, 3, 4), "us") == "03/04/2026"
    assert format_date(date(2026, 3, 4), "eu") == "04/03/2026"
    assert format_date(date(2026, 3, 4), "long_en") == "4 Mar 2026"


def test_write_dataset_writes_cases_labels_pdfs_and_truth(tmp_path: Path) -> None:
    summary = write_dataset(tmp_path, 6, 9, pdf_fraction=0.5, layouts=["de_table", "fr_form"])
    cases = (tmp_path / "cases.jsonl").read_text().splitlines()
    labels = [json.loads(x) for x in (tmp_path / "labels.jsonl").read_text().splitlines()]
    truth = [json.loads(x) for x in (tmp_path / "pdf_truth.jsonl").read_text().splitlines()]
    assert len(cases) == len(labels) == 6
    assert summary["pdf_cases"] * 2 == len(truth) > 0
    by_id = {json.loads(c)["case_id"]: json.loads(c) for c in cases}
    for row in truth:
        assert (tmp_path / row["file"]).is_file()
        case = by_id[row["case_id"]]
        if row["doc_type"] == "invoice":
            assert row["layout"] == "de_table"
            assert row["fields"]["lines"] == case["invoice"]["lines"]
            assert row["fields"]["total"] == case["invoice"]["total"]
        else:
            assert row["layout"] == "fr_form"
            assert row["fields"]["notes"] == case["service_report"]["notes"]


def test_cli_simulate_writes_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["simulate", "--n", "30", "--seed", "2", "--out", str(tmp_path), "--mix", '{"none": 1}'],
    )
    assert result.exit_code == 0, result.output
    labels = [json.loads(x) for x in (tmp_path / "labels.jsonl").read_text().splitlines()]
    assert len(labels) == 30
    assert {x["exception"] for x in labels} == {"none"}
