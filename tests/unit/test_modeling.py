"""Code tests of calibration, metrics, explanations and the rules baseline."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from triage.domain.parse import parse_case
from triage.domain.vocab import EXCEPTION_LABELS
from triage.features.build import STRUCTURED_NAMES
from triage.modeling.baseline import RulesPredictor
from triage.modeling.calibration import PlattScaling, TemperatureScaling, top_label_ece
from triage.modeling.explain import explain
from triage.modeling.metrics import macro_f1
from triage.reconcile import reconcile

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "domain_example.json").read_text())


def test_temperature_scaling_recovers_true_temperature() -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=3.0, size=(20000, 4))
    true_p = np.exp(logits / 2.0) / np.exp(logits / 2.0).sum(axis=1, keepdims=True)
    y = np.array([rng.choice(4, p=p) for p in true_p])
    fitted = TemperatureScaling.fit(logits, y)
    assert fitted.temperature == pytest.approx(2.0, rel=0.1)
    assert top_label_ece(fitted.transform(logits), y) < 0.02


def test_platt_scaling_fits_a_shifted_margin() -> None:
    rng = np.random.default_rng(1)
    margin = rng.normal(size=20000)
    y = (rng.random(20000) < 1 / (1 + np.exp(-(2 * margin + 1)))).astype(np.int64)
    fitted = PlattScaling.fit(margin, y)
    assert fitted.a == pytest.approx(2.0, rel=0.1)
    assert fitted.b == pytest.approx(1.0, abs=0.1)


def test_top_label_ece_is_large_for_overconfident_model() -> None:
    probs = np.tile([0.99, 0.01], (1000, 1))
    y = np.array([0] * 500 + [1] * 500)
    assert top_label_ece(probs, y) == pytest.approx(0.49, abs=0.01)


def test_macro_f1_averages_over_true_labels() -> None:
    assert macro_f1(["none", "none", "tax_error"], ["none", "none", "tax_error"]) == 1.0
    assert macro_f1(["none", "tax_error"], ["none", "none"]) == pytest.approx((2 / 3 + 0) / 2)


def test_explain_writes_rate_reason_from_evidence_not_indices() -> None:
    raw = json.loads(json.dumps(EXAMPLE))
    raw["invoice"]["lines"][0]["unit_price"] = 97.95
    raw["invoice"]["lines"][0]["amount"] = round(97.95 * 3.5, 2)
    case = parse_case(raw)
    ev = reconcile(case)
    names = [*STRUCTURED_NAMES, "fact_customer_caused"]
    contrib = np.zeros(len(names) + 1)
    contrib[names.index("labor_rate_dev")] = 2.0
    contrib[names.index("fact_customer_caused")] = 0.5
    values = np.zeros(len(names), dtype=np.float32)
    values[-1] = 0.9
    reasons = explain(contrib, values, names, ev, target="exception.rate_mismatch")
    assert [r.code for r in reasons] == [
        "model.exception.rate_mismatch.rate",
        "model.exception.rate_mismatch.notes_customer_caused",
    ]
    assert reasons[0].text == "labor rate 3.1 % above contract"
    assert reasons[1].text == "notes describe customer-caused damage or misuse"


def test_rules_baseline_cannot_read_notes() -> None:
    case = parse_case(EXAMPLE)
    (out,) = RulesPredictor().predict([case], [reconcile(case)])
    assert set(out.probabilities) == set(EXCEPTION_LABELS)
    assert out.probabilities["none"] == 1.0  # the warranty case needs the notes
    assert out.billable_probability == 0.0  # full-service contract covers the repair


def test_promotion_gate_names_every_worse_metric() -> None:
    from triage.modeling.mlflow_model import gate

    champion = {"test_macro_f1": 0.95, "test_top_label_ece": 0.02, "test_automation_rate": 0.8}
    assert gate(dict(champion), champion) == []
    worse = {"test_macro_f1": 0.90, "test_top_label_ece": 0.05, "test_automation_rate": 0.8}
    problems = gate(worse, champion)
    assert [p.split(":")[0] for p in problems] == ["test_macro_f1", "test_top_label_ece"]
