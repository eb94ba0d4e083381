"""Audit routes: thin wrappers over `triage.audit` (auditor and admin, read-only)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from triage.api.deps import RuntimeDep, require_role
from triage.api.params import TimestampQuery, to_datetime
from triage.api.schemas import error_responses
from triage.audit import log as audit
from triage.audit.models import Checkpoint, ConsistencyProof, EventPage, InclusionProof
from triage.services.runtime import Principal, Runtime

router = APIRouter(prefix="/v1/audit", tags=["audit"])

Auditor = Annotated[Principal, Depends(require_role("auditor", "admin"))]
READ_ERRORS = error_responses(401, 403, 404, 422)


@router.get(
    "/events", operation_id="list_audit_events", response_model=EventPage, responses=READ_ERRORS
)
async def list_events(
    runtime: RuntimeDep,
    principal: Auditor,
    case_id: str | None = None,
    actor: str | None = None,
    event_type: Annotated[str | None, Query(alias="type")] = None,
    decision_id: str | None = None,
    since: TimestampQuery = None,
    until: TimestampQuery = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[
        str | None, Query(pattern=r"^[0-9]{1,18}$", description="`next_cursor` of the last page")
    ] = None,
) -> EventPage:
    start, end = to_datetime(since, name="since"), to_datetime(until, name="until")

    def read() -> EventPage:
        with runtime.db.scope(readonly=True) as session:
            return audit.list_events(
                session,
                case_id=case_id,
                actor=actor,
                event_type=event_type,
                decision_id=decision_id,
                since=start,
                until=end,
                limit=limit,
                cursor=cursor,
            )

    return await to_thread.run_sync(read)


def _export(runtime: Runtime) -> Iterator[bytes]:
    """One read transaction for the whole export: a consistent snapshot of the log."""
    with runtime.db.scope(readonly=True) as session:
        for line in audit.export_jsonl(session):
            yield line.encode("utf-8")


@router.get(
    "/export",
    operation_id="export_audit_log",
    summary="The whole log as JSONL (verify it offline with `triage audit verify --export`)",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
        **error_responses(401, 403),
    },
)
async def export(runtime: RuntimeDep, principal: Auditor) -> StreamingResponse:
    return StreamingResponse(
        _export(runtime),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="audit-log.jsonl"'},
    )


@router.get(
    "/proof/inclusion",
    operation_id="audit_inclusion_proof",
    response_model=InclusionProof,
    responses=READ_ERRORS,
)
async def inclusion(
    runtime: RuntimeDep,
    principal: Auditor,
    seq: Annotated[int, Query(ge=0, description="the record's position in the log")],
    tree_size: Annotated[int | None, Query(ge=1, description="default: the current tree")] = None,
) -> InclusionProof:
    def read() -> InclusionProof:
        with runtime.db.scope(readonly=True) as session:
            return audit.inclusion_proof(session, seq=seq, tree_size=tree_size)

    return await to_thread.run_sync(read)


@router.get(
    "/proof/consistency",
    operation_id="audit_consistency_proof",
    response_model=ConsistencyProof,
    responses=READ_ERRORS,
)
async def consistency(
    runtime: RuntimeDep,
    principal: Auditor,
    old_size: Annotated[int, Query(ge=0)],
    new_size: Annotated[int | None, Query(ge=0, description="default: the current tree")] = None,
) -> ConsistencyProof:
    def read() -> ConsistencyProof:
        with runtime.db.scope(readonly=True) as session:
            return audit.consistency_proof(session, old_size=old_size, new_size=new_size)

    return await to_thread.run_sync(read)


@router.get(
    "/checkpoints",
    operation_id="list_audit_checkpoints",
    response_model=list[Checkpoint],
    responses=READ_ERRORS,
)
async def checkpoints(
    runtime: RuntimeDep,
    principal: Auditor,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[Checkpoint]:
    def read() -> list[Checkpoint]:
        with runtime.db.scope(readonly=True) as session:
            return audit.list_checkpoints(session, limit=limit)

    return await to_thread.run_sync(read)
