"""Code tests of the Learn-then-Test certificate."""

from __future__ import annotations

import numpy as np

from triage.modeling.certify import automation_score, certify, clopper_pearson_upper


def test_certify_finds_threshold_when_confident_cases_are_right() -> None:
    rng = np.random.default_rng(0)
    score = rng.uniform(0.5, 1.0, size=5000)
    error = rng.random(5000) < np.where(score > 0.8, 0.001, 0.2)
    cert = certify(score, error, target_error=0.01, delta=0.05)
    assert cert.certified
    assert cert.threshold is not None
    assert 0.78 <= cert.threshold <= 0.9
    assert cert.error_upper_bound is not None
    assert cert.error_upper_bound <= 0.01
    assert cert.automation_rate is not None
    assert 0.2 < cert.automation_rate < 0.5
    assert cert.n_calibration == 5000


def test_certify_refuses_when_errors_are_everywhere() -> None:
    rng = np.random.default_rng(1)
    score = rng.uniform(0.5, 1.0, size=2000)
    cert = certify(score, rng.random(2000) < 0.05, target_error=0.01, delta=0.05)
    assert not cert.certified
    assert cert.threshold is None


def test_certify_refuses_with_too_few_calibration_cases() -> None:
    cert = certify(np.full(50, 0.999), np.zeros(50, dtype=bool), target_error=0.01, delta=0.05)
    assert not cert.certified


def test_clopper_pearson_upper_bound_exceeds_empirical_rate() -> None:
    assert clopper_pearson_upper(0, 300, 0.05) < 0.01
    assert clopper_pearson_upper(5, 100, 0.05) > 0.05


def test_automation_score_takes_the_weaker_confidence() -> None:
    probs = np.array([[0.9, 0.1], [0.6, 0.4]])
    bill = np.array([0.02, 0.9])
    np.testing.assert_allclose(automation_score(probs, bill), [0.9, 0.6])
