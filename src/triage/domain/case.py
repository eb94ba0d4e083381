"""The case: DOMAIN.md §2 as pydantic models (the public input of the API and CLI)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from triage.domain.types import (
    Count,
    Currency,
    Flag,
    IsoDate,
    Money,
    NonEmptyText,
    NonNegative,
    Number,
    Text,
    Timestamp,
)
from triage.domain.vocab import ContractType, LineKind, ServiceType, Workflow


class ContractModel(BaseModel):
    """Unknown fields are rejected; the field types themselves refuse coercion."""

    model_config = ConfigDict(extra="forbid")


class Customer(ContractModel):
    id: NonEmptyText
    name: Text
    region: NonEmptyText


class Contract(ContractModel):
    id: Text
    type: ContractType
    start: IsoDate
    end: IsoDate
    currency: Currency
    labor_rate: NonNegative
    travel_rate: NonNegative
    price_list: dict[str, NonNegative]
    covered_services: list[ServiceType]
    sla_response_hours: NonNegative
    po_required: Flag
    po_numbers: list[Text]


class Asset(ContractModel):
    id: Text
    model: Text
    install_date: IsoDate | None
    warranty_end: IsoDate | None


class ReportPart(ContractModel):
    sku: Text | None
    description: Text
    qty: Number


class ServiceReport(ContractModel):
    work_order_id: NonEmptyText
    technician: Text
    service_type: ServiceType
    reported_at: Timestamp
    arrived_at: Timestamp
    completed_at: Timestamp
    labor_hours: NonNegative
    travel_hours: NonNegative
    parts: list[ReportPart]
    notes: Text
    customer_signature: Flag

    @model_validator(mode="after")
    def _require_offsets(self) -> ServiceReport:
        for name in ("reported_at", "arrived_at", "completed_at"):
            if getattr(self, name).tzinfo is None:
                raise ValueError(f"{name}: timestamp must carry a UTC offset")
        return self


class InvoiceLine(ContractModel):
    kind: LineKind
    description: Text
    sku: Text | None
    qty: Number
    unit_price: Number
    amount: Money


class Invoice(ContractModel):
    number: NonEmptyText
    date: IsoDate
    issuer: Text
    bill_to: Text
    po_number: Text | None
    currency: Currency
    lines: list[InvoiceLine]
    subtotal: Money
    tax_rate: NonNegative
    tax: Money
    total: Money


class PriorInvoice(ContractModel):
    number: Text
    work_order_id: Text | None
    date: IsoDate
    total: Money


class History(ContractModel):
    prior_invoices: list[PriorInvoice]
    visits_30d: Count


class Dispute(ContractModel):
    opened_at: Timestamp
    text: Text


class Case(ContractModel):
    """One workflow item: the job, the invoice that bills it and the master data."""

    case_id: NonEmptyText = Field(max_length=200)
    workflow: Workflow
    submitted_at: Timestamp
    customer: Customer
    contract: Contract
    asset: Asset
    service_report: ServiceReport
    invoice: Invoice
    history: History
    dispute: Dispute | None = None

    @model_validator(mode="after")
    def _offsets_and_dispute(self) -> Case:
        if self.submitted_at.tzinfo is None:
            raise ValueError("submitted_at: timestamp must carry a UTC offset")
        if self.dispute is not None and self.dispute.opened_at.tzinfo is None:
            raise ValueError("dispute.opened_at: timestamp must carry a UTC offset")
        if self.dispute is not None and self.workflow is not Workflow.DISPUTE_CREDIT:
            raise ValueError("dispute: only allowed when workflow is dispute_credit")
        return self


__all__ = [
    "Asset",
    "Case",
    "Contract",
    "Customer",
    "Dispute",
    "History",
    "Invoice",
    "InvoiceLine",
    "PriorInvoice",
    "ReportPart",
    "ServiceReport",
]
