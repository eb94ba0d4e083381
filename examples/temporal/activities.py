"""Activities: every side effect of the workflow, each safe to retry.

`score_case` sends Idempotency-Key = workflow id + activity id, which Temporal
keeps across retries of the same activity: a retry after a lost response (the
server killed mid-request) gets the stored decision back instead of a second one.
The client's own retries are off here so that Temporal's RetryPolicy is the one
that decides, and shows up in the workflow history.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from temporalio import activity
from temporalio.exceptions import ApplicationError

from examples.common import book, verdict_fields
from examples.temporal.shared import Scored, Verdict, WorkOrder
from triage.client import (
    NO_RETRY,
    AsyncTriageClient,
    TriageAPIError,
)
from triage.domain.decision import Decision


def verdict_of(decision: Decision) -> Verdict:
    return Verdict(**verdict_fields(decision))


def _retryable(exc: TriageAPIError) -> bool:
    return exc.status_code >= 500 or exc.status_code in (408, 409, 429)


class InvoiceActivities:
    """Bound to one API endpoint, the bridge that receives callbacks, and the ledger file."""

    def __init__(self, *, api_url: str, token: str, bridge_url: str | None, ledger: Path) -> None:
        self.api_url = api_url
        self.token = token
        self.bridge_url = bridge_url.rstrip("/") if bridge_url else None
        self.ledger = ledger

    def _client(self) -> AsyncTriageClient:
        return AsyncTriageClient(self.api_url, self.token, retry=NO_RETRY, timeout=20.0)

    @activity.defn(name="score_case")
    async def score_case(self, order: WorkOrder) -> Scored:
        info = activity.info()
        key = f"{info.workflow_id}/{info.activity_id}"
        callback = f"{self.bridge_url}/temporal/{info.workflow_id}" if self.bridge_url else None
        async with self._client() as client:
            try:
                decision = await client.score(
                    order.case, idempotency_key=key, callback_url=callback
                )
            except TriageAPIError as exc:
                if _retryable(exc):
                    raise
                raise ApplicationError(str(exc), type="InvalidCase", non_retryable=True) from exc
        activity.logger.info("scored %s: %s", order.case["case_id"], decision.route.value)
        return Scored(verdict=verdict_of(decision), attempt=info.attempt)

    @activity.defn(name="fetch_outcome")
    async def fetch_outcome(self, decision_id: str) -> Verdict:
        """The fallback when no signal came: long-poll the decision until it is final."""
        async with self._client() as client:
            decision = await client.get_decision(decision_id, wait=60)
        if decision.status != "final":
            raise ApplicationError("review still open", type="ReviewPending")
        return verdict_of(decision)

    @activity.defn(name="post_invoice")
    async def post_invoice(self, order: WorkOrder, verdict: Verdict) -> str:
        return self._book(order, verdict, "posted")

    @activity.defn(name="hold_invoice")
    async def hold_invoice(self, order: WorkOrder, verdict: Verdict) -> str:
        return self._book(order, verdict, "held")

    def _book(self, order: WorkOrder, verdict: Verdict, status: str) -> str:
        return book(self.ledger, order.case, asdict(verdict), status)
