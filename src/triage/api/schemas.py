"""Response shapes of the API that are not domain models (errors, health, policy, models)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from triage.domain.certification import Certification


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    model_config = ConfigDict(json_schema_extra={"additionalProperties": False})

    error: ErrorDetail


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    model_version: str | None
    policy_version: str | None
    uptime_seconds: float


class PolicyRead(BaseModel):
    version: str
    sha256: str
    actor: str
    activated_at: str
    yaml: str
    policy: dict[str, Any]


class PolicyVersionRead(BaseModel):
    version: str
    sha256: str
    actor: str
    created_at: str
    active: bool


class ModelRead(BaseModel):
    version: str
    path: str
    loaded_at: float
    load_seconds: float
    certification: Certification | None


class ModelReload(BaseModel):
    previous_version: str | None
    model: ModelRead


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can return, all with `ErrorBody`."""
    text = {
        400: "Bad request",
        401: "Missing or invalid token",
        403: "The token's role may not do this",
        404: "Unknown id (or another client's)",
        409: "Conflict (e.g. the same Idempotency-Key still running)",
        413: "Body above the size limit",
        415: "Unsupported media type",
        422: "Invalid input; `details` names each field by JSON path",
        503: "Not ready, or the model process is restarting: retry",
    }
    return {code: {"model": ErrorBody, "description": text.get(code, "Error")} for code in codes}


AUTH_ERRORS = (401, 403, 422)
