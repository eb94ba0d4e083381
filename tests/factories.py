"""Builders for cases in tests: start from the spec example and change what the test is about."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from triage.domain.case import Case
from triage.domain.parse import parse_case

EXAMPLE_PATH = Path(__file__).parent / "fixtures" / "domain_example.json"
_EXAMPLE: dict[str, Any] = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def example_case_dict() -> dict[str, Any]:
    """The DOMAIN.md example (a warranty case) as a fresh dict."""
    return copy.deepcopy(_EXAMPLE)


def recompute_totals(data: dict[str, Any]) -> dict[str, Any]:
    """Keep the invoice internally consistent after a test edits its lines."""
    inv = data["invoice"]
    for line in inv["lines"]:
        line["amount"] = round(line["qty"] * line["unit_price"], 2)
    inv["subtotal"] = round(sum(line["amount"] for line in inv["lines"]), 2)
    inv["tax"] = round(inv["subtotal"] * inv["tax_rate"], 2)
    inv["total"] = round(inv["subtotal"] + inv["tax"], 2)
    return data


def clean_case_dict() -> dict[str, Any]:
    """A case on which no rule fires: out of warranty, everything matches."""
    data = example_case_dict()
    data["asset"]["warranty_end"] = "2026-01-01"
    data["service_report"]["notes"] = "Replaced compressor relay, tested two cycles."
    return recompute_totals(data)


def make_case(data: dict[str, Any]) -> Case:
    return parse_case(data)
