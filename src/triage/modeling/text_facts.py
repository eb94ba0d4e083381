"""What the notes mean: one logistic-regression head per text fact on the note embedding.

Linear heads on sentence embeddings carry a fact across wordings (a paraphrase
lands near the original); their probabilities are the text features the
boosters read, and the fact names make explanations readable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import expit

from triage.features.embedding import Matrix

TEXT_FACTS: tuple[str, ...] = (
    "work_described",
    "component_failure",
    "customer_caused",
    "extra_work",
    "rework",
    "goodwill",
)


@dataclass(frozen=True, slots=True)
class FactHeads:
    """Per fact: weights over [note embedding, prototype similarities] and an intercept."""

    facts: tuple[str, ...]
    coef: npt.NDArray[np.float64]  # (facts, dims)
    intercept: npt.NDArray[np.float64]  # (facts,)

    def predict(self, inputs: Matrix) -> npt.NDArray[np.float64]:
        return np.asarray(expit(inputs.astype(np.float64) @ self.coef.T + self.intercept))

    @classmethod
    def fit(
        cls, inputs: Matrix, targets: Mapping[str, npt.NDArray[np.int64]], c: float = 4.0
    ) -> FactHeads:
        from sklearn.linear_model import LogisticRegression

        facts = tuple(f for f in TEXT_FACTS if f in targets and len(set(targets[f].tolist())) == 2)
        coef = np.zeros((len(facts), inputs.shape[1]))
        intercept = np.zeros(len(facts))
        for i, fact in enumerate(facts):
            lr = LogisticRegression(C=c, max_iter=2000)
            lr.fit(inputs, targets[fact])
            coef[i] = lr.coef_[0]
            intercept[i] = lr.intercept_[0]
        return cls(facts=facts, coef=coef, intercept=intercept)

    @classmethod
    def out_of_fold(
        cls,
        inputs: Matrix,
        targets: Mapping[str, npt.NDArray[np.int64]],
        folds: int = 5,
        seed: int = 0,
    ) -> tuple[FactHeads, npt.NDArray[np.float64]]:
        """The heads fitted on everything, and out-of-fold predictions for the boosters'
        training rows (in-fold predictions would be over-confident)."""
        full = cls.fit(inputs, targets)
        fold = np.random.default_rng(seed).integers(0, folds, size=len(inputs))
        oof = np.zeros((len(inputs), len(full.facts)))
        for f in range(folds):
            train = fold != f
            head = cls.fit(inputs[train], {k: targets[k][train] for k in full.facts})
            oof[fold == f] = head.predict(inputs[fold == f])
        return full, oof

    def to_json(self) -> dict[str, object]:
        return {
            "facts": list(self.facts),
            "coef": [[round(float(w), 6) for w in row] for row in self.coef],
            "intercept": [round(float(b), 6) for b in self.intercept],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> FactHeads:
        facts = tuple(str(f) for f in data["facts"])  # type: ignore[attr-defined]
        return cls(
            facts=facts,
            coef=np.asarray(data["coef"], dtype=np.float64).reshape(len(facts), -1),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
        )
