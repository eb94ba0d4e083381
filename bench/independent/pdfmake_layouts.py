"""pdfmake layouts for the hand-written cases in ``cases.jsonl``.

A fourth, independent document generator for the extraction benchmark. It prints the
cases' invoices and service reports the way web and mobile billing / field-service apps
do when they use pdfmake (pdfkit underneath): Python builds each document's pdfmake
*document definition* (columns, stacks, tables with their own layouts, canvas drawings,
QR codes, watermarks, running headers and footers), and one ``node render.js`` call
renders them all (``bench/independent/pdfmake/``; ``scripts/bench-setup.sh`` installs
pdfmake there).

Eight layouts, four invoices and four service reports:

- ``pdfmake_webapp_invoice`` (US, GB): a SaaS billing app's invoice, logo box and a
  key/value meta table in a two-column header, zebra line items with a per-line tax
  column, a nested totals table, a pay-online QR code or a PAID watermark.
- ``pdfmake_mobile_cards_invoice`` (NL, FR, DE, AT, GB, US-TX): a mobile invoicing app on
  A5, a total "hero" box and one card per line ("2 h × €45.00 = €90.00").
- ``pdfmake_dach_rechnung`` (DE, AT, CH): a German web ERP export with an address window,
  an info block, a Pos./Art.-Nr. table without currency symbols, the legal footer and, in
  Switzerland, a QR payment part on its own page.
- ``pdfmake_facture_factuur`` (FR, NL): a dark-banded invoice template localised to French
  and Dutch, with an HT/TVA/TTC (excl./btw/incl.) grid and legal mentions.
- ``pdfmake_dispatch_completion`` (US, GB): a dispatch app's completion report, status
  chips, a timeline with GMT offsets, materials as a list, notes in a shaded box.
- ``pdfmake_servicebericht`` (DE, AT, CH): a German "Servicebericht" / Swiss
  "Servicerapport", a two-column key/value grid, the visit date printed once and times.
- ``pdfmake_bon_intervention`` (FR, CH): a French "bon d'intervention" with a ticked
  service-type checkbox row and times as "3 h 15".
- ``pdfmake_mobile_werkbon`` (NL, GB, AT): a mobile work-order app's A5 export, label-over-
  value rows, timestamps with their UTC offset, a checklist and the signature checkbox.

Designed without reference to the extractor, the simulator's renderer or the other layout
generators; it shares only the case rotation and truth helpers of ``layouts.py``.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.independent.layouts import Case, document_record, load_cases, rotate, write_truth

HERE = Path(__file__).resolve().parent
RENDERER_DIR = HERE / "pdfmake"
RENDER_JS = RENDERER_DIR / "render.js"

Node = dict[str, Any]

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: the French group separator of Intl.NumberFormat


def stable(text: str) -> int:
    """A small deterministic number for picking variants (not Python's salted hash)."""
    return zlib.crc32(text.encode())


# --------------------------------------------------------------------------- numbers


SEPARATORS: dict[str, tuple[str, str]] = {  # locale -> (decimal, group)
    "en-US": (".", ","),
    "en-GB": (".", ","),
    "de-DE": (",", "."),
    "de-AT": (",", "."),
    "de-CH": (".", "'"),
    "fr-FR": (",", NBSP),
    "fr-CH": (",", NBSP),
    "nl-NL": (",", "."),
}
SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def places_for(value: float, least: int = 0, most: int = 3) -> int:
    """The fewest decimals (at least ``least``) that print ``value`` exactly."""
    for places in range(least, most + 1):
        if abs(round(value, places) - value) < 1e-9:
            return places
    return most


def num(
    value: float, loc: str, places: int | None = None, least: int = 0, group: str | None = None
) -> str:
    """``value`` with the locale's separators; ``places`` fixed or the fewest exact ones."""
    decimal, sep = SEPARATORS[loc]
    sep = sep if group is None else group
    digits = places if places is not None else places_for(value, least)
    text = f"{abs(value):.{digits}f}"
    whole, _, frac = text.partition(".")
    grouped = ""
    while len(whole) > 3:
        grouped = sep + whole[-3:] + grouped
        whole = whole[:-3]
    out = whole + grouped + (decimal + frac if frac else "")
    return ("-" + out) if value < 0 and round(abs(value), digits) > 0 else out


def money(
    value: float,
    loc: str,
    currency: str,
    *,
    parens: bool = False,
    symbol: bool = True,
    group: str | None = None,
) -> str:
    """An amount as the locale's apps print it: $1,234.56, 1.234,56 €, € 1.234,56, CHF 1'234.56."""
    body = num(abs(value), loc, places=2, group=group)
    neg = value < 0 and round(abs(value), 2) > 0
    if not symbol:
        return ("-" if neg else "") + body
    sym = SYMBOLS.get(currency, currency)
    if loc in ("en-US", "en-GB"):
        text = f"{sym}{body}" if len(sym) == 1 else f"{sym} {body}"
        if neg:
            return f"({text})" if parens else f"-{text}"
        return text
    sign = "-" if neg else ""
    if loc in ("de-DE", "fr-FR", "fr-CH"):
        return f"{sign}{body}{NBSP}{sym}"
    if loc == "de-AT":
        return f"{sign}{sym}{NBSP}{body}"
    return f"{sym}{NBSP}{sign}{body}"  # nl-NL, de-CH


def pct(rate: float, loc: str) -> str:
    """A tax rate: 8.875%, 19 %, 8.1 %, 20 %, 21%."""
    value = round(rate * 100, 6)
    text = num(value, loc, group="")
    if loc in ("de-DE", "de-AT", "de-CH", "fr-FR", "fr-CH"):
        return f"{text}{NBSP}%"
    return f"{text}%"


# --------------------------------------------------------------------------- dates and times

EN_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DE_MONTH = [
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
FR_MONTH = [
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
FR_MON = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]
NL_MON = [
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
]
DE_WEEKDAY = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]


def day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def stamp(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def fmt_date(d: date, style: str) -> str:
    """The date styles apps print: Jan 14, 2026 / 14 Jan 2026 / 14.01.2026 / 1er mars 2026 ..."""
    m = d.month - 1
    if style == "us_short":
        return f"{EN_MON[m]} {d.day}, {d.year}"
    if style == "us_num":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "gb_short":
        return f"{d.day} {EN_MON[m]} {d.year}"
    if style == "gb_num":
        return d.strftime("%d/%m/%Y")
    if style == "de_num":
        return d.strftime("%d.%m.%Y")
    if style == "de_long":
        return f"{d.day}. {DE_MONTH[m]} {d.year}"
    if style == "fr_long":
        return f"{'1er' if d.day == 1 else d.day} {FR_MONTH[m]} {d.year}"
    if style == "fr_short":
        return f"{d.day} {FR_MON[m]} {d.year}"
    if style == "fr_num":
        return d.strftime("%d/%m/%Y")
    if style == "nl_short":
        return f"{d.day} {NL_MON[m]} {d.year}"
    if style == "nl_num":
        return d.strftime("%d-%m-%Y")
    if style == "iso":
        return d.isoformat()
    raise ValueError(f"unknown date style {style!r}")


def clock(ts: datetime, style: str = "24") -> str:
    """A wall-clock time: 13:45, 1:45 PM, 13h45."""
    if style == "12":
        hour = ts.hour % 12 or 12
        return f"{hour}:{ts.minute:02d} {'AM' if ts.hour < 12 else 'PM'}"
    if style == "fr":
        return f"{ts.hour:02d}h{ts.minute:02d}"
    return f"{ts.hour:02d}:{ts.minute:02d}"


def offset_minutes(ts: datetime) -> int:
    off = ts.utcoffset()
    return 0 if off is None else int(off.total_seconds() // 60)


def gmt_label(ts: datetime) -> str:
    """The offset as browsers print timeZoneName 'shortOffset': GMT, GMT+1, GMT-5, GMT+5:30."""
    mins = offset_minutes(ts)
    if mins == 0:
        return "GMT"
    sign = "+" if mins > 0 else "-"
    hours, rest = divmod(abs(mins), 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def utc_label(ts: datetime) -> str:
    """The offset spelled out: UTC+01:00, UTC-05:00."""
    mins = offset_minutes(ts)
    sign = "+" if mins >= 0 else "-"
    hours, rest = divmod(abs(mins), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def hours_hm(value: float, style: str) -> str:
    """A duration as 3h 15m or, French style, 3 h 15."""
    minutes = round(value * 60)
    hours, rest = divmod(minutes, 60)
    if style == "fr":
        return f"{hours} h {rest:02d}"
    return f"{hours}h {rest:02d}m" if rest else f"{hours}h"


# --------------------------------------------------------------------------- vocabulary

SERVICE_TYPES: dict[str, dict[str, str]] = {
    "en-US": {
        "preventive_maintenance": "Preventive maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency repair",
    },
    "en-GB": {
        "preventive_maintenance": "Planned preventive maintenance",
        "repair": "Reactive repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency call-out",
    },
    "de": {
        "preventive_maintenance": "Wartung",
        "repair": "Reparatur",
        "installation": "Montage / Installation",
        "inspection": "Inspektion",
        "emergency_repair": "Notdienst (Störungsbeseitigung)",
    },
    "fr": {
        "preventive_maintenance": "Maintenance préventive",
        "repair": "Dépannage",
        "installation": "Installation",
        "inspection": "Contrôle",
        "emergency_repair": "Dépannage urgent",
    },
    "nl": {
        "preventive_maintenance": "Preventief onderhoud",
        "repair": "Reparatie",
        "installation": "Installatie",
        "inspection": "Inspectie",
        "emergency_repair": "Spoedreparatie",
    },
}


def service_label(case: Case, key: str) -> str:
    return SERVICE_TYPES[key][case["service_report"]["service_type"]]


def lang(loc: str) -> str:
    return loc.split("-")[0]


# Made-up addresses and registrations, picked per name so a customer keeps its address.
STREETS: dict[str, list[tuple[str, str]]] = {
    "DE": [("Am Westpark 12", "80339 München"), ("Hafenstraße 41", "20457 Hamburg")],
    "AT": [("Mariahilfer Gürtel 18", "1060 Wien"), ("Salzachweg 3", "5020 Salzburg")],
    "CH": [("Seestrasse 112", "8002 Zürich"), ("Quai du Mont-Blanc 9", "1201 Genève")],
    "FR": [("12 rue des Tanneurs", "69002 Lyon"), ("4 avenue Jean-Jaurès", "31000 Toulouse")],
    "NL": [("Kanaalweg 22", "3526 KL Utrecht"), ("Industrieweg 5", "5651 AB Eindhoven")],
    "GB": [("14 Canal Street", "Manchester M1 3HE"), ("2 Queensway", "Reading RG1 1AA")],
    "US-NY": [("410 Route 9W", "Newburgh, NY 12550"), ("1200 Grand Concourse", "Bronx, NY 10456")],
    "US-TX": [
        ("7800 Harwin Dr", "Houston, TX 77036"),
        ("215 Commerce St", "San Antonio, TX 78205"),
    ],
    "US-CA": [("955 Harbor Way", "Richmond, CA 94804"), ("31 Industrial Pkwy", "Chico, CA 95928")],
}
SELLER_STREETS: dict[str, tuple[str, str]] = {
    "DE": ("Gewerbering 4", "40549 Düsseldorf"),
    "AT": ("Industriezeile 27", "4020 Linz"),
    "CH": ("Hardturmstrasse 161", "8005 Zürich"),
    "FR": ("ZA des Pierres 8", "69800 Saint-Priest"),
    "NL": ("Atoomweg 50", "3542 AB Utrecht"),
    "GB": ("Unit 6, Trafford Park", "Manchester M17 1DE"),
    "US-NY": ("88 Pine St, Suite 400", "New York, NY 10005"),
    "US-TX": ("2600 Mockingbird Ln", "Dallas, TX 75235"),
    "US-CA": ("4100 E 3rd St", "Oakland, CA 94601"),
}
TAX_IDS = {
    "DE": "USt-IdNr. DE287441906",
    "AT": "UID ATU61234587",
    "CH": "CHE-112.334.556 MWST",
    "FR": "N° TVA FR47812334556",
    "NL": "Btw-id NL862344551B01",
    "GB": "VAT Reg. No. GB 284 5519 03",
    "US-NY": "EIN 84-2231907",
    "US-TX": "EIN 84-2231907",
    "US-CA": "EIN 84-2231907",
}
IBANS = {
    "DE": "DE44 3005 0110 1008 4417 22",
    "AT": "AT61 1904 3002 3457 3201",
    "CH": "CH93 0076 2011 6238 5295 7",
    "FR": "FR76 3000 6000 0112 3456 7890 189",
    "NL": "NL91 ABNA 0417 1643 00",
    "GB": "Sort code 20-00-00 · Account 55779911",
}
ACCENTS = ["#2563EB", "#0F766E", "#7C3AED", "#B45309", "#BE123C", "#0369A1"]


def customer_address(case: Case) -> tuple[str, str]:
    options = STREETS[case["customer"]["region"]]
    return options[stable(case["invoice"]["bill_to"]) % len(options)]


def seller_address(case: Case) -> tuple[str, str]:
    return SELLER_STREETS[case["customer"]["region"]]


def accent(case: Case) -> str:
    return ACCENTS[stable(case["invoice"]["issuer"]) % len(ACCENTS)]


def initials(name: str) -> str:
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words[:2]) or "•"


def domain(name: str) -> str:
    word = "".join(ch for ch in name.split()[0].lower() if ch.isalnum())
    return f"{word or 'billing'}-service.example"


def is_paid(case: Case, salt: str) -> bool:
    return stable(case["case_id"] + salt) % 3 == 0


# --------------------------------------------------------------------------- pdfmake helpers


def spec(**options: Any) -> Node:
    """A declarative table layout that render.js turns into pdfmake's layout functions."""
    return {"spec": options}


NO_LINES = spec(hLines="none", vLines="none", padding=[0, 0, 1, 1])


def kv_table(rows: list[tuple[str, str]], widths: list[Any], **style: Any) -> Node:
    body = [
        [{"text": k, "color": style.get("label_color", "#6B7280")}, {"text": v, "bold": True}]
        for k, v in rows
    ]
    if style.get("align_right"):
        for row in body:
            row[1]["alignment"] = "right"
    return {"table": {"widths": widths, "body": body}, "layout": style.get("layout", NO_LINES)}


def check_run(text: str, **style: Any) -> Node:
    """A run in DejaVu Sans, which has the ✓ ☑ ☐ glyphs the other fonts lack."""
    return {"text": text, "font": "DejaVuSans", **style}


def squiggle(seed: str, width: float = 150, height: float = 34) -> Node:
    """A drawn signature: a deterministic looped scribble (a prolate cycloid) on a line."""
    n = stable(seed)
    loops = 5 + n % 4
    steps = loops * 12
    radius = height * (0.28 + (n % 5) / 40)
    points = []
    for i in range(steps + 1):
        phase = 2 * math.pi * loops * i / steps
        x = (width - 2 * radius - 8) * i / steps + radius + 4 - radius * 0.8 * math.sin(phase)
        swell = 1 - 0.5 * abs(math.sin(math.pi * i / steps + n % 3))
        y = height / 2 - radius * swell * math.cos(phase) + (i / steps - 0.5) * height * 0.25
        points.append({"x": round(x, 2), "y": round(y, 2)})
    return {
        "canvas": [
            {"type": "polyline", "lineWidth": 1.1, "lineColor": "#1E3A8A", "points": points},
            {
                "type": "line",
                "x1": 0,
                "y1": height + 4,
                "x2": width,
                "y2": height + 4,
                "lineWidth": 0.5,
                "lineColor": "#9CA3AF",
            },
        ]
    }


def page_footer(node: Node, from_page: int = 1) -> Node:
    """A header/footer drawn on every page; "{page}" and "{pages}" become numbers."""
    return {"pageTemplate": node, "fromPage": from_page}


def unit_for(kind: str, key: str) -> str:
    return UNITS[key][kind]


UNITS: dict[str, dict[str, str]] = {
    "en": {"labor": "hrs", "travel": "hrs", "part": "ea", "fee": "flat", "credit": "—"},
    "de": {
        "labor": "Std.",
        "travel": "Std.",
        "part": "Stk.",
        "fee": "pausch.",
        "credit": "pausch.",
    },
    "fr": {"labor": "h", "travel": "h", "part": "u.", "fee": "forfait", "credit": "forfait"},
    "nl": {"labor": "uur", "travel": "uur", "part": "st.", "fee": "vast", "credit": "—"},
}
KIND_CHIPS: dict[str, dict[str, str]] = {
    "en-US": {
        "labor": "LABOR",
        "travel": "TRAVEL",
        "part": "PART",
        "fee": "FEE",
        "credit": "CREDIT",
    },
    "en-GB": {
        "labor": "LABOUR",
        "travel": "TRAVEL",
        "part": "PART",
        "fee": "CHARGE",
        "credit": "CREDIT",
    },
    "de": {
        "labor": "ARBEIT",
        "travel": "FAHRT",
        "part": "MATERIAL",
        "fee": "PAUSCHALE",
        "credit": "GUTSCHRIFT",
    },
    "fr": {
        "labor": "MAIN-D'ŒUVRE",
        "travel": "DÉPLACEMENT",
        "part": "PIÈCE",
        "fee": "FORFAIT",
        "credit": "AVOIR",
    },
    "nl": {
        "labor": "ARBEID",
        "travel": "REISTIJD",
        "part": "MATERIAAL",
        "fee": "TOESLAG",
        "credit": "CREDIT",
    },
}


def document(content: list[Any], **options: Any) -> Node:
    defaults: Node = {
        "pageSize": "A4",
        "pageMargins": [40, 40, 40, 50],
        "defaultStyle": {"font": "Roboto", "fontSize": 9, "lineHeight": 1.15},
        "content": content,
    }
    defaults.update(options)
    return defaults


# =========================================================================== invoices


def webapp_invoice(case: Case, loc: str) -> Node:
    """SaaS billing app: logo + meta table header, zebra lines with a tax column, QR/PAID."""
    inv = case["invoice"]
    cur = inv["currency"]
    us = loc == "en-US"
    region = case["customer"]["region"]
    color = accent(case)
    dstyle = "us_short" if us else "gb_short"
    issued = day(inv["date"])
    paid = is_paid(case, "webapp")
    street, city = customer_address(case)
    s_street, s_city = seller_address(case)

    def m(value: float) -> str:
        return money(value, loc, cur, parens=us)

    meta = [
        ("Invoice number", inv["number"]),
        ("Invoice date", fmt_date(issued, dstyle)),
        ("Due date", fmt_date(issued + timedelta(days=30), dstyle)),
        ("Work order", case["service_report"]["work_order_id"]),
    ]
    if inv["po_number"]:
        meta.append(("PO number", inv["po_number"]))
    meta.append(("Terms", "Net 30"))

    logo = {
        "table": {
            "widths": [38],
            "heights": [38],
            "body": [
                [
                    {
                        "text": initials(inv["issuer"]),
                        "color": "#FFFFFF",
                        "bold": True,
                        "fontSize": 15,
                        "alignment": "center",
                        "margin": [0, 9, 0, 0],
                        "fillColor": color,
                    }
                ]
            ],
        },
        "layout": spec(hLines="none", vLines="none", padding=[0, 0, 0, 0]),
    }
    header = {
        "columns": [
            {"width": 46, "stack": [logo]},
            {
                "width": "*",
                "stack": [
                    {"text": inv["issuer"], "bold": True, "fontSize": 13},
                    {"text": s_street, "color": "#4B5563"},
                    {"text": s_city, "color": "#4B5563"},
                    {
                        "text": f"billing@{domain(inv['issuer'])}",
                        "color": "#4B5563",
                    },
                ],
            },
            {
                "width": 200,
                "stack": [
                    {
                        "text": "INVOICE",
                        "fontSize": 22,
                        "bold": True,
                        "color": color,
                        "alignment": "right",
                        "margin": [0, 0, 0, 6],
                    },
                    kv_table(meta, ["*", "auto"], align_right=True),
                ],
            },
        ],
        "columnGap": 10,
    }
    due_box: list[Any]
    if paid:
        paid_on = issued + timedelta(days=6 + stable(case["case_id"]) % 9)
        due_box = [
            {"text": "PAID", "color": "#16A34A", "bold": True, "fontSize": 8},
            {"text": m(inv["total"]), "fontSize": 16, "bold": True},
            {"text": f"on {fmt_date(paid_on, dstyle)}", "color": "#6B7280"},
        ]
    else:
        due_box = [
            {"text": "AMOUNT DUE", "color": color, "bold": True, "fontSize": 8},
            {"text": m(inv["total"]), "fontSize": 16, "bold": True},
            {
                "text": f"due {fmt_date(issued + timedelta(days=30), dstyle)}",
                "color": "#6B7280",
            },
        ]
    asset = case["asset"]
    parties = {
        "columns": [
            {
                "width": "*",
                "stack": [
                    {"text": "BILL TO", "color": color, "bold": True, "fontSize": 8},
                    {"text": inv["bill_to"], "bold": True},
                    street,
                    city,
                ],
            },
            {
                "width": "*",
                "stack": [
                    {"text": "SERVICE LOCATION", "color": color, "bold": True, "fontSize": 8},
                    case["customer"]["name"],
                    f"Equipment: {asset['model']} ({asset['id']})",
                ],
            },
            {"width": 130, "stack": due_box, "alignment": "right"},
        ],
        "columnGap": 12,
        "margin": [0, 18, 0, 14],
    }

    head_style = {"color": "#FFFFFF", "bold": True, "fontSize": 8}
    body: list[list[Any]] = [
        [
            {"text": "DESCRIPTION", **head_style},
            {"text": "QTY", **head_style, "alignment": "right"},
            {"text": "RATE", **head_style, "alignment": "right"},
            {"text": "TAX", **head_style, "alignment": "right"},
            {"text": "AMOUNT", **head_style, "alignment": "right"},
        ]
    ]
    for line in inv["lines"]:
        kind = line["kind"]
        desc: list[Any] = [{"text": line["description"]}]
        if kind == "part" and line["sku"]:
            desc.append({"text": f"SKU {line['sku']}", "color": "#6B7280", "fontSize": 7.5})
        elif kind == "fee":
            desc.append({"text": "Flat fee", "color": "#6B7280", "fontSize": 7.5})
        elif kind == "credit":
            desc.append({"text": "Credit applied", "color": "#6B7280", "fontSize": 7.5})
        qty = num(line["qty"], loc)
        if kind in ("labor", "travel"):
            qty = f"{qty} hrs"
        body.append(
            [
                {"stack": desc},
                {"text": qty, "alignment": "right"},
                {"text": m(line["unit_price"]), "alignment": "right"},
                {"text": pct(inv["tax_rate"], loc), "alignment": "right", "color": "#4B5563"},
                {"text": m(line["amount"]), "alignment": "right"},
            ]
        )
    lines_table = {
        "table": {"headerRows": 1, "widths": ["*", 55, 70, 50, 75], "body": body},
        "layout": spec(
            hLines="none",
            vLines="none",
            headerFill="#1F2937",
            zebra="#F3F4F6",
            padding=[6, 6, 5, 5],
        ),
    }
    tax_label = (
        f"Sales tax ({pct(inv['tax_rate'], loc)})" if us else f"VAT @ {pct(inv['tax_rate'], loc)}"
    )
    totals_rows: list[list[Any]] = [
        ["Subtotal", {"text": m(inv["subtotal"]), "alignment": "right"}],
        [tax_label, {"text": m(inv["tax"]), "alignment": "right"}],
        [
            {"text": "Total", "bold": True, "fontSize": 11, "border": [False, True, False, False]},
            {
                "text": m(inv["total"]),
                "bold": True,
                "fontSize": 11,
                "alignment": "right",
                "border": [False, True, False, False],
            },
        ],
    ]
    if paid:
        totals_rows.append(["Payments", {"text": m(-inv["total"]), "alignment": "right"}])
        totals_rows.append(
            [
                {"text": "Balance due", "bold": True},
                {"text": m(0.0), "bold": True, "alignment": "right"},
            ]
        )
    totals = {
        "table": {"widths": ["*", 90], "body": totals_rows},
        "layout": spec(hLines="none", vLines="none", padding=[4, 4, 3, 3]),
    }
    # The rule above "Total": a nested table inside a one-cell table with a top border.
    totals_box = {
        "table": {"widths": ["*"], "body": [[totals]]},
        "layout": spec(hLines="outer", vLines="none", lineColor=color, hLineWidth=1.2),
    }
    pay_col: list[Any]
    if paid:
        pay_col = [
            {"text": "Thank you for your payment.", "bold": True, "margin": [0, 0, 0, 4]},
            {"text": "Questions about this invoice? Reply to the email it came with."},
        ]
    else:
        pay_col = [
            {
                "columns": [
                    {
                        "width": 80,
                        "stack": [
                            {
                                "qr": f"https://pay.{domain(inv['issuer'])}/i/{inv['number']}",
                                "fit": 76,
                            }
                        ],
                    },
                    {
                        "width": "*",
                        "stack": [
                            {"text": "Scan to pay online", "bold": True},
                            {
                                "text": "Card, ACH or bank transfer."
                                if us
                                else "Card or bank transfer."
                            },
                            {"text": IBANS.get(region, ""), "color": "#4B5563"},
                        ],
                    },
                ],
                "columnGap": 10,
            }
        ]
    bottom = {
        "columns": [{"width": "*", "stack": pay_col}, {"width": 220, "stack": [totals_box]}],
        "columnGap": 20,
        "margin": [0, 16, 0, 0],
    }
    footer = page_footer(
        {
            "columns": [
                {"text": f"{inv['issuer']} · {TAX_IDS[region]}", "color": "#6B7280"},
                {"text": "Page {page} / {pages}", "alignment": "right", "color": "#6B7280"},
            ],
            "margin": [40, 14, 40, 0],
            "fontSize": 7.5,
        }
    )
    options: Node = {
        "pageSize": "LETTER" if us else "A4",
        "footer": footer,
        "info": {"title": f"Invoice {inv['number']}", "author": inv["issuer"]},
    }
    if paid:
        options["watermark"] = {
            "text": "PAID",
            "color": "#16A34A",
            "opacity": 0.1,
            "bold": True,
            "fontSize": 120,
            "angle": -30,
        }
    return document([header, parties, lines_table, bottom], **options)


CARD_TEXT: dict[str, dict[str, str]] = {
    "nl-NL": {
        "title": "Factuur",
        "total": "Totaal",
        "due": "Vervalt op",
        "date": "Factuurdatum",
        "wo": "Werkbon",
        "po": "Uw referentie",
        "from": "Van",
        "to": "Aan",
        "items": "Regels",
        "subtotal": "Subtotaal",
        "tax": "Btw",
        "grand": "Totaal incl. btw",
        "sku": "Art.nr.",
        "paid": "BETAALD",
        "open": "OPENSTAAND",
        "pay": "Betaal binnen 14 dagen op",
        "thanks": "Bedankt voor uw opdracht!",
        "page": "Pagina",
    },
    "fr-FR": {
        "title": "Facture",
        "total": "Total TTC",
        "due": "Échéance le",
        "date": "Date",
        "wo": "Bon d'intervention",
        "po": "Votre commande",
        "from": "De",
        "to": "Facturé à",
        "items": "Prestations",
        "subtotal": "Total HT",
        "tax": "TVA",
        "grand": "Total TTC",
        "sku": "Réf.",
        "paid": "PAYÉE",
        "open": "À RÉGLER",
        "pay": "Règlement à 30 jours par virement",
        "thanks": "Merci de votre confiance.",
        "page": "Page",
    },
    "de-DE": {
        "title": "Rechnung",
        "total": "Gesamtbetrag",
        "due": "Fällig am",
        "date": "Rechnungsdatum",
        "wo": "Auftrag",
        "po": "Ihre Bestellung",
        "from": "Von",
        "to": "An",
        "items": "Positionen",
        "subtotal": "Nettobetrag",
        "tax": "USt.",
        "grand": "Gesamtbetrag",
        "sku": "Art.-Nr.",
        "paid": "BEZAHLT",
        "open": "OFFEN",
        "pay": "Zahlbar innerhalb von 14 Tagen auf",
        "thanks": "Vielen Dank für Ihren Auftrag!",
        "page": "Seite",
    },
    "en-GB": {
        "title": "Invoice",
        "total": "Total due",
        "due": "Due",
        "date": "Issued",
        "wo": "Job",
        "po": "Your PO",
        "from": "From",
        "to": "To",
        "items": "Items",
        "subtotal": "Subtotal",
        "tax": "VAT",
        "grand": "Total",
        "sku": "Part no.",
        "paid": "PAID",
        "open": "UNPAID",
        "pay": "Please pay within 14 days to",
        "thanks": "Thanks for your business!",
        "page": "Page",
    },
    "en-US": {
        "title": "Invoice",
        "total": "Total",
        "due": "Due",
        "date": "Issued",
        "wo": "Job #",
        "po": "PO #",
        "from": "From",
        "to": "Bill to",
        "items": "Items",
        "subtotal": "Subtotal",
        "tax": "Sales tax",
        "grand": "Total",
        "sku": "Item #",
        "paid": "PAID",
        "open": "DUE",
        "pay": "Pay online or mail a check to",
        "thanks": "Thanks for your business!",
        "page": "Page",
    },
}
CARD_TEXT["de-AT"] = {**CARD_TEXT["de-DE"], "tax": "USt.", "po": "Ihre Bestellnummer"}
CARD_DATES = {
    "nl-NL": "nl_short",
    "fr-FR": "fr_short",
    "de-DE": "de_num",
    "de-AT": "de_num",
    "en-GB": "gb_short",
    "en-US": "us_short",
}
CARD_HOURS = {"nl": "u", "fr": "h", "de": "Std.", "en": "h"}


def mobile_cards_invoice(case: Case, loc: str) -> Node:
    """Mobile invoicing app on A5: a total hero box and one card per line item."""
    inv = case["invoice"]
    cur = inv["currency"]
    t = CARD_TEXT[loc]
    key = lang(loc)
    chips = KIND_CHIPS[loc if key == "en" else key]
    color = accent(case)
    dstyle = CARD_DATES[loc]
    issued = day(inv["date"])
    due = issued + timedelta(days=30 if key == "fr" else 14)
    paid = is_paid(case, "cards")
    region = case["customer"]["region"]

    def m(value: float) -> str:
        return money(value, loc, cur)

    hero = {
        "table": {
            "widths": ["*", "auto"],
            "body": [
                [
                    {
                        "stack": [
                            {"text": f"{t['title']} {inv['number']}", "color": "#E5E7EB"},
                            {
                                "text": m(inv["total"]),
                                "fontSize": 22,
                                "bold": True,
                                "color": "#FFFFFF",
                                "margin": [0, 4, 0, 2],
                            },
                            {
                                "text": f"{t['total']} · {t['due']} {fmt_date(due, dstyle)}",
                                "color": "#E5E7EB",
                                "fontSize": 8,
                            },
                        ],
                        "fillColor": color,
                    },
                    {
                        "text": t["paid"] if paid else t["open"],
                        "bold": True,
                        "fontSize": 8,
                        "color": color,
                        "fillColor": "#FFFFFF",
                        "margin": [6, 2, 6, 2],
                    },
                ]
            ],
        },
        "layout": spec(hLines="none", vLines="none", padding=[14, 14, 12, 12]),
    }
    # The status pill sits on the coloured box: give the pill's cell the box colour and
    # nest the white label inside it.
    pill = hero["table"]["body"][0][1]
    hero["table"]["body"][0][1] = {
        "fillColor": color,
        "table": {"body": [[pill]]},
        "layout": spec(hLines="none", vLines="none", padding=[0, 0, 0, 0]),
    }

    meta_rows = [
        (t["date"], fmt_date(issued, dstyle)),
        (t["wo"], case["service_report"]["work_order_id"]),
    ]
    if inv["po_number"]:
        meta_rows.append((t["po"], inv["po_number"]))
    meta = {
        "columns": [
            {
                "width": "*",
                "stack": [
                    {"text": label.upper(), "fontSize": 6.5, "color": "#6B7280"},
                    {"text": value, "bold": True},
                ],
            }
            for label, value in meta_rows
        ],
        "columnGap": 8,
        "margin": [0, 12, 0, 8],
    }
    street, city = customer_address(case)
    parties = {
        "columns": [
            {
                "width": "*",
                "stack": [
                    {"text": t["from"].upper(), "fontSize": 6.5, "color": "#6B7280"},
                    {"text": inv["issuer"], "bold": True},
                    {"text": TAX_IDS[region], "fontSize": 7.5, "color": "#6B7280"},
                ],
            },
            {
                "width": "*",
                "stack": [
                    {"text": t["to"].upper(), "fontSize": 6.5, "color": "#6B7280"},
                    {"text": inv["bill_to"], "bold": True},
                    {"text": f"{street}, {city}", "fontSize": 7.5, "color": "#6B7280"},
                ],
            },
        ],
        "columnGap": 8,
        "margin": [0, 0, 0, 12],
    }
    cards: list[Any] = [
        {"text": t["items"], "bold": True, "fontSize": 11, "margin": [0, 0, 0, 6]},
    ]
    for line in inv["lines"]:
        kind = line["kind"]
        qty = num(line["qty"], loc)
        if kind in ("labor", "travel"):
            qty = f"{qty} {CARD_HOURS[key]}"
        calc = f"{qty} × {m(line['unit_price'])} = {m(line['amount'])}"
        inner: list[Any] = [
            {
                "columns": [
                    {"width": "*", "text": line["description"], "bold": True, "fontSize": 10},
                    {
                        "width": "auto",
                        "text": chips[kind],
                        "fontSize": 6.5,
                        "bold": True,
                        "color": "#DC2626" if kind == "credit" else color,
                        "margin": [0, 2, 0, 0],
                    },
                ],
                "columnGap": 6,
            },
        ]
        if kind == "part" and line["sku"]:
            inner.append({"text": f"{t['sku']} {line['sku']}", "color": "#6B7280", "fontSize": 8})
        inner.append({"text": calc, "margin": [0, 5, 0, 0], "color": "#374151"})
        inner.append(
            {
                "text": m(line["amount"]),
                "alignment": "right",
                "bold": True,
                "fontSize": 11,
                "color": "#DC2626" if line["amount"] < 0 else "#111827",
            }
        )
        cards.append(
            {
                "unbreakable": True,
                "margin": [0, 0, 0, 8],
                "table": {
                    "widths": ["*"],
                    "body": [[{"stack": inner, "fillColor": "#F9FAFB"}]],
                },
                "layout": spec(
                    hLines="outer",
                    vLines="outer",
                    lineColor="#E5E7EB",
                    hLineWidth=0.8,
                    vLineWidth=0.8,
                    padding=[12, 12, 10, 10],
                ),
            }
        )
    summary = {
        "unbreakable": True,
        "margin": [0, 6, 0, 10],
        "table": {
            "widths": ["*", "auto"],
            "body": [
                [t["subtotal"], {"text": m(inv["subtotal"]), "alignment": "right"}],
                [
                    f"{t['tax']} {pct(inv['tax_rate'], loc)}",
                    {"text": m(inv["tax"]), "alignment": "right"},
                ],
                [
                    {"text": t["grand"], "bold": True, "fontSize": 12},
                    {"text": m(inv["total"]), "bold": True, "fontSize": 12, "alignment": "right"},
                ],
            ],
        },
        "layout": spec(hLines="inner", vLines="none", lineColor="#E5E7EB", padding=[2, 2, 6, 6]),
    }
    s_street, s_city = seller_address(case)
    pay_to = IBANS.get(region, f"{s_street}, {s_city}")
    closing = {
        "stack": [
            {"text": f"{t['pay']} {pay_to}", "color": "#4B5563"},
            {"text": t["thanks"], "italics": True, "margin": [0, 6, 0, 0]},
        ],
        "unbreakable": True,
    }
    options: Node = {
        "pageSize": "A5",
        "pageMargins": [28, 28, 28, 40],
        "footer": page_footer(
            {
                "text": f"{t['page']} {{page}} / {{pages}}",
                "alignment": "center",
                "fontSize": 7,
                "color": "#9CA3AF",
                "margin": [0, 14, 0, 0],
            }
        ),
        "info": {"title": f"{t['title']} {inv['number']}", "author": inv["issuer"]},
    }
    if paid:
        options["watermark"] = {
            "text": t["paid"],
            "color": "#16A34A",
            "opacity": 0.12,
            "bold": True,
            "fontSize": 70,
            "angle": -35,
        }
    return document([hero, meta, parties, *cards, summary, closing], **options)


DACH = {
    "de-DE": {
        "vat": "USt.",
        "vat_long": "zzgl. {rate} USt.",
        "legal": "Amtsgericht Düsseldorf HRB 81234",
    },
    "de-AT": {
        "vat": "USt.",
        "vat_long": "zzgl. {rate} USt.",
        "legal": "FN 412233 p, Landesgericht Linz",
    },
    "de-CH": {"vat": "MWST", "vat_long": "MWST {rate}", "legal": "Handelsregister Kanton Zürich"},
}


def dach_rechnung(case: Case, loc: str) -> Node:
    """German web-ERP export: address window, info block, Pos. table, legal footer."""
    inv = case["invoice"]
    rep = case["service_report"]
    cur = inv["currency"]
    region = case["customer"]["region"]
    words = DACH[loc]
    issued = day(inv["date"])
    street, city = customer_address(case)
    s_street, s_city = seller_address(case)
    label_cur = "CHF" if cur == "CHF" else ("EUR" if cur == "EUR" else cur)

    def n2(value: float) -> str:
        return num(value, loc, places=2)

    def m(value: float) -> str:
        return money(value, loc, cur)

    sender_line = f"{inv['issuer']} · {s_street} · {s_city}"
    info_rows = [
        ("Rechnungs-Nr.", inv["number"]),
        ("Rechnungsdatum", fmt_date(issued, "de_num")),
        ("Leistungsdatum", fmt_date(day(rep["completed_at"]), "de_num")),
        ("Kunden-Nr.", case["customer"]["id"]),
        ("Auftrags-Nr.", rep["work_order_id"]),
    ]
    if inv["po_number"]:
        info_rows.append(("Ihre Bestell-Nr.", inv["po_number"]))
    info = {
        "table": {
            "widths": [80, "*"],
            "body": [[{"text": k, "color": "#555555"}, {"text": v}] for k, v in info_rows],
        },
        "layout": NO_LINES,
    }
    letterhead = {
        "columns": [
            {"width": "*", "text": ""},
            {
                "width": "auto",
                "stack": [
                    {
                        "text": inv["issuer"],
                        "bold": True,
                        "fontSize": 14,
                        "color": "#8B0000",
                        "alignment": "right",
                    },
                    {
                        "text": "Kälte · Klima · Service",
                        "alignment": "right",
                        "color": "#555555",
                        "fontSize": 8,
                    },
                ],
            },
        ],
        "margin": [0, 0, 0, 28],
    }
    window = {
        "columns": [
            {
                "width": 250,
                "stack": [
                    {
                        "text": sender_line,
                        "fontSize": 6.5,
                        "decoration": "underline",
                        "color": "#555555",
                        "margin": [0, 0, 0, 6],
                    },
                    {"text": inv["bill_to"], "fontSize": 10},
                    {"text": "Buchhaltung / Kreditoren", "fontSize": 10},
                    {"text": street, "fontSize": 10},
                    {"text": city, "fontSize": 10},
                ],
            },
            {"width": "*", "text": ""},
            {"width": 190, "stack": [info]},
        ],
        "margin": [0, 0, 0, 30],
    }
    title = {
        "text": f"Rechnung {inv['number']}",
        "bold": True,
        "fontSize": 13,
        "margin": [0, 0, 0, 8],
    }
    intro = {
        "text": (
            "Sehr geehrte Damen und Herren,\n"
            f"für die Arbeiten gemäß Auftrag {rep['work_order_id']} "
            f"({service_label(case, 'de')}, {case['asset']['model']}) "
            "erlauben wir uns, Ihnen Folgendes in Rechnung zu stellen:"
        ),
        "margin": [0, 0, 0, 10],
    }
    head = [
        "Pos.",
        "Art.-Nr.",
        "Bezeichnung",
        "Menge",
        "Einheit",
        f"Einzelpreis {label_cur}",
        words["vat"],
        f"Gesamt {label_cur}",
    ]
    right = {3, 5, 6, 7}
    body: list[list[Any]] = [
        [
            {"text": h, "bold": True, "alignment": "right" if i in right else "left"}
            for i, h in enumerate(head)
        ]
    ]
    for pos, line in enumerate(inv["lines"], start=1):
        body.append(
            [
                str(pos),
                line["sku"] or "",
                line["description"],
                {
                    "text": num(
                        line["qty"], loc, least=2 if line["kind"] in ("labor", "travel") else 0
                    ),
                    "alignment": "right",
                },
                unit_for(line["kind"], "de"),
                {"text": n2(line["unit_price"]), "alignment": "right"},
                {"text": pct(inv["tax_rate"], loc), "alignment": "right"},
                {"text": n2(line["amount"]), "alignment": "right"},
            ]
        )
    table = {
        "table": {
            "headerRows": 1,
            "widths": [22, 42, "*", 38, 36, 58, 34, 58],
            "body": body,
        },
        "layout": spec(
            hLines="headerOuter",
            vLines="none",
            lineColor="#000000",
            hLineWidth=0.8,
            padding=[3, 3, 3, 3],
        ),
        "fontSize": 8.5,
    }
    totals = {
        "columns": [
            {"width": "*", "text": ""},
            {
                "width": 230,
                "table": {
                    "widths": ["*", "auto"],
                    "body": [
                        ["Summe netto", {"text": m(inv["subtotal"]), "alignment": "right"}],
                        [
                            words["vat_long"].format(rate=pct(inv["tax_rate"], loc)),
                            {"text": m(inv["tax"]), "alignment": "right"},
                        ],
                        [
                            {"text": "Rechnungsbetrag", "bold": True},
                            {"text": m(inv["total"]), "bold": True, "alignment": "right"},
                        ],
                    ],
                },
                "layout": spec(
                    hLines="inner", vLines="none", lineColor="#999999", padding=[3, 3, 3, 3]
                ),
            },
        ],
        "margin": [0, 8, 0, 14],
    }
    terms = {
        "stack": [
            "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
            f"Bitte geben Sie bei Zahlung die Rechnungsnummer {inv['number']} an.",
            {
                "text": "Mit freundlichen Grüßen" if loc != "de-CH" else "Freundliche Grüsse",
                "margin": [0, 10, 0, 0],
            },
            inv["issuer"],
        ]
    }
    content: list[Any] = [letterhead, window, title, intro, table, totals, terms]
    if loc == "de-CH":
        content.append(swiss_payment_part(case, loc))
    footer = page_footer(
        {
            "stack": [
                {
                    "canvas": [
                        {
                            "type": "line",
                            "x1": 0,
                            "y1": 0,
                            "x2": 515,
                            "y2": 0,
                            "lineWidth": 0.5,
                            "lineColor": "#999999",
                        }
                    ],
                    "margin": [0, 0, 0, 4],
                },
                {
                    "columns": [
                        {"width": "*", "stack": [inv["issuer"], s_street, s_city]},
                        {"width": "*", "stack": [words["legal"], TAX_IDS[region]]},
                        {"width": "*", "stack": ["Bankverbindung", IBANS[region]]},
                        {"width": 60, "text": "Seite {page} von {pages}", "alignment": "right"},
                    ],
                    "columnGap": 8,
                },
            ],
            "fontSize": 6.5,
            "color": "#555555",
            "margin": [40, 6, 40, 0],
        }
    )
    return document(
        content,
        pageMargins=[50, 40, 40, 70],
        defaultStyle={"font": "LiberationSans", "fontSize": 9.5, "lineHeight": 1.1},
        footer=footer,
        info={"title": f"Rechnung {inv['number']}", "author": inv["issuer"]},
    )


def swiss_payment_part(case: Case, loc: str) -> Node:
    """The Swiss QR-bill payment part, on its own page as ERP exports often print it."""
    inv = case["invoice"]
    s_street, s_city = seller_address(case)
    street, city = customer_address(case)
    ref = "".join(ch for ch in inv["number"] if ch.isdigit()).rjust(26, "0")
    ref_text = " ".join([ref[:2]] + [ref[i : i + 5] for i in range(2, 27, 5)])
    creditor = [inv["issuer"], s_street, "", s_city[:4], s_city[5:], "CH"]
    debtor = [inv["bill_to"], street, "", city[:4], city[5:], "CH"]
    header = ["SPC", "0200", "1", IBANS["CH"].replace(" ", ""), "S"]
    amount_fields = [f"{inv['total']:.2f}", "CHF", "S"]
    trailer = ["QRR", ref, inv["number"], "EPD"]
    payload = "\n".join([*header, *creditor, *amount_fields, *debtor, *trailer])
    amount = num(inv["total"], loc, places=2, group=" ")

    def section(title: str, *lines: str) -> list[Any]:
        return [
            {"text": title, "bold": True, "fontSize": 6, "margin": [0, 4, 0, 0]},
            *[{"text": x, "fontSize": 8} for x in lines],
        ]

    receipt = {
        "width": 150,
        "stack": [
            {"text": "Empfangsschein", "bold": True, "fontSize": 11, "margin": [0, 0, 0, 6]},
            *section("Konto / Zahlbar an", IBANS["CH"], inv["issuer"], s_street, s_city),
            *section("Referenz", ref_text),
            *section("Zahlbar durch", inv["bill_to"], street, city),
            {
                "columns": [
                    {"width": 40, "stack": section("Währung", "CHF")},
                    {"width": "*", "stack": section("Betrag", amount)},
                ],
                "margin": [0, 10, 0, 0],
            },
        ],
    }
    payment = {
        "width": "*",
        "columns": [
            {
                "width": 150,
                "stack": [
                    {"text": "Zahlteil", "bold": True, "fontSize": 11, "margin": [0, 0, 0, 8]},
                    {"qr": payload, "fit": 130, "eccLevel": "M"},
                    {
                        "columns": [
                            {"width": 40, "stack": section("Währung", "CHF")},
                            {"width": "*", "stack": section("Betrag", amount)},
                        ],
                        "margin": [0, 8, 0, 0],
                    },
                ],
            },
            {
                "width": "*",
                "stack": [
                    *section("Konto / Zahlbar an", IBANS["CH"], inv["issuer"], s_street, s_city),
                    *section("Referenz", ref_text),
                    *section("Zusätzliche Informationen", f"Rechnung {inv['number']}"),
                    *section("Zahlbar durch", inv["bill_to"], street, city),
                ],
            },
        ],
        "columnGap": 10,
    }
    return {
        "pageBreak": "before",
        "stack": [
            {"text": "Zahlteil mit QR-Code", "bold": True, "fontSize": 11, "margin": [0, 0, 0, 6]},
            {
                "text": "Bitte verwenden Sie für die Zahlung den untenstehenden Zahlteil.",
                "margin": [0, 0, 0, 330],
            },
            {
                "canvas": [
                    {
                        "type": "line",
                        "x1": 0,
                        "y1": 0,
                        "x2": 505,
                        "y2": 0,
                        "dash": {"length": 3},
                        "lineWidth": 0.5,
                    }
                ]
            },
            {"text": "✂", "font": "DejaVuSans", "fontSize": 8, "margin": [0, -6, 0, 8]},
            {"columns": [receipt, payment], "columnGap": 16},
        ],
    }


FACTURE = {
    "fr-FR": {
        "doc": "FACTURE",
        "no": "N°",
        "from": "Émetteur",
        "to": "Client",
        "date": "Date de facture",
        "due": "Date d'échéance",
        "wo": "Bon d'intervention",
        "po": "Bon de commande",
        "head": ["Désignation", "Réf.", "Qté", "Unité", "P.U. HT", "TVA", "Total HT"],
        "net": "Total HT",
        "vat": "TVA {rate}",
        "gross": "Total TTC",
        "payable": "Net à payer",
        "paid": "ACQUITTÉE",
        "paid_on": "Facture acquittée le {date}",
        "page": "Page",
        "legal": (
            "Conditions de paiement : 30 jours date de facture, par virement. Pas d'escompte "
            "pour paiement anticipé. En cas de retard de paiement, des pénalités égales à "
            "trois fois le taux d'intérêt légal seront exigibles, ainsi qu'une indemnité "
            "forfaitaire pour frais de recouvrement de quarante euros (art. L441-10 du Code "
            "de commerce)."
        ),
        "company": "SAS au capital de 50 000 € · SIRET 812 334 556 00027 · RCS Lyon",
    },
    "nl-NL": {
        "doc": "FACTUUR",
        "no": "Nr.",
        "from": "Van",
        "to": "Factuuradres",
        "date": "Factuurdatum",
        "due": "Vervaldatum",
        "wo": "Werkbon",
        "po": "Inkoopordernr.",
        "head": [
            "Omschrijving",
            "Art.nr.",
            "Aantal",
            "Eenheid",
            "Prijs excl.",
            "Btw",
            "Bedrag excl.",
        ],
        "net": "Subtotaal excl. btw",
        "vat": "Btw {rate}",
        "gross": "Totaal incl. btw",
        "payable": "Te betalen",
        "paid": "BETAALD",
        "paid_on": "Voldaan op {date}",
        "page": "Pagina",
        "legal": (
            "Wij verzoeken u het totaalbedrag binnen 30 dagen over te maken onder vermelding "
            "van het factuurnummer. Op al onze leveringen zijn onze algemene voorwaarden van "
            "toepassing."
        ),
        "company": "KvK 61234567 · Btw-id NL862344551B01",
    },
}


def facture_factuur(case: Case, loc: str) -> Node:
    """Dark-banded invoice template in French (HT/TVA/TTC) or Dutch (excl./btw/incl.)."""
    inv = case["invoice"]
    cur = inv["currency"]
    region = case["customer"]["region"]
    t = FACTURE[loc]
    key = lang(loc)
    fr = key == "fr"
    dstyle = "fr_long" if fr else "nl_num"
    issued = day(inv["date"])
    due = issued + timedelta(days=30)
    paid = is_paid(case, "facture")
    group = NNBSP if fr else None
    street, city = customer_address(case)
    s_street, s_city = seller_address(case)

    def m(value: float) -> str:
        return money(value, loc, cur, group=group)

    band = {
        "table": {
            "widths": ["*", "auto"],
            "body": [
                [
                    {
                        "stack": [
                            {
                                "text": inv["issuer"],
                                "bold": True,
                                "fontSize": 14,
                                "color": "#FFFFFF",
                            },
                            {
                                "text": "Froid · Climatisation · Maintenance"
                                if fr
                                else "Koeling · Klimaat · Onderhoud",
                                "color": "#CBD5E1",
                                "fontSize": 8,
                            },
                        ],
                        "fillColor": "#1E293B",
                    },
                    {
                        "stack": [
                            {
                                "text": t["doc"],
                                "bold": True,
                                "fontSize": 20,
                                "color": "#FFFFFF",
                                "alignment": "right",
                            },
                            {
                                "text": f"{t['no']} {inv['number']}",
                                "color": "#E2E8F0",
                                "alignment": "right",
                            },
                        ],
                        "fillColor": "#1E293B",
                    },
                ]
            ],
        },
        "layout": spec(hLines="none", vLines="none", padding=[14, 14, 12, 12]),
        "margin": [0, 0, 0, 14],
    }

    def party(title: str, lines: list[str]) -> Node:
        return {
            "table": {
                "widths": ["*"],
                "body": [
                    [
                        {
                            "text": title.upper(),
                            "bold": True,
                            "fontSize": 7.5,
                            "color": "#475569",
                            "fillColor": "#F1F5F9",
                        }
                    ],
                    [{"stack": [{"text": lines[0], "bold": True}, *lines[1:]]}],
                ],
            },
            "layout": spec(
                hLines="outer", vLines="outer", lineColor="#CBD5E1", padding=[8, 8, 5, 5]
            ),
        }

    parties = {
        "columns": [
            party(t["from"], [inv["issuer"], s_street, s_city, TAX_IDS[region]]),
            party(t["to"], [inv["bill_to"], street, city]),
        ],
        "columnGap": 14,
        "margin": [0, 0, 0, 12],
    }
    meta_head = [t["date"], t["due"], t["wo"]]
    meta_vals = [
        fmt_date(issued, dstyle),
        fmt_date(due, "fr_num" if fr else "nl_num"),
        case["service_report"]["work_order_id"],
    ]
    if inv["po_number"]:
        meta_head.append(t["po"])
        meta_vals.append(inv["po_number"])
    meta = {
        "table": {
            "widths": ["*"] * len(meta_head),
            "body": [
                [
                    {"text": h, "fontSize": 7.5, "color": "#475569", "fillColor": "#F1F5F9"}
                    for h in meta_head
                ],
                [{"text": v, "bold": True} for v in meta_vals],
            ],
        },
        "layout": spec(hLines="all", vLines="all", lineColor="#CBD5E1", padding=[6, 6, 4, 4]),
        "margin": [0, 0, 0, 14],
    }
    right = {2, 4, 5, 6}
    body: list[list[Any]] = [
        [
            {
                "text": h,
                "bold": True,
                "color": "#FFFFFF",
                "alignment": "right" if i in right else "left",
            }
            for i, h in enumerate(t["head"])
        ]
    ]
    for line in inv["lines"]:
        body.append(
            [
                line["description"],
                line["sku"] or "",
                {"text": num(line["qty"], loc), "alignment": "right"},
                unit_for(line["kind"], key),
                {"text": m(line["unit_price"]), "alignment": "right"},
                {"text": pct(inv["tax_rate"], loc), "alignment": "right"},
                {"text": m(line["amount"]), "alignment": "right"},
            ]
        )
    lines = {
        "table": {"headerRows": 1, "widths": ["*", 44, 34, 40, 62, 36, 66], "body": body},
        "layout": spec(
            hLines="all",
            vLines="all",
            lineColor="#CBD5E1",
            headerFill="#334155",
            padding=[5, 5, 4, 4],
        ),
    }
    total_rows: list[list[Any]] = [
        [t["net"], {"text": m(inv["subtotal"]), "alignment": "right"}],
        [
            t["vat"].format(rate=pct(inv["tax_rate"], loc)),
            {"text": m(inv["tax"]), "alignment": "right"},
        ],
        [
            {"text": t["gross"], "bold": True},
            {"text": m(inv["total"]), "bold": True, "alignment": "right"},
        ],
        [
            {"text": t["payable"], "bold": True, "color": "#FFFFFF", "fillColor": "#334155"},
            {
                "text": m(0.0 if paid else inv["total"]),
                "bold": True,
                "color": "#FFFFFF",
                "fillColor": "#334155",
                "alignment": "right",
            },
        ],
    ]
    totals = {
        "columns": [
            {"width": "*", "text": ""},
            {
                "width": 220,
                "table": {"widths": ["*", "auto"], "body": total_rows},
                "layout": spec(
                    hLines="all", vLines="outer", lineColor="#CBD5E1", padding=[6, 6, 4, 4]
                ),
            },
        ],
        "margin": [0, 10, 0, 14],
    }
    content: list[Any] = [band, parties, meta, lines, totals]
    if paid:
        paid_on = issued + timedelta(days=5 + stable(case["case_id"]) % 12)
        content.append(
            {
                "text": t["paid_on"].format(date=fmt_date(paid_on, dstyle)),
                "bold": True,
                "color": "#15803D",
                "margin": [0, 0, 0, 8],
            }
        )
    content.append({"text": t["legal"], "fontSize": 7.5, "color": "#475569"})
    content.append(
        {
            "text": f"IBAN {IBANS[region]}",
            "fontSize": 7.5,
            "color": "#475569",
            "margin": [0, 4, 0, 0],
        }
    )
    options: Node = {
        "defaultStyle": {"font": "DejaVuSansCondensed", "fontSize": 8.5, "lineHeight": 1.15},
        "footer": page_footer(
            {
                "columns": [
                    {"text": f"{inv['issuer']} · {t['company']}", "width": "*"},
                    {
                        "text": f"{t['page']} {{page}} / {{pages}}",
                        "width": 70,
                        "alignment": "right",
                    },
                ],
                "fontSize": 7,
                "color": "#64748B",
                "margin": [40, 16, 40, 0],
            }
        ),
        "info": {"title": f"{t['doc'].title()} {inv['number']}", "author": inv["issuer"]},
    }
    if paid:
        options["watermark"] = {
            "text": t["paid"],
            "color": "#15803D",
            "opacity": 0.1,
            "bold": True,
            "fontSize": 90,
            "angle": -30,
            "font": "DejaVuSansCondensed",
        }
    return document(content, **options)


# =========================================================================== service reports


def chip(text: str, fg: str, bg: str, *, mono_glyph: str = "") -> Node:
    runs: list[Any] = []
    if mono_glyph:
        runs.append(check_run(mono_glyph + " "))
    runs.append(text)
    return {
        "table": {
            "body": [[{"text": runs, "color": fg, "bold": True, "fontSize": 7.5, "fillColor": bg}]]
        },
        "layout": spec(hLines="none", vLines="none", padding=[6, 6, 3, 3]),
        "width": "auto",
    }


DISPATCH = {
    "en-US": {
        "labor": "Labor",
        "date": "us_short",
        "clock": "12",
        "parts_none": "No materials used.",
    },
    "en-GB": {"labor": "Labour", "date": "gb_short", "clock": "24", "parts_none": "No parts used."},
}


def dispatch_completion(case: Case, loc: str) -> Node:
    """Dispatch app completion report: chips, a timeline with GMT offsets, materials list."""
    rep = case["service_report"]
    words = DISPATCH[loc]
    us = loc == "en-US"
    color = accent(case)
    types = SERVICE_TYPES[loc]
    reported, arrived, completed = (
        stamp(rep[k]) for k in ("reported_at", "arrived_at", "completed_at")
    )
    gap = (arrived - reported).total_seconds()
    dispatched = reported + timedelta(minutes=max(0, round(gap * 0.3 / 300)) * 5)

    def when(ts: datetime) -> str:
        return f"{fmt_date(ts.date(), words['date'])} · {clock(ts, words['clock'])} {gmt_label(ts)}"

    signed = rep["customer_signature"]
    chips = [
        chip("COMPLETED", "#166534", "#DCFCE7", mono_glyph="●"),
        chip(types[rep["service_type"]].upper(), "#1E3A8A", "#DBEAFE"),
        (
            chip("SIGNED BY CUSTOMER", "#166534", "#DCFCE7", mono_glyph="✓")
            if signed
            else chip("NO CUSTOMER SIGNATURE", "#991B1B", "#FEE2E2", mono_glyph="✗")
        ),
    ]
    header = {
        "columns": [
            {
                "width": "*",
                "stack": [
                    {
                        "text": case["invoice"]["issuer"].upper(),
                        "fontSize": 7.5,
                        "color": color,
                        "bold": True,
                    },
                    {"text": "Job completion report", "fontSize": 18, "bold": True},
                    {
                        "text": f"Work order {rep['work_order_id']}",
                        "fontSize": 11,
                        "color": "#374151",
                    },
                ],
            },
            {
                "width": "auto",
                "stack": [
                    {"text": "Exported", "fontSize": 7, "color": "#6B7280", "alignment": "right"},
                    {
                        "text": when(completed + timedelta(minutes=12)),
                        "fontSize": 7.5,
                        "alignment": "right",
                    },
                ],
            },
        ],
        "margin": [0, 0, 0, 8],
    }
    chip_row = {"columns": chips, "columnGap": 6, "margin": [0, 0, 0, 14]}
    asset = case["asset"]
    street, city = customer_address(case)
    facts = {
        "table": {
            "widths": ["*", "*", "*"],
            "body": [
                [
                    {"text": "CUSTOMER", "fontSize": 7, "color": "#6B7280"},
                    {"text": "EQUIPMENT", "fontSize": 7, "color": "#6B7280"},
                    {"text": "ASSIGNED TECHNICIAN", "fontSize": 7, "color": "#6B7280"},
                ],
                [
                    {
                        "stack": [
                            {"text": case["customer"]["name"], "bold": True},
                            f"{street}, {city}",
                        ]
                    },
                    {"stack": [{"text": asset["model"], "bold": True}, f"Asset ID {asset['id']}"]},
                    {
                        "stack": [
                            {"text": rep["technician"], "bold": True},
                            f"Job type: {types[rep['service_type']]}",
                        ]
                    },
                ],
            ],
        },
        "layout": spec(hLines="outer", vLines="none", lineColor="#E5E7EB", padding=[0, 8, 4, 4]),
        "margin": [0, 0, 0, 14],
    }

    def event(label: str, sub: str, ts: datetime, last: bool = False) -> list[Any]:
        dot: Node = {
            "canvas": [
                {"type": "ellipse", "x": 6, "y": 7, "r1": 4, "r2": 4, "color": color},
                *(
                    []
                    if last
                    else [
                        {
                            "type": "line",
                            "x1": 6,
                            "y1": 12,
                            "x2": 6,
                            "y2": 30,
                            "lineWidth": 1,
                            "lineColor": "#D1D5DB",
                        }
                    ]
                ),
            ]
        }
        return [
            dot,
            {
                "stack": [
                    {"text": label, "bold": True},
                    {"text": sub, "color": "#6B7280", "fontSize": 7.5},
                ]
            },
            {"text": when(ts), "alignment": "right"},
        ]

    timeline = {
        "table": {
            "widths": [14, "*", "auto"],
            "body": [
                event("Created", "Customer reported the issue", reported),
                event("Dispatched", f"Assigned to {rep['technician']}", dispatched),
                event("On site", "Technician checked in at the site", arrived),
                event("Completed", "Job closed by the technician", completed, last=True),
            ],
        },
        "layout": spec(hLines="none", vLines="none", padding=[0, 4, 2, 6]),
    }
    hours = {
        "table": {
            "widths": ["*", "*"],
            "body": [
                [
                    {"text": f"{words['labor'].upper()} TIME", "fontSize": 7, "color": "#6B7280"},
                    {"text": "TRAVEL TIME", "fontSize": 7, "color": "#6B7280"},
                ],
                [
                    {
                        "text": hours_hm(rep["labor_hours"], "en")
                        if us
                        else f"{num(rep['labor_hours'], loc)} hrs",
                        "fontSize": 14,
                        "bold": True,
                    },
                    {
                        "text": hours_hm(rep["travel_hours"], "en")
                        if us
                        else f"{num(rep['travel_hours'], loc)} hrs",
                        "fontSize": 14,
                        "bold": True,
                    },
                ],
            ],
        },
        "layout": spec(hLines="none", vLines="inner", lineColor="#E5E7EB", padding=[8, 8, 2, 2]),
    }
    section = {"fontSize": 11, "bold": True, "margin": [0, 14, 0, 6]}
    materials: Node
    if rep["parts"]:
        materials = {
            "ul": [
                {
                    "text": [
                        {"text": f"{num(p['qty'], loc)} × ", "bold": True},
                        p["description"],
                        {"text": f"  ({p['sku']})", "color": "#6B7280"},
                    ]
                }
                for p in rep["parts"]
            ],
            "margin": [4, 0, 0, 0],
        }
    else:
        materials = {"text": words["parts_none"], "color": "#6B7280"}
    notes_text = rep["notes"].strip()
    notes = {
        "table": {
            "widths": ["*"],
            "body": [[{"text": notes_text or " ", "fillColor": "#F3F4F6", "lineHeight": 1.3}]],
        },
        "layout": spec(hLines="none", vLines="none", padding=[10, 10, 8, 8]),
    }
    signature: list[Any]
    if signed:
        signature = [
            {
                "columns": [
                    {"width": 170, "stack": [squiggle(rep["work_order_id"])]},
                    {
                        "width": "*",
                        "stack": [
                            {
                                "text": [check_run("✓ ", color="#166534"), "Signed by customer"],
                                "bold": True,
                                "color": "#166534",
                            },
                            {
                                "text": f"Captured on device at {when(completed)}",
                                "color": "#6B7280",
                                "fontSize": 7.5,
                            },
                        ],
                        "margin": [0, 10, 0, 0],
                    },
                ],
                "columnGap": 12,
            }
        ]
    else:
        signature = [
            {"text": "Signature: not captured", "bold": True, "color": "#991B1B"},
            {
                "text": "The customer did not sign on the device.",
                "color": "#6B7280",
                "fontSize": 7.5,
            },
        ]
    content = [
        header,
        chip_row,
        facts,
        {
            "columns": [
                {
                    "width": "*",
                    "stack": [{"text": "Timeline", **section, "margin": [0, 0, 0, 6]}, timeline],
                },
                {
                    "width": 170,
                    "stack": [{"text": "Time on job", **section, "margin": [0, 0, 0, 6]}, hours],
                },
            ],
            "columnGap": 20,
        },
        {"text": "Materials used", **section},
        materials,
        {"text": "Technician notes", **section},
        notes,
        {"text": "Customer sign-off", **section},
        *signature,
    ]
    footer = page_footer(
        {
            "columns": [
                {
                    "text": f"{rep['work_order_id']} · {case['invoice']['issuer']}",
                    "color": "#9CA3AF",
                },
                {"text": "Page {page} / {pages}", "alignment": "right", "color": "#9CA3AF"},
            ],
            "fontSize": 7,
            "margin": [40, 16, 40, 0],
        }
    )
    return document(
        content,
        pageSize="LETTER" if us else "A4",
        footer=footer,
        info={
            "title": f"Job completion report {rep['work_order_id']}",
            "author": case["invoice"]["issuer"],
        },
    )


def servicebericht(case: Case, loc: str) -> Node:
    """German Servicebericht / Swiss Servicerapport: two-column key/value grid, date once."""
    rep = case["service_report"]
    swiss = loc == "de-CH"
    title = "Servicerapport" if swiss else "Servicebericht"
    reported, arrived, completed = (
        stamp(rep[k]) for k in ("reported_at", "arrived_at", "completed_at")
    )
    visit = arrived.date()

    def date_time(ts: datetime) -> str:
        return f"{fmt_date(ts.date(), 'de_num')} {clock(ts)} Uhr"

    def time_on_visit(ts: datetime) -> str:
        return f"{clock(ts)} Uhr" if ts.date() == visit else date_time(ts)

    def hrs(value: float) -> str:
        return f"{num(value, loc, places=2)} Std."

    asset = case["asset"]
    cells = [
        ("Kunde", case["customer"]["name"]),
        ("Kunden-Nr.", case["customer"]["id"]),
        ("Anlage", f"{asset['model']} (Nr. {asset['id']})"),
        ("Auftragsnummer", rep["work_order_id"]),
        ("Auftragsart", service_label(case, "de")),
        ("Servicetechniker", rep["technician"]),
        ("Störungsmeldung", date_time(reported)),
        ("Einsatzdatum", f"{DE_WEEKDAY[visit.weekday()]}, {fmt_date(visit, 'de_num')}"),
        ("Ankunft vor Ort", time_on_visit(arrived)),
        ("Arbeitsende", time_on_visit(completed)),
        ("Arbeitszeit", hrs(rep["labor_hours"])),
        ("Fahrzeit", hrs(rep["travel_hours"])),
    ]
    grid_body: list[list[Any]] = []
    for i in range(0, len(cells), 2):
        row: list[Any] = []
        for label, value in cells[i : i + 2]:
            row += [
                {"text": label, "color": "#444444", "fillColor": "#EEF2F7"},
                {"text": value, "bold": True},
            ]
        grid_body.append(row)
    grid = {
        "table": {"widths": [82, "*", 82, "*"], "body": grid_body},
        "layout": spec(hLines="all", vLines="all", lineColor="#B8C2CC", padding=[5, 5, 4, 4]),
        "margin": [0, 0, 0, 14],
    }
    head = {
        "table": {
            "widths": ["*", "auto"],
            "body": [
                [
                    {
                        "stack": [
                            {"text": title, "fontSize": 18, "bold": True, "color": "#FFFFFF"},
                            {"text": case["invoice"]["issuer"], "color": "#DCE6F2"},
                        ],
                        "fillColor": "#23476B",
                    },
                    {
                        "stack": [
                            {
                                "text": "Nr.",
                                "color": "#DCE6F2",
                                "fontSize": 8,
                                "alignment": "right",
                            },
                            {
                                "text": rep["work_order_id"],
                                "fontSize": 13,
                                "bold": True,
                                "color": "#FFFFFF",
                                "alignment": "right",
                            },
                        ],
                        "fillColor": "#23476B",
                    },
                ]
            ],
        },
        "layout": spec(hLines="none", vLines="none", padding=[12, 12, 10, 10]),
        "margin": [0, 0, 0, 14],
    }
    h2 = {"bold": True, "fontSize": 10.5, "margin": [0, 4, 0, 5], "color": "#23476B"}
    notes_text = rep["notes"].strip()
    notes = {
        "table": {"widths": ["*"], "heights": [60], "body": [[{"text": notes_text}]]},
        "layout": spec(hLines="outer", vLines="outer", lineColor="#B8C2CC", padding=[6, 6, 6, 6]),
        "margin": [0, 0, 0, 14],
    }
    parts: Node
    if rep["parts"]:
        body: list[list[Any]] = [
            [
                {"text": h, "bold": True, "fillColor": "#EEF2F7"}
                for h in ("Pos.", "Artikel-Nr.", "Bezeichnung", "Menge")
            ]
        ]
        for pos, p in enumerate(rep["parts"], start=1):
            body.append([str(pos), p["sku"], p["description"], f"{num(p['qty'], loc)} Stk."])
        parts = {
            "table": {"headerRows": 1, "widths": [28, 70, "*", 60], "body": body},
            "layout": spec(hLines="all", vLines="none", lineColor="#B8C2CC", padding=[5, 5, 3, 3]),
            "margin": [0, 0, 0, 14],
        }
    else:
        parts = {"text": "Kein Material verbaut.", "italics": True, "margin": [0, 0, 0, 14]}
    signed = rep["customer_signature"]
    customer_box: list[Any] = (
        [
            squiggle(rep["work_order_id"] + "k", width=200, height=30),
            {"text": [check_run("☑ "), "Kunde hat unterschrieben"], "margin": [0, 4, 0, 0]},
        ]
        if signed
        else [
            {"text": " ", "margin": [0, 0, 0, 24]},
            {"canvas": [{"type": "line", "x1": 0, "y1": 0, "x2": 200, "y2": 0, "lineWidth": 0.5}]},
            {"text": [check_run("☐ "), "Keine Kundenunterschrift"], "margin": [0, 4, 0, 0]},
        ]
    )
    signatures = {
        "columns": [
            {
                "width": "*",
                "stack": [
                    {"text": "Techniker", **h2},
                    {
                        "text": rep["technician"],
                        "italics": True,
                        "fontSize": 13,
                        "margin": [0, 8, 0, 6],
                    },
                    {
                        "canvas": [
                            {"type": "line", "x1": 0, "y1": 0, "x2": 200, "y2": 0, "lineWidth": 0.5}
                        ]
                    },
                    {
                        "text": f"{fmt_date(completed.date(), 'de_num')}, {rep['technician']}",
                        "fontSize": 8,
                        "margin": [0, 4, 0, 0],
                    },
                ],
            },
            {"width": "*", "stack": [{"text": "Unterschrift Kunde", **h2}, *customer_box]},
        ],
        "columnGap": 30,
        "unbreakable": True,
    }
    created = completed + timedelta(minutes=4 + stable(rep["work_order_id"]) % 20)
    footer = page_footer(
        {
            "columns": [
                {
                    "text": f"{title} {rep['work_order_id']} · erstellt "
                    f"{fmt_date(created.date(), 'de_num')} {clock(created)}"
                },
                {"text": "Seite {page}/{pages}", "alignment": "right"},
            ],
            "fontSize": 7,
            "color": "#777777",
            "margin": [40, 16, 40, 0],
        }
    )
    return document(
        [
            head,
            grid,
            {"text": "Durchgeführte Arbeiten / Befund", **h2},
            notes,
            {"text": "Verbautes Material", **h2},
            parts,
            signatures,
        ],
        defaultStyle={"font": "LiberationSans", "fontSize": 9, "lineHeight": 1.15},
        footer=footer,
        info={"title": f"{title} {rep['work_order_id']}", "author": case["invoice"]["issuer"]},
    )


def bon_intervention(case: Case, loc: str) -> Node:
    """French bon d'intervention: boxed sections, service-type checkboxes, 3 h 15 durations."""
    rep = case["service_report"]
    swiss = loc == "fr-CH"
    reported, arrived, completed = (
        stamp(rep[k]) for k in ("reported_at", "arrived_at", "completed_at")
    )

    def at(ts: datetime) -> str:
        if swiss:
            return f"{fmt_date(ts.date(), 'de_num')} à {clock(ts)}"
        return f"{fmt_date(ts.date(), 'fr_num')} à {clock(ts, 'fr')}"

    def boxed(title: str, inner: Any) -> Node:
        return {
            "table": {
                "widths": ["*"],
                "body": [
                    [
                        {
                            "text": title.upper(),
                            "bold": True,
                            "color": "#FFFFFF",
                            "fillColor": "#5B2C6F",
                            "fontSize": 8,
                        }
                    ],
                    [inner],
                ],
            },
            "layout": spec(
                hLines="outer",
                vLines="outer",
                lineColor="#5B2C6F",
                hLineWidth=0.8,
                vLineWidth=0.8,
                padding=[7, 7, 4, 5],
            ),
            "margin": [0, 0, 0, 10],
        }

    types = SERVICE_TYPES["fr"]
    checks = []
    for code in (
        "preventive_maintenance",
        "repair",
        "emergency_repair",
        "installation",
        "inspection",
    ):
        ticked = code == rep["service_type"]
        checks.append(
            {
                "text": [check_run("☒ " if ticked else "☐ "), types[code]],
                "bold": ticked,
                "width": "auto",
            }
        )
    asset = case["asset"]
    street, city = customer_address(case)
    client = {
        "columns": [
            {
                "width": "*",
                "stack": [{"text": case["customer"]["name"], "bold": True}, street, city],
            },
            {
                "width": "*",
                "stack": [
                    f"Équipement : {asset['model']}",
                    f"N° d'équipement : {asset['id']}",
                    f"Code client : {case['customer']['id']}",
                ],
            },
        ],
        "columnGap": 12,
    }
    intervention = {
        "stack": [
            {"columns": checks, "columnGap": 12, "margin": [0, 0, 0, 6]},
            kv_table(
                [
                    ("Intervenant", rep["technician"]),
                    ("Date de la demande", at(reported)),
                    ("Arrivée sur site", at(arrived)),
                    ("Fin d'intervention", at(completed)),
                ],
                [110, "*"],
                label_color="#333333",
            ),
        ]
    }
    temps = {
        "table": {
            "widths": ["*", "*"],
            "body": [
                ["Main-d'œuvre", "Temps de déplacement"],
                [
                    {"text": hours_hm(rep["labor_hours"], "fr"), "bold": True, "fontSize": 12},
                    {"text": hours_hm(rep["travel_hours"], "fr"), "bold": True, "fontSize": 12},
                ],
            ],
        },
        "layout": spec(hLines="none", vLines="inner", lineColor="#C9B3D6", padding=[4, 4, 1, 1]),
    }
    if rep["parts"]:
        pieces: Any = {
            "table": {
                "headerRows": 1,
                "widths": [70, "*", 50],
                "body": [[{"text": h, "bold": True} for h in ("Réf.", "Désignation", "Qté")]]
                + [
                    [p["sku"], p["description"], {"text": num(p["qty"], loc), "alignment": "right"}]
                    for p in rep["parts"]
                ],
            },
            "layout": spec(
                hLines="header", vLines="none", lineColor="#5B2C6F", padding=[2, 2, 2, 2]
            ),
        }
    else:
        pieces = {"text": "Aucune pièce remplacée.", "italics": True}
    signed = rep["customer_signature"]
    if signed:
        sig: Any = {
            "columns": [
                {
                    "width": "*",
                    "text": [
                        {"text": "Signature du client : ", "bold": True},
                        check_run("✓ ", color="#1B7F3B"),
                        "signé sur tablette — bon pour accord",
                    ],
                },
                {
                    "width": 150,
                    "stack": [squiggle(rep["work_order_id"] + "c", width=140, height=26)],
                },
            ]
        }
    else:
        sig = {"text": [{"text": "Signature du client : ", "bold": True}, "non signé"]}
    content = [
        {
            "columns": [
                {
                    "width": "*",
                    "stack": [
                        {"text": case["invoice"]["issuer"], "bold": True, "fontSize": 11},
                        {"text": "Service après-vente", "color": "#666666"},
                    ],
                },
                {
                    "width": "auto",
                    "stack": [
                        {
                            "text": "BON D'INTERVENTION",
                            "bold": True,
                            "fontSize": 16,
                            "color": "#5B2C6F",
                            "alignment": "right",
                        },
                        {
                            "text": f"N° {rep['work_order_id']}",
                            "alignment": "right",
                            "fontSize": 11,
                        },
                    ],
                },
            ],
            "margin": [0, 0, 0, 14],
        },
        boxed("Client", client),
        boxed("Intervention", intervention),
        boxed("Travaux réalisés / observations", {"text": rep["notes"].strip() or " "}),
        boxed("Pièces remplacées", pieces),
        boxed("Temps passé", temps),
        sig,
    ]
    footer = page_footer(
        {
            "text": f"Bon d'intervention {rep['work_order_id']} — page {{page}} / {{pages}}",
            "alignment": "center",
            "fontSize": 7,
            "color": "#888888",
            "margin": [0, 16, 0, 0],
        }
    )
    return document(
        content,
        defaultStyle={"font": "LiberationSerif", "fontSize": 9.5, "lineHeight": 1.15},
        footer=footer,
        info={
            "title": f"Bon d'intervention {rep['work_order_id']}",
            "author": case["invoice"]["issuer"],
        },
    )


WERKBON = {
    "nl-NL": {
        "title": "Werkbon",
        "status": "Afgerond",
        "customer": "Klant",
        "asset": "Object",
        "tech": "Monteur",
        "type": "Soort werk",
        "reported": "Melding ontvangen",
        "arrived": "Aankomst",
        "done": "Gereed",
        "hours": "Uren",
        "labor": "Arbeid",
        "travel": "Reistijd",
        "unit": "u",
        "materials": "Materialen",
        "none": "Geen materialen gebruikt",
        "notes": "Opmerkingen monteur",
        "checklist": "Checklist",
        "checks": ["Werkplek veilig achtergelaten", "Installatie getest", "Klant geïnformeerd"],
        "sign": "Handtekening klant",
        "signed": "Getekend door klant",
        "unsigned": "Niet getekend — handtekening niet vastgelegd",
        "date": "nl_num",
        "page": "Pagina",
    },
    "en-GB": {
        "title": "Job sheet",
        "status": "Completed",
        "customer": "Customer",
        "asset": "Asset",
        "tech": "Engineer",
        "type": "Job type",
        "reported": "Logged",
        "arrived": "Arrived",
        "done": "Finished",
        "hours": "Hours",
        "labor": "Labour",
        "travel": "Travel",
        "unit": "h",
        "materials": "Parts used",
        "none": "No parts used",
        "notes": "Engineer's notes",
        "checklist": "Checklist",
        "checks": ["Work area left safe", "System tested", "Customer briefed"],
        "sign": "Customer signature",
        "signed": "Signed by customer",
        "unsigned": "Not signed — signature not captured",
        "date": "gb_num",
        "page": "Page",
    },
    "de-AT": {
        "title": "Arbeitsschein",
        "status": "Erledigt",
        "customer": "Kunde",
        "asset": "Anlage",
        "tech": "Techniker",
        "type": "Auftragsart",
        "reported": "Gemeldet",
        "arrived": "Ankunft",
        "done": "Fertig",
        "hours": "Stunden",
        "labor": "Arbeitszeit",
        "travel": "Fahrzeit",
        "unit": "h",
        "materials": "Material",
        "none": "Kein Material",
        "notes": "Bemerkungen",
        "checklist": "Checkliste",
        "checks": ["Arbeitsplatz gesichert", "Funktionsprüfung durchgeführt", "Kunde informiert"],
        "sign": "Unterschrift Kunde",
        "signed": "Vom Kunden unterschrieben",
        "unsigned": "Nicht unterschrieben — keine Unterschrift erfasst",
        "date": "de_num",
        "page": "Seite",
    },
}


def mobile_werkbon(case: Case, loc: str) -> Node:
    """Mobile work-order app export on A5: label-over-value rows, UTC offsets, checklist."""
    rep = case["service_report"]
    t = WERKBON[loc]
    key = {"nl-NL": "nl", "en-GB": "en-GB", "de-AT": "de"}[loc]
    color = "#E4572E" if loc == "nl-NL" else accent(case)

    def ts(value: str) -> str:
        moment = stamp(value)
        return f"{fmt_date(moment.date(), t['date'])} {clock(moment)} ({utc_label(moment)})"

    def row(label: str, value: Any) -> Node:
        return {
            "table": {
                "widths": ["*"],
                "body": [
                    [
                        {
                            "stack": [
                                {"text": label, "fontSize": 7, "color": "#6B7280"},
                                value
                                if isinstance(value, dict)
                                else {"text": value, "fontSize": 10},
                            ]
                        }
                    ]
                ],
            },
            "layout": spec(hLines="inner", vLines="none", padding=[0, 0, 5, 5]),
            "margin": [0, 0, 0, 2],
        }

    def rule() -> Node:
        return {
            "canvas": [
                {
                    "type": "line",
                    "x1": 0,
                    "y1": 0,
                    "x2": 364,
                    "y2": 0,
                    "lineWidth": 0.5,
                    "lineColor": "#E5E7EB",
                }
            ]
        }

    def section(title: str) -> Node:
        return {
            "text": title.upper(),
            "bold": True,
            "fontSize": 8,
            "color": color,
            "margin": [0, 12, 0, 4],
        }

    asset = case["asset"]
    top = {
        "table": {
            "widths": ["*", "auto"],
            "body": [
                [
                    {
                        "stack": [
                            {"text": t["title"], "fontSize": 9, "color": "#FFFFFF"},
                            {
                                "text": rep["work_order_id"],
                                "fontSize": 17,
                                "bold": True,
                                "color": "#FFFFFF",
                            },
                        ],
                        "fillColor": color,
                    },
                    {
                        "text": t["status"].upper(),
                        "bold": True,
                        "fontSize": 8,
                        "color": "#FFFFFF",
                        "fillColor": color,
                        "margin": [0, 8, 0, 0],
                    },
                ]
            ],
        },
        "layout": spec(hLines="none", vLines="none", padding=[12, 12, 10, 10]),
        "margin": [0, 0, 0, 8],
    }
    rows = [
        row(t["customer"], case["customer"]["name"]),
        rule(),
        row(t["asset"], f"{asset['model']} · {asset['id']}"),
        rule(),
        row(t["tech"], rep["technician"]),
        rule(),
        row(t["type"], service_label(case, key)),
        rule(),
        row(t["reported"], ts(rep["reported_at"])),
        rule(),
        row(t["arrived"], ts(rep["arrived_at"])),
        rule(),
        row(t["done"], ts(rep["completed_at"])),
    ]
    hours = {
        "columns": [
            {
                "width": "*",
                "stack": [
                    {"text": t["labor"], "fontSize": 7, "color": "#6B7280"},
                    {
                        "text": f"{num(rep['labor_hours'], loc)} {t['unit']}",
                        "fontSize": 14,
                        "bold": True,
                    },
                ],
            },
            {
                "width": "*",
                "stack": [
                    {"text": t["travel"], "fontSize": 7, "color": "#6B7280"},
                    {
                        "text": f"{num(rep['travel_hours'], loc)} {t['unit']}",
                        "fontSize": 14,
                        "bold": True,
                    },
                ],
            },
        ]
    }
    if rep["parts"]:
        materials: Any = {
            "table": {
                "widths": [52, "*", 30],
                "body": [
                    [
                        {"text": p["sku"], "color": "#6B7280"},
                        p["description"],
                        {"text": f"{num(p['qty'], loc)}x", "alignment": "right", "bold": True},
                    ]
                    for p in rep["parts"]
                ],
            },
            "layout": spec(
                hLines="inner", vLines="none", lineColor="#E5E7EB", padding=[0, 4, 4, 4]
            ),
        }
    else:
        materials = {"text": t["none"], "color": "#6B7280"}
    notes_text = rep["notes"].strip()
    notes = {
        "table": {"widths": ["*"], "body": [[{"text": notes_text or " ", "fillColor": "#FFF7ED"}]]},
        "layout": spec(hLines="none", vLines="none", padding=[8, 8, 7, 7]),
    }
    checklist = {
        "stack": [
            {"text": [check_run("✔ ", color="#16A34A"), item], "margin": [0, 1, 0, 1]}
            for item in t["checks"]
        ]
    }
    signed = rep["customer_signature"]
    box = {
        "canvas": [
            {
                "type": "rect",
                "x": 0,
                "y": 1,
                "w": 10,
                "h": 10,
                "lineWidth": 1,
                "lineColor": "#111827",
            },
            *(
                [
                    {
                        "type": "polyline",
                        "lineWidth": 1.6,
                        "lineColor": "#16A34A",
                        "points": [{"x": 2, "y": 6}, {"x": 4.5, "y": 9}, {"x": 9, "y": 2.5}],
                    }
                ]
                if signed
                else []
            ),
        ],
        "width": 16,
    }
    sign_block: list[Any] = [
        {
            "columns": [
                box,
                {
                    "width": "*",
                    "text": f"{t['sign']}: {t['signed'] if signed else t['unsigned']}",
                    "bold": signed,
                },
            ]
        },
    ]
    if signed:
        sign_block.append(
            {
                "stack": [squiggle(rep["work_order_id"] + "w", width=160, height=30)],
                "margin": [0, 6, 0, 0],
            }
        )
    content = [
        top,
        *rows,
        section(t["hours"]),
        hours,
        section(t["materials"]),
        materials,
        section(t["notes"]),
        notes,
        section(t["checklist"]),
        checklist,
        section(t["sign"]),
        {"stack": sign_block, "unbreakable": True},
    ]
    footer = page_footer(
        {
            "columns": [
                {"text": f"{t['title']} {rep['work_order_id']}"},
                {"text": f"{t['page']} {{page}} / {{pages}}", "alignment": "right"},
            ],
            "fontSize": 7,
            "color": "#9CA3AF",
            "margin": [28, 14, 28, 0],
        }
    )
    return document(
        content,
        pageSize="A5",
        pageMargins=[28, 28, 28, 40],
        footer=footer,
        info={"title": f"{t['title']} {rep['work_order_id']}", "author": case["invoice"]["issuer"]},
    )


# =========================================================================== registry


@dataclass(frozen=True)
class PdfmakeLayout:
    """One pdfmake layout: which regions it serves, in which locale, and its builder."""

    name: str
    doc_type: str  # "invoice" or "service_report"
    locales: dict[str, str]  # region -> locale the layout prints it in
    build: Callable[[Case, str], Node]
    prints_zone: bool = False  # timestamps carry their UTC offset: the truth keeps it

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(self.locales)

    def serves(self, region: str) -> bool:
        return region in self.locales


US = {"US-NY": "en-US", "US-TX": "en-US", "US-CA": "en-US"}
LAYOUTS: list[PdfmakeLayout] = [
    PdfmakeLayout("pdfmake_webapp_invoice", "invoice", {**US, "GB": "en-GB"}, webapp_invoice),
    PdfmakeLayout(
        "pdfmake_mobile_cards_invoice",
        "invoice",
        {
            "NL": "nl-NL",
            "FR": "fr-FR",
            "DE": "de-DE",
            "AT": "de-AT",
            "GB": "en-GB",
            "US-TX": "en-US",
        },
        mobile_cards_invoice,
    ),
    PdfmakeLayout(
        "pdfmake_dach_rechnung",
        "invoice",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH"},
        dach_rechnung,
    ),
    PdfmakeLayout(
        "pdfmake_facture_factuur", "invoice", {"FR": "fr-FR", "NL": "nl-NL"}, facture_factuur
    ),
    PdfmakeLayout(
        "pdfmake_dispatch_completion",
        "service_report",
        {**US, "GB": "en-GB"},
        dispatch_completion,
        prints_zone=True,
    ),
    PdfmakeLayout(
        "pdfmake_servicebericht",
        "service_report",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH"},
        servicebericht,
    ),
    PdfmakeLayout(
        "pdfmake_bon_intervention",
        "service_report",
        {"FR": "fr-FR", "CH": "fr-CH"},
        bon_intervention,
    ),
    PdfmakeLayout(
        "pdfmake_mobile_werkbon",
        "service_report",
        {"NL": "nl-NL", "GB": "en-GB", "AT": "de-AT"},
        mobile_werkbon,
        prints_zone=True,
    ),
]


# =========================================================================== rendering


def available() -> bool:
    """Whether node and the installed pdfmake package are there to render these layouts."""
    return shutil.which("node") is not None and (RENDERER_DIR / "node_modules" / "pdfmake").is_dir()


def render_definitions(documents: list[dict[str, Any]], out_dir: Path) -> None:
    """Render ``[{"file", "definition"}]`` into ``out_dir`` with one node process."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("pdfmake layouts need Node.js: `node` is not on PATH")
    if not (RENDERER_DIR / "node_modules" / "pdfmake").is_dir():
        raise RuntimeError(
            f"pdfmake is not installed in {RENDERER_DIR}; run scripts/bench-setup.sh "
            f"(or `npm ci --prefix {RENDERER_DIR}`)"
        )
    with tempfile.TemporaryDirectory(prefix="pdfmake_defs_") as tmp:
        defs = Path(tmp) / "defs.json"
        defs.write_text(json.dumps({"documents": documents}, ensure_ascii=False))
        done = subprocess.run(
            [node, str(RENDER_JS), str(defs), str(out_dir)],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"pdfmake renderer failed ({done.returncode}):\n{done.stderr[-4000:]}")


def render_all(out_dir: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Render every case's report and invoice into ``out_dir``; write and return the truth."""
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    for case, layout in rotate(cases if cases is not None else load_cases(), LAYOUTS):
        locale = layout.locales[case["customer"]["region"]]
        record = document_record(case, layout.doc_type, layout.name, locale, layout.prints_zone)
        target = out_dir / record["file"]
        target.unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
        documents.append({"file": record["file"], "definition": layout.build(case, locale)})
        records.append(record)
    render_definitions(documents, out_dir)
    missing = [r["file"] for r in records if not (out_dir / r["file"]).is_file()]
    if missing:
        raise RuntimeError(f"pdfmake renderer wrote no PDF for: {', '.join(missing)}")
    write_truth(out_dir, records)
    return records


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="pdfmake_pdfs_"))
    records = render_all(out)
    print(f"wrote {len(records)} PDFs and truth.jsonl to {out}")


if __name__ == "__main__":
    main()
