"""Process-intelligence figures as JSON (the /ui/dashboard page renders the same summary)."""

from __future__ import annotations

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends, Query

from triage.api.deps import RuntimeDep, require_role
from triage.api.params import TimestampQuery, to_datetime
from triage.api.schemas import error_responses
from triage.errors import FieldError, ValidationError
from triage.services import review_metrics
from triage.services.review_metrics import MetricsSummary
from triage.services.runtime import Principal

router = APIRouter(prefix="/v1/metrics", tags=["metrics"])

Viewer = Annotated[Principal, Depends(require_role("reviewer", "auditor", "admin"))]


@router.get(
    "/summary",
    operation_id="metrics_summary",
    summary="Automation, exceptions, review latency, overrides, agreement, audit-sample error",
    response_model=MetricsSummary,
    responses=error_responses(401, 403, 422),
)
async def metrics_summary(
    runtime: RuntimeDep,
    principal: Viewer,
    days: Annotated[int, Query(ge=1, le=366, description="window ending now")] = 30,
    since: TimestampQuery = None,
    until: TimestampQuery = None,
) -> MetricsSummary:
    start, end = review_metrics.default_window(days=days)
    start = to_datetime(since, name="since") or start
    end = to_datetime(until, name="until") or end
    if start.tzinfo is None or end.tzinfo is None:
        raise ValidationError([FieldError("query.since", "timestamps need a UTC offset")])
    if start >= end:
        raise ValidationError([FieldError("query.since", "must be before until")])

    def compute() -> MetricsSummary:
        with runtime.db.scope(readonly=True) as session:
            return review_metrics.summary(session, since=start, until=end)

    return await to_thread.run_sync(compute)
