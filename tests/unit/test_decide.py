from __future__ import annotations

from tests.factories import example_case_dict, make_case
from triage.domain.vocab import EXCEPTION_LABELS, Route
from triage.modeling.predictor import ModelOutput
from triage.policy import load_policy
from triage.reconcile import reconcile
from triage.services.decide import decide, prediction_set


def _output(top: str, p: float, billable: float) -> ModelOutput:
    rest = (1 - p) / (len(EXCEPTION_LABELS) - 1)
    probs = {label: (p if label == top else rest) for label in EXCEPTION_LABELS}
    pvals = {label: (0.6 if label == top else 0.01) for label in EXCEPTION_LABELS}
    return ModelOutput(probabilities=probs, p_values=pvals, billable_probability=billable)


def test_decide_builds_full_decision() -> None:
    case = make_case(example_case_dict())
    decision, routing = decide(
        case=case,
        evidence=reconcile(case),
        output=_output("warranty_coverage", 0.97, 0.03),
        policy=load_policy(),
        model_version="m1",
        certification=None,
    )
    assert decision.exception.label.value == "warranty_coverage"
    assert decision.exception.prediction_set == ["warranty_coverage"]
    assert set(decision.exception.probabilities) == set(EXCEPTION_LABELS)
    assert decision.billable.value is False
    assert decision.policy_version == load_policy().version
    assert decision.route is routing.route
    codes = {r.code for r in decision.reasons}
    assert "rule.warranty_active" in codes
    assert decision.decision_id.startswith("dec_")


def test_decide_pending_review_when_uncertain() -> None:
    case = make_case(example_case_dict())
    decision, _ = decide(
        case=case,
        evidence=reconcile(case),
        output=_output("none", 0.5, 0.5),
        policy=load_policy(),
        model_version="m1",
        certification=None,
    )
    assert decision.route is Route.HUMAN_REVIEW
    assert decision.status == "pending_review"


def test_prediction_set_uses_strict_alpha() -> None:
    assert prediction_set({"none": 0.05, "tax_error": 0.051}, 0.05) == ["tax_error"]
