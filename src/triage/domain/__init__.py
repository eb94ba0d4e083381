"""The contract of DOMAIN.md as code; imports only the standard library and pydantic."""

from triage.domain.case import Case
from triage.domain.decision import (
    BillablePrediction,
    Decision,
    ExceptionPrediction,
    Reason,
    ReviewOutcome,
)
from triage.domain.vocab import (
    EXCEPTION_LABELS,
    TAX_RATES,
    ContractType,
    ExceptionLabel,
    LineKind,
    Route,
    ServiceType,
    Workflow,
)

__all__ = [
    "EXCEPTION_LABELS",
    "TAX_RATES",
    "BillablePrediction",
    "Case",
    "ContractType",
    "Decision",
    "ExceptionLabel",
    "ExceptionPrediction",
    "LineKind",
    "Reason",
    "ReviewOutcome",
    "Route",
    "ServiceType",
    "Workflow",
]
