"""Dates, amounts, hours, labels and arithmetic confidence, by locale."""

from __future__ import annotations

from datetime import date

import pytest

from triage.extraction.invoice import infer_kind
from triage.extraction.labels import INVOICE, REPORT, label_at_start
from triage.extraction.report import map_service_type
from triage.extraction.values import (
    NumberStyle,
    find_currency,
    parse_amount,
    parse_date,
    parse_hours,
    parse_timestamp,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", 1234.56),
        ("1,234.56", 1234.56),
        ("1 234,56", 1234.56),
        ("1\u202f234,56 €", 1234.56),
        ("CHF 1'234.50", 1234.5),
        ("$ 818.13", 818.13),
        ("(12.00)", -12.0),
        ("12,00-", -12.0),
        ("-45.00 EUR", -45.0),
        ("100,0000", 100.0),
    ],
)
def test_parse_amount_reads_local_separators(text: str, expected: float) -> None:
    assert parse_amount(text) == pytest.approx(expected)


def test_parse_amount_uses_document_style_for_ambiguous_thousands() -> None:
    assert parse_amount("1.234", NumberStyle(decimal_comma=True)) == 1234.0
    assert parse_amount("1.234", NumberStyle(decimal_comma=False)) == pytest.approx(1.234)


def test_parse_amount_rejects_text() -> None:
    assert parse_amount("INV-2026") is None


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("03/04/2026", True, date(2026, 4, 3)),
        ("03/04/2026", False, date(2026, 3, 4)),
        ("04.03.2026", False, date(2026, 3, 4)),
        ("2026-03-04", False, date(2026, 3, 4)),
        ("4 Mar 2026", True, date(2026, 3, 4)),
        ("March 4, 2026", True, date(2026, 3, 4)),
        ("4. März 2026", True, date(2026, 3, 4)),
        ("4 mars 2026", True, date(2026, 3, 4)),
        ("18 april 2014", True, date(2014, 4, 18)),
        ("13/04/2026", False, date(2026, 4, 13)),
    ],
)
def test_parse_date_by_locale(text: str, day_first: bool, expected: date) -> None:
    assert parse_date(text, day_first=day_first) == expected


def test_parse_timestamp_keeps_printed_offset() -> None:
    parsed = parse_timestamp("02.03.2026 07:40 +01:00")
    assert parsed is not None
    value, printed = parsed
    assert printed
    assert value.isoformat() == "2026-03-02T07:40:00+01:00"


def test_parse_timestamp_reads_meridian_without_offset() -> None:
    parsed = parse_timestamp("3/2/2026 1:05 PM", day_first=False)
    assert parsed is not None
    assert parsed[0].isoformat() == "2026-03-02T13:05:00"
    assert parsed[1] is False


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("3.5 h", 3.5),
        ("3,5 Std.", 3.5),
        ("3:30", 3.5),
        ("90 min", 1.5),
        ("2h 30m", 2.5),
        ("0h 45m", 0.75),
        ("3 Std. 30 Min.", 3.5),
        ("2 hrs 15 mins", 2.25),
        ("1 uur 15 min", 1.25),
    ],
)
def test_parse_hours_by_unit(text: str, hours: float) -> None:
    assert parse_hours(text) == pytest.approx(hours)


def test_find_currency_from_code_or_symbol() -> None:
    assert find_currency("Total: 12,00 €") == "EUR"
    assert find_currency("Amount due USD 5.00") == "USD"
    assert find_currency("£ 3") == "GBP"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Invoice No.", "number"),
        ("Rechnungsnummer", "number"),
        ("Facture n°", "number"),
        ("Factuurnummer", "number"),
        ("Rechnungsdatum", "date"),
        ("Due date", "_ignore"),
        ("Total TTC", "total"),
        ("Totaal excl. BTW", "subtotal"),
        ("MwSt.", "tax"),
    ],
)
def test_label_synonyms_in_four_languages(label: str, field: str) -> None:
    hit = label_at_start(label, INVOICE)
    assert hit is not None
    assert hit.field == field


def test_report_labels_find_technician_and_arrival() -> None:
    technician = label_at_start("Techniker: J. Okafor", REPORT)
    arrival = label_at_start("Arrivée sur site", REPORT)
    assert technician is not None
    assert technician.field == "technician"
    assert arrival is not None
    assert arrival.field == "arrived_at"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Notdienst", "emergency_repair"),
        ("Preventive maintenance", "preventive_maintenance"),
        ("Reparatur", "repair"),
        ("Mise en service", "installation"),
        ("Keuring", "inspection"),
    ],
)
def test_map_service_type_to_enum(text: str, expected: str) -> None:
    mapped = map_service_type(text)
    assert mapped is not None
    assert mapped[0] == expected


@pytest.mark.parametrize(
    ("description", "sku", "amount", "kind"),
    [
        ("Repair labor", None, 332.5, "labor"),
        ("Anfahrt", None, 45.0, "travel"),
        ("Compressor relay", "P-2040", 310.0, "part"),
        ("SLA credit", None, -50.0, "credit"),
        ("Disposal fee", None, 20.0, "fee"),
        ("Main d’œuvre (preventive_maintenance)", None, 190.0, "labor"),
    ],
)
def test_infer_kind_from_words(description: str, sku: str | None, amount: float, kind: str) -> None:
    assert infer_kind(description, sku, amount)[0] == kind
