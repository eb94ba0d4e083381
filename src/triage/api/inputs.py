"""Reading the score request body: the case JSON, or multipart with PDFs for the documents."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread
from fastapi import Request
from starlette.datastructures import UploadFile

from triage.domain.case import Case
from triage.domain.parse import parse_case
from triage.errors import FieldError, TriageError, ValidationError
from triage.services.documents import DOCUMENT_KINDS, extract_into_case
from triage.services.runtime import Runtime
from triage.storage.documents import DocumentUpload


class UnsupportedMediaTypeError(TriageError):
    status_code = 415
    code = "unsupported_media_type"


@dataclass(frozen=True, slots=True)
class ScoreInput:
    case: Case
    case_json: dict[str, Any]  # the complete case that was scored (documents filled in)
    raw_json: Any  # the JSON exactly as submitted (hashed for idempotency)
    document_digests: dict[str, str] = field(default_factory=dict)
    low_confidence_fields: dict[str, float] = field(default_factory=dict)
    uploads: tuple[DocumentUpload, ...] = ()  # the PDFs with their extraction, to keep

    @property
    def documents(self) -> bool:
        return bool(self.document_digests)


def _json(data: bytes | str, path: str) -> Any:
    try:
        return json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError([FieldError(path, f"invalid JSON: {exc}")]) from exc


async def read_score_input(request: Request, runtime: Runtime) -> ScoreInput:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in ("application/json", "") or media.endswith("+json"):
        raw = _json(await request.body(), "$")
        case = parse_case(raw)
        return ScoreInput(case=case, case_json=raw, raw_json=raw)
    if media == "multipart/form-data":
        return await _read_multipart(request, runtime)
    raise UnsupportedMediaTypeError(
        f"unsupported content type {media!r}; send application/json or multipart/form-data"
    )


async def _read_multipart(request: Request, runtime: Runtime) -> ScoreInput:
    try:
        form = await request.form(max_files=len(DOCUMENT_KINDS), max_fields=4)
    except Exception as exc:  # malformed multipart bodies raise several library errors
        raise ValidationError([FieldError("$", f"malformed multipart body: {exc}")]) from exc
    unknown = sorted(set(form.keys()) - {"case", *DOCUMENT_KINDS})
    if unknown:
        raise ValidationError([FieldError(name, "unknown form part") for name in unknown])
    part = form.get("case")
    if part is None:
        raise ValidationError([FieldError("case", "required form part is missing")])
    raw = _json(await part.read() if isinstance(part, UploadFile) else part, "case")
    uploads: dict[str, bytes] = {}
    filenames: dict[str, str] = {}
    for kind in DOCUMENT_KINDS:
        upload = form.get(kind)
        if upload is None:
            continue
        if not isinstance(upload, UploadFile):
            raise ValidationError([FieldError(kind, "must be a file upload (a PDF)")])
        uploads[kind] = await upload.read()
        filenames[kind] = upload.filename or f"{kind}.pdf"
    await form.close()
    if not isinstance(raw, dict):
        raise ValidationError([FieldError("case", "expected a JSON object")])
    if not uploads:
        case = parse_case(raw)
        return ScoreInput(case=case, case_json=raw, raw_json=raw)
    resolved = await to_thread.run_sync(
        lambda: extract_into_case(raw, uploads, settings=runtime.settings)
    )
    return ScoreInput(
        case=resolved.case,
        case_json=resolved.case_json,
        raw_json=raw,
        document_digests={k: hashlib.sha256(v).hexdigest() for k, v in uploads.items()},
        low_confidence_fields=resolved.low_confidence_fields,
        uploads=tuple(
            DocumentUpload(
                role=kind,
                filename=filenames[kind],
                pdf=data,
                extraction=resolved.documents[kind].model_dump(mode="json"),
            )
            for kind, data in uploads.items()
        ),
    )
