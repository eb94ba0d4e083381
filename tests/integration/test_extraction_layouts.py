"""Extraction of PDFs made here with fpdf2 in several layouts, and corpus smoke tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fpdf import FPDF

from triage.extraction import extract_pdf, resolve_case_documents

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    return pdf


def _text(pdf: FPDF, x: float, y: float, text: str, *, align: str = "L", w: float = 0) -> None:
    pdf.set_xy(x, y)
    pdf.cell(w, 6, text, align=align)


GERMAN_ITEM = (
    (10, "Menge", "2"),
    (30, "Bezeichnung", "Arbeitszeit"),
    (120, "Preis", "135.00"),
    (160, "Betrag", "270.00"),
)


def _item_table(
    pdf: FPDF,
    top: float,
    columns: tuple[tuple[float, str, str], ...] = GERMAN_ITEM,
    total: tuple[str, str] = ("Total", "270.00"),
) -> None:
    """An item table from `top` down: (x, head, value) columns over one line, then its
    total (label, amount)."""
    for x, head, value in columns:
        _text(pdf, x, top, head)
        _text(pdf, x, top + 6, value)
    _text(pdf, 120, top + 16, total[0])
    _text(pdf, 160, top + 16, total[1])


def _stacked(lines: list[str]) -> bytes:
    """One text line under the other at the left margin: a plain form."""
    pdf = _pdf()
    for y, text in enumerate(lines):
        _text(pdf, 10, 10 + 7 * y, text)
    return bytes(pdf.output())


def invoice_labels_right_en() -> bytes:
    """English, labels with values to their right, decimal point, month-first dates."""
    pdf = _pdf()
    _text(pdf, 10, 10, "Acme Field Services Inc.")
    _text(pdf, 120, 20, "Invoice No.:")
    _text(pdf, 160, 20, "INV-2026-10311")
    _text(pdf, 120, 26, "Invoice Date:")
    _text(pdf, 160, 26, "03/14/2026")
    _text(pdf, 120, 32, "PO Number:")
    _text(pdf, 160, 32, "PO-55120")
    _text(pdf, 10, 40, "Bill To:")
    _text(pdf, 10, 46, "Northwind Clinics LLC")
    y = 70
    for x, head in (
        (10, "Description"),
        (90, "SKU"),
        (120, "Qty"),
        (140, "Unit Price"),
        (175, "Amount"),
    ):
        _text(pdf, x, y, head)
    rows = [
        ("Repair labor", "", "3.5", "95.00", "332.50"),
        ("Travel", "", "1.0", "45.00", "45.00"),
        ("Compressor relay", "P-2040", "1", "1,310.00", "1,310.00"),
    ]
    for row in rows:
        y += 8
        for x, value in zip((10, 90, 120, 140, 175), row, strict=True):
            _text(pdf, x, y, value)
    _text(pdf, 140, y + 16, "Subtotal")
    _text(pdf, 175, y + 16, "1,687.50")
    _text(pdf, 140, y + 22, "Sales tax 8.875%")
    _text(pdf, 175, y + 22, "149.77")
    _text(pdf, 140, y + 28, "Total due")
    _text(pdf, 175, y + 28, "USD 1,837.27")
    return bytes(pdf.output())


def invoice_stacked_de() -> bytes:
    """German, values below labels, decimal comma, descriptions stacked under the number line."""
    pdf = _pdf()
    _text(pdf, 10, 10, "Kältetechnik Schmidt GmbH")
    for x, label, value in (
        (10, "Rechnungsnummer", "RE-2026-0042"),
        (70, "Rechnungsdatum", "04.03.2026"),
        (130, "Bestellnummer", "PO-8812"),
    ):
        _text(pdf, x, 24, label)
        _text(pdf, x, 30, value)
    _text(pdf, 10, 40, "Rechnungsempfänger")
    _text(pdf, 10, 46, "Northwind Kliniken AG")
    y = 66
    for x, head in (
        (10, "Pos"),
        (25, "Bezeichnung"),
        (110, "Menge"),
        (135, "Einzelpreis"),
        (175, "Betrag"),
    ):
        _text(pdf, x, y, head)
    rows = [
        ("1", "Arbeitszeit Techniker", "2,5", "95,00", "237,50", "Montage und Prüfung"),
        ("2", "Anfahrt", "1", "45,00", "45,00", "Pauschale Zone 1"),
        ("3", "Verdichterrelais", "2", "1.310,00", "2.620,00", "Art.-Nr. P-2040"),
    ]
    for pos, desc, qty, price, amount, extra in rows:
        y += 8
        for x, value in ((10, pos), (25, desc), (110, qty), (135, price), (175, amount)):
            _text(pdf, x, y, value)
        y += 5
        _text(pdf, 25, y, extra)
    _text(pdf, 130, y + 14, "Nettobetrag")
    _text(pdf, 175, y + 14, "2.902,50")
    _text(pdf, 130, y + 20, "MwSt. 19 %")
    _text(pdf, 175, y + 20, "551,48")
    _text(pdf, 130, y + 26, "Gesamtbetrag")
    _text(pdf, 175, y + 26, "3.453,98 EUR")
    return bytes(pdf.output())


def invoice_two_pages_fr() -> bytes:
    """French, a line-item table continued on a second page."""
    pdf = _pdf()
    _text(pdf, 10, 10, "Froid Services SARL")
    _text(pdf, 120, 20, "Facture n° FA-2026-17")
    _text(pdf, 120, 26, "Date de facture : 05/03/2026")
    y = 50
    heads = ((10, "Désignation"), (120, "Qté"), (140, "Prix unitaire"), (175, "Montant HT"))
    for x, head in heads:
        _text(pdf, x, y, head)
    amounts = []
    for index in range(40):
        y += 7
        if y > 280:
            pdf.add_page()
            y = 20
        amount = 10.0 + index
        amounts.append(amount)
        for x, value in (
            (10, f"Pièce {index + 1}"),
            (120, "1"),
            (140, f"{amount:.2f}".replace(".", ",")),
            (175, f"{amount:.2f}".replace(".", ",")),
        ):
            _text(pdf, x, y, value)
    subtotal = sum(amounts)
    tax = round(subtotal * 0.2, 2)
    for offset, label, value in (
        (10, "Total HT", subtotal),
        (16, "TVA 20 %", tax),
        (22, "Total TTC", subtotal + tax),
    ):
        _text(pdf, 130, y + offset, label)
        _text(pdf, 175, y + offset, f"{value:.2f}".replace(".", ",") + " EUR")
    return bytes(pdf.output())


def service_report_nl() -> bytes:
    pdf = _pdf()
    _text(pdf, 10, 10, "Servicerapport")
    for y, label, value in (
        (20, "Werkorder:", "WO-2026-004211"),
        (26, "Technicus:", "J. Okafor"),
        (32, "Type onderhoud:", "Reparatie"),
        (38, "Gemeld:", "02-03-2026 07:40 +01:00"),
        (44, "Aankomst:", "02-03-2026 13:05 +01:00"),
        (50, "Afgerond:", "02-03-2026 16:35 +01:00"),
        (56, "Arbeidstijd:", "3,5 uur"),
        (62, "Reistijd:", "1,0 uur"),
        (68, "Handtekening klant:", "Ja"),
    ):
        _text(pdf, 10, y, label)
        _text(pdf, 60, y, value)
    _text(pdf, 10, 80, "Artikelnummer")
    _text(pdf, 50, 80, "Omschrijving")
    _text(pdf, 150, 80, "Aantal")
    _text(pdf, 10, 86, "P-2040")
    _text(pdf, 50, 86, "Compressor relais")
    _text(pdf, 150, 86, "1")
    _text(pdf, 10, 100, "Opmerkingen:")
    _text(pdf, 10, 106, "Relais defect bij opstarten; vervangen en twee cycli getest.")
    return bytes(pdf.output())


def test_extract_english_invoice_labels_right() -> None:
    doc = extract_pdf(invoice_labels_right_en())
    fields = doc.to_case_fields()
    assert doc.doc_type == "invoice"
    assert fields["number"] == "INV-2026-10311"
    assert fields["date"] == "2026-03-14"
    assert fields["po_number"] == "PO-55120"
    assert fields["currency"] == "USD"
    assert fields["total"] == 1837.27
    assert fields["subtotal"] == 1687.5
    assert fields["tax_rate"] == pytest.approx(0.08875)
    assert [line["amount"] for line in fields["lines"]] == [332.5, 45.0, 1310.0]
    assert [line["kind"] for line in fields["lines"]] == ["labor", "travel", "part"]
    assert fields["lines"][2]["sku"] == "P-2040"
    assert doc.fields["total"].confidence >= 0.95
    assert doc.fields["total"].page == 1


def test_extract_german_invoice_values_below_and_stacked_lines() -> None:
    fields = extract_pdf(invoice_stacked_de()).to_case_fields()
    assert fields["number"] == "RE-2026-0042"
    assert fields["date"] == "2026-03-04"
    assert fields["po_number"] == "PO-8812"
    assert fields["total"] == 3453.98
    assert fields["tax"] == 551.48
    assert fields["tax_rate"] == pytest.approx(0.19)
    assert fields["issuer"] == "Kältetechnik Schmidt GmbH"
    assert "Northwind" in fields["bill_to"]
    assert [line["qty"] for line in fields["lines"]] == [2.5, 1.0, 2.0]
    assert fields["lines"][2]["amount"] == 2620.0


def test_extract_french_table_continued_on_second_page() -> None:
    doc = extract_pdf(invoice_two_pages_fr())
    fields = doc.to_case_fields()
    assert doc.page_count == 2
    assert fields["number"] == "FA-2026-17"
    assert fields["date"] == "2026-03-05"
    assert len(fields["lines"]) == 40
    assert fields["subtotal"] == pytest.approx(sum(line["amount"] for line in fields["lines"]))


def test_extract_dutch_service_report() -> None:
    doc = extract_pdf(service_report_nl())
    fields = doc.to_case_fields()
    assert doc.doc_type == "service_report"
    assert fields["work_order_id"] == "WO-2026-004211"
    assert fields["technician"] == "J. Okafor"
    assert fields["service_type"] == "repair"
    assert fields["arrived_at"] == "2026-03-02T13:05:00+01:00"
    assert fields["labor_hours"] == 3.5
    assert fields["travel_hours"] == 1.0
    assert fields["customer_signature"] is True
    assert fields["parts"][0]["sku"] == "P-2040"
    assert "vervangen" in fields["notes"]


def test_resolve_case_documents_fills_invoice(tmp_path: Path) -> None:
    (tmp_path / "inv.pdf").write_bytes(invoice_labels_right_en())
    filled, notes = resolve_case_documents(
        {"case_id": "X", "invoice": {"document": "inv.pdf"}}, base_dir=tmp_path
    )
    assert filled["invoice"]["number"] == "INV-2026-10311"
    assert all(note.confidence < 0.8 for note in notes)


@pytest.mark.skipif(not (CORPUS / "zugferd").is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize(
    "name",
    ["EN16931_Einfach.pdf", "zugferd_2p1_EN16931_Einfach.pdf", "Facture_UE_BASICWL.pdf"],
)
def test_extract_zugferd_total_matches_embedded_xml(name: str) -> None:
    truth = {
        r["file"]: r["fields"]
        for r in map(json.loads, (CORPUS / "zugferd" / "truth.jsonl").read_text().splitlines())
    }
    doc = extract_pdf((CORPUS / "zugferd" / "pdf" / name).read_bytes())
    assert doc.to_case_fields()["total"] == truth[name]["total"]


def _report_with_notes(note_lines: list[str]) -> bytes:
    pdf = _pdf()
    rows = [
        ("Work order:", "WO-2026-004211"),
        ("Technician:", "J. Okafor"),
        ("Service type:", "Repair"),
        ("Reported:", "2026-03-02 07:40"),
        ("Arrived on site:", "2026-03-02 13:05"),
        ("Completed:", "2026-03-02 16:35"),
        ("Labor hours:", "3.5"),
        ("Travel hours:", "1.0"),
    ]
    y = 10.0
    _text(pdf, 10, y, "SERVICE REPORT")
    for label, value in rows:
        y += 7
        _text(pdf, 10, y, label)
        _text(pdf, 60, y, value)
    y += 10
    _text(pdf, 10, y, "Technician notes")
    for line in note_lines:
        y += 6
        _text(pdf, 10, y, line)
    _text(pdf, 10, y + 6, "Customer signature: Not signed")
    return bytes(pdf.output())


@pytest.mark.parametrize("filler", ["finished", "completed", "done"])
def test_a_one_word_filler_note_is_the_note_not_a_label(filler: str) -> None:
    fields = extract_pdf(_report_with_notes([filler])).to_case_fields()
    assert fields["notes"] == filler
    assert fields["completed_at"] == "2026-03-02T16:35:00+00:00"
    assert fields["customer_signature"] is False


def test_notes_stop_at_the_next_label() -> None:
    fields = extract_pdf(_report_with_notes(["Replaced relay.", "Tested two cycles."]))
    assert fields.to_case_fields()["notes"] == "Replaced relay. Tested two cycles."


def _report_with_parts_then_notes(heading: str) -> bytes:
    pdf = _pdf()
    _text(pdf, 10, 10, "Servicebericht")
    _text(pdf, 10, 18, "Auftragsnummer: WO-24037")
    _text(pdf, 10, 25, "Techniker: S. Brandt")
    _text(pdf, 10, 32, "Arbeitszeit: 3,0")
    _text(pdf, 10, 44, "Verbautes Material")
    for x, head in ((10, "Menge"), (30, "Art.-Nr."), (60, "Bezeichnung")):
        _text(pdf, x, 51, head)
    for x, value in ((10, "4"), (30, "P-1001"), (60, "Luftfilter F7")):
        _text(pdf, x, 57, value)
    _text(pdf, 10, 66, heading)
    _text(pdf, 10, 72, "Filter gewechselt, Keilriemenspannung geprüft.")
    _text(pdf, 10, 78, "Keine Auffälligkeiten.")
    _text(pdf, 10, 90, "Unterschrift Kunde: ja")
    return bytes(pdf.output())


@pytest.mark.parametrize("heading", ["Tätigkeitsbericht / Bemerkungen", "Bemerkungen"])
def test_a_notes_heading_ends_the_parts_table(heading: str) -> None:
    fields = extract_pdf(_report_with_parts_then_notes(heading)).to_case_fields()
    assert fields["parts"] == [{"sku": "P-1001", "description": "Luftfilter F7", "qty": 4.0}]
    assert fields["notes"].startswith("Filter gewechselt")
    assert fields["notes"].endswith("Keine Auffälligkeiten.")
    assert fields["work_order_id"] == "WO-24037"


def test_a_signature_heading_without_value_does_not_hide_the_answer_below() -> None:
    report = _stacked(
        [
            "RAPPORT D'INTERVENTION",
            "Ordre de travail : WO-24629",
            "Intervenant : M. Keller",
            "Temps de main d'oeuvre : 2,00 h",
            "Observations du technicien",
            "Moteur de ventilateur remplacé.",
            "Signature client",
            "Bon signé par le client : Oui",
        ]
    )
    fields = extract_pdf(report).to_case_fields()
    assert fields["customer_signature"] is True
    assert fields["labor_hours"] == 2.0
    assert fields["notes"] == "Moteur de ventilateur remplacé."


@pytest.mark.parametrize(
    "note_lines",
    [
        ["Extra sockets fitted, as requested by the", "client."],
        ["Pump replaced,", "Technician on call tomorrow."],
    ],
)
def test_a_note_sentence_wrapped_onto_a_label_word_stays_whole(note_lines: list[str]) -> None:
    fields = extract_pdf(_report_with_notes(note_lines)).to_case_fields()
    assert fields["notes"] == " ".join(note_lines)


def _report_with_parts_section(part_lines: list[str]) -> bytes:
    head = ["Service report", "Work order: WO-24185", "Labor hours: 2.0", "Parts used"]
    tail = ["Technician notes", "Replaced the board, tested two cycles.", "Customer signed: Y"]
    return _stacked([*head, *part_lines, *tail])


@pytest.mark.parametrize(
    ("part_lines", "parts"),
    [
        (["Qty Part # Description"], []),
        (["Réf. Désignation Qté", "- Aucune pièce"], []),
        (
            ["- (2) P-5012 Control board"],
            [{"sku": "P-5012", "description": "Control board", "qty": 2.0}],
        ),
    ],
)
def test_a_parts_section_reads_no_part_from_column_names_or_a_none_line(
    part_lines: list[str], parts: list[dict[str, object]]
) -> None:
    fields = extract_pdf(_report_with_parts_section(part_lines)).to_case_fields()
    assert fields["parts"] == parts
    assert fields["notes"] == "Replaced the board, tested two cycles."


@pytest.mark.parametrize(
    ("service_date", "arrived"), [("11-02-2026", "2026-02-11T10:30"), (None, None)]
)
def test_a_time_without_date_takes_the_printed_visit_date_or_stays_missing(
    service_date: str | None, arrived: str | None
) -> None:
    lines = ["WERKBON", "Werkbon nr. WO-24185", "Monteur : P. de Groot"]
    lines += [f"Datum uitvoering : {service_date}"] if service_date else []
    lines += ["Aankomst : 10:30", "Gereed : 12:45", "Arbeidsuren : 2:00", "Opmerkingen", "Klaar."]
    fields = extract_pdf(_stacked(lines)).to_case_fields()
    assert (fields.get("arrived_at") or "")[:16] == (arrived or "")
    assert fields["labor_hours"] == 2.0


@pytest.mark.parametrize(("printed", "po"), [("-", None), ("PO-4401", "PO-4401")])
def test_a_po_printed_as_a_dash_is_missing_not_read_from_the_table(
    printed: str, po: str | None
) -> None:
    pdf = _pdf()
    _text(pdf, 10, 10, "Acme Field Services AG")
    _text(pdf, 10, 20, "Rechnung Nr. INV-2026-31901")
    _text(pdf, 10, 27, "Ihre Bestellung")
    _text(pdf, 60, 27, printed)
    _item_table(pdf, 36)
    fields = extract_pdf(bytes(pdf.output())).to_case_fields()
    assert fields.get("po_number") == po
    assert fields["number"] == "INV-2026-31901"


@pytest.mark.parametrize(
    ("heads", "sku"),
    [
        (("Item", "Description", "Qty", "Rate", "Amount"), "P-3320"),
        (("Part no.", "Description", "Qty", "Unit price", "Net"), "P-3320"),
    ],
)
def test_item_code_and_net_columns(heads: tuple[str, ...], sku: str) -> None:
    pdf = _pdf()
    _text(pdf, 10, 10, "Brazos Hydraulics LLC")
    _text(pdf, 10, 18, "Invoice # INV-7")
    xs = (10, 40, 110, 140, 170)
    for x, head in zip(xs, heads, strict=True):
        _text(pdf, x, 30, head)
    rows = [
        ("", "Labor", "2.00", "115.00", "230.00"),
        ("P-3320", "Hydraulic hose assy", "1.00", "153.36", "153.36"),
    ]
    for y, row in enumerate(rows):
        for x, value in zip(xs, row, strict=True):
            _text(pdf, x, 37 + 7 * y, value)
    _text(pdf, 140, 55, "Subtotal")
    _text(pdf, 170, 55, "383.36")
    lines = extract_pdf(bytes(pdf.output())).to_case_fields()["lines"]
    assert [(ln.get("sku"), ln["description"], ln["amount"]) for ln in lines] == [
        (None, "Labor", 230.0),
        (sku, "Hydraulic hose assy", 153.36),
    ]


def _letter_invoice(header: list[str]) -> bytes:
    """A letter-style invoice: `header` lines under the sender, then a short table."""
    pdf = _pdf()
    _text(pdf, 10, 10, "Acme Field Services AG")
    for y, text in enumerate(header):
        _text(pdf, 10, 20 + 7 * y, text)
    _item_table(pdf, 80)
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("dateline", "labelled", "date"),
    [
        ("Zürich, 5. Februar 2026", None, "2026-02-05"),
        ("Lyon, le 13 février 2026", None, "2026-02-13"),
        ("Zürich, 5. Februar 2026", "Rechnungsdatum 03.02.2026", "2026-02-03"),
    ],
)
def test_a_letters_dateline_dates_the_invoice_unless_a_label_does(
    dateline: str, labelled: str | None, date: str
) -> None:
    header = ["Bäckerei Huber AG", "8004 Zürich", dateline]
    if labelled is not None:
        header.append(labelled)
    fields = extract_pdf(_letter_invoice([*header, "Rechnung Nr. INV-2026-31159"])).to_case_fields()
    assert fields["date"] == date
    assert fields["number"] == "INV-2026-31159"


@pytest.mark.parametrize("title_at", [(150, 20), (10, 13)], ids=["beside", "above"])
def test_a_number_sign_beside_or_under_a_bare_title_is_the_invoice_number(
    title_at: tuple[float, float],
) -> None:
    pdf = _pdf()
    _text(pdf, 10, 5, "Acme Field Services GmbH")
    _text(pdf, *title_at, "FACTURE")
    _text(pdf, 10, 20, "N° INV-2026-31530")
    _text(pdf, 10, 27, "Équipement : Chiller XR-200 - n° A-9130")
    columns = (
        (10, "Qté", "2"),
        (30, "Désignation", "Main d'oeuvre"),
        (120, "PU HT", "95,00"),
        (160, "Montant HT", "190,00"),
    )
    _item_table(pdf, 40, columns, ("Total TTC", "190,00"))
    assert extract_pdf(bytes(pdf.output())).to_case_fields()["number"] == "INV-2026-31530"


def test_a_report_title_set_apart_from_its_number_names_the_work_order() -> None:
    pdf = _pdf()
    _text(pdf, 10, 10, "Acme Field Services GmbH")
    _text(pdf, 10, 20, "RAPPORT D'INTERVENTION")
    _text(pdf, 120, 20, "N° WO-24370")
    _text(pdf, 10, 28, "Équipement : Chiller XR-200 - n° A-9130")
    _text(pdf, 10, 35, "Intervenant : L. Moreau")
    _text(pdf, 10, 42, "Arrivée sur site : le 12/02/2026 à 10h30")
    _text(pdf, 10, 49, "Fin d'intervention : le 12/02/2026 à 12h45")
    _text(pdf, 10, 56, "Temps de main-d'oeuvre : 2,00 h")
    fields = extract_pdf(bytes(pdf.output())).to_case_fields()
    assert fields["work_order_id"] == "WO-24370"


@pytest.mark.parametrize("window_x", [10, 120], ids=["left window", "right window"])
def test_the_addressee_in_a_letter_window_is_the_buyer_when_no_label_names_one(
    window_x: float,
) -> None:
    pdf = _pdf()
    for y, text in enumerate(["Pumpen Service Ruhr GmbH", "Ruhrallee 5", "45138 Essen"]):
        _text(pdf, 150, 8 + 6 * y, text)
    _text(pdf, window_x, 40, "Pumpen Service Ruhr GmbH · Ruhrallee 5 · 45138 Essen")
    window = ["Acme Field Services GmbH", "z. Hd. Technische Leitung", "Westparkstraße 14"]
    for y, text in enumerate([*window, "80339 München"]):
        _text(pdf, window_x, 46 + 6 * y, text)
    if window_x == 10:  # the invoice's details interleave with the window, right of it
        _text(pdf, 120, 49, "Rechnungsnr. SUB-8954")
    _text(pdf, 10, 75, "Rechnung Nr. SUB-8954")
    _item_table(pdf, 85)
    fields = extract_pdf(bytes(pdf.output())).to_case_fields()
    assert fields["bill_to"] == "Acme Field Services GmbH"
    assert fields["issuer"] == "Pumpen Service Ruhr GmbH"


def test_a_sellers_own_address_block_is_not_the_buyer() -> None:
    data = _letter_invoice(["Hafenstraße 12", "44147 Dortmund", "Rechnung Nr. INV-2026-31053"])
    assert extract_pdf(data).to_case_fields().get("bill_to") is None


def test_an_amount_with_a_space_between_thousands_is_read_whole() -> None:
    pdf = _pdf()
    _text(pdf, 10, 10, "Acme Field Services GmbH")
    _text(pdf, 10, 20, "Facture N° INV-2026-32113")
    columns = (
        (10, "Désignation", "Compresseur"),
        (90, "Qté", "1"),
        (120, "PU HT", "1 380,00 EUR"),
        (160, "Montant HT", "1 380,00 EUR"),
    )
    _item_table(pdf, 35, columns, ("Total HT", "1 380,00 EUR"))
    line = extract_pdf(bytes(pdf.output())).to_case_fields()["lines"][0]
    assert (line["qty"], line["unit_price"], line["amount"]) == (1.0, 1380.0, 1380.0)
