"""Filling a case's `service_report` / `invoice` from uploaded PDFs."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from triage.config import Settings
from triage.domain.case import Case
from triage.domain.parse import parse_case
from triage.errors import FieldError, ValidationError
from triage.extraction import ExtractedDocument, Limits, extract_pdf

DOCUMENT_KINDS = ("service_report", "invoice")


@dataclass(frozen=True, slots=True)
class ResolvedCase:
    case: Case
    case_json: dict[str, Any]
    low_confidence_fields: dict[str, float]
    documents: dict[str, ExtractedDocument]


def extract_document(data: bytes, *, settings: Settings, filename: str = "") -> ExtractedDocument:
    """One PDF under the configured limits (raises ExtractionError with a 4xx status)."""
    return extract_pdf(data, limits=Limits.from_settings(settings), filename=filename)


def extract_into_case(
    raw_case: dict[str, Any], uploads: dict[str, bytes], *, settings: Settings
) -> ResolvedCase:
    """Extract each upload into its case field, then validate the whole case.

    A document given both as JSON and as a PDF is ambiguous and refused; every
    extracted field's confidence is passed on so the policy can route weak
    extractions to a person.
    """
    case_json = copy.deepcopy(raw_case)
    both = [kind for kind in uploads if case_json.get(kind) is not None]
    if both:
        raise ValidationError(
            [FieldError(kind, "given both as JSON and as a PDF; send one") for kind in both]
        )
    confidences: dict[str, float] = {}
    documents: dict[str, ExtractedDocument] = {}
    for kind, data in uploads.items():
        document = extract_document(data, settings=settings, filename=f"{kind}.pdf")
        if document.doc_type != kind:
            raise ValidationError(
                [FieldError(kind, f"this PDF reads as a {document.doc_type}, not a {kind}")]
            )
        documents[kind] = document
        case_json[kind] = document.to_case_fields()
        for name, extracted in document.fields.items():
            confidences[f"{kind}.{name}"] = extracted.confidence
    return ResolvedCase(parse_case(case_json), case_json, confidences, documents)
