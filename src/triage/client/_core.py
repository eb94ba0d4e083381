"""What the sync and async clients share: request shapes, retry rules, response parsing.

The retry loop itself lives in each client (one sleeps, the other awaits);
everything that decides *whether* and *how long* to wait is here so that both
behave identically.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from triage.domain.case import Case
from triage.domain.decision import Decision

MAX_WAIT_SECONDS = 60
USER_AGENT = "triage-client/1"
# 409 with this code means "the first request with this key is still running":
# retrying with the same key is exactly what the API asks for.
IN_PROGRESS_CODE = "idempotency_key_in_progress"


class TriageClientError(Exception):
    """Base of every error the client raises."""


class TriageAPIError(TriageClientError):
    """The service answered with an error; `code` and `details` are the API's JSON error."""

    def __init__(self, status_code: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(f"{status_code} {code}: {message}")
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details


class TriageUnavailableError(TriageClientError):
    """Every attempt failed with a connection error or a retryable status."""


class OutcomeTimeoutError(TriageClientError):
    """The decision was still waiting for review when the caller's deadline passed."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(f"decision {decision.decision_id} still {decision.status}")
        self.decision = decision


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with full jitter; `max_attempts` counts the first try."""

    max_attempts: int = 6
    initial_delay: float = 0.2
    max_delay: float = 5.0
    multiplier: float = 2.0

    def delay(self, attempt: int, *, retry_after: float | None = None) -> float:
        """Seconds to sleep after failed attempt number `attempt` (1-based)."""
        ceiling = min(self.max_delay, self.initial_delay * self.multiplier ** (attempt - 1))
        jittered = random.uniform(0, ceiling)
        if retry_after is not None:
            return min(self.max_delay, max(jittered, retry_after))
        return jittered


NO_RETRY = RetryPolicy(max_attempts=1)

# Called before each backoff sleep with the failed attempt's number and what went wrong.
RetryHook = Callable[[int, str], None]


def new_idempotency_key() -> str:
    """A fresh key for one logical score call, reused by all of its retries."""
    return f"tc-{uuid.uuid4()}"


def case_body(case: Case | Mapping[str, Any]) -> bytes:
    """The request body, serialised once so every retry sends the same bytes."""
    data = case.model_dump(mode="json") if isinstance(case, Case) else dict(case)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def base_headers(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}", "user-agent": USER_AGENT}


def score_request(
    case: Case | Mapping[str, Any], *, idempotency_key: str, callback_url: str | None
) -> tuple[dict[str, str], dict[str, str], bytes]:
    """Headers, query and body of POST /v1/cases/score."""
    headers = {"content-type": "application/json", "idempotency-key": idempotency_key}
    params = {"callback_url": callback_url} if callback_url else {}
    return headers, params, case_body(case)


def wait_params(wait: float | None) -> dict[str, str]:
    if wait is None or wait <= 0:
        return {}
    return {"wait": str(int(min(MAX_WAIT_SECONDS, max(1, wait))))}


def read_timeout(base: httpx.Timeout, wait: float | None) -> httpx.Timeout:
    """A long-poll must not be cut short by the client's own read timeout."""
    if not wait:
        return base
    read = (base.read or 0) + min(MAX_WAIT_SECONDS, wait)
    return httpx.Timeout(connect=base.connect, read=read, write=base.write, pool=base.pool)


def is_retryable(response: httpx.Response) -> bool:
    """5xx, 429 and the in-progress 409 are worth another try; other 4xx are final."""
    if response.status_code >= 500 or response.status_code == 429:
        return True
    return response.status_code == 409 and error_code(response) == IN_PROGRESS_CODE


def retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def error_code(response: httpx.Response) -> str:
    return _error_fields(response)[0]


def _error_fields(response: httpx.Response) -> tuple[str, str, Any]:
    """`(code, message, details)` from the API's one error shape, tolerating anything else."""
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        err = payload["error"]
        return str(err.get("code", "error")), str(err.get("message", "")), err.get("details")
    return f"http_{response.status_code}", response.text[:500], None


def api_error(response: httpx.Response) -> TriageAPIError:
    code, message, details = _error_fields(response)
    return TriageAPIError(response.status_code, code, message, details)


def parse_decision(response: httpx.Response) -> Decision:
    if response.status_code >= 400:
        raise api_error(response)
    return Decision.model_validate_json(response.content)
