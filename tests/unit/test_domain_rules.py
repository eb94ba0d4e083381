"""The note-dependent rules of DOMAIN §3 as features: with the simulator's true facts in
place of the heads' probabilities they must give the simulator's labels."""

from __future__ import annotations

import numpy as np
import pytest
from training.data import simulated

from triage.features.build import STRUCTURED_NAMES, structured_row
from triage.modeling.domain_rules import RULES, rule_names, rule_probabilities
from triage.modeling.text_facts import TEXT_FACTS
from triage.reconcile import reconcile

HEADS = [*TEXT_FACTS, *(f"sent_{f}" for f in TEXT_FACTS), *(f"char_{f}" for f in TEXT_FACTS)]


@pytest.fixture(scope="module")
def rules() -> tuple[dict[str, np.ndarray], list[bool], list[str]]:
    examples = simulated(600, 4242, "train_fit")
    structured = np.asarray(
        [structured_row(e.case, reconcile(e.case)) for e in examples], dtype=np.float32
    )
    truth = np.asarray(
        [[float(e.facts[f]) for f in TEXT_FACTS] for e in examples], dtype=np.float64
    )
    out = rule_probabilities(structured, np.hstack([truth, truth, truth]), HEADS)
    columns = dict(zip(rule_names(HEADS), out.T, strict=True))
    return columns, [e.billable for e in examples], [e.exception for e in examples]


def test_one_column_per_rule_and_head(rules: tuple[dict[str, np.ndarray], ...]) -> None:
    columns = rules[0]
    assert len(columns) == 3 * len(RULES)
    assert {"rule_billable_note", "rule_billable_sent", "rule_billable_char"} <= set(columns)


def test_billable_cascade_with_true_facts_is_the_label(
    rules: tuple[dict[str, np.ndarray], list[bool], list[str]],
) -> None:
    columns, billable, _ = rules
    assert sorted(set(columns["rule_billable_note"].tolist())) == [0.0, 1.0]
    assert columns["rule_billable_note"].tolist() == [float(b) for b in billable]


@pytest.mark.parametrize("label", ["warranty_coverage", "out_of_scope", "missing_evidence"])
def test_a_note_rule_holds_wherever_its_label_is_given(
    rules: tuple[dict[str, np.ndarray], list[bool], list[str]], label: str
) -> None:
    """Earlier labels take precedence, so the rule may hold where another label won; but
    where the label is given, its rule must hold."""
    columns, _, exceptions = rules
    given = np.asarray([e == label for e in exceptions])
    assert given.sum() >= 10
    assert np.all(columns[f"rule_{label}_sent"][given] == 1.0)
    assert columns[f"rule_{label}_sent"][~given].mean() < 0.5


def test_a_head_without_every_fact_of_a_rule_gets_no_column() -> None:
    facts = [f for f in HEADS if f != "char_goodwill"]
    assert "rule_billable_char" not in rule_names(facts)
    assert "rule_out_of_scope_char" in rule_names(facts)
    probs = rule_probabilities(
        np.zeros((2, len(STRUCTURED_NAMES)), dtype=np.float32),
        np.zeros((2, len(facts))),
        facts,
    )
    assert probs.shape == (2, len(rule_names(facts)))
