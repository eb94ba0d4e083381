"""What the notes mean: a small network per case reads the note embedding into text facts.

Heads on sentence embeddings carry a fact across wordings (a paraphrase
lands near the original); their probabilities are the text features the
boosters read, and the fact names make explanations readable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
HIDDEN = 96


@dataclass(frozen=True, slots=True)
class FactHeads:
    """One small multi-label network: [note embedding, prototype similarities] -> ReLU
    hidden layer -> one sigmoid per fact. The hidden layer lets a negation ("no sign of
    external damage") flip a fact that a linear head would read as present."""

    facts: tuple[str, ...]
    w1: npt.NDArray[np.float64]  # (dims, hidden)
    b1: npt.NDArray[np.float64]  # (hidden,)
    w2: npt.NDArray[np.float64]  # (hidden, facts)
    b2: npt.NDArray[np.float64]  # (facts,)

    def predict(self, inputs: Matrix) -> npt.NDArray[np.float64]:
        hidden = np.maximum(inputs.astype(np.float64) @ self.w1 + self.b1, 0.0)
        return np.asarray(expit(hidden @ self.w2 + self.b2))

    @classmethod
    def fit(
        cls, inputs: Matrix, targets: Mapping[str, npt.NDArray[np.int64]], seed: int = 0
    ) -> FactHeads:
        from sklearn.neural_network import MLPClassifier

        facts = tuple(f for f in TEXT_FACTS if f in targets and len(set(targets[f].tolist())) == 2)
        y = np.stack([targets[f] for f in facts], axis=1)
        net = MLPClassifier(
            hidden_layer_sizes=(HIDDEN,),
            alpha=1e-3,
            max_iter=200,
            early_stopping=True,
            n_iter_no_change=8,
            random_state=seed,
        )
        net.fit(inputs, y)
        return cls(
            facts=facts,
            w1=net.coefs_[0],
            b1=net.intercepts_[0],
            w2=net.coefs_[1],
            b2=net.intercepts_[1],
        )

    @classmethod
    def out_of_fold(
        cls,
        inputs: Matrix,
        targets: Mapping[str, npt.NDArray[np.int64]],
        folds: int = 3,
        seed: int = 0,
    ) -> tuple[FactHeads, npt.NDArray[np.float64]]:
        """The heads fitted on everything, and out-of-fold predictions for the boosters'
        training rows (in-fold predictions would be over-confident)."""
        full = cls.fit(inputs, targets, seed=seed)
        fold = np.random.default_rng(seed).integers(0, folds, size=len(inputs))
        oof = np.zeros((len(inputs), len(full.facts)))
        for f in range(folds):
            train = fold != f
            head = cls.fit(inputs[train], {k: targets[k][train] for k in full.facts}, seed=seed)
            oof[fold == f] = head.predict(inputs[fold == f])
        return full, oof

    def to_json(self) -> dict[str, object]:
        def r(a: npt.NDArray[np.float64]) -> object:
            return np.round(a, 5).tolist()

        return {
            "facts": list(self.facts),
            "w1": r(self.w1),
            "b1": r(self.b1),
            "w2": r(self.w2),
            "b2": r(self.b2),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FactHeads:
        facts = tuple(str(f) for f in data["facts"])
        return cls(
            facts=facts,
            w1=np.asarray(data["w1"], dtype=np.float64),
            b1=np.asarray(data["b1"], dtype=np.float64),
            w2=np.asarray(data["w2"], dtype=np.float64).reshape(-1, len(facts)),
            b2=np.asarray(data["b2"], dtype=np.float64),
        )
