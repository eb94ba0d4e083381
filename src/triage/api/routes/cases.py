"""Scoring and reading decisions: score a case, then read its current state (long-poll)."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse, Response

from triage.api import metrics
from triage.api.deps import RuntimeDep, require_role
from triage.api.inputs import ScoreInput, read_score_input
from triage.api.schemas import error_responses
from triage.domain.decision import Decision
from triage.errors import NotFoundError
from triage.services import scoring
from triage.services.runtime import Principal, Runtime
from triage.storage import decisions
from triage.storage.tables import DecisionRow

router = APIRouter(prefix="/v1", tags=["cases"])

MAX_WAIT_SECONDS = 60.0
POLL_SECONDS = 0.2
KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"
URL_PATTERN = r"^https?://[A-Za-z0-9.\-\[\]:]+(/[\x21-\x7e]*)?$"

Scorer = Annotated[Principal, Depends(require_role("orchestrator", "admin"))]
Reader = Annotated[Principal, Depends(require_role("orchestrator", "reviewer", "admin"))]

_SCORE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": (
            "The case JSON of DOMAIN.md §2. Or multipart/form-data: a `case` part holding the "
            "case JSON (where `service_report` and/or `invoice` may be left out) plus PDF parts "
            "named `service_report` and/or `invoice` whose extraction fills them in."
        ),
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Case"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["case"],
                    "properties": {
                        "case": {"type": "string", "description": "the case JSON"},
                        "service_report": {"type": "string", "format": "binary"},
                        "invoice": {"type": "string", "format": "binary"},
                    },
                }
            },
        },
    }
}
_DECISION_LINKS = {
    "GetDecision": {
        "operationId": "get_decision",
        "parameters": {"decision_id": "$response.body#/decision_id"},
    },
    "GetCase": {"operationId": "get_case", "parameters": {"case_id": "$response.body#/case_id"}},
}


def _owner_filter(principal: Principal) -> str | None:
    """Orchestrators see only the cases they submitted; other roles see all."""
    return principal.name if principal.role == "orchestrator" else None


@router.post(
    "/cases/score",
    operation_id="score_case",
    summary="Score a case: the decision (auto-continue or human review)",
    response_model=Decision,
    responses={
        200: {
            "description": "The decision (a replay returns the stored one)",
            "links": _DECISION_LINKS,
        },
        **error_responses(401, 403, 409, 413, 415, 422, 503),
    },
    openapi_extra=_SCORE_BODY,
)
async def score_case(
    request: Request,
    principal: Scorer,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            pattern=KEY_PATTERN,
            description="Retry-safe key (1-255 visible ASCII), scoped to your token's client",
        ),
    ] = None,
    callback_url: Annotated[
        str | None,
        Query(
            max_length=2048,
            pattern=URL_PATTERN,
            description="http(s) URL that receives the final decision as a signed webhook",
        ),
    ] = None,
) -> Response:
    runtime: Runtime = request.app.state.runtime
    score_input: ScoreInput = await read_score_input(request, runtime)
    settings = runtime.settings
    lease = 10.0 + (2 * settings.pdf_timeout_seconds if score_input.documents else 0.0)
    request_sha256, case_sha256 = scoring.input_digests(
        raw_json=score_input.raw_json,
        case_json=score_input.case_json,
        documents=score_input.document_digests,
        callback_url=callback_url,
    )
    score_request = scoring.ScoreRequest(
        case=score_input.case,
        case_json=score_input.case_json,
        client_id=principal.name,
        actor=principal.actor,
        request_sha256=request_sha256,
        case_sha256=case_sha256,
        idempotency_key=idempotency_key,
        callback_url=callback_url,
        low_confidence_fields=score_input.low_confidence_fields,
        lease_seconds=lease,
        documents=score_input.uploads,
    )
    result = await scoring.score_case(
        writer=runtime.writer,
        batcher=runtime.batcher,
        policy=runtime.policies.current().policy,
        request=score_request,
        ttl_hours=settings.idempotency_ttl_hours,
    )
    headers = {"Idempotent-Replayed": "true" if result.replayed else "false"}
    if result.replayed:
        metrics.IDEMPOTENT_REPLAYS.inc()
    else:
        metrics.record_decision(
            route=result.decision.route.value, label=result.decision.exception.label.value
        )
    # pydantic-core writes the JSON itself: a third of the cost of dump-then-json.dumps
    return Response(
        result.decision.model_dump_json(), media_type="application/json", headers=headers
    )


WaitQuery = Annotated[
    float,
    Query(
        ge=0,
        le=MAX_WAIT_SECONDS,
        description="Long-poll: wait up to this many seconds for a pending review to resolve",
    ),
]


async def _read_with_wait(runtime: RuntimeDep, wait: float, read: Any) -> JSONResponse:
    """Return the row's decision, polling while it is pending review (up to `wait` s)."""
    deadline = time.monotonic() + wait
    while True:
        row: DecisionRow = await to_thread.run_sync(read)
        if row.status != "pending_review" or time.monotonic() >= deadline:
            return JSONResponse(row.decision_json)
        await asyncio.sleep(min(POLL_SECONDS, max(0.0, deadline - time.monotonic())))


@router.get(
    "/decisions/{decision_id}",
    operation_id="get_decision",
    summary="A decision's current state (with the review outcome once resolved)",
    response_model=Decision,
    responses=error_responses(401, 403, 404, 422),
)
async def get_decision(
    decision_id: str, runtime: RuntimeDep, principal: Reader, wait: WaitQuery = 0
) -> JSONResponse:
    client = _owner_filter(principal)

    def read() -> DecisionRow:
        with runtime.db.scope(readonly=True) as session:
            return decisions.get_or_raise(session, decision_id=decision_id, client_id=client)

    return await _read_with_wait(runtime, wait, read)


@router.get(
    "/cases/{case_id}",
    operation_id="get_case",
    summary="The latest decision on a case",
    response_model=Decision,
    responses=error_responses(401, 403, 404, 422),
)
async def get_case(
    case_id: str, runtime: RuntimeDep, principal: Reader, wait: WaitQuery = 0
) -> JSONResponse:
    client = _owner_filter(principal)

    def read() -> DecisionRow:
        with runtime.db.scope(readonly=True) as session:
            row = decisions.latest_for_case(session, case_id=case_id, client_id=client)
            if row is None:
                raise NotFoundError(f"no case {case_id!r}")
            return row

    return await _read_with_wait(runtime, wait, read)
