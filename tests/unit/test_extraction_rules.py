"""Generic reading rules: titles, date order, label grids, header-less items and parts."""

from __future__ import annotations

from datetime import datetime

import pytest

from triage.extraction.fields import Candidate, Context, company_in, day_first_hint
from triage.extraction.invoice import (
    Money,
    _amount_header,
    _beside_buyer,
    _follows_number,
    _guess_issuer,
    _label_candidates,
    _reconcile_qty,
    _title_candidates,
    _untaxed,
    extract_invoice,
    infer_kind,
)
from triage.extraction.items import arithmetic_items, code_in_text, numbers_in
from triage.extraction.labels import COLUMN, INVOICE, PARTY, REPORT, label_at_start, labels_in
from triage.extraction.layout import Box, Line, PageText, Word, build_lines, read_pages
from triage.extraction.report import _part_from_text, _parts_label, extract_report
from triage.extraction.signatures import read_signature
from triage.extraction.tables import Column, Row, _split_at_columns
from triage.extraction.values import NumberStyle, find_currency, find_dates, parse_timestamp

BOX = Box(1, 0, 0, 10, 10)


def _lines(*rows: str | tuple[str, ...]) -> list[Line]:
    """Lines 14 pt apart; a tuple is several cells 150 pt apart."""
    words: list[Word] = []
    for row_index, row in enumerate(rows):
        cells = (row,) if isinstance(row, str) else row
        top = 40.0 + 14 * row_index
        for cell_index, cell in enumerate(cells):
            x = 40.0 + 150 * cell_index
            for text in cell.split():
                width = 5.0 * len(text)
                words.append(Word(text, Box(1, x, top, x + width, top + 9)))
                x += width + 3
    return build_lines([PageText(595, 842, words)])


def _context(lines: list[Line]) -> Context:
    return Context(lines=lines, style=NumberStyle(False), day_first=True, currency="EUR")


def test_find_dates_reads_spaced_comma_and_abbreviated_french_months() -> None:
    assert find_dates("DUE ON August 3 , 2014")[0].value.isoformat() == "2014-08-03"
    assert find_dates("le 8 déc. 2025")[0].value.isoformat() == "2025-12-08"


def test_day_first_hint_prefers_the_reading_that_keeps_dates_together() -> None:
    lines = _lines("Invoice date 03/04/2026", "Due date 03/10/2026")
    assert day_first_hint(lines, "EUR") is False
    lines = _lines("Invoice date 04/03/2026", "Due date 10/03/2026")
    assert day_first_hint(lines, "USD") is True


def test_day_first_hint_uses_twelve_hour_clock_and_vat_words() -> None:
    assert day_first_hint(_lines("Arrived 03/04/2026 7:40 PM"), None) is False
    assert day_first_hint(_lines("Date 03/04/2026", "VAT 20%"), "USD") is True


def test_labels_in_takes_longest_label_at_each_place() -> None:
    hits = labels_in("Rechnungssumme ohne USt.", INVOICE)
    assert (hits[0].field, hits[0].label) == ("subtotal", "rechnungssumme ohne ust.")
    hit = label_at_start("Due date: 01.02.2026", INVOICE)
    assert hit is not None
    assert hit.field == "_ignore"
    assert label_at_start("Artikelbeschreibung", COLUMN) is not None


def test_vom_dates_the_invoice_only_after_its_number() -> None:
    assert _follows_number("Rechnung Nr. 471102 vom 05.03.2018", 20)
    assert not _follows_number("ZUGFeRD-Version 2.1 vom 24.03.2020", 20)
    assert not _follows_number("Rechnung gemäß Bestellung vom 01.03.2018", 25)


def test_title_gives_number_and_wrapped_date() -> None:
    lines = _lines("Gutschrift (Selbst ausgestellte Rechnung) Nr. 471102 vom", "05.03.2018")
    found: dict[str, list[Candidate]] = {}
    _title_candidates(_context(lines), lines, found)
    assert found["number"][0].value == "471102"
    assert found["date"][0].value == "2018-03-05"


def test_title_of_an_order_is_not_the_invoice_number() -> None:
    lines = _lines("Rechnung zur Bestellung Nr. 4711 vom 01.03.2018")
    found: dict[str, list[Candidate]] = {}
    _title_candidates(_context(lines), lines, found)
    assert "number" not in found


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Montant EUR HT", "subtotal"),
        ("Montant TVA", "tax"),
        ("Montant EUR TTC", "total"),
        ("Grondslag", "subtotal"),
        ("Omschrijving", None),
    ],
)
def test_amount_header_names_the_column(header: str, field: str | None) -> None:
    assert _amount_header(header) == field


def test_untaxed_total_is_also_the_net_amount() -> None:
    total = Money(34.73, 0.9, BOX, 3)
    assert _untaxed(None, total, 34.73)
    assert _untaxed(Money(0.0, 0.9, BOX, 2), total, None)
    assert not _untaxed(Money(5.5, 0.9, BOX, 2), total, None)
    assert not _untaxed(None, total, 30.0)


def test_arithmetic_items_read_stacked_items_without_header() -> None:
    lines = _lines(
        "1. Drain pump (Ref. WP-230)",
        "Qty 2 x EUR 44.50 = EUR 89.00",
        "2. Labour",
        "Qty 1.5 x EUR 80.00 = EUR 120.00",
        ("Subtotal", "209.00"),
    )
    items = arithmetic_items(lines, NumberStyle(False))
    assert [(i.qty.value, i.unit_price.value, i.amount.value) for i in items] == [
        (2.0, 44.5, 89.0),
        (1.5, 80.0, 120.0),
    ]
    assert items[0].description is not None
    assert items[0].description[0] == "Drain pump"
    assert items[0].sku is not None
    assert items[0].sku[0] == "WP-230"
    assert items[1].description is not None
    assert items[1].description[0] == "Labour"


def test_arithmetic_items_join_space_grouped_thousands() -> None:
    lines = _lines("Inverter module 1 x 2 302,44 2 302,44")
    items = arithmetic_items(lines, NumberStyle(True))
    assert items[0].amount.value == pytest.approx(2302.44)


def test_code_in_text_takes_a_trailing_code_but_not_a_reference() -> None:
    assert code_in_text("Door seal DS-431") == ("DS-431", "Door seal")
    assert code_in_text("Labour incl. additional work per CO-81846") is None
    assert code_in_text("Battery 12V 9Ah") is None


def test_part_from_text_reads_captioned_fields() -> None:
    part = _part_from_text("Drain pump / Référence: WP-230 / 2 x", BOX, _context([]))
    assert part["description"].value == "Drain pump"
    assert part["sku"].value == "WP-230"
    assert part["qty"].value == 2.0
    assert _part_from_text("keine", BOX, _context([])) == {}


def test_find_currency_reads_rupees_only_before_an_amount() -> None:
    assert find_currency("Grand Total Rs 1939") == "INR"
    assert find_currency("Returns Policy") is None


def test_issuer_is_the_name_above_a_legal_form_line() -> None:
    lines = _lines(
        "Facture n° 2022089083",
        "Total TTC 56,02",
        "NETPRESSE",
        "Siège social : 16 rue Mollien - 92100 BOULOGNE",
        "Sarl au capital de 10 000€ - RSC Paris B 530 848 134",
    )
    guess = _guess_issuer(lines, set(), set(), None)
    assert guess is not None
    assert guess.value == "NETPRESSE"


def test_issuer_falls_back_to_the_letterhead_but_not_the_buyer() -> None:
    rows: list[str | tuple[str, ...]] = [("Sammy Maystone", "", "", "INVOICE"), "Bill To:"]
    lines = _lines(*rows, *[""] * 50, "Page 1 / 1")
    guess = _guess_issuer(lines, set(), set(), None)
    assert guess is not None
    assert guess.value == "Sammy Maystone"
    assert _guess_issuer(lines, set(), set(), "Sammy Maystone") is None


def test_title_date_on_the_next_line_after_vom() -> None:
    lines = _lines("Gutschrift (Selbst ausgestellte Rechnung) Nr. 471102", "vom 05.03.2018")
    found: dict[str, list[Candidate]] = {}
    _title_candidates(_context(lines), lines, found)
    assert found["date"][0].value == "2018-03-05"


def test_rounded_quantity_is_reconciled_with_amount_and_price() -> None:
    row = Row(values={"qty": [("28 Std", BOX)]})
    numbers = {"qty": (28.0, BOX), "unit_price": (10.5, BOX), "amount": (288.75, BOX)}
    _reconcile_qty(numbers, row)
    assert numbers["qty"][0] == 27.5
    numbers = {"qty": (1.0, BOX), "unit_price": (18.0, BOX), "amount": (21.42, BOX)}
    _reconcile_qty(numbers, Row(values={"qty": [("1", BOX)]}))
    assert numbers["qty"][0] == 1.0


def test_order_label_bestellung_gives_po_number() -> None:
    lines = _lines(("Bestellung", ": PO445"), "Rechnung gemäß Bestellung vom 01.03.2018.")
    found = _label_candidates(_context(lines), lines)
    assert [c.value for c in found["po_number"]] == ["PO445"]


def test_cell_spanning_two_header_columns_is_split() -> None:
    line = _lines("Toolbox 0815CO-123 Stahlcoil")[0]
    words = line.words
    columns = [
        Column("sku", Box(1, words[0].box.x0, 0, words[1].box.x1, 9)),
        Column("description", Box(1, words[2].box.x0, 0, words[2].box.x1 + 40, 9)),
    ]
    pieces = _split_at_columns(line.text, line.box, line, columns)
    assert [text for text, _ in pieces] == ["Toolbox 0815CO-123", "Stahlcoil"]
    labelled = _lines("Bruttopreis : 9,90")[0]
    assert len(_split_at_columns(labelled.text, labelled.box, labelled, columns)) == 1


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("Ref. WO-24037", []),
        ("Auftragsnr. WO-24037", ["work_order_id"]),
        ("PO-77120", []),
        ("WO: 24037", ["work_order_id"]),
        ("W/O 123", ["work_order_id"]),
    ],
)
def test_a_short_label_glued_to_a_code_is_the_code_prefix(text: str, fields: list[str]) -> None:
    assert [hit.field for hit in labels_in(text, REPORT) + labels_in(text, INVOICE)] == fields


def test_label_at_start_of_empty_text_is_none() -> None:
    assert label_at_start("", REPORT) is None


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("ENGINEER'S JOB SHEET", None),
        ("ENGINEER’S JOB SHEET", None),
        ("Engineer's report", "notes"),
        ("Engineer D. Oduya", "technician"),
        ("Temps de main-d’œuvre : 2,00 h", "labor_hours"),
        ("Main d'oeuvre 2h", "labor_hours"),
    ],
)
def test_labels_as_printed_possessive_ligature_and_apostrophe(text: str, field: str | None) -> None:
    hit = label_at_start(text, REPORT)
    assert (hit.field if hit else None) == field


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        ("obtained: ☒ Yes ☐ No", True),
        ("obtained: ☐ Yes ☒ No", False),
        ("[x] No [ ] Yes", False),
        ("Oui", True),
        ("nicht unterschrieben", False),
        ("✗ Not obtained", False),
        ("✓ Signed on device", True),
        ("Bon non signé par le client", False),
        ("Bon signé par le client", True),
        ("Customer signed on site to accept the work.", True),
        ("Customer signed on site, no complaints.", True),
        ("Report not yet signed by the customer", False),
        ("Bon signé par le client : Non", False),
        ("Bon signé par le client : Oui", True),
    ],
)
def test_signature_reads_the_ticked_answer(text: str, signed: bool) -> None:
    result = read_signature(text)
    assert result is not None
    assert result[0] is signed


def test_paired_labels_take_the_value_in_their_place() -> None:
    from triage.extraction.report import _paired

    text = "Arbeitszeit / Fahrzeit"
    labor, travel = labels_in(text, REPORT)
    assert _paired(text, labor, "3,00 Std. / 0,50 Std.") == "3,00 Std. "
    assert _paired(text, travel, "3,00 Std. / 0,50 Std.") == " 0,50 Std."
    assert _paired("Arbeitszeit", labor, "3,00 Std.") == "3,00 Std."


@pytest.mark.parametrize(
    "label", ["Your order ref", "Your order reference", "Order ref", "Votre réf. commande"]
)
def test_order_reference_labels_give_the_po_number(label: str) -> None:
    lines = _lines((label, ": PO-77120"))
    found = _label_candidates(_context(lines), lines)
    assert [c.value for c in found["po_number"]] == ["PO-77120"]


def test_an_app_report_timeline_signature_and_empty_parts_are_read() -> None:
    """A work-order export: the title ends in `REPORT`, dates and times in cells side by
    side, the zone on a line of its own, `No materials used.` under the parts heading, a
    two-part notes heading, and the signature's answer beside the image, not under it."""
    lines = _lines(
        "WORK ORDER COMPLETION REPORT",
        "Acme Ltd, 1 High St, Leeds",
        ("Work Order No.", "WO-24592"),
        ("Call received", "02/04/2026", "8:00 AM"),
        ("Checked in", "02/04/2026", "10:30 AM"),
        ("Checked out", "02/04/2026", "12:45 PM"),
        "GMT-06:00 GMT-06:00",
        ("Labor", "2h 30m"),
        "MATERIALS USED",
        "No materials used on this visit.",
        "WORK PERFORMED / TECHNICIAN COMMENTS",
        "found loose lug on contactor L2, re-terminated all lugs",
        "CUSTOMER SIGNATURE",
        ("", "✓ Signed on device"),
    )
    fields, parts = extract_report(Context(lines, NumberStyle(False), False, None))
    values = {name: f.value for name, f in fields.items()}
    assert values["reported_at"] == "2026-02-04T08:00:00-06:00"
    assert values["arrived_at"] == "2026-02-04T10:30:00-06:00"
    assert values["completed_at"] == "2026-02-04T12:45:00-06:00"
    assert values["labor_hours"] == 2.5
    assert values["notes"] == "found loose lug on contactor L2, re-terminated all lugs"
    assert values["customer_signature"] is True
    assert parts == []


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("No notes entered.", True),
        ("Keine Bemerkungen", True),
        ("Aucune remarque.", True),
        ("n/a", False),
        ("No issues found", False),
        ("No sign of impact, replaced the fan", False),
    ],
)
def test_a_forms_empty_notes_placeholder_is_not_a_note(text: str, placeholder: bool) -> None:
    """`n/a` is the technician's own filler (rule 2 reads it); `No notes entered.` is the form."""
    from triage.extraction.report import _NO_NOTES
    from triage.extraction.values import fold

    assert bool(_NO_NOTES.match(fold(text))) is placeholder


def _placed(*rows: tuple[tuple[str, float], ...]) -> list[Line]:
    """Lines 17 pt apart, each cell's words starting at the given x (5 pt a character)."""
    words: list[Word] = []
    for row_index, row in enumerate(rows):
        top = 300.0 + 17 * row_index
        for text, x in row:
            for token in text.split():
                width = 5.0 * len(token)
                words.append(Word(token, Box(1, x, top, x + width, top + 10)))
                x += width + 3
    return build_lines([PageText(595, 842, words)])


def test_a_centred_header_over_narrow_cells_keeps_its_column() -> None:
    """A facture's table: headers centred over wide columns, `(CHF)` after the label, text
    left-aligned and figures right-aligned, so a short description (`Anfahrt`) and the
    unit prices miss their header's box; the cells they line up with decide."""
    from triage.extraction.invoice import LINE_COLUMNS
    from triage.extraction.tables import find_tables

    lines = _placed(
        (
            ("Réf.", 58),
            ("Désignation", 146),
            ("Qté", 262),
            ("P.U. HT (CHF)", 316),
            ("Montant", 446),
        ),
        (("Arbeitszeit (repair)", 93), ("2", 281), ("135.00", 372), ("270.00", 520)),
        (("Anfahrt", 93), ("1", 281), ("60.00", 377), ("60.00", 525)),
    )
    (table,) = find_tables(lines, LINE_COLUMNS)
    assert [c.name for c in table.columns] == ["sku", "description", "qty", "unit_price", "amount"]
    travel = table.rows[1].values
    assert [text for text, _ in travel["description"]] == ["Anfahrt"]
    assert "sku" not in travel
    assert [text for text, _ in travel["unit_price"]] == ["60.00"]


def test_a_label_wrapped_in_its_column_and_a_dutch_parts_column_are_read() -> None:
    """`Type` over `d'intervention` with the value beside the first line; a parts table
    whose description column is headed `Onderdeel` under a `GEBRUIKTE ONDERDELEN` heading."""
    lines = _lines(
        ("Type", "Dépannage / réparation"),
        "d'intervention",
        ("Technicien", "M. Keller"),
        "GEBRUIKTE ONDERDELEN",
        ("Art.nr.", "Onderdeel", "Aantal"),
        ("P-5012", "Besturingsprint", "2"),
    )
    fields, parts = extract_report(Context(lines, NumberStyle(True), True, "EUR"))
    assert fields["service_type"].value == "repair"
    assert fields["technician"].value == "M. Keller"
    assert [{k: f.value for k, f in part.items()} for part in parts] == [
        {"sku": "P-5012", "description": "Besturingsprint", "qty": 2.0}
    ]
    # a label's first word over another cell is no label: nothing from `Nature` / `Keller`
    fields, _ = extract_report(
        Context(_lines(("Nature", "Dépannage"), "Keller"), NumberStyle(True), True, "EUR")
    )
    assert "service_type" not in fields


def test_a_number_under_a_wrapped_report_title_is_not_the_note() -> None:
    """The title wraps (`WORK ORDER COMPLETION` / `REPORT`) beside a phone number that wraps
    too: the digits under `REPORT` are no note, the comments heading further down gives it."""
    lines = _lines(
        ("Midlands Conveyor Services", "WORK ORDER COMPLETION"),
        ("Unit 12, Rochdale +44 161 254", "REPORT"),
        ("", "5671"),
        ("Work Order No.", "WO-25887"),
        "WORK PERFORMED / TECHNICIAN COMMENTS",
        "PM as per schedule. Greased bearings, all OK.",
    )
    fields, _ = extract_report(Context(lines, NumberStyle(False), True, "GBP"))
    assert fields["notes"].value == "PM as per schedule. Greased bearings, all OK."


def test_a_labelled_figure_under_an_item_is_skipped_but_a_labelled_description_is_kept() -> None:
    from triage.extraction.invoice import _description

    kept = Row(anchor=0)
    kept.add("description", "Kulanz: Anfahrt", BOX)
    assert _description(kept) == ("Kulanz: Anfahrt", BOX)
    skipped = Row(anchor=0)
    skipped.add("description", "Bruttopreis: 17,00", BOX)
    skipped.add("description", "Keilriemen A42", BOX)
    assert _description(skipped) == ("Keilriemen A42", BOX)


def test_a_quantity_printed_with_its_unit_under_the_unit_header_is_the_quantity() -> None:
    """`2 Stk.` set right under `ME`, clear of `Menge`: the number is the quantity, not the
    position number beside the code."""

    def words(top: float, *cells: tuple[float, str]) -> list[Word]:
        out = []
        for x, text in cells:
            for piece in text.split():
                out.append(Word(piece, Box(1, x, top, x + 5.0 * len(piece), top + 9)))
                x += 5.0 * len(piece) + 3
        return out

    page = [
        *words(40, (46, "Materialverbrauch")),
        *words(60, (46, "Pos."), (72, "Art.-Nr."), (140, "Bezeichnung"), (474, "Menge")),
        *words(60, (524, "ME")),
        *words(74, (46, "1"), (72, "P-1001"), (140, "Filterpatrone"), (511, "2 Stk.")),
    ]
    lines = build_lines([PageText(595, 842, page)])
    _, parts = extract_report(Context(lines, NumberStyle(True), True, "EUR"))
    assert [{k: f.value for k, f in part.items()} for part in parts] == [
        {"qty": 2.0, "sku": "P-1001", "description": "Filterpatrone"}
    ]


def test_a_single_printed_rate_survives_payment_terms_but_not_a_second_rate() -> None:
    """A tax amount that does not multiply out (a tax error) keeps the one rate printed
    beside it; a percentage in a sentence of terms does not make it ambiguous, another
    rate in the summary does."""
    summary = (("Subtotal", "$377.88"), ("Sales Tax (7.25%)", "$28.40"), ("TOTAL", "$406.28"))
    terms = "A finance charge of 1.5% per month applies to past-due balances."
    rate = _context(_lines(*summary, terms))
    assert extract_invoice(rate)[0]["tax_rate"].value == 0.0725
    second = _context(_lines(*summary, ("Discount", "2%")))
    assert "tax_rate" not in extract_invoice(second)[0]


def _placed(*rows: list[tuple[str, float]]) -> list[Line]:
    """Lines 11 pt apart, each cell at its own x (a header centred over its column)."""
    words = [
        Word(text, Box(1, x0, 40.0 + 11 * r, x0 + 5.0 * len(text), 49.0 + 11 * r))
        for r, row in enumerate(rows)
        for cell, x in row
        for text, x0 in _word_offsets(cell, x)
    ]
    return build_lines([PageText(595, 842, words)])


def _word_offsets(cell: str, x: float) -> list[tuple[str, float]]:
    out = []
    for text in cell.split():
        out.append((text, x))
        x += 5.0 * len(text) + 3
    return out


def test_a_work_time_table_under_a_wrapped_centred_header_gives_the_visit_times() -> None:
    """`Datum | Arbeitszeit von | bis`, the header's `von` centred under `Arbeitszeit`: the
    times under it take the date printed before them in their row (an overnight job's end
    prints its own)."""
    lines = _placed(
        [("Art der Arbeiten: Reparatur", 40)],
        [("Datum", 60), ("Arbeitszeit", 140), ("bis", 234), ("Arbeitsstunden", 300)],
        [("von", 160)],
        [("23.02.2026", 40), ("23:00", 150), ("24.02.2026 03:15", 203), ("4,00", 323)],
    )
    fields, _ = extract_report(Context(lines, NumberStyle(True), True, "EUR"))
    values = {name: f.value for name, f in fields.items()}
    assert values["service_type"] == "repair"
    assert values["arrived_at"] == "2026-02-23T23:00:00+01:00"
    assert values["completed_at"] == "2026-02-24T03:15:00+01:00"
    assert values["labor_hours"] == 4.0


# a form's checklist under the parts, then the signature answered after its signing line
CHECKLIST_THEN_SIGNATURE = (
    "SAFETY / SITE CHECKLIST",
    ("Lockout / tagout applied", "☒", "☐"),
    "Customer signature: ______________________ (signed)",
)


def test_zone_names_under_the_times_a_parts_heading_saying_none_and_a_signing_line() -> None:
    """`EST` on its own line under each time; `PARTS / MATERIALS` over `No parts used` and a
    checklist (no parts); an answer written after the signing line."""
    lines = _lines(
        ("Call Received", "2/18/2026 8:00 AM"),
        ("", "EST"),
        ("On Site", "2/18/2026 7:00 PM"),
        ("", "EST"),
        "PARTS / MATERIALS",
        ("Part #", "Description", "Qty"),
        "No parts used on this call.",
        *CHECKLIST_THEN_SIGNATURE,
    )
    fields, parts = extract_report(Context(lines, NumberStyle(False), False, "USD"))
    assert fields["reported_at"].value == "2026-02-18T08:00:00-05:00"
    assert fields["arrived_at"].value == "2026-02-18T19:00:00-05:00"
    assert fields["customer_signature"].value is True
    assert parts == []


def test_a_parts_table_ends_at_a_signature_line_and_a_heading_set_apart() -> None:
    lines = _lines(
        ("Part #", "Description", "Qty"),
        ("P-5012", "Control board", "1"),
        "",
        *CHECKLIST_THEN_SIGNATURE,
    )
    fields, parts = extract_report(Context(lines, NumberStyle(False), False, "USD"))
    assert [p["description"].value for p in parts] == ["Control board"]
    assert fields["customer_signature"].value is True


def test_a_value_wrapped_in_its_cell_a_wrapped_ticked_option_and_a_two_name_notes_heading() -> None:
    """`8:00 AM (UTC-` over `06:00)`; the ticked box ends the row and its option wraps onto
    the next line; `Work carried out / comments` ends the parts table above it."""
    lines = _lines(
        ("Call received", "02/05/2026 8:00 AM (UTC-"),
        ("", "06:00)"),
        ("Type of visit", "☐ Repair", "☐ Inspection", "☒"),
        ("", "Emergency repair"),
        "Parts used",
        ("Part no.", "Description", "Qty"),
        ("P-3320", "Hydraulic hose assy", "1"),
        "Work carried out / comments",
        "burst hyd hose on press #4, leak chk ok @ 2500 psi",
    )
    fields, parts = extract_report(Context(lines, NumberStyle(False), False, "USD"))
    assert fields["reported_at"].value == "2026-02-05T08:00:00-06:00"
    assert fields["service_type"].value == "emergency_repair"
    assert fields["notes"].value == "burst hyd hose on press #4, leak chk ok @ 2500 psi"
    assert [p["sku"].value for p in parts] == ["P-3320"]


def test_a_phrase_like_a_notes_heading_under_the_notes_heading_is_the_note() -> None:
    lines = _lines("Technician notes", "work carried out", "", ("Customer signature:", "No"))
    fields, _ = extract_report(Context(lines, NumberStyle(False), True, "GBP"))
    assert fields["notes"].value == "work carried out"


def test_dotted_leaders_a_second_heading_name_and_a_signature_sentence_end_the_fields() -> None:
    """A French form: values after dot leaders, `Pièces remplacées / fournies` over a table
    whose descriptions sit flush left in a wide column that misses their centred header, and
    a signature sentence right under the note."""
    lines = _placed(
        [("Appel du client..............................10.02.2026 à 8h00", 62)],
        [("Temps passé (main d'œuvre)...................2 h", 62)],
        [("Pièces remplacées / fournies", 62)],
        [("Référence", 78), ("Désignation", 274), ("Quantité", 473)],
        [("P-4420", 62), ("Lüftermotor", 148), ("1", 490)],
        [("Compte rendu / observations", 62)],
        [("Lüftermotor defekt, ersetzt.", 76)],
        [("Signature du client (précédée de la mention « Bon pour accord ») : signé", 62)],
    )
    fields, parts = extract_report(Context(lines, NumberStyle(True), True, "CHF"))
    assert fields["reported_at"].value == "2026-02-10T08:00:00+01:00"
    assert fields["labor_hours"].value == 2.0
    assert fields["notes"].value == "Lüftermotor defekt, ersetzt."
    assert fields["customer_signature"].value is True
    assert [{k: f.value for k, f in p.items()} for p in parts] == [
        {"sku": "P-4420", "description": "Lüftermotor", "qty": 1.0}
    ]


def test_a_note_and_a_materials_list_side_by_side_are_read_as_two_columns() -> None:
    """`Uitgevoerde werkzaamheden` and `Gebruikte materialen` head two columns of one page
    width: the note is the left column, the materials (here none) the right one."""
    lines = _placed(
        [("Uitgevoerde werkzaamheden", 51), ("Gebruikte materialen", 458)],
        [
            ("Storing op koelcel 2, klemmen los, vastgezet,", 51),
            ("Artikelnr.", 464),
            ("Omschrijving", 532),
            ("Aantal", 734),
        ],
        [("alles draait.", 51), ("geen", 532)],
    )
    fields, parts = extract_report(Context(lines, NumberStyle(True), True, "EUR"))
    assert fields["notes"].value == "Storing op koelcel 2, klemmen los, vastgezet, alles draait."
    assert parts == []


def test_an_invoice_names_its_work_order_as_the_intervention() -> None:
    lines = _lines("Intervention : WO-24370 Date d'intervention : 12/02/2026")
    fields, _ = extract_invoice(_context(lines))
    assert fields["work_order_id"].value == "WO-24370"


def test_an_app_export_title_created_time_status_chip_and_unlabelled_visit_type() -> None:
    """A dispatch app's report: the title's print time is no completion, `Created` is when
    the job was reported, a status chip says the customer did not sign, and a row of
    checkboxes under a bare heading gives the visit type."""
    lines = _lines(
        ("Job completion report", "20 Jan 2026 · 12:57 GMT"),
        ("● COMPLETED", "✗ NO CUSTOMER SIGNATURE"),
        ("CUSTOMER", "EQUIPMENT"),
        ("Penrose Hotels plc", "Chiller XR-200"),
        "INTERVENTION",
        ("☐ Maintenance préventive", "☒ Dépannage", "☐ Installation", "☐ Contrôle"),
        ("Created", "20 Jan 2026 · 08:00 GMT"),
        ("Completed", "20 Jan 2026 · 12:45 GMT"),
    )
    fields, _ = extract_report(Context(lines, NumberStyle(False), True, "GBP"))
    assert fields["reported_at"].value == "2026-01-20T08:00:00+00:00"
    assert fields["completed_at"].value == "2026-01-20T12:45:00+00:00"
    assert fields["customer_signature"].value is False
    assert fields["service_type"].value == "repair"


def test_a_job_sheet_number_a_logged_time_and_a_checklist_after_the_note() -> None:
    lines = _lines(
        "Job sheet",
        "WO-24296",
        "Logged",
        "02/02/2026 08:00 (UTC+00:00)",
        "ENGINEER'S NOTES",
        "Replaced the door gasket.",
        "",
        "CHECKLIST",
        "✔ Work area left safe",
    )
    fields, _ = extract_report(Context(lines, NumberStyle(False), True, "GBP"))
    assert fields["work_order_id"].value == "WO-24296"
    assert fields["reported_at"].value == "2026-02-02T08:00:00+00:00"
    assert fields["notes"].value == "Replaced the door gasket."


def test_an_item_code_captioned_under_it_and_text_beside_the_totals_stay_apart() -> None:
    """`SKU P-3105` under the item is its code; `Scan to pay online` by a QR code and a
    thank-you line under it are not its description; `FROM` / `TO` head the parties."""
    lines = _placed(
        [("FROM", 28), ("TO", 214)],
        [("Kestrel Mechanical Ltd", 28), ("Penrose Hotels plc", 214)],
        [],
        [("DESCRIPTION", 46), ("QTY", 303), ("RATE", 381), ("AMOUNT", 516)],
        [("Drive belt B-62", 46), ("1", 313), ("£23.56", 372), ("£23.56", 521)],
        [("SKU P-3105", 46)],
        [],
        [],
        [("Scan to pay online", 130)],
        [("Thank you for your payment.", 40), ("Subtotal", 343), ("£23.56", 514)],
    )
    fields, items = extract_invoice(_context(lines))
    assert fields["issuer"].value == "Kestrel Mechanical Ltd"
    assert fields["bill_to"].value == "Penrose Hotels plc"
    assert [(i["sku"].value, i["description"].value) for i in items] == [
        ("P-3105", "Drive belt B-62")
    ]


def test_a_bare_job_heading_names_the_work_order_under_it() -> None:
    fields, _ = extract_invoice(_context(_lines(("ISSUED", "JOB"), ("3 Feb 2026", "WO-24296"))))
    assert fields["work_order_id"].value == "WO-24296"
    fields, _ = extract_invoice(_context(_lines(("ISSUED", "Job done"), ("3 Feb 2026", "WO-1"))))
    assert "work_order_id" not in fields


def test_a_spreadsheet_invoice_empty_rows_a_blank_order_cell_and_a_left_set_description() -> None:
    """A spreadsheet template: numbered empty rows print `0,00 €`, the order number's cell is
    left empty beside the next label, and descriptions sit flush left of a centred header
    nearer the code column."""
    lines = _placed(
        [("Ihre Bestell-Nr.", 51), ("Auftrags-Nr.", 321), ("WO-24037", 404)],
        [
            ("Pos.", 58),
            ("Art.-Nr.", 96),
            ("Bezeichnung", 208),
            ("Menge", 332),
            ("Einzelpreis", 421),
            ("Gesamtpreis", 493),
        ],
        [("1", 63), ("Anfahrt", 138), ("1,00", 350), ("45,00 €", 452), ("45,00 €", 529)],
        [("2", 63), ("0,00 €", 533)],
        [("3", 63), ("0,00 €", 533)],
    )
    fields, items = extract_invoice(
        Context(lines=lines, style=NumberStyle(True), day_first=True, currency="EUR")
    )
    assert "po_number" not in fields
    assert [(i["description"].value, i["kind"].value) for i in items] == [("Anfahrt", "travel")]


def test_a_work_order_sheet_marks_its_type_and_logs_times_with_a_zone_column() -> None:
    lines = _placed(
        [("WO #", 347)],
        [("WORK ORDER", 37)],
        [("WO-24148", 432)],
        [("TYPE OF SERVICE (CHECK ONE)", 37)],
        [("Preventive maintenance", 60), ("Installation", 416)],
        [("X", 45), ("Emergency repair", 60), ("Inspection", 416)],
        [("Event", 60), ("Date", 186), ("Time", 347), ("Zone", 416)],
        [("Call received", 60), ("02/05/2026", 186), ("8:00 AM", 383), ("CST", 432)],
        [
            ("Date", 44),
            ("Work carried out", 107),
            ("Start", 327),
            ("Finish", 374),
            ("Labour hrs", 457),
            ("Travel hrs", 510),
        ],
        [("02/05/2026 On site", 64), ("10:30", 326), ("12:45", 374), ("2.00", 485), ("1.00", 537)],
    )
    fields, _ = extract_report(Context(lines, NumberStyle(False), False, "USD"))
    assert fields["work_order_id"].value == "WO-24148"
    assert fields["service_type"].value == "emergency_repair"
    assert fields["reported_at"].value == "2026-02-05T08:00:00-06:00"
    assert "notes" not in fields


def test_hours_columns_under_short_headings_with_the_next_column_run_on() -> None:
    lines = _placed(
        [("Datum", 60), ("von", 113), ("bis", 151), ("Std.", 188), ("Fahrt", 228)],
        [("14.01.26", 57), ("10:30", 110), ("13:45", 147), ("3,00", 201), ("0,50 Wartung", 243)],
    )
    fields, _ = extract_report(Context(lines, NumberStyle(True), True, "EUR"))
    assert fields["labor_hours"].value == 3.0
    assert fields["travel_hours"].value == 0.5


def test_a_timesheet_with_total_hours_is_a_service_report() -> None:
    from triage.extraction.analyze import detect_doc_type

    lines = _lines(
        "TIMESHEET & MATERIALS",
        ("Job no.:", "WO-24074"),
        ("Engineer:", "D. Oduya"),
        ("Total hours", "2.00"),
    )
    assert detect_doc_type(lines)[0] == "service_report"


def test_a_rate_is_no_identifier_and_a_bon_number_names_the_work_order() -> None:
    from triage.extraction.fields import parse_identifier

    assert parse_identifier("21%") is None
    assert parse_identifier("PO-55120") == "PO-55120"
    lines = _placed([("N° bon", 347)], [("BON DE TRAVAUX", 44)], [("WO-24370", 424)])
    fields, _ = extract_report(Context(lines, NumberStyle(True), True, "EUR"))
    assert fields["work_order_id"].value == "WO-24370"


def test_a_bare_de_heads_the_seller_only_beside_the_buyers_label() -> None:
    """`DE | FACTURÉ À` over two blocks: `DE` is the seller's heading; alone in its row it is
    a country code, and the seller is not read from it."""
    paired = _placed(
        [("DE", 28), ("FACTURÉ À", 214)],
        [("Acme Field Services GmbH", 28), ("Clinique Saint-Roch", 214)],
    )
    fields, _ = extract_invoice(_context(paired))
    assert fields["issuer"].value == "Acme Field Services GmbH"
    assert fields["bill_to"].value == "Clinique Saint-Roch"
    assert [hit.field for _, _, hit in _beside_buyer(paired)] == ["issuer"]
    alone = _placed([("Pays", 28), ("DE", 214)], [("Kestrel Mechanical Ltd", 214)])
    assert list(_beside_buyer(alone)) == []


def test_a_work_order_sheet_with_an_empty_description_and_a_marked_refusal() -> None:
    """`DESCRIPTION OF WORK PERFORMED` over nothing gives no note (not `PERFORMED`); of two
    signature statements offered as options, the one marked `X` answers: declined."""
    lines = _placed(
        [("WORK ORDER", 37), ("WO-24333", 432)],
        [("Technician", 60), ("M. Keller", 186)],
        [("DESCRIPTION OF WORK PERFORMED", 37)],
        [("CUSTOMER ACKNOWLEDGEMENT", 37)],
        [("Work completed to customer's satisfaction — signed by customer", 60)],
        [("X", 45), ("Customer not available / declined to sign", 60)],
        [("Customer signature:", 118), ("Date:", 396)],
    )
    fields, _ = extract_report(Context(lines, NumberStyle(False), False, "USD"))
    assert "notes" not in fields
    assert fields["customer_signature"].value is False
    assert read_signature("Le client a refusé de signer", strict=True) == (False, 0.85)
    assert read_signature("Customer signed on site", strict=True) == (True, 0.85)


def test_a_title_naming_materials_is_no_parts_section_and_a_tagline_is_no_company() -> None:
    """`TIMESHEET & MATERIALS` titles the sheet: the company under it is not a part. A
    tagline's lone `Service` (`Service · Maintenance · Repairs`) names no company."""
    assert _parts_label("TIMESHEET & MATERIALS") is None
    assert _parts_label("Verwendete Ersatzteile:") is not None
    lines = _placed(
        [("TIMESHEET & MATERIALS", 44)],
        [("Acme Field Services UK Ltd", 44)],
        [("Job no.:", 44), ("WO-24296", 107)],
    )
    _, parts = extract_report(Context(lines, NumberStyle(False), True, "GBP"))
    assert parts == []
    assert company_in("Service") is None
    assert company_in("GmbH") is None
    assert company_in("Kestrel Service") == "Kestrel Service"


def test_a_sundry_code_or_a_change_order_lump_sum_is_a_fee_not_a_part() -> None:
    """`MISC | Roof hose bib per CO-5518` bills a change order, not an article: read as a part,
    it would be a part billed but absent from the report (a false quantity mismatch)."""
    assert infer_kind("Roof hose bib per CO-5518", "MISC", 85.0)[0] == "fee"
    assert infer_kind("Roof hose bib per CO-5518", None, 85.0)[0] == "fee"
    assert infer_kind("Supply valve", "P-7001", 103.68)[0] == "part"
    assert infer_kind("Labour per CO-12", None, 95.0)[0] == "labor"


def test_a_minus_printed_with_the_currency_symbol_signs_the_amount() -> None:
    """`1 × -€ 50,00 = -€ 50,00` on an item card: a credit of 50, not a charge."""
    (line,) = _placed([("1 × -€ 50,00 = -€ 50,00", 41)])
    values = [n.value for n in numbers_in(line, NumberStyle(True))]
    assert values == [1.0, -50.0, -50.0]
    (plain,) = _placed([("1 × € 38,00 = € 38,00", 41)])
    assert [n.value for n in numbers_in(plain, NumberStyle(True))] == [1.0, 38.0, 38.0]


def test_item_cards_keep_the_heading_the_kind_chip_and_the_code_caption_out_of_the_text() -> None:
    """Item cards: `Positionen` heads them from further left, a kind chip sits on the right
    of the description, `Part no.` captions the code; none is the item's description."""
    lines = _placed(
        [("Positionen", 28)],
        [("Arbeitszeit (repair)", 41), ("ARBEIT", 357)],
        [("2 Std. × € 95,00 = € 190,00", 41)],
        [("€ 190,00", 336)],
        [("O-Ring-Satz", 41), ("MATERIAL", 348)],
        [("Part no. P-1140", 41)],
        [("1 × € 38,00 = € 38,00", 41)],
    )
    items = arithmetic_items(lines, NumberStyle(True))
    assert [(i.description[0] if i.description else None) for i in items] == [
        "Arbeitszeit (repair)",
        "O-Ring-Satz",
    ]
    assert [(i.sku[0] if i.sku else None) for i in items] == [None, "P-1140"]


def _spaced_pdf(gap_after_r: float) -> bytes:
    """`Bruttosumme` set glyph by glyph 0.6 pt apart, with another gap after `Br`."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("helvetica", size=8)
    x = 60.0
    for k, ch in enumerate("Bruttosumme"):
        pdf.text(x, 100, ch)
        x += pdf.get_string_width(ch) + (gap_after_r if k == 1 else 0.6)
    return bytes(pdf.output())


def test_a_space_pdfium_makes_up_inside_letter_spaced_text_does_not_split_the_word() -> None:
    """pdfium generates a space where letter-spaced glyphs sit a little further apart
    (`Br uttosumme`, a label then missed); a word's gap still splits."""
    import pypdfium2 as pdfium

    tracked, apart = pdfium.PdfDocument(_spaced_pdf(1.15)), pdfium.PdfDocument(_spaced_pdf(2.6))
    try:
        assert tracked[0].get_textpage().get_text_range() == "Br uttosumme"
        assert [line.text for line in build_lines(read_pages(tracked, 1))] == ["Bruttosumme"]
        assert [line.text for line in build_lines(read_pages(apart, 1))] == ["Br uttosumme"]
    finally:
        tracked.close()
        apart.close()


@pytest.mark.parametrize("label", ["Delivery Address", "Adresse de livraison", "Deliver to"])
def test_a_delivery_address_heading_is_a_label_not_the_buyers_name(label: str) -> None:
    """The addressee block under `Delivery Address` names the buyer on the line below it."""
    hit = label_at_start(label, PARTY)
    assert hit is not None
    assert hit.field == "_service_location"
    lines = _placed(
        [("Invoice FA-2017-0008", 31)],
        [(label, 37)],
        [("Me gusta olive", 37)],
        [("87 camino de la calor", 37)],
        [("41700 Dos Hermanas", 37)],
    )
    fields, _ = extract_invoice(_context(lines))
    assert fields["bill_to"].value == "Me gusta olive"


def test_a_numbered_form_ends_its_parts_and_notes_at_the_next_numbered_section() -> None:
    """`4 Prüfprotokoll` after the material table and `6 Unterschrift` after the remarks are
    the form's next sections: the measurements under one are no parts, the legal text under
    the other no note; the unticked status under it says unsigned."""
    lines = _lines(
        "3 Material",
        ("Art.-Nr.", "Bezeichnung", "Menge"),
        ("P-1001", "Luftfilter F7", "4"),
        "",
        "4 Prüfprotokoll",
        ("Netzspannung L1-L2", "", "400"),
        ("Vorlauftemperatur", "", "6,0"),
        "",
        "5 Bemerkungen",
        "Filter gewechselt, Anlage läuft.",
        "",
        "6 Unterschrift",
        "Mit seiner Unterschrift bestätigt der Kunde die Ausführung der Arbeiten.",
        ("", "☐ nicht unterschrieben"),
    )
    fields, parts = extract_report(_context(lines))
    assert [p["description"].value for p in parts] == ["Luftfilter F7"]
    assert fields["notes"].value == "Filter gewechselt, Anlage läuft."
    assert fields["customer_signature"].value is False
    assert label_at_start("4 Prüfprotokoll", REPORT) is None
    hit = label_at_start("5 Bemerkungen", REPORT)
    assert hit is not None
    assert hit.field == "notes"
    assert label_at_start("2 Bemerkungen zu 4 Filtern", REPORT) is None  # a count, not a section


@pytest.mark.parametrize(
    ("answer", "signed"), [("Non signé", False), ("Signé le 10/02/2026", True), ("M. Roux", True)]
)
def test_a_signatures_heading_over_signers_captions_reads_the_customers_column(
    answer: str, signed: bool
) -> None:
    lines = _lines("SIGNATURES", ("Le technicien", "Le client"), ("L. Moreau", answer))
    fields, _ = extract_report(_context(lines))
    assert fields["customer_signature"].value is signed


def test_a_signed_by_label_under_a_heading_keeps_its_own_answer() -> None:
    lines = _lines("Akkoord klant", ("Getekend door klant", "Nee"))
    assert extract_report(_context(lines))[0]["customer_signature"].value is False
    stated = _lines("CUSTOMER ACCEPTANCE", "Customer signed on site to accept the work.")
    assert extract_report(_context(stated))[0]["customer_signature"].value is True
    asked = _lines(("Customer signed (Y/N):", "N"))
    assert extract_report(_context(asked))[0]["customer_signature"].value is False


def test_a_label_word_in_the_title_and_a_name_caption_in_a_card() -> None:
    """`Engineer Visit Report` is a title, the engineer is named further down; a card titled
    `TECHNICIAN` holds `Name | R. Guerrero`."""
    titled = _lines("Engineer Visit Report", ("Engineer", "D. Oduya"))
    assert extract_report(_context(titled))[0]["technician"].value == "D. Oduya"
    card = _lines("TECHNICIAN", ("Name", "R. Guerrero"))
    assert extract_report(_context(card))[0]["technician"].value == "R. Guerrero"


def test_a_timeline_time_with_its_zone_and_centred_hours_cards() -> None:
    """`02/05/2026 | 8:00 AM CST` in a time log; `LABOR HOURS | TRAVEL HOURS | SERVICE DATE`
    over values centred in their cards (not under the caption's text): hours, not parts."""
    lines = _placed(
        [("Event", 40), ("Date", 300), ("Time", 420)],
        [("Call received", 40), ("02/05/2026", 300), ("8:00 AM CST", 420)],
        [],
        [("LABOR HOURS", 40), ("TRAVEL HOURS", 200), ("SERVICE DATE", 380)],
        [("2.00", 110), ("1.00", 270), ("02/05/2026", 420)],
    )
    fields, parts = extract_report(Context(lines, NumberStyle(False), False, "USD"))
    assert fields["reported_at"].value == "2026-02-05T08:00:00-06:00"
    assert (fields["labor_hours"].value, fields["travel_hours"].value) == (2.0, 1.0)
    assert parts == []


def test_a_letter_spaced_title_its_number_sign_cell_and_payment_terms_counted_from_the_date() -> (
    None
):
    """`FA C T U R E` over `N° | INV-2026-31530`; `à 30 jours date de facture, soit le 15 mars
    2026` names the due date, not the invoice's."""
    lines = _placed(
        [("Acme SARL", 40), ("FA C T U R E", 396)],
        [("85 avenue Jean Jaurès", 40)],
        [("N°", 359), ("INV-2026-31530", 384)],
        [("Date 13 février 2026", 359)],
        [],
        [("Conditions de paiement : à 30 jours date de facture, soit le 15 mars 2026", 40)],
    )
    fields, _ = extract_invoice(_context(lines))
    assert fields["number"].value == "INV-2026-31530"
    assert fields["date"].value == "2026-02-13"


def test_a_stacked_item_keeps_its_outdented_title_over_its_indented_figures() -> None:
    """`1. Oil filter` over `Menge 1 x EUR 31.67 = EUR 31.67` set further in: the line right
    above the figures is the item's own title, even set out to the left of them."""
    lines = _placed(
        [("Auftragsnummer:", 48), ("SO-711436", 184)],
        [("1. Main d'oeuvre", 48)],
        [("Menge 3.9 x EUR 68.50 = EUR 267.15", 61)],
        [("2. Oil filter", 48)],
        [("Menge 1 x EUR 31.67 = EUR 31.67", 61)],
    )
    items = arithmetic_items(lines, NumberStyle(False))
    assert [(i.description[0] if i.description else None) for i in items] == [
        "Main d'oeuvre",
        "Oil filter",
    ]


def test_a_continuation_note_a_blank_code_caption_and_a_code_of_figures() -> None:
    """`(continued on next page)` under a page's last item is not its text; `Référence: -`
    leaves the part without a code; `(Référence 7829-211)` names a code of figures only."""
    lines = _lines(
        ("Description", "Qty", "Amount"),
        ("Door seal", "1", "38.00"),
        "(continued on next page)",
    )
    _, items = extract_invoice(_context(lines))
    assert [i["description"].value for i in items] == ["Door seal"]
    part = _part_from_text("- Cable ties and fixings / Référence: - / Qté: 1", BOX, _context([]))
    assert (part["description"].value, "sku" in part) == ("Cable ties and fixings", False)
    stacked = _placed(
        [("3. Gas valve (Référence 7829-211)", 48)],
        [("Qté 1 x 313,31 GBP = 313,31 GBP", 61)],
    )
    (item,) = arithmetic_items(stacked, NumberStyle(True))
    assert item.description is not None
    assert item.description[0] == "Gas valve"
    assert item.sku is not None
    assert item.sku[0] == "7829-211"


def test_a_bold_value_set_a_few_points_off_its_labels_line() -> None:
    """`Invoice #` in a grid whose value, set larger, lands on the line above it."""
    words = [
        Word("BILL", Box(1, 43, 127, 60, 135)),
        Word("TO", Box(1, 63, 127, 73, 135)),
        Word("SUB-8844", Box(1, 481, 126.5, 540, 138)),
        Word("Invoice", Box(1, 402, 131, 430, 139)),
        Word("#", Box(1, 432, 131, 436, 139)),
    ]
    lines = build_lines([PageText(595, 842, words)])
    assert extract_invoice(_context(lines))[0]["number"].value == "SUB-8844"


def test_an_sap_position_table_names_its_code_and_value_columns() -> None:
    """`Pos | Material | Bezeichnung | Menge ME | Preis/ME EUR | Wert EUR`: the material
    number is the code, `Wert` the line's amount."""
    header = [("Pos", 57), ("Material", 85), ("Bezeichnung", 147), ("Menge ME", 353)]
    row = [("30", 57), ("P-1001", 85), ("Luftfilter F7", 147), ("4,000 ST", 356)]
    lines = _placed(
        [*header, ("Preis/ME EUR", 412), ("Wert EUR", 504)],
        [*row, ("12,50", 441), ("50,00", 517)],
    )
    _, items = extract_invoice(Context(lines, NumberStyle(True), True, "EUR"))
    item = {k: f.value for k, f in items[0].items()}
    assert (item["sku"], item["description"]) == ("P-1001", "Luftfilter F7")
    assert (item["qty"], item["unit_price"], item["amount"]) == (4.0, 12.5, 50.0)


def test_a_checklist_remarks_column_and_a_capitals_caption_grid_are_no_values() -> None:
    """`Nr. | Prüfpunkt | Ergebnis | Bemerkung` heads a checklist (its remarks column is no
    note); `TECHNICIAN | TECH ID` over `R. Guerrero | T-106`: each caption's value is under it."""
    lines = _lines(
        ("TECHNICIAN", "TECH ID", "TRUCK"),
        ("R. Guerrero", "T-106", "Truck 34"),
        ("Nr.", "Prüfpunkt", "Ergebnis", "Bemerkung"),
        ("1", "Sichtprüfung", "i.O.", ""),
        "",
        "Durchgeführte Arbeiten / Befund",
        "Filter gewechselt.",
    )
    fields, _ = extract_report(_context(lines))
    assert fields["technician"].value == "R. Guerrero"
    assert fields["notes"].value == "Filter gewechselt."


def test_service_type_after_a_bare_type_label_and_in_an_option_marked_in_its_own_cell() -> None:
    typed = _lines(("Type", "Maintenance préventive"))
    assert extract_report(_context(typed))[0]["service_type"].value == "preventive_maintenance"
    equipment = _lines(("Anlage / Typ", "Inbetriebnahme"))
    assert "service_type" not in extract_report(_context(equipment))[0]
    ticked = _lines(
        "Type of work (tick one)",
        ("Planned maintenance", "X Breakdown repair", "Installation"),
    )
    assert extract_report(_context(ticked))[0]["service_type"].value == "repair"


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        ("X Customer not available to sign", False),
        ("Customer not available to sign", None),  # an option left unmarked says nothing
        ("Kunde nicht anwesend – keine Unterschrift", False),
        ("Client absent – bon non signé", False),
    ],
)
def test_signature_reads_absence_only_where_marked(text: str, signed: bool | None) -> None:
    stated = read_signature(text)
    assert (stated[0] if stated else None) is signed


def test_a_signature_drawn_over_its_caption_and_a_label_that_states_it() -> None:
    """A stroke on the signing line over `CUSTOMER SIGNATURE | DATE` signs it (the caption's
    neighbour `DATE` is no signer's name); `Signature du client (lu et approuvé)` over
    `Bon signé par le client` is signed by that statement."""
    lines = _placed([("CUSTOMER SIGNATURE", 36), ("DATE", 366)])
    stroke = Box(1, 52, 2, 222, 38)  # ends just over the caption (top 40)
    fields, _ = extract_report(Context(lines, NumberStyle(False), False, "USD", ink=(stroke,)))
    assert fields["customer_signature"].value is True
    fields, _ = extract_report(_context(lines))
    assert fields["customer_signature"].value is False
    stated = _lines(("", "Signature du client (lu et approuvé)"), ("", "Bon signé par le client"))
    assert extract_report(_context(stated))[0]["customer_signature"].value is True


def test_a_parts_heading_with_its_conjunction_is_no_part_and_odoo_codes_in_brackets() -> None:
    lines = _lines("PIÈCES ET FOURNITURES", ("Réf.", "Désignation", "Qté"), "", "SIGNATURES")
    assert extract_report(_context(lines))[1] == []
    assert code_in_text("[P-3105] Drive belt B-62") == ("P-3105", "Drive belt B-62")


def test_odoo_totals_end_the_table_and_its_source_is_the_work_order() -> None:
    lines = _placed(
        [("Invoice Date:", 43), ("Due Date:", 117), ("Source:", 181)],
        [("21/01/2026", 43), ("05/02/2026", 117), ("WO-24074", 181)],
        [("Description", 46), ("Quantity", 274), ("Unit Price", 355), ("Amount", 516)],
        [("Travel", 46), ("1.00", 274), ("38.00", 374), ("38.00", 520)],
        [("Untaxed Amount", 321), ("38.00", 515)],
        [("VAT 20%", 321), ("7.60", 520)],
        [("Total", 321), ("45.60", 515)],
    )
    fields, items = extract_invoice(_context(lines))
    assert fields["work_order_id"].value == "WO-24074"
    assert (fields["subtotal"].value, fields["tax"].value) == (38.0, 7.6)
    assert len(items) == 1


def test_a_shop_invoice_prints_the_unit_price_before_the_lines_price() -> None:
    """WooCommerce: `Product | Unit price | Quantity | Price`, the last being the amount."""
    lines = _placed(
        [("Product", 48), ("Unit price", 278), ("Quantity", 402), ("Price", 522)],
        [("Labor (repair)", 47), ("£82.00", 295), ("1.5", 431), ("£123.00", 511)],
    )
    _, items = extract_invoice(_context(lines))
    item = {k: f.value for k, f in items[0].items()}
    assert (item["unit_price"], item["qty"], item["amount"]) == (82.0, 1.5, 123.0)


def test_french_hours_spaced_around_their_h() -> None:
    assert parse_timestamp("12/02/2026 à 8 h 00", day_first=True) == (
        datetime(2026, 2, 12, 8, 0),
        False,
    )


def _sign_off_pdf(signed: bool) -> bytes:
    """`TECHNICIAN | CUSTOMER` captions, the customer's signature a polyline of short lines
    (as wkhtmltopdf prints an SVG curve) when signed."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("helvetica", size=9)
    pdf.text(48, 360, "TECHNICIAN")
    pdf.text(319, 360, "CUSTOMER")
    if signed:
        pdf.polyline([(323 + 2 * i, 380 + (i % 5) * 3) for i in range(30)])
    return bytes(pdf.output())


@pytest.mark.parametrize("signed", [True, False])
def test_a_signers_row_reads_the_customers_column(signed: bool) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(_sign_off_pdf(signed))
    pages = read_pages(document, len(document))
    context = Context(build_lines(pages), NumberStyle(False), False, "USD", ink=tuple(pages[0].ink))
    assert extract_report(context)[0]["customer_signature"].value is signed


def test_an_odoo_worksheet_product_table_and_a_shops_sku_line() -> None:
    """`Produkt | Menge` with `[P-1140] Dichtungssatz`; a shop's `SKU: P-6030` meta line."""
    sheet = _placed(
        [("Produkt", 46), ("Menge", 521)],
        [("[P-1140] Dichtungssatz", 46), ("1,00 Stück", 508)],
    )
    _, parts = extract_report(Context(sheet, NumberStyle(True), True, "EUR"))
    assert [{k: f.value for k, f in p.items()} for p in parts] == [
        {"qty": 1.0, "sku": "P-1140", "description": "Dichtungssatz"}
    ]
    shop = _placed(
        [("Product", 48), ("Unit price", 310), ("Quantity", 417), ("Price", 522)],
        [("Seal kit", 47), ("£32.68", 327), ("1", 454), ("£32.68", 516)],
        [("SKU: P-1140", 47)],
    )
    _, items = extract_invoice(_context(shop))
    assert (items[0]["sku"].value, items[0]["description"].value) == ("P-1140", "Seal kit")


def test_a_number_dated_on_the_line_under_it_and_a_reports_number_under_its_title() -> None:
    invoice = _placed(
        [("FACTURE", 333)],
        [("Acme SA", 43), ("N° INV-2026-31901", 333)],
        [("du 11.02.2026", 333)],
        [],
        [("Date d'intervention :", 43), ("10.02.2026", 138)],
    )
    assert extract_invoice(_context(invoice))[0]["date"].value == "2026-02-11"
    report = _placed([("SERVICE REPORT", 439)], [("No. WO-24444", 501)], [("Acme Inc.", 43)])
    fields, _ = extract_report(Context(report, NumberStyle(False), False, "USD"))
    assert fields["work_order_id"].value == "WO-24444"


def test_a_time_sheet_row_gives_its_duration_and_end_and_its_title_no_engineer() -> None:
    lines = _placed(
        [("Engineer Time Sheet", 403)],
        [("Engineer", 48), ("M. Keller", 150)],
        [
            ("Date", 48),
            ("Activity", 129),
            ("Arrived / start", 323),
            ("Finish", 404),
            ("Hours", 525),
        ],
        [("02/02/2026", 48), ("Travel", 129), ("–", 323), ("–", 404), ("1.00", 530)],
        [
            ("02/02/2026", 48),
            ("Labour on site", 129),
            ("10:30", 323),
            ("12:15", 404),
            ("1.50", 530),
        ],
    )
    fields, _ = extract_report(_context(lines))
    assert fields["technician"].value == "M. Keller"
    assert fields["labor_hours"].value == 1.5
    assert str(fields["completed_at"].value).startswith("2026-02-02T12:15")  # under a `–`
    paired = _lines(("Labour hours", "2.00", "Travel hours", "1.00"))
    assert extract_report(_context(paired))[0]["labor_hours"].value == 2.0


def test_a_bank_sort_code_casts_no_vote_on_the_date_order() -> None:
    lines = _lines(
        "Date / tax point 04/03/2026",
        "Payment due 03/04/2026",
        "Please pay by BACS, sort code 03-96-16, quoting the invoice number. VAT @ 20%",
    )
    assert day_first_hint(lines, "GBP") is True


def test_a_tagline_naming_a_service_is_no_service_type() -> None:
    lines = _lines(
        "Service & maintenance · Job No. WO-24296",
        ("Job type", "☐ Preventative maintenance", "☒ Repair"),
    )
    assert extract_report(_context(lines))[0]["service_type"].value == "repair"


def test_a_dutch_sign_off_heading_over_its_status() -> None:
    lines = _lines("AFTEKENEN KLANT", "", "Ondertekend door Fleur Bakker · 11-02-2026 12:49")
    assert extract_report(_context(lines))[0]["customer_signature"].value is True


def test_a_worksheets_hours_column_gives_travel_and_work_by_their_rows() -> None:
    """Odoo: `Aufgewendete Stunden` over an `Anfahrt` row, a work row and their total."""
    header = [("Datum", 46), ("Mitarbeiter", 140), ("Beschreibung", 236)]
    lines = _placed(
        [*header, ("Aufgewendete Stunden", 452)],
        [("22.01.2026", 46), ("M. Keller", 140), ("Anfahrt", 236), ("01:00", 527)],
        [("22.01.2026", 46), ("M. Keller", 140), ("Arbeiten vor Ort", 236), ("02:00", 527)],
        [("Gesamt", 46), ("03:00", 526)],
    )
    fields, _ = extract_report(Context(lines, NumberStyle(True), True, "EUR"))
    assert (fields["labor_hours"].value, fields["travel_hours"].value) == (2.0, 1.0)


def test_a_dutch_odoo_table_names_its_quantity_and_its_price_per_unit() -> None:
    """`Omschrijving | Hoeveelheid | Prijs per eenheid Btw | Bedrag`, the tax printed with the
    price (`95,00 21% btw`)."""
    header = [("Omschrijving", 46), ("Hoeveelheid", 243), ("Prijs per eenheid Btw", 348)]
    lines = _placed(
        [*header, ("Bedrag", 519)],
        [("Reistijd", 46), ("1,00 Uren", 256), ("45,00 21% btw", 396), ("45,00 €", 520)],
    )
    _, items = extract_invoice(Context(lines, NumberStyle(True), True, "EUR"))
    item = {k: f.value for k, f in items[0].items()}
    assert (item["qty"], item["unit_price"], item["amount"]) == (1.0, 45.0, 45.0)
