"""The asyncio client, for async activities (Temporal) and high-concurrency callers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import httpx

from triage.client._core import (
    MAX_WAIT_SECONDS,
    OutcomeTimeoutError,
    RetryHook,
    RetryPolicy,
    TriageUnavailableError,
    base_headers,
    is_retryable,
    new_idempotency_key,
    parse_decision,
    read_timeout,
    retry_after,
    score_request,
    wait_params,
)
from triage.domain.case import Case
from triage.domain.decision import Decision


class AsyncTriageClient:
    """The same calls and retry rules as `TriageClient`, awaited."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        on_retry: RetryHook | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.retry = retry or RetryPolicy()
        self.on_retry = on_retry
        self._timeout = httpx.Timeout(timeout)
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers=base_headers(token),
            timeout=self._timeout,
            transport=transport,
        )

    async def __aenter__(self) -> AsyncTriageClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def score(
        self,
        case: Case | Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
        callback_url: str | None = None,
    ) -> Decision:
        """POST /v1/cases/score; retried on connection errors, 5xx, 429 and in-progress 409."""
        headers, params, body = score_request(
            case,
            idempotency_key=idempotency_key or new_idempotency_key(),
            callback_url=callback_url,
        )
        response = await self._send(
            "POST", "/v1/cases/score", headers=headers, params=params, content=body
        )
        return parse_decision(response)

    async def get_case(self, case_id: str, *, wait: float | None = None) -> Decision:
        """The case's current decision; with `wait`, long-polls until a pending review resolves."""
        return await self._get(f"/v1/cases/{case_id}", wait)

    async def get_decision(self, decision_id: str, *, wait: float | None = None) -> Decision:
        return await self._get(f"/v1/decisions/{decision_id}", wait)

    async def wait_for_outcome(self, case_id: str, *, timeout: float = 3600.0) -> Decision:
        """Long-poll the case until its decision is final; OutcomeTimeoutError at the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            decision = await self.get_case(case_id, wait=min(MAX_WAIT_SECONDS, max(1.0, remaining)))
            if decision.status == "final":
                return decision
            if time.monotonic() >= deadline:
                raise OutcomeTimeoutError(decision)

    async def _get(self, path: str, wait: float | None) -> Decision:
        response = await self._send(
            "GET", path, params=wait_params(wait), timeout=read_timeout(self._timeout, wait)
        )
        return parse_decision(response)

    async def _send(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
        timeout: httpx.Timeout | None = None,
    ) -> httpx.Response:
        last_error = ""
        for attempt in range(1, self.retry.max_attempts + 1):
            hint: float | None = None
            try:
                response = await self._http.request(
                    method,
                    path,
                    headers=headers,
                    params=params,
                    content=content,
                    timeout=timeout or self._timeout,
                )
            except httpx.TransportError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            else:
                if not is_retryable(response):
                    return response
                last_error = f"HTTP {response.status_code}"
                hint = retry_after(response)
                if attempt == self.retry.max_attempts:
                    return response
            if attempt < self.retry.max_attempts:
                if self.on_retry is not None:
                    self.on_retry(attempt, last_error)
                await asyncio.sleep(self.retry.delay(attempt, retry_after=hint))
        raise TriageUnavailableError(
            f"{method} {path} failed after {self.retry.max_attempts} attempts: {last_error}"
        )
