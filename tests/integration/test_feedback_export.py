"""`triage feedback export` writes reviewed cases in the form the training pipeline reads."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from training.data import reviewed
from typer.testing import CliRunner

from tests.integration.review_support import add_pending
from triage.cli import app
from triage.domain.vocab import ExceptionLabel
from triage.services.review import Reviewer, ReviewService
from triage.storage import SessionFactory

ALICE = Reviewer(name="alice", actor="reviewer:alice")


def _resolve_two(engine: Engine) -> tuple[str, str]:
    sessions = SessionFactory(engine)
    with sessions.scope() as session:
        confirmed = add_pending(session, label="rate_mismatch", billable=True)
        corrected = add_pending(session, label="none", billable=True)
        add_pending(session)  # still open: not exported
    service = ReviewService(sessions, claim_ttl=timedelta(minutes=5), sla_hours=lambda: 24.0)
    for row in (confirmed, corrected):
        service.claim(row.review_id, ALICE)
    service.resolve(confirmed.review_id, ALICE)
    service.resolve(corrected.review_id, ALICE, exception=ExceptionLabel.TAX_ERROR, billable=False)
    return confirmed.case_id, corrected.case_id


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_export_round_trips_through_training_reader(
    engine: Engine, tmp_path: Path, suffix: str
) -> None:
    confirmed, corrected = _resolve_two(engine)
    out = tmp_path / f"reviewed{suffix}"
    result = CliRunner().invoke(
        app,
        [
            "feedback",
            "export",
            "--out",
            str(out),
            "--database",
            str(engine.url.render_as_string(hide_password=False)),
        ],
    )
    assert result.exit_code == 0, result.output
    examples = {e.case.case_id: e for e in reviewed(out)}
    assert set(examples) == {confirmed, corrected}
    assert (examples[confirmed].exception, examples[confirmed].billable) == ("rate_mismatch", True)
    assert (examples[corrected].exception, examples[corrected].billable) == ("tax_error", False)


def test_export_jsonl_carries_provenance(engine: Engine, tmp_path: Path) -> None:
    _, corrected = _resolve_two(engine)
    out = tmp_path / "reviewed.jsonl"
    CliRunner().invoke(
        app,
        [
            "feedback",
            "export",
            "--out",
            str(out),
            "--database",
            str(engine.url.render_as_string(hide_password=False)),
        ],
    )
    rows = {r["case_id"]: r for r in map(json.loads, out.read_text().splitlines())}
    row = rows[corrected]
    assert row["changed"] is True
    assert row["model_exception"] == "none"
    assert row["reviewers"] == "alice"
