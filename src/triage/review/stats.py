"""Small statistics for the process-intelligence dashboard, on plain numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence

from scipy.stats import beta


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in [0, 100]); None for no data."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def clopper_pearson(errors: int, n: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """Exact binomial interval for an error rate: conservative for the small audit samples."""
    if n <= 0:
        return 0.0, 1.0
    alpha = 1.0 - confidence
    low = 0.0 if errors == 0 else float(beta.ppf(alpha / 2, errors, n - errors + 1))
    high = 1.0 if errors == n else float(beta.ppf(1 - alpha / 2, errors + 1, n - errors))
    return low, high


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Agreement between two raters beyond chance; None when undefined."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    labels = {a for a, _ in pairs} | {b for _, b in pairs}
    expected = sum(
        (sum(a == label for a, _ in pairs) / n) * (sum(b == label for _, b in pairs) / n)
        for label in labels
    )
    if expected >= 1.0:
        return 1.0 if observed == 1.0 else None
    return (observed - expected) / (1.0 - expected)
