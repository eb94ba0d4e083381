"""The closed vocabularies of the contract (DOMAIN.md §2-§3), in one place.

Every other module takes labels, enums and the tax table from here so that a
change to the contract is a change to one file.
"""

from __future__ import annotations

import re
from enum import StrEnum


class ExceptionLabel(StrEnum):
    """Exception labels in precedence order: the first that applies wins."""

    DUPLICATE_BILLING = "duplicate_billing"
    MISSING_EVIDENCE = "missing_evidence"
    MISSING_PO = "missing_po"
    WARRANTY_COVERAGE = "warranty_coverage"
    OUT_OF_SCOPE = "out_of_scope"
    SLA_CREDIT = "sla_credit"
    RATE_MISMATCH = "rate_mismatch"
    QUANTITY_MISMATCH = "quantity_mismatch"
    TAX_ERROR = "tax_error"
    NONE = "none"


EXCEPTION_LABELS: tuple[str, ...] = tuple(label.value for label in ExceptionLabel)


class Workflow(StrEnum):
    WORK_ORDER_TO_INVOICE = "work_order_to_invoice"
    SERVICE_PROCUREMENT = "service_procurement"
    DISPUTE_CREDIT = "dispute_credit"


class ContractType(StrEnum):
    FULL_SERVICE = "full_service"
    LABOR_ONLY = "labor_only"
    PARTS_ONLY = "parts_only"
    TIME_AND_MATERIALS = "time_and_materials"
    NONE = "none"


class ServiceType(StrEnum):
    PREVENTIVE_MAINTENANCE = "preventive_maintenance"
    REPAIR = "repair"
    INSTALLATION = "installation"
    INSPECTION = "inspection"
    EMERGENCY_REPAIR = "emergency_repair"


class LineKind(StrEnum):
    LABOR = "labor"
    TRAVEL = "travel"
    PART = "part"
    FEE = "fee"
    CREDIT = "credit"


class Route(StrEnum):
    AUTO_CONTINUE = "auto_continue"
    HUMAN_REVIEW = "human_review"


TAX_RATES: dict[str, float] = {
    "DE": 0.19,
    "FR": 0.20,
    "NL": 0.21,
    "AT": 0.20,
    "GB": 0.20,
    "US-NY": 0.08875,
    "US-TX": 0.0825,
    "US-CA": 0.0725,
    "CH": 0.081,
}

REGION_CURRENCY: dict[str, str] = {
    "DE": "EUR",
    "FR": "EUR",
    "NL": "EUR",
    "AT": "EUR",
    "GB": "GBP",
    "US-NY": "USD",
    "US-TX": "USD",
    "US-CA": "USD",
    "CH": "CHF",
}

# Rule tolerances from DOMAIN.md §3.1, named so the checks and the simulator agree.
RATE_TOLERANCE = 0.01
HOURS_TOLERANCE = 0.05
TAX_TOLERANCE = 0.01
# A change order (DOMAIN.md §3.1 rule 5): `CO-` followed by digits, in the notes, the PO
# field or any invoice line.
CHANGE_ORDER = re.compile(r"\bCO-\d+", re.IGNORECASE)
