"""The review queue over HTTP: list, claim, release, resolve, bulk-confirm (reviewers, admins)."""

from __future__ import annotations

from typing import Annotated, Literal

from anyio import to_thread
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field, model_validator

from triage.api.deps import RuntimeDep, require_role
from triage.api.schemas import error_responses
from triage.domain.vocab import ExceptionLabel, Workflow
from triage.review.queue import QueueFilter, Sort, StatusFilter
from triage.services.review import BulkResult, Reviewer, ReviewPage, ReviewRead, ReviewService
from triage.services.review_delivery import review_service
from triage.services.runtime import Principal, Runtime

router = APIRouter(prefix="/v1/reviews", tags=["reviews"])

ReviewerDep = Annotated[Principal, Depends(require_role("reviewer", "admin"))]


def reviewer_of(principal: Principal) -> Reviewer:
    return Reviewer(name=principal.name, actor=principal.actor)


def _service(runtime: Runtime) -> ReviewService:
    return review_service(runtime)


class QueueQuery(BaseModel):
    """Filters shared by the list, claim-next and bulk-confirm endpoints."""

    model_config = ConfigDict(extra="forbid")

    status: StatusFilter | None = Field(
        default="pending",
        description="pending (not resolved), open (claimable), claimed, resolved; null: all",
    )
    label: ExceptionLabel | None = Field(default=None, description="the model's suggested label")
    workflow: Workflow | None = None
    customer: str | None = Field(default=None, max_length=128)
    min_confidence: float | None = Field(default=None, ge=0, le=1, strict=True)
    max_confidence: float | None = Field(default=None, ge=0, le=1, strict=True)

    def to_filter(self, review_ids: list[str] | None = None) -> QueueFilter:
        return QueueFilter(
            status=self.status,
            label=self.label.value if self.label else None,
            workflow=self.workflow.value if self.workflow else None,
            customer=self.customer,
            min_confidence=self.min_confidence,
            max_confidence=self.max_confidence,
            review_ids=review_ids,
        )


def _query(
    status: Annotated[StatusFilter | None, Query()] = "pending",
    label: Annotated[ExceptionLabel | None, Query()] = None,
    workflow: Annotated[Workflow | None, Query()] = None,
    customer: Annotated[str | None, Query(max_length=128)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    max_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> QueueQuery:
    return QueueQuery(
        status=status,
        label=label,
        workflow=workflow,
        customer=customer,
        min_confidence=min_confidence,
        max_confidence=max_confidence,
    )


QueryDep = Annotated[QueueQuery, Depends(_query)]


class ResolveBody(BaseModel):
    """Confirm the suggestion, or correct the exception and/or billable."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "correct"]
    exception: ExceptionLabel | None = None
    billable: bool | None = None
    comment: str | None = Field(default=None, max_length=4000)

    @model_validator(mode="after")
    def _labels_match_action(self) -> ResolveBody:
        if self.action == "confirm" and (self.exception is not None or self.billable is not None):
            raise ValueError("confirm takes no labels; use action 'correct' to change them")
        if self.action == "correct" and self.exception is None and self.billable is None:
            raise ValueError("correct needs an exception and/or billable")
        return self


class BulkConfirmBody(BaseModel):
    """Confirm a set: explicit ids, or every task the filters match (at most `limit`)."""

    model_config = ConfigDict(extra="forbid")

    review_ids: list[str] | None = Field(default=None, max_length=500)
    filters: QueueQuery = Field(default_factory=QueueQuery)
    limit: int = Field(default=100, ge=1, le=500)


@router.get(
    "",
    operation_id="list_reviews",
    response_model=ReviewPage,
    responses=error_responses(401, 403, 422),
)
async def list_reviews(
    runtime: RuntimeDep,
    principal: ReviewerDep,
    query: QueryDep,
    sort: Annotated[Sort, Query()] = "priority",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> ReviewPage:
    service = _service(runtime)
    return await to_thread.run_sync(
        lambda: service.list_page(flt=query.to_filter(), sort=sort, limit=limit, offset=offset)
    )


@router.post(
    "/next",
    operation_id="claim_next_review",
    summary="Claim the most urgent task you may take (null when none is left)",
    response_model=ReviewRead | None,
    responses=error_responses(401, 403, 422),
)
async def claim_next(
    runtime: RuntimeDep, principal: ReviewerDep, query: QueryDep
) -> ReviewRead | None:
    service = _service(runtime)
    return await to_thread.run_sync(
        lambda: service.claim_next(reviewer_of(principal), flt=query.to_filter())
    )


@router.post(
    "/bulk-confirm",
    operation_id="bulk_confirm_reviews",
    response_model=BulkResult,
    responses=error_responses(401, 403, 422),
)
async def bulk_confirm(
    runtime: RuntimeDep, principal: ReviewerDep, body: BulkConfirmBody
) -> BulkResult:
    service = _service(runtime)
    flt = body.filters.to_filter()
    return await to_thread.run_sync(
        lambda: service.bulk_confirm(
            reviewer_of(principal), review_ids=body.review_ids, flt=flt, limit=body.limit
        )
    )


@router.get(
    "/{review_id}",
    operation_id="get_review",
    response_model=ReviewRead,
    responses=error_responses(401, 403, 404),
)
async def get_review(review_id: str, runtime: RuntimeDep, principal: ReviewerDep) -> ReviewRead:
    service = _service(runtime)
    return await to_thread.run_sync(lambda: service.get(review_id))


@router.post(
    "/{review_id}/claim",
    operation_id="claim_review",
    response_model=ReviewRead,
    responses=error_responses(401, 403, 404, 409),
)
async def claim_review(review_id: str, runtime: RuntimeDep, principal: ReviewerDep) -> ReviewRead:
    service = _service(runtime)
    return await to_thread.run_sync(lambda: service.claim(review_id, reviewer_of(principal)))


@router.post(
    "/{review_id}/release",
    operation_id="release_review",
    response_model=ReviewRead,
    responses=error_responses(401, 403, 404, 409),
)
async def release_review(review_id: str, runtime: RuntimeDep, principal: ReviewerDep) -> ReviewRead:
    service = _service(runtime)
    return await to_thread.run_sync(lambda: service.release(review_id, reviewer_of(principal)))


@router.post(
    "/{review_id}/resolve",
    operation_id="resolve_review",
    summary="Confirm or correct a claimed task; four-eyes tasks need two agreeing reviewers",
    response_model=ReviewRead,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def resolve_review(
    review_id: str, body: ResolveBody, runtime: RuntimeDep, principal: ReviewerDep
) -> ReviewRead:
    service = _service(runtime)
    return await to_thread.run_sync(
        lambda: service.resolve(
            review_id,
            reviewer_of(principal),
            exception=body.exception,
            billable=body.billable,
            comment=body.comment,
        )
    )
