import json

import pytest

from tests.factories import example_case_dict
from triage.domain.parse import parse_case
from triage.errors import ValidationError


def _paths(data: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        parse_case(data)
    return {e.path: e.message for e in info.value.errors}


def test_parse_accepts_domain_example() -> None:
    case = parse_case(example_case_dict())
    assert case.case_id == "WO-2026-004211"
    assert case.invoice.lines[2].sku == "P-2040"
    assert case.service_report.reported_at.utcoffset() is not None


def test_parse_rejects_unknown_field_naming_path() -> None:
    data = example_case_dict()
    data["invoice"]["lines"][1]["discount"] = 5
    assert _paths(data) == {"invoice.lines[1].discount": "unknown field"}


def test_parse_rejects_string_number_without_coercion() -> None:
    data = example_case_dict()
    data["service_report"]["labor_hours"] = "3.5"
    assert "service_report.labor_hours" in _paths(data)


def test_parse_rejects_string_bool_and_int_date() -> None:
    data = example_case_dict()
    data["service_report"]["customer_signature"] = "true"
    data["invoice"]["date"] = 20260303
    paths = _paths(data)
    assert set(paths) == {"service_report.customer_signature", "invoice.date"}


def test_parse_rejects_timestamp_without_offset() -> None:
    data = example_case_dict()
    data["service_report"]["arrived_at"] = "2026-03-02T13:05:00"
    assert "service_report" in " ".join(_paths(data))


def test_parse_rejects_missing_field_and_bad_enum() -> None:
    data = example_case_dict()
    del data["history"]
    data["workflow"] = "invoice_everything"
    paths = _paths(data)
    assert paths["history"] == "required field is missing"
    assert "workflow" in paths


def test_parse_rejects_dispute_outside_dispute_workflow() -> None:
    data = example_case_dict()
    data["dispute"] = {"opened_at": "2026-03-05T10:00:00+01:00", "text": "too expensive"}
    assert "dispute" in _paths(data)


def test_parse_reports_invalid_json_text() -> None:
    assert "$" in _paths('{"case_id": ')


def test_parse_accepts_json_text_and_null_po() -> None:
    data = example_case_dict()
    data["invoice"]["po_number"] = None
    case = parse_case(json.dumps(data))
    assert case.invoice.po_number is None
