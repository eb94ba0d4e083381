"""Reviewed cases as training data: the case JSON plus the reviewers' final labels.

The row format is what `training/data.py::reviewed` reads: `case` (the case
JSON; a JSON string in Parquet), `exception` and `billable` (the reviewed
labels), plus provenance columns the trainer ignores but a data scientist
wants (who reviewed, whether they changed the model, was it an audit sample).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from triage.storage.tables import DecisionRow, ReviewRow


def reviewed_rows(session: Session, *, since: datetime | None = None) -> Iterator[dict[str, Any]]:
    """One row per resolved review, oldest first."""
    stmt = (
        select(ReviewRow, DecisionRow)
        .join(DecisionRow, DecisionRow.decision_id == ReviewRow.decision_id)
        .where(ReviewRow.status == "resolved")
        .order_by(ReviewRow.resolved_at, ReviewRow.review_id)
    )
    if since is not None:
        stmt = stmt.where(ReviewRow.resolved_at >= since)
    for review, decision in session.execute(stmt):
        outcome = review.outcome or {}
        suggested = decision.decision_json
        yield {
            "case_id": decision.case_id,
            "case": decision.case_json,
            "exception": outcome["exception"],
            "billable": bool(outcome["billable"]),
            "model_exception": suggested["exception"]["label"],
            "model_billable": bool(suggested["billable"]["value"]),
            "changed": bool(outcome.get("changed")),
            "reviewers": ",".join(outcome.get("reviewers", [])),
            "audit_sample": review.audit_sample,
            "decision_id": decision.decision_id,
            "review_id": review.review_id,
            "model_version": decision.model_version,
            "policy_version": decision.policy_version,
            "resolved_at": review.resolved_at.isoformat() if review.resolved_at else None,
        }


def write_feedback(rows: Iterator[dict[str, Any]], out: Path) -> int:
    """Write JSONL (`.jsonl`) or Parquet (`.parquet`); return the number of rows."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".jsonl":
        count = 0
        with out.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, sort_keys=True) + "\n")
                count += 1
        return count
    if out.suffix != ".parquet":
        raise ValueError("the output must end in .parquet or .jsonl")
    import pandas as pd

    records = [{**row, "case": json.dumps(row["case"], sort_keys=True)} for row in rows]
    columns = [
        "case_id",
        "case",
        "exception",
        "billable",
        "model_exception",
        "model_billable",
        "changed",
        "reviewers",
        "audit_sample",
        "decision_id",
        "review_id",
        "model_version",
        "policy_version",
        "resolved_at",
    ]
    pd.DataFrame.from_records(records, columns=columns).to_parquet(out, index=False)
    return len(records)
