"""Document repository: the PDFs scored with a decision and what was read from them.

Keyword-only functions over a caller's session, like the other repositories.
`describe` turns a stored row into what a reader needs to show a page with the
box of every value on it; it never loads the PDF bytes.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from triage.errors import NotFoundError
from triage.extraction.documents import LOW_CONFIDENCE
from triage.extraction.model import LINE_FIELDS, PART_FIELDS
from triage.storage.tables import DocumentRow
from triage.storage.types import utcnow

ROLES = ("service_report", "invoice")
Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class DocumentUpload:
    """A PDF that came with a score request and its extraction (`ExtractedDocument` JSON)."""

    role: str
    filename: str
    pdf: bytes
    extraction: dict[str, Any]


@dataclass(frozen=True, slots=True)
class FieldBox:
    """One value to point at on the page: a header field, or a whole line item / part row."""

    key: str
    label: str
    value: str
    confidence: float
    page: int
    bbox: Box
    low: bool


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A stored document without its bytes: metadata, page sizes (points) and field boxes."""

    document_id: str
    decision_id: str
    case_id: str
    client_id: str
    role: str
    filename: str
    sha256: str
    size: int
    page_count: int
    pages: list[tuple[float, float]]
    created_at: datetime
    extraction: dict[str, Any]
    fields: list[FieldBox]


def create(
    session: Session,
    *,
    upload: DocumentUpload,
    decision_id: str,
    case_id: str,
    client_id: str,
    created_at: datetime | None = None,
) -> DocumentRow:
    """Store one uploaded PDF with its extraction under its decision."""
    if upload.role not in ROLES:
        raise ValueError(f"unknown document role {upload.role!r}")
    row = DocumentRow(
        document_id=f"doc_{uuid.uuid4().hex}",
        decision_id=decision_id,
        case_id=case_id,
        client_id=client_id,
        role=upload.role,
        filename=upload.filename[:255],
        sha256=hashlib.sha256(upload.pdf).hexdigest(),
        size=len(upload.pdf),
        page_count=int(upload.extraction.get("page_count", 0)),
        pdf=upload.pdf,
        extraction=upload.extraction,
        created_at=created_at or utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, *, document_id: str, client_id: str | None = None) -> DocumentRow | None:
    """The document; with ``client_id``, only if that client sent it (else None, i.e. a 404)."""
    row = session.get(DocumentRow, document_id)
    if row is None or (client_id is not None and row.client_id != client_id):
        return None
    return row


def get_or_raise(
    session: Session, *, document_id: str, client_id: str | None = None
) -> DocumentRow:
    row = get(session, document_id=document_id, client_id=client_id)
    if row is None:
        raise NotFoundError(f"no document {document_id!r}")
    return row


def list_for_decision(
    session: Session, *, decision_id: str, client_id: str | None = None
) -> Sequence[DocumentRow]:
    """The decision's documents, service report first."""
    query = select(DocumentRow).where(DocumentRow.decision_id == decision_id)
    if client_id is not None:
        query = query.where(DocumentRow.client_id == client_id)
    rows = session.execute(query).scalars().all()
    return sorted(rows, key=lambda r: (ROLES.index(r.role) if r.role in ROLES else 9, r.role))


def pdf_bytes(session: Session, *, document_id: str, client_id: str | None = None) -> bytes:
    """Only the PDF (the deferred column), for rendering a page."""
    return get_or_raise(session, document_id=document_id, client_id=client_id).pdf


def describe(row: DocumentRow) -> DocumentInfo:
    extraction = row.extraction
    return DocumentInfo(
        document_id=row.document_id,
        decision_id=row.decision_id,
        case_id=row.case_id,
        client_id=row.client_id,
        role=row.role,
        filename=row.filename,
        sha256=row.sha256,
        size=row.size,
        page_count=row.page_count,
        pages=[(float(w), float(h)) for w, h in extraction.get("pages", [])],
        created_at=row.created_at,
        extraction=extraction,
        fields=field_boxes(row.role, extraction),
    )


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _box(value: Any) -> Box:
    x0, top, x1, bottom = (float(v) for v in value)
    return (x0, top, x1, bottom)


def field_boxes(role: str, extraction: Mapping[str, Any]) -> list[FieldBox]:
    """Header fields one by one, then each line item / part as one box around its cells.

    A row's box covers its cells on the page of its first cell, and its confidence
    is the weakest cell's: a row is as doubtful as its worst value.
    """
    out = [
        FieldBox(
            key=f"{role}.{name}",
            label=name.replace("_", " "),
            value=_text(item.get("value")),
            confidence=float(item["confidence"]),
            page=int(item["page"]),
            bbox=_box(item["bbox"]),
            low=float(item["confidence"]) < LOW_CONFIDENCE,
        )
        for name, item in extraction.get("fields", {}).items()
    ]
    group, noun, order = (
        ("lines", "line", LINE_FIELDS) if role == "invoice" else ("parts", "part", PART_FIELDS)
    )
    for index, row in enumerate(extraction.get(group, [])):
        cells = [row[name] for name in order if name in row]
        if not cells:
            continue
        page = int(cells[0]["page"])
        boxes = [_box(c["bbox"]) for c in cells if int(c["page"]) == page]
        confidence = min(float(c["confidence"]) for c in cells)
        out.append(
            FieldBox(
                key=f"{role}.{group}[{index}]",
                label=f"{noun} {index + 1}",
                value=" · ".join(
                    _text(c.get("value")) for c in cells if c.get("value") is not None
                ),
                confidence=confidence,
                page=page,
                bbox=(
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                ),
                low=confidence < LOW_CONFIDENCE,
            )
        )
    return out
