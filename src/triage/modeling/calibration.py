"""Post-hoc calibration of the frozen boosters on a held-out split, and its measurement.

The boosters are fitted once on the training split; calibration maps are then
fitted on a disjoint calibration split with the boosters frozen (no
cross-fitting), so the probabilities mean what they say on unseen cases.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import expit, log_softmax, softmax

Array = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TemperatureScaling:
    """Multiclass: p = softmax(z / T); one parameter, so the ranking never changes."""

    temperature: float = 1.0

    def transform(self, logits: Array) -> Array:
        return np.asarray(softmax(np.asarray(logits) / self.temperature, axis=1), dtype=np.float64)

    @classmethod
    def fit(cls, logits: Array, y: npt.NDArray[np.int64]) -> TemperatureScaling:
        from scipy.optimize import minimize_scalar  # training only: ~0.2 s a service never needs

        z = np.asarray(logits, dtype=np.float64)

        def nll(log_t: float) -> float:
            logp = log_softmax(z / np.exp(log_t), axis=1)
            return float(-logp[np.arange(len(y)), y].mean())

        result = minimize_scalar(nll, bounds=(-4.0, 4.0), method="bounded")
        return cls(temperature=float(np.exp(result.x)))


@dataclass(frozen=True, slots=True)
class PlattScaling:
    """Binary: p = sigmoid(a * z + b) on the booster's raw margin."""

    a: float = 1.0
    b: float = 0.0

    def transform(self, margin: Array) -> Array:
        return np.asarray(expit(self.a * np.asarray(margin) + self.b), dtype=np.float64)

    @classmethod
    def fit(cls, margin: Array, y: npt.NDArray[np.int64]) -> PlattScaling:
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=1e4, max_iter=1000)
        lr.fit(np.asarray(margin, dtype=np.float64).reshape(-1, 1), y)
        return cls(a=float(lr.coef_[0, 0]), b=float(lr.intercept_[0]))


def top_label_ece(probabilities: Array, y: npt.NDArray[np.int64], bins: int = 15) -> float:
    """Expected calibration error of the top label (equal-width confidence bins)."""
    conf = probabilities.max(axis=1)
    correct = (probabilities.argmax(axis=1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def reliability_table(
    probabilities: Array, y: npt.NDArray[np.int64], bins: int = 10
) -> list[tuple[float, float, int]]:
    """(mean confidence, accuracy, count) per non-empty bin, for the reliability diagram."""
    conf = probabilities.max(axis=1)
    correct = (probabilities.argmax(axis=1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, bins - 1)
    return [
        (float(conf[which == b].mean()), float(correct[which == b].mean()), int((which == b).sum()))
        for b in range(bins)
        if (which == b).any()
    ]
