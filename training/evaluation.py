"""Scoring a labelled split with a bundle and the policy: the figures training and bench report."""

from __future__ import annotations

from typing import Any

import numpy as np

from training.data import Split
from triage.domain.vocab import EXCEPTION_LABELS, ExceptionLabel, Route
from triage.modeling.bundle import TriageModel
from triage.modeling.metrics import evaluate_outputs
from triage.policy import Policy, RoutingInput, route


def auto_continued(
    split: Split,
    probabilities: np.ndarray,
    billable_probability: np.ndarray,
    p_values: np.ndarray,
    policy: Policy,
    model: TriageModel | None,
) -> list[bool]:
    """The policy's route per case (the same `route` the service applies)."""
    out = []
    for i, ex in enumerate(split.examples):
        k = int(probabilities[i].argmax())
        result = route(
            policy,
            RoutingInput(
                case_id=ex.case.case_id,
                customer_id=ex.case.customer.id,
                currency=ex.case.invoice.currency,
                invoice_total=ex.case.invoice.total,
                exception_label=ExceptionLabel(EXCEPTION_LABELS[k]),
                exception_confidence=float(probabilities[i, k]),
                prediction_set=[
                    ExceptionLabel(lab)
                    for j, lab in enumerate(EXCEPTION_LABELS)
                    if p_values[i, j] > policy.conformal_alpha
                ],
                billable_probability=float(billable_probability[i]),
            ),
            model.certification if model is not None else None,
        )
        out.append(result.route is Route.AUTO_CONTINUE)
    return out


def evaluate_model(
    model: TriageModel, x: np.ndarray, split: Split, policy: Policy
) -> dict[str, Any]:
    probs, bill = model.probabilities(x)
    pvals = model.conformal.p_values(probs)
    auto = auto_continued(split, probs, bill, pvals, policy, model)
    report = evaluate_outputs(
        exception_true=[e.exception for e in split.examples],
        billable_true=[e.billable for e in split.examples],
        probabilities=probs,
        billable_probability=bill,
        prediction_sets=pvals > policy.conformal_alpha,
        auto_continued=auto,
        alpha=policy.conformal_alpha,
        workflows=[e.case.workflow.value for e in split.examples],
    )
    report["predictions"] = [EXCEPTION_LABELS[i] for i in probs.argmax(axis=1)]
    report["_probabilities"] = probs
    report["_billable_probability"] = bill
    return report


def evaluate_rules(split: Split, policy: Policy) -> dict[str, Any]:
    """The rules-only baseline on the same split, through the same policy."""
    from triage.modeling.baseline import RulesPredictor

    outputs = RulesPredictor().predict([e.case for e in split.examples], split.evidence)
    probs = np.asarray([[o.probabilities[lab] for lab in EXCEPTION_LABELS] for o in outputs])
    pvals = np.asarray([[o.p_values[lab] for lab in EXCEPTION_LABELS] for o in outputs])
    bill = np.asarray([o.billable_probability for o in outputs])
    auto = auto_continued(split, probs, bill, pvals, policy, None)
    return evaluate_outputs(
        exception_true=[e.exception for e in split.examples],
        billable_true=[e.billable for e in split.examples],
        probabilities=probs,
        billable_probability=bill,
        prediction_sets=pvals > policy.conformal_alpha,
        auto_continued=auto,
        alpha=policy.conformal_alpha,
        workflows=[e.case.workflow.value for e in split.examples],
    )
