"""HTML invoices and service reports printed by wkhtmltopdf, for the independent benchmark.

An eighth producer: documents written as HTML and CSS of the kind ERP and billing software
renders server-side and prints with wkhtmltopdf (Qt WebKit), the engine Odoo, many PHP
shop plugins and Django/Laravel ERPs use. The CSS is what that old engine understands:
tables and floats rather than flexbox or grid, absolutely placed page footers, inline SVG
icons, and signatures embedded as PNG data URIs. The Debian build of wkhtmltopdf uses an
unpatched Qt, so page headers and footers live in the page itself, and the page is printed
at its own scale (one CSS pixel is about 0.58 pt).

Nine layouts, five invoices and four service reports, each with its own label wording,
language, date, time, number and currency style:

- ``odoo_invoice`` (US, GB, DE, AT, NL, FR): an Odoo-style customer invoice: logo header,
  company and customer addresses side by side, "Invoice INV-..." title, an information row
  (Invoice Date, Due Date, Source, Reference), lines with Description ("[SKU] name"),
  Quantity with unit of measure, Unit Price, Taxes and Amount, a tax summary and the
  payment communication; in English, German, Dutch or French as Odoo translates it.
- ``woo_invoice`` (US, GB): a WooCommerce PDF-invoice plugin bill: shop header, billing and
  service addresses beside an order-data table, products with the SKU under the name,
  "Unit price" before "Quantity", totals in the table foot.
- ``handwerk_rechnung`` (DE, AT, CH): a German trades-software "Rechnung": sender line over
  the address window, an information block (Rechnungs-Nr., Kunden-Nr., Auftrags-Nr.,
  Leistungsdatum), Pos./Leistungs-Nr. table with Einheit, "zzgl. 19 % MwSt.", the
  § 35a EStG labour-cost sentence in Germany, Austrian USt and "Jänner", Swiss CHF 1'234.50.
- ``devis_facture`` (FR, CH): a French artisan's "Facture" issued from an accepted quote
  (devis): grouped sections with sub-totals, the reference under the designation, a VAT
  recap, Total HT / TVA / Total TTC / Net à payer, the amount in words (Swiss "septante")
  and the legal late-payment mentions.
- ``boekhoud_factuur`` (NL): a Dutch "Factuur" from online bookkeeping software: Aantal
  first, "21% btw over € ...", the payment request sentence with IBAN.
- ``fsm_work_order`` (US, GB, NL): a field-service mobile app's work-order export: status
  banner, cards, a timeline with check icons and time zones, a checklist, parts used,
  technician notes and the captured signature (or "Not signed").
- ``time_sheet`` (DE, AT, CH, GB): a technician's time sheet ("Arbeitsnachweis"): bordered
  order grid with tick boxes for the job type, time rows, material, remarks and two
  signature lines (engineer and customer).
- ``service_report_2col`` (FR, CH, US): a two-column "Rapport d'intervention" / "Service
  Report" with client, equipment and intervention blocks side by side and the technician's
  and the customer's drawn (SVG) signatures at the foot.
- ``odoo_worksheet`` (NL, DE, AT, FR): an Odoo Field Service worksheet: task data,
  timesheet lines in hh:mm, products as "[SKU] name", comments and the signature block.

They were designed from DOMAIN.md and real issuers' conventions alone, without looking at
the project's extractor, its simulator's renderer or the other independent layout
families; only the shared case helpers of ``bench/independent/layouts.py`` are reused, so
the truth records have the same shape. Every truth field is printed where a clerk would
read it; a field with no value (no PO number, empty notes) is left out or left blank.

Run ``python -m bench.independent.wkhtml_layouts [OUT_DIR]`` to write the PDFs and
``truth.jsonl``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.independent.layouts import Case, document_record, load_cases, rotate, write_truth

US_REGIONS = ("US-NY", "US-TX", "US-CA")
# Usable page height in CSS px with 12 mm top and bottom margins: the unpatched-Qt build
# prints one CSS pixel as about 0.5765 pt, so an A4 page holds some 1340 px, Letter 1256.
SHEET_HEIGHT = {"A4": 1318, "Letter": 1232}

# --------------------------------------------------------------------------- formatting


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


NUMBER_STYLES = {  # thousands separator, decimal separator
    "us": (",", "."),
    "de": (".", ","),
    "ch": ("'", "."),
    "ch2": ("\u2019", "."),
    "fr": ("\u202f", ","),
    "nl": (".", ","),
}


def number(value: float, style: str, places: int = 2) -> str:
    group, point = NUMBER_STYLES[style]
    text = f"{abs(value):,.{places}f}"
    text = text.replace(",", "\x00").replace(".", point).replace("\x00", group)
    return ("-" if value < 0 and round(abs(value), places) else "") + text


def trimmed(value: float, style: str, max_places: int = 3) -> str:
    """A quantity without trailing zeros: 2, 1.5, 0.75."""
    text = f"{value:.{max_places}f}".rstrip("0").rstrip(".")
    return text.replace(".", NUMBER_STYLES[style][1])


def rate_text(rate: float, style: str) -> str:
    return trimmed(rate * 100, style, 4)


def day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def stamp(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def wall(iso: str) -> datetime:
    """The printed local wall time: the timestamp as given, without its offset."""
    return datetime.fromisoformat(iso[:19])


MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
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
    ],
    "at": [
        "Jänner",
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
    ],
    "fr": [
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
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def long_date(d: date, lang: str) -> str:
    month = MONTHS[lang][d.month - 1]
    if lang == "en":
        return f"{month} {d.day}, {d.year}"
    if lang in ("de", "at"):
        return f"{d.day}. {month} {d.year}"
    return f"{d.day} {month} {d.year}"


def gb_long(d: date) -> str:
    return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"


def short_en(d: date, us: bool) -> str:
    mon = MONTHS["en"][d.month - 1][:3]
    return f"{mon} {d.day}, {d.year}" if us else f"{d.day} {mon} {d.year}"


def numeric_date(d: date, style: str) -> str:
    return {
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "us-short": f"{d.month}/{d.day}/{d.year}",
        "gb": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "iso": d.isoformat(),
    }[style]


def clock12(t: datetime) -> str:
    return f"{(t.hour % 12) or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def clock24(t: datetime, sep: str = ":") -> str:
    return f"{t.hour:02d}{sep}{t.minute:02d}"


def fr_clock(t: datetime) -> str:
    return f"{t.hour} h {t.minute:02d}"


ZONE_NAMES = {
    "US-NY": {-5: "EST", -4: "EDT"},
    "US-TX": {-6: "CST", -5: "CDT"},
    "US-CA": {-8: "PST", -7: "PDT"},
    "GB": {0: "GMT", 1: "BST"},
}


def zone(region: str, moment: str | datetime) -> str:
    """The time zone as the app prints it: an abbreviation where one is usual, else UTC±hh:mm."""
    offset = (stamp(moment) if isinstance(moment, str) else moment).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes % 60 == 0 and minutes // 60 in ZONE_NAMES.get(region, {}):
        return ZONE_NAMES[region][minutes // 60]
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def hm(hours: float, pad: bool = False) -> str:
    """3.5 -> 3:30 (05:30 with pad, as Odoo prints a duration)."""
    minutes = round(hours * 60)
    h, m = divmod(minutes, 60)
    return f"{h:02d}:{m:02d}" if pad else f"{h}:{m:02d}"


def h_m(hours: float, h: str = "h", m: str = "m") -> str:
    minutes = round(hours * 60)
    return f"{minutes // 60}{h} {minutes % 60:02d}{m}"


# --------------------------------------------------------------------------- invented data


def _pick(key: str, options: list[Any], salt: str = "") -> Any:
    digest = hashlib.sha256(f"{salt}|{key}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def _digits(key: str, n: int, salt: str = "") -> str:
    digest = hashlib.sha256(f"{salt}#{key}".encode()).hexdigest()
    return str(int(digest, 16))[:n].rjust(n, "0")


STREETS = {
    "US": ["Commerce Drive", "Industrial Parkway", "Harbor Boulevard", "Main Street"],
    "GB": ["Station Road", "Mill Lane", "Kingsway", "Victoria Street", "Canal Wharf"],
    "DE": ["Industriestraße", "Hauptstraße", "Gewerbering", "Am Hafen", "Lindenallee"],
    "AT": ["Industriezeile", "Hauptplatz", "Gewerbepark", "Linzer Straße"],
    "CH": ["Industriestrasse", "Bahnhofstrasse", "Seestrasse", "Rue du Simplon"],
    "FR": ["rue de la République", "avenue Jean Jaurès", "boulevard Voltaire", "rue Garibaldi"],
    "NL": ["Industrieweg", "Stationsplein", "Kanaalstraat", "Energieweg"],
}
CITIES = {
    "US-NY": ["Albany, NY 12207", "Poughkeepsie, NY 12601", "Bronx, NY 10451"],
    "US-TX": ["Houston, TX 77002", "San Antonio, TX 78205", "Amarillo, TX 79101"],
    "US-CA": ["Oakland, CA 94607", "Sacramento, CA 95814", "San Diego, CA 92101"],
    "GB": ["Birmingham B1 1AA", "Leeds LS1 4DY", "Bristol BS1 5TR", "Harrow HA1 2AX"],
    "DE": ["44135 Dortmund", "50667 Köln", "80331 München", "22765 Hamburg"],
    "AT": ["4020 Linz", "1100 Wien", "5020 Salzburg", "8010 Graz"],
    "CH": ["8005 Zürich", "3011 Bern", "1003 Lausanne", "4051 Basel"],
    "FR": ["69002 Lyon", "75011 Paris", "31000 Toulouse", "44000 Nantes"],
    "NL": ["3511 AB Utrecht", "1013 BC Amsterdam", "5611 AZ Eindhoven", "3011 TA Rotterdam"],
}
COUNTRY_NAMES = {
    "en": {
        "DE": "Germany",
        "AT": "Austria",
        "CH": "Switzerland",
        "FR": "France",
        "NL": "Netherlands",
        "GB": "United Kingdom",
        "US": "United States",
    },
    "de": {
        "DE": "Deutschland",
        "AT": "Österreich",
        "CH": "Schweiz",
        "FR": "Frankreich",
        "NL": "Niederlande",
        "GB": "Vereinigtes Königreich",
        "US": "USA",
    },
    "fr": {
        "DE": "Allemagne",
        "AT": "Autriche",
        "CH": "Suisse",
        "FR": "France",
        "NL": "Pays-Bas",
        "GB": "Royaume-Uni",
        "US": "États-Unis",
    },
    "nl": {
        "DE": "Duitsland",
        "AT": "Oostenrijk",
        "CH": "Zwitserland",
        "FR": "Frankrijk",
        "NL": "Nederland",
        "GB": "Verenigd Koninkrijk",
        "US": "Verenigde Staten",
    },
}
CONTACTS = {
    "US": ["Dana Whitfield", "Marcus Lee", "Priya Raman", "Tom Kowalski", "Angela Ruiz"],
    "GB": ["Sarah Pembroke", "Gareth Evans", "Nadia Hussain", "Ian McLeod"],
    "DE": ["Ines Vogt", "Jens Albers", "Petra Hainz", "Tobias Wenger"],
    "FR": ["Claire Dubois", "Julien Roux", "Sandrine Petit", "Olivier Garnier"],
    "NL": ["Anouk Visser", "Bram Smit", "Fleur Bakker", "Joost van Dam"],
}


def country(region: str) -> str:
    return "US" if region.startswith("US") else region


def address(name: str, region: str) -> list[str]:
    """Street and town lines for a party (stable per name and region)."""
    c = country(region)
    street = _pick(name, STREETS[c], "street")
    no = int(_digits(name, 3, "no")) % 180 + 1
    city = _pick(name, CITIES[region], "city")
    if c == "US":
        return [f"{no * 10 + 5} {street}", city]
    if c == "GB":
        return [f"Unit {no % 40 + 1}, {street}", city]
    if c == "FR" or street.startswith("Rue"):
        return [f"{no % 90 + 1} {street}", city]
    return [f"{street} {no % 90 + 1}", city]


def contact(name: str, region: str) -> str:
    c = country(region)
    return _pick(name, CONTACTS["DE" if c in ("AT", "CH") else c], "contact")


def slug(name: str) -> str:
    words = [w for w in name.lower().replace("&", " ").replace(".", " ").split() if w]
    stop = {"gmbh", "ag", "sa", "sas", "sarl", "ltd", "plc", "llc", "inc", "co", "b", "v", "kg"}
    kept = [w for w in words if w not in stop] or words
    return "".join(ch for ch in "-".join(kept[:3]) if ch.isalnum() or ch == "-")


TLD = {"US": "com", "GB": "co.uk", "DE": "de", "AT": "at", "CH": "ch", "FR": "fr", "NL": "nl"}


def web(name: str, region: str) -> str:
    return f"www.{slug(name)}.{TLD[country(region)]}"


def email(name: str, region: str, box: str = "info") -> str:
    return f"{box}@{slug(name)}.{TLD[country(region)]}"


def phone(name: str, region: str) -> str:
    d = _digits(name, 10, "phone")
    c = country(region)
    return {
        "US": f"({d[:3]}) {d[3:6]}-{d[6:10]}",
        "GB": f"0121 {d[:3]} {d[3:7]}",
        "DE": f"+49 231 {d[:4]} {d[4:7]}",
        "AT": f"+43 732 {d[:6]}",
        "CH": f"+41 44 {d[:3]} {d[3:5]} {d[5:7]}",
        "FR": f"04 {d[:2]} {d[2:4]} {d[4:6]} {d[6:8]}",
        "NL": f"030 {d[:3]} {d[3:7]}",
    }[c]


def vat_id(name: str, region: str) -> str:
    d = _digits(name, 12, "vat")
    return {
        "US": f"EIN {d[:2]}-{d[2:9]}",
        "GB": f"GB {d[:3]} {d[3:7]} {d[7:9]}",
        "DE": f"DE{d[:9]}",
        "AT": f"ATU{d[:8]}",
        "CH": f"CHE-{d[:3]}.{d[3:6]}.{d[6:9]} MWST",
        "FR": f"FR{d[:2]} {d[2:11]}",
        "NL": f"NL{d[:9]}B01",
    }[country(region)]


def iban(name: str, region: str) -> tuple[str, str]:
    d = _digits(name, 22, "iban")
    c = country(region)
    if c == "DE":
        return f"DE{d[:2]} {d[2:6]} {d[6:10]} {d[10:14]} {d[14:18]} {d[18:20]}", "COBADEFFXXX"
    if c == "AT":
        return f"AT{d[:2]} {d[2:6]} {d[6:10]} {d[10:14]} {d[14:18]}", "RZOOAT2L"
    if c == "CH":
        return f"CH{d[:2]} {d[2:6]} {d[6:10]} {d[10:14]} {d[14:18]} {d[18]}", "UBSWCHZH80A"
    if c == "FR":
        return f"FR76 {d[:4]} {d[4:8]} {d[8:12]} {d[12:16]} {d[16:20]} {d[20:22]}7", "CEPAFRPP"
    if c == "NL":
        return f"NL{d[:2]} RABO {d[2:6]} {d[6:10]} {d[10:12]}", "RABONL2U"
    if c == "GB":
        return f"GB{d[:2]} BARC {d[2:6]} {d[6:10]} {d[10:14]} {d[14:16]}", "BARCGB22"
    return f"{d[:9]}", f"{d[9:19]}"  # US: routing and account number


def asset_line(case: Case) -> str:
    return f"{case['asset']['model']} ({case['asset']['id']})"


def site_name(case: Case) -> str:
    """The end customer's site: the customer of the case (the one the report is about)."""
    return case["customer"]["name"]


def report_issuer(case: Case) -> str:
    """Who prints the report: the firm that sent the technician (the invoice's issuer)."""
    return case["invoice"]["issuer"]


# --------------------------------------------------------------------------- drawings


def _signature_points(key: str, width: float = 220, height: float = 64) -> list[list[tuple]]:
    """A handwritten-looking scrawl: a few strokes of loops, stable per key."""
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:12], 16)
    rnd = [((seed >> (4 * i)) & 0xF) / 15 for i in range(12)]
    strokes = []
    x0 = 8.0
    for s in range(2 if rnd[0] > 0.4 else 3):
        pts = []
        span = width * (0.45 if s == 0 else 0.3) * (0.8 + 0.4 * rnd[s + 1])
        loops = 2 + int(rnd[s + 4] * 3)
        for i in range(60):
            t = i / 59
            x = x0 + span * t + 9 * math.sin(2 * math.pi * loops * t + rnd[s + 7])
            y = (
                height * 0.55
                - height * 0.32 * math.sin(2 * math.pi * loops * t) * (1 - 0.5 * t)
                + 6 * math.sin(5 * t + s)
            )
            pts.append((round(x, 1), round(y, 1)))
        strokes.append(pts)
        x0 += span + 10
    # the final flourish underneath
    strokes.append(
        [(12 + 1.9 * i, height - 8 - 4 * math.sin(i / 14) - 0.05 * i) for i in range(0, 100, 4)]
    )
    right = max(x for pts in strokes for x, _ in pts)
    squeeze = min(1.0, (width - 8) / right)
    return [[(round(x * squeeze, 1), round(y, 1)) for x, y in pts] for pts in strokes]


def signature_svg(key: str, width: int = 220, height: int = 64, color: str = "#1b2a6b") -> str:
    paths = "".join(
        f'<polyline points="{" ".join(f"{x},{y}" for x, y in pts)}" fill="none" '
        f'stroke="{color}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>'
        for pts in _signature_points(key, width, height)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{paths}</svg>'
    )


def signature_png(key: str, width: int = 220, height: int = 64) -> str:
    """A signature captured on a tablet, as a PNG data URI (falls back to SVG markup)."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:  # Pillow comes with fpdf2, which the benchmark needs anyway
        return signature_svg(key, width, height)
    scale = 3
    image = Image.new("L", (width * scale, height * scale), 255)
    draw = ImageDraw.Draw(image)
    for pts in _signature_points(key, width, height):
        draw.line([(x * scale, y * scale) for x, y in pts], fill=20, width=2 * scale, joint="curve")
    image = image.resize((width * 2, height * 2), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<img class="sig" src="data:image/png;base64,{data}" width="{width}" '
        f'height="{height}" alt="">'
    )


def check_icon(ok: bool = True, size: int = 16) -> str:
    color, mark = (
        ("#1e9e5a", "M4.5 8.5 L7 11 L11.5 5.5") if ok else ("#c0392b", "M5 5 L11 11 M11 5 L5 11")
    )
    return (
        f'<svg class="ico" width="{size}" height="{size}" viewBox="0 0 16 16">'
        f'<circle cx="8" cy="8" r="7.5" fill="{color}"/>'
        f'<path d="{mark}" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round"/>'
        "</svg>"
    )


def logo(name: str, color: str, size: int = 46) -> str:
    """A company mark drawn as shapes (no text, like a logo image)."""
    kind = _pick(name, ["drop", "gear", "bolt", "wave"], "logo")
    s = size
    if kind == "drop":
        shape = (
            f'<path d="M{s / 2} 4 C{s * 0.85} {s * 0.45} {s * 0.85} {s - 4} {s / 2} {s - 4} '
            f'C{s * 0.15} {s - 4} {s * 0.15} {s * 0.45} {s / 2} 4 Z" fill="{color}"/>'
        )
    elif kind == "gear":
        teeth = "".join(
            f'<rect x="{s / 2 - 3}" y="1" width="6" height="{s / 2}" fill="{color}" '
            f'transform="rotate({a} {s / 2} {s / 2})"/>'
            for a in range(0, 360, 45)
        )
        shape = (
            teeth
            + f'<circle cx="{s / 2}" cy="{s / 2}" r="{s * 0.32}" fill="{color}"/>'
            + f'<circle cx="{s / 2}" cy="{s / 2}" r="{s * 0.13}" fill="#fff"/>'
        )
    elif kind == "bolt":
        shape = (
            f'<rect width="{s}" height="{s}" rx="8" fill="{color}"/>'
            f'<path d="M{s * 0.58} 6 L{s * 0.25} {s * 0.55} L{s * 0.48} {s * 0.55} L{s * 0.4} '
            f'{s - 6} L{s * 0.76} {s * 0.42} L{s * 0.53} {s * 0.42} Z" fill="#fff"/>'
        )
    else:
        shape = (
            f'<circle cx="{s / 2}" cy="{s / 2}" r="{s / 2}" fill="{color}"/>'
            f'<path d="M4 {s * 0.55} Q{s * 0.3} {s * 0.3} {s / 2} {s * 0.55} T{s - 4} {s * 0.55}" '
            'stroke="#fff" stroke-width="4" fill="none"/>'
        )
    return f'<svg class="logo" width="{s}" height="{s}" viewBox="0 0 {s} {s}">{shape}</svg>'


# --------------------------------------------------------------------------- page frame

BASE_CSS = """
html, body { margin: 0; padding: 0; }
* { -webkit-box-sizing: border-box; box-sizing: border-box; }
table { border-collapse: collapse; }
td, th { vertical-align: top; }
.sheet { position: relative; }
.pagefoot { position: absolute; left: 0; right: 0; bottom: 0; }
.clear { clear: both; }
svg.ico { vertical-align: -3px; }
tr { page-break-inside: avoid; }
"""


def document(title: str, lang: str, css: str, body: str, page: str, foot: str = "") -> str:
    """One HTML page; `foot` sits at the bottom of the first page (a one-page sheet)."""
    height = SHEET_HEIGHT[page]
    sheet = (
        f'<div class="sheet" style="min-height:{height}px;padding-bottom:90px">{body}'
        f'<div class="pagefoot">{foot}</div></div>'
        if foot
        else body
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{BASE_CSS}{css}</style></head>"
        f"<body>{sheet}</body></html>"
    )


def lines_br(lines: list[str]) -> str:
    return "<br>".join(esc(line) for line in lines if line)


# --------------------------------------------------------------------------- words for totals

_FR_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
_CH_TENS = {**_FR_TENS, 7: "septante", 8: "huitante", 9: "nonante"}


def _fr_below_100(n: int, swiss: bool) -> str:
    if n < 20:
        return _FR_UNITS[n]
    tens, unit = divmod(n, 10)
    table = _CH_TENS if swiss else _FR_TENS
    if tens in table:
        word = table[tens]
        if unit == 0:
            return word
        return f"{word} et un" if unit == 1 else f"{word}-{_FR_UNITS[unit]}"
    if tens == 7:  # soixante-dix ...
        return "soixante et onze" if unit == 1 else f"soixante-{_FR_UNITS[10 + unit]}"
    if tens == 8:
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_FR_UNITS[unit]}"
    return f"quatre-vingt-{_FR_UNITS[10 + unit]}"


def _fr_below_1000(n: int, swiss: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _fr_below_100(rest, swiss)
    head = "cent" if hundreds == 1 else f"{_FR_UNITS[hundreds]} cent" + ("s" if not rest else "")
    return head if not rest else f"{head} {_fr_below_100(rest, swiss)}"


def french_words(n: int, swiss: bool = False) -> str:
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _fr_below_1000(rest, swiss)
    head = "mille" if thousands == 1 else _fr_below_1000(thousands, swiss)
    if thousands > 1:
        head = (head[:-1] if head.endswith(("cents", "vingts")) else head) + " mille"
    return head if not rest else f"{head} {_fr_below_1000(rest, swiss)}"


def amount_in_words(value: float, currency: str, swiss: bool) -> str:
    cents_total = round(abs(value) * 100)
    units, cents = divmod(cents_total, 100)
    name = {"EUR": ("euro", "euros"), "CHF": ("franc suisse", "francs suisses")}[currency]
    text = f"{french_words(units, swiss)} {name[0] if units == 1 else name[1]}"
    if cents:
        text += f" et {french_words(cents, swiss)} centime{'s' if cents > 1 else ''}"
    return text


def money(value: float, currency: str, style: str, symbol_after: bool | None = None) -> str:
    """An amount with its currency the way the software prints it."""
    symbol = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}[currency]
    after = symbol_after if symbol_after is not None else currency == "EUR"
    text = number(value, style)
    if after:
        return f"{text}\u00a0{symbol}"
    if value < 0:
        return f"-{symbol}\u00a0{text[1:]}"
    return f"{symbol}\u00a0{text}"


def is_hourly(line: dict[str, Any]) -> bool:
    return line["kind"] in ("labor", "travel")


# --------------------------------------------------------------------------- Odoo invoice

ODOO_TEXT = {
    "en": {
        "invoice": "Invoice",
        "inv_date": "Invoice Date",
        "due": "Due Date",
        "source": "Source",
        "ref": "Reference",
        "desc": "Description",
        "qty": "Quantity",
        "price": "Unit Price",
        "taxes": "Taxes",
        "amount": "Amount",
        "untaxed": "Untaxed Amount",
        "total": "Total",
        "hours": "Hours",
        "units": "Units",
        "comm": "Please use the following communication for your payment:",
        "account": "on this account:",
        "terms": "Payment terms: {n} Days",
        "page": "Page:",
        "vat": "VAT:",
        "tax_id": "Tax ID:",
    },
    "de": {
        "invoice": "Rechnung",
        "inv_date": "Rechnungsdatum",
        "due": "Fälligkeitsdatum",
        "source": "Herkunft",
        "ref": "Referenz",
        "desc": "Beschreibung",
        "qty": "Menge",
        "price": "Einzelpreis",
        "taxes": "Steuern",
        "amount": "Betrag",
        "untaxed": "Nettobetrag",
        "total": "Gesamt",
        "hours": "Stunden",
        "units": "Stück",
        "comm": "Bitte verwenden Sie die folgende Mitteilung für Ihre Zahlung:",
        "account": "auf dieses Konto:",
        "terms": "Zahlungsbedingungen: {n} Tage",
        "page": "Seite:",
        "vat": "USt-IdNr.:",
        "tax_id": "USt-IdNr.:",
    },
    "nl": {
        "invoice": "Factuur",
        "inv_date": "Factuurdatum",
        "due": "Vervaldatum",
        "source": "Bron",
        "ref": "Referentie",
        "desc": "Omschrijving",
        "qty": "Hoeveelheid",
        "price": "Prijs per eenheid",
        "taxes": "Btw",
        "amount": "Bedrag",
        "untaxed": "Subtotaal",
        "total": "Totaal",
        "hours": "Uren",
        "units": "Stuks",
        "comm": "Gebruik de volgende mededeling voor uw betaling:",
        "account": "op deze rekening:",
        "terms": "Betalingstermijn: {n} dagen",
        "page": "Pagina:",
        "vat": "Btw:",
        "tax_id": "Btw:",
    },
    "fr": {
        "invoice": "Facture",
        "inv_date": "Date de facturation",
        "due": "Date d'échéance",
        "source": "Origine",
        "ref": "Référence",
        "desc": "Description",
        "qty": "Quantité",
        "price": "Prix unitaire",
        "taxes": "Taxes",
        "amount": "Montant",
        "untaxed": "Montant hors taxes",
        "total": "Total",
        "hours": "Heures",
        "units": "Unité(s)",
        "comm": "Merci d'utiliser la communication suivante pour votre paiement :",
        "account": "sur ce compte :",
        "terms": "Conditions de paiement : {n} jours",
        "page": "Page :",
        "vat": "TVA :",
        "tax_id": "N° TVA :",
    },
}

ODOO_STYLE = {  # locale: (text language, number style, date style, country-name language)
    "en-US": ("en", "us", "us", "en"),
    "en-GB": ("en", "us", "gb", "en"),
    "de-DE": ("de", "de", "dot", "de"),
    "de-AT": ("de", "de", "dot", "de"),
    "nl-NL": ("nl", "nl", "dash", "nl"),
    "fr-FR": ("fr", "fr", "gb", "fr"),
}


def _odoo_tax_names(locale: str, rate: float) -> tuple[str, str]:
    """(the tax on a line, the tax row of the summary)."""
    style = ODOO_STYLE[locale][1]
    r = rate_text(rate, style)
    return {
        "en-US": (f"{r}%", f"Sales Tax {r}%"),
        "en-GB": (f"VAT {r}%", f"VAT {r}%"),
        "de-DE": (f"{r}% USt", f"USt {r} %"),
        "de-AT": (f"{r}% USt", f"USt {r} %"),
        "nl-NL": (f"{r}% btw", f"Btw {r}%"),
        "fr-FR": (f"TVA {r} %", f"TVA {r} %"),
    }[locale]


ODOO_CSS = """
body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 15px;
       color: #212529; }
.w { width: 100%; }
.tagline { text-align: right; color: #6c757d; font-size: 14px; vertical-align: bottom; }
.rule { border-bottom: 1px solid #212529; margin: 6px 0 12px 0; }
.from { width: 50%; font-size: 14px; line-height: 1.35; }
.to { width: 50%; padding-top: 46px; padding-left: 12%; line-height: 1.4; }
h2 { font-size: 30px; font-weight: normal; margin: 34px 0 20px 0; }
.info td { padding: 0 36px 18px 0; }
.info strong { display: block; margin-bottom: 4px; }
table.lines { width: 100%; margin-top: 6px; }
table.lines th { border-bottom: 2px solid #212529; padding: 6px 6px; text-align: left; }
table.lines td { border-top: 1px solid #dee2e6; padding: 7px 6px; }
.r, table.lines th.r { text-align: right; white-space: nowrap; }
.totals { width: 46%; margin-left: 54%; margin-top: 16px; }
.totals table { width: 100%; }
.totals td { padding: 6px 6px; border-top: 1px solid #dee2e6; }
.totals tr.o_total td { border-top: 2px solid #212529; font-weight: bold; }
.comm { margin-top: 34px; }
.terms { margin-top: 10px; }
.foot { border-top: 1px solid #212529; text-align: center; font-size: 13px; color: #495057;
        padding-top: 6px; line-height: 1.5; }
"""


def odoo_invoice(case: Case, locale: str, page: str) -> str:
    inv, region = case["invoice"], case["customer"]["region"]
    lang, style, date_style, country_lang = ODOO_STYLE[locale]
    t = ODOO_TEXT[lang]
    cur = inv["currency"]
    issuer, bill_to = inv["issuer"], inv["bill_to"]
    inv_date = day(inv["date"])
    terms = _pick(inv["number"], [15, 30, 30, 45], "terms")
    line_tax, summary_tax = _odoo_tax_names(locale, inv["tax_rate"])
    color = _pick(issuer, ["#714B67", "#00A09D", "#1F4E79", "#8B1E3F"], "odoo")
    tagline = {
        "en": "Commercial refrigeration · HVAC · Field service",
        "de": "Kälte · Klima · Service",
        "nl": "Koeltechniek · Klimaat · Service",
        "fr": "Froid commercial · Climatisation · Maintenance",
    }[lang]
    names = COUNTRY_NAMES[country_lang]
    c = country(region)
    tax_label = t["tax_id"] if c == "US" else t["vat"]
    company = [*address(issuer, region), names[c], f"{tax_label} {vat_id(issuer, region)}"]
    partner = [*address(bill_to, region), names[c]]
    if c != "US":
        partner.append(f"{t['tax_id']} {vat_id(bill_to, region)}")

    info = [
        (t["inv_date"], numeric_date(inv_date, date_style)),
        (t["due"], numeric_date(inv_date + timedelta(days=terms), date_style)),
        (t["source"], case["service_report"]["work_order_id"]),
    ]
    if inv["po_number"]:
        info.append((t["ref"], inv["po_number"]))

    rows = []
    for line in inv["lines"]:
        name = line["description"]
        if line["sku"]:
            name = f"[{line['sku']}] {name}"
        unit = t["hours"] if is_hourly(line) else t["units"]
        rows.append(
            f"<tr><td>{esc(name)}</td>"
            f'<td class="r">{number(line["qty"], style)} {unit}</td>'
            f'<td class="r">{number(line["unit_price"], style)}</td>'
            f"<td>{esc(line_tax)}</td>"
            f'<td class="r">{money(line["amount"], cur, style)}</td></tr>'
        )
    info_cells = "".join(f"<td><strong>{esc(k)}:</strong>{esc(v)}</td>" for k, v in info)
    account, bic = iban(issuer, region)
    if c == "US":
        account = f"ACH routing {account}, account {bic}"
    body = f"""
<table class="w"><tr><td>{logo(issuer, color)}</td><td class="tagline">{esc(tagline)}</td></tr>
  </table>
<div class="rule"></div>
<table class="w"><tr>
  <td class="from"><b>{esc(issuer)}</b><br>{lines_br(company)}</td>
  <td class="to"><b>{esc(bill_to)}</b><br>{lines_br(partner)}</td>
</tr></table>
<h2>{t["invoice"]} <span>{esc(inv["number"])}</span></h2>
<table class="info"><tr>{info_cells}</tr></table>
<table class="lines"><thead><tr>
  <th>{t["desc"]}</th><th class="r">{t["qty"]}</th><th class="r">{t["price"]}</th>
  <th>{t["taxes"]}</th><th class="r">{t["amount"]}</th>
</tr></thead><tbody>{"".join(rows)}</tbody></table>
<div class="totals"><table>
  <tr><td><b>{t["untaxed"]}</b></td><td class="r">{money(inv["subtotal"], cur, style)}</td></tr>
  <tr><td>{esc(summary_tax)}</td><td class="r">{money(inv["tax"], cur, style)}</td></tr>
  <tr class="o_total"><td>{t["total"]}</td><td class="r">{money(inv["total"], cur, style)}</td></tr>
</table></div>
<p class="comm">{esc(t["comm"])} <b>{esc(inv["number"])}</b>
  <br>{esc(t["account"])} {esc(account)}</p>
<p class="terms">{esc(t["terms"].format(n=terms))}</p>
"""
    foot = (
        f'<div class="foot">{esc(phone(issuer, region))} &nbsp;|&nbsp; '
        f"{esc(email(issuer, region))} &nbsp;|&nbsp; {esc(web(issuer, region))}<br>"
        f"{t['page']} 1 / 1</div>"
    )
    title = f"{t['invoice']} {inv['number']}"
    return document(title, locale, ODOO_CSS, body, page, foot)


# --------------------------------------------------------------------------- WooCommerce invoice

WOO_CSS = """
body { font-family: "DejaVu Sans", sans-serif; font-size: 14.5px; color: #000; line-height: 1.35; }
table.head { width: 100%; margin-bottom: 26px; }
.shop-name { font-size: 24px; font-weight: bold; margin: 0 0 4px 0; }
.shop-info { width: 42%; }
.shop-address { font-size: 13.5px; }
h1.document-type-label { font-size: 30px; text-transform: uppercase; margin: 10px 0 22px 0;
    letter-spacing: 1px; }
table.order-data-addresses { width: 100%; margin-bottom: 26px; }
td.address { width: 30%; padding-right: 12px; }
td.address h3 { font-size: 14.5px; margin: 0 0 4px 0; }
td.order-data { width: 40%; }
td.order-data th { text-align: left; font-weight: normal; padding: 1px 12px 1px 0;
    white-space: nowrap; }
td.order-data td { padding: 1px 0; }
table.order-details { width: 100%; }
.order-details thead th { color: #fff; background-color: #000; border: 1px solid #000;
    padding: 6px 8px; text-align: left; }
.order-details tbody td { border-bottom: 1px solid #ccc; padding: 8px; }
.order-details .num { text-align: right; white-space: nowrap; }
.order-details thead th.num { text-align: right; }
dl.meta { margin: 3px 0 0 0; font-size: 12.5px; color: #555; }
dl.meta dt, dl.meta dd { display: inline; margin: 0; }
table.totals { width: 100%; margin-top: 4px; }
table.totals td.spacer { width: 55%; border: none; }
table.totals th, table.totals td.price { white-space: nowrap; text-align: right; padding: 6px 8px;
    border-top: 1px solid #ccc; font-weight: normal; }
table.totals tr.order-total th, table.totals tr.order-total td.price { border-top: 2px solid #000;
    border-bottom: 2px solid #000; font-weight: bold; }
.notes { margin-top: 28px; }
.foot { border-top: 1px solid #ccc; padding-top: 8px; text-align: center; font-size: 12.5px;
    color: #333; }
"""


def woo_invoice(case: Case, locale: str, page: str) -> str:
    inv, rep, region = case["invoice"], case["service_report"], case["customer"]["region"]
    us = region in US_REGIONS
    cur = inv["currency"]
    issuer, bill_to = inv["issuer"], inv["bill_to"]

    def cash(value: float) -> str:
        symbol = "$" if cur == "USD" else "£" if cur == "GBP" else f"{cur} "
        text = number(abs(value), "us")
        return f"-{symbol}{text}" if value < 0 else f"{symbol}{text}"

    def when(d: date) -> str:
        return long_date(d, "en") if us else gb_long(d)

    site = site_name(case)
    site_lines = address(site + " site", region)
    rows = []
    for line in inv["lines"]:
        meta = (
            f'<dl class="meta"><dt>SKU:</dt> <dd>{esc(line["sku"])}</dd></dl>'
            if line["sku"]
            else ""
        )
        rows.append(
            f'<tr><td class="product"><span class="item-name">{esc(line["description"])}</span>'
            f"{meta}</td>"
            f'<td class="num">{cash(line["unit_price"])}</td>'
            f'<td class="num">{trimmed(line["qty"], "us")}</td>'
            f'<td class="num">{cash(line["amount"])}</td></tr>'
        )
    rate = rate_text(inv["tax_rate"], "us")
    tax_label = f"{region[3:]} Sales Tax ({rate}%)" if us else f"VAT ({rate}%)"
    order = [
        ("Invoice Number:", inv["number"]),
        ("Invoice Date:", when(day(inv["date"]))),
        ("Work Order No.:", rep["work_order_id"]),
        ("Service Date:", when(wall(rep["completed_at"]).date())),
    ]
    if inv["po_number"]:
        order.append(("Purchase Order:", inv["po_number"]))
    order.append(("Payment Method:", "Check or ACH" if us else "Direct bank transfer (BACS)"))
    mark = logo(issuer, _pick(issuer, ["#96588a", "#2271b1", "#d63638"], "woo"), 56)
    legal = (
        f"Company No. {_digits(issuer, 8, 'crn')} · VAT Reg. No. {vat_id(issuer, region)}"
        if not us
        else f"{phone(issuer, region)} · {email(issuer, region, 'billing')}"
    )
    body = f"""
<table class="head"><tr>
  <td class="header">{mark}</td>
  <td class="shop-info"><div class="shop-name">{esc(issuer)}</div>
  <div class="shop-address">{lines_br(address(issuer, region))}<br>
  {esc(web(issuer, region))}</div></td>
</tr></table>
<h1 class="document-type-label">Invoice</h1>
<table class="order-data-addresses"><tr>
  <td class="address billing-address"><h3>Billing Address:</h3>{esc(bill_to)}<br>
    {lines_br(address(bill_to, region))}
    <div class="billing-email">{esc(email(bill_to, region, "accounts"))}</div>
    <div class="billing-phone">{esc(phone(bill_to, region))}</div></td>
  <td class="address shipping-address">
  <h3>Service Address:</h3>{esc(site)}<br>{lines_br(site_lines)}</td>
  <td class="order-data">
  <table>{"".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in order)}</table></td>
</tr></table>
<table class="order-details">
  <thead><tr><th class="product">Product</th><th class="num">Unit price</th>
  <th class="num">Quantity</th><th class="num">Price</th></tr></thead>
  <tbody>{"".join(rows)}</tbody>
</table>
<table class="totals">
  <tr class="cart_subtotal"><td class="spacer"></td><th>Subtotal</th>
  <td class="price">{cash(inv["subtotal"])}</td></tr>
  <tr class="tax"><td class="spacer"></td><th>{esc(tax_label)}</th>
  <td class="price">{cash(inv["tax"])}</td></tr>
  <tr class="order-total"><td class="spacer"></td><th>Total</th>
  <td class="price">{cash(inv["total"])}</td></tr>
</table>
<div class="notes">Thank you for your business!
Please include the invoice number with your payment.</div>
"""
    foot = (
        f'<div class="foot">{esc(issuer)} · {esc(", ".join(address(issuer, region)))}<br>'
        f"{esc(legal)}</div>"
    )
    return document(f"Invoice {inv['number']}", locale, WOO_CSS, body, page, foot)


# --------------------------------------------------------------------------- Handwerk Rechnung

HANDWERK_CSS = """
body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 15px; color: #222; }
.letterhead { text-align: right; }
.firm { font-size: 27px; font-weight: bold; color: COLOR; letter-spacing: 0.5px; }
.trade { font-size: 13.5px; color: #555; margin-bottom: 6px; }
.firm-contact { font-size: 12.5px; color: #444; line-height: 1.35; }
table.top { width: 100%; margin-top: 22px; }
td.window { width: 58%; height: 190px; padding-top: 10px; }
.sender { font-size: 10.5px; text-decoration: underline; color: #444; margin-bottom: 12px; }
td.infoblock { width: 42%; }
td.infoblock table { width: 100%; font-size: 13.5px; }
td.infoblock td { padding: 2px 0; }
td.infoblock td.k { color: #555; width: 48%; }
h1 { font-size: 24px; margin: 26px 0 14px 0; }
p.intro { margin: 0 0 14px 0; line-height: 1.4; }
table.pos { width: 100%; }
table.pos th { background: #3c4650; color: #fff; font-weight: normal; padding: 6px 6px;
    text-align: left;
    font-size: 13.5px; }
table.pos td { padding: 6px 6px; border-bottom: 1px solid #d5d9de; }
table.pos tr.even td { background: #f3f5f7; }
.n { text-align: right; white-space: nowrap; }
table.pos th.n { text-align: right; }
table.sum { width: 50%; margin-left: 50%; margin-top: 10px; }
table.sum td { padding: 4px 6px; }
table.sum tr.grand td { font-weight: bold; border-top: 1px solid #222;
    border-bottom: 3px double #222;
    font-size: 16px; }
p.small { font-size: 13.5px; line-height: 1.4; margin: 16px 0 0 0; }
table.foot { width: 100%; border-top: 1px solid COLOR; font-size: 11.5px; color: #444; }
table.foot td { width: 25%; padding: 6px 8px 0 0; line-height: 1.35; }
"""

HANDWERK_TEXT = {
    "de-DE": {
        "tax": "zzgl. {r} % MwSt.",
        "net": "Nettobetrag",
        "gross": "Rechnungsbetrag",
        "cur": "€",
        "style": "de",
        "pay": "Zahlbar innerhalb von {n} Tagen ohne Abzug bis zum {d}.",
        "greet": "Mit freundlichen Grüßen",
        "attn": "z. Hd.",
        "intro_date": "am",
        "register": "Amtsgericht Dortmund HRB {hr}",
        "vat": "USt-IdNr.: {v}",
        "boss": "Geschäftsführer",
    },
    "de-AT": {
        "tax": "zzgl. {r} % USt.",
        "net": "Summe netto",
        "gross": "Gesamtbetrag",
        "cur": "€",
        "style": "de",
        "pay": "Zahlbar binnen {n} Tagen netto bis {d}.",
        "greet": "Mit freundlichen Grüßen",
        "attn": "z. H.",
        "intro_date": "am",
        "register": "Firmenbuch FN {hr}a, LG Linz",
        "vat": "UID-Nr.: {v}",
        "boss": "Geschäftsführung",
    },
    "de-CH": {
        "tax": "MWST {r} %",
        "net": "Total exkl. MWST",
        "gross": "Total inkl. MWST",
        "cur": "CHF",
        "style": "ch",
        "pay": "Zahlbar innert {n} Tagen netto (bis {d}).",
        "greet": "Freundliche Grüsse",
        "attn": "z.Hd.",
        "intro_date": "vom",
        "register": "Eingetragen im Handelsregister",
        "vat": "MWST-Nr.: {v}",
        "boss": "Geschäftsleitung",
    },
}


def handwerk_rechnung(case: Case, locale: str, page: str) -> str:
    inv, rep, region = case["invoice"], case["service_report"], case["customer"]["region"]
    t = HANDWERK_TEXT[locale]
    style = t["style"]
    issuer, bill_to = inv["issuer"], inv["bill_to"]
    color = _pick(issuer, ["#b5121b", "#0a5c8a", "#2e7d32", "#e07000"], "hw")
    inv_date = day(inv["date"])
    done = wall(rep["completed_at"]).date()
    days = _pick(inv["number"], [10, 14, 14, 30], "hw-days")
    rate = rate_text(inv["tax_rate"], "de" if locale != "de-CH" else "us")
    austrian = locale == "de-AT"

    def d(value: date) -> str:
        return long_date(value, "at") if austrian else numeric_date(value, "dot")

    customer_no = (
        case["customer"]["id"]
        if bill_to == case["customer"]["name"]
        else f"K-{_digits(bill_to, 5, 'kd')}"
    )
    info = [
        ("Rechnungs-Nr.", inv["number"]),
        ("Rechnungsdatum", d(inv_date)),
        ("Kunden-Nr.", customer_no),
        ("Auftrags-Nr.", rep["work_order_id"]),
        ("Ihre Bestellung", inv["po_number"] or "–"),
        ("Leistungsdatum", d(done)),
        ("Bearbeiter/in", contact(issuer + "clerk", region)),
        ("Seite", "1 von 1"),
    ]
    rows = []
    for pos, line in enumerate(inv["lines"], 1):
        code = line["sku"] or {"labor": "L100", "travel": "F100"}.get(line["kind"], "")
        unit = {"labor": "Std.", "travel": "Std.", "part": "Stk."}.get(line["kind"], "psch.")
        rows.append(
            f'<tr class="{"even" if pos % 2 == 0 else "odd"}"><td>{pos}</td><td>{esc(code)}</td>'
            f"<td>{esc(line['description'])}</td>"
            f'<td class="n">{number(line["qty"], style)}</td><td>{unit}</td>'
            f'<td class="n">{number(line["unit_price"], style)}</td>'
            f'<td class="n">{number(line["amount"], style)}</td></tr>'
        )
    cur = t["cur"]

    def total(value: float) -> str:
        return f"CHF {number(value, style)}" if cur == "CHF" else f"{number(value, style)} €"

    extra = ""
    if locale == "de-DE":
        wages = sum(li["amount"] for li in inv["lines"] if is_hourly(li))
        gross_wages = round(wages * (1 + inv["tax_rate"]) + 1e-9, 2)
        extra = (
            '<p class="small">Im Rechnungsbetrag sind Arbeits- und Fahrtkosten im Sinne des '
            f"§ 35a EStG in Höhe von {total(gross_wages)} (inkl. MwSt.) enthalten.</p>"
        )
    info_rows = "".join(f'<tr><td class="k">{esc(k)}:</td><td>{esc(v)}</td></tr>' for k, v in info)
    account, bic = iban(issuer, region)
    intro = (
        "Sehr geehrte Damen und Herren,<br>für die Arbeiten an Ihrer Anlage "
        f"{esc(asset_line(case))} {t['intro_date']} {d(done)} berechnen wir Ihnen:"
    )
    body = f"""
<div class="letterhead"><div class="firm">{esc(issuer)}</div>
<div class="trade">Kälte- und Klimatechnik · Großküchentechnik · Kundendienst</div>
<div class="firm-contact">{lines_br(address(issuer, region))}<br>Tel. {esc(phone(issuer, region))}
 · {esc(email(issuer, region))}</div></div>
<table class="top"><tr>
  <td class="window">
  <div class="sender">{esc(issuer)} · {esc(" · ".join(address(issuer, region)))}</div>
    {esc(bill_to)}<br>{t["attn"]} {esc(contact(bill_to, region))}<br>
    {lines_br(address(bill_to, region))}</td>
  <td class="infoblock">
  <table>{info_rows}</table></td>
</tr></table>
<h1>Rechnung {esc(inv["number"])}</h1>
<p class="intro">{intro}</p>
<table class="pos"><thead><tr><th>Pos.</th><th>Leistungs-Nr.</th><th>Bezeichnung</th>
  <th class="n">Menge</th><th>Einh.</th><th class="n">Einzelpreis {cur}</th>
  <th class="n">Gesamt {cur}</th>
</tr></thead><tbody>{"".join(rows)}</tbody></table>
<table class="sum">
  <tr><td>{t["net"]}</td><td class="n">{total(inv["subtotal"])}</td></tr>
  <tr><td>{t["tax"].format(r=rate)}</td><td class="n">{total(inv["tax"])}</td></tr>
  <tr class="grand"><td>{t["gross"]}</td><td class="n">{total(inv["total"])}</td></tr>
</table>
{extra}
<p class="small">{t["pay"].format(n=days, d=d(inv_date + timedelta(days=days)))}
 Bitte geben Sie bei Zahlung die Rechnungsnummer an.</p>
<p class="small">{t["greet"]}<br>{esc(issuer)}</p>
"""
    boss = contact(issuer + "boss", region)
    foot = f"""<table class="foot"><tr>
<td><b>{esc(issuer)}</b><br>{lines_br(address(issuer, region))}</td>
<td>Tel. {esc(phone(issuer, region))}<br>{esc(email(issuer, region))}<br>
{esc(web(issuer, region))}</td>
<td>Bankverbindung<br>IBAN {esc(account)}<br>BIC {esc(bic)}</td>
<td>{t["boss"]}: {esc(boss)}<br>{esc(t["register"].format(hr=_digits(issuer, 5, "hr")))}<br>
{esc(t["vat"].format(v=vat_id(issuer, region)))}</td></tr></table>"""
    css = HANDWERK_CSS.replace("COLOR", color)
    return document(f"Rechnung {inv['number']}", locale, css, body, page, foot)


# --------------------------------------------------------------------------- devis-facture

DEVIS_CSS = """
body { font-family: "DejaVu Sans", sans-serif; font-size: 14px; color: #1d1d1b; }
table.w { width: 100%; }
td.issuer { width: 55%; line-height: 1.35; font-size: 13px; }
.issuer-name { font-size: 21px; font-weight: bold; color: COLOR; margin: 4px 0 2px 0; }
.metier { font-style: italic; color: #666; margin-bottom: 4px; }
td.docbox { width: 45%; }
.docbox-inner { border: 2px solid COLOR; padding: 10px 14px; }
.doctype { font-size: 28px; font-weight: bold; letter-spacing: 2px; color: COLOR; }
.docno { font-size: 16px; margin-top: 4px; }
table.parties { width: 100%; margin-top: 20px; }
table.parties td.party { width: 48%; }
.box { border: 1px solid #9a9a9a; padding: 8px 12px; min-height: 96px; line-height: 1.35; }
.box .lbl { font-size: 11.5px; text-transform: uppercase; color: #777; margin-bottom: 3px; }
td.gap { width: 4%; }
table.refs { margin-top: 14px; font-size: 13px; }
table.refs td { padding: 1px 18px 1px 0; }
table.items { width: 100%; margin-top: 16px; border: 1px solid #9a9a9a; }
table.items th { background: COLOR; color: #fff; padding: 6px 6px; font-weight: bold;
    text-align: left;
    font-size: 12.5px; }
table.items th.n { text-align: right; }
table.items td { padding: 5px 6px; border-top: 1px solid #dedede; }
table.items tr.lot td { background: #ececec; font-weight: bold; }
table.items tr.sub td { font-style: italic; text-align: right; border-top: 1px solid #bdbdbd; }
.n { text-align: right; white-space: nowrap; }
.ref { font-size: 11.5px; color: #666; }
table.bottom { width: 100%; margin-top: 16px; }
td.recap { width: 52%; padding-right: 24px; }
table.recap { width: 100%; font-size: 12.5px; border: 1px solid #bdbdbd; }
table.recap th { background: #ececec; font-weight: normal; padding: 4px 6px; text-align: right; }
table.recap td { padding: 4px 6px; text-align: right; }
td.tot { width: 48%; }
table.tot { width: 100%; border: 1px solid #9a9a9a; }
table.tot td { padding: 5px 8px; }
table.tot tr.ttc td { font-weight: bold; border-top: 1px solid #9a9a9a; }
table.tot tr.net td { background: COLOR; color: #fff; font-weight: bold; font-size: 16px; }
p.words { margin: 14px 0 0 0; font-size: 13px; }
p.legal { font-size: 11.5px; color: #444; line-height: 1.35; margin: 10px 0 0 0; }
.foot { border-top: 1px solid #9a9a9a; text-align: center; font-size: 11px; color: #555;
    padding-top: 6px; line-height: 1.4; }
"""


def devis_facture(case: Case, locale: str, page: str) -> str:
    inv, rep, region = case["invoice"], case["service_report"], case["customer"]["region"]
    swiss = locale == "fr-CH"
    style = "ch2" if swiss else "fr"
    cur = inv["currency"]
    issuer, bill_to = inv["issuer"], inv["bill_to"]
    color = _pick(issuer, ["#004f9f", "#8c1d40", "#00665e", "#3b3b98"], "devis")
    inv_date = day(inv["date"])
    done = wall(rep["completed_at"]).date()
    asked = wall(rep["reported_at"]).date()

    def d(value: date) -> str:
        return numeric_date(value, "dot" if swiss else "gb")

    def eur(value: float) -> str:
        return f"CHF {number(value, style)}" if cur == "CHF" else f"{number(value, style)} €"

    rate = rate_text(inv["tax_rate"], "fr" if not swiss else "us")
    lots = [
        (
            "Main-d'œuvre et déplacement",
            [li for li in inv["lines"] if li["kind"] in ("labor", "travel", "fee")],
        ),
        ("Fournitures", [li for li in inv["lines"] if li["kind"] == "part"]),
        ("Remises et avoirs", [li for li in inv["lines"] if li["kind"] == "credit"]),
    ]
    rows = []
    lot_no = 0
    for title, items in lots:
        if not items:
            continue
        lot_no += 1
        rows.append(f'<tr class="lot"><td>{lot_no}</td><td colspan="6">{esc(title)}</td></tr>')
        for k, line in enumerate(items, 1):
            ref = f'<div class="ref">Réf. {esc(line["sku"])}</div>' if line["sku"] else ""
            unit = {"labor": "h", "travel": "h", "part": "u"}.get(line["kind"], "forfait")
            rows.append(
                f"<tr><td>{lot_no}.{k}</td><td>{esc(line['description'])}{ref}</td>"
                f'<td class="n">{number(line["qty"], style)}</td><td>{unit}</td>'
                f'<td class="n">{number(line["unit_price"], style)}</td>'
                f'<td class="n">{rate} %</td>'
                f'<td class="n">{number(line["amount"], style)}</td></tr>'
            )
        lot_total = round(sum(li["amount"] for li in items), 2)
        rows.append(
            f'<tr class="sub"><td colspan="6">Sous-total {esc(title.lower())}</td>'
            f'<td class="n">{number(lot_total, style)}</td></tr>'
        )
    quote = f"D{inv_date.year}-{_digits(inv['number'], 4, 'devis')}"
    refs = [
        ("Date d'échéance", d(inv_date + timedelta(days=30))),
        ("Bon d'intervention n°", rep["work_order_id"]),
        ("Date d'intervention", d(done)),
        ("Devis n°", f"{quote} accepté le {d(asked)}"),
    ]
    if inv["po_number"]:
        refs.append(("Votre commande", inv["po_number"]))
    site = site_name(case)
    account, bic = iban(issuer, region)
    if swiss:
        legal = (
            f"Conditions de paiement : 30 jours net. Paiement sur le compte IBAN {account} "
            f"(BIC {bic}) en indiquant le numéro de facture. Merci de votre confiance."
        )
        footer = (
            f"{issuer} – {', '.join(address(issuer, region))} – IDE {vat_id(issuer, region)}"
            " – inscrite au registre du commerce"
        )
    else:
        siren = _digits(issuer, 9, "siren")
        legal = (
            f"Conditions de règlement : à 30 jours date de facture, par virement sur le compte "
            f"IBAN {account} – BIC {bic}. En cas de retard de paiement, une pénalité égale à "
            "trois fois le taux d'intérêt légal sera exigible, ainsi qu'une indemnité "
            "forfaitaire pour frais de recouvrement de 40 €. Pas d'escompte pour paiement "
            "anticipé."
        )
        footer = (
            f"{issuer} – SIRET {siren[:3]} {siren[3:6]} {siren[6:]} 000{siren[-2:]} – "
            f"RCS Lyon B {siren[:3]} {siren[3:6]} {siren[6:]} – TVA intracom. "
            f"{vat_id(issuer, region)} – Code APE 4322B"
        )
    words = amount_in_words(inv["total"], cur, swiss)
    ref_rows = "".join(f"<tr><td>{esc(k)} :</td><td>{esc(v)}</td></tr>" for k, v in refs)
    body = f"""
<table class="w"><tr>
  <td class="issuer">{logo(issuer, color, 42)}<div class="issuer-name">{esc(issuer)}</div>
    <div class="metier">Froid commercial · Climatisation · Cuisines professionnelles</div>
    {lines_br(address(issuer, region))}<br>Tél. {esc(phone(issuer, region))}<br>
    {esc(email(issuer, region, "contact"))}</td>
  <td class="docbox"><div class="docbox-inner"><div class="doctype">FACTURE</div>
    <div class="docno">N° {esc(inv["number"])}</div>
    <div>du {esc(d(inv_date) if swiss else long_date(inv_date, "fr"))}</div></div></td>
</tr></table>
<table class="parties"><tr>
  <td class="party"><div class="box"><div class="lbl">Adresse d'intervention</div>{esc(site)}<br>
    {lines_br(address(site + " site", region))}</div></td>
  <td class="gap"></td>
  <td class="party"><div class="box"><div class="lbl">Client</div><b>{esc(bill_to)}</b><br>
    {lines_br(address(bill_to, region))}</div></td>
</tr></table>
<table class="refs">{ref_rows}</table>
<table class="items"><thead><tr><th>N°</th><th>Désignation</th><th class="n">Qté</th><th>U.</th>
  <th class="n">PU HT ({"CHF" if cur == "CHF" else "€"})</th><th class="n">TVA</th>
  <th class="n">Total HT</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<table class="bottom"><tr>
  <td class="recap"><table class="recap"><tr><th>Taux TVA</th><th>Base HT</th>
  <th>Montant TVA</th></tr>
    <tr><td>{rate} %</td><td>{eur(inv["subtotal"])}</td><td>{eur(inv["tax"])}</td></tr></table>
    <p class="words">Arrêtée la présente facture à la somme de {esc(words)} TTC.</p></td>
  <td class="tot"><table class="tot">
    <tr><td>Total HT</td><td class="n">{eur(inv["subtotal"])}</td></tr>
    <tr><td>TVA {rate} %</td><td class="n">{eur(inv["tax"])}</td></tr>
    <tr class="ttc"><td>Total TTC</td><td class="n">{eur(inv["total"])}</td></tr>
    <tr class="net"><td>Net à payer</td><td class="n">{eur(inv["total"])}</td></tr>
  </table></td>
</tr></table>
<p class="legal">{esc(legal)}</p>
"""
    foot = f'<div class="foot">{esc(footer)}</div>'
    css = DEVIS_CSS.replace("COLOR", color)
    return document(f"Facture {inv['number']}", locale, css, body, page, foot)


# --------------------------------------------------------------------------- Dutch factuur

FACTUUR_CSS = """
body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 15px; color: #333; }
table.w { width: 100%; }
td.klant { width: 55%; padding-top: 150px; line-height: 1.4; }
td.bedrijf { width: 45%; text-align: right; font-size: 13px; line-height: 1.45; color: #555; }
.bedrijf-naam { font-size: 18px; font-weight: bold; color: #222; margin-top: 6px; }
h1 { font-size: 34px; font-weight: normal; color: COLOR; margin: 40px 0 16px 0; }
table.meta td { padding: 2px 28px 2px 0; }
table.meta td.k { color: #777; }
table.regels { width: 100%; margin-top: 28px; }
table.regels th { text-align: left; font-weight: bold; font-size: 13px; color: #777;
    border-bottom: 2px solid COLOR; padding: 6px 6px; }
table.regels td { padding: 8px 6px; border-bottom: 1px solid #e4e4e4; }
.n, table.regels th.n { text-align: right; white-space: nowrap; }
table.totaal { width: 48%; margin-left: 52%; margin-top: 12px; }
table.totaal td { padding: 5px 6px; }
table.totaal tr.eind td { font-weight: bold; font-size: 17px; border-top: 2px solid COLOR; }
p.betaling { margin-top: 34px; line-height: 1.45; }
.foot { font-size: 12px; color: #777; text-align: center; border-top: 1px solid #e4e4e4;
    padding-top: 6px; }
"""


def boekhoud_factuur(case: Case, locale: str, page: str) -> str:
    inv, rep, region = case["invoice"], case["service_report"], case["customer"]["region"]
    issuer, bill_to = inv["issuer"], inv["bill_to"]
    color = _pick(issuer, ["#1a73e8", "#e8590c", "#0b8457", "#6f42c1"], "nl")
    inv_date = day(inv["date"])
    due = inv_date + timedelta(days=_pick(inv["number"], [14, 30], "nl-days"))

    def eur(value: float) -> str:
        return f"€ {number(value, 'nl')}"

    rows = []
    for line in inv["lines"]:
        unit = {"labor": "uur", "travel": "uur", "part": "st."}.get(line["kind"], "x")
        rows.append(
            f"<tr><td>{trimmed(line['qty'], 'nl')} {unit}</td><td>{esc(line['sku'] or '')}</td>"
            f"<td>{esc(line['description'])}</td>"
            f'<td class="n">{eur(line["unit_price"])}</td>'
            f'<td class="n">{rate_text(inv["tax_rate"], "nl")}%</td>'
            f'<td class="n">{eur(line["amount"])}</td></tr>'
        )
    meta = [
        ("Factuurnummer", inv["number"]),
        ("Factuurdatum", long_date(inv_date, "nl")),
        ("Vervaldatum", numeric_date(due, "dash")),
        ("Werkbon", rep["work_order_id"]),
    ]
    if inv["po_number"]:
        meta.append(("Uw referentie", inv["po_number"]))
    account, bic = iban(issuer, region)
    kvk = _digits(issuer, 8, "kvk")
    meta_rows = "".join(f'<tr><td class="k">{esc(k)}</td><td>{esc(v)}</td></tr>' for k, v in meta)
    rate = rate_text(inv["tax_rate"], "nl")
    body = f"""
<table class="w"><tr>
  <td class="klant">{esc(bill_to)}<br>t.a.v. de crediteurenadministratie<br>
    {lines_br(address(bill_to, region))}</td>
  <td class="bedrijf">{logo(issuer, color, 54)}<div class="bedrijf-naam">{esc(issuer)}</div>
    {lines_br(address(issuer, region))}<br>{esc(phone(issuer, region))}<br>
    {esc(email(issuer, region, "administratie"))}<br>
    KvK {kvk}<br>Btw-nr. {esc(vat_id(issuer, region))}<br>IBAN {esc(account)}</td>
</tr></table>
<h1>Factuur</h1>
<table class="meta">{meta_rows}</table>
<table class="regels"><thead><tr><th>Aantal</th><th>Artikel</th><th>Omschrijving</th>
  <th class="n">Stukprijs</th><th class="n">Btw</th><th class="n">Totaal</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<table class="totaal">
  <tr><td>Subtotaal</td><td class="n">{eur(inv["subtotal"])}</td></tr>
  <tr><td>{rate}% btw over {eur(inv["subtotal"])}</td><td class="n">{eur(inv["tax"])}</td></tr>
  <tr class="eind"><td>Totaal</td><td class="n">{eur(inv["total"])}</td></tr>
</table>
<p class="betaling">Wij verzoeken u vriendelijk het totaalbedrag van {eur(inv["total"])} vóór
{numeric_date(due, "dash")} over te maken op rekeningnummer {esc(account)} (BIC {esc(bic)}) t.n.v.
{esc(issuer)} onder vermelding van het factuurnummer {esc(inv["number"])}.</p>
"""
    foot = (
        f'<div class="foot">{esc(issuer)} · KvK {kvk} · Btw-nr. {esc(vat_id(issuer, region))}'
        " · Op al onze diensten zijn onze algemene voorwaarden van toepassing.</div>"
    )
    css = FACTUUR_CSS.replace("COLOR", color)
    return document(f"Factuur {inv['number']}", locale, css, body, page, foot)


# --------------------------------------------------------------------------- FSM work order

SERVICE_TYPES = {
    "en-US": {
        "preventive_maintenance": "Preventive maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency repair",
    },
    "en-GB": {
        "preventive_maintenance": "Preventative maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency call-out",
    },
    "nl": {
        "preventive_maintenance": "Preventief onderhoud",
        "repair": "Reparatie",
        "installation": "Installatie",
        "inspection": "Inspectie",
        "emergency_repair": "Spoedreparatie",
    },
    "de": {
        "preventive_maintenance": "Wartung",
        "repair": "Reparatur",
        "installation": "Installation",
        "inspection": "Inspektion",
        "emergency_repair": "Notdienst",
    },
    "fr": {
        "preventive_maintenance": "Maintenance préventive",
        "repair": "Réparation",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Dépannage d'urgence",
    },
}

FSM_TEXT = {
    "en-US": {
        "title": "Work Order",
        "status": "Completed",
        "customer": "Customer",
        "contact": "Site contact",
        "asset": "Equipment",
        "serial": "Asset ID",
        "job": "Job details",
        "type": "Job type",
        "priority": "Priority",
        "urgent": "Emergency",
        "normal": "Normal",
        "tech": "Technician",
        "timeline": "Timeline",
        "reported": "Call received",
        "dispatched": "Dispatched",
        "arrived": "Arrived on site",
        "completed": "Job completed",
        "time": "Time on job",
        "labor": "Labor",
        "travel": "Travel",
        "total": "Total",
        "checklist": "Checklist",
        "checks": [
            "Risk assessment completed",
            "Equipment isolated (LOTO)",
            "Equipment tested and operational",
            "Work area left clean",
        ],
        "signoff_check": "Customer sign-off obtained",
        "parts": "Parts used",
        "part_no": "Part #",
        "desc": "Description",
        "qty": "Qty",
        "no_parts": "No parts used on this job.",
        "notes": "Technician notes",
        "sign": "Customer sign-off",
        "signed_by": "Signed by {name} · {when}",
        "not_signed": "Not signed",
        "exported": "Exported from FieldPro Mobile · {when}",
        "page": "Page 1 of 1",
        "h": "h",
        "m": "m",
    },
    "en-GB": {
        "title": "Work Order",
        "status": "Completed",
        "customer": "Customer",
        "contact": "Site contact",
        "asset": "Equipment",
        "serial": "Asset ID",
        "job": "Job details",
        "type": "Job type",
        "priority": "Priority",
        "urgent": "Emergency",
        "normal": "Normal",
        "tech": "Engineer",
        "timeline": "Timeline",
        "reported": "Call logged",
        "dispatched": "Dispatched",
        "arrived": "Arrived on site",
        "completed": "Job completed",
        "time": "Time on job",
        "labor": "Labour",
        "travel": "Travel",
        "total": "Total",
        "checklist": "Checklist",
        "checks": [
            "RAMS reviewed on site",
            "Equipment isolated and locked off",
            "Equipment tested and operational",
            "Work area left clean",
        ],
        "signoff_check": "Customer sign-off obtained",
        "parts": "Parts fitted",
        "part_no": "Part no.",
        "desc": "Description",
        "qty": "Qty",
        "no_parts": "No parts fitted on this job.",
        "notes": "Engineer's notes",
        "sign": "Customer sign-off",
        "signed_by": "Signed by {name} · {when}",
        "not_signed": "Not signed",
        "exported": "Exported from FieldPro Mobile · {when}",
        "page": "Page 1 of 1",
        "h": "h",
        "m": "m",
    },
    "nl-NL": {
        "title": "Werkorder",
        "status": "Afgerond",
        "customer": "Klant",
        "contact": "Contactpersoon",
        "asset": "Installatie",
        "serial": "Installatie-ID",
        "job": "Opdracht",
        "type": "Soort opdracht",
        "priority": "Prioriteit",
        "urgent": "Spoed",
        "normal": "Normaal",
        "tech": "Monteur",
        "timeline": "Tijdlijn",
        "reported": "Melding ontvangen",
        "dispatched": "Ingepland",
        "arrived": "Aangekomen op locatie",
        "completed": "Werk afgerond",
        "time": "Tijdsbesteding",
        "labor": "Arbeidstijd",
        "travel": "Reistijd",
        "total": "Totaal",
        "checklist": "Checklist",
        "checks": [
            "LMRA uitgevoerd",
            "Installatie spanningsloos gemaakt",
            "Installatie getest en in bedrijf",
            "Werkplek opgeruimd",
        ],
        "signoff_check": "Afgetekend door klant",
        "parts": "Gebruikte materialen",
        "part_no": "Artikelnr.",
        "desc": "Omschrijving",
        "qty": "Aantal",
        "no_parts": "Geen materialen gebruikt.",
        "notes": "Opmerkingen monteur",
        "sign": "Aftekenen klant",
        "signed_by": "Ondertekend door {name} · {when}",
        "not_signed": "Niet ondertekend",
        "exported": "Geëxporteerd uit FieldPro Mobile · {when}",
        "page": "Pagina 1 van 1",
        "h": "u",
        "m": "m",
    },
}

FSM_CSS = """
body { font-family: "DejaVu Sans", sans-serif; font-size: 14px; color: #1f2933; }
.banner { background: COLOR; color: #fff; padding: 14px 18px; }
.banner table { width: 100%; }
.company { font-size: 19px; font-weight: bold; }
.company-sub { font-size: 12.5px; opacity: 0.85; }
.wo { text-align: right; }
.wo-label { font-size: 12.5px; letter-spacing: 2px; text-transform: uppercase; }
.wo-no { font-size: 24px; font-weight: bold; }
.pill { display: inline-block; background: #e3f6ec; color: #1e7a47; border-radius: 12px;
    padding: 3px 10px 3px 6px; font-size: 13px; font-weight: bold; margin-top: 12px; }
table.cards { width: 100%; margin-top: 12px; border-spacing: 10px 0; border-collapse: separate;
    margin-left: -10px; }
.card { border: 1px solid #d9e2ec; border-radius: 6px; padding: 10px 12px; background: #fff; }
.card h3 { margin: 0 0 6px 0; font-size: 12.5px; text-transform: uppercase; color: #627d98;
    letter-spacing: 1px; }
.kv td { padding: 2px 10px 2px 0; }
.kv td.k { color: #627d98; white-space: nowrap; }
.tl td { padding: 4px 8px 4px 0; }
.tl td.lbl { font-weight: bold; }
.tl td.when { color: #334e68; }
.sec { margin-top: 12px; }
table.parts { width: 100%; }
table.parts th { text-align: left; font-size: 12.5px; color: #627d98;
    border-bottom: 1px solid #d9e2ec;
    padding: 4px 6px; }
table.parts td { padding: 5px 6px; border-bottom: 1px solid #f0f4f8; }
table.parts .q { text-align: right; }
.notes { white-space: normal; line-height: 1.45; }
.signed img.sig { display: block; margin: 4px 0; }
.muted { color: #627d98; }
.foot { font-size: 11.5px; color: #829ab1; border-top: 1px solid #d9e2ec; padding-top: 6px; }
.foot table { width: 100%; }
"""


def fsm_work_order(case: Case, locale: str, page: str) -> str:
    rep, region = case["service_report"], case["customer"]["region"]
    t = FSM_TEXT[locale]
    types = SERVICE_TYPES["nl" if locale == "nl-NL" else locale]
    issuer = report_issuer(case)
    color = _pick(issuer, ["#0b4f6c", "#134e4a", "#3730a3", "#7c2d12"], "fsm")

    def when(moment: datetime) -> str:
        local = moment.replace(tzinfo=None)
        z = zone(region, moment)
        if locale == "en-US":
            return f"{short_en(local.date(), True)} {clock12(local)} {z}"
        if locale == "en-GB":
            return f"{short_en(local.date(), False)} {clock24(local)} {z}"
        return f"{numeric_date(local.date(), 'dash')} {clock24(local)} ({z})"

    reported, arrived, completed = (
        stamp(rep[k]) for k in ("reported_at", "arrived_at", "completed_at")
    )
    dispatched = reported + min(timedelta(minutes=20), (arrived - reported) / 2)
    dispatched = dispatched.replace(second=0, microsecond=0)
    timeline = [
        (t["reported"], reported),
        (t["dispatched"], dispatched),
        (t["arrived"], arrived),
        (t["completed"], completed),
    ]
    signer = contact(case["customer"]["name"], region)
    site = case["customer"]["name"]
    kind = rep["service_type"]
    checks = [(c, True) for c in t["checks"]] + [(t["signoff_check"], rep["customer_signature"])]

    def dur(hours: float) -> str:
        return h_m(hours, t["h"], t["m"])

    if rep["parts"]:
        parts = (
            f'<table class="parts"><tr><th>{t["part_no"]}</th><th>{t["desc"]}</th>'
            f'<th class="q">{t["qty"]}</th></tr>'
            + "".join(
                f"<tr><td>{esc(p['sku'])}</td><td>{esc(p['description'])}</td>"
                f'<td class="q">{trimmed(p["qty"], "nl" if locale == "nl-NL" else "us")}</td></tr>'
                for p in rep["parts"]
            )
            + "</table>"
        )
    else:
        parts = f'<div class="muted">{t["no_parts"]}</div>'
    if rep["customer_signature"]:
        signed_at = completed + timedelta(minutes=4)
        sign = (
            f'<div class="signed">{signature_png(signer + rep["work_order_id"])}'
            f'<div class="muted">{esc(t["signed_by"].format(name=signer, when=when(signed_at)))}'
            "</div></div>"
        )
    else:
        sign = f"<div>{check_icon(False)} {t['not_signed']}</div>"
    notes = esc(rep["notes"].strip()) or "—"
    timeline_rows = "".join(
        f'<tr><td>{check_icon(True)}</td><td class="lbl">{esc(k)}</td>'
        f'<td class="when">{esc(when(v))}</td></tr>'
        for k, v in timeline
    )
    body = f"""
<div class="banner"><table><tr>
  <td><div class="company">{esc(issuer)}</div>
  <div class="company-sub">{esc(phone(issuer, region))} · {esc(web(issuer, region))}</div></td>
  <td class="wo"><div class="wo-label">{t["title"]}</div>
  <div class="wo-no">{esc(rep["work_order_id"])}</div></td>
</tr></table></div>
<div class="pill">{check_icon(True, 14)} {t["status"]}</div>
<table class="cards"><tr>
  <td style="width:36%"><div class="card"><h3>{t["customer"]}</h3><b>{esc(site)}</b><br>
    {lines_br(address(site + " site", region))}<br>
  <span class="muted">{t["contact"]}:</span> {esc(signer)}</div></td>
  <td style="width:30%"><div class="card"><h3>{t["asset"]}</h3>{esc(case["asset"]["model"])}<br>
    <span class="muted">{t["serial"]}:</span> {esc(case["asset"]["id"])}</div></td>
  <td style="width:34%"><div class="card"><h3>{t["job"]}</h3><table class="kv">
    <tr><td class="k">{t["type"]}</td><td>{esc(types[kind])}</td></tr>
    <tr><td class="k">{t["priority"]}</td>
  <td>{t["urgent"] if kind == "emergency_repair" else t["normal"]}</td></tr>
    <tr><td class="k">{t["tech"]}</td><td>{esc(rep["technician"])}</td></tr></table></div></td>
</tr></table>
<table class="cards sec"><tr>
  <td style="width:58%"><div class="card"><h3>{t["timeline"]}</h3><table class="tl">
    {timeline_rows}
  </table></div></td>
  <td style="width:42%"><div class="card"><h3>{t["time"]}</h3><table class="kv">
    <tr><td class="k">{t["labor"]}</td><td>{dur(rep["labor_hours"])}</td></tr>
    <tr><td class="k">{t["travel"]}</td><td>{dur(rep["travel_hours"])}</td></tr>
    <tr><td class="k">{t["total"]}</td><td>{dur(rep["labor_hours"] + rep["travel_hours"])}</td></tr>
  </table></div></td>
</tr></table>
<table class="cards sec"><tr>
  <td style="width:58%"><div class="card"><h3>{t["parts"]}</h3>{parts}</div></td>
  <td style="width:42%"><div class="card"><h3>{t["checklist"]}</h3><table class="tl">
    {"".join(f"<tr><td>{check_icon(ok)}</td><td>{esc(c)}</td></tr>" for c, ok in checks)}
  </table></div></td>
</tr></table>
<table class="cards sec"><tr><td><div class="card"><h3>{t["notes"]}</h3>
  <div class="notes">{notes}</div></div></td></tr></table>
<table class="cards sec"><tr><td><div class="card"><h3>{t["sign"]}</h3>{sign}</div></td></tr>
  </table>
"""
    exported = completed + timedelta(hours=1, minutes=12)
    foot = (
        f'<div class="foot"><table><tr><td>{esc(t["exported"].format(when=when(exported)))}</td>'
        f'<td style="text-align:right">{t["page"]}</td></tr></table></div>'
    )
    css = FSM_CSS.replace("COLOR", color)
    return document(f"{t['title']} {rep['work_order_id']}", locale, css, body, page, foot)


# --------------------------------------------------------------------------- technician time sheet

SHEET_TEXT = {
    "de": {
        "title": "Arbeitsnachweis",
        "sub": "Stundenzettel Kundendienst",
        "no": "Nr.",
        "wo": "Auftrags-Nr.",
        "customer": "Kunde",
        "site": "Einsatzort",
        "asset": "Anlage",
        "tech": "Monteur",
        "type": "Auftragsart",
        "reported": "Auftragseingang",
        "times": "Zeiterfassung",
        "date": "Datum",
        "activity": "Tätigkeit",
        "start": "Ankunft / Beginn",
        "end": "Ende",
        "dur": "Dauer",
        "travel": "Fahrzeit (An- und Abfahrt, pauschal)",
        "labor": "Arbeitszeit vor Ort",
        "sum": "Summe",
        "material": "Material",
        "part_no": "Art.-Nr.",
        "desc": "Bezeichnung",
        "qty": "Menge",
        "unit": "Einheit",
        "piece": "Stk.",
        "no_parts": "Kein Material verbaut.",
        "notes": "Ausgeführte Arbeiten / Bemerkungen",
        "confirm": "Die Arbeiten wurden ordnungsgemäß ausgeführt. Arbeitszeit und Material "
        "werden bestätigt.",
        "sig_tech": "Datum, Unterschrift Monteur",
        "sig_cust": "Datum, Unterschrift Kunde",
        "print": "Name in Druckbuchstaben:",
    },
    "en": {
        "title": "Engineer Time Sheet",
        "sub": "Service & maintenance",
        "no": "Job No.",
        "wo": "Job No.",
        "customer": "Customer",
        "site": "Site",
        "asset": "Equipment",
        "tech": "Engineer",
        "type": "Job type",
        "reported": "Call logged",
        "times": "Time record",
        "date": "Date",
        "activity": "Activity",
        "start": "Arrived / start",
        "end": "Finish",
        "dur": "Hours",
        "travel": "Travel (to and from site)",
        "labor": "Labour on site",
        "sum": "Total hours",
        "material": "Materials",
        "part_no": "Part No.",
        "desc": "Description",
        "qty": "Qty",
        "unit": "Unit",
        "piece": "ea",
        "no_parts": "No materials used.",
        "notes": "Work carried out / remarks",
        "confirm": "I confirm that the work was carried out and the hours and materials shown "
        "above are correct.",
        "sig_tech": "Engineer's signature / date",
        "sig_cust": "Customer's signature / date",
        "print": "Print name:",
    },
}

SHEET_CSS = """
body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 15px; color: #111; }
table.w { width: 100%; }
.firm { font-size: 20px; font-weight: bold; }
.firm-sub { font-size: 12.5px; color: #444; }
.title { text-align: right; }
.title-main { font-size: 26px; font-weight: bold; }
.title-sub { font-size: 13px; color: #444; }
table.grid { width: 100%; margin-top: 16px; border: 1.5px solid #111; }
table.grid td { border: 1px solid #777; padding: 6px 8px; }
table.grid td.k { background: #e8e8e8; width: 20%; font-size: 13px; font-weight: bold; }
.box { font-size: 15px; margin-right: 14px; white-space: nowrap; }
h2 { font-size: 15px; text-transform: uppercase; margin: 18px 0 6px 0; letter-spacing: 0.5px; }
table.rows { width: 100%; border: 1.5px solid #111; }
table.rows th { background: #e8e8e8; border: 1px solid #777; padding: 5px 8px; text-align: left;
    font-size: 13px; }
table.rows td { border: 1px solid #777; padding: 6px 8px; height: 30px; }
table.rows .n { text-align: right; white-space: nowrap; }
table.rows tr.sum td { font-weight: bold; }
.remarks { border: 1.5px solid #111; min-height: 120px; padding: 8px 10px; line-height: 1.45; }
p.confirm { font-size: 13px; margin: 16px 0 8px 0; }
table.sign { width: 100%; margin-top: 6px; }
table.sign td { width: 50%; padding-right: 30px; }
.sigline { border-bottom: 1px solid #111; height: 78px; position: relative; }
.sigline .d { position: absolute; left: 0; bottom: 4px; }
.sigline img.sig, .sigline svg { position: absolute; left: 110px; bottom: 2px; }
.siglabel { font-size: 12px; color: #333; margin-top: 3px; }
.printname { font-size: 13.5px; margin-top: 10px; }
.foot { font-size: 11px; color: #555; border-top: 1px solid #999; padding-top: 5px; }
"""


def time_sheet(case: Case, locale: str, page: str) -> str:
    rep, region = case["service_report"], case["customer"]["region"]
    lang = "en" if locale == "en-GB" else "de"
    t = SHEET_TEXT[lang]
    types = SERVICE_TYPES["en-GB" if lang == "en" else "de"]
    issuer = report_issuer(case)
    site = case["customer"]["name"]
    reported, arrived, completed = (
        wall(rep[k]) for k in ("reported_at", "arrived_at", "completed_at")
    )
    date_style = "gb" if lang == "en" else "dot"
    sep = "." if locale == "de-CH" else ":"

    def d(value: date) -> str:
        return numeric_date(value, date_style)

    def clock(value: datetime) -> str:
        return clock24(value, sep)

    def dur(hours: float) -> str:
        if locale == "de-DE":
            return f"{hm(hours)} Std."
        if locale == "de-AT":
            return f"{number(hours, 'de')} h"
        if locale == "de-CH":
            return f"{number(hours, 'us')} h"
        return number(hours, "us")

    boxes = " ".join(
        f'<span class="box">{"☒" if key == rep["service_type"] else "☐"} {esc(label)}</span>'
        for key, label in types.items()
    )
    uhr = " Uhr" if lang == "de" else ""
    grid = [
        (t["wo"], f"<b>{esc(rep['work_order_id'])}</b>"),
        (t["customer"], esc(site)),
        (t["site"], esc(", ".join(address(site + " site", region)))),
        (t["asset"], esc(asset_line(case))),
        (t["tech"], esc(rep["technician"])),
        (t["type"], boxes),
        (t["reported"], f"{d(reported.date())}, {clock(reported)}{uhr}"),
    ]
    end = (
        clock(completed)
        if completed.date() == arrived.date()
        else f"{d(completed.date())} {clock(completed)}"
    )
    rows = [
        (d(arrived.date()), t["travel"], "–", "–", dur(rep["travel_hours"])),
        (d(arrived.date()), t["labor"], clock(arrived), end, dur(rep["labor_hours"])),
    ]
    times = "".join(
        f"<tr><td>{a}</td><td>{esc(b)}</td><td>{c}</td><td>{e}</td><td class='n'>{f}</td></tr>"
        for a, b, c, e, f in rows
    ) + (
        f"<tr class='sum'><td colspan='4'>{t['sum']}</td>"
        f"<td class='n'>{dur(rep['labor_hours'] + rep['travel_hours'])}</td></tr>"
    )
    qty_style = "us" if lang == "en" or locale == "de-CH" else "de"
    if rep["parts"]:
        material = "".join(
            f"<tr><td>{esc(p['sku'])}</td><td>{esc(p['description'])}</td>"
            f"<td class='n'>{trimmed(p['qty'], qty_style)}</td><td>{t['piece']}</td></tr>"
            for p in rep["parts"]
        )
    else:
        material = f"<tr><td colspan='4'>{t['no_parts']}</td></tr>"
    day_done = d(completed.date())
    tech_sig = signature_png("tech" + rep["technician"], 180, 56)
    grid_rows = "".join(f'<tr><td class="k">{esc(k)}</td><td>{v}</td></tr>' for k, v in grid)
    if rep["customer_signature"]:
        signer = contact(site, region)
        cust_sig = (
            f'<span class="d">{day_done}</span>'
            f"{signature_png(signer + rep['work_order_id'], 200, 60)}"
        )
        printed = esc(signer)
    else:
        cust_sig, printed = "", ""
    body = f"""
<table class="w"><tr>
  <td><div class="firm">{esc(issuer)}</div>
  <div class="firm-sub">{esc(", ".join(address(issuer, region)))}
    · {esc(phone(issuer, region))}</div></td>
  <td class="title"><div class="title-main">{t["title"]}</div><div class="title-sub">{t["sub"]}
    · {t["no"]} {esc(rep["work_order_id"])}</div></td>
</tr></table>
<table class="grid">{grid_rows}</table>
<h2>{t["times"]}</h2>
<table class="rows"><tr><th style="width:16%">{t["date"]}</th><th>{t["activity"]}</th>
  <th style="width:16%">{t["start"]}</th><th style="width:18%">{t["end"]}</th>
  <th style="width:12%" class="n">{t["dur"]}</th></tr>{times}</table>
<h2>{t["material"]}</h2>
<table class="rows"><tr><th style="width:18%">{t["part_no"]}</th><th>{t["desc"]}</th>
  <th style="width:12%" class="n">{t["qty"]}</th><th style="width:12%">{t["unit"]}</th>
  </tr>{material}</table>
<h2>{t["notes"]}</h2>
<div class="remarks">{esc(rep["notes"].strip())}</div>
<p class="confirm">{t["confirm"]}</p>
<table class="sign"><tr>
  <td><div class="sigline"><span class="d">{day_done}</span>{tech_sig}</div>
    <div class="siglabel">{t["sig_tech"]}</div>
    <div class="printname">{t["print"]} {esc(rep["technician"])}</div></td>
  <td><div class="sigline">{cust_sig}</div><div class="siglabel">{t["sig_cust"]}</div>
    <div class="printname">{t["print"]} {printed}</div></td>
</tr></table>
"""
    foot = (
        f'<div class="foot">{esc(issuer)} · {esc(web(issuer, region))} · '
        f"{esc(email(issuer, region, 'service'))}</div>"
    )
    return document(f"{t['title']} {rep['work_order_id']}", locale, SHEET_CSS, body, page, foot)


# --------------------------------------------------------------------------- two-column report

TWO_COL_TEXT = {
    "fr": {
        "title": "Rapport d'intervention",
        "no": "N°",
        "client": "Client",
        "contact": "Contact",
        "equipment": "Équipement",
        "model": "Modèle",
        "asset": "N° d'équipement",
        "installed": "Mise en service",
        "warranty": "Fin de garantie",
        "intervention": "Intervention",
        "type": "Type",
        "tech": "Technicien",
        "reported": "Demande reçue le",
        "arrived": "Arrivée sur site",
        "completed": "Fin d'intervention",
        "labor": "Main-d'œuvre",
        "travel": "Déplacement",
        "notes": "Travaux réalisés",
        "parts": "Pièces remplacées",
        "ref": "Réf.",
        "desc": "Désignation",
        "qty": "Qté",
        "no_parts": "Aucune pièce remplacée.",
        "sig_tech": "Le technicien",
        "sig_cust": "Le client",
        "agree": "Bon pour accord",
        "name": "Nom :",
        "unsigned": "Non signé",
    },
    "en": {
        "title": "Service Report",
        "no": "No.",
        "client": "Customer",
        "contact": "Contact",
        "equipment": "Equipment",
        "model": "Model",
        "asset": "Asset ID",
        "installed": "Installed",
        "warranty": "Warranty ends",
        "intervention": "Service call",
        "type": "Type",
        "tech": "Technician",
        "reported": "Call received",
        "arrived": "Arrived on site",
        "completed": "Work completed",
        "labor": "Labor hours",
        "travel": "Travel hours",
        "notes": "Work performed",
        "parts": "Parts replaced",
        "ref": "Part No.",
        "desc": "Description",
        "qty": "Qty",
        "no_parts": "No parts replaced.",
        "sig_tech": "Technician",
        "sig_cust": "Customer",
        "agree": "Work accepted",
        "name": "Name:",
        "unsigned": "Not signed",
    },
}

TWO_COL_CSS = """
body { font-family: "DejaVu Sans", sans-serif; font-size: 14px; color: #222; }
table.w { width: 100%; }
.firm { font-size: 19px; font-weight: bold; color: COLOR; }
.firm-sub { font-size: 12px; color: #555; line-height: 1.35; }
.head-right { text-align: right; }
.doc-title { font-size: 22px; text-transform: uppercase; font-weight: bold; letter-spacing: 1px; }
.doc-no { font-size: 16px; margin-top: 4px; }
.bar { height: 4px; background: COLOR; margin: 10px 0 14px 0; }
.col { width: 48.5%; }
.left { float: left; }
.right { float: right; }
.panel { border: 1px solid #c8c8c8; margin-bottom: 12px; }
.panel h3 { margin: 0; background: #f0f0f0; border-bottom: 1px solid #c8c8c8; font-size: 13px;
    text-transform: uppercase; padding: 5px 8px; color: COLOR; }
.panel table { width: 100%; }
.panel td { padding: 4px 8px; }
.panel td.k { color: #666; width: 44%; }
.panel .body { padding: 8px; line-height: 1.45; }
table.pp { width: 100%; }
table.pp th { text-align: left; font-size: 12.5px; color: #666; border-bottom: 1px solid #c8c8c8;
    padding: 4px 8px; font-weight: normal; }
table.pp td { padding: 4px 8px; border-bottom: 1px solid #eee; }
.sigbox { height: 120px; padding: 8px; }
.sigbox .who { font-size: 13px; margin-top: 4px; }
.unsigned { color: #999; font-style: italic; padding-top: 30px; text-align: center; }
.foot { font-size: 11px; color: #666; text-align: center; border-top: 1px solid #c8c8c8;
    padding-top: 5px; }
"""


def service_report_2col(case: Case, locale: str, page: str) -> str:
    rep, region = case["service_report"], case["customer"]["region"]
    lang = "en" if locale == "en-US" else "fr"
    t = TWO_COL_TEXT[lang]
    types = SERVICE_TYPES["en-US" if lang == "en" else "fr"]
    issuer = report_issuer(case)
    color = _pick(issuer, ["#005a8c", "#b03a2e", "#2f6f3e", "#4a3f8c"], "2col")
    site = case["customer"]["name"]
    swiss = locale == "fr-CH"

    def d(value: date) -> str:
        return numeric_date(value, "us" if lang == "en" else "dot" if swiss else "gb")

    def when(iso: str) -> str:
        w = wall(iso)
        if lang == "en":
            return f"{d(w.date())} {clock12(w)}"
        return f"{d(w.date())} à {clock24(w) if swiss else fr_clock(w)}"

    def dur(hours: float) -> str:
        return f"{trimmed(hours, 'us', 2)} hrs" if lang == "en" else f"{trimmed(hours, 'fr', 2)} h"

    asset = case["asset"]
    left_rows = [
        (
            "client",
            [
                (None, f"<b>{esc(site)}</b><br>{lines_br(address(site + ' site', region))}"),
                (t["contact"], esc(contact(site, region))),
            ],
        ),
        (
            "equipment",
            [
                (t["model"], esc(asset["model"])),
                (t["asset"], esc(asset["id"])),
                (t["installed"], d(day(asset["install_date"]))),
                (t["warranty"], d(day(asset["warranty_end"]))),
            ],
        ),
    ]
    right_rows = [
        (t["type"], esc(types[rep["service_type"]])),
        (t["tech"], esc(rep["technician"])),
        (t["reported"], when(rep["reported_at"])),
        (t["arrived"], when(rep["arrived_at"])),
        (t["completed"], when(rep["completed_at"])),
        (t["labor"], dur(rep["labor_hours"])),
        (t["travel"], dur(rep["travel_hours"])),
    ]

    def kv(rows: list[tuple[str | None, str]]) -> str:
        return (
            "<table>"
            + "".join(
                f'<tr><td colspan="2">{v}</td></tr>'
                if k is None
                else f'<tr><td class="k">{esc(k)}</td><td>{v}</td></tr>'
                for k, v in rows
            )
            + "</table>"
        )

    left = "".join(
        f'<div class="panel"><h3>{t[key]}</h3>{kv(rows)}</div>' for key, rows in left_rows
    )
    right = f'<div class="panel"><h3>{t["intervention"]}</h3>{kv(right_rows)}</div>'
    if rep["parts"]:
        parts = (
            f'<table class="pp"><tr><th>{t["ref"]}</th><th>{t["desc"]}</th><th>{t["qty"]}</th></tr>'
            + "".join(
                f"<tr><td>{esc(p['sku'])}</td><td>{esc(p['description'])}</td>"
                f"<td>{trimmed(p['qty'], 'us' if lang == 'en' else 'fr')}</td></tr>"
                for p in rep["parts"]
            )
            + "</table>"
        )
    else:
        parts = f'<div class="body">{t["no_parts"]}</div>'
    tech_sig = signature_svg("tech2" + rep["technician"], 200, 60, "#222")
    if rep["customer_signature"]:
        signer = contact(site, region)
        cust = (
            f"<div>{t['agree']}</div>{signature_svg(signer + rep['work_order_id'], 220, 64)}"
            f'<div class="who">{t["name"]} {esc(signer)}</div>'
        )
    else:
        cust = f'<div class="unsigned">{t["unsigned"]}</div>'
    body = f"""
<table class="w"><tr>
  <td>{logo(issuer, color, 40)}<div class="firm">{esc(issuer)}</div>
    <div class="firm-sub">{esc(", ".join(address(issuer, region)))}<br>
    {esc(phone(issuer, region))} · {esc(email(issuer, region, "service"))}</div></td>
  <td class="head-right"><div class="doc-title">{t["title"]}</div>
    <div class="doc-no">{t["no"]} {esc(rep["work_order_id"])}</div></td>
</tr></table>
<div class="bar"></div>
<div class="col left">{left}</div>
<div class="col right">{right}</div>
<div class="clear"></div>
<div class="panel"><h3>{t["notes"]}</h3><div class="body">{esc(rep["notes"].strip())}&nbsp;</div>
  </div>
<div class="panel"><h3>{t["parts"]}</h3>{parts}</div>
<div class="col left"><div class="panel"><h3>{t["sig_tech"]}</h3><div class="sigbox">{tech_sig}
  <div class="who">{t["name"]} {esc(rep["technician"])}</div></div></div></div>
<div class="col right"><div class="panel"><h3>{t["sig_cust"]}</h3>
  <div class="sigbox">{cust}</div></div></div>
<div class="clear"></div>
"""
    foot = f'<div class="foot">{esc(issuer)} · {esc(web(issuer, region))}</div>'
    css = TWO_COL_CSS.replace("COLOR", color)
    return document(f"{t['title']} {rep['work_order_id']}", locale, css, body, page, foot)


# --------------------------------------------------------------------------- Odoo FSM worksheet

WORKSHEET_TEXT = {
    "nl": {
        "title": "Werkblad",
        "customer": "Klant",
        "project": "Project",
        "project_name": "Buitendienst",
        "assignee": "Toegewezen aan",
        "planned": "Geplande datum",
        "type": "Soort interventie",
        "asset": "Installatie",
        "reported": "Melding ontvangen",
        "arrived": "Aankomst",
        "completed": "Afgerond",
        "timesheets": "Urenstaten",
        "date": "Datum",
        "employee": "Werknemer",
        "desc": "Omschrijving",
        "hours": "Bestede uren",
        "travel": "Reistijd",
        "labor": "Werkzaamheden op locatie",
        "total": "Totaal",
        "products": "Producten",
        "product": "Product",
        "qty": "Hoeveelheid",
        "units": "Stuks",
        "comments": "Opmerkingen",
        "signature": "Handtekening klant",
        "signed_by": "Ondertekend door",
        "page": "Pagina:",
    },
    "de": {
        "title": "Arbeitsschein",
        "customer": "Kunde",
        "project": "Projekt",
        "project_name": "Kundendienst",
        "assignee": "Zugewiesen an",
        "planned": "Geplantes Datum",
        "type": "Einsatzart",
        "asset": "Anlage",
        "reported": "Gemeldet am",
        "arrived": "Ankunft",
        "completed": "Abgeschlossen",
        "timesheets": "Zeiterfassung",
        "date": "Datum",
        "employee": "Mitarbeiter",
        "desc": "Beschreibung",
        "hours": "Aufgewendete Stunden",
        "travel": "Anfahrt",
        "labor": "Arbeiten vor Ort",
        "total": "Gesamt",
        "products": "Produkte",
        "product": "Produkt",
        "qty": "Menge",
        "units": "Stück",
        "comments": "Bemerkungen",
        "signature": "Unterschrift Kunde",
        "signed_by": "Unterschrieben von",
        "page": "Seite:",
    },
    "fr": {
        "title": "Fiche d'intervention",
        "customer": "Client",
        "project": "Projet",
        "project_name": "Service sur site",
        "assignee": "Assigné à",
        "planned": "Date planifiée",
        "type": "Type d'intervention",
        "asset": "Équipement",
        "reported": "Signalé le",
        "arrived": "Arrivée",
        "completed": "Terminé le",
        "timesheets": "Feuilles de temps",
        "date": "Date",
        "employee": "Employé",
        "desc": "Description",
        "hours": "Heures passées",
        "travel": "Déplacement",
        "labor": "Travaux sur site",
        "total": "Total",
        "products": "Produits",
        "product": "Produit",
        "qty": "Quantité",
        "units": "Unité(s)",
        "comments": "Commentaires",
        "signature": "Signature du client",
        "signed_by": "Signé par",
        "page": "Page :",
    },
}

WORKSHEET_CSS = """
body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 15px; color: #212529; }
table.w { width: 100%; }
.o_boxed_header { border-bottom: 1px solid #ced4da; padding-bottom: 8px; margin-bottom: 16px; }
.o_boxed_header .company { text-align: right; font-size: 13.5px; line-height: 1.35; }
.o_boxed_header h4 { margin: 0 0 2px 0; font-size: 17px; }
h2 { font-size: 26px; font-weight: normal; margin: 6px 0 18px 0; }
h3 { font-size: 18px; font-weight: normal; margin: 22px 0 8px 0; border-bottom: 1px solid #ced4da;
    padding-bottom: 4px; }
td.half { width: 50%; padding-right: 20px; }
table.kv td { padding: 2px 14px 2px 0; }
table.kv td.k { font-weight: bold; white-space: nowrap; }
table.o_table { width: 100%; }
table.o_table th { text-align: left; border-bottom: 2px solid #212529; padding: 5px 6px; }
table.o_table td { border-top: 1px solid #dee2e6; padding: 6px 6px; }
table.o_table .r { text-align: right; white-space: nowrap; }
table.o_table tr.total td { font-weight: bold; border-top: 2px solid #212529; }
.comments { line-height: 1.45; min-height: 24px; }
.signature img.sig { display: block; margin: 6px 0 4px 0; border-bottom: 1px solid #ced4da; }
.foot { border-top: 1px solid #ced4da; text-align: center; font-size: 12.5px; color: #495057;
    padding-top: 6px; line-height: 1.5; }
"""


def odoo_worksheet(case: Case, locale: str, page: str) -> str:
    rep, region = case["service_report"], case["customer"]["region"]
    lang = locale[:2]
    t = WORKSHEET_TEXT[lang]
    types = SERVICE_TYPES[lang]
    style = {"nl": "nl", "de": "de", "fr": "fr"}[lang]
    date_style = {"nl": "dash", "de": "dot", "fr": "gb"}[lang]
    issuer = report_issuer(case)
    site = case["customer"]["name"]
    reported, arrived, completed = (
        wall(rep[k]) for k in ("reported_at", "arrived_at", "completed_at")
    )
    planned = max(reported, arrived.replace(minute=0))

    def dt(value: datetime) -> str:
        return f"{numeric_date(value.date(), date_style)} {value:%H:%M:%S}"

    left = [
        (
            t["customer"],
            f"{esc(site)}<br>{lines_br(address(site + ' site', region))}<br>"
            f"{esc(phone(site, region))}",
        ),
        (t["asset"], esc(asset_line(case))),
        (t["type"], esc(types[rep["service_type"]])),
    ]
    right = [
        (t["project"], t["project_name"]),
        (t["assignee"], esc(rep["technician"])),
        (t["planned"], dt(planned)),
        (t["reported"], dt(reported)),
        (t["arrived"], dt(arrived)),
        (t["completed"], dt(completed)),
    ]

    def kv(rows: list[tuple[str, str]]) -> str:
        return (
            '<table class="kv">'
            + "".join(f'<tr><td class="k">{esc(k)}:</td><td>{v}</td></tr>' for k, v in rows)
            + "</table>"
        )

    day_text = numeric_date(arrived.date(), date_style)
    sheet_rows = [(t["travel"], rep["travel_hours"]), (t["labor"], rep["labor_hours"])]
    timesheets = "".join(
        f"<tr><td>{day_text}</td><td>{esc(rep['technician'])}</td><td>{esc(desc)}</td>"
        f'<td class="r">{hm(hours, pad=True)}</td></tr>'
        for desc, hours in sheet_rows
    ) + (
        f'<tr class="total"><td colspan="3">{t["total"]}</td>'
        f'<td class="r">{hm(rep["travel_hours"] + rep["labor_hours"], pad=True)}</td></tr>'
    )
    products = ""
    if rep["parts"]:
        products = (
            f'<h3>{t["products"]}</h3><table class="o_table"><thead><tr><th>{t["product"]}</th>'
            f'<th class="r">{t["qty"]}</th></tr></thead><tbody>'
            + "".join(
                f"<tr><td>[{esc(p['sku'])}] {esc(p['description'])}</td>"
                f'<td class="r">{number(p["qty"], style)} {t["units"]}</td></tr>'
                for p in rep["parts"]
            )
            + "</tbody></table>"
        )
    signature = ""
    if rep["customer_signature"]:
        signer = contact(site, region)
        signature = (
            f'<h3>{t["signature"]}</h3><div class="signature">'
            f"{signature_png(signer + rep['work_order_id'], 230, 66)}"
            f"<div>{t['signed_by']}: {esc(signer)}</div></div>"
        )
    color = _pick(issuer, ["#714B67", "#017E84", "#1F4E79"], "ws")
    body = f"""
<div class="o_boxed_header"><table class="w"><tr>
  <td>{logo(issuer, color, 50)}</td>
  <td class="company"><h4>{esc(issuer)}</h4>{lines_br(address(issuer, region))}</td>
</tr></table></div>
<h2>{t["title"]} {esc(rep["work_order_id"])}</h2>
<table class="w"><tr><td class="half">{kv(left)}</td><td class="half">{kv(right)}</td></tr></table>
<h3>{t["timesheets"]}</h3>
<table class="o_table"><thead><tr><th>{t["date"]}</th><th>{t["employee"]}</th><th>{t["desc"]}</th>
  <th class="r">{t["hours"]}</th></tr></thead><tbody>{timesheets}</tbody></table>
{products}
<h3>{t["comments"]}</h3><div class="comments">{esc(rep["notes"].strip())}</div>
{signature}
"""
    foot = (
        f'<div class="foot">{esc(phone(issuer, region))} &nbsp;|&nbsp; {esc(email(issuer, region))}'
        f" &nbsp;|&nbsp; {esc(web(issuer, region))}<br>{t['page']} 1 / 1</div>"
    )
    return document(f"{t['title']} {rep['work_order_id']}", locale, WORKSHEET_CSS, body, page, foot)


# --------------------------------------------------------------------------- registry and rendering


@dataclass(frozen=True)
class WkhtmlLayout:
    name: str
    doc_type: str  # "invoice" or "service_report"
    locales: dict[str, str]  # region served -> locale it prints in
    build: Callable[[Case, str, str], str]  # (case, locale, page size) -> HTML
    prints_zone: bool = False  # timestamps printed with a time zone: truth keeps the offset

    def serves(self, region: str) -> bool:
        return region in self.locales

    def locale(self, region: str) -> str:
        return self.locales[region]


def _regions(locale: str, *regions: str) -> dict[str, str]:
    return dict.fromkeys(regions, locale)


LAYOUTS: list[WkhtmlLayout] = [
    WkhtmlLayout(
        "odoo_invoice",
        "invoice",
        {
            **_regions("en-US", *US_REGIONS),
            "GB": "en-GB",
            "DE": "de-DE",
            "AT": "de-AT",
            "NL": "nl-NL",
            "FR": "fr-FR",
        },
        odoo_invoice,
    ),
    WkhtmlLayout(
        "woo_invoice", "invoice", {**_regions("en-US", *US_REGIONS), "GB": "en-GB"}, woo_invoice
    ),
    WkhtmlLayout(
        "handwerk_rechnung",
        "invoice",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH"},
        handwerk_rechnung,
    ),
    WkhtmlLayout("devis_facture", "invoice", {"FR": "fr-FR", "CH": "fr-CH"}, devis_facture),
    WkhtmlLayout("boekhoud_factuur", "invoice", {"NL": "nl-NL"}, boekhoud_factuur),
    WkhtmlLayout(
        "fsm_work_order",
        "service_report",
        {**_regions("en-US", *US_REGIONS), "GB": "en-GB", "NL": "nl-NL"},
        fsm_work_order,
        prints_zone=True,
    ),
    WkhtmlLayout(
        "time_sheet",
        "service_report",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH", "GB": "en-GB"},
        time_sheet,
    ),
    WkhtmlLayout(
        "service_report_2col",
        "service_report",
        {"FR": "fr-FR", "CH": "fr-CH", **_regions("en-US", *US_REGIONS)},
        service_report_2col,
    ),
    WkhtmlLayout(
        "odoo_worksheet",
        "service_report",
        {"NL": "nl-NL", "DE": "de-DE", "AT": "de-AT", "FR": "fr-FR"},
        odoo_worksheet,
    ),
]


def _wkhtmltopdf() -> str | None:
    return shutil.which("wkhtmltopdf")


def available() -> bool:
    """Whether the ``wkhtmltopdf`` executable is on the PATH."""
    return _wkhtmltopdf() is not None


def _print_pdf(
    exe: str, source: Path, target: Path, page: str, title: str, env: dict[str, str]
) -> None:
    command = [
        exe,
        "--quiet",
        "--encoding",
        "utf-8",
        "--page-size",
        page,
        "--margin-top",
        "12mm",
        "--margin-bottom",
        "12mm",
        "--margin-left",
        "15mm",
        "--margin-right",
        "15mm",
        "--disable-javascript",
        "--disable-external-links",  # ignored (with a warning) by the unpatched-Qt build
        "--title",
        title,
        str(source),
        str(target),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=180, check=False
    )
    if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise RuntimeError(f"wkhtmltopdf failed on {source.name}: {done.stderr.strip()[-400:]}")


def render_all(out_dir: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Render every case's report and invoice into ``out_dir``; write and return the truth."""
    exe = _wkhtmltopdf()
    if exe is None:
        raise RuntimeError("wkhtml layouts need wkhtmltopdf: run scripts/bench-setup.sh")
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="wkhtml_layouts_") as tmp:
        root = Path(tmp)
        env = {**os.environ, "XDG_RUNTIME_DIR": str(root)}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")  # no X server needed
        jobs = []
        for case, layout in rotate(cases or load_cases(), LAYOUTS):
            region = case["customer"]["region"]
            locale = layout.locale(region)
            record = document_record(case, layout.doc_type, layout.name, locale, layout.prints_zone)
            target = out_dir / record["file"]
            target.unlink(missing_ok=True)
            page = "Letter" if region in US_REGIONS else "A4"
            source = root / f"{target.stem}.html"
            markup = layout.build(case, locale, page)
            source.write_text(markup, encoding="utf-8")
            title = markup.split("<title>", 1)[1].split("</title>", 1)[0]
            jobs.append((source, target, page, html.unescape(title)))
            records.append(record)
        workers = max(2, min(6, (os.cpu_count() or 2) + 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in [pool.submit(_print_pdf, exe, *job, env) for job in jobs]:
                future.result()
    write_truth(out_dir, records)
    return records


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="wkhtml_pdfs_"))
    records = render_all(out)
    print(f"wrote {len(records)} PDFs and truth.jsonl to {out}")


if __name__ == "__main__":
    main()
