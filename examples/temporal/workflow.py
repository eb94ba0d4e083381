"""The work-order-to-invoice workflow: score, maybe wait for the reviewer, then post or hold.

Deterministic by construction: every side effect (the API call, the ledger) is an
activity; the review outcome arrives as a signal from the webhook bridge, and a
long-poll activity is the fallback if that signal never comes.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from examples.temporal.activities import InvoiceActivities
    from examples.temporal.shared import InvoiceResult, Scored, Verdict, WorkOrder

SCORE_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=5),
    maximum_attempts=30,
    non_retryable_error_types=["InvalidCase"],
)
# How long to trust the webhook bridge before asking the API directly.
SIGNAL_GRACE = timedelta(minutes=30)


@workflow.defn(name="WorkOrderToInvoice")
class WorkOrderToInvoice:
    def __init__(self) -> None:
        self._outcome: Verdict | None = None

    @workflow.signal(name="review_resolved")
    def review_resolved(self, verdict: Verdict) -> None:
        """Sent by the webhook bridge; a repeated delivery carries the same verdict."""
        self._outcome = verdict

    @workflow.query(name="outcome")
    def outcome(self) -> Verdict | None:
        return self._outcome

    @workflow.run
    async def run(self, order: WorkOrder) -> InvoiceResult:
        scored: Scored = await workflow.execute_activity_method(
            InvoiceActivities.score_case,
            order,
            start_to_close_timeout=timedelta(seconds=60),
            retry_policy=SCORE_RETRY,
        )
        verdict = scored.verdict
        waited = False
        if verdict.status != "final":
            waited = True
            try:
                await workflow.wait_condition(
                    lambda: self._outcome is not None, timeout=SIGNAL_GRACE
                )
            except TimeoutError:
                self._outcome = await workflow.execute_activity_method(
                    InvoiceActivities.fetch_outcome,
                    verdict.decision_id,
                    start_to_close_timeout=timedelta(seconds=90),
                    retry_policy=SCORE_RETRY,
                )
            assert self._outcome is not None
            verdict = self._outcome
        act = (
            InvoiceActivities.post_invoice
            if verdict.exception == "none"
            else InvoiceActivities.hold_invoice
        )
        status: str = await workflow.execute_activity_method(
            act,
            args=[order, verdict],
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_attempts=10),
        )
        return InvoiceResult(
            case_id=order.case["case_id"],
            invoice_number=order.case["invoice"]["number"],
            status=status,
            decision_id=verdict.decision_id,
            exception=verdict.exception,
            billable=verdict.billable,
            reviewed=verdict.reviewed,
            score_attempts=scored.attempt,
            waited_for_signal=waited,
        )
