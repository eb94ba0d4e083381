"""The shipped bundle on cases nobody on the team wrote: `bench/independent/` holds four
sets labelled from DOMAIN.md alone, each by a writer who never opened the simulator, the
training data or the models (`make_cases.py`: 75 cases; `make_cases_b.py`: 60 more, by a
second writer who did not read the first set's notes; `make_cases_c.py`: 60 more, by a
third writer who read neither earlier set's notes, stressing production-style wording and
tolerance-boundary edge cases; `make_cases_d.py`: 60 more, by a fourth writer who read none
of the earlier sets' notes, stressing facts told indirectly in voice-to-text, app-log,
ticket-system, quoted-e-mail and mixed-language notes (eight languages), look-alikes and
cases exactly at and just beyond every tolerance). Small, so every wrong case is printed
with its notes: the figures are a smoke test of generalisation, the list is the finding."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SET = Path(__file__).resolve().parent / "independent"
KEYS = (
    "macro_f1",
    "accuracy",
    "billable_accuracy",
    "billable_roc_auc",
    "automation_rate",
    "error_among_auto",
    "conformal_coverage",
)


SETS = (
    ("cases.jsonl", "labels.jsonl"),
    ("cases_b.jsonl", "labels_b.jsonl"),
    ("cases_c.jsonl", "labels_c.jsonl"),
    ("cases_d.jsonl", "labels_d.jsonl"),
)


def main() -> None:
    for cases, labels in SETS:
        _report(SET / cases, SET / labels)


def _report(cases_file: Path, labels_file: Path) -> None:
    from triage.cli.scoring import (
        _labels,
        _load_predictor,
        evaluate_decisions,
        read_records,
        score_records,
    )
    from triage.policy import load_policy

    policy = load_policy(None)
    records = list(read_records(cases_file))
    labels = _labels(labels_file)
    cases = {case["case_id"]: case for case in (json.loads(line) for _, line in records)}
    workflows = {case_id: case["workflow"] for case_id, case in cases.items()}
    reports: dict[str, dict[str, Any]] = {}
    decisions: dict[str, list[dict[str, Any]]] = {}
    for name, baseline in (("model", None), ("rules", "rules")):
        predictor = _load_predictor(None, baseline)
        decisions[name] = score_records(records, predictor, policy)
        reports[name] = evaluate_decisions(
            decisions[name], labels, policy.conformal_alpha, workflows
        )
    model = reports["model"]
    print(f"{len(records)} independent cases ({cases_file.relative_to(SET.parents[1])})")
    print(f"{'metric':<22}{'model':>8}{'rules':>8}")
    for key in KEYS:
        print(f"{key:<22}{model[key]:>8.3f}{reports['rules'][key]:>8.3f}")
    print("per-class F1: " + ", ".join(f"{k} {v:.2f}" for k, v in model["per_class_f1"].items()))
    wrong = [
        d
        for d in decisions["model"]
        if d["exception"]["label"] != labels[d["case_id"]]["exception"]
        or d["billable"]["value"] != labels[d["case_id"]]["billable"]
    ]
    print(f"wrong decisions: {len(wrong)}")
    for d in wrong:
        truth = labels[d["case_id"]]
        print(
            f"  {d['case_id']} [{d['route']}] true {truth['exception']}/"
            f"{'billable' if truth['billable'] else 'not billable'}, predicted "
            f"{d['exception']['label']} ({d['exception']['confidence']:.2f})/"
            f"{'billable' if d['billable']['value'] else 'not billable'} "
            f"({d['billable']['probability']:.2f})"
        )
        note = cases[d["case_id"]]["service_report"]["notes"]
        print(f"    notes: {json.dumps(note, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
