"""The decision: DOMAIN.md §4 as pydantic models (the public output)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from triage.domain.vocab import ExceptionLabel, Route


class OutputModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


ReasonKind = Literal["policy", "model", "rule", "extraction", "review"]


class Reason(OutputModel):
    """A machine-readable code with human-readable text; `data` carries the figures."""

    code: str
    text: str
    kind: ReasonKind = "model"
    data: dict[str, Any] = Field(default_factory=dict)


class ExceptionPrediction(OutputModel):
    label: ExceptionLabel
    confidence: float = Field(ge=0, le=1)
    probabilities: dict[str, float]
    prediction_set: list[ExceptionLabel]


class BillablePrediction(OutputModel):
    value: bool
    probability: float = Field(ge=0, le=1, description="probability that the labor is billable")


class ReviewOutcome(OutputModel):
    """The final outcome after a human review."""

    review_id: str
    reviewers: list[str]
    exception: ExceptionLabel
    billable: bool
    changed: bool = Field(description="whether the reviewers changed the model's suggestion")
    comment: str | None = None
    resolved_at: datetime


DecisionStatus = Literal["final", "pending_review"]


class Decision(OutputModel):
    decision_id: str
    case_id: str
    exception: ExceptionPrediction
    billable: BillablePrediction
    route: Route
    reasons: list[Reason]
    model_version: str
    policy_version: str
    created_at: datetime
    review_id: str | None = None
    status: DecisionStatus = "final"
    outcome: ReviewOutcome | None = None

    @property
    def final_exception(self) -> ExceptionLabel:
        return self.outcome.exception if self.outcome else self.exception.label

    @property
    def final_billable(self) -> bool:
        return self.outcome.billable if self.outcome else self.billable.value
