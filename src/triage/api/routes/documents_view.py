"""Stored documents for people: metadata with the box of every value, and pages as PNG.

A page is rendered in a child process (`extraction/render_worker.py`) under the
PDF memory limit and killed at the PDF time limit, at most `RENDER_SLOTS` at a
time, so a hostile file cannot hang or bloat the server even though every
stored PDF was already read once by the extraction worker. PNGs are kept in a
per-process LRU cache bounded in bytes. `/ui/documents/...` serves the same
image to the reviewer web app, whose login is a cookie rather than a bearer token.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from triage.api.deps import RuntimeDep, require_role
from triage.api.schemas import error_responses
from triage.api.ui.routes import COOKIE, QUEUE_ROLES
from triage.errors import NotFoundError, TriageError, UnavailableError
from triage.extraction import Limits
from triage.services.runtime import Principal, Runtime
from triage.storage import documents
from triage.storage.documents import DocumentInfo

router = APIRouter(prefix="/v1/documents", tags=["documents"])
ui_router = APIRouter(prefix="/ui/documents", include_in_schema=False)

Viewer = Annotated[Principal, Depends(require_role("orchestrator", "reviewer", "auditor", "admin"))]


def _worker_path() -> Path:
    """The child's script, found without importing it (it pulls in pypdfium2)."""
    spec = importlib.util.find_spec("triage.extraction.render_worker")
    if spec is None or spec.origin is None:
        raise RuntimeError("triage.extraction.render_worker is missing")
    return Path(spec.origin)


WORKER = _worker_path()
MIN_SCALE = 0.25
MAX_SCALE = 4.0
DEFAULT_SCALE = 1.5
MAX_SIDE_PX = 4000  # a huge page is rendered smaller rather than as a giant bitmap
MAX_PNG_BYTES = 64 * 1024 * 1024
RENDER_SLOTS = 2
CACHE_BYTES = 64 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

ScaleQuery = Annotated[
    float,
    Query(
        ge=MIN_SCALE,
        le=MAX_SCALE,
        description="Pixels per PDF point (1 = 72 dpi); lowered for pages above "
        f"{MAX_SIDE_PX} px a side. The scale used is in `X-Render-Scale`.",
    ),
]
PageParam = Annotated[int, PathParam(ge=1, le=100_000, description="1-based page number")]


class RenderError(TriageError):
    """The page could not be rendered in time or at all (the file's fault: a 422)."""

    status_code = 422
    code = "render_failed"


class RenderBusyError(UnavailableError):
    """Every page renderer is busy."""


class FieldBoxRead(BaseModel):
    """A value to point at: header field, or a whole line item / part row."""

    model_config = ConfigDict(extra="forbid")

    key: str
    label: str
    value: str
    confidence: float
    page: int
    bbox: tuple[float, float, float, float]
    low: bool


class DocumentRead(BaseModel):
    """A stored document: metadata, page sizes in points, the extraction, and field boxes.

    Boxes are `[x0, top, x1, bottom]` in PDF points from the page's top-left corner;
    at scale `s` a box is `[x0·s, top·s, x1·s, bottom·s]` pixels on the page's PNG.
    """

    model_config = ConfigDict(extra="forbid")

    document_id: str
    decision_id: str
    case_id: str
    role: str
    filename: str
    sha256: str
    size: int
    page_count: int
    pages: list[tuple[float, float]]
    created_at: datetime
    extraction: dict[str, Any]
    fields: list[FieldBoxRead]

    @classmethod
    def of(cls, info: DocumentInfo) -> DocumentRead:
        return cls(
            document_id=info.document_id,
            decision_id=info.decision_id,
            case_id=info.case_id,
            role=info.role,
            filename=info.filename,
            sha256=info.sha256,
            size=info.size,
            page_count=info.page_count,
            pages=info.pages,
            created_at=info.created_at,
            extraction=info.extraction,
            fields=[
                FieldBoxRead(
                    key=f.key,
                    label=f.label,
                    value=f.value,
                    confidence=f.confidence,
                    page=f.page,
                    bbox=f.bbox,
                    low=f.low,
                )
                for f in info.fields
            ],
        )


def effective_scale(page_size: tuple[float, float] | None, scale: float) -> float:
    """`scale` clamped to the allowed range and so that neither side exceeds MAX_SIDE_PX."""
    scale = min(MAX_SCALE, max(MIN_SCALE, scale))
    if page_size is not None and max(page_size) > 0:
        scale = min(scale, MAX_SIDE_PX / max(page_size))
    return scale


def render_in_child(data: bytes, *, page_index: int, scale: float, limits: Limits) -> bytes:
    """One page as PNG from a fresh child process, killed after `limits.timeout_seconds`."""
    header = {
        "size": len(data),
        "page": page_index,
        "scale": scale,
        "memory_bytes": limits.memory_bytes,
    }
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(WORKER)],
            input=json.dumps(header).encode() + b"\n" + data,
            capture_output=True,
            timeout=limits.timeout_seconds,
            check=False,
            close_fds=True,
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(
            f"the page took longer than {limits.timeout_seconds:g} s to render"
        ) from exc
    png = done.stdout
    if done.returncode != 0 or not png.startswith(PNG_SIGNATURE) or len(png) > MAX_PNG_BYTES:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            "the page could not be rendered"
            + (f": {reason[-1]}" if reason else f" (exit {done.returncode})")
        )
    return png


class PageRenderer:
    """Bounded rendering: a few children at a time, PNGs cached by (content, page, scale)."""

    def __init__(self, *, slots: int = RENDER_SLOTS, cache_bytes: int = CACHE_BYTES) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._cache: OrderedDict[tuple[str, int, float], bytes] = OrderedDict()
        self._cache_bytes = cache_bytes
        self._held = 0
        self._lock = threading.Lock()
        self.renders = 0

    def _cached(self, key: tuple[str, int, float]) -> bytes | None:
        with self._lock:
            png = self._cache.get(key)
            if png is not None:
                self._cache.move_to_end(key)
            return png

    def _keep(self, key: tuple[str, int, float], png: bytes) -> None:
        if len(png) > self._cache_bytes:
            return
        with self._lock:
            if key in self._cache:
                return
            self._cache[key] = png
            self._held += len(png)
            while self._held > self._cache_bytes:
                _, dropped = self._cache.popitem(last=False)
                self._held -= len(dropped)

    def png(
        self,
        *,
        sha256: str,
        load: Callable[[], bytes],
        page_index: int,
        scale: float,
        limits: Limits,
    ) -> bytes:
        """Blocking: call from a worker thread. `load()` returns the PDF bytes on a miss."""
        key = (sha256, page_index, round(scale, 4))
        hit = self._cached(key)
        if hit is not None:
            return hit
        if not self._slots.acquire(timeout=limits.timeout_seconds):
            raise RenderBusyError("every page renderer is busy; retry in a moment")
        try:
            png = render_in_child(load(), page_index=page_index, scale=scale, limits=limits)
            self.renders += 1
        finally:
            self._slots.release()
        self._keep(key, png)
        return png


RENDERER = PageRenderer()


def _owner(principal: Principal) -> str | None:
    """Orchestrators see only the documents they sent; other roles see all."""
    return principal.name if principal.role == "orchestrator" else None


def read_document(runtime: Runtime, document_id: str, client_id: str | None) -> DocumentInfo:
    with runtime.db.scope(readonly=True) as session:
        row = documents.get_or_raise(session, document_id=document_id, client_id=client_id)
        return documents.describe(row)


async def page_png(
    runtime: Runtime, document_id: str, page: int, scale: float, client_id: str | None
) -> Response:
    """Check the page against the stored extraction, then render (or reuse) it off the loop."""
    info = await to_thread.run_sync(lambda: read_document(runtime, document_id, client_id))
    if not 1 <= page <= info.page_count:
        raise NotFoundError(f"document {document_id!r} has no page {page}")
    size = info.pages[page - 1] if page <= len(info.pages) else None
    used = effective_scale(size, scale)

    def load() -> bytes:
        with runtime.db.scope(readonly=True) as session:
            return documents.pdf_bytes(session, document_id=document_id)

    png = await to_thread.run_sync(
        lambda: RENDERER.png(
            sha256=info.sha256,
            load=load,
            page_index=page - 1,
            scale=used,
            limits=Limits.from_settings(runtime.settings),
        )
    )
    return Response(
        png,
        media_type="image/png",
        headers={"Cache-Control": "private, max-age=3600", "X-Render-Scale": f"{used:g}"},
    )


class DocumentList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[DocumentRead]


@router.get(
    "",
    operation_id="list_documents",
    summary="The documents scored with a decision (service report first)",
    response_model=DocumentList,
    responses=error_responses(401, 403, 422),
)
async def list_documents(
    runtime: RuntimeDep,
    principal: Viewer,
    decision_id: Annotated[str, Query(min_length=1, max_length=64)],
) -> DocumentList:
    client = _owner(principal)

    def read() -> list[DocumentInfo]:
        with runtime.db.scope(readonly=True) as session:
            rows = documents.list_for_decision(session, decision_id=decision_id, client_id=client)
            return [documents.describe(row) for row in rows]

    return DocumentList(items=[DocumentRead.of(info) for info in await to_thread.run_sync(read)])


@router.get(
    "/{document_id}",
    operation_id="get_document",
    summary="A stored document: metadata and its extraction, every value with page and box",
    response_model=DocumentRead,
    responses=error_responses(401, 403, 404, 422),
)
async def get_document(document_id: str, runtime: RuntimeDep, principal: Viewer) -> DocumentRead:
    info = await to_thread.run_sync(lambda: read_document(runtime, document_id, _owner(principal)))
    return DocumentRead.of(info)


@router.get(
    "/{document_id}/pages/{page}.png",
    operation_id="get_document_page",
    summary="One page of a stored document rendered as PNG",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}},
        **error_responses(401, 403, 404, 422, 503),
    },
)
async def get_page(
    document_id: str,
    page: PageParam,
    runtime: RuntimeDep,
    principal: Viewer,
    scale: ScaleQuery = DEFAULT_SCALE,
) -> Response:
    return await page_png(runtime, document_id, page, scale, _owner(principal))


@ui_router.get("/{document_id}/pages/{page}.png")
async def ui_page(
    request: Request,
    document_id: str,
    page: PageParam,
    runtime: RuntimeDep,
    scale: ScaleQuery = DEFAULT_SCALE,
) -> Response:
    """The reviewer web app's copy: authenticated by the login cookie."""
    token = request.cookies.get(COOKIE)
    user = await to_thread.run_sync(lambda: runtime.authenticate(token)) if token else None
    if user is None:
        return Response("log in first", status_code=401, media_type="text/plain")
    if user.role not in QUEUE_ROLES:
        return Response("not allowed", status_code=403, media_type="text/plain")
    return await page_png(runtime, document_id, page, scale, None)
