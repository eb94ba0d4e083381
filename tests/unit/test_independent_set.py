"""The independent benchmark set (bench/independent) stays valid against the contract."""

from __future__ import annotations

import json
from pathlib import Path

from triage.domain.parse import parse_case
from triage.domain.vocab import EXCEPTION_LABELS

SET = Path(__file__).resolve().parents[2] / "bench" / "independent"


def test_every_independent_case_parses_and_has_one_label_of_the_contract() -> None:
    cases = [parse_case(json.loads(line)) for line in (SET / "cases.jsonl").open()]
    labels = [json.loads(line) for line in (SET / "labels.jsonl").open()]
    assert [c.case_id for c in cases] == [label["case_id"] for label in labels]
    assert {label["exception"] for label in labels} == set(EXCEPTION_LABELS)
    assert {label["billable"] for label in labels} == {True, False}
