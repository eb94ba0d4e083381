"""One delivery attempt and the retry schedule, against a fake transport."""

from __future__ import annotations

import base64
import random

from triage.notify.delivery import (
    GIVE_UP_AFTER_SECONDS,
    MAX_DELAY_SECONDS,
    TransportError,
    attempt,
    backoff_seconds,
    classify,
)
from triage.notify.webhooks import verify

SECRET = "whsec_" + base64.b64encode(b"s" * 32).decode()
NOW = 1_760_000_000.0


class FakeTransport:
    def __init__(self, statuses: list[int | None]) -> None:
        self.statuses = statuses
        self.requests: list[tuple[str, dict[str, str], bytes]] = []

    def post(self, url: str, *, headers: dict[str, str], body: bytes, timeout: float) -> int:
        self.requests.append((url, headers, body))
        status = self.statuses.pop(0)
        if status is None:
            raise TransportError("connection refused")
        return status


def test_backoff_grows_exponentially_within_jitter_bounds() -> None:
    rng = random.Random(7)
    for attempts in range(1, 10):
        step = min(MAX_DELAY_SECONDS, 2 ** (attempts - 1))
        delays = [backoff_seconds(attempts, rng=rng) for _ in range(50)]
        assert all(step / 2 <= d <= step for d in delays)
        assert len(set(delays)) > 1
    assert backoff_seconds(40, rng=rng) <= MAX_DELAY_SECONDS


def test_classify_maps_statuses() -> None:
    assert classify(200) == "delivered"
    assert classify(204) == "delivered"
    assert classify(410) == "gone"
    assert classify(500) == "retry"
    assert classify(404) == "retry"
    assert classify(None) == "retry"


def test_attempt_signs_delivery_that_verifies() -> None:
    transport = FakeTransport([200])
    result = attempt(
        transport,
        url="http://r/hook",
        msg_id="msg_9",
        body=b"{}",
        secret=SECRET,
        attempts_before=0,
        first_created_at=NOW,
        now=NOW,
    )
    assert result.result == "delivered"
    assert result.status_code == 200
    _, headers, body = transport.requests[0]
    assert verify(SECRET, headers, body, now=NOW) == "msg_9"


def test_attempt_schedules_retry_on_connection_error() -> None:
    result = attempt(
        FakeTransport([None]),
        url="http://r/hook",
        msg_id="m",
        body=b"{}",
        secret=SECRET,
        attempts_before=3,
        first_created_at=NOW,
        now=NOW,
        rng=random.Random(1),
    )
    assert result.result == "retry"
    assert result.error == "connection refused"
    assert result.next_attempt_at is not None
    assert NOW + 4 <= result.next_attempt_at <= NOW + 8


def test_attempt_reports_gone_on_410() -> None:
    result = attempt(
        FakeTransport([410]),
        url="http://r/hook",
        msg_id="m",
        body=b"{}",
        secret=SECRET,
        attempts_before=0,
        first_created_at=NOW,
        now=NOW,
    )
    assert result.result == "gone"
    assert result.next_attempt_at is None


def test_attempt_gives_up_after_retry_window() -> None:
    result = attempt(
        FakeTransport([503]),
        url="http://r/hook",
        msg_id="m",
        body=b"{}",
        secret=SECRET,
        attempts_before=30,
        first_created_at=NOW - GIVE_UP_AFTER_SECONDS,
        now=NOW,
    )
    assert result.result == "dead"
    assert result.status_code == 503
