"""Code tests of class-conditional split conformal p-values."""

from __future__ import annotations

import numpy as np

from triage.modeling.conformal import ClassConditionalConformal, prediction_sets

LABELS = ("a", "b", "c")


def _noisy(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = rng.integers(0, 3, size=n)
    logits = rng.normal(size=(n, 3))
    logits[np.arange(n), y] += 1.5
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return p, y


def test_prediction_sets_cover_each_class_at_one_minus_alpha() -> None:
    rng = np.random.default_rng(0)
    cal_p, cal_y = _noisy(3000, rng)
    test_p, test_y = _noisy(6000, rng)
    conf = ClassConditionalConformal.fit(cal_p, cal_y, LABELS)
    sets = prediction_sets(conf.p_values(test_p), alpha=0.1)
    for k in range(3):
        coverage = sets[test_y == k, k].mean()
        assert 0.86 <= coverage <= 0.94


def test_p_values_round_trip_through_json() -> None:
    rng = np.random.default_rng(1)
    p, y = _noisy(200, rng)
    conf = ClassConditionalConformal.fit(p, y, LABELS)
    again = ClassConditionalConformal.from_json(conf.to_json(), LABELS)
    np.testing.assert_allclose(conf.p_values(p), again.p_values(p), atol=1e-5)


def test_p_value_is_one_for_label_without_calibration_cases() -> None:
    conf = ClassConditionalConformal.fit(np.full((4, 3), 1 / 3), np.array([0, 0, 1, 1]), LABELS)
    assert (conf.p_values(np.array([[0.1, 0.1, 0.8]]))[:, 2] == 1.0).all()
