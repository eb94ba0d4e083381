"""Invoices and service reports drawn with ReportLab for the independent extraction benchmark.

A seventh producer: ReportLab, the PDF library inside many Python ERPs, Django and Flask
billing apps and in-house reporting scripts. Both ways such software uses it appear here:
``platypus`` flowables (SimpleDocTemplate, Table with TableStyle grids, Paragraph, tables
that break over pages and repeat their header with ``repeatRows``), and raw ``canvas``
drawing with ``drawString``/``drawRightString`` at fixed coordinates, as ERP and billing
systems print their pre-designed forms. Page numbers are "Page 1 of 2" style (a counting
pass first), watermarks ("COPY", "KOPIE", "DUPLICATA", "CUSTOMER COPY") are drawn
diagonally in light grey, signatures are bezier paths drawn only when the customer signed.

Eight layouts, four invoices and four service reports, each with its own label wording,
language, date, time, number and currency style:

- ``ledger_invoice`` (US, GB): a Python billing app's invoice (platypus): letterhead and
  INVOICE title, bill-to and service-location blocks beside a grid of invoice facts, an
  item table with a navy header and zebra rows (US: Item column holding the part number
  or the service item; GB: Odoo-style ``[P-1234] Description`` and a VAT column),
  right-aligned totals box with the currency code, remittance text, "COPY" on disputed
  invoices, small-print footer with "Page 1 of 1". US: 03/04/2026, $1,234.56; GB:
  04/03/2026, £1,234.56, "VAT @ 20%".
- ``sap_rechnung`` (DE, AT): a dense SAP-style German "Rechnung" drawn on the canvas:
  fold and punch marks, sender line over the address window, a box of document facts
  (Rechnungsnummer, Kundennummer, Ihre Bestellnummer left blank when there is none,
  Serviceauftrag, Leistungsdatum), positions numbered 10, 20, 30 with material numbers,
  quantities to three decimals (``3,500 Std``), item texts under labour lines, credits
  with SAP's trailing minus (``45,00-``), a four-column legal footer. The Austrian
  variant prints "Wien, am 15. Jänner 2026", "USt" and "UID-Nr.".
- ``qr_rechnung`` (CH): a Swiss German "Rechnung" with the address window on the right,
  1'234.50 amounts, "MWST 8.1 %", and a Swiss QR-bill payment part (Empfangsschein and
  Zahlteil, a real SPC QR code with the Swiss cross, QR reference, "1 234.50" amounts)
  below a perforation line.
- ``utility_bill`` (NL, FR, CH, GB): a two-page utility-style bill: page one is the
  summary (amount to pay in a big box, due date, a "bill at a glance" table of charges
  by category, totals, payment text), page two the detail table; localised as a Dutch
  "Factuur" (15 januari 2026, € 1.234,56, "Btw 21%"), a French "Facture" (1 234,56 €,
  Total HT / TVA / Total TTC, legal mentions), a Swiss French one (CHF 1'234.50) and a
  British "Your bill" (£1,234.56).
- ``us_work_order`` (US): a pre-printed US work order form drawn on the canvas: Code 128
  barcode of the work order number, boxed fields, a service-times table in 12-hour
  clock with the time zone (8:00 AM CST), labor/travel hours boxes, ruled work-performed
  box, ruled parts rows, customer signature line with a drawn signature or the
  "Customer not available to sign" box ticked; "CUSTOMER COPY" watermark on some.
- ``gb_job_sheet`` (GB): a UK engineer's job sheet: details grid, "Type of work" tick
  boxes drawn as rectangles with an X in the ticked one, times in 24-hour clock with
  dd/mm/yyyy dates, ruled "Work carried out" lines, materials table, safety checks with
  drawn ticks, customer sign-off with print name, signature and date.
- ``servicebericht`` (DE, AT, CH): a German field-service app's "Servicebericht"
  (platypus, DejaVu Sans): key/value grid, time table (``08:00 Uhr``), a "Prüfprotokoll"
  checklist table that runs over to page two with its header repeated, work text,
  material table, signature boxes; "Seite 1 von 2" footer. Swiss: 3.50 Std.
- ``bon_intervention`` (FR, CH, NL): a French "Bon d'intervention" (08h30, 2 h 15) or
  Dutch "Werkbon" (08:30, 2,25 uur) drawn on the canvas with a coloured band, client and
  intervention panels, report box, parts table, technician and customer signature boxes
  ("Lu et approuvé").

They were designed from DOMAIN.md and real issuers' conventions alone, by someone who
never looked at the project's extractor, its simulator's renderer or the other independent
layout families; only the shared case helpers of ``bench/independent/layouts.py`` are
reused, so the truth records have the same shape. Every truth field is printed in full;
a field whose truth is null is left empty (or its row left out), never filled with a
placeholder word. Rendering is deterministic (``invariant=1``).

Run: ``python -m bench.independent.reportlab_layouts OUT_DIR`` (needs the ``reportlab``
package: ``scripts/bench-setup.sh`` installs it).
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from bench.independent.layouts import Case, document_record, load_cases, rotate, write_truth

try:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode import code128, qr
    from reportlab.graphics.shapes import Drawing
    from reportlab.graphics.shapes import Path as ShapePath
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )
except ImportError:  # scripts/bench-setup.sh installs reportlab; available() reports it
    HAVE_REPORTLAB = False
else:
    HAVE_REPORTLAB = True

MM = 72 / 25.4
US_REGIONS = ("US-NY", "US-TX", "US-CA")
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
]

# --------------------------------------------------------------------------- formatting


def _h(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12], 16)


def _pick(options: list[Any], *key: object) -> Any:
    return options[_h(*key) % len(options)]


def _digits(n: int, *key: object) -> str:
    return "".join(str(int(c, 16) % 10) for c in hashlib.sha256(repr(key).encode()).hexdigest())[:n]


SEPARATORS = {  # thousands, decimal
    "us": (",", "."),
    "de": (".", ","),
    "ch": ("'", "."),
    "fr": ("\u00a0", ","),
    "qr": (" ", "."),
}


def amount(value: float, style: str, places: int = 2) -> str:
    group, point = SEPARATORS[style]
    text = f"{abs(value):,.{places}f}".replace(",", "\0").replace(".", point)
    return ("-" if round(value, places) < 0 else "") + text.replace("\0", group)


def number(value: float, point: str = ".", places: int | None = None) -> str:
    """A quantity: as few decimals as it needs, or exactly ``places``."""
    text = f"{value:.4f}".rstrip("0").rstrip(".") if places is None else f"{value:.{places}f}"
    return text.replace(".", point)


def rate_pct(rate: float, point: str = ".", places: int = 0) -> str:
    whole, _, frac = f"{rate * 100:.4f}".rstrip("0").partition(".")
    frac = frac.ljust(places, "0")
    return whole + (point + frac if frac else "")


def day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def wall(iso: str) -> datetime:
    """Local wall-clock time as the issuer prints it (the offset dropped)."""
    return datetime.fromisoformat(iso).replace(tzinfo=None)


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
    if lang in ("de", "at"):
        return f"{d.day}. {month} {d.year}"
    if lang == "fr":
        return f"{'1er' if d.day == 1 else d.day} {month} {d.year}"
    return f"{d.day} {month} {d.year}"


def clock12(t: datetime) -> str:
    return f"{t.hour % 12 or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


US_ZONES = {"US-NY": ("EST", "EDT", -5), "US-TX": ("CST", "CDT", -6), "US-CA": ("PST", "PDT", -8)}


def us_zone(region: str, iso: str) -> str:
    offset = datetime.fromisoformat(iso).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    std, dst, base = US_ZONES[region]
    if minutes == base * 60:
        return std
    if minutes == (base + 1) * 60:
        return dst
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def hours_hm(value: float, sep: str = " h ") -> str:
    minutes = round(value * 60)
    return f"{minutes // 60}{sep}{minutes % 60:02d}"


def esc(text: str) -> str:
    return escape(text)


# --------------------------------------------------------------------------- parties

COUNTRY_OF_REGION = {"US-NY": "US", "US-TX": "US", "US-CA": "US"}
STREETS = {
    "DE": ["Industriestraße", "Hafenstraße", "Carl-Benz-Straße", "Gutenbergring", "Am Westpark"],
    "AT": ["Gewerbestraße", "Industriezeile", "Wiener Straße", "Salzburger Straße"],
    "CH": ["Bahnhofstrasse", "Seestrasse", "Industriestrasse", "Badenerstrasse"],
    "FR": ["rue de la République", "avenue Jean Jaurès", "rue des Entrepreneurs", "rue Garibaldi"],
    "NL": ["Industrieweg", "Havenstraat", "Energieweg", "Kanaalstraat", "Ambachtsweg"],
    "GB": ["Riverside Way", "Station Road", "Enterprise Park", "Mill Lane", "Kingsway"],
    "US": ["Commerce Dr", "Industrial Blvd", "Main St", "Park Ave", "Technology Way"],
}
CITIES = {
    "DE": ["70565 Stuttgart", "44147 Dortmund", "22113 Hamburg", "80339 München"],
    "AT": ["4020 Linz", "1230 Wien", "5020 Salzburg", "6020 Innsbruck"],
    "CH": ["8005 Zürich", "3011 Bern", "4052 Basel", "6003 Luzern"],
    "FR": ["69007 Lyon", "75011 Paris", "31000 Toulouse", "67000 Strasbourg"],
    "NL": ["5652 AB Eindhoven", "3542 DN Utrecht", "1043 BW Amsterdam", "4814 RM Breda"],
    "GB": ["Coventry CV3 4FJ", "Leeds LS11 5QN", "Reading RG2 0TD", "Derby DE24 8UP"],
    "US-NY": ["Poughkeepsie, NY 12601", "Bronx, NY 10451", "Albany, NY 12205"],
    "US-TX": ["Houston, TX 77020", "San Antonio, TX 78219", "Dallas, TX 75247"],
    "US-CA": ["Oakland, CA 94607", "Sacramento, CA 95815", "San Jose, CA 95112"],
}
AREA = {  # telephone prefix of each city
    "70565 Stuttgart": "711",
    "44147 Dortmund": "231",
    "22113 Hamburg": "40",
    "80339 München": "89",
    "4020 Linz": "732",
    "1230 Wien": "1",
    "5020 Salzburg": "662",
    "6020 Innsbruck": "512",
    "8005 Zürich": "44",
    "3011 Bern": "31",
    "4052 Basel": "61",
    "6003 Luzern": "41",
    "69007 Lyon": "04 78",
    "75011 Paris": "01 43",
    "31000 Toulouse": "05 61",
    "67000 Strasbourg": "03 88",
    "5652 AB Eindhoven": "040",
    "3542 DN Utrecht": "030",
    "1043 BW Amsterdam": "020",
    "4814 RM Breda": "076",
    "Coventry CV3 4FJ": "024 76",
    "Leeds LS11 5QN": "0113 24",
    "Reading RG2 0TD": "0118 97",
    "Derby DE24 8UP": "01332 7",
}
CANTON = {"Zürich": "des Kantons Zürich", "Bern": "des Kantons Bern", "Basel": "Basel-Stadt"}
TLD = {"DE": "de", "AT": "at", "CH": "ch", "FR": "fr", "NL": "nl", "GB": "co.uk", "US": "com"}
CONTACTS = {
    "DE": ["Fr. Albers", "Hr. Lindqvist", "Fr. Maurer", "Hr. Voss"],
    "AT": ["Hr. Pichler", "Fr. Gruber", "Hr. Huber"],
    "CH": ["Hr. Brunner", "Fr. Keller-Roth", "M. Rochat"],
    "FR": ["Mme Garnier", "M. Dufresne", "Mme Barbier"],
    "NL": ["Dhr. Visser", "Mevr. Bakker", "Dhr. Smit"],
    "GB": ["J. Whitfield", "S. Patel", "R. Hughes"],
    "US": ["D. Alvarez", "K. Morgan", "L. Chen", "B. Foster"],
}


@dataclass
class Party:
    name: str
    country: str
    street: str
    city: str
    phone: str
    email: str
    web: str
    vat: str
    iban: str
    bic: str
    register: str
    contact: str


def home_country(name: str, region: str) -> str:
    country = COUNTRY_OF_REGION.get(region, region)
    if name.endswith(("GmbH", " KG")):
        return country if country in ("DE", "AT") else "DE"
    if name.endswith(" AG"):
        return "CH" if country == "CH" else "DE"
    if name.endswith((" SARL", " SAS")):
        return "FR"
    if name.endswith(" SA"):
        return "CH" if country == "CH" else "FR"
    if name.endswith("B.V."):
        return "NL"
    if name.endswith((" Ltd", " plc")):
        return "GB"
    if name.endswith((" Inc.", " LLC", " Co.")):
        return "US"
    return country


def party(name: str, region: str) -> Party:
    country = home_country(name, region)
    key = (name, region if country == "US" else country)  # one seat per firm, US branches
    street = _pick(STREETS[country], "street", *key)
    no = 3 + _h("no", *key) % 180
    if country == "US":
        street_line = f"{1000 + _h('no', *key) % 8000} {street}"
        city = _pick(CITIES[region if region in US_REGIONS else "US-NY"], "city", *key)
    elif country == "FR":
        street_line = f"{no} {street}"
        city = _pick(CITIES[country], "city", *key)
    elif country == "GB":
        street_line = f"Unit {no % 40 + 1}, {street}"
        city = _pick(CITIES[country], "city", *key)
    else:
        street_line = f"{street} {no}"
        city = _pick(CITIES[country], "city", *key)
    d = _digits(40, *key)
    area = AREA.get(city, "")
    town = city.split(" ", 1)[-1] if country != "NL" else city.split(" ", 2)[-1]
    phone = {
        "DE": f"+49 {area} {d[:6]}-0",
        "AT": f"+43 {area} {d[:6]}",
        "CH": f"+41 {area} {d[:3]} {d[3:5]} {d[5:7]}",
        "FR": f"{area} {d[:2]} {d[2:4]} {d[4:6]}",
        "NL": f"{area} - {d[:3]} {d[3:5]} {d[5:7]}",
        "GB": f"{area}{d[:2]} {d[2:6]}",
        "US": f"({2 + int(d[0]) % 8}{d[1:3]}) 555-{d[3:7]}",
    }[country]
    plain = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    plain = re.sub(r"\b(gmbh|ggmbh|ag|sa|sarl|sas|b v|ltd|plc|inc|llc|co|kg)\b", " ", plain)
    slug = "-".join(re.findall(r"[a-z0-9]+", plain.replace("b.v.", ""))) or "firma"
    web = f"www.{slug}.{TLD[country]}"
    email = f"{'billing' if country in ('US', 'GB') else 'info'}@{slug}.{TLD[country]}"
    vat = {
        "DE": f"DE{d[8:17]}",
        "AT": f"ATU{d[8:16]}",
        "CH": f"CHE-{d[8:11]}.{d[11:14]}.{d[14:17]} MWST",
        "FR": f"FR{d[8:10]} {d[10:19]}",
        "NL": f"NL{d[8:17]}B01",
        "GB": f"GB {d[8:11]} {d[11:15]} {d[15:17]}",
        "US": "",
    }[country]
    acct = d[18:28]
    iban = {
        "DE": f"DE{d[28:30]} 6005 0101 {acct[:4]} {acct[4:8]} {acct[8:10]}",
        "AT": f"AT{d[28:30]} 2032 0{acct[:3]} {acct[3:7]} {acct[7:10]}0",
        "CH": f"CH{d[28:30]} 3{d[30:33]} 2{acct[:3]} {acct[3:7]} {acct[7:9]}0{acct[9]}",
        "FR": f"FR76 3000 4{d[30:33]} {acct[:4]} {acct[4:8]} {acct[8:10]}12 345",
        "NL": f"NL{d[28:30]} RABO 0{acct[:3]} {acct[3:7]} {acct[7:9]}",
        "GB": f"GB{d[28:30]} NWBK 6016 13{acct[:2]} {acct[2:6]} {acct[6:8]}",
        "US": "",
    }[country]
    bic = {
        "DE": "SOLADEST600",
        "AT": "ASPKAT2LXXX",
        "CH": "POFICHBEXXX",
        "FR": "BNPAFRPPXXX",
        "NL": "RABONL2U",
        "GB": "NWBKGB2L",
        "US": "",
    }[country]
    register = {
        "DE": f"Amtsgericht {town} HRB {d[30:36]}",
        "AT": f"FN {d[30:36]} k, Landesgericht {town}",
        "CH": f"Handelsregister {CANTON.get(town, town)}, {vat.removesuffix(' MWST')}",
        "FR": f"RCS {town} B {d[30:33]} {d[33:36]} {d[36:39]}",
        "NL": f"KvK {d[30:38]}",
        "GB": f"Registered in England and Wales No. 0{d[30:37]}",
        "US": "",
    }[country]
    contact = _pick(CONTACTS[country], "contact", *key)
    return Party(
        name, country, street_line, city, phone, email, web, vat, iban, bic, register, contact
    )


def report_firm(case: Case) -> str:
    """The firm that sent the technician: the invoice's issuer (a subcontractor in
    service procurement, the service company otherwise)."""
    return case["invoice"]["issuer"]


SERVICE_WORDS = {
    "en-US": {
        "preventive_maintenance": "Preventive Maintenance",
        "repair": "Repair",
        "emergency_repair": "Emergency Repair",
        "installation": "Installation",
        "inspection": "Inspection",
    },
    "en-GB": {
        "preventive_maintenance": "Planned maintenance",
        "repair": "Breakdown repair",
        "emergency_repair": "Emergency call-out",
        "installation": "Installation",
        "inspection": "Inspection",
    },
    "de": {
        "preventive_maintenance": "Wartung",
        "repair": "Reparatur",
        "emergency_repair": "Notdienst-Reparatur",
        "installation": "Montage / Inbetriebnahme",
        "inspection": "Inspektion",
    },
    "fr": {
        "preventive_maintenance": "Maintenance préventive",
        "repair": "Dépannage / réparation",
        "emergency_repair": "Dépannage urgent",
        "installation": "Installation / mise en service",
        "inspection": "Contrôle / inspection",
    },
    "nl": {
        "preventive_maintenance": "Preventief onderhoud",
        "repair": "Reparatie",
        "emergency_repair": "Spoedreparatie (storingsdienst)",
        "installation": "Installatie",
        "inspection": "Inspectie",
    },
}

# --------------------------------------------------------------------------- drawing helpers


def _font(name: str, file: str, fallback: str) -> str:
    """Register a TrueType font once; the standard Type 1 fallback where it is missing."""
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    for folder in FONT_DIRS:
        if (folder / file).exists():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
            return name
    return fallback


def _signature_points(seed: str, w: float, h: float) -> list[tuple[float, float]]:
    rnd = random.Random(seed)
    x, y = 0.04 * w, 0.35 * h
    points = [(x, y)]
    for _ in range(5 + rnd.randrange(3)):
        step = w * rnd.uniform(0.08, 0.16)
        points += [
            (x + step * 0.3, y + h * rnd.uniform(0.3, 0.6)),
            (x + step * 0.8, y - h * rnd.uniform(0.2, 0.4)),
            (x + step, min(h * 0.9, max(h * 0.1, y + h * rnd.uniform(-0.15, 0.2)))),
        ]
        x, y = points[-1]
        if x > 0.9 * w:
            break
    return points


def draw_signature(canv: Any, x: float, y: float, w: float, h: float, seed: str) -> None:
    """A handwritten-looking signature as a bezier path (no text)."""
    pts = _signature_points(seed, w, h)
    path = canv.beginPath()
    path.moveTo(x + pts[0][0], y + pts[0][1])
    for i in range(1, len(pts) - 2, 3):
        (a, b), (c, d), (e, f) = pts[i : i + 3]
        path.curveTo(x + a, y + b, x + c, y + d, x + e, y + f)
    canv.saveState()
    canv.setStrokeColor(colors.HexColor("#1b2a6b"))
    canv.setLineWidth(1.1)
    canv.setLineCap(1)
    canv.drawPath(path, stroke=1, fill=0)
    canv.restoreState()


def signature_drawing(seed: str, w: float, h: float) -> Any:
    """The same signature as a platypus flowable."""
    drawing = Drawing(w, h)
    pts = _signature_points(seed, w, h)
    path = ShapePath(strokeColor=colors.HexColor("#1b2a6b"), strokeWidth=1.1, fillColor=None)
    path.moveTo(*pts[0])
    for i in range(1, len(pts) - 2, 3):
        (a, b), (c, d), (e, f) = pts[i : i + 3]
        path.curveTo(a, b, c, d, e, f)
    drawing.add(path)
    return drawing


def watermark(canv: Any, text: str, size: float = 96) -> None:
    width, height = canv._pagesize
    canv.saveState()
    canv.setFillColor(colors.Color(0.87, 0.87, 0.87))
    canv.translate(width / 2, height / 2)
    canv.rotate(38)
    canv.setFont("Helvetica-Bold", size)
    canv.drawCentredString(0, -size / 3, text)
    canv.restoreState()


def tick_box(canv: Any, x: float, y: float, size: float, checked: bool, mark: str = "X") -> None:
    canv.saveState()
    canv.setLineWidth(0.7)
    canv.rect(x, y, size, size, stroke=1, fill=0)
    if checked and mark == "X":
        canv.setFont("Helvetica-Bold", size * 0.95)
        canv.drawCentredString(x + size / 2, y + size * 0.16, "X")
    elif checked:  # a drawn tick, no text
        canv.setLineWidth(1.3)
        path = canv.beginPath()
        path.moveTo(x + size * 0.18, y + size * 0.5)
        path.lineTo(x + size * 0.42, y + size * 0.2)
        path.lineTo(x + size * 0.85, y + size * 0.85)
        canv.drawPath(path, stroke=1, fill=0)
    canv.restoreState()


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        lines += simpleSplit(para, font, size, width) or [""]
    return lines


def _build(
    path: Path,
    story: Callable[[], list[Any]],
    on_page: Callable[[Any, Any, int], None],
    **doc_args: Any,
) -> None:
    """Build a platypus document twice: once to count the pages, once for real, so every
    page can say "Page n of N"."""
    counter = SimpleDocTemplate(io.BytesIO(), invariant=1, **doc_args)
    counter.build(
        story(),
        onFirstPage=lambda c, d: on_page(c, d, 0),
        onLaterPages=lambda c, d: on_page(c, d, 0),
    )
    total = counter.page
    doc = SimpleDocTemplate(str(path), invariant=1, **doc_args)
    doc.build(
        story(),
        onFirstPage=lambda c, d: on_page(c, d, total),
        onLaterPages=lambda c, d: on_page(c, d, total),
    )


def _style(name: str, font: str, size: float, **kw: Any) -> Any:
    kw.setdefault("leading", size * 1.22)
    return ParagraphStyle(name, fontName=font, fontSize=size, **kw)


# --------------------------------------------------------------------------- invoices


def ledger_invoice(case: Case, locale: str, path: Path) -> None:
    """US / UK billing app invoice, platypus."""
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    us = locale == "en-US"
    cur = inv["currency"]
    sym = {"USD": "$", "GBP": "£", "EUR": "€"}.get(cur, "")
    pagesize = LETTER if us else A4
    margin = 0.6 * 72
    width = pagesize[0] - 2 * margin
    issuer, bill = party(inv["issuer"], region), party(inv["bill_to"], region)
    site = party(case["customer"]["name"], region)
    issued = day(inv["date"])
    fmt = "%m/%d/%Y" if us else "%d/%m/%Y"
    navy = colors.HexColor("#1f3a5f")
    light = colors.HexColor("#eef2f7")
    body = _style("body", "Helvetica", 8.6)
    small = _style("small", "Helvetica", 7.4, textColor=colors.HexColor("#444444"))
    bold = _style("bold", "Helvetica-Bold", 8.6)
    label = _style("label", "Helvetica-Bold", 7.2, textColor=navy)
    cell = _style("cell", "Helvetica", 8.4)
    cell_r = _style("cell_r", "Helvetica", 8.4, alignment=TA_RIGHT)
    head_r = _style("head_r", "Helvetica-Bold", 8.4, alignment=TA_RIGHT, textColor=colors.white)
    head = _style("head", "Helvetica-Bold", 8.4, textColor=colors.white)

    def money(v: float) -> str:
        return ("-" if v < 0 else "") + sym + amount(abs(v), "us")

    pct = rate_pct(inv["tax_rate"])
    disputed = case["workflow"] == "dispute_credit"

    def story() -> list[Any]:
        letterhead = [
            Paragraph(esc(issuer.name), _style("firm", "Helvetica-Bold", 15, textColor=navy)),
            Spacer(1, 3),
            Paragraph(esc(issuer.street), small),
            Paragraph(esc(issuer.city), small),
            Paragraph(f"{esc(issuer.phone)} &nbsp;|&nbsp; {esc(issuer.email)}", small),
        ]
        title = [
            Paragraph(
                "INVOICE", _style("t", "Helvetica-Bold", 24, alignment=TA_RIGHT, textColor=navy)
            )
        ]
        if not us and issuer.vat:
            title.append(
                Paragraph(
                    f"VAT Reg. No. {esc(issuer.vat)}",
                    _style("v", "Helvetica", 7.4, alignment=TA_RIGHT),
                )
            )
        top = Table([[letterhead, title]], colWidths=[width * 0.6, width * 0.4])
        top.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )

        if us:
            facts = [
                ("Invoice #", inv["number"]),
                ("Invoice Date", issued.strftime(fmt)),
                ("Due Date", (issued + timedelta(days=30)).strftime(fmt)),
                ("Terms", "Net 30"),
            ]
            if inv["po_number"]:
                facts.append(("P.O. Number", inv["po_number"]))
            facts += [
                ("Work Order", rep["work_order_id"]),
                ("Account No.", f"{_h('acct', inv['bill_to']) % 90000 + 10000}"),
            ]
            bill_title, site_title = "BILL TO", "SERVICE LOCATION"
        else:
            facts = [
                ("Invoice no.", inv["number"]),
                ("Date / tax point", issued.strftime(fmt)),
                ("Payment due", (issued + timedelta(days=30)).strftime(fmt)),
            ]
            if inv["po_number"]:
                facts.append(("Your order no.", inv["po_number"]))
            facts += [
                ("Job no.", rep["work_order_id"]),
                (
                    "Account ref.",
                    f"{inv['bill_to'][:3].upper()}{_h('acct', inv['bill_to']) % 900 + 100}",
                ),
            ]
            bill_title, site_title = "INVOICE TO", "SITE"
        fact_rows = [[Paragraph(esc(k), label), Paragraph(esc(v), body)] for k, v in facts]
        fact_table = Table(fact_rows, colWidths=[width * 0.15, width * 0.19])
        fact_table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b8c4d4")),
                    ("BACKGROUND", (0, 0), (0, -1), light),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )

        def address(title_text: str, who: Party, name: str) -> list[Any]:
            return [
                Paragraph(title_text, label),
                Spacer(1, 2),
                Paragraph(f"<b>{esc(name)}</b>", body),
                Paragraph(esc(who.street), body),
                Paragraph(esc(who.city), body),
            ]

        parties = Table(
            [
                [
                    address(bill_title, bill, inv["bill_to"]),
                    address(site_title, site, case["customer"]["name"]),
                    fact_table,
                ]
            ],
            colWidths=[width * 0.33, width * 0.33, width * 0.34],
        )
        parties.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (1, 0), 0)])
        )

        if us:
            header = ["Item", "Description", "Qty", "Rate", "Amount"]
            widths = [width * 0.14, width * 0.46, width * 0.1, width * 0.14, width * 0.16]
            item_name = {
                "labor": "Labor",
                "travel": "Travel",
                "fee": "Service Fee",
                "credit": "Credit",
            }
            rows = [
                [
                    Paragraph(esc(line["sku"] or item_name.get(line["kind"], "Service")), cell),
                    Paragraph(esc(line["description"]), cell),
                    Paragraph(number(line["qty"], places=2), cell_r),
                    Paragraph(amount(line["unit_price"], "us"), cell_r),
                    Paragraph(amount(line["amount"], "us"), cell_r),
                ]
                for line in inv["lines"]
            ]
        else:
            header = ["Description", "Qty", "Unit price", "VAT", "Net amount"]
            widths = [width * 0.5, width * 0.1, width * 0.15, width * 0.09, width * 0.16]
            rows = [
                [
                    Paragraph(
                        esc(
                            f"[{line['sku']}] {line['description']}"
                            if line["sku"]
                            else line["description"]
                        ),
                        cell,
                    ),
                    Paragraph(number(line["qty"], places=2), cell_r),
                    Paragraph(amount(line["unit_price"], "us"), cell_r),
                    Paragraph(f"{pct}%", cell_r),
                    Paragraph(amount(line["amount"], "us"), cell_r),
                ]
                for line in inv["lines"]
            ]
        numeric = {"Qty", "Rate", "Amount", "Unit price", "VAT", "Net amount"}
        head_row = [Paragraph(h, head_r if h in numeric else head) for h in header]
        items = Table([head_row, *rows], colWidths=widths, repeatRows=1)
        items.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), navy),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, light]),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#c9d2de")),
                    ("BOX", (0, 0), (-1, -1), 0.5, navy),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )

        if us:
            totals = [
                ("Subtotal", money(inv["subtotal"])),
                (f"Sales Tax ({pct}%)", money(inv["tax"])),
                ("Total", money(inv["total"])),
                (f"Balance Due ({cur})", money(inv["total"])),
            ]
        else:
            totals = [
                ("Net total", money(inv["subtotal"])),
                (f"VAT @ {pct}%", money(inv["tax"])),
                (f"Total ({cur})", money(inv["total"])),
                ("Amount due", money(inv["total"])),
            ]
        total_rows = [[Paragraph(esc(k), cell_r), Paragraph(esc(v), cell_r)] for k, v in totals]
        total_rows[-1] = [
            Paragraph(
                f"<b>{esc(totals[-1][0])}</b>",
                _style("tb", "Helvetica-Bold", 9.5, alignment=TA_RIGHT),
            ),
            Paragraph(
                f"<b>{esc(totals[-1][1])}</b>",
                _style("tb2", "Helvetica-Bold", 9.5, alignment=TA_RIGHT),
            ),
        ]
        total_table = Table(total_rows, colWidths=[width * 0.24, width * 0.16], hAlign="RIGHT")
        total_table.setStyle(
            TableStyle(
                [
                    ("LINEABOVE", (0, 2), (-1, 2), 0.6, navy),
                    ("BACKGROUND", (0, 3), (-1, 3), light),
                    ("BOX", (0, 3), (-1, 3), 0.8, navy),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )

        if us:
            terms = (
                "Thank you for your business! Please write the invoice number on your check and "
                f"make it payable to {esc(issuer.name)}. Questions about this invoice? Call "
                f"{esc(issuer.phone)} or email {esc(issuer.email)}. A finance charge of 1.5% per "
                "month may be applied to balances more than 30 days past due."
            )
        else:
            code = _digits(6, "sort code", issuer.name)
            terms = (
                f"Please pay by BACS to {esc(issuer.name)}, sort code {code[:2]}-{code[2:4]}-"
                f"{code[4:]}, account no. {_digits(8, 'acc', issuer.name)}, quoting the invoice "
                "number as reference. Late payments may attract interest under the Late Payment "
                "of Commercial Debts (Interest) Act 1998."
            )
        return [
            top,
            Spacer(1, 10),
            Table(
                [[""]],
                colWidths=[width],
                rowHeights=[2],
                style=[("LINEABOVE", (0, 0), (-1, 0), 1.5, navy)],
            ),
            Spacer(1, 8),
            parties,
            Spacer(1, 14),
            items,
            Spacer(1, 8),
            KeepTogether([total_table]),
            Spacer(1, 16),
            Paragraph("Notes &amp; terms", bold),
            Spacer(1, 2),
            Paragraph(terms, small),
        ]

    def on_page(canv: Any, doc: Any, total: int) -> None:
        canv.saveState()
        if disputed:
            watermark(canv, "COPY", 120)
        canv.setFont("Helvetica", 6.8)
        canv.setFillColor(colors.HexColor("#666666"))
        canv.drawString(margin, 0.45 * 72, f"{issuer.name} · {issuer.street}, {issuer.city}")
        if issuer.register:
            canv.drawString(margin, 0.45 * 72 - 8.5, f"{issuer.register} · {issuer.web}")
        canv.drawRightString(pagesize[0] - margin, 0.45 * 72, f"Page {doc.page} of {total}")
        canv.restoreState()

    _build(
        path,
        story,
        on_page,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=0.8 * 72,
        title=f"Invoice {inv['number']}",
        author=issuer.name,
    )


def sap_rechnung(case: Case, locale: str, path: Path) -> None:
    """Dense SAP-style German / Austrian invoice form, raw canvas at fixed coordinates."""
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    at = region == "AT"
    issuer, bill = party(inv["issuer"], region), party(inv["bill_to"], region)
    _width, height = A4
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(f"Rechnung {inv['number']}")
    c.setAuthor(issuer.name)
    c.setCreator("SAP NetWeaver Smart Forms (Nachbildung)")
    if case["workflow"] == "dispute_credit":
        watermark(c, "KOPIE", 110)

    def top(mm: float) -> float:
        return height - mm * MM

    def sap(v: float) -> str:  # SAP prints the minus sign after the number
        return amount(abs(v), "de") + ("-" if round(v, 2) < 0 else "")

    # fold marks and punch mark (DIN 5008)
    c.setLineWidth(0.3)
    for y in (top(105), top(210)):
        c.line(4 * MM, y, 8 * MM, y)
    c.line(4 * MM, height / 2, 10 * MM, height / 2)

    # letterhead
    c.setFont("Helvetica-Bold", 15)
    c.drawRightString(190 * MM, top(18), issuer.name)
    c.setFont("Helvetica", 7.5)
    c.drawRightString(190 * MM, top(23), "Kundendienst · Wartung · Ersatzteile")
    c.drawRightString(190 * MM, top(27), f"{issuer.street} · {issuer.city}")
    c.drawRightString(190 * MM, top(30.5), f"Tel. {issuer.phone} · {issuer.email}")
    c.setLineWidth(0.6)
    c.line(20 * MM, top(34), 190 * MM, top(34))

    # sender line and address window
    c.setFont("Helvetica", 6.5)
    sender = f"{issuer.name} · {issuer.street} · {issuer.city}"
    c.drawString(25 * MM, top(50), sender)
    c.setLineWidth(0.3)
    c.line(25 * MM, top(50.8), 25 * MM + c.stringWidth(sender, "Helvetica", 6.5), top(50.8))
    address = [inv["bill_to"], bill.street, bill.city]
    if bill.country != issuer.country:
        address.append(
            {"DE": "DEUTSCHLAND", "AT": "ÖSTERREICH", "CH": "SCHWEIZ"}.get(
                bill.country, bill.country
            )
        )
    c.setFont("Helvetica", 10)
    for i, line in enumerate(address):
        c.drawString(25 * MM, top(57 + 4.6 * i), line)

    # document facts
    issued = day(inv["date"])
    done = day(rep["completed_at"])
    start = day(rep["arrived_at"])
    customer_no = f"{1000000 + _h('kd', inv['bill_to']) % 900000}"
    clerk = _pick(["Fr. Albers", "Hr. Lindqvist", "Fr. Maurer", "Hr. Yilmaz"], "clerk", issuer.name)
    facts = [
        ("Rechnungsnummer", inv["number"]),
        ("Rechnungsdatum", issued.strftime("%d.%m.%Y")),
        ("Kundennummer", customer_no),
        ("Ihre Bestellnummer", inv["po_number"] or ""),
        ("Serviceauftrag", rep["work_order_id"]),
    ]
    if at:
        span = (
            start.strftime("%d.%m.%Y") if start == done else f"{start:%d.%m.%Y} – {done:%d.%m.%Y}"
        )
        facts += [
            ("Leistungszeitraum", span),
            ("Ihre UID-Nr.", bill.vat),
            ("Sachbearbeiter", clerk),
        ]
    else:
        facts += [
            ("Leistungsdatum", done.strftime("%d.%m.%Y")),
            ("Ansprechpartner", clerk),
            ("Durchwahl", f"-{_digits(3, 'dw', clerk)}"),
        ]
    box_top = top(44)
    c.setLineWidth(0.4)
    c.rect(
        120 * MM, box_top - (len(facts) * 4.4 + 2.5) * MM, 70 * MM, (len(facts) * 4.4 + 2.5) * MM
    )
    for i, (label, value) in enumerate(facts):
        y = box_top - (4.4 * i + 4.3) * MM
        c.setFont("Helvetica", 6.8)
        c.drawString(122 * MM, y, label)
        c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 8.4)
        c.drawString(150 * MM, y, value)
    if at:
        c.setFont("Helvetica", 9)
        town = issuer.city.split(" ", 1)[1]
        c.drawRightString(190 * MM, top(92), f"{town}, am {long_date(issued, 'at')}")

    # title and intro
    c.setFont("Helvetica-Bold", 13)
    c.drawString(20 * MM, top(102), "Rechnung")
    c.setFont("Helvetica", 8)
    c.drawRightString(190 * MM, top(102), "Seite 1 von 1")
    c.setFont("Helvetica", 9)
    intro = (
        "Sehr geehrte Damen und Herren,\n"
        f"für die im Rahmen des Serviceauftrags {rep['work_order_id']} an Ihrer Anlage "
        f"{case['asset']['model']} ({case['asset']['id']}) erbrachten Leistungen berechnen wir "
        "Ihnen wie folgt:"
    )
    y = top(110)
    for line in wrap(intro, "Helvetica", 9, 170 * MM):
        c.drawString(20 * MM, y, line)
        y -= 4.3 * MM

    # positions
    y -= 3 * MM
    cols = {"pos": 20, "mat": 30, "text": 52, "qty": 133, "unit": 135, "price": 163, "value": 190}
    c.setLineWidth(0.8)
    c.line(20 * MM, y + 4 * MM, 190 * MM, y + 4 * MM)
    c.setFont("Helvetica-Bold", 7.6)
    c.drawString(cols["pos"] * MM, y, "Pos")
    c.drawString(cols["mat"] * MM, y, "Material")
    c.drawString(cols["text"] * MM, y, "Bezeichnung")
    c.drawRightString(cols["qty"] * MM, y, "Menge")
    c.drawString(cols["unit"] * MM, y, "ME")
    c.drawRightString(cols["price"] * MM, y, "Preis/ME EUR")
    c.drawRightString(cols["value"] * MM, y, "Wert EUR")
    c.setLineWidth(0.4)
    c.line(20 * MM, y - 1.8 * MM, 190 * MM, y - 1.8 * MM)
    y -= 6.5 * MM
    units = {"labor": "Std", "travel": "Std", "part": "ST"}
    for index, line in enumerate(inv["lines"], start=1):
        c.setFont("Helvetica", 8.5)
        c.drawString(cols["pos"] * MM, y, f"{index * 10}")
        c.drawString(cols["mat"] * MM, y, line["sku"] or "")
        c.drawRightString(cols["qty"] * MM, y, number(line["qty"], ",", 3))
        c.drawString(cols["unit"] * MM, y, units.get(line["kind"], "PSCH"))
        c.drawRightString(cols["price"] * MM, y, sap(line["unit_price"]))
        c.drawRightString(cols["value"] * MM, y, sap(line["amount"]))
        for k, text in enumerate(wrap(line["description"], "Helvetica", 8.5, 78 * MM)):
            c.drawString(cols["text"] * MM, y - 4 * MM * k, text)
            last = k
        y -= 4 * MM * (last + 1)
        if line["kind"] == "labor":
            c.setFont("Helvetica-Oblique", 7)
            c.setFillColor(colors.HexColor("#555555"))
            c.drawString(
                cols["text"] * MM,
                y + 0.6 * MM,
                f"Einsatz vom {start:%d.%m.%Y}, Techniker {rep['technician']}",
            )
            c.setFillColor(colors.black)
            y -= 3.6 * MM
        y -= 2.2 * MM
    c.setLineWidth(0.4)
    c.line(20 * MM, y + 2 * MM, 190 * MM, y + 2 * MM)

    # totals
    pct = rate_pct(inv["tax_rate"], ",", 0 if at else 2)
    totals = (
        [("Summe netto", inv["subtotal"]), (f"zzgl. {pct} % USt", inv["tax"])]
        if at
        else [("Nettobetrag", inv["subtotal"]), (f"zzgl. MwSt. {pct} %", inv["tax"])]
    )
    y -= 3 * MM
    c.setFont("Helvetica", 8.8)
    for label, value in totals:
        c.drawRightString(163 * MM, y, label)
        c.drawRightString(190 * MM, y, sap(value))
        y -= 4.6 * MM
    c.line(128 * MM, y + 3 * MM, 190 * MM, y + 3 * MM)
    y -= 1.5 * MM
    c.setFont("Helvetica-Bold", 9.5)
    c.drawRightString(163 * MM, y, "Gesamtbetrag EUR" if at else "Rechnungsbetrag EUR")
    c.drawRightString(190 * MM, y, sap(inv["total"]))
    c.setLineWidth(0.5)
    c.line(128 * MM, y - 1.6 * MM, 190 * MM, y - 1.6 * MM)
    c.line(128 * MM, y - 2.3 * MM, 190 * MM, y - 2.3 * MM)

    # payment terms
    due = issued + timedelta(days=14)
    terms = (
        f"Zahlbar innerhalb von 14 Tagen ohne Abzug (bis {due:%d.%m.%Y}). "
        "Bitte geben Sie bei der Zahlung die Rechnungsnummer an."
        if at
        else f"Zahlungsbedingung: 14 Tage netto, fällig am {due:%d.%m.%Y}. Bitte überweisen Sie "
        "den Rechnungsbetrag unter Angabe der Rechnungsnummer auf unser unten genanntes Konto."
    )
    y -= 12 * MM
    c.setFont("Helvetica", 8.5)
    for line in wrap(
        terms + "\nEs gelten unsere Allgemeinen Geschäftsbedingungen.", "Helvetica", 8.5, 170 * MM
    ):
        c.drawString(20 * MM, y, line)
        y -= 4 * MM
    c.drawString(20 * MM, y - 4 * MM, "Mit freundlichen Grüßen")
    c.drawString(20 * MM, y - 8 * MM, issuer.name)

    # legal footer in four columns
    c.setLineWidth(0.3)
    c.line(20 * MM, 30 * MM, 190 * MM, 30 * MM)
    columns = [
        [issuer.name, issuer.street, issuer.city, issuer.phone],
        [
            f"Sitz: {issuer.city.split(' ', 1)[1]}",
            issuer.register,
            "Geschäftsführer: "
            + _pick(["Dr. H. Wendt", "K. Aigner", "M. Sauer"], "gf", issuer.name),
        ],
        [
            f"{'UID-Nr.' if issuer.country == 'AT' else 'USt-IdNr.'} {issuer.vat}",
            issuer.web,
            issuer.email,
        ],
        [
            _pick(["Sparkasse", "Volksbank", "Raiffeisenbank"], "bank", issuer.name),
            f"IBAN {issuer.iban}",
            f"BIC {issuer.bic}",
        ],
    ]
    c.setFont("Helvetica", 6.3)
    c.setFillColor(colors.HexColor("#333333"))
    for k, lines in enumerate(columns):
        for i, text in enumerate(lines):
            c.drawString((20 + 44 * k) * MM, (26.5 - 3 * i) * MM, text)
    c.showPage()
    c.save()


def _qr_reference(*key: object) -> str:
    """A 27-digit Swiss QR reference with its recursive mod-10 check digit."""
    digits = _digits(26, "qrr", *key)
    table = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5]
    carry = 0
    for ch in digits:
        carry = table[(carry + int(ch)) % 10]
    return digits + str((10 - carry) % 10)


def _qr_iban(name: str) -> str:
    d = _digits(16, "qriban", name)
    raw = f"CH{d[:2]}30{d[2:5]}{d[5:16]}0"
    return raw


def _grouped(text: str, first: int = 4, size: int = 4) -> str:
    parts = [text[:first]] + [text[i : i + size] for i in range(first, len(text), size)]
    return " ".join(p for p in parts if p)


def qr_rechnung(case: Case, locale: str, path: Path) -> None:
    """Swiss German invoice with a QR-bill payment part, canvas plus a platypus table."""
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    issuer, bill = party(inv["issuer"], region), party(inv["bill_to"], region)
    font = _font("LiberationSans", "LiberationSans-Regular.ttf", "Helvetica")
    bold = _font("LiberationSans-Bold", "LiberationSans-Bold.ttf", "Helvetica-Bold")
    _width, height = A4
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(f"Rechnung {inv['number']}")
    c.setAuthor(issuer.name)

    def top(mm: float) -> float:
        return height - mm * MM

    # letterhead, left
    c.setFont(bold, 13)
    c.drawString(20 * MM, top(20), issuer.name)
    c.setFont(font, 8)
    for i, line in enumerate(
        [
            issuer.street,
            issuer.city,
            f"Telefon {issuer.phone}",
            issuer.email,
            f"MWST-Nr. {issuer.vat}",
        ]
    ):
        c.drawString(20 * MM, top(25 + 3.6 * i), line)
    # address window, right
    c.setFont(font, 10)
    for i, line in enumerate([inv["bill_to"], bill.street, bill.city]):
        c.drawString(118 * MM, top(52 + 4.6 * i), line)

    issued = day(inv["date"])
    c.setFont(bold, 16)
    c.drawString(20 * MM, top(96), "Rechnung")
    facts = [
        ("Rechnungsnummer", inv["number"]),
        ("Datum", issued.strftime("%d.%m.%Y")),
        ("Kunden-Nr.", f"K{_digits(5, 'kd', inv['bill_to'])}"),
    ]
    if inv["po_number"]:
        facts.append(("Ihre Bestellung", inv["po_number"]))
    facts += [
        ("Serviceauftrag", rep["work_order_id"]),
        ("Ausführungsdatum", day(rep["completed_at"]).strftime("%d.%m.%Y")),
        ("Zahlbar bis", (issued + timedelta(days=30)).strftime("%d.%m.%Y")),
    ]
    for i, (label, value) in enumerate(facts):
        y = top(52 + 4.4 * i)
        c.setFont(font, 8.8)
        c.drawString(20 * MM, y, label)
        c.drawString(53 * MM, y, value)
    y = top(99)
    c.setFont(font, 9.2)
    intro = (
        "Sehr geehrte Damen und Herren\n"
        "Besten Dank für Ihren Auftrag. Für die ausgeführten Arbeiten erlauben wir uns, "
        "Ihnen folgende Leistungen in Rechnung zu stellen:"
    )
    for line in wrap(intro, font, 9.2, 170 * MM):
        y -= 4.4 * MM
        c.drawString(20 * MM, y, line)
    y -= 4 * MM

    cell = _style("c", font, 8.6)
    cell_r = _style("cr", font, 8.6, alignment=TA_RIGHT)
    head = _style("h", bold, 8.6)
    head_r = _style("hr", bold, 8.6, alignment=TA_RIGHT)
    units = {"labor": "Std.", "travel": "Std.", "part": "Stk."}
    rows = [
        [
            Paragraph(t, head_r if i in (3, 5, 6) else head)
            for i, t in enumerate(
                ["Pos.", "Art.-Nr.", "Bezeichnung", "Menge", "Einheit", "Preis", "Betrag CHF"]
            )
        ]
    ]
    for index, line in enumerate(inv["lines"], start=1):
        rows.append(
            [
                Paragraph(str(index), cell),
                Paragraph(esc(line["sku"] or ""), cell),
                Paragraph(esc(line["description"]), cell),
                Paragraph(number(line["qty"], places=2), cell_r),
                Paragraph(units.get(line["kind"], "Pauschal"), cell),
                Paragraph(amount(line["unit_price"], "ch"), cell_r),
                Paragraph(amount(line["amount"], "ch"), cell_r),
            ]
        )
    rate = rate_pct(inv["tax_rate"])
    rows += [
        [
            "",
            "",
            Paragraph("Total exkl. MWST", cell),
            "",
            "",
            "",
            Paragraph(amount(inv["subtotal"], "ch"), cell_r),
        ],
        [
            "",
            "",
            Paragraph(f"MWST {rate} %", cell),
            "",
            "",
            "",
            Paragraph(amount(inv["tax"], "ch"), cell_r),
        ],
        [
            "",
            "",
            Paragraph("<b>Total CHF</b>", head),
            "",
            "",
            "",
            Paragraph(f"<b>{amount(inv['total'], 'ch')}</b>", head_r),
        ],
    ]
    n = len(inv["lines"])
    table = Table(rows, colWidths=[m * MM for m in (11, 19, 68, 17, 16, 19, 20)])
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, n), (-1, n), 0.5, colors.black),
                ("LINEABOVE", (2, n + 3), (-1, n + 3), 0.5, colors.black),
                ("LINEBELOW", (2, n + 3), (-1, n + 3), 1.2, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    _, th = table.wrapOn(c, 170 * MM, 200 * MM)
    table.drawOn(c, 20 * MM, y - th)
    y -= th + 8 * MM
    c.setFont(font, 8.8)
    closing = [
        "Zahlbar innert 30 Tagen netto. Bitte verwenden Sie für die Zahlung den",
        "untenstehenden QR-Zahlteil. Freundliche Grüsse",
        issuer.name,
    ]
    if y - 4.4 * MM * len(closing) < 110 * MM:  # the payment part must stay clear
        raise RuntimeError(f"qr_rechnung: {inv['number']} does not fit above the QR-bill")
    for k, line in enumerate(closing):
        c.drawString(20 * MM, y - 4.4 * MM * k, line)

    _qr_bill(c, case, issuer, bill, font, bold)
    c.showPage()
    c.save()


def _qr_bill(c: Any, case: Case, issuer: Party, bill: Party, font: str, bold: str) -> None:
    """The Swiss QR-bill payment part: receipt and payment part in the bottom 105 mm."""
    inv, rep = case["invoice"], case["service_report"]
    iban = _qr_iban(issuer.name)
    ref = _qr_reference(inv["number"])
    ref_text = f"{ref[:2]} " + " ".join(ref[i : i + 5] for i in range(2, 27, 5))
    total = f"{inv['total']:.2f}"
    total_text = amount(inv["total"], "qr")
    message = f"Rechnung {inv['number']} / Auftrag {rep['work_order_id']}"

    def split(who: Party) -> tuple[str, str, str, str]:
        street, _, house = who.street.rpartition(" ")
        postcode, _, town = who.city.partition(" ")
        return street, house, postcode, town

    s1, h1, p1, t1 = split(issuer)
    s2, h2, p2, t2 = split(bill)
    payload = "\r\n".join(
        [
            "SPC",
            "0200",
            "1",
            iban,
            "S",
            issuer.name,
            s1,
            h1,
            p1,
            t1,
            "CH",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            total,
            "CHF",
            "S",
            inv["bill_to"],
            s2,
            h2,
            p2,
            t2,
            bill.country,
            "QRR",
            ref,
            message,
            "EPD",
        ]
    )

    c.saveState()
    c.setDash(2, 2)
    c.setLineWidth(0.4)
    c.line(0, 105 * MM, A4[0], 105 * MM)
    c.line(62 * MM, 0, 62 * MM, 105 * MM)
    c.setDash()
    c.setFont(font, 6)
    c.drawCentredString(A4[0] / 2, 106.2 * MM, "Vor der Einzahlung abzutrennen")

    def block(
        x: float, y: float, head_size: float, size: float, items: list[tuple[str, list[str]]]
    ) -> float:
        for heading, lines in items:
            c.setFont(bold, head_size)
            c.drawString(x, y, heading)
            y -= head_size + 2.5
            c.setFont(font, size)
            for line in lines:
                c.drawString(x, y, line)
                y -= size + 1
            y -= 4
        return y

    creditor = [_grouped(iban), issuer.name, issuer.street, issuer.city]
    debtor = [inv["bill_to"], bill.street, bill.city]
    # receipt
    c.setFont(bold, 11)
    c.drawString(5 * MM, 95 * MM, "Empfangsschein")
    block(
        5 * MM,
        88 * MM,
        6,
        8,
        [("Konto / Zahlbar an", creditor), ("Referenz", [ref_text]), ("Zahlbar durch", debtor)],
    )
    c.setFont(bold, 6)
    c.drawString(5 * MM, 33 * MM, "Währung")
    c.drawString(18 * MM, 33 * MM, "Betrag")
    c.setFont(font, 8)
    c.drawString(5 * MM, 29.5 * MM, "CHF")
    c.drawString(18 * MM, 29.5 * MM, total_text)
    c.setFont(bold, 6)
    c.drawRightString(57 * MM, 16 * MM, "Annahmestelle")
    # payment part
    c.setFont(bold, 11)
    c.drawString(67 * MM, 95 * MM, "Zahlteil")
    widget = qr.QrCodeWidget(payload, barLevel="M", barBorder=0)
    x0, y0, x1, y1 = widget.getBounds()
    size = 46 * MM
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, 67 * MM, 42 * MM)
    cx, cy = 67 * MM + size / 2, 42 * MM + size / 2
    c.setFillColor(colors.white)
    c.rect(cx - 3.5 * MM, cy - 3.5 * MM, 7 * MM, 7 * MM, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.rect(cx - 3.1 * MM, cy - 3.1 * MM, 6.2 * MM, 6.2 * MM, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.rect(cx - 0.6 * MM, cy - 2.1 * MM, 1.2 * MM, 4.2 * MM, stroke=0, fill=1)
    c.rect(cx - 2.1 * MM, cy - 0.6 * MM, 4.2 * MM, 1.2 * MM, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setFont(bold, 8)
    c.drawString(67 * MM, 33 * MM, "Währung")
    c.drawString(82 * MM, 33 * MM, "Betrag")
    c.setFont(font, 10)
    c.drawString(67 * MM, 28.5 * MM, "CHF")
    c.drawString(82 * MM, 28.5 * MM, total_text)
    block(
        118 * MM,
        97 * MM,
        8,
        10,
        [
            ("Konto / Zahlbar an", creditor),
            ("Referenz", [ref_text]),
            ("Zusätzliche Informationen", [message]),
            ("Zahlbar durch", debtor),
        ],
    )
    c.restoreState()


UTILITY_TEXT = {
    "nl": {
        "title": "Factuur",
        "facts": [
            "Factuurnummer",
            "Factuurdatum",
            "Klantnummer",
            "Werkbon",
            "Uw referentie",
            "Vervaldatum",
        ],
        "pay": "Te betalen",
        "pay_by": "uiterlijk op {due}",
        "glance": "Overzicht van uw factuur",
        "kinds": {
            "labor": "Arbeidsloon",
            "travel": "Reiskosten",
            "part": "Materialen",
            "fee": "Overige kosten",
            "credit": "Creditering",
        },
        "net": "Totaal excl. btw",
        "tax": "Btw {rate}% over {base}",
        "gross": "Totaal incl. btw",
        "payment": "Wij verzoeken u het totaalbedrag van {total} vóór {due} over te maken op "
        "rekening {iban} ten name van {issuer}, onder vermelding van het factuurnummer {number}.",
        "small": "Op al onze werkzaamheden zijn onze algemene voorwaarden van toepassing. "
        "Vragen over deze factuur? Bel {phone} of mail naar {email}.",
        "detail": "Specificatie",
        "detail_line": "Factuurnummer {number} · Werkbon {wo} · Uitgevoerd op {done}",
        "cols": ["Omschrijving", "Artikelnr.", "Aantal", "Eenheid", "Prijs", "Bedrag"],
        "units": {"labor": "uur", "travel": "uur", "part": "st."},
        "unit_other": "post",
        "done_by": "Werkzaamheden uitgevoerd op {done} door monteur {tech} aan installatie "
        "{model} ({asset}).",
        "page": "Pagina {n} van {total}",
        "copy": "KOPIE",
    },
    "fr": {
        "title": "Facture",
        "facts": [
            "Facture n°",
            "Date de facture",
            "N° client",
            "Bon d'intervention",
            "Votre commande",
            "Échéance",
        ],
        "pay": "Montant à payer",
        "pay_by": "avant le {due}",
        "glance": "Récapitulatif de votre facture",
        "kinds": {
            "labor": "Main-d'œuvre",
            "travel": "Déplacements",
            "part": "Pièces et fournitures",
            "fee": "Frais divers",
            "credit": "Avoirs et remises",
        },
        "net": "Total HT",
        "tax": "TVA {rate} %",
        "gross": "Total TTC",
        "payment": "Merci de régler la somme de {total} avant le {due} par virement sur le compte "
        "{iban} ({issuer}) en rappelant le numéro de facture {number}.",
        "small": "En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt "
        "légal sera exigible, ainsi qu'une indemnité forfaitaire de 40 € pour frais de "
        "recouvrement. Pas d'escompte pour paiement anticipé. Contact : {phone} – {email}.",
        "detail": "Détail de la facture",
        "detail_line": "Facture n° {number} · Bon d'intervention {wo} · Intervention du {done}",
        "cols": ["Désignation", "Réf.", "Qté", "Unité", "P.U. HT", "Montant HT"],
        "units": {"labor": "h", "travel": "h", "part": "u"},
        "unit_other": "forfait",
        "done_by": "Intervention réalisée le {done} par le technicien {tech} sur l'équipement "
        "{model} ({asset}).",
        "page": "Page {n} sur {total}",
        "copy": "DUPLICATA",
    },
    "en": {
        "title": "Your bill",
        "facts": [
            "Bill number",
            "Bill date",
            "Account number",
            "Job reference",
            "Your order number",
            "Payment due",
        ],
        "pay": "Amount to pay",
        "pay_by": "by {due}",
        "glance": "Your bill at a glance",
        "kinds": {
            "labor": "Labour",
            "travel": "Travel",
            "part": "Parts & materials",
            "fee": "Other charges",
            "credit": "Credits",
        },
        "net": "Total excluding VAT",
        "tax": "VAT at {rate}%",
        "gross": "Total including VAT",
        "payment": "Please pay {total} by {due} by bank transfer to {issuer}, IBAN {iban}, "
        "quoting your bill number {number}.",
        "small": "Questions about your bill? Call us on {phone} or email {email}. "
        "Our standard terms and conditions apply to all work.",
        "detail": "Bill details",
        "detail_line": "Bill number {number} · Job reference {wo} · Work carried out {done}",
        "cols": ["Description", "Part no.", "Qty", "Unit", "Unit price", "Amount"],
        "units": {"labor": "hrs", "travel": "hrs", "part": "each"},
        "unit_other": "item",
        "done_by": "Work carried out on {done} by engineer {tech} on {model} ({asset}).",
        "page": "Page {n} of {total}",
        "copy": "COPY",
    },
}


def utility_bill(case: Case, locale: str, path: Path) -> None:
    """Utility-style two-page bill: summary page, then the detail table (platypus)."""
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    lang = locale[:2]
    swiss = locale == "fr-CH"
    text = UTILITY_TEXT[lang]
    issuer, bill = party(inv["issuer"], region), party(inv["bill_to"], region)
    font = _font("DejaVuSans", "DejaVuSans.ttf", "Helvetica")
    bold = _font("DejaVuSans-Bold", "DejaVuSans-Bold.ttf", "Helvetica-Bold")
    margin = 18 * MM
    width = A4[0] - 2 * margin
    green = colors.HexColor("#0b6e4f")
    pale = colors.HexColor("#e7f3ee")
    issued = day(inv["date"])
    due = issued + timedelta(days=30)
    done = day(rep["completed_at"])

    def money(v: float) -> str:
        if swiss:
            return f"CHF {amount(v, 'ch')}"
        if lang == "nl":
            return f"€ {amount(v, 'de')}"
        if lang == "fr":
            return f"{amount(v, 'fr')}\u00a0€"
        return ("-" if v < 0 else "") + "£" + amount(abs(v), "us")

    def plain(v: float) -> str:
        return amount(v, {"nl": "de", "fr": "fr", "en": "us"}[lang] if not swiss else "ch")

    def short(d: date) -> str:
        if lang == "nl":
            return d.strftime("%d-%m-%Y")
        return d.strftime("%d.%m.%Y" if swiss else "%d/%m/%Y")

    def long(d: date) -> str:
        return long_date(d, lang)

    point = "." if lang == "en" else ","
    rate = rate_pct(inv["tax_rate"], point)
    qty_point = "." if lang == "en" or swiss else ","
    body = _style("b", font, 8.8)
    small = _style("s", font, 7.2, textColor=colors.HexColor("#555555"))
    label = _style("l", font, 8.2, textColor=colors.HexColor("#444444"))
    value = _style("v", bold, 8.6)
    right = _style("r", font, 8.6, alignment=TA_RIGHT)
    right_b = _style("rb", bold, 9, alignment=TA_RIGHT)
    h2 = _style("h2", bold, 11.5, textColor=green, spaceAfter=4)

    def story() -> list[Any]:
        brand = [
            Paragraph(esc(issuer.name), _style("brand", bold, 16, textColor=green)),
            Paragraph(esc(f"{issuer.street} · {issuer.city}"), small),
            Paragraph(esc(f"{issuer.phone} · {issuer.web}"), small),
        ]
        title = Paragraph(text["title"], _style("t", bold, 22, alignment=TA_RIGHT, textColor=green))
        head = Table([[brand, title]], colWidths=[width * 0.65, width * 0.35])
        head.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        names = text["facts"]
        account = f"{_digits(8, 'acct', inv['bill_to'])}"
        fact_values = [
            inv["number"],
            long(issued),
            account,
            rep["work_order_id"],
            inv["po_number"],
            long(due),
        ]
        fact_rows = [
            [Paragraph(esc(k), label), Paragraph(esc(v), value)]
            for k, v in zip(names, fact_values, strict=True)
            if v
        ]
        facts = Table(fact_rows, colWidths=[width * 0.2, width * 0.24])
        facts.setStyle(
            TableStyle(
                [
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        address = [Spacer(1, 10)] + [
            Paragraph(esc(t), _style("a", font, 10))
            for t in (inv["bill_to"], bill.street, bill.city)
        ]
        top = Table([[address, facts]], colWidths=[width * 0.56, width * 0.44])
        top.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )

        due_box = Table(
            [
                [
                    Paragraph(text["pay"], _style("p", bold, 11, textColor=green)),
                    Paragraph(
                        esc(money(inv["total"])),
                        _style("pa", bold, 22, alignment=TA_RIGHT, leading=26),
                    ),
                ],
                [Paragraph(esc(text["pay_by"].format(due=long(due))), body), ""],
            ],
            colWidths=[width * 0.5, width * 0.5],
        )
        due_box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), pale),
                    ("BOX", (0, 0), (-1, -1), 1, green),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("SPAN", (1, 0), (1, 1)),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ]
            )
        )

        sums: dict[str, float] = {}
        for line in inv["lines"]:
            sums[line["kind"]] = round(sums.get(line["kind"], 0.0) + line["amount"], 2)
        glance = [
            [Paragraph(esc(text["kinds"][k]), body), Paragraph(esc(money(v)), right)]
            for k, v in sums.items()
        ]
        glance += [
            [
                Paragraph(text["net"], _style("n", bold, 8.8)),
                Paragraph(esc(money(inv["subtotal"])), right_b),
            ],
            [
                Paragraph(esc(text["tax"].format(rate=rate, base=money(inv["subtotal"]))), body),
                Paragraph(esc(money(inv["tax"])), right),
            ],
            [
                Paragraph(text["gross"], _style("g", bold, 10)),
                Paragraph(esc(money(inv["total"])), _style("gr", bold, 10, alignment=TA_RIGHT)),
            ],
        ]
        k = len(sums)
        glance_table = Table(glance, colWidths=[width * 0.7, width * 0.3])
        glance_table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, k - 1), 0.3, colors.HexColor("#c8d8d0")),
                    ("LINEABOVE", (0, k), (-1, k), 0.8, green),
                    ("LINEABOVE", (0, k + 2), (-1, k + 2), 0.8, green),
                    ("BACKGROUND", (0, k + 2), (-1, k + 2), pale),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        fill = {
            "total": money(inv["total"]),
            "due": long(due),
            "iban": issuer.iban or "-",
            "issuer": issuer.name,
            "number": inv["number"],
            "phone": issuer.phone,
            "email": issuer.email,
        }
        cols = text["cols"]
        col_style = [_style("ch", bold, 8.2, textColor=colors.white)] * 2 + [
            _style("chr", bold, 8.2, alignment=TA_RIGHT, textColor=colors.white)
        ] * 4
        rows = [[Paragraph(esc(t), col_style[i]) for i, t in enumerate(cols)]]
        for line in inv["lines"]:
            rows.append(
                [
                    Paragraph(esc(line["description"]), body),
                    Paragraph(esc(line["sku"] or ""), body),
                    Paragraph(number(line["qty"], qty_point, 2), right),
                    Paragraph(text["units"].get(line["kind"], text["unit_other"]), right),
                    Paragraph(plain(line["unit_price"]), right),
                    Paragraph(plain(line["amount"]), right),
                ]
            )
        rows.append(
            [
                Paragraph(text["net"], right_b),
                "",
                "",
                "",
                "",
                Paragraph(esc(money(inv["subtotal"])), right_b),
            ]
        )
        detail = Table(
            rows, colWidths=[width * w for w in (0.35, 0.12, 0.09, 0.11, 0.15, 0.18)], repeatRows=1
        )
        detail.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), green),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, pale]),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.8, green),
                    ("SPAN", (0, -1), (4, -1)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        detail_line = text["detail_line"].format(
            number=inv["number"], wo=rep["work_order_id"], done=short(done)
        )
        done_by = text["done_by"].format(
            done=short(done),
            tech=rep["technician"],
            model=case["asset"]["model"],
            asset=case["asset"]["id"],
        )
        return [
            head,
            Spacer(1, 14),
            top,
            Spacer(1, 16),
            due_box,
            Spacer(1, 16),
            Paragraph(text["glance"], h2),
            glance_table,
            Spacer(1, 14),
            Paragraph(esc(text["payment"].format(**fill)), body),
            Spacer(1, 8),
            Paragraph(esc(text["small"].format(**fill)), small),
            PageBreak(),
            Paragraph(text["detail"], h2),
            Paragraph(esc(detail_line), body),
            Spacer(1, 8),
            detail,
            Spacer(1, 12),
            Paragraph(esc(done_by), small),
        ]

    def on_page(canv: Any, doc: Any, total: int) -> None:
        canv.saveState()
        if case["workflow"] == "dispute_credit":
            watermark(canv, text["copy"], 90)
        canv.setFillColor(green)
        canv.rect(0, A4[1] - 6 * MM, A4[0], 6 * MM, stroke=0, fill=1)
        canv.setFillColor(colors.HexColor("#555555"))
        canv.setFont(font, 6.6)
        legal = " · ".join(
            t
            for t in (
                issuer.name,
                issuer.register,
                issuer.vat
                and f"{'BTW' if lang == 'nl' else 'TVA' if lang == 'fr' else 'VAT'} {issuer.vat}",
                issuer.iban and f"IBAN {issuer.iban}",
            )
            if t
        )
        canv.drawString(margin, 11 * MM, legal)
        canv.drawRightString(A4[0] - margin, 11 * MM, text["page"].format(n=doc.page, total=total))
        canv.restoreState()

    _build(
        path,
        story,
        on_page,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=16 * MM,
        bottomMargin=20 * MM,
        title=f"{text['title']} {inv['number']}",
        author=issuer.name,
    )


# --------------------------------------------------------------------------- service reports


def us_work_order(case: Case, locale: str, path: Path) -> None:
    """Pre-printed US work order form, raw canvas on Letter paper."""
    rep = case["service_report"]
    region = case["customer"]["region"]
    firm = party(report_firm(case), region)
    site = party(case["customer"]["name"], region)
    width, _height = LETTER
    c = Canvas(str(path), pagesize=LETTER, invariant=1)
    c.setTitle(f"Work Order {rep['work_order_id']}")
    c.setAuthor(firm.name)
    if _h("copy", case["case_id"]) % 2:
        watermark(c, "CUSTOMER COPY", 64)
    left, right = 36.0, width - 36.0
    red = colors.HexColor("#9b1c1c")

    # header
    c.setFont("Helvetica-Bold", 16)
    c.drawString(left, 752, firm.name)
    c.setFont("Helvetica", 8)
    c.drawString(left, 739, f"{firm.street}, {firm.city}")
    license_no = {"US-TX": "TACLA", "US-CA": "CSLB #", "US-NY": "NYC Lic. #"}.get(region, "Lic. #")
    c.drawString(
        left, 728, f"Phone {firm.phone} · {firm.web} · {license_no}{_digits(6, 'lic', firm.name)}"
    )
    c.setFillColor(red)
    c.setFont("Helvetica-Bold", 18)
    c.drawRightString(right, 752, "WORK ORDER")
    c.setFont("Helvetica-Bold", 12)
    c.drawRightString(right, 735, f"No. {rep['work_order_id']}")
    c.setFillColor(colors.black)
    barcode = code128.Code128(rep["work_order_id"], barHeight=20, barWidth=0.9)
    barcode.drawOn(c, right - barcode.width + 10, 708)
    c.setLineWidth(1.2)
    c.line(left, 700, right, 700)

    def box(
        x: float, y_top: float, w: float, h: float, label: str, lines: list[str], size: float = 9.5
    ) -> None:
        c.setLineWidth(0.6)
        c.rect(x, y_top - h, w, h)
        c.setFont("Helvetica-Bold", 6.3)
        c.setFillColor(colors.HexColor("#555555"))
        c.drawString(x + 3, y_top - 7.5, label)
        c.setFillColor(colors.black)
        c.setFont("Helvetica", size)
        for i, text in enumerate(lines):
            c.drawString(x + 4, y_top - 19 - i * (size + 1.5), text)

    service = SERVICE_WORDS["en-US"][rep["service_type"]]
    priority = {"emergency_repair": "P1 - Emergency", "repair": "P2 - Urgent"}.get(
        rep["service_type"], "P3 - Scheduled"
    )
    tech_id = f"T-{100 + _h('tech', rep['technician']) % 400}"
    y = 692
    box(
        left, y, 210, 42, "CUSTOMER", [case["customer"]["name"], f"Acct # {case['customer']['id']}"]
    )
    box(left + 210, y, 210, 42, "SERVICE ADDRESS", [site.street, site.city])
    box(left + 420, y, 120, 42, "SITE CONTACT", [site.contact, site.phone])
    y -= 42
    box(left, y, 210, 30, "EQUIPMENT", [case["asset"]["model"]])
    box(left + 210, y, 100, 30, "ASSET ID", [case["asset"]["id"]])
    box(left + 310, y, 130, 30, "CALL TYPE", [service])
    box(left + 440, y, 100, 30, "PRIORITY", [priority])
    y -= 30
    box(left, y, 210, 30, "TECHNICIAN", [rep["technician"]])
    box(left + 210, y, 100, 30, "TECH ID", [tech_id])
    box(
        left + 310,
        y,
        230,
        30,
        "TRUCK / STOCK LOCATION",
        [f"Truck {_digits(2, 'truck', rep['technician'])}"],
    )
    y -= 42

    # service times
    c.setFillColor(colors.HexColor("#e9e9e9"))
    c.rect(left, y - 14, 330, 14, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setFont("Helvetica-Bold", 7.5)
    c.drawString(left + 4, y - 10, "SERVICE TIMES")
    c.drawString(left + 140, y - 10, "DATE")
    c.drawString(left + 225, y - 10, "TIME")
    events = [
        ("Call received", rep["reported_at"]),
        ("Arrived on site", rep["arrived_at"]),
        ("Work completed", rep["completed_at"]),
    ]
    c.setFont("Helvetica", 9.5)
    for i, (label, iso) in enumerate(events):
        row = y - 14 - 17 * (i + 1)
        t = wall(iso)
        c.drawString(left + 4, row + 5, label)
        c.drawString(left + 140, row + 5, t.strftime("%m/%d/%Y"))
        c.drawString(left + 225, row + 5, f"{clock12(t)} {us_zone(region, iso)}")
        c.setLineWidth(0.4)
        c.line(left, row, left + 330, row)
    c.setLineWidth(0.6)
    c.rect(left, y - 14 - 51, 330, 65)
    total_hours = rep["labor_hours"] + rep["travel_hours"]
    for i, (label, hours) in enumerate(
        [
            ("LABOR HRS", rep["labor_hours"]),
            ("TRAVEL HRS", rep["travel_hours"]),
            ("TOTAL HRS", total_hours),
        ]
    ):
        bx = left + 345 + i * 65
        c.rect(bx, y - 65, 60, 65)
        c.setFont("Helvetica-Bold", 6.5)
        c.drawCentredString(bx + 30, y - 10, label)
        c.setFont("Helvetica-Bold" if i < 2 else "Helvetica", 14)
        c.drawCentredString(bx + 30, y - 42, f"{hours:.2f}")
    y -= 80

    # work performed, a ruled box
    c.setFont("Helvetica-Bold", 7.5)
    c.drawString(left, y, "DESCRIPTION OF WORK PERFORMED")
    box_h = 128
    c.rect(left, y - 4 - box_h, right - left, box_h)
    c.setStrokeColor(colors.HexColor("#bbbbbb"))
    c.setLineWidth(0.3)
    for k in range(1, 9):
        c.line(left + 4, y - 4 - 15 * k - 2, right - 4, y - 4 - 15 * k - 2)
    c.setStrokeColor(colors.black)
    c.setFont("Helvetica", 10)
    for k, text in enumerate(wrap(rep["notes"].strip(), "Helvetica", 10, right - left - 12)):
        c.drawString(left + 6, y - 4 - 15 * (k + 1) + 1, text)
    y -= box_h + 22

    # parts
    c.setFont("Helvetica-Bold", 7.5)
    c.drawString(left, y, "PARTS / MATERIALS USED")
    y -= 4
    c.setFillColor(colors.HexColor("#e9e9e9"))
    c.rect(left, y - 14, right - left, 14, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.drawString(left + 4, y - 10, "PART #")
    c.drawString(left + 110, y - 10, "DESCRIPTION")
    c.drawRightString(right - 8, y - 10, "QTY")
    c.setLineWidth(0.4)
    rows = max(4, len(rep["parts"]))
    for k in range(rows):
        row = y - 14 - 16 * (k + 1)
        c.line(left, row, right, row)
        if k < len(rep["parts"]):
            part = rep["parts"][k]
            c.setFont("Helvetica", 9.5)
            c.drawString(left + 4, row + 5, part["sku"])
            c.drawString(left + 110, row + 5, part["description"])
            c.drawRightString(right - 8, row + 5, number(part["qty"]))
    c.rect(left, y - 14 - 16 * rows, right - left, 14 + 16 * rows)
    c.line(left + 106, y, left + 106, y - 14 - 16 * rows)
    c.line(right - 60, y, right - 60, y - 14 - 16 * rows)
    y -= 14 + 16 * rows + 18

    # authorization
    c.setFont("Helvetica", 7)
    for k, text in enumerate(
        wrap(
            "I authorize the work described above and acknowledge that it has been completed in "
            "a satisfactory manner. Equipment was left in operating condition unless noted "
            "otherwise. Invoice to follow under separate cover.",
            "Helvetica",
            7,
            right - left,
        )
    ):
        c.drawString(left, y - 9 * k, text)
    y -= 52
    c.setLineWidth(0.7)
    c.line(left, y, left + 300, y)
    c.line(left + 330, y, left + 450, y)
    c.setFont("Helvetica-Bold", 6.5)
    c.drawString(left, y - 9, "CUSTOMER SIGNATURE")
    c.drawString(left + 330, y - 9, "DATE")
    signed = rep["customer_signature"]
    if signed:
        draw_signature(c, left + 10, y + 1, 200, 32, f"{case['case_id']}-customer")
        c.setFont("Helvetica", 10)
        c.drawString(left + 334, y + 4, wall(rep["completed_at"]).strftime("%m/%d/%Y"))
    tick_box(c, left, y - 30, 9, not signed)
    c.setFont("Helvetica", 8.5)
    c.drawString(left + 14, y - 28.5, "Customer not available to sign")

    # footer
    c.setFont("Helvetica", 6.5)
    c.setFillColor(colors.HexColor("#555555"))
    c.drawString(
        left,
        30,
        "All parts and labor warranted for 90 days from date of service. "
        "Thank you for your business.",
    )
    c.drawRightString(right, 30, "Page 1 of 1")
    c.showPage()
    c.save()


def gb_job_sheet(case: Case, locale: str, path: Path) -> None:
    """A UK engineer's job sheet with tick boxes drawn as rectangles, raw canvas on A4."""
    rep = case["service_report"]
    region = case["customer"]["region"]
    firm = party(report_firm(case), region)
    site = party(case["customer"]["name"], region)
    width, _height = A4
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(f"Job sheet {rep['work_order_id']}")
    c.setAuthor(firm.name)
    left, right = 40.0, width - 40.0
    blue = colors.HexColor("#123c69")
    shade = colors.HexColor("#e4ebf3")

    c.setFillColor(blue)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(left, 800, firm.name)
    c.setFillColor(colors.black)
    c.setFont("Helvetica", 7.8)
    c.drawString(left, 788, f"{firm.street}, {firm.city} · Tel {firm.phone}")
    c.drawString(
        left,
        778,
        f"Gas Safe Reg. {_digits(6, 'gs', firm.name)} · F-Gas Cert. REF"
        + _digits(4, "fg", firm.name),
    )
    c.setFont("Helvetica-Bold", 13)
    c.drawRightString(right, 802, "ENGINEER'S JOB SHEET")
    c.setLineWidth(0.8)
    c.rect(right - 130, 766, 130, 26)
    c.setFont("Helvetica", 6.5)
    c.drawString(right - 126, 785, "Job No.")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(right - 126, 771, rep["work_order_id"])
    c.setLineWidth(1.2)
    c.setStrokeColor(blue)
    c.line(left, 758, right, 758)
    c.setStrokeColor(colors.black)

    arrived, reported, completed = (
        wall(rep["arrived_at"]),
        wall(rep["reported_at"]),
        wall(rep["completed_at"]),
    )
    grid = [
        (("Client", case["customer"]["name"]), ("Date of visit", arrived.strftime("%d/%m/%Y"))),
        (("Site address", f"{site.street}, {site.city}"), ("Engineer", rep["technician"])),
        (
            ("Site contact", site.contact),
            (
                "Vehicle reg.",
                _pick(["VN", "KX", "LB", "YH"], "reg", rep["technician"])
                + _digits(2, "reg", rep["technician"])
                + " "
                + _pick(["KXR", "MFE", "TOA", "HGD"], "reg2", rep["technician"]),
            ),
        ),
        (("Equipment", case["asset"]["model"]), ("Asset No.", case["asset"]["id"])),
    ]
    y = 748
    c.setLineWidth(0.5)
    for row in grid:
        for k, (label, value) in enumerate(row):
            x = left + k * 300
            w = 300 if k == 0 else right - left - 300
            c.setFillColor(shade)
            c.rect(x, y - 18, 72, 18, stroke=1, fill=1)
            c.setFillColor(colors.black)
            c.rect(x + 72, y - 18, w - 72, 18)
            c.setFont("Helvetica-Bold", 7.5)
            c.drawString(x + 4, y - 12, label)
            c.setFont("Helvetica", 9)
            c.drawString(x + 76, y - 12.5, value)
        y -= 18

    # type of work
    y -= 18
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(left, y, "Type of work (tick one)")
    y -= 18
    kinds = ["preventive_maintenance", "repair", "emergency_repair", "installation", "inspection"]
    x = left
    for kind in kinds:
        word = SERVICE_WORDS["en-GB"][kind]
        tick_box(c, x, y - 2, 10, rep["service_type"] == kind)
        c.setFont("Helvetica", 8.5)
        c.drawString(x + 14, y, word)
        x += 14 + c.stringWidth(word, "Helvetica", 8.5) + 20

    # times and hours
    y -= 24
    c.setFillColor(shade)
    c.rect(left, y - 15, 300, 15, stroke=1, fill=1)
    c.setFillColor(colors.black)
    c.setFont("Helvetica-Bold", 7.5)
    c.drawString(left + 4, y - 10.5, "Times")
    c.drawString(left + 130, y - 10.5, "Date")
    c.drawString(left + 220, y - 10.5, "Time")
    c.setFont("Helvetica", 9)
    for k, (label, t) in enumerate(
        [("Call logged", reported), ("Arrived on site", arrived), ("Job completed", completed)]
    ):
        row = y - 15 - 17 * (k + 1)
        c.rect(left, row, 300, 17)
        c.drawString(left + 4, row + 5, label)
        c.drawString(left + 130, row + 5, t.strftime("%d/%m/%Y"))
        c.drawString(left + 220, row + 5, t.strftime("%H:%M"))
    for k, (label, hours) in enumerate(
        [("Travel time (hrs)", rep["travel_hours"]), ("Labour (hrs)", rep["labor_hours"])]
    ):
        bx = left + 320 + k * 100
        c.rect(bx, y - 66, 92, 66)
        c.setFont("Helvetica-Bold", 7.5)
        c.drawCentredString(bx + 46, y - 11, label)
        c.setFont("Helvetica", 15)
        c.drawCentredString(bx + 46, y - 44, number(hours, places=2))
    y -= 88

    # work carried out: typed onto ruled lines
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(left, y, "Work carried out / findings")
    lines = wrap(rep["notes"].strip(), "Helvetica", 9.5, right - left - 8)
    c.setStrokeColor(colors.HexColor("#9aaabb"))
    c.setLineWidth(0.4)
    for k in range(max(7, len(lines))):
        c.line(left, y - 17 * (k + 1) - 3, right, y - 17 * (k + 1) - 3)
    c.setStrokeColor(colors.black)
    c.setFont("Helvetica", 9.5)
    for k, text in enumerate(lines):
        c.drawString(left + 3, y - 17 * (k + 1), text)
    y -= 17 * max(7, len(lines)) + 22

    # materials
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(left, y, "Materials used")
    y -= 5
    c.setFillColor(shade)
    c.rect(left, y - 15, right - left, 15, stroke=1, fill=1)
    c.setFillColor(colors.black)
    c.setFont("Helvetica-Bold", 7.5)
    c.drawString(left + 4, y - 10.5, "Part No.")
    c.drawString(left + 100, y - 10.5, "Description")
    c.drawRightString(right - 6, y - 10.5, "Qty")
    for k in range(max(3, len(rep["parts"]))):
        row = y - 15 - 16 * (k + 1)
        c.rect(left, row, right - left, 16)
        if k < len(rep["parts"]):
            part = rep["parts"][k]
            c.setFont("Helvetica", 9)
            c.drawString(left + 4, row + 5, part["sku"])
            c.drawString(left + 100, row + 5, part["description"])
            c.drawRightString(right - 6, row + 5, number(part["qty"]))
    y -= 15 + 16 * max(3, len(rep["parts"])) + 20

    # safety checks, drawn ticks
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(left, y, "Checks")
    checks = [
        ("Safe isolation confirmed", True),
        ("Leak / function test passed", True),
        ("Area left clean and tidy", True),
        ("Further work required", False),
    ]
    x = left + 50
    for label, ok in checks:
        tick_box(c, x, y - 2, 9, ok, mark="tick")
        c.setFont("Helvetica", 7.8)
        c.drawString(x + 13, y, label)
        x += 13 + c.stringWidth(label, "Helvetica", 7.8) + 14
    y -= 26

    # customer sign-off
    signed = rep["customer_signature"]
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(left, y, "Customer sign-off")
    c.setFont("Helvetica", 7)
    c.drawString(
        left,
        y - 10,
        "I confirm that the engineer attended site and carried out the work described above.",
    )
    y -= 18
    cells = [("Print name", 170), ("Signature", 210), ("Date", right - left - 380)]
    x = left
    for label, w in cells:
        c.rect(x, y - 40, w, 40)
        c.setFont("Helvetica", 6.5)
        c.drawString(x + 3, y - 8, label)
        x += w
    if signed:
        c.setFont("Helvetica", 10)
        c.drawString(left + 6, y - 30, site.contact)
        draw_signature(c, left + 176, y - 38, 190, 28, f"{case['case_id']}-customer")
        c.drawString(left + 386, y - 30, completed.strftime("%d/%m/%Y"))
    tick_box(c, left, y - 58, 9, not signed)
    c.setFont("Helvetica", 8)
    c.drawString(left + 13, y - 56.5, "Customer not available to sign")

    c.setFont("Helvetica", 6.3)
    c.setFillColor(colors.HexColor("#555555"))
    c.drawString(
        left,
        26,
        f"{firm.name} · {firm.register or firm.web} · White copy: office · Yellow copy: customer",
    )
    c.drawRightString(right, 26, "Sheet 1 of 1")
    c.showPage()
    c.save()


CHECKS_SHORT = [
    ("Anlage vor Arbeitsbeginn freigeschaltet und gesichert", "i.O."),
    ("Sichtprüfung Gehäuse und Verkleidung", "i.O."),
    ("Elektrische Anschlüsse und Klemmen geprüft", "i.O."),
    ("Schutzleiterverbindung geprüft", "i.O."),
    ("Sicherheitseinrichtungen geprüft", "i.O."),
    ("Funktionsprüfung nach Abschluss der Arbeiten", "i.O."),
    ("Arbeitsbereich sauber verlassen", "i.O."),
    ("Kunde über Ergebnis informiert", "i.O."),
]
CHECKS_LONG = [
    ("Verdampfer gereinigt", "i.O."),
    ("Verflüssiger gereinigt", "i.O."),
    ("Kondensatablauf geprüft und gereinigt", "i.O."),
    ("Luftfilter geprüft", "i.O."),
    ("Keilriemen Spannung und Zustand", "i.O."),
    ("Lager auf Laufgeräusche geprüft", "i.O."),
    ("Ventilatoren Laufruhe", "i.O."),
    ("Kältemittelfüllung (Schauglas)", "i.O."),
    ("Dichtheitsprüfung Kältekreis", "i.O."),
    ("Hochdruckschalter Auslösewert", "{hp} bar"),
    ("Niederdruckschalter Auslösewert", "{lp} bar"),
    ("Verdichter Stromaufnahme L1", "{a1} A"),
    ("Verdichter Stromaufnahme L2", "{a2} A"),
    ("Verdichter Stromaufnahme L3", "{a3} A"),
    ("Ölstand Verdichter", "i.O."),
    ("Überhitzung gemessen", "{sh} K"),
    ("Unterkühlung gemessen", "{sc} K"),
    ("Temperaturfühler geprüft", "i.O."),
    ("Regler-Sollwerte geprüft", "i.O."),
    ("Störmeldespeicher ausgelesen", "i.O."),
    ("Betriebsstunden abgelesen", "{bh} h"),
    ("Magnetventile Funktion", "i.O."),
    ("Abtauung Funktion", "i.O."),
    ("Türdichtungen geprüft", "i.O."),
    ("Isolierung der Rohrleitungen", "i.O."),
    ("Schwingungsdämpfer geprüft", "i.O."),
    ("Kennzeichnung vollständig", "i.O."),
    ("Anlagenbuch ergänzt", "i.O."),
]


def servicebericht(case: Case, locale: str, path: Path) -> None:
    """German field-service app report (platypus) whose checklist runs over two pages."""
    rep = case["service_report"]
    region = case["customer"]["region"]
    swiss = region == "CH"
    point = "." if swiss else ","
    firm = party(report_firm(case), region)
    site = party(case["customer"]["name"], region)
    font = _font("DejaVuSansCondensed", "DejaVuSansCondensed.ttf", "Helvetica")
    bold = _font("DejaVuSansCondensed-Bold", "DejaVuSansCondensed-Bold.ttf", "Helvetica-Bold")
    margin = 16 * MM
    width = A4[0] - 2 * margin
    grey = colors.HexColor("#ececec")
    dark = colors.HexColor("#2b2b2b")
    accent = colors.HexColor("#c0392b")
    cell = _style("c", font, 8.6)
    cell_b = _style("cb", bold, 8.6)
    small = _style("s", font, 7.2, textColor=colors.HexColor("#555555"))
    h2 = _style("h2", bold, 10.5, textColor=accent, spaceBefore=8, spaceAfter=4)
    notes_style = _style("n", font, 9.2, alignment=TA_JUSTIFY, leading=12.5)

    def hours(v: float) -> str:
        return f"{number(v, point, 2)} Std."

    def stamp(iso: str) -> tuple[str, str]:
        t = wall(iso)
        return t.strftime("%d.%m.%Y"), t.strftime("%H:%M") + " Uhr"

    rnd = random.Random(case["case_id"])
    measured = {
        "hp": f"{rnd.uniform(22, 26):.1f}".replace(".", point),
        "lp": f"{rnd.uniform(1.2, 2.4):.1f}".replace(".", point),
        "a1": f"{rnd.uniform(9, 14):.1f}".replace(".", point),
        "a2": f"{rnd.uniform(9, 14):.1f}".replace(".", point),
        "a3": f"{rnd.uniform(9, 14):.1f}".replace(".", point),
        "sh": f"{rnd.uniform(5, 8):.1f}".replace(".", point),
        "sc": f"{rnd.uniform(3, 6):.1f}".replace(".", point),
        "bh": f"{rnd.randrange(8000, 42000)}",
    }
    checks = CHECKS_SHORT + (
        CHECKS_LONG if rep["service_type"] in ("preventive_maintenance", "inspection") else []
    )

    def story() -> list[Any]:
        def grid(rows: list[tuple[str, str, str, str]]) -> Any:
            table = Table(
                [
                    [
                        Paragraph(a, cell_b),
                        Paragraph(esc(b), cell),
                        Paragraph(c_, cell_b),
                        Paragraph(esc(d), cell),
                    ]
                    for a, b, c_, d in rows
                ],
                colWidths=[width * 0.19, width * 0.31, width * 0.17, width * 0.33],
            )
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
                        ("BACKGROUND", (0, 0), (0, -1), grey),
                        ("BACKGROUND", (2, 0), (2, -1), grey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            return table

        master = grid(
            [
                ("Auftragsnummer", rep["work_order_id"], "Kundennummer", case["customer"]["id"]),
                ("Kunde", case["customer"]["name"], "Anlage", case["asset"]["model"]),
                ("Standort", f"{site.street}, {site.city}", "Anlagen-Nr.", case["asset"]["id"]),
                (
                    "Auftragsart",
                    SERVICE_WORDS["de"][rep["service_type"]],
                    "Techniker",
                    rep["technician"],
                ),
            ]
        )
        times = Table(
            [[Paragraph(t, cell_b) for t in ("Zeiterfassung", "Datum", "Uhrzeit")]]
            + [
                [
                    Paragraph(label, cell),
                    Paragraph(stamp(iso)[0], cell),
                    Paragraph(stamp(iso)[1], cell),
                ]
                for label, iso in (
                    ("Auftragseingang / Störungsmeldung", rep["reported_at"]),
                    ("Ankunft beim Kunden", rep["arrived_at"]),
                    ("Arbeitsende", rep["completed_at"]),
                )
            ]
            + [
                [Paragraph("Arbeitszeit", cell_b), Paragraph(hours(rep["labor_hours"]), cell), ""],
                [Paragraph("Fahrzeit", cell_b), Paragraph(hours(rep["travel_hours"]), cell), ""],
            ],
            colWidths=[width * 0.4, width * 0.3, width * 0.3],
        )
        times.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
                    ("BACKGROUND", (0, 0), (-1, 0), grey),
                    ("LINEABOVE", (0, 4), (-1, 4), 1, dark),
                ]
            )
        )
        check_rows = [[Paragraph(t, cell_b) for t in ("Nr.", "Prüfpunkt", "Ergebnis", "Bemerkung")]]
        for k, (item, result) in enumerate(checks, start=1):
            check_rows.append(
                [
                    Paragraph(str(k), cell),
                    Paragraph(esc(item), cell),
                    Paragraph(esc(result.format(**measured)), cell),
                    "",
                ]
            )
        check_table = Table(
            check_rows,
            colWidths=[width * 0.07, width * 0.55, width * 0.16, width * 0.22],
            repeatRows=1,
        )
        check_table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
                    ("BACKGROUND", (0, 0), (-1, 0), grey),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
                ]
            )
        )
        parts = [
            [
                Paragraph(t, cell_b)
                for t in ("Pos.", "Artikel-Nr.", "Bezeichnung", "Menge", "Einheit")
            ]
        ]
        for k, part in enumerate(rep["parts"], start=1):
            parts.append(
                [
                    Paragraph(str(k), cell),
                    Paragraph(esc(part["sku"]), cell),
                    Paragraph(esc(part["description"]), cell),
                    Paragraph(
                        number(part["qty"], point), _style("r", font, 8.6, alignment=TA_RIGHT)
                    ),
                    Paragraph("Stk.", cell),
                ]
            )
        if not rep["parts"]:
            parts.append(["", "", Paragraph("Kein Material verbraucht.", cell), "", ""])
        part_table = Table(
            parts,
            colWidths=[width * 0.07, width * 0.18, width * 0.5, width * 0.12, width * 0.13],
            repeatRows=1,
        )
        part_table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
                    ("BACKGROUND", (0, 0), (-1, 0), grey),
                ]
            )
        )
        signed = rep["customer_signature"]
        customer_cell: list[Any] = (
            [
                signature_drawing(f"{case['case_id']}-customer", width * 0.4, 34),
                Paragraph(esc(site.contact), small),
            ]
            if signed
            else [Spacer(1, 12), Paragraph("Kunde nicht anwesend – keine Unterschrift", cell)]
        )
        town = firm.city.split(" ", 1)[-1]
        done_day = wall(rep["completed_at"]).strftime("%d.%m.%Y")
        signatures = Table(
            [
                [
                    Paragraph("Unterschrift Techniker", cell_b),
                    Paragraph("Unterschrift Kunde", cell_b),
                ],
                [
                    [
                        signature_drawing(f"{case['case_id']}-tech", width * 0.4, 34),
                        Paragraph(esc(rep["technician"]), small),
                    ],
                    customer_cell,
                ],
            ],
            colWidths=[width * 0.5, width * 0.5],
            rowHeights=[None, 52],
        )
        signatures.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.5, dark),
                    ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        notes = rep["notes"].strip()
        return [
            Paragraph(
                f"Servicebericht Nr. {esc(rep['work_order_id'])}",
                _style("t", bold, 16, textColor=dark, spaceAfter=8),
            ),
            master,
            Paragraph("Zeiten", h2),
            times,
            Paragraph("Prüfprotokoll", h2),
            check_table,
            Paragraph("Durchgeführte Arbeiten / Befund", h2),
            Paragraph(esc(notes), notes_style) if notes else Spacer(1, 14),
            Paragraph("Materialverbrauch", h2),
            part_table,
            Spacer(1, 12),
            KeepTogether(
                [
                    Paragraph(f"{esc(town)}, {done_day}", cell),
                    Spacer(1, 4),
                    signatures,
                    Spacer(1, 4),
                    Paragraph(
                        "Mit seiner Unterschrift bestätigt der Kunde die Ausführung der oben "
                        "genannten Arbeiten.",
                        small,
                    ),
                ]
            ),
        ]

    def on_page(canv: Any, doc: Any, total: int) -> None:
        canv.saveState()
        canv.setFont(bold, 10)
        canv.setFillColor(accent)
        canv.drawString(margin, A4[1] - 11 * MM, firm.name)
        canv.setFillColor(dark)
        canv.setFont(font, 7.5)
        canv.drawRightString(
            A4[0] - margin, A4[1] - 11 * MM, f"{firm.street} · {firm.city} · {firm.phone}"
        )
        canv.setStrokeColor(accent)
        canv.setLineWidth(1)
        canv.line(margin, A4[1] - 13 * MM, A4[0] - margin, A4[1] - 13 * MM)
        canv.setFont(font, 6.6)
        canv.setFillColor(colors.HexColor("#666666"))
        canv.drawString(margin, 9 * MM, f"{firm.name} · {firm.register} · {firm.web}")
        canv.drawRightString(
            A4[0] - margin,
            9 * MM,
            f"Servicebericht {rep['work_order_id']} – Seite {doc.page} von {total}",
        )
        canv.restoreState()

    _build(
        path,
        story,
        on_page,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=18 * MM,
        bottomMargin=16 * MM,
        title=f"Servicebericht {rep['work_order_id']}",
        author=firm.name,
    )


BON_TEXT = {
    "fr": {
        "title": "BON D'INTERVENTION",
        "no": "N° {wo}",
        "client": "CLIENT",
        "job": "INTERVENTION",
        "client_rows": ["Client", "Adresse", "", "Contact", "Équipement", "N° de parc"],
        "job_rows": [
            "Type",
            "Technicien",
            "Appel reçu le",
            "Arrivée sur site",
            "Fin d'intervention",
            "Main-d'œuvre",
            "Déplacement",
        ],
        "notes": "COMPTE RENDU D'INTERVENTION",
        "parts": "PIÈCES ET FOURNITURES",
        "cols": ["Réf.", "Désignation", "Qté"],
        "sign_tech": "Signature du technicien",
        "sign_client": "Signature du client (lu et approuvé)",
        "unsigned": "Client absent – bon non signé",
        "name": "Nom : {name}",
        "page": "Page 1/1",
    },
    "nl": {
        "title": "WERKBON",
        "no": "Nr. {wo}",
        "client": "KLANT",
        "job": "WERKZAAMHEDEN",
        "client_rows": ["Klant", "Adres", "", "Contactpersoon", "Installatie", "Installatienr."],
        "job_rows": [
            "Soort werk",
            "Monteur",
            "Melding",
            "Aankomst",
            "Gereed",
            "Arbeidsuren",
            "Reisuren",
        ],
        "notes": "UITGEVOERDE WERKZAAMHEDEN",
        "parts": "GEBRUIKTE MATERIALEN",
        "cols": ["Artikelnr.", "Omschrijving", "Aantal"],
        "sign_tech": "Handtekening monteur",
        "sign_client": "Handtekening klant (voor akkoord)",
        "unsigned": "Klant niet aanwezig – niet getekend",
        "name": "Naam: {name}",
        "page": "Pagina 1/1",
    },
}


def bon_intervention(case: Case, locale: str, path: Path) -> None:
    """French "Bon d'intervention" / Dutch "Werkbon", raw canvas with panels on A4."""
    rep = case["service_report"]
    region = case["customer"]["region"]
    lang = locale[:2]
    swiss = locale == "fr-CH"
    text = BON_TEXT[lang]
    firm = party(report_firm(case), region)
    site = party(case["customer"]["name"], region)
    width, height = A4
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(f"{text['title'].title()} {rep['work_order_id']}")
    c.setAuthor(firm.name)
    left, right = 36.0, width - 36.0
    teal = colors.HexColor("#12606b")
    pale = colors.HexColor("#e3eff1")

    def when(iso: str) -> str:
        t = wall(iso)
        if lang == "nl":
            return f"{t:%d-%m-%Y} {t:%H:%M}"
        return f"{t:%d.%m.%Y} {t:%H}h{t:%M}" if swiss else f"{t:%d/%m/%Y} à {t:%H}h{t:%M}"

    def duration(v: float) -> str:
        return f"{number(v, ',', 2)} uur" if lang == "nl" else hours_hm(v)

    # coloured band
    c.setFillColor(teal)
    c.rect(0, height - 78, width, 78, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(left, height - 36, firm.name)
    c.setFont("Helvetica", 8)
    c.drawString(left, height - 50, f"{firm.street} – {firm.city}")
    c.drawString(left, height - 61, f"{firm.phone} – {firm.email}")
    c.setFont("Helvetica-Bold", 15)
    c.drawRightString(right, height - 36, text["title"])
    c.setFont("Helvetica-Bold", 11)
    c.drawRightString(right, height - 54, text["no"].format(wo=rep["work_order_id"]))
    c.setFillColor(colors.black)

    def panel(x: float, y: float, w: float, title: str, rows: list[tuple[str, str]]) -> float:
        c.setFillColor(pale)
        c.rect(x, y - 16, w, 16, stroke=0, fill=1)
        c.setFillColor(teal)
        c.setFont("Helvetica-Bold", 8.5)
        c.drawString(x + 5, y - 11.5, title)
        c.setFillColor(colors.black)
        for k, (label, value) in enumerate(rows):
            row = y - 16 - 17 * (k + 1)
            c.setFont("Helvetica", 7.5)
            c.setFillColor(colors.HexColor("#555555"))
            c.drawString(x + 5, row + 5.5, label)
            c.setFillColor(colors.black)
            c.setFont("Helvetica", 9)
            c.drawString(x + 84, row + 5.5, value)
            c.setStrokeColor(colors.HexColor("#c5d6d9"))
            c.setLineWidth(0.4)
            c.line(x, row, x + w, row)
            c.setStrokeColor(colors.black)
        c.setStrokeColor(teal)
        c.setLineWidth(0.8)
        c.rect(x, y - 16 - 17 * len(rows), w, 16 + 17 * len(rows))
        c.setStrokeColor(colors.black)
        return y - 16 - 17 * len(rows)

    y = height - 100
    client_values = [
        case["customer"]["name"],
        site.street,
        site.city,
        site.contact,
        case["asset"]["model"],
        case["asset"]["id"],
    ]
    job_values = [
        SERVICE_WORDS[lang][rep["service_type"]],
        rep["technician"],
        when(rep["reported_at"]),
        when(rep["arrived_at"]),
        when(rep["completed_at"]),
        duration(rep["labor_hours"]),
        duration(rep["travel_hours"]),
    ]
    half = (right - left - 12) / 2
    bottom = min(
        panel(
            left,
            y,
            half,
            text["client"],
            list(zip(text["client_rows"], client_values, strict=True)),
        ),
        panel(
            left + half + 12,
            y,
            half,
            text["job"],
            list(zip(text["job_rows"], job_values, strict=True)),
        ),
    )

    # report box
    y = bottom - 18
    c.setFillColor(pale)
    c.rect(left, y - 16, right - left, 16, stroke=0, fill=1)
    c.setFillColor(teal)
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(left + 5, y - 11.5, text["notes"])
    c.setFillColor(colors.black)
    box_h = 150
    c.setStrokeColor(teal)
    c.rect(left, y - 16 - box_h, right - left, 16 + box_h)
    c.setStrokeColor(colors.black)
    c.setFont("Helvetica", 9.5)
    for k, line in enumerate(wrap(rep["notes"].strip(), "Helvetica", 9.5, right - left - 14)):
        c.drawString(left + 7, y - 32 - 12.5 * k, line)
    y -= 16 + box_h + 18

    # parts
    c.setFillColor(pale)
    c.rect(left, y - 16, right - left, 16, stroke=0, fill=1)
    c.setFillColor(teal)
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(left + 5, y - 11.5, text["parts"])
    c.setFillColor(colors.black)
    y -= 16
    c.setFont("Helvetica-Bold", 7.8)
    c.drawString(left + 5, y - 11, text["cols"][0])
    c.drawString(left + 95, y - 11, text["cols"][1])
    c.drawRightString(right - 8, y - 11, text["cols"][2])
    rows = max(3, len(rep["parts"]))
    c.setLineWidth(0.4)
    for k in range(rows + 1):
        c.line(left, y - 15 - 16 * k, right, y - 15 - 16 * k)
    for k, part in enumerate(rep["parts"]):
        row = y - 15 - 16 * (k + 1)
        c.setFont("Helvetica", 9)
        c.drawString(left + 5, row + 5, part["sku"])
        c.drawString(left + 95, row + 5, part["description"])
        c.drawRightString(
            right - 8, row + 5, number(part["qty"], "," if lang == "nl" or not swiss else ".")
        )
    c.setStrokeColor(teal)
    c.rect(left, y - 15 - 16 * rows, right - left, 15 + 16 * rows)
    c.setStrokeColor(colors.black)
    y -= 15 + 16 * rows + 24

    # signatures
    for k, title in enumerate((text["sign_tech"], text["sign_client"])):
        x = left + k * (half + 12)
        c.setStrokeColor(teal)
        c.rect(x, y - 80, half, 80)
        c.setStrokeColor(colors.black)
        c.setFont("Helvetica-Bold", 8)
        c.drawString(x + 5, y - 11, title)
    draw_signature(c, left + 20, y - 64, half - 60, 38, f"{case['case_id']}-tech")
    c.setFont("Helvetica", 8)
    c.drawString(left + 5, y - 75, text["name"].format(name=rep["technician"]))
    x = left + half + 12
    if rep["customer_signature"]:
        draw_signature(c, x + 20, y - 64, half - 60, 38, f"{case['case_id']}-customer")
        c.setFont("Helvetica", 8)
        c.drawString(x + 5, y - 75, text["name"].format(name=site.contact))
    else:
        c.setFont("Helvetica-Oblique", 9)
        c.drawString(x + 5, y - 45, text["unsigned"])

    c.setFont("Helvetica", 6.5)
    c.setFillColor(colors.HexColor("#555555"))
    legal = " – ".join(t for t in (firm.name, firm.register, firm.vat) if t)
    c.drawString(left, 24, legal)
    c.drawRightString(right, 24, text["page"])
    c.showPage()
    c.save()


# --------------------------------------------------------------------------- family


@dataclass
class ReportLabLayout:
    name: str
    doc_type: str  # "invoice" or "service_report"
    locales: dict[str, str]  # region served -> locale it prints in
    render: Callable[[Case, str, Path], None]
    prints_zone: bool = False  # timestamps printed with a time zone: truth keeps the offset

    def serves(self, region: str) -> bool:
        return region in self.locales

    def locale(self, region: str) -> str:
        return self.locales[region]


def _regions(locale: str, *regions: str) -> dict[str, str]:
    return dict.fromkeys(regions, locale)


LAYOUTS: list[ReportLabLayout] = [
    ReportLabLayout(
        "ledger_invoice",
        "invoice",
        {**_regions("en-US", *US_REGIONS), "GB": "en-GB"},
        ledger_invoice,
    ),
    ReportLabLayout("sap_rechnung", "invoice", {"DE": "de-DE", "AT": "de-AT"}, sap_rechnung),
    ReportLabLayout("qr_rechnung", "invoice", {"CH": "de-CH"}, qr_rechnung),
    ReportLabLayout(
        "utility_bill",
        "invoice",
        {"NL": "nl-NL", "FR": "fr-FR", "CH": "fr-CH", "GB": "en-GB"},
        utility_bill,
    ),
    ReportLabLayout(
        "us_work_order",
        "service_report",
        _regions("en-US", *US_REGIONS),
        us_work_order,
        prints_zone=True,
    ),
    ReportLabLayout("gb_job_sheet", "service_report", {"GB": "en-GB"}, gb_job_sheet),
    ReportLabLayout(
        "servicebericht",
        "service_report",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH"},
        servicebericht,
    ),
    ReportLabLayout(
        "bon_intervention",
        "service_report",
        {"FR": "fr-FR", "CH": "fr-CH", "NL": "nl-NL"},
        bon_intervention,
    ),
]


def available() -> bool:
    """Whether ReportLab (the ``reportlab`` package) can be imported."""
    return HAVE_REPORTLAB


def render_all(out_dir: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Render every case's report and invoice into ``out_dir``; write and return the truth."""
    if not available():
        raise RuntimeError(
            "reportlab layouts need the reportlab package: run scripts/bench-setup.sh"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    for case, layout in rotate(cases if cases is not None else load_cases(), LAYOUTS):
        locale = layout.locale(case["customer"]["region"])
        record = document_record(case, layout.doc_type, layout.name, locale, layout.prints_zone)
        target = out_dir / record["file"]
        target.unlink(missing_ok=True)
        layout.render(case, locale, target)
        records.append(record)
    write_truth(out_dir, records)
    return records


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="reportlab_pdfs_"))
    records = render_all(out)
    print(f"wrote {len(records)} PDFs and truth.jsonl to {out}")


if __name__ == "__main__":
    main()
