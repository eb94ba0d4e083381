"""Policy evaluation: a scored case -> route and every reason that decided it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from triage.domain.certification import Certification
from triage.domain.decision import Reason
from triage.domain.vocab import ExceptionLabel, Route
from triage.policy.schema import Policy


@dataclass(frozen=True, slots=True)
class RoutingInput:
    """What the policy sees of a scored case (no ML objects: the policy imports no ML library)."""

    case_id: str
    customer_id: str
    currency: str
    invoice_total: float
    exception_label: ExceptionLabel
    exception_confidence: float
    prediction_set: Sequence[ExceptionLabel]
    billable_probability: float
    low_confidence_fields: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RoutingResult:
    route: Route
    reasons: list[Reason]
    audit_sample: bool = False
    second_review: bool = False


def _reason(code: str, text: str, **data: object) -> Reason:
    return Reason(code=code, text=text, kind="policy", data=dict(data))


def audit_draw(case_id: str, policy_version: str) -> float:
    """A uniform number in [0, 1) fixed by case and policy: a retry draws the same sample."""
    digest = hashlib.sha256(f"{policy_version}\x00{case_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _confidence_gates(
    policy: Policy, inp: RoutingInput, certification: Certification | None
) -> list[Reason]:
    override = policy.customers.get(inp.customer_id)
    billable_conf = max(inp.billable_probability, 1.0 - inp.billable_probability)
    reasons: list[Reason] = []
    custom = override is not None and (
        override.exception_confidence is not None or override.billable_confidence is not None
    )
    usable = (
        policy.thresholds.mode == "certified"
        and not custom
        and certification is not None
        and certification.certified
        and certification.threshold is not None
    )
    if usable and certification is not None and certification.threshold is not None:
        threshold = certification.threshold
        score = min(inp.exception_confidence, billable_conf)
        if score < threshold:
            bound = f"{certification.target_error:.1%} at {1 - certification.delta:.0%} confidence"
            reasons.append(
                _reason(
                    "policy.below_certified_threshold",
                    f"confidence {score:.3f} is below the certified auto-continue threshold "
                    f"{threshold:.3f} (error among auto-continued <= {bound})",
                    score=score,
                    threshold=threshold,
                )
            )
        return reasons
    exc_min = policy.thresholds.exception_confidence
    bill_min = policy.thresholds.billable_confidence
    if override is not None:
        exc_min = (
            override.exception_confidence if override.exception_confidence is not None else exc_min
        )
        bill_min = (
            override.billable_confidence if override.billable_confidence is not None else bill_min
        )
    if policy.thresholds.mode == "certified" and not custom:
        reasons.append(
            _reason(
                "policy.uncertified",
                "the model bundle has no certified threshold for this policy; "
                "the policy's fixed confidence thresholds apply",
            )
        )
    if inp.exception_confidence < exc_min:
        reasons.append(
            _reason(
                "policy.low_exception_confidence",
                f"exception confidence {inp.exception_confidence:.3f} is below {exc_min:.3f}",
                confidence=inp.exception_confidence,
                threshold=exc_min,
            )
        )
    if billable_conf < bill_min:
        reasons.append(
            _reason(
                "policy.low_billable_confidence",
                f"billability confidence {billable_conf:.3f} is below {bill_min:.3f}",
                confidence=billable_conf,
                threshold=bill_min,
            )
        )
    return reasons


def route(
    policy: Policy, inp: RoutingInput, certification: Certification | None = None
) -> RoutingResult:
    """Apply every rule of the policy; a case goes to review if any rule fires."""
    override = policy.customers.get(inp.customer_id)
    reasons = _confidence_gates(policy, inp, certification)
    review = any(r.code != "policy.uncertified" for r in reasons)

    high_value = policy.high_value_for(currency=inp.currency, customer_id=inp.customer_id)
    if abs(inp.invoice_total) >= high_value:
        review = True
        reasons.append(
            _reason(
                "policy.high_value",
                f"invoice total {inp.invoice_total:,.2f} {inp.currency} is at or above the "
                f"high-value threshold {high_value:,.2f}",
                total=inp.invoice_total,
                threshold=high_value,
            )
        )

    always = override.always_review if override and override.always_review is not None else None
    always_review = set(always if always is not None else policy.always_review)
    if inp.exception_label in always_review:
        review = True
        reasons.append(
            _reason(
                "policy.always_review",
                f"exception '{inp.exception_label.value}' is always reviewed",
                label=inp.exception_label.value,
            )
        )

    billable_conf = max(inp.billable_probability, 1.0 - inp.billable_probability)
    p_wrong = 1.0 - inp.exception_confidence * billable_conf
    expected_loss = p_wrong * abs(inp.invoice_total)
    max_loss = (
        override.max_expected_loss
        if override and override.max_expected_loss is not None
        else policy.max_expected_loss
    )
    if max_loss is not None and expected_loss > max_loss:
        review = True
        reasons.append(
            _reason(
                "policy.expected_loss",
                f"expected loss {expected_loss:,.2f} {inp.currency} (P(wrong) {p_wrong:.3f} x "
                f"{abs(inp.invoice_total):,.2f}) exceeds {max_loss:,.2f}",
                expected_loss=expected_loss,
                p_wrong=p_wrong,
                threshold=max_loss,
            )
        )

    if policy.review_when_prediction_set_ambiguous and len(inp.prediction_set) != 1:
        review = True
        reasons.append(
            _reason(
                "policy.ambiguous_prediction_set",
                f"the conformal prediction set holds {len(inp.prediction_set)} labels "
                f"at alpha {policy.conformal_alpha}",
                labels=[label.value for label in inp.prediction_set],
            )
        )

    weak = {
        name: conf
        for name, conf in inp.low_confidence_fields.items()
        if conf < policy.min_extraction_confidence
    }
    if weak:
        review = True
        fields = ", ".join(f"{name} ({conf:.2f})" for name, conf in sorted(weak.items()))
        reasons.append(
            _reason(
                "policy.low_extraction_confidence",
                f"extracted fields the decision depends on are uncertain: {fields}",
                fields=weak,
            )
        )

    sampled = False
    rate = (
        override.audit_sample_rate
        if override and override.audit_sample_rate is not None
        else policy.audit_sample_rate
    )
    if not review and rate > 0 and audit_draw(inp.case_id, policy.version) < rate:
        review = sampled = True
        reasons.append(
            _reason(
                "policy.audit_sample",
                f"randomly sampled for quality audit ({rate:.1%} of auto-continued cases)",
                rate=rate,
            )
        )

    if not review:
        reasons.append(
            _reason("policy.auto_continue", "every policy check passed; continuing automatically")
        )
    second = review and abs(inp.invoice_total) >= policy.second_review_for(currency=inp.currency)
    if second:
        reasons.append(
            _reason(
                "policy.four_eyes",
                "two different reviewers must agree (value at or above the second-review "
                "threshold)",
            )
        )
    return RoutingResult(
        route=Route.HUMAN_REVIEW if review else Route.AUTO_CONTINUE,
        reasons=reasons,
        audit_sample=sampled,
        second_review=second,
    )
