"""The policy file's schema: every threshold, list and override lives here, not in code."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from triage.domain.vocab import ExceptionLabel


class PolicyModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Thresholds(PolicyModel):
    """How confident the model must be to continue without a person.

    `certified` uses the model bundle's Learn-then-Test threshold (which bounds the
    error among auto-continued cases); `fixed` uses the two numbers below. When
    `certified` is asked for and the bundle has no certificate, the fixed numbers
    apply and every decision says so in a reason.
    """

    mode: Literal["certified", "fixed"] = "certified"
    exception_confidence: float = Field(default=0.9, ge=0, le=1)
    billable_confidence: float = Field(default=0.9, ge=0, le=1)


class CustomerOverride(PolicyModel):
    """Per-customer tightening or loosening; unset fields inherit the global value."""

    high_value: float | None = Field(default=None, gt=0)
    always_review: list[ExceptionLabel] | None = None
    exception_confidence: float | None = Field(default=None, ge=0, le=1)
    billable_confidence: float | None = Field(default=None, ge=0, le=1)
    audit_sample_rate: float | None = Field(default=None, ge=0, le=1)
    max_expected_loss: float | None = Field(default=None, ge=0)


class Policy(PolicyModel):
    version: str = Field(min_length=1, max_length=100)
    description: str = ""
    conformal_alpha: float = Field(default=0.05, gt=0, lt=1)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    high_value: dict[str, float] = Field(
        default_factory=lambda: {"default": 10000.0},
        description="invoice total at or above which a person reviews, per currency",
    )
    always_review: list[ExceptionLabel] = Field(default_factory=list)
    max_expected_loss: float | None = Field(
        default=None,
        ge=0,
        description="review when P(decision wrong) x invoice total exceeds this (case currency)",
    )
    review_when_prediction_set_ambiguous: bool = Field(
        default=False, description="review when the conformal set holds more than one label"
    )
    min_extraction_confidence: float = Field(default=0.8, ge=0, le=1)
    audit_sample_rate: float = Field(default=0.0, ge=0, le=1)
    second_review_value: dict[str, float] = Field(
        default_factory=lambda: {"default": 25000.0},
        description="invoice total at or above which two different reviewers must agree",
    )
    review_sla_hours: float = Field(default=24.0, gt=0)
    customers: dict[str, CustomerOverride] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _defaults_present(self) -> Policy:
        for name in ("high_value", "second_review_value"):
            table: dict[str, float] = getattr(self, name)
            if "default" not in table:
                raise ValueError(f"{name}: needs a 'default' entry")
            if any(v <= 0 for v in table.values()):
                raise ValueError(f"{name}: values must be positive")
        return self

    def per_currency(self, table: dict[str, float], currency: str) -> float:
        return table.get(currency, table["default"])

    def high_value_for(self, *, currency: str, customer_id: str) -> float:
        override = self.customers.get(customer_id)
        if override and override.high_value is not None:
            return override.high_value
        return self.per_currency(self.high_value, currency)

    def second_review_for(self, *, currency: str) -> float:
        return self.per_currency(self.second_review_value, currency)
