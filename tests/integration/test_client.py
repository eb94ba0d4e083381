"""The Python client against a fake server (httpx MockTransport)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.factories import clean_case_dict, make_case
from triage.client import (
    AsyncTriageClient,
    OutcomeTimeoutError,
    RetryPolicy,
    TriageAPIError,
    TriageClient,
    TriageUnavailableError,
    WebhookVerificationError,
    verify_webhook,
)
from triage.notify.webhooks import generate_secret, signed_headers

FAST = RetryPolicy(max_attempts=4, initial_delay=0.001, max_delay=0.01)


def decision_json(*, status: str = "final", review: bool = False) -> dict[str, Any]:
    labels = ["none", "tax_error"]
    data: dict[str, Any] = {
        "decision_id": "d-1",
        "case_id": "WO-2026-004211",
        "exception": {
            "label": "none",
            "confidence": 0.97,
            "probabilities": {label: 0.97 if label == "none" else 0.03 for label in labels},
            "prediction_set": ["none"],
        },
        "billable": {"value": True, "probability": 0.9},
        "route": "human_review" if review else "auto_continue",
        "reasons": [{"code": "policy.confident", "text": "confident", "kind": "policy"}],
        "model_version": "m1",
        "policy_version": "p1",
        "created_at": "2026-03-04T09:12:00+00:00",
        "review_id": "r-1" if review else None,
        "status": status,
        "outcome": None,
    }
    if review and status == "final":
        data["outcome"] = {
            "review_id": "r-1",
            "reviewers": ["reviewer:ann"],
            "exception": "tax_error",
            "billable": False,
            "changed": True,
            "comment": None,
            "resolved_at": "2026-03-04T10:00:00+00:00",
        }
    return data


def error(status: int, code: str, headers: dict[str, str] | None = None) -> httpx.Response:
    body = {"error": {"code": code, "message": code, "details": None}}
    return httpx.Response(status, json=body, headers=headers)


class Recorder:
    """A fake server: answers requests in order from a script and remembers what it saw."""

    def __init__(self, script: list[httpx.Response | Exception]) -> None:
        self.script = script
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script[min(len(self.requests), len(self.script)) - 1]
        if isinstance(step, Exception):
            raise step
        return step


def sync_client(handler: Callable[[httpx.Request], httpx.Response]) -> TriageClient:
    return TriageClient(
        "http://triage.test", "tok", retry=FAST, transport=httpx.MockTransport(handler)
    )


def async_client(handler: Callable[[httpx.Request], httpx.Response]) -> AsyncTriageClient:
    return AsyncTriageClient(
        "http://triage.test", "tok", retry=FAST, transport=httpx.MockTransport(handler)
    )


def test_score_reuses_one_key_and_body_when_retrying_after_5xx() -> None:
    fake = Recorder(
        [
            error(503, "unavailable"),
            error(500, "internal_error"),
            httpx.Response(200, json=decision_json()),
        ]
    )
    with sync_client(fake) as client:
        decision = client.score(make_case(clean_case_dict()), callback_url="http://hook.test/x")
    assert decision.decision_id == "d-1"
    keys = {r.headers["idempotency-key"] for r in fake.requests}
    bodies = {r.content for r in fake.requests}
    assert len(fake.requests) == 3
    assert len(keys) == 1
    assert len(bodies) == 1
    assert fake.requests[0].headers["authorization"] == "Bearer tok"
    assert fake.requests[0].url.params["callback_url"] == "http://hook.test/x"
    assert json.loads(fake.requests[0].content)["case_id"] == "WO-2026-004211"


def test_score_uses_a_new_key_for_each_logical_call() -> None:
    fake = Recorder([httpx.Response(200, json=decision_json())])
    with sync_client(fake) as client:
        client.score(clean_case_dict())
        client.score(clean_case_dict())
    assert (
        fake.requests[0].headers["idempotency-key"] != fake.requests[1].headers["idempotency-key"]
    )


def test_score_sends_the_callers_key_unchanged() -> None:
    fake = Recorder([httpx.ConnectError("refused"), httpx.Response(200, json=decision_json())])
    with sync_client(fake) as client:
        client.score(clean_case_dict(), idempotency_key="wf-1/activity-1")
    assert [r.headers["idempotency-key"] for r in fake.requests] == ["wf-1/activity-1"] * 2


def test_score_retries_the_in_progress_conflict_but_not_a_body_mismatch() -> None:
    busy = error(409, "idempotency_key_in_progress", {"Retry-After": "0"})
    fake = Recorder([busy, httpx.Response(200, json=decision_json())])
    with sync_client(fake) as client:
        assert client.score(clean_case_dict()).decision_id == "d-1"
    assert len(fake.requests) == 2

    mismatch = Recorder([error(422, "idempotency_key_mismatch")])
    with sync_client(mismatch) as client, pytest.raises(TriageAPIError) as info:
        client.score(clean_case_dict())
    assert info.value.status_code == 422
    assert info.value.code == "idempotency_key_mismatch"
    assert len(mismatch.requests) == 1


def test_score_raises_unavailable_when_every_attempt_fails_to_connect() -> None:
    fake = Recorder([httpx.ConnectError("refused")])
    with sync_client(fake) as client, pytest.raises(TriageUnavailableError, match="4 attempts"):
        client.score(clean_case_dict())
    assert len(fake.requests) == FAST.max_attempts


def test_score_surfaces_the_last_5xx_as_an_api_error() -> None:
    fake = Recorder([error(503, "unavailable")])
    with sync_client(fake) as client, pytest.raises(TriageAPIError) as info:
        client.score(clean_case_dict())
    assert info.value.status_code == 503
    assert len(fake.requests) == FAST.max_attempts


def test_get_case_maps_404_to_api_error_without_retry() -> None:
    fake = Recorder([error(404, "not_found")])
    with sync_client(fake) as client, pytest.raises(TriageAPIError) as info:
        client.get_case("nope")
    assert info.value.code == "not_found"
    assert len(fake.requests) == 1


def test_wait_for_outcome_long_polls_until_the_review_resolves() -> None:
    pending = httpx.Response(200, json=decision_json(status="pending_review", review=True))
    final = httpx.Response(200, json=decision_json(status="final", review=True))
    fake = Recorder([pending, pending, final])
    with sync_client(fake) as client:
        decision = client.wait_for_outcome("WO-2026-004211", timeout=120)
    assert decision.outcome is not None
    assert decision.final_exception == "tax_error"
    assert [r.url.path for r in fake.requests] == ["/v1/cases/WO-2026-004211"] * 3
    assert fake.requests[0].url.params["wait"] == "60"


def test_wait_for_outcome_raises_at_the_deadline_with_the_pending_decision() -> None:
    fake = Recorder([httpx.Response(200, json=decision_json(status="pending_review", review=True))])
    with sync_client(fake) as client, pytest.raises(OutcomeTimeoutError) as info:
        client.wait_for_outcome("WO-2026-004211", timeout=0)
    assert info.value.decision.status == "pending_review"
    assert fake.requests[0].url.params["wait"] == "1"


def test_long_poll_read_timeout_exceeds_the_wait() -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json=decision_json())

    client = TriageClient(
        "http://triage.test", "tok", timeout=5, transport=httpx.MockTransport(handler)
    )
    client.get_decision("d-1", wait=30)
    client.get_decision("d-1")
    assert seen[0]["read"] == 35
    assert seen[1]["read"] == 5


def test_async_score_retries_connection_errors_with_one_key() -> None:
    fake = Recorder(
        [
            httpx.ReadError("reset"),
            error(502, "bad_gateway"),
            httpx.Response(200, json=decision_json()),
        ]
    )

    async def run() -> str:
        async with async_client(fake) as client:
            return (await client.score(clean_case_dict())).decision_id

    assert asyncio.run(run()) == "d-1"
    assert len({r.headers["idempotency-key"] for r in fake.requests}) == 1
    assert len(fake.requests) == 3


def test_async_wait_for_outcome_returns_the_final_decision() -> None:
    fake = Recorder(
        [
            httpx.Response(200, json=decision_json(status="pending_review", review=True)),
            httpx.Response(200, json=decision_json(status="final", review=True)),
        ]
    )

    async def run() -> bool:
        async with async_client(fake) as client:
            decision = await client.wait_for_outcome("WO-2026-004211", timeout=60)
            return decision.final_billable

    assert asyncio.run(run()) is False


def test_retry_delay_grows_and_honours_retry_after() -> None:
    policy = RetryPolicy(initial_delay=1.0, max_delay=8.0)
    assert all(0 <= policy.delay(1) <= 1.0 for _ in range(50))
    assert all(0 <= policy.delay(10) <= 8.0 for _ in range(50))
    assert policy.delay(1, retry_after=3.0) == 3.0
    assert policy.delay(1, retry_after=100.0) == 8.0


def webhook(secret: str, *, timestamp: int | None = None) -> tuple[dict[str, str], bytes]:
    body = json.dumps(
        {
            "type": "decision.final",
            "timestamp": "2026-03-04T10:00:01+00:00",
            "data": decision_json(status="final", review=True),
        }
    ).encode()
    return signed_headers(secret, "msg_1", body, timestamp=timestamp), body


def test_verify_webhook_returns_the_final_decision() -> None:
    secret = generate_secret()
    headers, body = webhook(secret)
    event = verify_webhook(secret, headers, body)
    assert event.webhook_id == "msg_1"
    assert event.type == "decision.final"
    assert event.decision.outcome is not None
    assert event.decision.outcome.changed


def test_verify_webhook_rejects_tampering_stale_deliveries_and_other_shapes() -> None:
    secret = generate_secret()
    headers, body = webhook(secret)
    with pytest.raises(WebhookVerificationError):
        verify_webhook(secret, headers, body.replace(b"tax_error", b"none"))
    with pytest.raises(WebhookVerificationError):
        verify_webhook(generate_secret(), headers, body)
    old_headers, old_body = webhook(secret, timestamp=int(time.time()) - 301)
    with pytest.raises(WebhookVerificationError, match="too old"):
        verify_webhook(secret, old_headers, old_body)
    other = b'{"hello": 1}'
    with pytest.raises(WebhookVerificationError, match="not a decision event"):
        verify_webhook(secret, signed_headers(secret, "msg_2", other), other)


def test_on_retry_hook_sees_each_failed_attempt() -> None:
    seen: list[tuple[int, str]] = []
    fake = Recorder(
        [
            httpx.ConnectError("refused"),
            error(503, "unavailable"),
            httpx.Response(200, json=decision_json()),
        ]
    )
    client = TriageClient(
        "http://triage.test",
        "tok",
        retry=FAST,
        transport=httpx.MockTransport(fake),
        on_retry=lambda attempt, why: seen.append((attempt, why)),
    )
    client.score(clean_case_dict())
    assert [attempt for attempt, _ in seen] == [1, 2]
    assert "ConnectError" in seen[0][1]
    assert seen[1][1] == "HTTP 503"
