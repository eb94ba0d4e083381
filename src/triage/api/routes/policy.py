"""The routing policy: read it (any role), change it (admin; validated, versioned, audited)."""

from __future__ import annotations

import json
from typing import Annotated

import yaml
from anyio import to_thread
from fastapi import APIRouter, Depends, Request

from triage.api.deps import RuntimeDep, require_role
from triage.api.inputs import UnsupportedMediaTypeError
from triage.api.schemas import PolicyRead, PolicyVersionRead, error_responses
from triage.errors import FieldError, ValidationError
from triage.services.policies import ActivePolicy
from triage.services.runtime import Principal

router = APIRouter(prefix="/v1/policy", tags=["policy"])

AnyRole = Annotated[
    Principal, Depends(require_role("orchestrator", "reviewer", "auditor", "admin"))
]
Admin = Annotated[Principal, Depends(require_role("admin"))]
_YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain")


def _read(active: ActivePolicy) -> PolicyRead:
    return PolicyRead(
        version=active.policy.version,
        sha256=active.sha256,
        actor=active.actor,
        activated_at=active.activated_at.isoformat(),
        yaml=active.yaml,
        policy=active.policy.model_dump(mode="json"),
    )


@router.get(
    "", operation_id="get_policy", response_model=PolicyRead, responses=error_responses(401, 403)
)
async def get_policy(runtime: RuntimeDep, principal: AnyRole) -> PolicyRead:
    active = await to_thread.run_sync(runtime.policies.refresh)
    return _read(active)


@router.get(
    "/versions",
    operation_id="list_policy_versions",
    response_model=list[PolicyVersionRead],
    responses=error_responses(401, 403),
)
async def list_policy_versions(runtime: RuntimeDep, principal: AnyRole) -> list[PolicyVersionRead]:
    rows = await to_thread.run_sync(runtime.policies.history)
    return [PolicyVersionRead.model_validate(r) for r in rows]


@router.put(
    "",
    operation_id="put_policy",
    summary="Deploy a new policy version (YAML, or the same document as JSON)",
    response_model=PolicyRead,
    responses=error_responses(401, 403, 409, 413, 415, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/yaml": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "object"}},
            },
        }
    },
)
async def put_policy(request: Request, runtime: RuntimeDep, principal: Admin) -> PolicyRead:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if media == "application/json":
        try:
            document = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValidationError([FieldError("$", f"invalid JSON: {exc}")]) from exc
        if not isinstance(document, dict):
            raise ValidationError([FieldError("$", "expected a JSON object")])
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    elif media in _YAML_TYPES:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError([FieldError("$", "policy must be UTF-8 text")]) from exc
    else:
        raise UnsupportedMediaTypeError(
            f"unsupported content type {media!r}; send application/yaml or application/json"
        )
    active = await to_thread.run_sync(
        lambda: runtime.policies.activate(text, actor=principal.actor)
    )
    return _read(active)
