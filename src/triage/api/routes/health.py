"""Liveness, readiness and Prometheus metrics (outside /v1, no token: for the platform)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from anyio import to_thread
from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select, text

from triage.api import metrics
from triage.api.deps import RuntimeDep
from triage.api.schemas import ErrorBody, Health, Readiness
from triage.storage.tables import ReviewRow

router = APIRouter(tags=["operations"])


@router.get("/healthz", operation_id="healthz", response_model=Health)
async def healthz() -> Health:
    """The process answers (say nothing about dependencies: a restart would not help them)."""
    return Health(status="ok")


@router.get(
    "/readyz",
    operation_id="readyz",
    response_model=Readiness,
    responses={503: {"model": ErrorBody, "description": "Model or database not available"}},
)
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    """Ready when the model is loaded and the database answers."""

    def probe() -> None:
        with runtime.db.scope(readonly=True) as session:
            session.execute(text("SELECT 1"))

    try:
        await to_thread.run_sync(probe)
    except Exception as exc:
        return JSONResponse(
            {"error": {"code": "unavailable", "message": f"database: {exc}", "details": None}},
            status_code=503,
        )
    if not runtime.models.ready:
        return JSONResponse(
            {"error": {"code": "unavailable", "message": "model not loaded", "details": None}},
            status_code=503,
        )
    body = Readiness(
        status="ready",
        model_version=runtime.models.current().version,
        policy_version=runtime.policies.current().policy.version,
        uptime_seconds=time.time() - runtime.started_at,
    )
    return JSONResponse(body.model_dump())


def review_queue(runtime: RuntimeDep) -> tuple[int, float]:
    """Unresolved review tasks and the age of the oldest, from the database (all workers)."""
    with runtime.db.scope(readonly=True) as session:
        count, oldest = session.execute(
            select(func.count(), func.min(ReviewRow.created_at)).where(
                ReviewRow.status != "resolved"
            )
        ).one()
    if oldest is None:
        return int(count), 0.0
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return int(count), max(0.0, (datetime.now(UTC) - oldest).total_seconds())


@router.get(
    "/metrics",
    operation_id="metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
async def prometheus_metrics(runtime: RuntimeDep) -> Response:
    depth, oldest = await to_thread.run_sync(lambda: review_queue(runtime))
    return Response(
        metrics.render(queue_depth=depth, oldest_open_seconds=oldest),
        media_type=metrics.CONTENT_TYPE,
    )
