"""What extraction returns: every value with its confidence and where it was read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from triage.config import Settings

DocType = Literal["invoice", "service_report"]
Value = str | float | bool | None

INVOICE_FIELDS = (
    "number",
    "date",
    "issuer",
    "bill_to",
    "po_number",
    "currency",
    "subtotal",
    "tax_rate",
    "tax",
    "total",
)
REPORT_FIELDS = (
    "work_order_id",
    "technician",
    "service_type",
    "reported_at",
    "arrived_at",
    "completed_at",
    "labor_hours",
    "travel_hours",
    "notes",
    "customer_signature",
)
LINE_FIELDS = ("kind", "description", "sku", "qty", "unit_price", "amount")
PART_FIELDS = ("sku", "description", "qty")


@dataclass(frozen=True)
class Limits:
    """Resource limits for reading one untrusted PDF (defaults match `Settings`)."""

    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 50
    timeout_seconds: float = 10.0
    memory_bytes: int = 1024**3

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            max_bytes=settings.pdf_max_bytes,
            max_pages=settings.pdf_max_pages,
            timeout_seconds=settings.pdf_timeout_seconds,
            memory_bytes=settings.pdf_memory_bytes,
        )


class ExtractedField(BaseModel):
    """One value read from the page: provenance is the page (1-based) and box in PDF points."""

    model_config = ConfigDict(extra="forbid")

    value: Value
    confidence: float = Field(ge=0.0, le=1.0)
    page: int = Field(ge=1)
    bbox: tuple[float, float, float, float]


class ExtractedDocument(BaseModel):
    """The fields of one document; a field that was not found is absent, never guessed."""

    model_config = ConfigDict(extra="forbid")

    doc_type: DocType
    fields: dict[str, ExtractedField] = Field(default_factory=dict)
    lines: list[dict[str, ExtractedField]] = Field(default_factory=list)
    parts: list[dict[str, ExtractedField]] = Field(default_factory=list)
    page_count: int = Field(ge=0)
    pages: list[tuple[float, float]] = Field(default_factory=list)

    def to_case_fields(self) -> dict[str, Any]:
        """The DOMAIN §2 `invoice` / `service_report` object; missing required fields omitted.

        Values read beyond the contract (an invoice's work order) are left out here;
        `values()` and the CLI record keep them.
        """
        contract = INVOICE_FIELDS if self.doc_type == "invoice" else REPORT_FIELDS
        out = {name: value for name, value in self.values().items() if name in contract}
        if self.doc_type == "invoice":
            # an invoice that prints no PO has none: the contract's "empty" PO, not a guess
            out.setdefault("po_number", None)
            out["lines"] = [{k: f.value for k, f in line.items()} for line in self.lines]
            for line in out["lines"]:
                line.setdefault("sku", None)
        else:
            out["parts"] = [{k: f.value for k, f in part.items()} for part in self.parts]
            for part in out["parts"]:
                part.setdefault("sku", None)
        return out

    def values(self) -> dict[str, Any]:
        """Every header value that was read, by name (without lines or parts)."""
        return {name: f.value for name, f in self.fields.items()}

    def to_record(self) -> dict[str, Any]:
        """The CLI's JSON line: fields with value, confidence, page and bbox."""

        def dump(group: dict[str, ExtractedField]) -> dict[str, Any]:
            return {k: f.model_dump() for k, f in group.items()}

        record: dict[str, Any] = {"doc_type": self.doc_type, "fields": dump(self.fields)}
        if self.doc_type == "invoice":
            record["lines"] = [dump(line) for line in self.lines]
        else:
            record["parts"] = [dump(part) for part in self.parts]
        return record


@dataclass(frozen=True)
class ExtractionNote:
    """A field read with low confidence; the policy can route the case to review on it."""

    field: str
    confidence: float
    message: str
