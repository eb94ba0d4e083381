"""Item tables and parts lists in layouts made here with fpdf2: stacked headers, items on
several lines, header-less parts, an invoice that names its work order."""

from __future__ import annotations

from fpdf import FPDF

from triage.extraction import extract_pdf


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    return pdf


def _text(pdf: FPDF, x: float, y: float, text: str) -> None:
    pdf.set_xy(x, y)
    pdf.cell(0, 5, text)


def invoice_stacked_item_lines() -> bytes:
    """Art-Nr stacked over Bezeichnung in one column; each amount a line under its item."""
    pdf = _pdf()
    _text(pdf, 10, 10, "Kälte Nord GmbH")
    _text(pdf, 10, 20, "Rechnung Nr. RE-77 vom 04.03.2026")
    _text(pdf, 10, 28, "Auftrag: AUF-2026-881")
    _text(pdf, 10, 50, "Pos")
    _text(pdf, 25, 47, "Art-Nr")
    _text(pdf, 25, 52, "Bezeichnung")
    _text(pdf, 100, 50, "Menge")
    _text(pdf, 130, 50, "Einzelpreis")
    _text(pdf, 170, 50, "Betrag")
    y = 62
    for pos, sku, desc, qty, price, amount in (
        ("1", "VB-A42", "Keilriemen A42", "2", "17,00", "34,00"),
        ("2", "P-3310", "Lüftermotor", "1", "495,45", "495,45"),
    ):
        _text(pdf, 10, y, pos)
        _text(pdf, 25, y, sku)
        _text(pdf, 100, y, qty)
        _text(pdf, 130, y, price)
        _text(pdf, 25, y + 5, desc)
        _text(pdf, 170, y + 5, amount)
        _text(pdf, 25, y + 10, "Bruttopreis: " + price)
        y += 22
    _text(pdf, 120, y + 5, "Nettobetrag")
    _text(pdf, 170, y + 5, "529,45")
    _text(pdf, 120, y + 11, "MwSt. 19 %")
    _text(pdf, 170, y + 11, "100,60")
    _text(pdf, 120, y + 17, "Gesamtbetrag")
    _text(pdf, 170, y + 17, "630,05")
    return bytes(pdf.output())


def report_with_parts_list() -> bytes:
    pdf = _pdf()
    _text(pdf, 10, 10, "Service Report")
    for y, label, value in (
        (20, "Work order:", "WO-2026-5512"),
        (26, "Technician:", "A. Berg"),
        (32, "Arrived:", "2026-03-02 13:05 +01:00"),
    ):
        _text(pdf, 10, y, label)
        _text(pdf, 50, y, value)
    _text(pdf, 10, 44, "Parts used:")
    _text(pdf, 10, 50, "Drain pump / Ref: WP-230 / 2 x")
    _text(pdf, 10, 55, "Contact spray / 1 x")
    _text(pdf, 10, 70, "Notes:")
    _text(pdf, 10, 76, "Pump replaced, drain tested.")
    return bytes(pdf.output())


def test_extract_items_with_stacked_header_and_amount_below() -> None:
    doc = extract_pdf(invoice_stacked_item_lines())
    fields = doc.to_case_fields()
    assert [line["sku"] for line in fields["lines"]] == ["VB-A42", "P-3310"]
    assert [line["amount"] for line in fields["lines"]] == [34.0, 495.45]
    assert [line["qty"] for line in fields["lines"]] == [2.0, 1.0]
    assert fields["lines"][1]["description"] == "Lüftermotor"
    assert fields["number"] == "RE-77"
    assert fields["date"] == "2026-03-04"
    assert fields["total"] == 630.05


def test_extract_invoice_keeps_work_order_out_of_the_case_object() -> None:
    doc = extract_pdf(invoice_stacked_item_lines())
    assert doc.values()["work_order_id"] == "AUF-2026-881"
    assert "work_order_id" not in doc.to_case_fields()


def test_extract_report_parts_listed_without_table() -> None:
    fields = extract_pdf(report_with_parts_list()).to_case_fields()
    assert fields["parts"] == [
        {"qty": 2.0, "description": "Drain pump", "sku": "WP-230"},
        {"qty": 1.0, "description": "Contact spray", "sku": None},
    ]
    assert "Pump replaced" in fields["notes"]


def _signed_form(stroke: str) -> bytes:
    """A job sheet whose customer-signature box holds only a drawing: a hand-drawn stroke
    (`curve`), a rounded empty box (`box`) or nothing (`none`)."""
    pdf = _pdf()
    for x, y, text in (
        (10, 10, "SERVICE REPORT"),
        (10, 20, "Work order: WO-31337"),
        (10, 30, "Technician: J. Ortega"),
        (10, 40, "Work performed: replaced the door gasket, tested."),
        (110, 60, "Customer signature"),
    ):
        _text(pdf, x, y, text)
    if stroke == "curve":  # a signature's loops: one path of ten curves
        with pdf.new_path() as path:
            path.style.fill_color = None
            path.move_to(112, 74)
            for i in range(10):
                x = 112 + 7 * i
                path.curve_to(x + 2, 66, x + 5, 82, x + 7, 74)
    elif stroke == "box":
        pdf.rect(110, 66, 70, 16, round_corners=True)
    return bytes(pdf.output())


def test_a_drawn_signature_under_an_empty_heading_means_signed() -> None:
    assert extract_pdf(_signed_form("curve")).to_case_fields()["customer_signature"] is True
    assert extract_pdf(_signed_form("box")).to_case_fields()["customer_signature"] is False
    assert extract_pdf(_signed_form("none")).to_case_fields()["customer_signature"] is False
