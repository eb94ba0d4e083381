from __future__ import annotations

import pytest

from triage.domain.certification import Certification
from triage.domain.vocab import ExceptionLabel as L
from triage.domain.vocab import Route
from triage.errors import PolicyError
from triage.policy import (
    CustomerOverride,
    Policy,
    RoutingInput,
    audit_draw,
    dump_policy,
    load_policy,
    parse_policy,
    route,
)

CERT = Certification(
    certified=True, threshold=0.8, target_error=0.01, delta=0.05, n_calibration=5000
)


def _inp(**over: object) -> RoutingInput:
    base: dict[str, object] = {
        "case_id": "WO-1",
        "customer_id": "C-1",
        "currency": "EUR",
        "invoice_total": 800.0,
        "exception_label": L.NONE,
        "exception_confidence": 0.99,
        "prediction_set": [L.NONE],
        "billable_probability": 0.98,
    }
    base.update(over)
    return RoutingInput(**base)  # type: ignore[arg-type]


def _policy(**over: object) -> Policy:
    return Policy.model_validate({"version": "t1", **over})


def _codes(result: object) -> set[str]:
    return {r.code for r in result.reasons}  # type: ignore[attr-defined]


def test_shipped_policy_loads_and_round_trips() -> None:
    policy = load_policy()
    assert policy.version
    assert parse_policy(dump_policy(policy)) == policy


def test_parse_policy_names_bad_key() -> None:
    with pytest.raises(PolicyError, match=r"thresholds\.exception_confidence"):
        parse_policy("version: x\nthresholds: {exception_confidence: 2}\n")
    with pytest.raises(PolicyError, match="high_value"):
        parse_policy("version: x\nhigh_value: {EUR: 5}\n")
    with pytest.raises(PolicyError, match=r"unknown|Extra"):
        parse_policy("version: x\nsurprise: 1\n")


def test_confident_case_continues() -> None:
    result = route(_policy(), _inp(), CERT)
    assert result.route is Route.AUTO_CONTINUE
    assert _codes(result) == {"policy.auto_continue"}


def test_certified_threshold_routes_below_it() -> None:
    result = route(_policy(), _inp(billable_probability=0.25), CERT)  # billable conf 0.75 < 0.8
    assert result.route is Route.HUMAN_REVIEW
    assert "policy.below_certified_threshold" in _codes(result)


def test_uncertified_bundle_falls_back_to_fixed_and_says_so() -> None:
    uncertified = CERT.model_copy(update={"certified": False, "threshold": None})
    result = route(_policy(), _inp(exception_confidence=0.85), uncertified)
    assert result.route is Route.HUMAN_REVIEW
    assert {"policy.uncertified", "policy.low_exception_confidence"} <= _codes(result)
    ok = route(_policy(), _inp(), None)
    assert ok.route is Route.AUTO_CONTINUE
    assert "policy.uncertified" in _codes(ok)


@pytest.mark.parametrize(
    ("total", "expected"), [(9999.99, Route.AUTO_CONTINUE), (10000.0, Route.HUMAN_REVIEW)]
)
def test_high_value_threshold_inclusive(total: float, expected: Route) -> None:
    assert (
        route(
            _policy(),
            _inp(invoice_total=total, exception_confidence=1.0, billable_probability=1.0),
            CERT,
        ).route
        is expected
    )


def test_high_value_per_currency_and_customer_override() -> None:
    policy = _policy(
        high_value={"default": 10000, "CHF": 500}, customers={"C-9": {"high_value": 100}}
    )
    assert (
        route(
            policy, _inp(currency="CHF", exception_confidence=1.0, billable_probability=1.0), CERT
        ).route
        is Route.HUMAN_REVIEW
    )
    assert (
        route(policy, _inp(customer_id="C-9", invoice_total=150.0), CERT).route
        is Route.HUMAN_REVIEW
    )
    assert route(policy, _inp(invoice_total=150.0), CERT).route is Route.AUTO_CONTINUE


def test_always_review_label() -> None:
    policy = _policy(always_review=["duplicate_billing"])
    result = route(policy, _inp(exception_label=L.DUPLICATE_BILLING), CERT)
    assert "policy.always_review" in _codes(result)
    policy.customers["C-1"] = CustomerOverride(always_review=[])
    assert (
        route(policy, _inp(exception_label=L.DUPLICATE_BILLING), CERT).route is Route.AUTO_CONTINUE
    )


def test_expected_loss_routes_large_uncertain_invoices() -> None:
    policy = _policy(max_expected_loss=50)
    small = route(
        policy,
        _inp(invoice_total=1000.0, exception_confidence=0.97, billable_probability=0.99),
        CERT,
    )
    large = route(
        policy,
        _inp(invoice_total=5000.0, exception_confidence=0.97, billable_probability=0.99),
        CERT,
    )
    assert small.route is Route.AUTO_CONTINUE
    assert large.route is Route.HUMAN_REVIEW
    assert "policy.expected_loss" in _codes(large)


def test_low_extraction_confidence_routes() -> None:
    result = route(_policy(), _inp(low_confidence_fields={"invoice.total": 0.4}), CERT)
    assert "policy.low_extraction_confidence" in _codes(result)
    assert (
        route(_policy(), _inp(low_confidence_fields={"invoice.total": 0.95}), CERT).route
        is Route.AUTO_CONTINUE
    )


def test_audit_sample_is_deterministic_and_near_rate() -> None:
    policy = _policy(audit_sample_rate=0.1)
    sampled = [route(policy, _inp(case_id=f"WO-{i}"), CERT).audit_sample for i in range(2000)]
    assert 0.07 < sum(sampled) / len(sampled) < 0.13
    assert sampled == [
        route(policy, _inp(case_id=f"WO-{i}"), CERT).audit_sample for i in range(2000)
    ]
    assert 0 <= audit_draw("x", "v") < 1


def test_second_review_only_for_reviewed_high_value() -> None:
    result = route(_policy(), _inp(invoice_total=30000.0), CERT)
    assert result.second_review
    assert "policy.four_eyes" in _codes(result)
    assert not route(_policy(), _inp(invoice_total=12000.0), CERT).second_review
