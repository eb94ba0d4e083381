"""Dashboard statistics: percentiles, the audit-sample error interval, kappa."""

from __future__ import annotations

import pytest

from triage.review.stats import clopper_pearson, cohen_kappa, percentile


def test_percentile_interpolates_and_handles_empty() -> None:
    assert percentile([], 50) is None
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0, 1.0, 3.0], 90) == pytest.approx(4.6)


def test_clopper_pearson_matches_known_values() -> None:
    low, high = clopper_pearson(0, 50)
    assert low == 0.0
    assert high == pytest.approx(0.0711, abs=1e-4)
    low, high = clopper_pearson(5, 100)
    assert low == pytest.approx(0.0164, abs=1e-4)
    assert high == pytest.approx(0.1128, abs=1e-4)
    assert clopper_pearson(0, 0) == (0.0, 1.0)


def test_cohen_kappa_perfect_chance_and_empty() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == pytest.approx(0.0)
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a"), ("a", "a")]) == 1.0
