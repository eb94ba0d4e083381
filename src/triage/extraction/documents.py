"""Filling a case's `invoice` / `service_report` from PDF documents (DOMAIN §5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triage.errors import ExtractionError
from triage.extraction.model import ExtractedDocument, ExtractionNote, Limits
from triage.extraction.sandbox import extract_pdf

DOCUMENT_KEYS = ("service_report", "invoice")
LOW_CONFIDENCE = 0.8


def notes_for(
    key: str, document: ExtractedDocument, threshold: float = LOW_CONFIDENCE
) -> list[ExtractionNote]:
    """One note per field read with confidence below `threshold`, named by its case path."""
    notes: list[ExtractionNote] = []
    expected = "invoice" if key == "invoice" else "service_report"
    if document.doc_type != expected:
        notes.append(
            ExtractionNote(key, 0.0, f"the document given as {key} reads as a {document.doc_type}")
        )
    contract = set(document.to_case_fields())
    for name, item in document.fields.items():
        if item.confidence < threshold and name in contract:
            notes.append(
                ExtractionNote(
                    f"{key}.{name}",
                    item.confidence,
                    f"{key}.{name} read as {item.value!r} with confidence {item.confidence:.2f} "
                    f"(page {item.page})",
                )
            )
    group = "lines" if key == "invoice" else "parts"
    for index, row in enumerate(document.lines if key == "invoice" else document.parts):
        for name, item in row.items():
            if item.confidence < threshold:
                notes.append(
                    ExtractionNote(
                        f"{key}.{group}[{index}].{name}",
                        item.confidence,
                        f"{key}.{group}[{index}].{name} read as {item.value!r} with confidence "
                        f"{item.confidence:.2f}",
                    )
                )
    return notes


def _is_document_ref(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"document"}
        and isinstance(value["document"], str)
    )


def resolve_case_documents(
    raw_case: dict[str, Any], *, base_dir: Path, limits: Limits | None = None
) -> tuple[dict[str, Any], list[ExtractionNote]]:
    """Replace `{"document": "file.pdf"}` objects by the fields extracted from that file."""
    filled = dict(raw_case)
    notes: list[ExtractionNote] = []
    root = base_dir.resolve()
    for key in DOCUMENT_KEYS:
        value = raw_case.get(key)
        if not isinstance(value, dict) or not _is_document_ref(value):
            continue
        path = (root / str(value["document"])).resolve()
        if not path.is_relative_to(root):
            raise ExtractionError(
                "bad_path", f"{key}.document must stay inside {root}", status_code=422
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ExtractionError(
                "not_found", f"{key}.document: cannot read {path.name}", status_code=422
            ) from exc
        document = extract_pdf(data, limits=limits, filename=path.name)
        filled[key] = document.to_case_fields()
        notes.extend(notes_for(key, document))
    return filled, notes


def resolve_uploaded_documents(
    raw_case: dict[str, Any], uploads: dict[str, bytes], *, limits: Limits | None = None
) -> tuple[dict[str, Any], list[ExtractionNote]]:
    """Fill `service_report` / `invoice` from uploaded PDFs (multipart keys of the same names)."""
    filled = dict(raw_case)
    notes: list[ExtractionNote] = []
    for key in DOCUMENT_KEYS:
        data = uploads.get(key)
        if data is None:
            continue
        document = extract_pdf(data, limits=limits, filename=key)
        filled[key] = document.to_case_fields()
        notes.extend(notes_for(key, document))
    return filled, notes
