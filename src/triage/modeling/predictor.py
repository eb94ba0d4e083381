"""The seam between the models and the rest: what a predictor takes and returns.

Services and the API depend on this protocol only, so tests can use a fake and
the shipped bundle, the rules baseline and an MLflow model are interchangeable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from triage.domain.case import Case
from triage.domain.certification import Certification
from triage.domain.decision import Reason
from triage.reconcile.evidence import Evidence


@dataclass(frozen=True, slots=True)
class ModelOutput:
    """Calibrated scores for one case."""

    probabilities: dict[str, float]  # every exception label -> calibrated probability
    p_values: dict[str, float]  # every exception label -> conformal p-value
    billable_probability: float  # calibrated P(billable)
    explanations: list[Reason] = field(default_factory=list)  # top contributions, in words


class Predictor(Protocol):
    @property
    def version(self) -> str: ...

    @property
    def certification(self) -> Certification | None: ...

    def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        """Score a batch; `evidence[i]` is `reconcile(cases[i])`."""
        ...


@runtime_checkable
class StagedPredictor(Predictor, Protocol):
    """A predictor whose `predict` is `finish(prepare(...))`: the micro-batcher runs the
    two stages of consecutive batches side by side (one batch embeds while the previous
    one is explained)."""

    def prepare(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> Any:
        """The texts embedded and the features assembled."""
        ...

    def finish(self, prepared: Any, evidence: Sequence[Evidence]) -> list[ModelOutput]:
        """Scores, calibration, conformal p-values and explanations."""
        ...


Stages = tuple[
    Callable[[Sequence[Case], Sequence[Evidence]], Any],
    Callable[[Any, Sequence[Evidence]], list[ModelOutput]],
]


def stages(predictor: Predictor) -> Stages:
    """(prepare, finish); a predictor without stages does all its work in `finish`."""
    if isinstance(predictor, StagedPredictor):
        return predictor.prepare, predictor.finish

    def keep(cases: Sequence[Case], _: Sequence[Evidence]) -> Sequence[Case]:
        return cases

    return keep, predictor.predict
