"""Assemble a DOMAIN §4 decision from a case, its evidence, the model's scores and the policy.

Pure (no I/O): the batch CLI and the HTTP service build decisions the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

from triage.domain.case import Case
from triage.domain.certification import Certification
from triage.domain.decision import BillablePrediction, Decision, ExceptionPrediction, Reason
from triage.domain.vocab import EXCEPTION_LABELS, ExceptionLabel
from triage.modeling.predictor import ModelOutput
from triage.policy import Policy, RoutingInput, RoutingResult, route
from triage.reconcile import Evidence, evidence_reasons


def new_decision_id() -> str:
    return f"dec_{uuid.uuid4().hex}"


def prediction_set(p_values: Mapping[str, float], alpha: float) -> list[ExceptionLabel]:
    """Labels whose conformal p-value passes alpha, in precedence order."""
    return [ExceptionLabel(label) for label in EXCEPTION_LABELS if p_values.get(label, 0.0) > alpha]


def _merge(*groups: list[Reason]) -> list[Reason]:
    seen: set[tuple[str, str]] = set()
    merged: list[Reason] = []
    for group in groups:
        for reason in group:
            key = (reason.code, reason.text)
            if key not in seen:
                seen.add(key)
                merged.append(reason)
    return merged


def decide(
    *,
    case: Case,
    evidence: Evidence,
    output: ModelOutput,
    policy: Policy,
    model_version: str,
    certification: Certification | None,
    low_confidence_fields: Mapping[str, float] | None = None,
    decision_id: str | None = None,
    now: datetime | None = None,
) -> tuple[Decision, RoutingResult]:
    """The decision and the routing result (which also says audit-sample and four-eyes)."""
    probabilities = {
        label: float(output.probabilities.get(label, 0.0)) for label in EXCEPTION_LABELS
    }
    top = max(EXCEPTION_LABELS, key=lambda label: probabilities[label])
    label = ExceptionLabel(top)
    pset = prediction_set(output.p_values, policy.conformal_alpha)
    billable_p = float(output.billable_probability)
    routing = route(
        policy,
        RoutingInput(
            case_id=case.case_id,
            customer_id=case.customer.id,
            currency=case.invoice.currency,
            invoice_total=case.invoice.total,
            exception_label=label,
            exception_confidence=probabilities[top],
            prediction_set=pset,
            billable_probability=billable_p,
            low_confidence_fields=dict(low_confidence_fields or {}),
        ),
        certification,
    )
    decision = Decision(
        decision_id=decision_id or new_decision_id(),
        case_id=case.case_id,
        exception=ExceptionPrediction(
            label=label,
            confidence=probabilities[top],
            probabilities=probabilities,
            prediction_set=pset,
        ),
        billable=BillablePrediction(value=billable_p >= 0.5, probability=billable_p),
        route=routing.route,
        reasons=_merge(routing.reasons, output.explanations, evidence_reasons(evidence)),
        model_version=model_version,
        policy_version=policy.version,
        created_at=now or datetime.now(UTC),
        status="pending_review" if routing.route.value == "human_review" else "final",
    )
    return decision, routing
