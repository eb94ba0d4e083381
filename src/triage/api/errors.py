"""One JSON error shape for every failure: `{"error": {"code", "message", "details"}}`."""

from __future__ import annotations

import logging
import re
from dataclasses import asdict
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from triage.domain.parse import json_path
from triage.errors import FieldError, TriageError
from triage.storage.availability import database_unavailable, reason

log = logging.getLogger("triage.api")

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    503: "unavailable",
}


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": _plain(details)}}


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _plain(details: Any) -> Any:
    """FieldError lists become `[{"path", "message"}]`; anything else passes through."""
    if isinstance(details, list) and details and all(isinstance(d, FieldError) for d in details):
        return [asdict(d) for d in details]
    return details


async def _triage_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TriageError)
    headers = getattr(exc, "headers", None)
    if exc.status_code >= 500:
        log.error("request failed: %s", exc.message, exc_info=exc)
    return error_response(exc.status_code, exc.code, exc.message, exc.details, headers)


async def _request_validation_error(request: Request, exc: Exception) -> JSONResponse:
    """Query, path and header errors from FastAPI, named by JSON path like body errors."""
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldError(
            json_path([p for p in err.get("loc", ()) if isinstance(p, str | int)]),
            err.get("msg", "invalid"),
        )
        for err in exc.errors()
    ]
    message = "; ".join(str(e) for e in errors) or "invalid request"
    return error_response(422, "validation_error", message, errors)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:
        # FastAPI/Starlette say 400 for bodies they cannot parse (JSON, multipart);
        # the API reports every unreadable input as 422 with a path.
        message = exc.detail if isinstance(exc.detail, str) else "unreadable request body"
        return error_response(422, "validation_error", message, [FieldError("$", message)])
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return error_response(exc.status_code, code, message, None, headers or None)


def _allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI document lists for this path (one path may span routes)."""
    paths: dict[str, dict[str, Any]] = request.app.openapi().get("paths", {})
    for template, item in paths.items():
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, request.url.path):
            return sorted(method.upper() for method in item)
    return []


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "internal server error")


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    """A database outage is the caller's cue to retry (503), not a server bug (500)."""
    assert isinstance(exc, DBAPIError)
    if not database_unavailable(exc):
        return await _unexpected_error(request, exc)
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, reason(exc))
    return error_response(
        503, "unavailable", "database unavailable; retry shortly", None, {"Retry-After": "1"}
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(TriageError, _triage_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(RequestValidationError, _request_validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)


__all__ = ["error_body", "error_response", "install_error_handlers"]
