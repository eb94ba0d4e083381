"""`triage score` and `triage evaluate` end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from triage.cli import app
from triage.simulate import generate

runner = CliRunner()
EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "domain_example.json").read_text())


@pytest.fixture(scope="module")
def sims() -> list[object]:
    return list(generate(12, 31337, partition="test"))


@pytest.fixture
def cases_file(tmp_path: Path, sims: list[object]) -> Path:
    path = tmp_path / "cases.jsonl"
    lines = [json.dumps(s.case) for s in sims]  # type: ignore[attr-defined]
    lines.insert(3, json.dumps({**EXAMPLE, "surprise": 1}))
    lines.insert(5, "{not json")
    path.write_text("\n".join(lines) + "\n")
    return path


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_score_rules_baseline_keeps_order_and_reports_bad_lines(
    tmp_path: Path, cases_file: Path, sims: list[object]
) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["score", str(cases_file), "--out", str(out), "--baseline", "rules"]
    )
    assert result.exit_code == 0, result.output
    records = _read(out)
    assert len(records) == 14
    assert records[3]["error"]["errors"] == [{"path": "surprise", "message": "unknown field"}]  # type: ignore[index]
    assert records[5]["line"] == 6
    ids = [r["case_id"] for r in records if "error" not in r]
    assert ids == [s.case["case_id"] for s in sims]  # type: ignore[attr-defined]
    assert all(r["model_version"] == "rules-baseline-1" for r in records if "error" not in r)


def test_score_writes_csv_and_reads_parquet(tmp_path: Path, sims: list[object]) -> None:
    source = tmp_path / "cases.parquet"
    pd.DataFrame({"case": [json.dumps(s.case) for s in sims]}).to_parquet(source)  # type: ignore[attr-defined]
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["score", str(source), "--out", str(out), "--baseline", "rules"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert list(frame["case_id"]) == [s.case["case_id"] for s in sims]  # type: ignore[attr-defined]
    assert set(frame["route"]) <= {"auto_continue", "human_review"}
    assert json.loads(frame["decision"][0])["case_id"] == frame["case_id"][0]


def test_score_with_shipped_bundle_gives_full_decisions(tmp_path: Path, cases_file: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["score", str(cases_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    decisions = [r for r in _read(out) if "error" not in r]
    assert len(decisions) == 12
    first = decisions[0]
    assert len(first["exception"]["probabilities"]) == 10  # type: ignore[index]
    assert first["model_version"].startswith("lgbm-")  # type: ignore[union-attr]
    assert any(r["kind"] == "model" for r in first["reasons"])  # type: ignore[union-attr]


def test_evaluate_prints_model_beside_rules(tmp_path: Path, sims: list[object]) -> None:
    cases = tmp_path / "cases.jsonl"
    labels = tmp_path / "labels.jsonl"
    cases.write_text("".join(json.dumps(s.case) + "\n" for s in sims))  # type: ignore[attr-defined]
    labels.write_text("".join(json.dumps(s.label) + "\n" for s in sims))  # type: ignore[attr-defined]
    report = tmp_path / "report.json"
    result = runner.invoke(
        app, ["evaluate", "--cases", str(cases), "--labels", str(labels), "--json", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "rules baseline" in result.output
    data = json.loads(report.read_text())
    assert data["model"]["n"] == 12
    assert 0.0 <= data["rules"]["macro_f1"] <= 1.0
    assert "per_workflow" in data["model"]
