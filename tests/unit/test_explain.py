"""Per-class SHAP sub-boosters and the batched explainer give the same numbers as the
full booster and the per-case `explain`."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pytest

from triage.config import PROJECT_DIR
from triage.domain.parse import parse_case
from triage.features.build import STRUCTURED_NAMES
from triage.features.embedding import Matrix
from triage.modeling.bundle import BundlePredictor, TriageModel
from triage.modeling.domain_rules import HEADS, rule_names
from triage.modeling.explain import Explainer, class_boosters, group_of
from triage.modeling.text_facts import TEXT_FACTS
from triage.reconcile import reconcile

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "domain_example.json").read_text())
BUNDLE = PROJECT_DIR / "models" / "default"


def _multiclass_booster(classes: int = 4) -> tuple[lgb.Booster, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 6))
    y = (x[:, 0] > 0).astype(int) + 2 * (x[:, 1] + 0.3 * x[:, 2] > 0).astype(int)
    params = {"objective": "multiclass", "num_class": classes, "verbose": -1, "num_leaves": 7}
    return lgb.train(params, lgb.Dataset(x, y), num_boost_round=15), x[:50]


def test_class_boosters_reproduce_the_full_contributions_of_each_class() -> None:
    booster, x = _multiclass_booster()
    full = booster.predict(x, pred_contrib=True).reshape(len(x), 4, -1)
    raw = booster.predict(x, raw_score=True)
    subs = class_boosters(booster)
    assert len(subs) == 4
    for k, sub in enumerate(subs):
        np.testing.assert_allclose(sub.predict(x, pred_contrib=True), full[:, k], atol=1e-9)
        np.testing.assert_allclose(sub.predict(x, raw_score=True), raw[:, k], atol=1e-9)


class _NoEmbedder:
    name = "none"

    def embed(self, texts: Sequence[str]) -> Matrix:
        raise AssertionError("not needed to build a predictor")


def test_a_loaded_bundle_splits_its_booster_from_the_text_it_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = TriageModel.load(BUNDLE)
    assert model.exception_text is not None
    reserialised = class_boosters(model.exception_booster)
    from_file = class_boosters(model.exception_booster, model.exception_text)
    x = np.random.default_rng(2).random((200, len(model.feature_names)), dtype=np.float32)
    assert len(from_file) == len(reserialised) > 1
    for mine, theirs in zip(from_file, reserialised, strict=True):
        np.testing.assert_array_equal(
            mine.predict(x, pred_contrib=True), theirs.predict(x, pred_contrib=True)
        )

    def reserialise(_: lgb.Booster, *args: object, **kwargs: object) -> str:
        raise AssertionError("the predictor serialised the booster again")

    monkeypatch.setattr(lgb.Booster, "model_to_string", reserialise)
    BundlePredictor(model, _NoEmbedder())


def test_explainer_ranks_groups_by_summed_contribution_per_case() -> None:
    ev = reconcile(parse_case(EXAMPLE))
    names = [*STRUCTURED_NAMES, "fact_customer_caused", "fact_rework"]
    rng = np.random.default_rng(1)
    contrib = rng.normal(scale=0.5, size=(8, len(names) + 1))
    values = rng.random(len(names)).astype(np.float32)
    explainer = Explainer(names)
    totals = explainer.totals(contrib)
    for row in range(len(contrib)):
        expected: dict[str, float] = {}
        for name, c in zip(names, contrib[row], strict=False):
            group = group_of(name)
            if group is not None:
                expected[group] = expected.get(group, 0.0) + float(c)
        best = sorted((g for g in expected if expected[g] > 0.05), key=lambda g: -expected[g])
        reasons = explainer.reasons(totals[row], values, ev, target="billable", top=3)
        assert [r.code for r in reasons] == [f"model.billable.{g}" for g in best[:3]]
        for reason, group in zip(reasons, best, strict=False):
            assert reason.data["contribution"] == round(expected[group], 4)
            assert reason.kind == "model"


def test_every_domain_rule_feature_has_a_reason() -> None:
    """A rule feature outside every group would carry weight no reason ever shows."""
    facts = [f"{head}{fact}" for head in HEADS for fact in TEXT_FACTS]
    assert [n for n in rule_names(facts) if group_of(n) is None] == []
    assert group_of("rule_billable_sent") == "billing_rule"


@pytest.mark.parametrize(
    ("facts", "warranty", "expected"),
    [
        ({"customer_caused": 0.9, "component_failure": 0.9}, True, "customer-caused damage"),
        ({"customer_caused": 0.1, "component_failure": 0.9}, True, "failure under warranty"),
        ({"customer_caused": 0.1, "component_failure": 0.9}, False, "contract"),
        ({"goodwill": 0.8}, False, "goodwill"),
    ],
)
def test_billing_rule_reason_names_the_deciding_step(
    facts: dict[str, float], warranty: bool, expected: str
) -> None:
    ev = dataclasses.replace(reconcile(parse_case(EXAMPLE)), warranty_active=warranty)
    names = [*STRUCTURED_NAMES, *(f"fact_sent_{f}" for f in TEXT_FACTS), "rule_billable_sent"]
    values = np.asarray(
        [0.0] * len(STRUCTURED_NAMES) + [facts.get(f, 0.0) for f in TEXT_FACTS] + [0.5],
        dtype=np.float32,
    )
    contributions = np.zeros(len(names) + 1)
    contributions[names.index("rule_billable_sent")] = 1.0
    (reason,) = Explainer(names).reasons(
        Explainer(names).totals(contributions[None, :])[0], values, ev, target="billable"
    )
    assert reason.code == "model.billable.billing_rule"
    assert expected in reason.text


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        (0.9, "notes describe extra work"),
        (0.44, "notes may describe extra work beyond the requested service (read at 44%)"),
        (0.05, "notes do not describe extra work"),
    ],
)
def test_fact_reason_says_how_sure_the_reading_is(reading: float, expected: str) -> None:
    ev = reconcile(parse_case(EXAMPLE))
    names = [*STRUCTURED_NAMES, "fact_sent_extra_work", "fact_char_extra_work"]
    values = np.asarray([0.0] * len(STRUCTURED_NAMES) + [reading, 0.1], dtype=np.float32)
    contributions = np.zeros(len(names) + 1)
    contributions[names.index("fact_sent_extra_work")] = 1.0
    explainer = Explainer(names)
    (reason,) = explainer.reasons(
        explainer.totals(contributions[None, :])[0], values, ev, target="exception.out_of_scope"
    )
    assert reason.text.startswith(expected)
