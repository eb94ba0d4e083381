"""PDF invoices and service reports rendered from a case, in several issuer layouts.

Each layout has its own label wording and language, date and number style,
and line-item arrangement (table or stacked), so extraction is trained and
measured on documents that do not all look alike. Every document has a real
text layer. `invoice_truth`/`report_truth` return exactly what was printed.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from fpdf import FPDF

from triage.simulate.formats import format_date, format_datetime, format_number, format_quantity

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    lang: str
    date_style: str
    num_style: str
    stacked: bool
    money: str  # "code_prefix", "symbol_prefix", "code_suffix", "plain"
    serif: bool = False


INVOICE_LAYOUT_SPECS: dict[str, Layout] = {
    "en_us_table": Layout("en_us_table", "en", "us", "en", False, "symbol_prefix"),
    "de_table": Layout("de_table", "de", "dot", "de", False, "code_suffix", serif=True),
    "fr_stacked": Layout("fr_stacked", "fr", "long_fr", "fr", True, "code_suffix"),
    "ch_stacked": Layout("ch_stacked", "de", "iso", "ch", True, "code_prefix"),
    "gb_compact": Layout("gb_compact", "en", "long_en", "en", False, "code_prefix", serif=True),
    "eu_en_table": Layout("eu_en_table", "en", "eu", "de", False, "plain"),
}
REPORT_LAYOUT_SPECS: dict[str, Layout] = {
    "en_form": Layout("en_form", "en", "us", "en", False, "plain"),
    "de_form": Layout("de_form", "de", "dot", "de", False, "plain", serif=True),
    "fr_form": Layout("fr_form", "fr", "eu", "fr", True, "plain"),
    "iso_sheet": Layout("iso_sheet", "en", "iso", "plain", True, "plain"),
}
INVOICE_LAYOUTS: tuple[str, ...] = tuple(INVOICE_LAYOUT_SPECS)
REPORT_LAYOUTS: tuple[str, ...] = tuple(REPORT_LAYOUT_SPECS)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "invoice": "INVOICE",
        "number": "Invoice No.",
        "date": "Invoice date",
        "po": "PO number",
        "bill_to": "Bill to",
        "from": "From",
        "desc": "Description",
        "sku": "Item",
        "qty": "Qty",
        "unit": "Unit price",
        "amount": "Amount",
        "subtotal": "Subtotal",
        "tax": "Tax",
        "total": "Total due",
        "currency": "Currency",
        "report": "SERVICE REPORT",
        "wo": "Work order",
        "tech": "Technician",
        "stype": "Service type",
        "reported": "Reported",
        "arrived": "Arrived on site",
        "completed": "Completed",
        "labor": "Labor hours",
        "travel": "Travel hours",
        "parts": "Parts used",
        "notes": "Technician notes",
        "signature": "Customer signature",
        "signed": "Signed",
        "unsigned": "Not signed",
        "page": "Page",
        "continued": "continued on next page",
        "terms": "Payment terms: 30 days net. Please quote the invoice number with your payment.",
    },
    "de": {
        "invoice": "RECHNUNG",
        "number": "Rechnungsnr.",
        "date": "Rechnungsdatum",
        "po": "Bestellnummer",
        "bill_to": "Rechnungsempfänger",
        "from": "Absender",
        "desc": "Bezeichnung",
        "sku": "Art.-Nr.",
        "qty": "Menge",
        "unit": "Einzelpreis",
        "amount": "Betrag",
        "subtotal": "Zwischensumme netto",
        "tax": "MwSt.",
        "total": "Gesamtbetrag",
        "currency": "Währung",
        "report": "SERVICEBERICHT",
        "wo": "Auftragsnummer",
        "tech": "Techniker",
        "stype": "Leistungsart",
        "reported": "Störung gemeldet",
        "arrived": "Ankunft",
        "completed": "Fertigstellung",
        "labor": "Arbeitszeit (Std.)",
        "travel": "Fahrzeit (Std.)",
        "parts": "Verbautes Material",
        "notes": "Bemerkungen",
        "signature": "Unterschrift Kunde",
        "signed": "unterschrieben",
        "unsigned": "nicht unterschrieben",
        "page": "Seite",
        "continued": "Fortsetzung auf der nächsten Seite",
        "terms": "Zahlbar innerhalb von 30 Tagen ohne Abzug. Bitte Rechnungsnummer angeben.",
    },
    "fr": {
        "invoice": "FACTURE",
        "number": "N° de facture",
        "date": "Date de facture",
        "po": "Bon de commande",
        "bill_to": "Facturé à",
        "from": "Émetteur",
        "desc": "Désignation",
        "sku": "Référence",
        "qty": "Qté",
        "unit": "Prix unitaire",
        "amount": "Montant",
        "subtotal": "Total HT",
        "tax": "TVA",
        "total": "Total TTC",
        "currency": "Devise",
        "report": "RAPPORT D'INTERVENTION",
        "wo": "Ordre de travail",
        "tech": "Technicien",
        "stype": "Type d'intervention",
        "reported": "Signalé le",
        "arrived": "Arrivée sur site",
        "completed": "Fin d'intervention",
        "labor": "Heures de main d'oeuvre",
        "travel": "Heures de déplacement",
        "parts": "Pièces utilisées",
        "notes": "Observations",
        "signature": "Signature client",
        "signed": "signé",
        "unsigned": "non signé",
        "page": "Page",
        "continued": "suite page suivante",
        "terms": "Paiement à 30 jours. Merci de rappeler le numéro de facture.",
    },
}
SERVICE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "preventive_maintenance": "Preventive maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency repair",
    },
    "de": {
        "preventive_maintenance": "Wartung",
        "repair": "Reparatur",
        "installation": "Montage / Installation",
        "inspection": "Inspektion / Prüfung",
        "emergency_repair": "Notdienst-Reparatur",
    },
    "fr": {
        "preventive_maintenance": "Maintenance préventive",
        "repair": "Réparation",
        "installation": "Installation",
        "inspection": "Contrôle",
        "emergency_repair": "Dépannage urgent",
    },
}
_SYMBOL = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF "}


def _unicode_fonts() -> dict[str, Path] | None:
    files = {
        "sans": _DEJAVU / "DejaVuSans.ttf",
        "sans_b": _DEJAVU / "DejaVuSans-Bold.ttf",
        "serif": _DEJAVU / "DejaVuSerif.ttf",
        "serif_b": _DEJAVU / "DejaVuSerif-Bold.ttf",
    }
    return files if all(p.is_file() for p in files.values()) else None


_FONTS = _unicode_fonts()


class _Doc:
    """A thin writer over FPDF that falls back to latin-1 core fonts when DejaVu is missing."""

    def __init__(self, serif: bool) -> None:
        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(auto=True, margin=18)
        self.pdf.set_margins(16, 16, 16)
        if _FONTS is not None:
            family = "serif" if serif else "sans"
            self.pdf.add_font("body", "", str(_FONTS[family]))
            self.pdf.add_font("body", "B", str(_FONTS[f"{family}_b"]))
            self.family = "body"
        else:
            self.family = "Times" if serif else "Helvetica"
        self.pdf.add_page()

    def text(self, value: str) -> str:
        if _FONTS is not None:
            return value
        return unicodedata.normalize("NFKD", value).encode("latin-1", "ignore").decode("latin-1")

    def font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)

    def cell(
        self, w: float, value: str, align: str = "L", h: float = 6, border: Literal[0, 1] = 0
    ) -> None:
        self.pdf.cell(w, h, self.text(value), border=border, align=align)

    def line(self, value: str, size: float = 10, bold: bool = False, h: float = 6) -> None:
        self.font(size, bold)
        self.pdf.multi_cell(0, h, self.text(value), new_x="LMARGIN", new_y="NEXT")

    def pair(self, label: str, value: str, width: float = 48) -> None:
        self.font(10, True)
        self.cell(width, f"{label}:")
        self.font(10)
        self.pdf.multi_cell(0, 6, self.text(value), new_x="LMARGIN", new_y="NEXT")

    def newline(self, h: float = 6) -> None:
        self.pdf.ln(h)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _money(value: float, currency: str, layout: Layout) -> str:
    number = format_number(value, layout.num_style)
    if layout.money == "symbol_prefix":
        sign = "-" if value < 0 else ""
        return f"{sign}{_SYMBOL[currency]}{format_number(abs(value), layout.num_style)}"
    if layout.money == "code_prefix":
        return f"{currency} {number}"
    if layout.money == "code_suffix":
        return f"{number} {currency}"
    return number


def _rate_text(rate: float, layout: Layout) -> str:
    pct = f"{rate * 100:.3f}".rstrip("0").rstrip(".")
    if layout.num_style in ("de", "fr"):
        pct = pct.replace(".", ",")
    return f"{pct} %" if layout.lang != "en" else f"{pct}%"


def spans_two_pages(case: dict[str, Any], layout: str) -> bool:
    digest = hashlib.sha256(f"{case['case_id']}:{layout}".encode()).digest()
    return digest[0] < 64 or len(case["invoice"]["lines"]) >= 7


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date_style(spec: Layout, case: dict[str, Any]) -> str:
    """The layout's date style, but month-first slashes only from a US issuer: DOMAIN §5
    prints dates in the issuer's local style, and a European issuer's `03/04/2026` is 3
    April. (A European-style layout used by a US issuer keeps its day-first dates: its
    decimal-comma amounts say the same.)"""
    if spec.date_style == "us" and not case["customer"]["region"].startswith("US"):
        return "eu"
    return spec.date_style


def render_invoice(case: dict[str, Any], layout: str) -> bytes:
    """The case's invoice as a PDF in the named layout."""
    spec = INVOICE_LAYOUT_SPECS[layout]
    inv = case["invoice"]
    cur = inv["currency"]
    lab = LABELS[spec.lang]
    doc = _Doc(spec.serif)
    doc.line(inv["issuer"], 14, bold=True)
    doc.line(lab["invoice"], 18, bold=True, h=10)
    doc.pair(lab["number"], inv["number"])
    doc.pair(
        lab["date"],
        format_date(datetime.fromisoformat(inv["date"]).date(), _date_style(spec, case)),
    )
    po = _clean(inv["po_number"])
    if po is not None:
        doc.pair(lab["po"], po)
    doc.pair(lab["bill_to"], inv["bill_to"])
    if spec.money == "plain":
        doc.pair(lab["currency"], cur)
    doc.pair(lab["wo"], case["service_report"]["work_order_id"])
    doc.newline(4)
    if spec.stacked:
        for i, ln in enumerate(inv["lines"], start=1):
            head = f"{i}. {ln['description']}"
            if ln["sku"]:
                head += f"  ({lab['sku']} {ln['sku']})"
            doc.line(head, 10, bold=True)
            qty = format_quantity(ln["qty"], spec.num_style)
            unit = _money(ln["unit_price"], cur, spec)
            doc.line(f"    {lab['qty']} {qty} x {unit} = {_money(ln['amount'], cur, spec)}", 10)
    else:
        widths = (76, 24, 14, 32, 32)
        heads = (lab["desc"], lab["sku"], lab["qty"], lab["unit"], lab["amount"])
        doc.font(9, True)
        for w, head in zip(widths, heads, strict=True):
            doc.cell(w, head, border=1, align="C")
        doc.newline()
        doc.font(9)
        for ln in inv["lines"]:
            cells = (
                (ln["description"], "L"),
                (ln["sku"] or "", "L"),
                (format_quantity(ln["qty"], spec.num_style), "R"),
                (_money(ln["unit_price"], cur, spec), "R"),
                (_money(ln["amount"], cur, spec), "R"),
            )
            for w, (value, align) in zip(widths, cells, strict=True):
                doc.cell(w, value, align=align, border=1)
            doc.newline()
    if spans_two_pages(case, layout):
        doc.line(f"({lab['continued']})", 8)
        doc.pdf.add_page()
        doc.line(f"{inv['number']} - {lab['page']} 2", 9)
    doc.newline(4)
    doc.pair(lab["subtotal"], _money(inv["subtotal"], cur, spec), 60)
    doc.pair(f"{lab['tax']} {_rate_text(inv['tax_rate'], spec)}", _money(inv["tax"], cur, spec), 60)
    doc.pair(lab["total"], _money(inv["total"], cur, spec), 60)
    doc.newline(6)
    doc.line(lab["terms"], 8)
    return doc.output()


def invoice_truth(case: dict[str, Any]) -> dict[str, Any]:
    """The invoice fields as printed: §2 names, ISO dates, plain numbers."""
    inv = case["invoice"]
    return {
        "number": inv["number"],
        "date": inv["date"],
        "issuer": inv["issuer"],
        "bill_to": inv["bill_to"],
        "po_number": _clean(inv["po_number"]),
        "currency": inv["currency"],
        "work_order_id": case["service_report"]["work_order_id"],
        "lines": [dict(ln) for ln in inv["lines"]],
        "subtotal": inv["subtotal"],
        "tax_rate": inv["tax_rate"],
        "tax": inv["tax"],
        "total": inv["total"],
    }


def _local(ts: str, like: str) -> datetime:
    """`ts` shown in the offset of `like` (a report prints site-local times)."""
    return datetime.fromisoformat(ts).astimezone(datetime.fromisoformat(like).tzinfo)


def render_report(case: dict[str, Any], layout: str) -> bytes:
    """The case's service report as a PDF in the named layout."""
    spec = REPORT_LAYOUT_SPECS[layout]
    rep = case["service_report"]
    lab = LABELS[spec.lang]
    doc = _Doc(spec.serif)
    doc.line(lab["report"], 16, bold=True, h=10)
    doc.pair(lab["wo"], rep["work_order_id"])
    doc.pair(lab["tech"], rep["technician"])
    doc.pair(lab["stype"], SERVICE_NAMES[spec.lang][rep["service_type"]])
    doc.pair("Asset", f"{case['asset']['model']} ({case['asset']['id']})")
    date_style = _date_style(spec, case)
    for key in ("reported_at", "arrived_at", "completed_at"):
        moment = _local(rep[key], rep["arrived_at"])
        doc.pair(lab[key.split("_")[0]], format_datetime(moment, date_style), 62)
    doc.pair(lab["labor"], format_quantity(rep["labor_hours"], spec.num_style), 62)
    doc.pair(lab["travel"], format_quantity(rep["travel_hours"], spec.num_style), 62)
    doc.newline(3)
    doc.line(lab["parts"], 11, bold=True)
    for part in rep["parts"]:
        qty = format_quantity(part["qty"], spec.num_style)
        sku = part["sku"] or "-"
        if spec.stacked:
            doc.line(f"- {part['description']} / {lab['sku']}: {sku} / {lab['qty']}: {qty}", 10)
        else:
            doc.font(10)
            doc.cell(30, sku, border=1)
            doc.cell(110, part["description"], border=1)
            doc.cell(20, qty, border=1, align="R")
            doc.newline()
    if not rep["parts"]:
        doc.line("-", 10)
    doc.newline(3)
    doc.line(lab["notes"], 11, bold=True)
    doc.line(rep["notes"] or "", 10, h=5)
    doc.newline(4)
    mark = lab["signed"] if rep["customer_signature"] else lab["unsigned"]
    doc.pair(lab["signature"], mark, 52)
    return doc.output()


def report_truth(case: dict[str, Any]) -> dict[str, Any]:
    """The report fields as printed; times are site-local wall-clock ISO (no offset printed)."""
    rep = case["service_report"]
    times = {
        key: _local(rep[key], rep["arrived_at"]).replace(tzinfo=None).isoformat(timespec="minutes")
        for key in ("reported_at", "arrived_at", "completed_at")
    }
    return {
        "work_order_id": rep["work_order_id"],
        "technician": rep["technician"],
        "service_type": rep["service_type"],
        **times,
        "labor_hours": rep["labor_hours"],
        "travel_hours": rep["travel_hours"],
        "parts": [dict(p) for p in rep["parts"]],
        "notes": rep["notes"],
        "customer_signature": rep["customer_signature"],
    }
