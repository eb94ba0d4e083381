"""What the model bundle certifies about its own confidence (read by the policy layer)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Certification(BaseModel):
    """A Learn-then-Test certificate for the auto-continue threshold.

    Auto-continue when `min(exception confidence, billable confidence) >= threshold`;
    on calibration data the error rate among such cases (exception or billable
    wrong) is at most `target_error` with probability `1 - delta`.
    """

    model_config = ConfigDict(extra="forbid")

    certified: bool = Field(description="false when no threshold meets the target")
    threshold: float | None = Field(default=None, ge=0, le=1)
    target_error: float = Field(gt=0, lt=1)
    delta: float = Field(gt=0, lt=1, description="1 - confidence of the certificate")
    error_upper_bound: float | None = Field(default=None, ge=0, le=1)
    empirical_error: float | None = Field(default=None, ge=0, le=1)
    automation_rate: float | None = Field(default=None, ge=0, le=1)
    n_calibration: int = Field(ge=0)
    method: str = "learn-then-test (binomial tail bound, fixed-sequence testing)"
