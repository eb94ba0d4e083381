"""Replaying past decisions under a new policy: automation, error among auto, workload."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from triage.domain.decision import BillablePrediction, Decision, ExceptionPrediction
from triage.domain.vocab import EXCEPTION_LABELS, ExceptionLabel, Route
from triage.errors import ValidationError
from triage.policy import load_policy
from triage.services import policy_simulation as sim


def _decision(case_id: str, label: str, confidence: float) -> Decision:
    return Decision(
        decision_id=f"dec_{case_id}",
        case_id=case_id,
        exception=ExceptionPrediction(
            label=ExceptionLabel(label),
            confidence=confidence,
            probabilities={
                name: (confidence if name == label else 0.0) for name in EXCEPTION_LABELS
            },
            prediction_set=[ExceptionLabel(label)],
        ),
        billable=BillablePrediction(value=True, probability=0.99),
        route=Route.AUTO_CONTINUE,
        reasons=[],
        model_version="m",
        policy_version="old",
        created_at=datetime(2026, 3, 4, tzinfo=UTC),
    )


def _write(tmp_path: Path) -> tuple[Path, Path]:
    rows = [
        (_decision("A", "none", 0.99), 100.0, ("none", True)),
        (_decision("B", "none", 0.99), 20000.0, ("none", True)),
        (_decision("C", "tax_error", 0.99), 50.0, ("none", True)),  # the model is wrong
    ]
    decisions, labels = tmp_path / "d.jsonl", tmp_path / "l.jsonl"
    decisions.write_text(
        "".join(
            json.dumps(
                {
                    **d.model_dump(mode="json"),
                    "invoice_total": t,
                    "currency": "EUR",
                    "customer_id": "C1",
                }
            )
            + "\n"
            for d, t, _ in rows
        )
    )
    labels.write_text(
        "".join(
            json.dumps({"case_id": d.case_id, "exception": e, "billable": b}) + "\n"
            for d, _, (e, b) in rows
        )
    )
    return decisions, labels


def test_replay_counts_automation_error_and_workload(tmp_path: Path) -> None:
    decisions, labels = _write(tmp_path)
    past, truth = sim.read_past_decisions(decisions), sim.read_labels(labels)
    policy = load_policy(None).model_copy(update={"audit_sample_rate": 0.0, "version": "new"})
    after = sim.replay(past, truth, policy, None)
    assert after.cases == 3
    assert after.review == 1  # B is at or above the 10 000 high-value line
    assert after.auto == 2
    assert after.auto_wrong == 1  # C continued with the wrong label
    assert after.as_dict()["review_reasons"]["policy.high_value"] == 1
    before = sim.recorded(past, truth)
    assert before.automation_rate == 1.0


def test_read_past_decisions_without_case_context_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(_decision("A", "none", 0.9).model_dump(mode="json")) + "\n")
    with pytest.raises(ValidationError) as caught:
        sim.read_past_decisions(path)
    assert caught.value.errors[0].path == "d.jsonl:1"
