"""Class-conditional split conformal p-values for the exception label.

For each label k the calibration scores are 1 - p_k over calibration cases whose
true label is k; a new case's p-value for k is the rank of its own score among
them. Labels with p-value > alpha form a set that contains the true label with
probability >= 1 - alpha for every class separately.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Scores are stored to 7 decimals; ties within this distance count as "at least as large",
# so a stored-and-reloaded calibration set gives the same p-values as the fitted one.
_DECIMALS = 7
_TIE = 10.0**-_DECIMALS


@dataclass(frozen=True, slots=True)
class ClassConditionalConformal:
    labels: tuple[str, ...]
    scores: dict[str, npt.NDArray[np.float64]]  # sorted ascending, per label

    @classmethod
    def fit(
        cls, probabilities: npt.NDArray[np.float64], y: npt.NDArray[np.int64], labels: Sequence[str]
    ) -> ClassConditionalConformal:
        scores = {label: np.sort(1.0 - probabilities[y == k, k]) for k, label in enumerate(labels)}
        return cls(labels=tuple(labels), scores=scores)

    def p_values(self, probabilities: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """(n, labels) matrix of p-values; a label never seen in calibration gets 1."""
        out = np.ones_like(probabilities, dtype=np.float64)
        for k, label in enumerate(self.labels):
            cal = self.scores[label]
            if cal.size == 0:
                continue
            s = 1.0 - probabilities[:, k]
            at_least = cal.size - np.searchsorted(cal, s - _TIE, side="left")
            out[:, k] = (1.0 + at_least) / (cal.size + 1.0)
        return out

    def to_json(self) -> dict[str, list[float]]:
        return {
            label: [round(float(s), _DECIMALS) for s in self.scores[label]] for label in self.labels
        }

    @classmethod
    def from_json(
        cls, data: dict[str, list[float]], labels: Sequence[str]
    ) -> ClassConditionalConformal:
        return cls(
            labels=tuple(labels),
            scores={
                label: np.sort(np.asarray(data.get(label, []), dtype=np.float64))
                for label in labels
            },
        )


def prediction_sets(p_values: npt.NDArray[np.float64], alpha: float) -> npt.NDArray[np.bool_]:
    return np.asarray(p_values > alpha)
