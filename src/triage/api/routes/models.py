"""The serving model: what is loaded, and a hot swap (admin; audited)."""

from __future__ import annotations

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends

from triage.api.deps import RuntimeDep, require_role
from triage.api.schemas import ModelRead, ModelReload, error_responses
from triage.services.models import LoadedModel
from triage.services.runtime import Principal

router = APIRouter(prefix="/v1/models", tags=["models"])

AnyRole = Annotated[
    Principal, Depends(require_role("orchestrator", "reviewer", "auditor", "admin"))
]
Admin = Annotated[Principal, Depends(require_role("admin"))]


def model_read(loaded: LoadedModel) -> ModelRead:
    return ModelRead(
        version=loaded.predictor.version,
        path=str(loaded.path),
        loaded_at=loaded.loaded_at,
        load_seconds=loaded.load_seconds,
        certification=loaded.predictor.certification,
    )


@router.get(
    "", operation_id="get_models", response_model=ModelRead, responses=error_responses(401, 403)
)
async def get_models(runtime: RuntimeDep, principal: AnyRole) -> ModelRead:
    return model_read(runtime.models.loaded)


@router.post(
    "/reload",
    operation_id="reload_model",
    summary="Load the model bundle again from TRIAGE_MODEL_DIR and swap it in",
    response_model=ModelReload,
    responses=error_responses(401, 403),
)
async def reload_model(runtime: RuntimeDep, principal: Admin) -> ModelReload:
    """The new model is warmed before it serves; in-flight requests finish on the old one;
    other workers follow within seconds."""
    old, new = await to_thread.run_sync(lambda: runtime.reload_model(actor=principal.actor))
    return ModelReload(
        previous_version=old.predictor.version if old else None, model=model_read(new)
    )
