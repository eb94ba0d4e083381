"""Spreadsheet-made invoices and service reports for the independent extraction benchmark.

Many small trades businesses do not own invoicing software: they keep an Excel template
("Rechnungsvorlage", "facture Excel", "invoice template.xlsx", a work-order or timesheet
sheet), type the job into it and print it to PDF. This fifth generator builds such
workbooks with openpyxl (cell styles, merged cells, borders, fills, locale-tagged number
and date formats, column widths, row heights, print areas, page setup, headers and
footers, formulas for line amounts and totals) and prints them all to PDF with one
LibreOffice Calc run (``soffice --headless --convert-to pdf``).

The layouts were designed without reference to the extractor, the simulator's renderer or
the other independent layout generators (fpdf2, HTML, office and pdfmake); only the shared
case helpers of ``bench/independent/layouts.py`` are reused, so the truth records have the
same shape.

Run: ``python -m bench.independent.sheet_layouts OUT_DIR`` (needs ``soffice`` with Calc and
openpyxl: ``scripts/bench-setup.sh`` installs both).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bench.independent.layouts import Case, document_record, load_cases, rotate, write_truth
from bench.independent.soffice import convert_to_pdf, find_soffice

try:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.pagebreak import Break
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.worksheet.worksheet import Worksheet
except ImportError:  # scripts/bench-setup.sh installs openpyxl; available() reports it
    HAVE_OPENPYXL = False
else:
    HAVE_OPENPYXL = True

CONVERT_TIMEOUT_S = 900

# ---------------------------------------------------------------------------------------
# Locales: number formats carry a locale tag, so Calc prints each region's separators
# whatever the machine's own locale is.

REGION_LOCALE = {
    "DE": "de-DE",
    "AT": "de-AT",
    "CH": "de-CH",
    "FR": "fr-FR",
    "NL": "nl-NL",
    "GB": "en-GB",
    "US-NY": "en-US",
    "US-TX": "en-US",
    "US-CA": "en-US",
}
LCID = {
    "de-DE": "407",
    "de-AT": "C07",
    "de-CH": "807",
    "fr-FR": "40C",
    "nl-NL": "413",
    "en-GB": "809",
    "en-US": "409",
}
US_REGIONS = ("US-NY", "US-TX", "US-CA")
DACH = ("DE", "AT", "CH")

SERVICE_LABELS: dict[str, dict[str, str]] = {
    "de": {
        "preventive_maintenance": "Wartung",
        "repair": "Reparatur",
        "emergency_repair": "Notdienst",
        "installation": "Montage",
        "inspection": "Inspektion",
    },
    "fr": {
        "preventive_maintenance": "Entretien préventif",
        "repair": "Réparation",
        "emergency_repair": "Dépannage urgent",
        "installation": "Installation",
        "inspection": "Contrôle",
    },
    "nl": {
        "preventive_maintenance": "Onderhoud",
        "repair": "Reparatie",
        "emergency_repair": "Storing (spoed)",
        "installation": "Installatie",
        "inspection": "Inspectie",
    },
    "en-GB": {
        "preventive_maintenance": "Planned maintenance",
        "repair": "Repair",
        "emergency_repair": "Emergency call-out",
        "installation": "Installation",
        "inspection": "Inspection",
    },
    "en-US": {
        "preventive_maintenance": "Preventive maintenance",
        "repair": "Repair",
        "emergency_repair": "Emergency repair",
        "installation": "Installation",
        "inspection": "Inspection",
    },
}
SERVICE_ORDER = (
    "preventive_maintenance",
    "repair",
    "emergency_repair",
    "installation",
    "inspection",
)

# Time-zone names a local office writes next to a time; other offsets print as UTC±hh:mm.
ZONE_NAMES: dict[str, dict[str, str]] = {
    "GB": {"+00:00": "GMT", "+01:00": "BST"},
    "US-NY": {"-05:00": "EST", "-04:00": "EDT"},
    "US-TX": {"-06:00": "CST", "-05:00": "CDT"},
    "US-CA": {"-08:00": "PST", "-07:00": "PDT"},
}


def tagged(locale: str, body: str) -> str:
    """A number format code that Calc renders with ``locale``'s separators and names."""
    return f"[$-{LCID[locale]}]{body}"


def money_format(locale: str, currency: str) -> str:
    """How the region's spreadsheet users format an amount in ``currency``."""
    symbol = {"EUR": "€", "GBP": "£", "USD": "$"}.get(currency)
    if currency == "CHF" or symbol is None:
        return tagged(locale, f'"{currency} "#,##0.00;"{currency} "-#,##0.00')
    if locale in ("de-DE", "fr-FR"):
        return tagged(locale, f'#,##0.00 "{symbol}"')
    if locale in ("de-AT", "nl-NL"):
        return tagged(locale, f'"{symbol} "#,##0.00;"{symbol} "-#,##0.00')
    if locale == "en-US":
        return tagged(locale, f'"{symbol}"#,##0.00;("{symbol}"#,##0.00)')
    return tagged(locale, f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00')


def rate_places(rate: float) -> int:
    pct = rate * 100
    return next(p for p in range(5) if abs(pct - round(pct, p)) < 1e-9)


def percent_format(locale: str, rate: float, space: bool) -> str:
    places = rate_places(rate)
    body = "0" + ("." + "0" * places if places else "")
    return tagged(locale, body + (" %" if space else "%"))


def percent_text(rate: float, decimal: str) -> str:
    """A tax rate typed as text, the way a template's label cell holds it: ``8,1``."""
    return f"{rate * 100:.{rate_places(rate)}f}".replace(".", decimal)


def naive(ts: str) -> datetime:
    """The local wall-clock time of an ISO timestamp (its offset dropped)."""
    return datetime.fromisoformat(ts[:19])


def day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def zone_label(region: str, ts: str) -> str:
    offset = ts[19:]
    named = ZONE_NAMES.get(region, {}).get(offset)
    if named:
        return named
    return "UTC" if offset in ("+00:00", "-00:00", "Z") else f"UTC{offset}"


def monogram(name: str) -> str:
    words = [w for w in name.replace("&", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words[:2])


def footer_text(text: str) -> str:
    """Escape a literal ampersand for an Excel header/footer."""
    return text.replace("&", "&&")


def wrapped_height(text: str, chars_per_line: float, line_pt: float, min_lines: int = 1) -> float:
    """Row height (points) for ``text`` wrapped in a merged cell; Calc does not grow merged
    rows by itself, so templates set it by hand."""
    lines = 0
    for para in text.split("\n"):
        words, width = para.split(), 0.0
        para_lines = 1
        for word in words:
            need = len(word) if width == 0 else width + 1 + len(word)
            if need > chars_per_line and width > 0:
                para_lines += 1
                width = len(word)
            else:
                width = need
        lines += para_lines
    return max(lines, min_lines) * line_pt + 5


def row_height(text: str | None, chars_per_line: float, base: float, line_pt: float) -> float:
    """An item row's height: ``base``, or taller when its wrapped description needs it."""
    return max(base, wrapped_height(text, chars_per_line, line_pt)) if text else base


# ---------------------------------------------------------------------------------------
# A worksheet with shortcuts for styled cells, merged ranges, boxes and page setup.


def side(style: str = "thin", color: str = "000000") -> Side:
    return Side(style=style, color=color)


def frame(style: str = "thin", color: str = "000000") -> Border:
    s = side(style, color)
    return Border(left=s, right=s, top=s, bottom=s)


def solid(color: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=color, end_color=color)


class Sheet:
    """One printed worksheet: a default font and helpers that write formatted cells."""

    def __init__(self, ws: Worksheet, font: str, size: float) -> None:
        self.ws = ws
        self.font = font
        self.size = size

    def put(
        self,
        ref: str,
        value: Any = None,
        *,
        fmt: str | None = None,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        color: str | None = None,
        fill: str | None = None,
        h: str | None = None,
        v: str = "center",
        wrap: bool = False,
        border: Border | None = None,
    ) -> None:
        cell = self.ws[ref]
        if value is not None:
            cell.value = value
        cell.font = Font(
            name=self.font, size=size or self.size, bold=bold, italic=italic, color=color
        )
        cell.alignment = Alignment(horizontal=h, vertical=v, wrap_text=wrap)
        if fmt:
            cell.number_format = fmt
        if fill:
            cell.fill = solid(fill)
        if border is not None:
            cell.border = border

    def merge(
        self, rng: str, value: Any = None, *, border: Border | None = None, **style: Any
    ) -> None:
        """Write ``value`` into the range's first cell, merge the range and style every
        cell of it (borders and fills must sit on each cell for Calc to draw them)."""
        first = rng.split(":")[0]
        self.put(first, value, border=border, **style)
        if ":" not in rng:
            return
        for row in self.ws[rng]:
            for cell in row:
                if border is not None:
                    cell.border = border
                if style.get("fill"):
                    cell.fill = solid(style["fill"])
        self.ws.merge_cells(rng)

    def box(self, rng: str, border: Border) -> None:
        for row in self.ws[rng]:
            for cell in row:
                cell.border = border

    def widths(self, **cols: float) -> None:
        for col, width in cols.items():
            self.ws.column_dimensions[col].width = width

    def height(self, row: int, points: float) -> None:
        self.ws.row_dimensions[row].height = points

    def setup(
        self,
        *,
        area: str,
        paper: str = "A4",
        margins_in: tuple[float, float, float, float] = (0.6, 0.5, 0.6, 0.7),
        footer: tuple[str, str, str] = ("", "", ""),
        header: tuple[str, str, str] = ("", "", ""),
        title_rows: str | None = None,
    ) -> None:
        ws = self.ws
        ws.print_area = area
        ws.page_setup.paperSize = ws.PAPERSIZE_LETTER if paper == "Letter" else ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        left, right, top, bottom = margins_in
        ws.page_margins = PageMargins(
            left=left, right=right, top=top, bottom=bottom, header=0.3, footer=0.3
        )
        ws.print_options.gridLines = False
        ws.sheet_view.showGridLines = False
        for part, text in zip(
            (ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right), footer, strict=True
        ):
            if text:
                part.text, part.size, part.font = text, 8, f"{self.font},Regular"
        for part, text in zip(
            (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right), header, strict=True
        ):
            if text:
                part.text, part.size, part.font = text, 8, f"{self.font},Regular"
        if title_rows:
            ws.print_title_rows = title_rows


def new_sheet(title: str, font: str, size: float) -> tuple[Workbook, Sheet]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, Sheet(ws, font, size)


def customer_id(case: Case) -> str:
    return str(case["customer"]["id"])


def asset_text(case: Case) -> str:
    asset = case.get("asset") or {}
    return " / ".join(str(asset[k]) for k in ("model", "id") if asset.get(k))


# ---------------------------------------------------------------------------------------
# Invoices


def rechnungsvorlage(case: Case, locale: str) -> Workbook:
    """DACH "Rechnungsvorlage": every cell in a thin grid, company block in merged cells
    with a monogram logo cell, fifteen numbered position rows whose Gesamtpreis formulas
    print 0,00 on the unused ones, totals computed below on the right."""
    inv, rep = case["invoice"], case["service_report"]
    swiss = locale == "de-CH"
    wb, s = new_sheet("Rechnung", "Arial", 10)
    s.widths(A=6, B=12, C=38, D=9, E=8, F=15, G=16)
    grid, heavy = frame("thin", "808080"), frame("medium")
    money = money_format(locale, inv["currency"])
    number = tagged(locale, "#,##0.00")

    s.merge("A1:E3", inv["issuer"], bold=True, size=18, fill="D9D9D9", border=grid, h="left")
    s.merge(
        "F1:G3",
        monogram(inv["issuer"]),
        bold=True,
        size=22,
        color="FFFFFF",
        fill="1F4E79",
        h="center",
        border=grid,
    )
    s.merge(
        "A4:G4",
        f"{inv['issuer']} · Kundendienst · Wartung · Reparatur",
        size=8,
        color="595959",
        border=grid,
    )
    for r in (1, 2, 3):
        s.height(r, 17)
    left = [
        ("Rechnungsempfänger", inv["bill_to"], None),
        ("Kunden-Nr.", customer_id(case), None),
        ("Ihre Bestell-Nr.", inv["po_number"] or None, None),
        ("Leistungsdatum", day(rep["completed_at"]), tagged(locale, "dd.mm.yyyy")),
    ]
    right = [
        ("Rechnung Nr.", inv["number"], None),
        ("Rechnungsdatum", day(inv["date"]), tagged(locale, "dd.mm.yyyy")),
        ("Auftrags-Nr.", rep["work_order_id"], None),
        ("Währung", inv["currency"], None),
    ]
    for i, ((ll, lv, lf), (rl, rv, rf)) in enumerate(zip(left, right, strict=True)):
        row = 6 + i
        s.merge(f"A{row}:B{row}", ll, fill="F2F2F2", border=grid, size=9)
        s.put(f"C{row}", lv, fmt=lf, bold=i == 0, border=grid, h="left")
        s.merge(f"D{row}:E{row}", rl, fill="F2F2F2", border=grid, size=9)
        s.merge(f"F{row}:G{row}", rv, fmt=rf, bold=i == 0, border=grid, h="left")
    s.merge("A11:G11", "RECHNUNG", bold=True, size=16, h="center", border=grid)
    s.height(11, 24)

    heads = ["Pos.", "Art.-Nr.", "Bezeichnung", "Menge", "Einheit", "Einzelpreis", "Gesamtpreis"]
    for col, text in zip("ABCDEFG", heads, strict=True):
        s.put(f"{col}13", text, bold=True, fill="D9D9D9", border=grid, h="center")
    first, rows = 14, 15
    units = {"labor": "Std.", "travel": "Std.", "part": "Stk."}
    for i in range(rows):
        row = first + i
        line = inv["lines"][i] if i < len(inv["lines"]) else None
        s.put(f"A{row}", i + 1, border=grid, h="center")
        s.put(f"B{row}", line["sku"] if line else None, border=grid)
        s.put(f"C{row}", line["description"] if line else None, border=grid, wrap=True)
        s.put(f"D{row}", line["qty"] if line else None, fmt=number, border=grid)
        s.put(f"E{row}", units.get(line["kind"], "psch.") if line else None, border=grid)
        s.put(f"F{row}", line["unit_price"] if line else None, fmt=money, border=grid)
        s.put(f"G{row}", f"=ROUND(D{row}*F{row},2)", fmt=money, border=grid)
        s.height(row, row_height(line and line["description"], 34, 16, 12.5))
    last = first + rows - 1
    tot = last + 2
    s.merge(f"D{tot}:F{tot}", "Nettobetrag", h="right", border=grid)
    s.put(f"G{tot}", f"=SUM(G{first}:G{last})", fmt=money, border=grid)
    s.merge(
        f"D{tot + 1}:E{tot + 1}", "zzgl. MWST" if swiss else "zzgl. USt.", h="right", border=grid
    )
    s.put(
        f"F{tot + 1}",
        inv["tax_rate"],
        fmt=percent_format(locale, inv["tax_rate"], True),
        border=grid,
        h="right",
    )
    s.put(f"G{tot + 1}", inv["tax"], fmt=money, border=grid)
    s.merge(
        f"D{tot + 2}:F{tot + 2}",
        "Rechnungsbetrag",
        bold=True,
        h="right",
        border=heavy,
        fill="D9D9D9",
    )
    s.put(f"G{tot + 2}", f"=G{tot}+G{tot + 1}", fmt=money, bold=True, border=heavy, fill="D9D9D9")
    terms = (
        "Zahlbar innert 30 Tagen netto. Bitte Rechnungsnummer als Zahlungszweck angeben."
        if swiss
        else "Zahlbar innerhalb von 14 Tagen ohne Abzug. Bitte geben Sie bei Zahlung die "
        "Rechnungsnummer an."
    )
    s.merge(f"A{tot + 4}:G{tot + 4}", terms, size=9, border=grid)
    s.merge(
        f"A{tot + 5}:G{tot + 5}", "Vielen Dank für Ihren Auftrag!", italic=True, size=9, border=grid
    )
    s.setup(
        area=f"A1:G{tot + 5}",
        margins_in=(0.7, 0.5, 0.7, 0.8),
        footer=(footer_text(inv["issuer"]), "", "Seite &P von &N"),
    )
    return wb


def facture_excel(case: Case, locale: str) -> Workbook:
    """French "facture Excel": a clean sheet with no grid, only a rule under the column
    heads and above the totals; French long dates, HT/TVA/TTC totals and the legal
    small print (with the company's share capital) in the page footer."""
    inv = case["invoice"]
    wb, s = new_sheet("Facture", "Calibri", 11)
    s.widths(A=2, B=44, C=11, D=8, E=14, F=19)
    money = money_format(locale, inv["currency"])
    rule = side("medium", "1F4E79")
    blue = "1F4E79"

    s.put("B2", inv["issuer"], bold=True, size=16, color=blue)
    s.put("F2", "FACTURE", bold=True, size=20, color=blue, h="right")
    s.height(2, 28)
    s.put("B3", "Maintenance · Dépannage · Installation", size=9, color="7F7F7F")
    s.put("B5", "FACTURÉ À", size=9, color="7F7F7F", bold=True)
    s.put("B6", inv["bill_to"], bold=True, size=12)
    s.put("B7", f"Réf. client : {customer_id(case)}", size=10)
    fields = [
        ("Facture n°", inv["number"], None),
        ("Date", day(inv["date"]), tagged(locale, "d mmmm yyyy")),
        ("N° d'intervention", case["service_report"]["work_order_id"], None),
        ("Bon de commande", inv["po_number"] or None, None),
    ]
    for i, (label, value, fmt) in enumerate(fields):
        row = 5 + i
        s.put(f"E{row}", label, size=10, color="595959", h="right")
        s.put(f"F{row}", value, fmt=fmt, bold=i == 0, h="right")

    head = 10
    for col, text, align in (
        ("B", "Désignation", "left"),
        ("C", "Réf.", "left"),
        ("D", "Qté", "right"),
        ("E", "P.U. HT", "right"),
        ("F", "Montant HT", "right"),
    ):
        s.put(f"{col}{head}", text, bold=True, color=blue, h=align, border=Border(bottom=rule))
    row = head
    for line in inv["lines"]:
        row += 1
        s.put(f"B{row}", line["description"], wrap=True)
        s.put(f"C{row}", line["sku"])
        s.put(f"D{row}", line["qty"], fmt=tagged(locale, "General"), h="right")
        s.put(f"E{row}", line["unit_price"], fmt=money)
        s.put(f"F{row}", f"=ROUND(D{row}*E{row},2)", fmt=money)
        s.height(row, row_height(line["description"], 34, 18, 14))
    first, last = head + 1, row
    row += 2
    top = Border(top=side("thin", "7F7F7F"))
    s.put(f"E{row}", "Total HT", h="right", border=top)
    s.put(f"F{row}", f"=SUM(F{first}:F{last})", fmt=money, border=top)
    s.put(f"E{row + 1}", f"TVA {percent_text(inv['tax_rate'], ',')} %", h="right")
    s.put(f"F{row + 1}", inv["tax"], fmt=money)
    s.put(f"E{row + 2}", "Total TTC", bold=True, h="right", border=Border(top=rule))
    s.put(f"F{row + 2}", f"=F{row}+F{row + 1}", fmt=money, bold=True, border=Border(top=rule))
    s.put(
        f"B{row + 2}",
        "Montants exprimés en euros" if inv["currency"] == "EUR" else None,
        size=9,
        italic=True,
        color="7F7F7F",
    )
    cond = row + 5
    s.merge(
        f"B{cond}:F{cond}",
        "Conditions de paiement : à 30 jours date de facture, par virement. En cas de retard "
        "de paiement, pénalités au taux de trois fois le taux d'intérêt légal et indemnité "
        "forfaitaire pour frais de recouvrement de 40 €. Pas d'escompte pour paiement anticipé.",
        size=9,
        color="595959",
        wrap=True,
        v="top",
    )
    s.height(cond, 40)
    s.setup(
        area=f"A1:F{cond}",
        margins_in=(0.6, 0.6, 0.7, 0.9),
        footer=(
            "",
            footer_text(
                f"{inv['issuer']} · capital social 10 000 € · SIRET 512 345 678 00021 · "
                "TVA intracom. FR40 512345678"
            ),
            "",
        ),
    )
    return wb


def invoice_template(case: Case, locale: str) -> Workbook:
    """English "invoice template.xlsx": labels with an empty column before their values,
    a thirty-row banded item table (blank unused rows) whose header repeats on page two,
    where the totals, the tax line and the terms land (A4 in the UK, Letter in the US)."""
    inv = case["invoice"]
    us = locale == "en-US"
    wb, s = new_sheet("Invoice", "Arial", 10)
    s.widths(A=5, B=13, C=40, D=11, E=12, F=16)
    money = money_format(locale, inv["currency"])
    rate_fmt = tagged(locale, "#,##0.00;(#,##0.00)" if us else "#,##0.00;-#,##0.00")
    navy, band = "2F5597", "DDEBF7"
    date_fmt = tagged(locale, "mm/dd/yyyy" if us else "dd/mm/yyyy")

    s.merge("A1:C2", inv["issuer"], bold=True, size=18, color=navy, h="left")
    s.merge("E1:F2", "INVOICE", bold=True, size=24, color="808080", h="right")
    s.height(1, 20)
    s.height(2, 20)
    s.merge("A3:C3", "Service · Maintenance · Repairs", size=9, color="7F7F7F")
    s.merge(
        "A4:C4",
        "Tax ID 74-2281937" if us else "VAT Reg. No. GB 284 1937 55",
        size=9,
        color="7F7F7F",
    )
    s.merge("A6:C6", "BILL TO", bold=True, color="FFFFFF", fill=navy)
    s.merge("A7:C7", inv["bill_to"], bold=True, size=11)
    s.merge("A8:C8", f"Customer ID: {customer_id(case)}")
    fields = [
        ("INVOICE #", inv["number"], None),
        ("DATE", day(inv["date"]), date_fmt),
        ("WORK ORDER", case["service_report"]["work_order_id"], None),
        ("P.O. #", inv["po_number"] or None, None),
        ("CURRENCY", inv["currency"], None),
        ("TERMS", "Net 30" if us else "30 days", None),
    ]
    for i, (label, value, fmt) in enumerate(fields):
        row = 6 + i
        s.put(f"D{row}", label, bold=True, size=9, color=navy)
        s.put(f"F{row}", value, fmt=fmt, h="right")

    head = 13
    for col, text in zip(
        "ABCDEF", ["#", "ITEM", "DESCRIPTION", "QTY", "RATE", "AMOUNT"], strict=True
    ):
        s.put(
            f"{col}{head}",
            text,
            bold=True,
            color="FFFFFF",
            fill=navy,
            h="left" if col in "BC" else "center",
        )
    s.height(head, 18)
    codes = {
        "labor": "LABOR" if us else "LABOUR",
        "travel": "TRAVEL",
        "fee": "MISC",
        "credit": "CREDIT",
    }
    first, rows = head + 1, 30
    for i in range(rows):
        row = first + i
        line = inv["lines"][i] if i < len(inv["lines"]) else None
        fill = band if i % 2 else None
        for col in "ABCDEF":
            s.put(f"{col}{row}", fill=fill, border=Border(bottom=side("hair", "BFBFBF")))
        if line:
            s.put(f"A{row}", i + 1, fill=fill, h="center")
            s.put(f"B{row}", line["sku"] or codes.get(line["kind"], "ITEM"), fill=fill)
            s.put(f"C{row}", line["description"], fill=fill, wrap=True)
            s.put(f"D{row}", line["qty"], fmt=tagged(locale, "0.00"), fill=fill)
            s.put(f"E{row}", line["unit_price"], fmt=rate_fmt, fill=fill)
        s.put(f"F{row}", f'=IF(D{row}="","",ROUND(D{row}*E{row},2))', fmt=money, fill=fill)
        s.height(row, row_height(line and line["description"], 36, 19, 12.5))
    last = first + rows - 1
    s.ws.row_breaks.append(Break(id=last))
    tot = last + 2
    s.merge(f"D{tot}:E{tot}", "SUBTOTAL", bold=True, size=9, h="right")
    s.put(f"F{tot}", f"=SUM(F{first}:F{last})", fmt=money)
    s.put(f"D{tot + 1}", "SALES TAX" if us else "VAT", bold=True, size=9, h="right")
    s.put(
        f"E{tot + 1}",
        inv["tax_rate"],
        fmt=percent_format(locale, inv["tax_rate"], False),
        h="right",
    )
    s.put(f"F{tot + 1}", inv["tax"], fmt=money)
    both = Border(top=side("thin"), bottom=side("double"))
    s.merge(f"D{tot + 2}:E{tot + 2}", "TOTAL", bold=True, h="right", border=both)
    s.put(f"F{tot + 2}", f"=F{tot}+F{tot + 1}", fmt=money, bold=True, border=both)
    s.merge(
        f"D{tot + 3}:E{tot + 3}", "BALANCE DUE", bold=True, h="right", color="FFFFFF", fill=navy
    )
    s.put(f"F{tot + 3}", f"=F{tot + 2}", fmt=money, bold=True, color="FFFFFF", fill=navy)
    s.height(tot + 3, 18)
    terms = [
        "Payment is due within 30 days of the invoice date. Please quote the invoice number "
        "with your payment.",
        "Overdue balances may be charged interest at 1.5% per month"
        if us
        else "We reserve the right to charge interest on late payments under the Late Payment "
        "of Commercial Debts (Interest) Act 1998.",
        "Parts remain the property of the company until paid in full. Warranty on parts as "
        "per manufacturer; workmanship guaranteed for 90 days.",
        "Questions about this invoice? Contact accounts, quoting the work order number.",
    ]
    row = tot + 6
    s.merge(f"A{row}:F{row}", "TERMS & CONDITIONS", bold=True, color=navy)
    for i, text in enumerate(terms, 1):
        row += 1
        s.put(f"A{row}", f"{i}.", size=9, v="top", h="right")
        s.merge(f"B{row}:F{row}", text, size=9, wrap=True, v="top")
        s.height(row, 26)
    row += 2
    s.merge(f"A{row}:F{row}", "Thank you for your business!", italic=True, h="center", color=navy)
    s.setup(
        area=f"A1:F{row}",
        paper="Letter" if us else "A4",
        margins_in=(0.6, 0.6, 0.75, 0.75),
        header=("", "", footer_text(f"Invoice {inv['number']}")),
        footer=("", "Page &P of &N", ""),
        title_rows=f"{head}:{head}",
    )
    return wb


def factuur(case: Case, locale: str) -> Workbook:
    """Dutch factuur sheet: a coloured title band, right-aligned labels beside their
    values, zebra-striped item rows with a BTW percentage per line and blank filler rows,
    and the payment request with IBAN in a merged paragraph."""
    inv = case["invoice"]
    wb, s = new_sheet("Factuur", "Calibri", 11)
    s.widths(A=40, B=12, C=9, D=14, E=8, F=16)
    money = money_format(locale, inv["currency"])
    teal, light = "00757F", "D9EEF0"
    s.merge("A1:F1", "FACTUUR", bold=True, size=22, color="FFFFFF", fill=teal, h="left")
    s.height(1, 36)
    s.put("A3", inv["issuer"], bold=True, size=14)
    s.put("A4", "Installatie · Onderhoud · Service", size=9, color="7F7F7F")
    s.put("A6", "Factuur aan", size=9, color="7F7F7F")
    s.put("A7", inv["bill_to"], bold=True)
    s.put("A8", f"Klantnummer: {customer_id(case)}", size=10)
    fields = [
        ("Factuurnummer:", inv["number"], None),
        ("Factuurdatum:", day(inv["date"]), tagged(locale, "dd-mm-yyyy")),
        ("Werkbon:", case["service_report"]["work_order_id"], None),
        ("Uw ordernummer:", inv["po_number"] or None, None),
        ("Valuta:", inv["currency"], None),
    ]
    for i, (label, value, fmt) in enumerate(fields):
        row = 3 + i
        s.merge(f"C{row}:E{row}", label, h="right", color="595959", size=10)
        s.put(f"F{row}", value, fmt=fmt, h="left", bold=i == 0)

    head = 11
    heads = ["Omschrijving", "Artikelnr.", "Aantal", "Prijs", "BTW", "Bedrag"]
    for col, text in zip("ABCDEF", heads, strict=True):
        s.put(
            f"{col}{head}",
            text,
            bold=True,
            fill=light,
            border=Border(bottom=side("medium", teal)),
            h="left" if col in "AB" else "right",
        )
    first, rows = head + 1, 12
    vat = percent_format(locale, inv["tax_rate"], False)
    for i in range(rows):
        row = first + i
        line = inv["lines"][i] if i < len(inv["lines"]) else None
        fill = "F2F2F2" if i % 2 else None
        for col in "ABCDEF":
            s.put(f"{col}{row}", fill=fill)
        if line:
            s.put(f"A{row}", line["description"], fill=fill, wrap=True)
            s.put(f"B{row}", line["sku"], fill=fill)
            s.put(f"C{row}", line["qty"], fmt=tagged(locale, "General"), fill=fill)
            s.put(f"D{row}", line["unit_price"], fmt=money, fill=fill)
            s.put(f"E{row}", inv["tax_rate"], fmt=vat, fill=fill)
        s.put(f"F{row}", f'=IF(C{row}="","",ROUND(C{row}*D{row},2))', fmt=money, fill=fill)
        s.height(row, row_height(line and line["description"], 30, 17, 14))
    last = first + rows - 1
    tot = last + 2
    s.merge(f"D{tot}:E{tot}", "Subtotaal", h="right")
    s.put(f"F{tot}", f"=SUM(F{first}:F{last})", fmt=money)
    s.put(f"D{tot + 1}", "BTW", h="right")
    s.put(f"E{tot + 1}", inv["tax_rate"], fmt=vat, h="right")
    s.put(f"F{tot + 1}", inv["tax"], fmt=money)
    s.merge(f"D{tot + 2}:E{tot + 2}", "Totaal", bold=True, h="right", color="FFFFFF", fill=teal)
    s.put(f"F{tot + 2}", f"=F{tot}+F{tot + 1}", fmt=money, bold=True, color="FFFFFF", fill=teal)
    s.height(tot + 2, 20)
    pay = tot + 4
    s.merge(
        f"A{pay}:F{pay}",
        "Wij verzoeken u vriendelijk het totaalbedrag binnen 14 dagen over te maken op "
        f"IBAN NL91 ABNA 0417 1643 00 t.n.v. {inv['issuer']}, onder vermelding van het "
        "factuurnummer.",
        size=10,
        wrap=True,
        v="top",
    )
    s.height(pay, 30)
    s.setup(
        area=f"A1:F{pay}",
        margins_in=(0.6, 0.6, 0.6, 0.8),
        footer=("KvK 12345678 · BTW NL001234567B01", "", "Pagina &P van &N"),
    )
    return wb


# ---------------------------------------------------------------------------------------
# Service reports


def regiebericht(case: Case, locale: str) -> Workbook:
    """DACH "Arbeitsnachweis / Regiebericht": a full grid with Datum/von/bis/Std./Fahrt
    columns and empty rows to fill by hand, a numbered material list, and on a second page
    the remarks, "Unterschrift Kunde: ja/nein" and the signature boxes."""
    rep, inv = case["service_report"], case["invoice"]
    wb, s = new_sheet("Regiebericht", "Arial", 10)
    s.widths(A=11, B=7, C=7, D=8, E=8, F=40, G=9, H=8)
    grid = frame("thin", "595959")
    when = tagged(locale, "dd.mm.yyyy hh:mm")
    hours = tagged(locale, "0.00")
    labels = SERVICE_LABELS["de"]

    s.merge(
        "A1:F2", "Arbeitsnachweis / Regiebericht", bold=True, size=16, fill="D9E1F2", border=grid
    )
    s.merge(
        "G1:H2",
        monogram(inv["issuer"]),
        bold=True,
        size=16,
        color="FFFFFF",
        fill="2F5597",
        h="center",
        border=grid,
    )
    s.height(1, 16)
    s.height(2, 16)
    head_rows: list[tuple[str, Any, str | None, str | None, Any]] = [
        ("Firma", inv["issuer"], None, None, None),
        ("Kunde", case["customer"]["name"], None, None, None),
        ("Auftrags-Nr.", rep["work_order_id"], None, "Gemeldet am", naive(rep["reported_at"])),
        ("Monteur", rep["technician"], None, "Ankunft vor Ort", naive(rep["arrived_at"])),
        (
            "Leistungsart",
            labels[rep["service_type"]],
            None,
            "Fertigstellung",
            naive(rep["completed_at"]),
        ),
        ("Anlage", asset_text(case), None, None, None),
    ]
    for i, (label, value, fmt, label2, value2) in enumerate(head_rows):
        row = 3 + i
        s.merge(f"A{row}:B{row}", label, fill="F2F2F2", border=grid, size=9)
        if label2 is None:
            s.merge(f"C{row}:H{row}", value, fmt=fmt, border=grid, bold=i < 2)
        else:
            s.merge(f"C{row}:E{row}", value, fmt=fmt, border=grid, bold=True)
            s.put(f"F{row}", label2, fill="F2F2F2", border=grid, size=9, h="right")
            s.merge(f"G{row}:H{row}", value2, fmt=when, border=grid, h="right")
        s.height(row, 17)
    dv = DataValidation(type="list", formula1='"' + ",".join(labels.values()) + '"')
    s.ws.add_data_validation(dv)
    dv.add("C7")

    row = 10
    s.merge(f"A{row}:H{row}", "Arbeitszeiten", bold=True, fill="D9E1F2", border=grid)
    row += 1
    for col, text in zip("ABCDE", ["Datum", "von", "bis", "Std.", "Fahrt"], strict=True):
        s.put(f"{col}{row}", text, bold=True, fill="F2F2F2", border=grid, h="center")
    s.merge(f"F{row}:H{row}", "Tätigkeit", bold=True, fill="F2F2F2", border=grid)
    first = row + 1
    arrived, completed = naive(rep["arrived_at"]), naive(rep["completed_at"])
    for i in range(12):
        row = first + i
        s.put(
            f"A{row}",
            arrived.date() if i == 0 else None,
            fmt=tagged(locale, "dd.mm.yy"),
            border=grid,
            h="center",
        )
        s.put(
            f"B{row}",
            arrived.time() if i == 0 else None,
            fmt=tagged(locale, "hh:mm"),
            border=grid,
            h="center",
        )
        s.put(
            f"C{row}",
            completed.time() if i == 0 else None,
            fmt=tagged(locale, "hh:mm"),
            border=grid,
            h="center",
        )
        s.put(f"D{row}", rep["labor_hours"] if i == 0 else None, fmt=hours, border=grid)
        s.put(f"E{row}", rep["travel_hours"] if i == 0 else None, fmt=hours, border=grid)
        task = f"Arbeiten lt. Auftrag ({labels[rep['service_type']]})" if i == 0 else None
        s.merge(f"F{row}:H{row}", task, border=grid)
        s.height(row, 16)
    last = row
    row += 1
    s.merge(f"A{row}:C{row}", "Summe Stunden", bold=True, h="right", border=grid)
    s.put(f"D{row}", f"=SUM(D{first}:D{last})", fmt=hours, bold=True, border=grid)
    s.put(f"E{row}", f"=SUM(E{first}:E{last})", fmt=hours, bold=True, border=grid)
    s.merge(
        f"F{row}:H{row}",
        "Std. = Arbeitszeit vor Ort, Fahrt = Fahrzeit",
        size=8,
        italic=True,
        border=grid,
    )

    row += 2
    s.merge(f"A{row}:H{row}", "Material", bold=True, fill="D9E1F2", border=grid)
    row += 1
    s.put(f"A{row}", "Pos.", bold=True, fill="F2F2F2", border=grid, h="center")
    s.merge(f"B{row}:C{row}", "Art.-Nr.", bold=True, fill="F2F2F2", border=grid)
    s.merge(f"D{row}:F{row}", "Bezeichnung", bold=True, fill="F2F2F2", border=grid)
    s.put(f"G{row}", "Menge", bold=True, fill="F2F2F2", border=grid, h="center")
    s.put(f"H{row}", "ME", bold=True, fill="F2F2F2", border=grid, h="center")
    for i in range(8):
        row += 1
        part = rep["parts"][i] if i < len(rep["parts"]) else None
        s.put(f"A{row}", i + 1, border=grid, h="center")
        s.merge(f"B{row}:C{row}", part["sku"] if part else None, border=grid)
        s.merge(f"D{row}:F{row}", part["description"] if part else None, border=grid)
        s.put(
            f"G{row}",
            part["qty"] if part else None,
            fmt=tagged(locale, "General"),
            border=grid,
            h="center",
        )
        s.put(f"H{row}", "Stk." if part else None, border=grid, h="center")
        s.height(row, 16)
    s.ws.row_breaks.append(Break(id=row))

    row += 2
    s.merge(
        f"A{row}:H{row}",
        "Ausgeführte Arbeiten / Bemerkungen",
        bold=True,
        fill="D9E1F2",
        border=grid,
    )
    row += 1
    notes = rep["notes"].strip()
    s.merge(f"A{row}:H{row}", notes or None, border=grid, wrap=True, v="top")
    s.height(row, wrapped_height(notes, 88, 12.5, min_lines=6))
    row += 2
    s.merge(f"A{row}:C{row}", "Unterschrift Kunde:", bold=True, border=grid)
    s.put(
        f"D{row}", "ja" if rep["customer_signature"] else "nein", bold=True, border=grid, h="center"
    )
    yes_no = DataValidation(type="list", formula1='"ja,nein"')
    s.ws.add_data_validation(yes_no)
    yes_no.add(f"D{row}")
    s.merge(
        f"E{row}:H{row}",
        "(Arbeiten durch Auftraggeber bestätigt)",
        size=8,
        italic=True,
        border=grid,
    )
    row += 2
    s.merge(f"A{row}:D{row + 2}", None, border=grid)
    s.merge(f"E{row}:H{row + 2}", None, border=grid)
    s.merge(f"A{row + 3}:D{row + 3}", "Datum / Unterschrift Monteur", size=8, border=grid)
    s.merge(f"E{row + 3}:H{row + 3}", "Datum / Unterschrift Auftraggeber", size=8, border=grid)
    row += 5
    s.merge(
        f"A{row}:H{row}",
        "Regiearbeiten werden nach tatsächlichem Aufwand abgerechnet. Material bleibt bis zur "
        "vollständigen Bezahlung unser Eigentum.",
        size=8,
        wrap=True,
        border=grid,
    )
    s.height(row, 24)
    s.setup(
        area=f"A1:H{row}",
        margins_in=(0.6, 0.5, 0.6, 0.7),
        footer=(footer_text(inv["issuer"]), "", "Seite &P von &N"),
        title_rows="1:2",
    )
    return wb


def timesheet(case: Case, locale: str) -> Workbook:
    """UK "Timesheet & materials" sheet: label/value pairs, a time grid with Start, Finish
    and Zone (GMT/BST) columns and labour/travel hour columns summed by formulas, a
    materials list, the engineer's comments and "Customer signed (Y/N): Y"."""
    rep, inv = case["service_report"], case["invoice"]
    region = case["customer"]["region"]
    wb, s = new_sheet("Timesheet", "Arial", 10)
    s.widths(A=11, B=36, C=8, D=9, E=7, F=9, G=9)
    green = "375623"
    grid = frame("thin", "7F7F7F")
    hours = tagged(locale, "0.00")
    labels = SERVICE_LABELS["en-GB"]

    s.merge("A1:G1", "TIMESHEET & MATERIALS", bold=True, size=16, color="FFFFFF", fill=green)
    s.height(1, 26)
    s.merge("A2:G2", inv["issuer"], bold=True, size=11, color=green)
    reported = naive(rep["reported_at"])
    info = [
        ("Job no.", rep["work_order_id"]),
        ("Engineer", rep["technician"]),
        ("Customer", case["customer"]["name"]),
        ("Job type", labels[rep["service_type"]]),
        (
            "Call logged",
            f"{reported:%d/%m/%Y} {reported:%H:%M} {zone_label(region, rep['reported_at'])}",
        ),
        ("Equipment", asset_text(case)),
    ]
    for i, (label, value) in enumerate(info):
        row = 4 + i
        s.put(f"A{row}", f"{label}:", bold=True, size=9)
        s.put(f"B{row}", value, bold=i == 0, h="left")

    head = 11
    heads = ["Date", "Work carried out", "Start", "Finish", "Zone", "Labour hrs", "Travel hrs"]
    for col, text in zip("ABCDEFG", heads, strict=True):
        s.put(
            f"{col}{head}",
            text,
            bold=True,
            size=9,
            fill="E2EFDA",
            border=grid,
            h="left" if col in "AB" else "center",
            wrap=True,
        )
    s.height(head, 26)
    arrived, completed = naive(rep["arrived_at"]), naive(rep["completed_at"])
    finish: Any = completed.time()
    finish_fmt: str | None = tagged(locale, "hh:mm")
    zone = zone_label(region, rep["arrived_at"])
    if completed.date() != arrived.date() or zone_label(region, rep["completed_at"]) != zone:
        finish = f"{completed:%d/%m %H:%M} {zone_label(region, rep['completed_at'])}"
        finish_fmt = None
    first = head + 1
    for i in range(7):
        row = first + i
        on = i == 0
        s.put(
            f"A{row}", arrived.date() if on else None, fmt=tagged(locale, "dd/mm/yyyy"), border=grid
        )
        s.put(
            f"B{row}",
            f"On site – {labels[rep['service_type']].lower()}" if on else None,
            border=grid,
        )
        s.put(
            f"C{row}",
            arrived.time() if on else None,
            fmt=tagged(locale, "hh:mm"),
            border=grid,
            h="center",
        )
        s.put(
            f"D{row}",
            finish if on else None,
            fmt=finish_fmt,
            border=grid,
            h="center",
            size=8 if on and finish_fmt is None else None,
            wrap=True,
        )
        s.put(f"E{row}", zone if on else None, border=grid, h="center")
        s.put(f"F{row}", rep["labor_hours"] if on else None, fmt=hours, border=grid)
        s.put(f"G{row}", rep["travel_hours"] if on else None, fmt=hours, border=grid)
        s.height(row, 24 if on and finish_fmt is None else 17)
    last = first + 6
    tot = last + 1
    s.merge(f"A{tot}:E{tot}", "Total hours", bold=True, h="right", border=grid)
    s.put(f"F{tot}", f"=SUM(F{first}:F{last})", fmt=hours, bold=True, border=grid)
    s.put(f"G{tot}", f"=SUM(G{first}:G{last})", fmt=hours, bold=True, border=grid)

    row = tot + 2
    s.merge(f"A{row}:G{row}", "MATERIALS USED", bold=True, color="FFFFFF", fill=green)
    row += 1
    for col, text in (("A", "Part no."), ("B", "Description"), ("C", "Qty")):
        s.put(f"{col}{row}", text, bold=True, size=9, fill="E2EFDA", border=grid)
    s.merge(f"D{row}:G{row}", "Supplied from", bold=True, size=9, fill="E2EFDA", border=grid)
    for i in range(5):
        row += 1
        part = rep["parts"][i] if i < len(rep["parts"]) else None
        s.put(f"A{row}", part["sku"] if part else None, border=grid)
        s.put(f"B{row}", part["description"] if part else None, border=grid)
        s.put(
            f"C{row}",
            part["qty"] if part else None,
            fmt=tagged(locale, "General"),
            border=grid,
            h="center",
        )
        s.merge(f"D{row}:G{row}", "Van stock" if part else None, border=grid)
        s.height(row, 17)

    row += 2
    s.merge(f"A{row}:G{row}", "COMMENTS / WORK CARRIED OUT", bold=True, color="FFFFFF", fill=green)
    row += 1
    notes = rep["notes"].strip()
    s.merge(f"A{row}:G{row}", notes or None, border=grid, wrap=True, v="top")
    s.height(row, wrapped_height(notes, 84, 12.5, min_lines=4))
    row += 2
    s.merge(f"A{row}:B{row}", "Customer signed (Y/N):", bold=True, h="right")
    s.put(f"C{row}", "Y" if rep["customer_signature"] else "N", bold=True, border=grid, h="center")
    s.merge(f"D{row}:E{row}", "Print name:", size=9, h="right")
    s.merge(f"F{row}:G{row}", None, border=Border(bottom=side("thin")))
    s.setup(
        area=f"A1:G{row}",
        margins_in=(0.6, 0.5, 0.6, 0.7),
        header=("", "", "Timesheet"),
        footer=("", "&P / &N", ""),
    )
    return wb


def work_order(case: Case, locale: str) -> Workbook:
    """US "Work order" sheet on Letter paper: a "check one" service-type grid, a time log
    with date, 12-hour time and time-zone columns, a parts table with a check column, and
    acknowledgement check boxes (signed / customer not available)."""
    rep, inv = case["service_report"], case["invoice"]
    region = case["customer"]["region"]
    wb, s = new_sheet("Work Order", "Arial", 10)
    s.widths(A=4, B=22, C=28, D=12, E=9, F=8, G=10)
    navy = "1F3864"
    grid = frame("thin", "404040")
    labels = SERVICE_LABELS["en-US"]

    def section(row: int, title: str) -> None:
        s.merge(f"A{row}:G{row}", title, bold=True, color="FFFFFF", fill=navy, size=9)
        s.height(row, 16)

    def check(ref: str, on: bool) -> None:
        s.put(ref, "X" if on else None, bold=True, border=frame("thin"), h="center")

    s.merge("A1:C2", "WORK ORDER", bold=True, size=22, color=navy, h="left")
    s.merge("D1:G1", "WO #", size=8, color="595959", border=grid)
    s.merge("D2:G2", rep["work_order_id"], bold=True, size=13, border=grid, h="center")
    s.height(2, 22)
    s.merge("A3:C3", inv["issuer"], bold=True, size=11)
    s.merge("A4:C4", "24/7 Service · Commercial & Industrial", size=8, color="7F7F7F")
    section(6, "CUSTOMER / SITE")
    for i, (label, value) in enumerate(
        [
            ("Customer", case["customer"]["name"]),
            ("Equipment", asset_text(case)),
            ("Technician", rep["technician"]),
        ]
    ):
        row = 7 + i
        s.put(f"B{row}", label, bold=True, size=9, border=grid)
        s.merge(f"C{row}:G{row}", value, border=grid)

    section(11, "TYPE OF SERVICE (CHECK ONE)")
    order = list(SERVICE_ORDER)
    for i in range(3):
        row = 12 + i
        kind = order[i]
        check(f"A{row}", rep["service_type"] == kind)
        s.put(f"B{row}", labels[kind])
        if i < 2:
            kind2 = order[3 + i]
            check(f"D{row}", rep["service_type"] == kind2)
            s.merge(f"E{row}:G{row}", labels[kind2])
        else:
            check(f"D{row}", False)
            s.merge(f"E{row}:G{row}", "Other: ________")
        s.height(row, 16)

    section(16, "TIME LOG")
    for col, text in (("B", "Event"), ("C", "Date"), ("D", "Time"), ("E", "Zone")):
        s.put(f"{col}17", text, bold=True, size=9, fill="D9E1F2", border=grid)
    for i, (label, key) in enumerate(
        [
            ("Call received", "reported_at"),
            ("Arrived on site", "arrived_at"),
            ("Work completed", "completed_at"),
        ]
    ):
        row = 18 + i
        at = naive(rep[key])
        s.put(f"B{row}", label, border=grid)
        s.put(f"C{row}", at.date(), fmt=tagged(locale, "mm/dd/yyyy"), border=grid, h="left")
        s.put(f"D{row}", at.time(), fmt=tagged(locale, "h:mm AM/PM"), border=grid, h="right")
        s.put(f"E{row}", zone_label(region, rep[key]), border=grid, h="center")
    hours = tagged(locale, "0.00")
    s.put("B22", "Labor hours", bold=True, border=grid)
    s.put("D22", rep["labor_hours"], fmt=hours, border=grid)
    s.put("B23", "Travel hours", bold=True, border=grid)
    s.put("D23", rep["travel_hours"], fmt=hours, border=grid)
    s.put("E22", "hrs", size=8, color="595959")
    s.put("E23", "hrs", size=8, color="595959")

    section(25, "PARTS / MATERIALS")
    heads = [("A", "✓"), ("B", "Part #"), ("C", "Description"), ("D", "Qty")]
    for col, text in heads:
        s.put(f"{col}26", text, bold=True, size=9, fill="D9E1F2", border=grid, h="center")
    s.merge("E26:G26", "Remarks", bold=True, size=9, fill="D9E1F2", border=grid)
    row = 26
    for i in range(6):
        row += 1
        part = rep["parts"][i] if i < len(rep["parts"]) else None
        check(f"A{row}", part is not None)
        s.put(f"B{row}", part["sku"] if part else None, border=grid)
        s.put(f"C{row}", part["description"] if part else None, border=grid)
        s.put(
            f"D{row}",
            part["qty"] if part else None,
            fmt=tagged(locale, "General"),
            border=grid,
            h="center",
        )
        s.merge(f"E{row}:G{row}", "Installed" if part else None, border=grid, size=9)
        s.height(row, 16)

    row += 2
    section(row, "DESCRIPTION OF WORK PERFORMED")
    row += 1
    notes = rep["notes"].strip()
    s.merge(f"A{row}:G{row}", notes or None, border=grid, wrap=True, v="top")
    s.height(row, wrapped_height(notes, 84, 12.5, min_lines=5))
    row += 2
    section(row, "CUSTOMER ACKNOWLEDGEMENT")
    row += 1
    check(f"A{row}", rep["customer_signature"])
    s.merge(f"B{row}:G{row}", "Work completed to customer's satisfaction — signed by customer")
    row += 1
    check(f"A{row}", not rep["customer_signature"])
    s.merge(f"B{row}:G{row}", "Customer not available / declined to sign")
    row += 2
    s.put(f"B{row}", "Customer signature:", size=9, h="right")
    s.put(f"C{row}", None, border=Border(bottom=side("thin")))
    s.put(f"D{row}", "Date:", size=9, h="right")
    s.merge(f"E{row}:G{row}", None, border=Border(bottom=side("thin")))
    s.setup(
        area=f"A1:G{row}",
        paper="Letter",
        margins_in=(0.5, 0.5, 0.6, 0.6),
        footer=(footer_text(inv["issuer"]), "", "Page &P of &N"),
    )
    return wb


BON_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "title": "BON DE TRAVAUX",
        "no": "N° bon",
        "people": "INTERVENANT / CLIENT",
        "tech": "Technicien",
        "client": "Client",
        "asset": "Équipement",
        "type": "TYPE D'INTERVENTION",
        "times": "HORAIRES",
        "date": "Date",
        "hour": "Heure",
        "reported": "Demande",
        "arrived": "Arrivée sur site",
        "completed": "Fin d'intervention",
        "labor": "Main d'œuvre (h)",
        "travel": "Déplacement (h)",
        "parts": "PIÈCES / FOURNITURES",
        "ref": "Référence",
        "desc": "Désignation",
        "qty": "Qté",
        "notes": "TRAVAUX RÉALISÉS / OBSERVATIONS",
        "signed": "Signature client :",
        "yes": "OUI",
        "no_": "NON",
        "sig_tech": "Signature du technicien",
        "sig_client": "Signature du client",
        "page": "Page &P / &N",
    },
    "nl": {
        "title": "WERKBON",
        "no": "Werkbonnr.",
        "people": "MONTEUR / KLANT",
        "tech": "Monteur",
        "client": "Klant",
        "asset": "Installatie",
        "type": "SOORT WERKZAAMHEDEN",
        "times": "TIJDEN",
        "date": "Datum",
        "hour": "Tijd",
        "reported": "Melding",
        "arrived": "Aankomst",
        "completed": "Gereed",
        "labor": "Arbeidsuren",
        "travel": "Reisuren",
        "parts": "MATERIALEN",
        "ref": "Artikelnr.",
        "desc": "Omschrijving",
        "qty": "Aantal",
        "notes": "UITGEVOERDE WERKZAAMHEDEN / OPMERKINGEN",
        "signed": "Handtekening klant:",
        "yes": "JA",
        "no_": "NEE",
        "sig_tech": "Handtekening monteur",
        "sig_client": "Handtekening klant",
        "page": "Pagina &P / &N",
    },
}


def bon_de_travaux(case: Case, locale: str) -> Workbook:
    """French "bon de travaux" (a Dutch "werkbon" from the same template for NL): ten
    narrow columns so that the intervention type is a row of boxes with an X, a times
    block with French 08h30 times, a parts grid, observations and "Signature client :
    OUI/NON"."""
    rep, inv = case["service_report"], case["invoice"]
    lang = "nl" if locale == "nl-NL" else "fr"
    t = BON_TEXT[lang]
    labels = SERVICE_LABELS[lang]
    wb, s = new_sheet(t["title"].title(), "Arial", 10)
    s.widths(A=3.5, B=15, C=3.5, D=15, E=3.5, F=15, G=3.5, H=15, I=3.5, J=15)
    grid, outer = frame("thin", "404040"), frame("medium")
    grey = "D0CECE"

    def section(row: int, title: str) -> None:
        s.merge(f"A{row}:J{row}", title, bold=True, fill=grey, border=outer, size=9)

    s.merge("A1:F2", t["title"], bold=True, size=18, border=outer)
    s.merge("G1:J1", t["no"], size=8, border=grid)
    s.merge("G2:J2", rep["work_order_id"], bold=True, size=12, border=grid, h="center")
    s.height(2, 22)
    s.merge("A3:J3", inv["issuer"], italic=True, size=9, border=grid)

    section(5, t["people"])
    s.merge("A6:B6", t["tech"], bold=True, size=9, border=grid)
    s.merge("C6:J6", rep["technician"], border=grid)
    s.merge("A7:B7", t["client"], bold=True, size=9, border=grid)
    s.merge("C7:J7", case["customer"]["name"], border=grid)
    s.merge("A8:B8", t["asset"], bold=True, size=9, border=grid)
    s.merge("C8:J8", asset_text(case), border=grid)

    section(10, t["type"])
    for i, kind in enumerate(SERVICE_ORDER):
        box, text = "ACEGI"[i], "BDFHJ"[i]
        s.put(
            f"{box}11",
            "X" if rep["service_type"] == kind else None,
            bold=True,
            border=frame("medium"),
            h="center",
        )
        s.put(f"{text}11", labels[kind], size=9, wrap=True, border=grid)
    s.height(11, 28)

    section(13, t["times"])
    s.merge("C14:D14", t["date"], bold=True, size=9, border=grid, h="center")
    s.merge("E14:F14", t["hour"], bold=True, size=9, border=grid, h="center")
    date_fmt = tagged(locale, "dd-mm-yyyy" if lang == "nl" else "dd/mm/yyyy")
    time_fmt = tagged(locale, "hh:mm" if lang == "nl" else 'hh"h"mm')
    for i, key in enumerate(("reported", "arrived", "completed")):
        row = 15 + i
        at = naive(rep[f"{key}_at"])
        s.merge(f"A{row}:B{row}", t[key], bold=True, size=9, border=grid)
        s.merge(f"C{row}:D{row}", at.date(), fmt=date_fmt, border=grid, h="center")
        s.merge(f"E{row}:F{row}", at.time(), fmt=time_fmt, border=grid, h="center")
    hours = tagged(locale, "0.00")
    s.merge("G15:H15", t["labor"], bold=True, size=9, border=grid)
    s.merge("I15:J15", rep["labor_hours"], fmt=hours, border=grid, h="center")
    s.merge("G16:H16", t["travel"], bold=True, size=9, border=grid)
    s.merge("I16:J16", rep["travel_hours"], fmt=hours, border=grid, h="center")
    s.merge("G17:J17", None, border=grid)

    section(19, t["parts"])
    s.merge("A20:B20", t["ref"], bold=True, size=9, border=grid)
    s.merge("C20:H20", t["desc"], bold=True, size=9, border=grid)
    s.merge("I20:J20", t["qty"], bold=True, size=9, border=grid, h="center")
    row = 20
    for i in range(5):
        row += 1
        part = rep["parts"][i] if i < len(rep["parts"]) else None
        s.merge(f"A{row}:B{row}", part["sku"] if part else None, border=grid)
        s.merge(f"C{row}:H{row}", part["description"] if part else None, border=grid)
        s.merge(
            f"I{row}:J{row}",
            part["qty"] if part else None,
            fmt=tagged(locale, "General"),
            border=grid,
            h="center",
        )
        s.height(row, 16)

    row += 2
    section(row, t["notes"])
    row += 1
    notes = rep["notes"].strip()
    s.merge(f"A{row}:J{row}", notes or None, border=outer, wrap=True, v="top")
    s.height(row, wrapped_height(notes, 88, 12.5, min_lines=6))
    row += 2
    s.merge(f"A{row}:D{row}", t["signed"], bold=True, h="right")
    s.merge(
        f"E{row}:F{row}",
        t["yes"] if rep["customer_signature"] else t["no_"],
        bold=True,
        border=outer,
        h="center",
    )
    row += 2
    s.merge(f"A{row}:E{row}", t["sig_tech"], size=8, border=grid, v="top")
    s.merge(f"F{row}:J{row}", t["sig_client"], size=8, border=grid, v="top")
    s.height(row, 48)
    s.setup(
        area=f"A1:J{row}",
        margins_in=(0.6, 0.6, 0.6, 0.7),
        footer=(footer_text(inv["issuer"]), "", t["page"]),
    )
    return wb


# ---------------------------------------------------------------------------------------
# Registry and rendering


@dataclass  # not frozen: layouts.rotate's Placed protocol wants a plain doc_type attribute
class SheetLayout:
    name: str
    doc_type: str  # "invoice" or "service_report"
    regions: tuple[str, ...]
    build: Callable[[Case, str], Workbook]
    prints_zone: bool = False  # timestamps printed with their zone: truth keeps the offset

    def serves(self, region: str) -> bool:
        return region in self.regions

    def locale(self, region: str) -> str:
        return REGION_LOCALE[region]


LAYOUTS: list[SheetLayout] = [
    SheetLayout("sheet_rechnungsvorlage", "invoice", DACH, rechnungsvorlage),
    SheetLayout("sheet_facture_excel", "invoice", ("FR",), facture_excel),
    SheetLayout("sheet_invoice_template", "invoice", ("GB", *US_REGIONS), invoice_template),
    SheetLayout("sheet_factuur", "invoice", ("NL",), factuur),
    SheetLayout("sheet_regiebericht", "service_report", DACH, regiebericht),
    SheetLayout("sheet_timesheet", "service_report", ("GB",), timesheet, prints_zone=True),
    SheetLayout("sheet_work_order", "service_report", US_REGIONS, work_order, prints_zone=True),
    SheetLayout("sheet_bon_de_travaux", "service_report", ("FR", "NL"), bon_de_travaux),
]


def available() -> bool:
    """Whether openpyxl, ``soffice`` and LibreOffice Calc (not only Writer) are installed."""
    exe = find_soffice()
    if not (HAVE_OPENPYXL and exe):
        return False
    program = Path(exe).resolve().parent
    candidates = [program, Path("/usr/lib/libreoffice/program"), Path("/opt/libreoffice/program")]
    return any((d / "libsclo.so").exists() or (d / "libsclo.dylib").exists() for d in candidates)


def render_all(out_dir: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Render every case's report and invoice into ``out_dir``; write and return the truth."""
    if not available():
        raise RuntimeError(
            "sheet layouts need openpyxl and LibreOffice Calc: run scripts/bench-setup.sh"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="sheet_layouts_") as tmp:
        work = Path(tmp)
        books: list[Path] = []
        for case, layout in rotate(cases if cases is not None else load_cases(), LAYOUTS):
            locale = layout.locale(case["customer"]["region"])
            record = document_record(case, layout.doc_type, layout.name, locale, layout.prints_zone)
            target = out_dir / record["file"]
            target.unlink(missing_ok=True)
            book = work / f"{target.stem}.xlsx"
            layout.build(case, locale).save(book)
            books.append(book)
            records.append(record)
        convert_to_pdf(
            books,
            out_dir,
            work / "profile",
            export="pdf:calc_pdf_Export",
            timeout=CONVERT_TIMEOUT_S,
        )
    write_truth(out_dir, records)
    return records


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="sheet_pdfs_"))
    records = render_all(out)
    print(f"wrote {len(records)} PDFs and truth.jsonl to {out}")


if __name__ == "__main__":
    main()
