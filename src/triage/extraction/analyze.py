"""From a PDF's text layer to an ExtractedDocument (runs inside the worker process)."""

from __future__ import annotations

import re

from triage.extraction.fields import Context, day_first_hint, document_currency, number_style
from triage.extraction.invoice import extract_invoice
from triage.extraction.layout import Line, PageText, build_lines
from triage.extraction.model import DocType, ExtractedDocument
from triage.extraction.report import extract_report
from triage.extraction.values import fold

_INVOICE_WORDS = (
    "invoice",
    "rechnung",
    "facture",
    "factuur",
    "tax invoice",
    "subtotal",
    "total",
    "vat",
    "mwst",
    "ust",
    "tva",
    "btw",
    "amount due",
    "zahlbetrag",
    "bill to",
    "iban",
    "unit price",
    "montant",
    "bedrag",
    "gesamtbetrag",
    "nettobetrag",
)
_REPORT_WORDS = (
    "service report",
    "work order",
    "technician",
    "servicebericht",
    "arbeitsbericht",
    "serviceauftrag",
    "einsatzbericht",
    "rapport d'intervention",
    "bon d'intervention",
    "technicien",
    "werkbon",
    "servicerapport",
    "arrived",
    "arrival",
    "ankunft",
    "arrivee",
    "aankomst",
    "customer signature",
    "unterschrift",
    "signature",
    "handtekening",
    "labor hours",
    "travel time",
    "arbeitszeit",
    "fahrzeit",
    "findings",
    "work performed",
    "monteur",
    "service type",
    "einsatzart",
    "type d'intervention",
    "reported",
    "timesheet",
    "time sheet",
    "job sheet",
    "work carried out",
    "engineer",
    "call logged",
    "job type",
    "on site",
    "materials used",
    "arbeitsnachweis",
    "regiebericht",
    "arbeitsschein",
    "bon de travaux",
    "intervenant",
    "werkzaamheden",
)


def _kind_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![a-z])(?:"
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?![a-z])"
    )


_KINDS = (
    ("invoice", _kind_pattern(_INVOICE_WORDS)),
    ("service_report", _kind_pattern(_REPORT_WORDS)),
)


def detect_doc_type(lines: list[Line]) -> tuple[DocType, float]:
    """Invoice or service report, by the words on the page (the title counts more)."""
    scores = {"invoice": 0.0, "service_report": 0.0}
    for line in lines:
        folded = fold(line.text)
        weight = 3.0 if line.index < 8 and line.page == 1 else 1.0
        for kind, pattern in _KINDS:
            found = {m.group(0) for m in pattern.finditer(folded)}
            scores[kind] += weight * len(found)
    total = scores["invoice"] + scores["service_report"]
    if scores["service_report"] > scores["invoice"]:
        return "service_report", scores["service_report"] / total
    return "invoice", (scores["invoice"] / total) if total else 0.5


def analyze(pages: list[PageText]) -> ExtractedDocument:
    lines = build_lines(pages)
    doc_type, _ = detect_doc_type(lines)
    style = number_style(lines)
    currency, _ = document_currency(lines)
    ctx = Context(
        lines=lines,
        style=style,
        day_first=day_first_hint(lines, currency, style.decimal_comma),
        currency=currency,
        ink=tuple(box for page in pages for box in page.ink),
    )
    sizes = [(round(p.width, 2), round(p.height, 2)) for p in pages]
    if doc_type == "invoice":
        fields, items = extract_invoice(ctx)
        return ExtractedDocument(
            doc_type=doc_type, fields=fields, lines=items, page_count=len(pages), pages=sizes
        )
    fields, parts = extract_report(ctx)
    return ExtractedDocument(
        doc_type=doc_type, fields=fields, parts=parts, page_count=len(pages), pages=sizes
    )
