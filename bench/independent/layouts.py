"""Independent PDF layouts for the hand-written cases in ``cases.jsonl``.

Thirteen layouts (seven invoices, six service reports) modelled on how real
issuers' billing and field-service systems print documents: a US field-service
invoice, a QuickBooks-style US invoice, a UK invoice with labels above values
and wrapping line items, a German/Austrian DIN 5008 "Rechnung", a Swiss
"Rechnung" with a QR payment part, a French "Facture", a Dutch "Factuur", and
service reports as a US service ticket, a US call summary, a UK engineer's job
sheet, a German "Servicebericht", a French "Rapport d'intervention" and a Dutch
"Werkbon". They were designed from DOMAIN.md alone, without looking at the
project's extractor or its simulator's renderer.

Each PDF gets a truth record: DOMAIN §2 field names, ISO dates, plain numbers,
invoice lines under ``lines`` and report parts under ``parts``. Timestamps are
naive local wall time (``2026-03-02T07:40:00``) unless the layout prints a time
zone, in which case the truth carries the offset. A field the document leaves
empty (no PO number, empty notes) has truth ``None``.

Run ``python -m bench.independent.layouts [OUT_DIR]`` to write the PDFs and
``truth.jsonl``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases.jsonl"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
US_REGIONS = ("US-NY", "US-TX", "US-CA")

Case = dict[str, Any]

# --------------------------------------------------------------------------- formatting

EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DE_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def money(value: float, style: str) -> str:
    """Amount without currency in a local style: us 1,234.56, de 1.234,56, fr 1 234,56,
    ch 1'234.56, qr 1 234.56 (Swiss QR-bill)."""
    whole, cents = f"{abs(value):,.2f}".split(".")
    if style == "us":
        text = f"{whole}.{cents}"
    elif style == "de":
        text = f"{whole.replace(',', '.')},{cents}"
    elif style == "fr":
        text = f"{whole.replace(',', chr(0x202F))},{cents}"
    elif style == "ch":
        text = f"{whole.replace(',', chr(39))}.{cents}"
    elif style == "qr":
        text = f"{whole.replace(',', ' ')}.{cents}"
    else:
        raise ValueError(style)
    return f"-{text}" if value < 0 else text


def num(value: float, decimal: str = ".", places: int | None = None) -> str:
    """Quantity: trailing zeros dropped unless ``places`` fixes them."""
    text = f"{value:.{places}f}" if places is not None else f"{value:.3f}".rstrip("0").rstrip(".")
    return text.replace(".", decimal)


def percent(rate: float, decimal: str = ".") -> str:
    return f"{rate * 100:.3f}".rstrip("0").rstrip(".").replace(".", decimal)


def hours_hm(value: float) -> str:
    minutes = round(value * 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def stamp(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def clock12(ts: datetime) -> str:
    hour = ts.hour % 12 or 12
    return f"{hour}:{ts.minute:02d} {'AM' if ts.hour < 12 else 'PM'}"


def us_zone(region: str, ts: datetime) -> str:
    offset = ts.utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 0
    zones = {"US-NY": ("EST", "EDT", -5), "US-TX": ("CST", "CDT", -6), "US-CA": ("PST", "PDT", -8)}
    standard, daylight, base = zones[region]
    return standard if hours == base else daylight


def fr_date(d: date) -> str:
    first = "1er" if d.day == 1 else str(d.day)
    return f"{first} {FR_MONTHS[d.month - 1]} {d.year}"


# --------------------------------------------------------------------------- parties


def _pick(name: str, options: list[Any]) -> Any:
    digest = hashlib.sha256(name.encode()).digest()
    return options[digest[0] % len(options)]


CUSTOMER_STREETS: dict[str, list[tuple[str, str]]] = {
    "DE": [("Westparkstraße 14", "80339 München"), ("Am Lindenhof 3", "33602 Bielefeld")],
    "AT": [("Mariahilfer Straße 118", "1070 Wien"), ("Hauptplatz 7", "8010 Graz")],
    "CH": [("Badenerstrasse 212", "8004 Zürich"), ("Route de Lausanne 41", "1110 Morges")],
    "FR": [("12 rue de la République", "69002 Lyon"), ("4 avenue Jean Jaurès", "31000 Toulouse")],
    "NL": [("Stationsweg 21", "5611 AB Eindhoven"), ("Kerkstraat 88", "3811 CV Amersfoort")],
    "GB": [("14 Wellington Road", "Harrow HA1 1RJ"), ("Unit 6, Riverside Park", "Leeds LS10 1AB")],
    "US-NY": [("1450 Grand Concourse", "Bronx, NY 10457"), ("212 Route 9W", "Kingston, NY 12401")],
    "US-TX": [
        ("8800 Bellfort Ave", "Houston, TX 77061"),
        ("410 Industrial Blvd", "Austin, TX 78745"),
    ],
    "US-CA": [("2250 Harbor Way", "Richmond, CA 94804"), ("77 Mission Rd", "San Diego, CA 92108")],
}


@dataclass(frozen=True)
class Issuer:
    name: str
    street: str
    city: str
    phone: str
    email: str
    registration: str  # one line of registration data in the issuer's own terms
    tax_id: str
    bank: str


def issuer_profile(name: str, region: str) -> Issuer:
    low = name.lower()
    if low.endswith("gmbh") or low.endswith("kg"):
        street, city = _pick(
            name, [("Hafenstraße 12", "44147 Dortmund"), ("Ruhrallee 5", "45138 Essen")]
        )
        return Issuer(
            name,
            street,
            city,
            "+49 231 555 0140",
            "rechnung@acme-fs.de",
            "Amtsgericht Dortmund HRB 28841 · Geschäftsführer: Dr. K. Weber",
            "DE 293 448 120",
            "Sparkasse Dortmund · IBAN DE44 4405 0199 0001 2345 67 · BIC DORTDE33",
        )
    if low.endswith(" ag"):
        return Issuer(
            name,
            "Hardturmstrasse 161",
            "8005 Zürich",
            "+41 44 555 01 40",
            "billing@acme-fs.ch",
            "Handelsregister des Kantons Zürich CHE-312.455.018",
            "CHE-312.455.018 MWST",
            "PostFinance · IBAN CH93 0076 2011 6238 5295 7",
        )
    if low.endswith("sarl") or low.endswith("sas"):
        return Issuer(
            name,
            "27 quai Perrache",
            "69002 Lyon",
            "04 78 55 01 40",
            "compta@froid-lyon.fr",
            "SARL au capital de 20 000 € · RCS Lyon 812 345 678 · APE 3312Z",
            "FR 27 812345678",
            "Crédit Lyonnais · IBAN FR76 3000 2005 5000 0015 7845 Z02",
        )
    if low.endswith("b.v."):
        return Issuer(
            name,
            "Ekkersrijt 4102",
            "5692 DB Son",
            "040 555 0140",
            "factuur@koeltechniek.nl",
            "KvK 17084321",
            "NL812345678B01",
            "IBAN NL91 ABNA 0417 1643 00",
        )
    if region == "GB" or low.endswith("ltd"):
        return Issuer(
            name,
            "Unit 3, Meridian Business Park",
            "Leicester LE19 1WZ",
            "0116 555 0140",
            "accounts@acme-fs.co.uk",
            "Registered in England and Wales No. 08841277",
            "GB 281 4471 90",
            "Barclays Bank · Sort code 20-45-77 · Account 43981120",
        )
    if region in US_REGIONS:
        street, city, phone = {
            "US-NY": ("55 Water St, Suite 1200", "New York, NY 10041", "(212) 555-0140"),
            "US-TX": ("4120 Commerce Pkwy, Suite 200", "Houston, TX 77041", "(713) 555-0140"),
            "US-CA": ("1901 Harrison St", "Oakland, CA 94612", "(510) 555-0140"),
        }[region]
        return Issuer(
            name,
            street,
            city,
            phone,
            "billing@" + "".join(ch for ch in name.lower().split()[0] if ch.isalnum()) + ".com",
            "",
            "EIN 84-2291047",
            "",
        )
    return Issuer(name, "Industriestraße 1", "1000 Wien", "+43 1 555 0140", "", "", "", "")


def customer_lines(case: Case, name: str | None = None) -> tuple[str, str]:
    """Street and city of the customer, or of another party named in the case."""
    region = case["customer"]["region"]
    streets = CUSTOMER_STREETS.get(region, CUSTOMER_STREETS["DE"])
    return _pick(name or case["customer"]["name"], streets)


# --------------------------------------------------------------------------- pdf helpers


class Page(FPDF):
    """FPDF with DejaVu families registered and an optional per-page footer callback."""

    def __init__(self, page_format: str = "A4", margin: float = 18) -> None:
        super().__init__(format=page_format, unit="mm")
        for family, base in (
            ("sans", "DejaVuSans"),
            ("serif", "DejaVuSerif"),
            ("cond", "DejaVuSansCondensed"),
            ("mono", "DejaVuSansMono"),
        ):
            self.add_font(family, "", str(FONT_DIR / f"{base}.ttf"))
            self.add_font(family, "B", str(FONT_DIR / f"{base}-Bold.ttf"))
        self.footer_fn: Callable[[Page], None] | None = None
        self.set_margins(margin, 15, margin)
        self.set_auto_page_break(True, margin=30)
        self.add_page()

    def footer(self) -> None:
        if self.footer_fn is not None:
            self.footer_fn(self)

    def text_at(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 9,
        style: str = "",
        family: str | None = None,
        w: float = 0,
        align: str = "L",
    ) -> None:
        self.set_font(family or self.font_family, style, size)
        self.set_xy(x, y)
        self.cell(w, size * 0.45, text, align=align)

    def lines_needed(self, w: float, text: str, h: float) -> int:
        rows = self.multi_cell(w, h, text, dry_run=True, output=MethodReturnValue.LINES)
        return max(1, len(rows))

    def boxed(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        label: str,
        value: str,
        label_size: float = 6.5,
        value_size: float = 9.5,
    ) -> None:
        """A form cell with a small label ABOVE its value."""
        self.rect(x, y, w, h)
        family = self.font_family
        self.set_text_color(90, 90, 90)
        self.text_at(x + 1.2, y + 1.0, label, label_size, "B", family)
        self.set_text_color(0, 0, 0)
        self.set_font(family, "", value_size)
        self.set_xy(x + 1.2, y + 1.8 + label_size * 0.45)
        self.multi_cell(w - 2.4, value_size * 0.45, value, align="L")


def table(
    pdf: Page,
    x: float,
    cols: list[tuple[str, float, str]],
    rows: list[list[str]],
    size: float = 9,
    header_fill: tuple[int, int, int] | None = (230, 230, 230),
    header_text: tuple[int, int, int] = (0, 0, 0),
    grid: bool = False,
    line_h: float | None = None,
) -> float:
    """Draw a table whose cells wrap; returns the y under it."""
    h = line_h or size * 0.5
    family = pdf.font_family
    y = pdf.get_y()
    pdf.set_font(family, "B", size)
    if header_fill:
        pdf.set_fill_color(*header_fill)
    pdf.set_text_color(*header_text)
    cx = x
    for title, width, align in cols:
        pdf.set_xy(cx, y)
        pdf.cell(width, h + 2, title, border=1 if grid else 0, align=align, fill=bool(header_fill))
        cx += width
    pdf.set_text_color(0, 0, 0)
    y += h + 2
    if not grid:
        pdf.line(x, y, x + sum(c[1] for c in cols), y)
    pdf.set_font(family, "", size)
    for row in rows:
        height = max(pdf.lines_needed(c[1] - 1, v, h) for c, v in zip(cols, row, strict=True)) * h
        if y + height + 2 > pdf.h - 35:
            pdf.add_page()
            y = pdf.get_y()
            pdf.set_font(family, "", size)
        cx = x
        for (_, width, align), value in zip(cols, row, strict=True):
            pdf.set_xy(cx + 0.5, y + 1)
            pdf.multi_cell(width - 1, h, value, align=align)
            if grid:
                pdf.rect(cx, y, width, height + 2)
            cx += width
        y += height + 2
    if not grid:
        pdf.line(x, y, x + sum(c[1] for c in cols), y)
    pdf.set_xy(x, y)
    return y


def squiggle(pdf: Page, x: float, y: float) -> None:
    pdf.set_draw_color(30, 40, 120)
    points = [(x, y + 4), (x + 5, y), (x + 9, y + 6), (x + 14, y + 1), (x + 20, y + 5), (x + 28, y)]
    for a, b in itertools.pairwise(points):
        pdf.line(*a, *b)
    pdf.set_draw_color(0, 0, 0)


# --------------------------------------------------------------------------- invoices


def us_field_invoice(case: Case, path: Path) -> None:
    """US field-service company: month-first dates, $, Remit To / Bill To side by side."""
    inv, region = case["invoice"], case["customer"]["region"]
    me = issuer_profile(inv["issuer"], region)
    pdf = Page("Letter", margin=15)
    pdf.set_font("sans")
    pdf.text_at(15, 14, me.name, 15, "B")
    for i, text in enumerate([me.street, me.city, f"Phone {me.phone}", me.email]):
        pdf.text_at(15, 22 + 4.2 * i, text, 8.5)
    pdf.set_text_color(20, 60, 120)
    pdf.text_at(130, 13, "INVOICE", 24, "B", w=70, align="R")
    pdf.set_text_color(0, 0, 0)
    d = day(inv["date"])
    meta = [
        ("Invoice #", inv["number"]),
        ("Invoice Date", f"{d:%m/%d/%Y}"),
        ("Due Date", f"{d + timedelta(days=30):%m/%d/%Y}"),
        ("Job #", case["service_report"]["work_order_id"]),
        ("P.O. #", inv["po_number"] or ""),
        ("Terms", "Net 30"),
    ]
    for i, (label, value) in enumerate(meta):
        pdf.text_at(130, 26 + 5 * i, label, 9, "B", w=30, align="R")
        pdf.text_at(163, 26 + 5 * i, value, 9, w=37)
    street, city = customer_lines(case, inv["bill_to"])
    top = 60
    for x, title, body in (
        (15, "BILL TO", [inv["bill_to"], "Attn: Accounts Payable", street, city]),
        (110, "REMIT TO", [me.name, "P.O. Box 4471", me.city]),
    ):
        pdf.set_fill_color(20, 60, 120)
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(x, top)
        pdf.set_font("sans", "B", 8.5)
        pdf.cell(90, 6, f"  {title}", fill=True)
        pdf.set_text_color(0, 0, 0)
        pdf.rect(x, top, 90, 28)
        for i, text in enumerate(body):
            pdf.text_at(x + 3, top + 8 + 4.5 * i, text, 9, "B" if i == 0 else "")
    pdf.set_y(top + 36)
    rows = []
    for line in inv["lines"]:
        amount = f"${money(line['amount'], 'us')}"
        if line["amount"] < 0:
            amount = f"(${money(-line['amount'], 'us')})"
        rate = money(line["unit_price"], "us")
        rate = f"(${rate[1:]})" if rate.startswith("-") else f"${rate}"
        rows.append(
            [line["sku"] or "", line["description"], num(line["qty"], places=2), rate, amount]
        )
    cols = [
        ("Item", 28, "L"),
        ("Description", 78, "L"),
        ("Hours/Qty", 22, "R"),
        ("Rate", 28, "R"),
        ("Amount", 29.9, "R"),
    ]
    y = table(pdf, 15, cols, rows, 9, header_fill=(20, 60, 120), header_text=(255, 255, 255))
    tax_label = f"Sales Tax ({percent(inv['tax_rate'])}%)"
    totals = [
        ("Subtotal", inv["subtotal"]),
        (tax_label, inv["tax"]),
        ("TOTAL", inv["total"]),
        ("Payments/Credits", 0.0),
        ("BALANCE DUE", inv["total"]),
    ]
    for i, (label, value) in enumerate(totals):
        bold = "B" if label in ("TOTAL", "BALANCE DUE") else ""
        pdf.text_at(120, y + 4 + 5.5 * i, label, 9.5, bold, w=45, align="R")
        pdf.text_at(167, y + 4 + 5.5 * i, f"${money(value, 'us')}", 9.5, bold, w=33.9, align="R")
    pdf.text_at(15, y + 40, "Thank you for your business!", 10, "B")
    pdf.text_at(15, y + 46, f"Please make checks payable to {me.name}.", 8.5)
    pdf.text_at(
        15, y + 50.5, "A finance charge of 1.5% per month applies to past-due balances.", 8.5
    )
    pdf.output(str(path))


def us_quickbooks(case: Case, path: Path) -> None:
    """Small-business accounting package: label-above header cells, $ only on the totals."""
    inv, region = case["invoice"], case["customer"]["region"]
    me = issuer_profile(inv["issuer"], region)
    pdf = Page("Letter", margin=15)
    pdf.set_font("cond")
    pdf.text_at(15, 15, me.name, 12, "B")
    for i, text in enumerate([me.street, me.city, me.phone]):
        pdf.text_at(15, 21 + 4 * i, text, 8.5)
    pdf.set_text_color(50, 90, 160)
    pdf.text_at(140, 14, "Invoice", 22, "", w=60, align="R")
    pdf.set_text_color(0, 0, 0)
    d = day(inv["date"])
    pdf.boxed(140.9, 26, 25, 11, "DATE", f"{d.month}/{d.day}/{d.year}")
    pdf.boxed(165.9, 26, 35, 11, "INVOICE #", inv["number"])
    street, city = customer_lines(case)
    b_street, b_city = customer_lines(case, inv["bill_to"])
    pdf.boxed(15, 45, 85, 26, "BILL TO", f"{inv['bill_to']}\n{b_street}\n{b_city}")
    pdf.boxed(110, 45, 90.9, 26, "JOB SITE", f"{case['customer']['name']}\n{street}\n{city}")
    heads = [
        ("P.O. NUMBER", inv["po_number"] or ""),
        ("TERMS", "Net 15"),
        ("REP", "".join(p[0] for p in me.name.split()[:2])),
        ("WORK ORDER", case["service_report"]["work_order_id"]),
        ("SERVICE DATE", f"{stamp(case['service_report']['completed_at']):%-m/%-d/%Y}"),
    ]
    for i, (label, value) in enumerate(heads):
        pdf.boxed(15 + 37.18 * i, 78, 37.18, 11, label, value)
    pdf.set_y(96)
    kinds = {"labor": "Labor", "travel": "Travel", "fee": "Misc", "credit": "Credit"}
    rows = [
        [
            line["sku"] or kinds.get(line["kind"], "Service"),
            line["description"],
            num(line["qty"]),
            money(line["unit_price"], "us"),
            money(line["amount"], "us"),
        ]
        for line in inv["lines"]
    ]
    cols = [
        ("ITEM", 26, "L"),
        ("DESCRIPTION", 86, "L"),
        ("QTY", 18, "R"),
        ("RATE", 27, "R"),
        ("AMOUNT", 28.9, "R"),
    ]
    y = table(pdf, 15, cols, rows, 9, header_fill=(215, 225, 240), grid=True)
    totals = [
        ("Subtotal", money(inv["subtotal"], "us")),
        (f"Sales Tax ({percent(inv['tax_rate'])}%)", money(inv["tax"], "us")),
        ("Total", f"${money(inv['total'], 'us')}"),
        ("Payments/Credits", "$0.00"),
        ("Balance Due", f"${money(inv['total'], 'us')}"),
    ]
    for i, (label, value) in enumerate(totals):
        bold = "B" if label in ("Total", "Balance Due") else ""
        pdf.text_at(120, y + 4 + 5.5 * i, label, 9.5, bold, w=45)
        pdf.text_at(160, y + 4 + 5.5 * i, value, 9.5, bold, w=40.9, align="R")
    pdf.output(str(path))


def uk_invoice(case: Case, path: Path) -> None:
    """UK: labels above values, narrow description column so items wrap and the part number
    sits on a second line of the description, VAT column per line."""
    inv = case["invoice"]
    me = issuer_profile(inv["issuer"], "GB")
    pdf = Page("A4", margin=16)
    pdf.set_font("serif")
    pdf.text_at(100, 14, me.name, 13, "B", w=94, align="R")
    for i, text in enumerate([me.street, me.city, f"Tel {me.phone}", f"VAT Reg. No. {me.tax_id}"]):
        pdf.text_at(100, 21 + 4 * i, text, 8.5, w=94, align="R")
    pdf.text_at(16, 16, "INVOICE", 20, "B")
    street, city = customer_lines(case, inv["bill_to"])
    pdf.text_at(16, 42, "Invoice to", 8, "B")
    for i, text in enumerate([inv["bill_to"], "Accounts Payable", street, city]):
        pdf.text_at(16, 47 + 4.5 * i, text, 10)
    d = day(inv["date"])
    cells = [
        ("Invoice no.", inv["number"]),
        ("Invoice date", f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"),
        ("Tax point", f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"),
        ("Your order ref", inv["po_number"] or ""),
        ("Job ref", case["service_report"]["work_order_id"]),
    ]
    for i, (label, value) in enumerate(cells):
        pdf.boxed(16 + 35.6 * i, 72, 35.6, 12, label, value, 7, 9.5)
    pdf.set_y(92)
    rows = [
        [
            line["description"] + (f"\nPart no. {line['sku']}" if line["sku"] else ""),
            num(line["qty"]),
            f"£{money(line['unit_price'], 'us')}",
            f"{percent(inv['tax_rate'])}%",
            money(line["amount"], "us"),
        ]
        for line in inv["lines"]
    ]
    cols = [
        ("Description", 50, "L"),
        ("Qty", 20, "R"),
        ("Unit price", 36, "R"),
        ("VAT", 24, "R"),
        ("Net £", 48, "R"),
    ]
    y = table(pdf, 16, cols, rows, 9.5, header_fill=None)
    vat = f"VAT @ {percent(inv['tax_rate'])}%"
    for i, (label, value) in enumerate(
        [("Total net", inv["subtotal"]), (vat, inv["tax"]), ("Total due", inv["total"])]
    ):
        bold = "B" if i == 2 else ""
        pdf.text_at(110, y + 5 + 6 * i, label, 10, bold, w=40)
        pdf.text_at(150, y + 5 + 6 * i, f"£{money(value, 'us')}", 10, bold, w=44, align="R")
    due = d + timedelta(days=30)
    pdf.text_at(16, y + 30, f"Payment terms: 30 days ({due.day} {EN_MONTHS[due.month - 1]}).", 8.5)
    pdf.text_at(16, y + 34.5, f"Please pay to: {me.bank}", 8.5)

    def foot(p: Page) -> None:
        p.set_text_color(100, 100, 100)
        p.text_at(16, 280, f"{me.name} · {me.registration}", 7.5, w=178, align="C")
        p.text_at(16, 284, f"Registered office: {me.street}, {me.city}", 7.5, w=178, align="C")
        p.set_text_color(0, 0, 0)

    pdf.footer_fn = foot
    pdf.output(str(path))


def dach_rechnung(case: Case, path: Path) -> None:
    """German / Austrian DIN 5008 letter invoice, info block right, registration footer."""
    inv, region = case["invoice"], case["customer"]["region"]
    at = region == "AT"
    me = issuer_profile(inv["issuer"], region)
    pdf = Page("A4", margin=20)
    pdf.set_font("sans")
    pdf.text_at(125, 12, me.name, 12, "B", w=65, align="R")
    pdf.text_at(125, 18, me.street, 8, w=65, align="R")
    pdf.text_at(125, 22, me.city, 8, w=65, align="R")
    pdf.text_at(125, 26, f"Tel. {me.phone}", 8, w=65, align="R")
    pdf.set_text_color(110, 110, 110)
    pdf.text_at(20, 47, f"{me.name} · {me.street} · {me.city}", 6.5)
    pdf.set_text_color(0, 0, 0)
    street, city = customer_lines(case, inv["bill_to"])
    for i, text in enumerate([inv["bill_to"], "z. Hd. Technische Leitung", street, city]):
        pdf.text_at(20, 53 + 4.6 * i, text, 10)

    def de(d: date) -> str:
        return f"{d:%d.%m.%Y}"

    d = day(inv["date"])
    done = day(case["service_report"]["completed_at"])
    info = [
        ("Rechnungsnr.", inv["number"]),
        ("Rechnungsdatum", de(d)),
        ("Kundennr.", case["customer"]["id"]),
        ("Auftragsnr.", case["service_report"]["work_order_id"]),
        ("Leistungszeitraum", de(done)),
    ]
    if inv["po_number"]:
        info.insert(3, ("Ihre Bestellnummer", inv["po_number"]))
    for i, (label, value) in enumerate(info):
        pdf.text_at(125, 50 + 4.6 * i, label, 8.5)
        pdf.text_at(157, 50 + 4.6 * i, value, 8.5)
    pdf.text_at(20, 98, f"Rechnung {inv['number']}", 12, "B")
    pdf.text_at(20, 107, "Sehr geehrte Damen und Herren,", 10)
    pdf.text_at(20, 112, "für die ausgeführten Arbeiten berechnen wir Ihnen wie folgt:", 10)
    pdf.set_y(120)
    unit = {
        "labor": "Std.",
        "travel": "Std.",
        "part": "Stk.",
        "fee": "pausch.",
        "credit": "pausch.",
    }

    def eur(value: float) -> str:
        return f"€ {money(value, 'de')}" if at else f"{money(value, 'de')} €"

    rows = [
        [
            str(i),
            line["sku"] or "",
            line["description"],
            num(line["qty"], ","),
            unit[line["kind"]],
            money(line["unit_price"], "de"),
            money(line["amount"], "de"),
        ]
        for i, line in enumerate(inv["lines"], 1)
    ]
    cols = [
        ("Pos.", 11, "L"),
        ("Art.-Nr.", 20, "L"),
        ("Bezeichnung", 62, "L"),
        ("Menge", 16, "R"),
        ("Einheit", 15, "L"),
        ("Einzelpreis", 23, "R"),
        ("Gesamt", 23, "R"),
    ]
    y = table(pdf, 20, cols, rows, 8.5, header_fill=(235, 235, 235))
    tax_word = "USt." if at else "MwSt."
    totals = [
        ("Summe netto", eur(inv["subtotal"]), ""),
        (f"zzgl. {percent(inv['tax_rate'], ',')} % {tax_word}", eur(inv["tax"]), ""),
        ("Rechnungsbetrag", eur(inv["total"]), "B"),
    ]
    for i, (label, value, bold) in enumerate(totals):
        pdf.text_at(110, y + 4 + 5.5 * i, label, 9.5, bold, w=45)
        pdf.text_at(155, y + 4 + 5.5 * i, value, 9.5, bold, w=35, align="R")
    pdf.line(110, y + 15.5, 190, y + 15.5)
    pay = de(d + timedelta(days=14))
    pdf.text_at(20, y + 28, f"Zahlbar innerhalb von 14 Tagen ohne Abzug bis {pay}.", 9)
    pdf.text_at(20, y + 33, "Mit freundlichen Grüßen", 9)
    pdf.text_at(20, y + 38, me.name, 9)
    registration = f"{me.registration} · USt-IdNr. {me.tax_id}"

    def foot(p: Page) -> None:
        p.set_draw_color(150, 150, 150)
        p.line(20, 272, 190, 272)
        p.set_draw_color(0, 0, 0)
        p.set_text_color(90, 90, 90)
        p.text_at(20, 274, f"{me.name} · {me.street} · {me.city}", 6.8, w=170, align="C")
        p.text_at(20, 277.5, registration, 6.8, w=170, align="C")
        p.text_at(20, 281, me.bank, 6.8, w=170, align="C")
        p.text_at(20, 285, f"Seite {p.page_no()}", 6.8, w=170, align="R")
        p.set_text_color(0, 0, 0)

    pdf.footer_fn = foot
    pdf.output(str(path))


def ch_rechnung(case: Case, path: Path) -> None:
    """Swiss invoice: window right, place-and-date line, quantity-first table, CHF 1'234.50,
    QR-bill payment part at the bottom."""
    inv = case["invoice"]
    me = issuer_profile(inv["issuer"], "CH")
    pdf = Page("A4", margin=18)
    pdf.set_auto_page_break(False)
    pdf.set_font("sans")
    pdf.text_at(18, 14, me.name, 13, "B")
    pdf.text_at(18, 20, f"{me.street}, {me.city}", 8)
    pdf.text_at(18, 24, f"{me.phone} · {me.email}", 8)
    street, city = customer_lines(case, inv["bill_to"])
    for i, text in enumerate([inv["bill_to"], "Technischer Dienst", street, city]):
        pdf.text_at(118, 48 + 4.6 * i, text, 10)
    d = day(inv["date"])
    place = me.city.split(" ", 1)[-1]
    pdf.text_at(118, 78, f"{place}, {d.day}. {DE_MONTHS[d.month - 1]} {d.year}", 10)
    pdf.text_at(18, 90, f"Rechnung Nr. {inv['number']}", 13, "B")
    info = [
        ("Kunden-Nr.", case["customer"]["id"]),
        ("Auftrag", case["service_report"]["work_order_id"]),
        ("Ihre Bestellung", inv["po_number"] or "–"),
        ("MWST-Nr.", me.tax_id),
    ]
    for i, (label, value) in enumerate(info):
        pdf.text_at(18, 98 + 4.4 * i, label, 8.5)
        pdf.text_at(48, 98 + 4.4 * i, value, 8.5)
    pdf.set_y(118)
    unit = {"labor": "Std", "travel": "Std", "part": "Stk", "fee": "Psch", "credit": "Psch"}
    rows = [
        [
            num(line["qty"]),
            unit[line["kind"]],
            line["description"],
            line["sku"] or "",
            money(line["unit_price"], "ch"),
            money(line["amount"], "ch"),
        ]
        for line in inv["lines"]
    ]
    cols = [
        ("Menge", 15, "R"),
        ("Einh.", 12, "L"),
        ("Bezeichnung", 70, "L"),
        ("Art.-Nr.", 22, "L"),
        ("Preis", 25, "R"),
        ("Betrag CHF", 30, "R"),
    ]
    y = table(pdf, 18, cols, rows, 8.5, header_fill=None)
    totals = [
        ("Total exkl. MWST", money(inv["subtotal"], "ch")),
        (f"MWST {percent(inv['tax_rate'])} %", money(inv["tax"], "ch")),
        ("Total inkl. MWST CHF", money(inv["total"], "ch")),
    ]
    for i, (label, value) in enumerate(totals):
        bold = "B" if i == 2 else ""
        pdf.text_at(112, y + 4 + 5.5 * i, label, 9.5, bold, w=50)
        pdf.text_at(162, y + 4 + 5.5 * i, value, 9.5, bold, w=30, align="R")
    pdf.text_at(18, y + 24, "Zahlbar innert 30 Tagen netto. Besten Dank für Ihren Auftrag.", 9)
    # QR-bill payment part (receipt left, payment part right), scissors line above
    top = 192
    pdf.set_draw_color(120, 120, 120)
    pdf.set_dash_pattern(dash=1, gap=1)
    pdf.line(0, top, 210, top)
    pdf.line(62, top, 62, 297)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0, 0, 0)
    amount = money(inv["total"], "qr")
    pdf.text_at(5, top + 5, "Empfangsschein", 11, "B")
    pdf.text_at(5, top + 12, "Konto / Zahlbar an", 6, "B")
    pdf.text_at(5, top + 15, "CH93 0076 2011 6238 5295 7", 8)
    pdf.text_at(5, top + 18.5, me.name, 8)
    pdf.text_at(5, top + 22, me.city, 8)
    pdf.text_at(5, top + 28, "Zahlbar durch", 6, "B")
    pdf.text_at(5, top + 31, inv["bill_to"], 8)
    pdf.text_at(5, top + 62, "Währung", 6, "B")
    pdf.text_at(22, top + 62, "Betrag", 6, "B")
    pdf.text_at(5, top + 65.5, "CHF", 8)
    pdf.text_at(22, top + 65.5, amount, 8)
    pdf.text_at(67, top + 5, "Zahlteil", 11, "B")
    qx, qy = 67, top + 14
    pdf.rect(qx, qy, 46, 46)
    seed = hashlib.sha256(inv["number"].encode()).digest()
    for i in range(23 * 23):
        if seed[i % 32] >> (i % 8) & 1:
            pdf.rect(qx + 2 * (i % 23), qy + 2 * (i // 23), 2, 2, style="F")
    pdf.text_at(67, top + 66, "Währung", 6, "B")
    pdf.text_at(85, top + 66, "Betrag", 6, "B")
    pdf.text_at(67, top + 69.5, "CHF", 8)
    pdf.text_at(85, top + 69.5, amount, 8)
    for i, (label, value) in enumerate(
        [
            ("Konto / Zahlbar an", f"CH93 0076 2011 6238 5295 7\n{me.name}\n{me.city}"),
            ("Referenz", "21 00000 00003 13947 14300 09017"),
            ("Zusätzliche Informationen", f"Rechnung {inv['number']}"),
            ("Zahlbar durch", f"{inv['bill_to']}\n{street}\n{city}"),
        ]
    ):
        y0 = top + 5 + [0, 16, 24, 34][i]
        pdf.text_at(118, y0, label, 6, "B")
        pdf.set_font("sans", "", 8)
        pdf.set_xy(118, y0 + 2.5)
        pdf.multi_cell(85, 3.6, value)
    pdf.output(str(path))


def fr_facture(case: Case, path: Path) -> None:
    """French invoice: client box right, totals box HT / TVA / TTC, 1 234,56 €, legal footer."""
    inv, region = case["invoice"], case["customer"]["region"]
    me = issuer_profile(inv["issuer"], region)
    pdf = Page("A4", margin=15)
    pdf.set_font("sans")
    pdf.set_fill_color(0, 90, 110)
    pdf.rect(15, 12, 8, 18, style="F")
    pdf.text_at(26, 13, me.name, 13, "B")
    pdf.text_at(26, 19.5, f"{me.street} – {me.city}", 8)
    pdf.text_at(26, 23.5, f"Tél. {me.phone} – {me.email}", 8)
    pdf.set_text_color(0, 90, 110)
    pdf.text_at(130, 40, "FACTURE", 22, "B", w=65, align="R")
    pdf.set_text_color(0, 0, 0)
    d = day(inv["date"])
    pdf.text_at(15, 42, f"N° {inv['number']}", 11, "B")
    pdf.text_at(15, 48, f"Date : {fr_date(d)}", 9.5)
    pdf.text_at(15, 53, f"Échéance : {fr_date(d + timedelta(days=30))}", 9.5)
    pdf.rect(115, 55, 80, 30)
    street, city = customer_lines(case, inv["bill_to"])
    pdf.text_at(118, 57, "Client", 7.5, "B")
    for i, text in enumerate([inv["bill_to"], "Service comptabilité", street, city]):
        pdf.text_at(118, 62 + 4.8 * i, text, 9.5, "B" if i == 0 else "")
    refs = []
    if inv["po_number"]:
        refs.append(f"Votre réf. commande : {inv['po_number']}")
    refs.append(f"Bon d'intervention : {case['service_report']['work_order_id']}")
    refs.append(f"Date d'intervention : {fr_date(day(case['service_report']['completed_at']))}")
    for i, text in enumerate(refs):
        pdf.text_at(15, 62 + 4.8 * i, text, 9)
    pdf.set_y(94)

    def eur(value: float) -> str:
        return f"{money(value, 'fr')} €"

    rows = [
        [
            line["description"],
            line["sku"] or "",
            num(line["qty"], ","),
            eur(line["unit_price"]),
            eur(line["amount"]),
        ]
        for line in inv["lines"]
    ]
    cols = [
        ("Désignation", 78, "L"),
        ("Réf.", 22, "L"),
        ("Qté", 16, "R"),
        ("PU HT", 32, "R"),
        ("Montant HT", 32, "R"),
    ]
    y = table(
        pdf, 15, cols, rows, 9, header_fill=(0, 90, 110), header_text=(255, 255, 255), grid=True
    )
    box = [
        ("Total HT", eur(inv["subtotal"])),
        (f"TVA {percent(inv['tax_rate'], ',')} %", eur(inv["tax"])),
        ("Total TTC", eur(inv["total"])),
    ]
    pdf.rect(125, y + 5, 70, 20)
    for i, (label, value) in enumerate(box):
        if i == 2:
            pdf.set_fill_color(220, 235, 238)
            pdf.rect(125, y + 5 + 13.4, 70, 6.6, style="DF")
        pdf.text_at(128, y + 7 + 6.6 * i, label, 9.5, "B" if i == 2 else "")
        pdf.text_at(160, y + 7 + 6.6 * i, value, 9.5, "B" if i == 2 else "", w=33, align="R")
    pdf.text_at(15, y + 33, "Conditions de paiement : 30 jours date de facture, par virement.", 8)
    pdf.text_at(15, y + 37, f"Coordonnées bancaires : {me.bank}", 8)

    def foot(p: Page) -> None:
        p.set_text_color(90, 90, 90)
        lines = [
            "En cas de retard de paiement, pénalités au taux de 3 fois le taux d'intérêt légal ;"
            " indemnité forfaitaire pour frais de recouvrement : 40 €.",
            f"{me.name} – {me.registration} – N° TVA intracommunautaire {me.tax_id}",
        ]
        for i, text in enumerate(lines):
            p.text_at(15, 278 + 3.6 * i, text, 6.5, w=180, align="C")
        p.set_text_color(0, 0, 0)

    pdf.footer_fn = foot
    pdf.output(str(path))


def nl_factuur(case: Case, path: Path) -> None:
    """Dutch invoice: € before the amount, dd-mm-yyyy, "21% BTW over € x", KvK/BTW footer."""
    inv = case["invoice"]
    me = issuer_profile(inv["issuer"], "NL")
    pdf = Page("A4", margin=18)
    pdf.set_font("sans")
    pdf.set_fill_color(240, 130, 0)
    pdf.rect(18, 12, 174, 2, style="F")
    pdf.text_at(18, 18, me.name, 14, "B")
    pdf.text_at(18, 25, f"{me.street} | {me.city} | T {me.phone}", 8)
    pdf.text_at(140, 35, "FACTUUR", 18, "B", w=52, align="R")
    street, city = customer_lines(case, inv["bill_to"])
    pdf.text_at(18, 45, "Factuuradres", 7.5, "B")
    for i, text in enumerate([inv["bill_to"], "t.a.v. crediteurenadministratie", street, city]):
        pdf.text_at(18, 50 + 4.6 * i, text, 9.5)
    d = day(inv["date"])
    info = [
        ("Factuurnummer", inv["number"]),
        ("Factuurdatum", f"{d:%d-%m-%Y}"),
        ("Vervaldatum", f"{d + timedelta(days=14):%d-%m-%Y}"),
        ("Werkbonnummer", case["service_report"]["work_order_id"]),
        ("Uw inkoopordernr.", inv["po_number"] or ""),
        ("Klantnummer", case["customer"]["id"]),
    ]
    for i, (label, value) in enumerate(info):
        pdf.text_at(120, 48 + 4.6 * i, label, 8.5)
        pdf.text_at(152, 48 + 4.6 * i, value, 8.5, "B" if i == 0 else "")
    pdf.set_y(86)

    def eur(value: float) -> str:
        return f"€ {money(value, 'de')}"

    rows = [
        [
            num(line["qty"], ","),
            line["sku"] or "",
            line["description"],
            eur(line["unit_price"]),
            eur(line["amount"]),
        ]
        for line in inv["lines"]
    ]
    cols = [
        ("Aantal", 16, "R"),
        ("Artikelnr.", 24, "L"),
        ("Omschrijving", 74, "L"),
        ("Prijs", 30, "R"),
        ("Bedrag", 30, "R"),
    ]
    y = table(pdf, 18, cols, rows, 9, header_fill=(253, 232, 205))
    rate = percent(inv["tax_rate"], ",")
    totals = [
        ("Subtotaal", eur(inv["subtotal"]), ""),
        (f"{rate}% BTW over {eur(inv['subtotal'])}", eur(inv["tax"]), ""),
        ("Totaal te betalen", eur(inv["total"]), "B"),
    ]
    for i, (label, value, bold) in enumerate(totals):
        pdf.text_at(100, y + 4 + 5.5 * i, label, 9.5, bold, w=62)
        pdf.text_at(162, y + 4 + 5.5 * i, value, 9.5, bold, w=30, align="R")
    pdf.set_font("sans", "", 8.5)
    pdf.set_xy(18, y + 26)
    pdf.multi_cell(
        174,
        4,
        f"Wij verzoeken u het totaalbedrag binnen 14 dagen over te maken op {me.bank}"
        " onder vermelding van het factuurnummer.",
        align="L",
    )

    def foot(p: Page) -> None:
        p.set_text_color(90, 90, 90)
        p.text_at(18, 279, f"{me.name} | {me.registration}", 7, w=174, align="C")
        p.text_at(18, 282.5, f"BTW-nr. {me.tax_id} | {me.bank}", 7, w=174, align="C")
        p.set_text_color(0, 0, 0)

    pdf.footer_fn = foot
    pdf.output(str(path))


# --------------------------------------------------------------------------- service reports

EN_TYPES = {
    "preventive_maintenance": "Preventive Maintenance",
    "repair": "Repair",
    "emergency_repair": "Emergency Repair",
    "installation": "Installation",
    "inspection": "Inspection",
}
GB_TYPES = {
    "preventive_maintenance": "Planned preventive maintenance",
    "repair": "Repair",
    "emergency_repair": "Emergency call-out",
    "installation": "Installation",
    "inspection": "Inspection",
}
DE_TYPES = {
    "preventive_maintenance": "Wartung",
    "repair": "Reparatur",
    "emergency_repair": "Notfallreparatur",
    "installation": "Installation",
    "inspection": "Inspektion",
}
FR_TYPES = {
    "preventive_maintenance": "Maintenance préventive",
    "repair": "Réparation",
    "emergency_repair": "Dépannage urgent",
    "installation": "Installation",
    "inspection": "Contrôle",
}
NL_TYPES = {
    "preventive_maintenance": "Preventief onderhoud",
    "repair": "Reparatie",
    "emergency_repair": "Spoedreparatie",
    "installation": "Installatie",
    "inspection": "Inspectie",
}


def us_service_ticket(case: Case, path: Path) -> None:
    """US service ticket: grid of label-above cells, 12-hour times with a time zone."""
    rep, region = case["service_report"], case["customer"]["region"]
    me = issuer_profile(case["invoice"]["issuer"], region)
    pdf = Page("Letter", margin=12)
    pdf.set_font("sans")
    pdf.set_fill_color(35, 35, 35)
    pdf.rect(12, 10, 191.9, 16, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.text_at(15, 13, me.name, 13, "B")
    pdf.text_at(15, 19.5, f"{me.street}, {me.city} · {me.phone}", 7.5)
    pdf.text_at(130, 12.5, "SERVICE TICKET", 15, "B", w=71, align="R")
    pdf.text_at(130, 19.5, f"Job # {rep['work_order_id']}", 10, "", w=71, align="R")
    pdf.set_text_color(0, 0, 0)

    def when(ts: str) -> str:
        t = stamp(ts)
        return f"{t:%m/%d/%Y} {clock12(t)} {us_zone(region, t)}"

    street, city = customer_lines(case)
    w3 = 191.9 / 3
    grid = [
        [
            ("CUSTOMER", case["customer"]["name"]),
            ("SITE ADDRESS", f"{street}, {city}"),
            ("JOB #", rep["work_order_id"]),
        ],
        [
            ("TECHNICIAN", rep["technician"]),
            ("JOB TYPE", EN_TYPES[rep["service_type"]]),
            ("EQUIPMENT", f"{case['asset']['model']} ({case['asset']['id']})"),
        ],
        [
            ("CALL RECEIVED", when(rep["reported_at"])),
            ("ARRIVED ON SITE", when(rep["arrived_at"])),
            ("JOB COMPLETED", when(rep["completed_at"])),
        ],
        [
            ("LABOR HRS", num(rep["labor_hours"], places=2)),
            ("DRIVE TIME (HRS)", num(rep["travel_hours"], places=2)),
            ("PAYMENT", "Bill to account"),
        ],
    ]
    for r, row in enumerate(grid):
        for c, (label, value) in enumerate(row):
            pdf.boxed(12 + w3 * c, 30 + 13 * r, w3, 13, label, value)
    pdf.set_y(88)
    pdf.text_at(12, 86, "MATERIALS USED", 9, "B")
    pdf.set_y(91)
    rows = [[num(p["qty"]), p["sku"], p["description"]] for p in rep["parts"]] or [["", "", "None"]]
    table(
        pdf,
        12,
        [("QTY", 20, "R"), ("PART #", 35, "L"), ("DESCRIPTION", 136.9, "L")],
        rows,
        9,
        grid=True,
    )
    y = pdf.get_y() + 6
    pdf.text_at(12, y, "WORK PERFORMED", 9, "B")
    pdf.set_font("sans", "", 9.5)
    height = pdf.lines_needed(187.9, rep["notes"], 4.6) * 4.6 + 4
    pdf.rect(12, y + 5, 191.9, max(height, 20))
    pdf.set_xy(14, y + 7)
    pdf.multi_cell(187.9, 4.6, rep["notes"])
    y = y + 5 + max(height, 20) + 6
    pdf.text_at(12, y, "CUSTOMER SIGNATURE", 9, "B")
    pdf.rect(12, y + 5, 100, 18)
    if rep["customer_signature"]:
        squiggle(pdf, 20, y + 9)
        pdf.text_at(14, y + 18, "Signed electronically on device", 7.5)
    else:
        pdf.text_at(14, y + 11, "NOT SIGNED - customer unavailable", 9)
    pdf.text_at(118, y + 8, "By signing, customer accepts the work described above", 7, w=85)
    pdf.text_at(118, y + 11.5, "as complete and satisfactory.", 7, w=85)
    pdf.output(str(path))


def us_call_summary(case: Case, path: Path) -> None:
    """US call summary e-mailed by a dispatch app: one column, "Feb 3, 2026 8:00 AM"."""
    rep, region = case["service_report"], case["customer"]["region"]
    me = issuer_profile(case["invoice"]["issuer"], region)
    pdf = Page("Letter", margin=20)
    pdf.set_font("serif")
    pdf.text_at(20, 16, me.name, 11, "B")
    pdf.text_at(20, 26, "Service Call Summary", 17, "B")
    pdf.text_at(20, 34, f"Customer: {case['customer']['name']}", 10)

    def when(ts: str) -> str:
        t = stamp(ts)
        return f"{EN_MONTHS[t.month - 1]} {t.day}, {t.year} {clock12(t)}"

    items = [
        ("Work Order", rep["work_order_id"]),
        ("Technician", rep["technician"]),
        ("Call Type", EN_TYPES[rep["service_type"]]),
        ("Call Received", when(rep["reported_at"])),
        ("Tech Arrived", when(rep["arrived_at"])),
        ("Job Completed", when(rep["completed_at"])),
        ("Labor Time", f"{num(rep['labor_hours'])} hrs"),
        ("Travel Time", f"{num(rep['travel_hours'])} hrs"),
        ("Customer Signed", "Y" if rep["customer_signature"] else "N"),
    ]
    y = 44.0
    for label, value in items:
        pdf.text_at(20, y, f"{label}:", 10, "B")
        pdf.text_at(62, y, value, 10)
        y += 6
    y += 4
    pdf.text_at(20, y, "Parts Installed:", 10, "B")
    y += 6
    for part in rep["parts"] or [{"qty": None, "sku": "", "description": "none"}]:
        qty = f"({num(part['qty'])}) " if part["qty"] is not None else ""
        pdf.text_at(24, y, f"• {qty}{part['sku']} {part['description']}".replace("  ", " "), 10)
        y += 5.5
    y += 4
    pdf.text_at(20, y, "Technician Notes:", 10, "B")
    pdf.set_font("serif", "", 10)
    pdf.set_xy(20, y + 6)
    pdf.multi_cell(175, 5, rep["notes"] or " ")
    pdf.set_text_color(120, 120, 120)
    pdf.text_at(
        20,
        pdf.get_y() + 12,
        f"This summary was generated automatically by {me.name} dispatch.",
        7.5,
    )
    pdf.output(str(path))


def gb_job_sheet(case: Case, path: Path) -> None:
    """UK engineer's job sheet: two columns of label|value boxes, tick boxes for signature."""
    rep = case["service_report"]
    me = issuer_profile(case["invoice"]["issuer"], "GB")
    pdf = Page("A4", margin=15)
    pdf.set_font("cond")
    pdf.text_at(15, 13, me.name, 12, "B")
    pdf.text_at(15, 19, f"{me.street}, {me.city} · {me.phone}", 8)
    pdf.text_at(120, 13, "ENGINEER'S JOB SHEET", 13, "B", w=75, align="R")

    def when(ts: str) -> str:
        return f"{stamp(ts):%d/%m/%Y %H:%M}"

    left = [
        ("Job no.", rep["work_order_id"]),
        ("Client", case["customer"]["name"]),
        ("Engineer", rep["technician"]),
        ("Type of visit", GB_TYPES[rep["service_type"]]),
    ]
    right = [
        ("Reported", when(rep["reported_at"])),
        ("Arrived on site", when(rep["arrived_at"])),
        ("Job completed", when(rep["completed_at"])),
        ("Labour (hrs)", num(rep["labor_hours"], places=2)),
        ("Travel (hrs)", num(rep["travel_hours"], places=2)),
    ]
    pdf.set_fill_color(225, 232, 240)
    for col, pairs in ((15, left), (107, right)):
        for i, (label, value) in enumerate(pairs):
            y = 28 + 8 * i
            pdf.set_xy(col, y)
            pdf.set_font("cond", "B", 8.5)
            pdf.cell(32, 8, label, border=1, fill=True)
            pdf.set_font("cond", "", 9.5)
            pdf.cell(56, 8, value, border=1)
    pdf.set_y(74)
    pdf.text_at(15, 71, "Parts used", 9.5, "B")
    rows = [[p["sku"], p["description"], num(p["qty"])] for p in rep["parts"]]
    rows = rows or [["", "", ""]]
    table(
        pdf,
        15,
        [("Part no.", 35, "L"), ("Description", 125, "L"), ("Qty", 20, "R")],
        rows,
        9,
        grid=True,
        header_fill=(225, 232, 240),
    )
    y = pdf.get_y() + 6
    pdf.text_at(15, y, "Engineer's report", 9.5, "B")
    pdf.set_font("cond", "", 9.5)
    height = max(30.0, pdf.lines_needed(176, rep["notes"], 4.8) * 4.8 + 4)
    pdf.rect(15, y + 5, 180, height)
    pdf.set_xy(17, y + 7)
    pdf.multi_cell(176, 4.8, rep["notes"])
    y += height + 12
    yes, no = ("☒", "☐") if rep["customer_signature"] else ("☐", "☒")
    pdf.set_font("sans", "", 10)
    pdf.set_xy(15, y)
    pdf.cell(0, 6, f"Customer signature obtained:   {yes} Yes   {no} No")
    pdf.rect(15, y + 9, 90, 16)
    pdf.text_at(16, y + 26, "Customer signature", 7)
    if rep["customer_signature"]:
        squiggle(pdf, 25, y + 13)
    pdf.output(str(path))


def dach_servicebericht(case: Case, path: Path) -> None:
    """German service report: time table with the labels in a header row above the values."""
    rep, region = case["service_report"], case["customer"]["region"]
    me = issuer_profile(case["invoice"]["issuer"], region)
    pdf = Page("A4", margin=18)
    pdf.set_font("sans")
    pdf.text_at(18, 13, me.name, 11, "B")
    pdf.text_at(18, 18.5, f"{me.street} · {me.city}", 7.5)
    pdf.text_at(110, 13, "Servicebericht / Arbeitsnachweis", 13, "B", w=82, align="R")
    pdf.line(18, 24, 192, 24)
    street, city = customer_lines(case)
    info = [
        ("Auftragsnummer", rep["work_order_id"]),
        ("Kunde", f"{case['customer']['name']}, {street}, {city}"),
        ("Anlage", f"{case['asset']['model']} ({case['asset']['id']})"),
        ("Techniker", rep["technician"]),
        ("Leistungsart", DE_TYPES[rep["service_type"]]),
    ]
    for i, (label, value) in enumerate(info):
        pdf.text_at(18, 29 + 5.2 * i, f"{label}:", 9.5, "B")
        pdf.text_at(55, 29 + 5.2 * i, value, 9.5)

    def when(ts: str) -> str:
        return f"{stamp(ts):%d.%m.%Y, %H:%M} Uhr"

    pdf.set_y(60)
    cols = [
        ("Störungsmeldung", 43.5, "L"),
        ("Ankunft vor Ort", 43.5, "L"),
        ("Arbeitsende", 43.5, "L"),
        ("Arbeitszeit / Fahrzeit", 43.5, "L"),
    ]
    row = [
        when(rep["reported_at"]),
        when(rep["arrived_at"]),
        when(rep["completed_at"]),
        f"{num(rep['labor_hours'], ',', 2)} Std. / {num(rep['travel_hours'], ',', 2)} Std.",
    ]
    table(pdf, 18, cols, [row], 9, grid=True, header_fill=(230, 236, 230))
    y = pdf.get_y() + 6
    pdf.text_at(18, y, "Verbautes Material", 10, "B")
    pdf.set_y(y + 5)
    rows = [[num(p["qty"], ","), "Stk.", p["sku"], p["description"]] for p in rep["parts"]]
    rows = rows or [["", "", "", "kein Material"]]
    table(
        pdf,
        18,
        [("Menge", 18, "R"), ("ME", 14, "L"), ("Art.-Nr.", 30, "L"), ("Bezeichnung", 112, "L")],
        rows,
        9,
        header_fill=(230, 236, 230),
    )
    y = pdf.get_y() + 6
    pdf.text_at(18, y, "Tätigkeitsbericht / Bemerkungen", 10, "B")
    pdf.set_font("sans", "", 9.5)
    pdf.set_xy(18, y + 6)
    pdf.multi_cell(174, 4.8, rep["notes"] or " ")
    y = pdf.get_y() + 10
    pdf.text_at(18, y, f"Unterschrift Kunde: {'ja' if rep['customer_signature'] else 'nein'}", 10)
    pdf.line(110, y + 12, 190, y + 12)
    pdf.text_at(110, y + 13, "Ort, Datum, Unterschrift Kunde", 7)
    if rep["customer_signature"]:
        squiggle(pdf, 130, y + 5)
    pdf.output(str(path))


def fr_rapport(case: Case, path: Path) -> None:
    """French intervention report: "le 02/03/2026 à 07h40", hours as "3,50 h"."""
    rep, region = case["service_report"], case["customer"]["region"]
    me = issuer_profile(case["invoice"]["issuer"], region)
    pdf = Page("A4", margin=16)
    pdf.set_font("serif")
    pdf.text_at(16, 14, me.name, 11, "B")
    pdf.text_at(16, 19.5, f"{me.street} – {me.city}", 8)
    pdf.set_fill_color(240, 240, 240)
    pdf.rect(16, 27, 178, 12, style="DF")
    pdf.text_at(20, 30, "RAPPORT D'INTERVENTION", 14, "B")
    pdf.text_at(130, 30.5, f"N° {rep['work_order_id']}", 11, "B", w=60, align="R")

    def when(ts: str) -> str:
        t = stamp(ts)
        return f"le {t:%d/%m/%Y} à {t:%H}h{t:%M}"

    items = [
        ("Client", case["customer"]["name"]),
        ("Équipement", f"{case['asset']['model']} – n° {case['asset']['id']}"),
        ("Intervenant", rep["technician"]),
        ("Nature de l'intervention", FR_TYPES[rep["service_type"]]),
        ("Demande reçue", when(rep["reported_at"])),
        ("Arrivée sur site", when(rep["arrived_at"])),
        ("Fin d'intervention", when(rep["completed_at"])),
        ("Temps de main-d'œuvre", f"{num(rep['labor_hours'], ',', 2)} h"),
        ("Temps de trajet", f"{num(rep['travel_hours'], ',', 2)} h"),
    ]
    for i, (label, value) in enumerate(items):
        pdf.text_at(16, 46 + 5.6 * i, f"{label} :", 9.5)
        pdf.text_at(70, 46 + 5.6 * i, value, 9.5, "B")
    y = 46 + 5.6 * len(items) + 4
    pdf.text_at(16, y, "Pièces remplacées", 10, "B")
    pdf.set_y(y + 5)
    rows = [[p["sku"], p["description"], num(p["qty"], ",")] for p in rep["parts"]]
    rows = rows or [["—", "Aucune pièce", ""]]
    table(
        pdf,
        16,
        [("Réf.", 30, "L"), ("Désignation", 128, "L"), ("Qté", 20, "R")],
        rows,
        9,
        header_fill=(240, 240, 240),
        grid=True,
    )
    y = pdf.get_y() + 6
    pdf.text_at(16, y, "Observations du technicien", 10, "B")
    pdf.set_font("serif", "", 9.5)
    height = max(25.0, pdf.lines_needed(174, rep["notes"], 4.8) * 4.8 + 4)
    pdf.rect(16, y + 5, 178, height)
    pdf.set_xy(18, y + 7)
    pdf.multi_cell(174, 4.8, rep["notes"])
    y += height + 12
    signed = "Oui" if rep["customer_signature"] else "Non"
    pdf.text_at(16, y, f"Bon signé par le client : {signed}", 10)
    pdf.rect(120, y - 2, 74, 20)
    pdf.text_at(121, y - 1, "Signature client", 7)
    if rep["customer_signature"]:
        squiggle(pdf, 135, y + 6)
    pdf.output(str(path))


def nl_werkbon(case: Case, path: Path) -> None:
    """Dutch werkbon: execution date once, arrival and ready as clock times, hours as h:mm."""
    rep = case["service_report"]
    me = issuer_profile(case["invoice"]["issuer"], "NL")
    pdf = Page("A4", margin=16)
    pdf.set_font("sans")
    pdf.text_at(16, 13, me.name, 12, "B")
    pdf.text_at(16, 19, f"{me.street}, {me.city}", 8)
    pdf.text_at(130, 13, "WERKBON", 16, "B", w=64, align="R")
    pdf.text_at(130, 20.5, f"nr. {rep['work_order_id']}", 10, w=64, align="R")
    reported, arrived, done = (stamp(rep[k]) for k in ("reported_at", "arrived_at", "completed_at"))

    def clock(t: datetime) -> str:
        return f"{t:%H:%M}" if t.date() == arrived.date() else f"{t:%d-%m-%Y %H:%M}"

    left = [
        ("Klant", case["customer"]["name"]),
        ("Monteur", rep["technician"]),
        ("Soort werk", NL_TYPES[rep["service_type"]]),
        ("Datum melding", f"{reported:%d-%m-%Y %H:%M}"),
    ]
    right = [
        ("Datum uitvoering", f"{arrived:%d-%m-%Y}"),
        ("Aankomst", clock(arrived)),
        ("Gereed", clock(done)),
        ("Arbeidsuren", hours_hm(rep["labor_hours"])),
        ("Reisuren", hours_hm(rep["travel_hours"])),
    ]
    for col, pairs in ((16, left), (110, right)):
        for i, (label, value) in enumerate(pairs):
            pdf.text_at(col, 32 + 6 * i, label, 9)
            pdf.text_at(col + 32, 32 + 6 * i, f": {value}", 9, "B")
    pdf.line(16, 64, 194, 64)
    pdf.text_at(16, 67, "Gebruikte materialen", 10, "B")
    pdf.set_y(72)
    rows = [[num(p["qty"], ","), p["sku"], p["description"]] for p in rep["parts"]]
    rows = rows or [["", "", "geen"]]
    table(
        pdf,
        16,
        [("Aantal", 18, "R"), ("Artikelnr.", 30, "L"), ("Omschrijving", 130, "L")],
        rows,
        9,
        header_fill=(253, 232, 205),
    )
    y = pdf.get_y() + 6
    pdf.text_at(16, y, "Opmerkingen monteur", 10, "B")
    pdf.set_font("sans", "", 9.5)
    height = max(25.0, pdf.lines_needed(174, rep["notes"], 4.8) * 4.8 + 4)
    pdf.rect(16, y + 5, 178, height)
    pdf.set_xy(18, y + 7)
    pdf.multi_cell(174, 4.8, rep["notes"])
    y += height + 12
    pdf.text_at(16, y, f"Handtekening klant: {'ja' if rep['customer_signature'] else 'nee'}", 10)
    pdf.output(str(path))


# --------------------------------------------------------------------------- registry and truth


@dataclass(frozen=True)
class Layout:
    name: str
    doc_type: str  # "invoice" or "service_report"
    locale: str
    regions: tuple[str, ...]
    render: Callable[[Case, Path], None]
    prints_zone: bool = False  # timestamps printed with a time zone: truth keeps the offset

    def serves(self, region: str) -> bool:
        return region in self.regions


LAYOUTS: list[Layout] = [
    Layout("us_field_invoice", "invoice", "en-US", US_REGIONS, us_field_invoice),
    Layout("us_quickbooks", "invoice", "en-US", US_REGIONS, us_quickbooks),
    Layout("uk_invoice", "invoice", "en-GB", ("GB",), uk_invoice),
    Layout("dach_rechnung", "invoice", "de-DE/de-AT", ("DE", "AT"), dach_rechnung),
    Layout("ch_rechnung", "invoice", "de-CH", ("CH",), ch_rechnung),
    Layout("fr_facture", "invoice", "fr-FR", ("FR",), fr_facture),
    Layout("nl_factuur", "invoice", "nl-NL", ("NL",), nl_factuur),
    Layout("us_service_ticket", "service_report", "en-US", US_REGIONS, us_service_ticket, True),
    Layout("us_call_summary", "service_report", "en-US", US_REGIONS, us_call_summary),
    Layout("gb_job_sheet", "service_report", "en-GB", ("GB",), gb_job_sheet),
    Layout("dach_servicebericht", "service_report", "de", ("DE", "AT", "CH"), dach_servicebericht),
    Layout("fr_rapport", "service_report", "fr", ("FR", "CH"), fr_rapport),
    Layout("nl_werkbon", "service_report", "nl-NL", ("NL",), nl_werkbon),
]


def invoice_truth(case: Case) -> dict[str, Any]:
    inv = case["invoice"]
    return {
        "number": inv["number"],
        "date": inv["date"],
        "issuer": inv["issuer"],
        "bill_to": inv["bill_to"],
        "po_number": inv["po_number"] or None,
        "work_order_id": case["service_report"]["work_order_id"],
        "currency": inv["currency"],
        "subtotal": inv["subtotal"],
        "tax_rate": inv["tax_rate"],
        "tax": inv["tax"],
        "total": inv["total"],
        "lines": [
            {k: line[k] for k in ("kind", "description", "sku", "qty", "unit_price", "amount")}
            for line in inv["lines"]
        ],
    }


def report_truth(case: Case, prints_zone: bool) -> dict[str, Any]:
    rep = case["service_report"]

    def ts(value: str) -> str:
        return value if prints_zone else value[:19]

    return {
        "work_order_id": rep["work_order_id"],
        "technician": rep["technician"],
        "service_type": rep["service_type"],
        "reported_at": ts(rep["reported_at"]),
        "arrived_at": ts(rep["arrived_at"]),
        "completed_at": ts(rep["completed_at"]),
        "labor_hours": rep["labor_hours"],
        "travel_hours": rep["travel_hours"],
        "notes": rep["notes"].strip() or None,
        "customer_signature": rep["customer_signature"],
        "parts": [{k: p[k] for k in ("sku", "description", "qty")} for p in rep["parts"]],
    }


class Placed(Protocol):
    """What `rotate` needs of a layout, fpdf2 or HTML."""

    doc_type: str

    def serves(self, region: str) -> bool: ...


P = TypeVar("P", bound=Placed)


def rotate(cases: list[Case], layouts: Sequence[P]) -> list[tuple[Case, P]]:
    """Each case gets one invoice and one report layout, rotating among those suitable for
    its region in the order the region's cases appear."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for case in cases:
        region = case["customer"]["region"]
        for doc_type in ("service_report", "invoice"):
            fits = [lay for lay in layouts if lay.doc_type == doc_type and lay.serves(region)]
            k = seen[(region, doc_type)]
            seen[(region, doc_type)] += 1
            out.append((case, fits[k % len(fits)]))
    return out


def document_record(
    case: Case, doc_type: str, layout: str, locale: str, prints_zone: bool
) -> dict[str, Any]:
    """One rendered document's file name and truth, as `truth.jsonl` holds it."""
    short = "report" if doc_type == "service_report" else "invoice"
    return {
        "file": f"{case['case_id']}_{short}_{layout}.pdf",
        "case_id": case["case_id"],
        "doc_type": doc_type,
        "layout": layout,
        "locale": locale,
        "fields": invoice_truth(case) if doc_type == "invoice" else report_truth(case, prints_zone),
    }


def write_truth(out_dir: Path, records: list[dict[str, Any]]) -> None:
    (out_dir / "truth.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    )


def load_cases(path: Path = CASES) -> list[Case]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def render_all(out_dir: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Render every case's report and invoice into ``out_dir``; write and return the truth."""
    out_dir.mkdir(parents=True, exist_ok=True)
    records = []
    for case, layout in rotate(cases if cases is not None else load_cases(), LAYOUTS):
        record = document_record(
            case, layout.doc_type, layout.name, layout.locale, layout.prints_zone
        )
        layout.render(case, out_dir / record["file"])
        records.append(record)
    write_truth(out_dir, records)
    return records


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="independent_pdfs_"))
    records = render_all(out)
    print(f"wrote {len(records)} PDFs and truth.jsonl to {out}")


if __name__ == "__main__":
    main()
