"""One webhook delivery attempt and the retry schedule, independent of storage.

The outbox worker calls `attempt()` for a due row and stores what it returns;
the transport is a protocol so that tests drive it with a fake receiver.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Literal, Protocol

import httpx

from triage.notify.webhooks import signed_headers

BASE_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 3600.0
# Retries continue for three days (then the row is dead-lettered for an operator):
# long enough to outlast a receiver's weekend outage.
GIVE_UP_AFTER_SECONDS = 3 * 24 * 3600.0
REQUEST_TIMEOUT_SECONDS = 10.0

Result = Literal["delivered", "retry", "gone", "dead"]


class TransportError(Exception):
    """The request did not produce an HTTP status (refused, reset, timed out)."""


class Transport(Protocol):
    def post(self, url: str, *, headers: dict[str, str], body: bytes, timeout: float) -> int:
        """POST and return the status code, or raise TransportError."""
        ...


class HttpxTransport:
    """The production transport: a pooled httpx client, redirects not followed."""

    def __init__(self) -> None:
        self._client = httpx.Client(follow_redirects=False)

    def post(self, url: str, *, headers: dict[str, str], body: bytes, timeout: float) -> int:
        try:
            response = self._client.post(url, headers=headers, content=body, timeout=timeout)
        except httpx.HTTPError as exc:
            raise TransportError(f"{type(exc).__name__}: {exc}") from exc
        return response.status_code

    def close(self) -> None:
        self._client.close()


def backoff_seconds(
    attempts: int,
    *,
    rng: random.Random | None = None,
    base: float = BASE_DELAY_SECONDS,
    cap: float = MAX_DELAY_SECONDS,
) -> float:
    """Delay before the next try after `attempts` failures: exponential, equal jitter.

    Half of the exponential step is fixed and half random, so retries from many
    rows spread out yet the delay still grows with every failure.
    """
    step = min(cap, base * 2.0 ** max(0, attempts - 1))
    jitter: float = (rng or random).uniform(0, step / 2)
    return step / 2 + jitter


def classify(status: int | None) -> Literal["delivered", "retry", "gone"]:
    """2xx delivered; 410 Gone disables the endpoint; anything else is retried."""
    if status is not None and 200 <= status < 300:
        return "delivered"
    if status == 410:
        return "gone"
    return "retry"


@dataclass(frozen=True, slots=True)
class AttemptResult:
    result: Result
    status_code: int | None
    error: str | None
    duration_ms: float
    next_attempt_at: float | None  # epoch seconds, for "retry"
    webhook_timestamp: int


def attempt(
    transport: Transport,
    *,
    url: str,
    msg_id: str,
    body: bytes,
    secret: str,
    attempts_before: int,
    first_created_at: float,
    now: float | None = None,
    rng: random.Random | None = None,
) -> AttemptResult:
    """Sign and POST once; decide what happens next."""
    ts = int(time.time() if now is None else now)
    headers = signed_headers(secret, msg_id, body, timestamp=ts)
    started = time.perf_counter()
    status: int | None = None
    error: str | None = None
    try:
        status = transport.post(url, headers=headers, body=body, timeout=REQUEST_TIMEOUT_SECONDS)
    except TransportError as exc:
        error = str(exc)[:500]
    duration_ms = (time.perf_counter() - started) * 1000
    kind = classify(status)
    if kind != "retry":
        return AttemptResult(kind, status, error, duration_ms, None, ts)
    clock = time.time() if now is None else now
    delay = backoff_seconds(attempts_before + 1, rng=rng)
    if clock + delay - first_created_at > GIVE_UP_AFTER_SECONDS:
        return AttemptResult("dead", status, error, duration_ms, None, ts)
    return AttemptResult("retry", status, error or f"HTTP {status}", duration_ms, clock + delay, ts)
