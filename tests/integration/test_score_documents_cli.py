"""`triage score` on cases whose report and invoice are given as PDFs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from triage.cli import app
from triage.simulate import generate
from triage.simulate.pdf import INVOICE_LAYOUTS, REPORT_LAYOUTS, render_invoice, render_report


def test_score_fills_documents_from_pdfs_and_reports_unreadable_ones(tmp_path: Path) -> None:
    case = next(iter(generate(1, 21))).case
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "r.pdf").write_bytes(render_report(case, REPORT_LAYOUTS[0]))
    (tmp_path / "docs" / "i.pdf").write_bytes(render_invoice(case, INVOICE_LAYOUTS[0]))
    (tmp_path / "docs" / "junk.pdf").write_bytes(b"this is not a pdf")
    with_docs = {
        **case,
        "service_report": {"document": "docs/r.pdf"},
        "invoice": {"document": "docs/i.pdf"},
    }
    broken = {**case, "case_id": "BROKEN-1", "invoice": {"document": "docs/junk.pdf"}}
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps(with_docs) + "\n" + json.dumps(broken) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"

    result = CliRunner().invoke(
        app, ["score", str(cases), "--out", str(out), "--baseline", "rules"]
    )

    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert first["case_id"] == case["case_id"]
    assert first["exception"]["label"]
    assert second["line"] == 2
    assert second["error"]["code"] == "not_a_pdf"
