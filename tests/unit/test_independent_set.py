"""The independent benchmark sets (bench/independent) stay valid against the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage.domain.parse import parse_case
from triage.domain.vocab import EXCEPTION_LABELS

SET = Path(__file__).resolve().parents[2] / "bench" / "independent"


@pytest.mark.parametrize(
    ("cases_file", "labels_file"),
    [
        ("cases.jsonl", "labels.jsonl"),
        ("cases_b.jsonl", "labels_b.jsonl"),
        ("cases_c.jsonl", "labels_c.jsonl"),
        ("cases_d.jsonl", "labels_d.jsonl"),
    ],
)
def test_every_independent_case_parses_and_has_one_label_of_the_contract(
    cases_file: str, labels_file: str
) -> None:
    cases = [parse_case(json.loads(line)) for line in (SET / cases_file).open()]
    labels = [json.loads(line) for line in (SET / labels_file).open()]
    assert [c.case_id for c in cases] == [label["case_id"] for label in labels]
    assert {label["exception"] for label in labels} == set(EXCEPTION_LABELS)
    assert {label["billable"] for label in labels} == {True, False}


def test_the_sets_share_no_case() -> None:
    ids = [
        json.loads(line)["case_id"]
        for name in ("cases.jsonl", "cases_b.jsonl", "cases_c.jsonl", "cases_d.jsonl")
        for line in (SET / name).open()
    ]
    assert len(ids) == len(set(ids)) == 255
