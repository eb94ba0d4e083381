"""`POST /v1/documents/extract`: one PDF -> its fields with confidence and provenance."""

from __future__ import annotations

from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Request

from triage.api.deps import RuntimeDep, require_role
from triage.api.inputs import UnsupportedMediaTypeError
from triage.api.schemas import error_responses
from triage.errors import FieldError, ValidationError
from triage.services.documents import extract_document
from triage.services.runtime import Principal

router = APIRouter(prefix="/v1/documents", tags=["documents"])

Extractor = Annotated[Principal, Depends(require_role("orchestrator", "reviewer", "admin"))]


@router.post(
    "/extract",
    operation_id="extract_document",
    summary="Extract the DOMAIN §2 fields of a service report or invoice PDF",
    responses=error_responses(401, 403, 413, 415, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
            },
        }
    },
)
async def extract(request: Request, runtime: RuntimeDep, principal: Extractor) -> dict[str, Any]:
    """Unreadable PDFs (corrupt, encrypted, too large, too slow) get a 4xx naming the problem."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    filename = ""
    if media == "application/pdf" or media == "application/octet-stream":
        data = await request.body()
    elif media == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=1)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ValidationError([FieldError("file", "required file part is missing")])
        data = await upload.read()
        filename = upload.filename or ""
        await form.close()
    else:
        raise UnsupportedMediaTypeError(
            f"unsupported content type {media!r}; send application/pdf or multipart/form-data"
        )
    document = await to_thread.run_sync(
        lambda: extract_document(data, settings=runtime.settings, filename=filename)
    )
    record: dict[str, Any] = document.to_record()
    record["page_count"] = document.page_count
    return record
