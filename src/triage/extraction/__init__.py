"""PDF -> documents: safe opening with limits, words and boxes, fields, line items.

`extract_pdf` reads one untrusted PDF in a worker process; the resolve
functions fill a case's `invoice` / `service_report` from documents.
"""

from triage.extraction.documents import (
    notes_for,
    resolve_case_documents,
    resolve_uploaded_documents,
)
from triage.extraction.model import ExtractedDocument, ExtractedField, ExtractionNote, Limits
from triage.extraction.sandbox import extract_pdf

__all__ = [
    "ExtractedDocument",
    "ExtractedField",
    "ExtractionNote",
    "Limits",
    "extract_pdf",
    "notes_for",
    "resolve_case_documents",
    "resolve_uploaded_documents",
]
