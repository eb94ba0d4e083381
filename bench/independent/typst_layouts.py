"""Typeset invoices and service reports for the independent extraction benchmark.

A sixth producer: documents written as Typst markup and compiled to PDF by the Typst
compiler (the ``typst`` Python bindings, which embed the compiler). Typst is a typesetting
engine, so these PDFs have kerning, ligatures (fi, fl), justified paragraphs, and tables
and key/value blocks laid out with ``table`` and ``grid``, the way people who typeset
their business papers (freelancers, small engineering firms, Typst invoice templates)
print them.

Eight layouts, four invoices and four service reports, each with its own label wording,
language, date, time, number and currency style:

- ``freelance_invoice`` (US, GB): an English invoice in the style of a Typst invoice
  template of a small firm: serif type, zebra-striped item table with the part number
  under the description, totals block, payment paragraph with bank details.
- ``handwerk_rechnung`` (DE, AT, CH): a German trades invoice in DIN 5008 letter form:
  sender line, address window, information block (Rechnungs-Nr., Leistungsdatum,
  USt-IdNr.), ruled item table with Pos./Art.-Nr./Einheit, Swiss variant with CHF,
  MWST and 1'234.56, a four-column footer with register and bank details.
- ``facture`` (FR, CH): a French "Facture" with boxed issuer and client blocks, a fully
  ruled table (Désignation, Qté, P.U. HT, Montant HT), a totals box (Total HT, TVA,
  Total TTC, Net à payer) and the legal mentions (SIRET, pénalités de retard).
- ``factuur`` (NL): a Dutch "Factuur" as online bookkeeping tools print it: coloured
  table header, a BTW column per line, "BTW 21% over € ...", payment sentence.
- ``us_service_ticket`` (US): a field-service ticket of boxed cards, a time log in
  12-hour clock with the time zone, labour/travel hours, parts used and a signature box.
- ``visit_report`` (GB, NL, US): a field-service app's visit report, localised
  (English or Dutch): two-column key/value blocks, materials table, work carried out.
- ``einsatzbericht`` (DE, AT, CH): a German service report in numbered sections
  (Auftrag, Arbeitszeit, Material, Prüfprotokoll, Bemerkungen, Unterschrift) with
  tick boxes for the kind of job; it runs to two pages.
- ``rapport_intervention`` (FR, CH): a French "Rapport d'intervention" with a key/value
  grid, times as 08h30, durations as 2 h 15 and a signature block.

They were designed from DOMAIN.md and real issuers' conventions alone, without looking at
the project's extractor, its simulator's renderer or the other independent layout
families; only the shared case helpers of ``bench/independent/layouts.py`` are reused, so
the truth records have the same shape. Document data goes to Typst as JSON through
``sys.inputs`` and is read with ``json()``, so no user text is ever parsed as markup.
Notes are justified but never hyphenated, so they print as whole words.

Run: ``python -m bench.independent.typst_layouts OUT_DIR`` (needs the ``typst`` package:
``scripts/bench-setup.sh`` installs it).
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.independent.layouts import Case, document_record, load_cases, rotate, write_truth

try:
    import typst
except ImportError:  # scripts/bench-setup.sh installs typst; available() reports it
    HAVE_TYPST = False
else:
    HAVE_TYPST = True

US_REGIONS = ("US-NY", "US-TX", "US-CA")
FIXED_TIMESTAMP = 1767225600  # 2026-01-01: reproducible PDF metadata

# --------------------------------------------------------------------------- formatting

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

# thousands separator, decimal mark
NUMBER_STYLES = {
    "us": (",", "."),  # 1,234.56
    "eu": (".", ","),  # 1.234,56 (DE, AT, NL)
    "fr": ("\u202f", ","),  # 1 234,56 with a narrow no-break space
    "ch": ("'", "."),  # 1'234.56
    "ch-typo": ("\u2019", "."),  # 1’234.56, as Swiss French software prints it
}


def amount(value: float, style: str) -> str:
    group, decimal = NUMBER_STYLES[style]
    whole, cents = f"{abs(value):,.2f}".split(".")
    text = whole.replace(",", group) + decimal + cents
    return f"-{text}" if value < 0 else text


def quantity(value: float, style: str, places: int | None = None) -> str:
    """Quantities: trailing zeros dropped unless ``places`` fixes the decimals."""
    decimal = NUMBER_STYLES[style][1]
    text = f"{value:.3f}".rstrip("0").rstrip(".") if places is None else f"{value:.{places}f}"
    return text.replace(".", decimal)


def rate_text(rate: float, style: str) -> str:
    """A tax rate as printed before a percent sign: 19, 8.875, 8,1."""
    return quantity(round(rate * 100, 4), style)


def day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def wall(iso: str) -> datetime:
    """Local wall time of an ISO timestamp (the offset is what the issuer's clock shows)."""
    return datetime.fromisoformat(iso)


def long_date(d: date, lang: str) -> str:
    if lang == "en-US":
        return f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}"
    if lang == "en-GB":
        return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"
    if lang == "fr":
        first = "1er" if d.day == 1 else str(d.day)
        return f"{first} {MONTHS['fr'][d.month - 1]} {d.year}"
    if lang == "nl":
        return f"{d.day} {MONTHS['nl'][d.month - 1]} {d.year}"
    raise ValueError(lang)


def us_date(d: date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def dotted_date(d: date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def slash_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def dash_date(d: date) -> str:
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def clock12(t: datetime) -> str:
    return f"{t.hour % 12 or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def us_zone(region: str, t: datetime) -> str:
    """EST/EDT, CST/CDT, PST/PDT from the region and the timestamp's own offset."""
    offset = t.utcoffset()
    hours = round(offset.total_seconds() / 3600) if offset is not None else 0
    standard, daylight, base = {
        "US-NY": ("EST", "EDT", -5),
        "US-TX": ("CST", "CDT", -6),
        "US-CA": ("PST", "PDT", -8),
    }[region]
    if hours == base:
        return standard
    if hours == base + 1:
        return daylight
    sign = "+" if hours >= 0 else "-"
    return f"UTC{sign}{abs(hours):02d}:00"


# --------------------------------------------------------------------------- parties


def _pick(key: str, options: list[Any], salt: str = "") -> Any:
    digest = hashlib.sha256(f"{salt}|{key}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def _digits(key: str, n: int, salt: str = "") -> str:
    digest = hashlib.sha256(f"{salt}#{key}".encode()).hexdigest()
    return str(int(digest, 16))[-n:].rjust(n, "0")


ADDRESSES: dict[str, tuple[list[str], list[str]]] = {
    "US-NY": (
        ["418 Broadway", "72 Route 9W", "1190 Main Street, Suite 4", "55 Water St"],
        ["Kingston, NY 12401", "Poughkeepsie, NY 12601", "Bronx, NY 10451", "Albany, NY 12207"],
    ),
    "US-TX": (
        ["2200 Commerce St", "901 Navigation Blvd", "415 W Industrial Ave", "18 Polk Street"],
        ["Houston, TX 77002", "San Antonio, TX 78205", "Amarillo, TX 79101", "Dallas, TX 75201"],
    ),
    "US-CA": (
        ["3100 Harbor Way", "77 Embarcadero W", "1450 Alameda Ave", "620 Folsom Blvd"],
        ["Oakland, CA 94607", "San Jose, CA 95113", "Sacramento, CA 95814", "Fresno, CA 93721"],
    ),
    "GB": (
        ["Unit 4, Kelvin Way", "12 Mill Lane", "The Old Dairy, Station Road", "88 Wharf Street"],
        ["Leeds LS11 5PS", "Birmingham B3 2NS", "Harrow HA1 2QG", "Coventry CV1 2GT"],
    ),
    "DE": (
        ["Industriestraße 12", "Am Westpark 3", "Hafenweg 27", "Lindenallee 8"],
        ["45127 Essen", "80331 München", "20457 Hamburg", "50667 Köln"],
    ),
    "AT": (
        ["Gewerbepark 5", "Linzer Straße 41", "Bahnhofplatz 2", "Mühlgasse 17"],
        ["1100 Wien", "4020 Linz", "5020 Salzburg", "8010 Graz"],
    ),
    "CH": (
        ["Hardturmstrasse 161", "Rue du Simplon 14", "Bahnhofstrasse 22", "Chemin des Vignes 3"],
        ["8005 Zürich", "1006 Lausanne", "3011 Bern", "4051 Basel"],
    ),
    "FR": (
        ["12 rue de la République", "ZA des Platanes, 4 allée Ampère", "85 avenue Jean Jaurès"],
        ["69007 Lyon", "75011 Paris", "31000 Toulouse", "44000 Nantes"],
    ),
    "NL": (
        ["Industrieweg 14", "Kanaalstraat 8", "Oudegracht 210", "Science Park 5"],
        ["3542 AB Utrecht", "5611 AZ Eindhoven", "1012 AB Amsterdam", "3011 BD Rotterdam"],
    ),
}

COUNTRY = {"AT": "Österreich", "CH": "Schweiz"}  # beside a German issuer's window address


def address(name: str, region: str, salt: str = "") -> list[str]:
    streets, towns = ADDRESSES[region]
    return [_pick(name, streets, salt + "street"), _pick(name, towns, salt + "town")]


def slug(name: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in name.lower()).split()
    stop = {"gmbh", "ltd", "inc", "llc", "co", "ag", "sa", "sarl", "sas", "bv", "b", "v", "plc"}
    kept = [w for w in words if w not in stop] or words
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e"})
    return "-".join(kept[:3]).translate(table)


TLD = {
    "US-NY": "com",
    "US-TX": "com",
    "US-CA": "com",
    "GB": "co.uk",
    "DE": "de",
    "AT": "at",
    "CH": "ch",
    "FR": "fr",
    "NL": "nl",
}


def contact(name: str, region: str) -> dict[str, str]:
    phone_digits = _digits(name, 8, "phone")
    phones = {
        "US-NY": f"(845) 555-{phone_digits[:4]}",
        "US-TX": f"(713) 555-{phone_digits[:4]}",
        "US-CA": f"(510) 555-{phone_digits[:4]}",
        "GB": f"0113 496 {phone_digits[:4]}",
        "DE": f"0201 {phone_digits[:3]} {phone_digits[3:7]}-0",
        "AT": f"+43 1 {phone_digits[:3]} {phone_digits[3:6]}",
        "CH": f"+41 44 {phone_digits[:3]} {phone_digits[3:5]} {phone_digits[5:7]}",
        "FR": f"04 72 {phone_digits[:2]} {phone_digits[2:4]} {phone_digits[4:6]}",
        "NL": f"030 {phone_digits[:3]} {phone_digits[3:7]}",
    }
    domain = f"{slug(name)}.{TLD[region]}"
    return {"phone": phones[region], "web": f"www.{domain}", "domain": domain}


def iban(name: str, region: str) -> tuple[str, str, str]:
    """(bank, IBAN or account, BIC or routing): made up, the right shape for the region."""
    d = _digits(name, 24, "bank")
    if region == "DE":
        return (
            "Sparkasse Essen",
            f"DE{d[:2]} 3605 0105 {d[2:6]} {d[6:10]} {d[10:12]}",
            "SPESDE3EXXX",
        )
    if region == "AT":
        return "Erste Bank", f"AT{d[:2]} 2011 1{d[2:5]} {d[5:9]} {d[9:13]}", "GIBAATWWXXX"
    if region == "CH":
        return (
            "Zürcher Kantonalbank",
            f"CH{d[:2]} 0070 0{d[2:5]} {d[5:9]} {d[9:13]} {d[13]}",
            "ZKBKCHZZ80A",
        )
    if region == "FR":
        return (
            "BNP Paribas Lyon",
            f"FR76 3000 4{d[:3]} {d[3:7]} {d[7:11]} {d[11:15]} {d[15:18]}",
            "BNPAFRPPXXX",
        )
    if region == "NL":
        return "ABN AMRO", f"NL{d[:2]} ABNA 0{d[2:5]} {d[5:9]} {d[9:11]}", "ABNANL2A"
    if region == "GB":
        return "Barclays Bank", f"Sort code 20-{d[:2]}-{d[2:4]}  Account {d[4:12]}", ""
    return "First National Bank", f"Account {d[:10]}", f"ABA routing 0{d[10:18]}"


def legal_lines(name: str, region: str) -> list[str]:
    """Register and tax identifiers as a firm registered in the region prints them."""
    d = _digits(name, 12, "legal")
    if region == "DE":
        return [
            f"Amtsgericht Essen HRB {d[:5]}",
            f"USt-IdNr.: DE{d[:9]}",
            f"St.-Nr.: 112/{d[:4]}/{d[4:8]}",
        ]
    if region == "AT":
        return [f"FN {d[:6]} a, Handelsgericht Wien", f"UID-Nr.: ATU{d[:8]}"]
    if region == "CH":
        return [f"UID CHE-{d[:3]}.{d[3:6]}.{d[6:9]} MWST", "Handelsregister des Kantons Zürich"]
    if region == "FR":
        siren = f"{d[:3]} {d[3:6]} {d[6:9]}"
        return [
            f"SIRET {siren} 000{d[9:11]}",
            f"RCS Lyon {siren}",
            f"N° TVA intracommunautaire FR{d[9:11]}{d[:9]}",
        ]
    if region == "NL":
        return [f"KvK {d[:8]}", f"BTW-id NL{d[:9]}B01"]
    if region == "GB":
        return [
            f"Registered in England and Wales No. {d[:8]}",
            f"VAT Reg. No. GB {d[:3]} {d[3:7]} {d[7:9]}",
        ]
    return [f"EIN {d[:2]}-{d[2:9]}"]


# --------------------------------------------------------------------------- Typst sources

COMMON = r"""
#let d = json(bytes(sys.inputs.data))
#let kv(pairs, label-fill: luma(90), gutter: 12pt, row: 5pt, right-values: false) = grid(
  columns: (auto, 1fr),
  column-gutter: gutter,
  row-gutter: row,
  ..pairs
    .map(((k, v)) => (
      text(fill: label-fill, k),
      if right-values { align(right, v) } else { v },
    ))
    .flatten(),
)
#let lines-of(items) = items.join(linebreak())
#show table: set par(justify: false)
#let page-of(fmt) = context {
  let n = counter(page).get().first()
  let total = counter(page).final().first()
  fmt.replace("{n}", str(n)).replace("{total}", str(total))
}
"""

FREELANCE_INVOICE = (
    COMMON
    + r"""
#set document(title: d.title + " " + d.number, author: d.issuer)
#set page(
  paper: d.paper,
  margin: (x: 2.3cm, top: 2.1cm, bottom: 2.6cm),
  footer: {
    set text(size: 7.5pt, fill: luma(110))
    line(length: 100%, stroke: 0.4pt + luma(180))
    grid(columns: (1fr, auto), d.footer.join("  ·  "), page-of(d.page))
  },
)
#set text(font: ("Libertinus Serif", "DejaVu Serif"), size: 10.5pt, lang: "en", hyphenate: false)
#set par(justify: true, leading: 0.6em)

#grid(
  columns: (1fr, auto),
  align: (left + bottom, right + bottom),
  text(size: 19pt, weight: "bold", d.issuer),
  text(size: 8.5pt, fill: luma(80), lines-of(d.issuer_lines)),
)
#v(-4pt)
#line(length: 100%, stroke: 1pt)
#v(18pt)
#text(size: 26pt, tracking: 2pt, smallcaps(d.title))
#v(12pt)
#grid(
  columns: (1fr, 1fr),
  column-gutter: 30pt,
  [
    #text(size: 8.5pt, fill: luma(100), tracking: 0.8pt, upper(d.billed_label)) \
    #strong(d.bill_to) \
    #lines-of(d.bill_lines)
  ],
  kv(d.meta, right-values: true),
)
#v(20pt)
#table(
  columns: (1fr, auto, auto, auto),
  align: (left, right, right, right),
  stroke: none,
  inset: (x: 7pt, y: 6pt),
  fill: (_, y) => if y > 0 and calc.even(y) { luma(243) },
  table.header(..d.heads.map(h => text(weight: "bold", h))),
  table.hline(stroke: 0.9pt),
  ..d.lines
    .map(l => (
      [#l.description#if l.sku != none [
          \ #text(size: 8.5pt, fill: luma(105), l.sku_label + " " + l.sku)
        ]],
      l.qty,
      l.rate,
      l.amount,
    ))
    .flatten(),
  table.hline(stroke: 0.9pt),
)
#v(6pt)
#align(right, box(width: 52%, {
  grid(
    columns: (1fr, auto),
    row-gutter: 7pt,
    column-gutter: 16pt,
    align: (left, right),
    ..d.totals.map(((k, v)) => (k, v)).flatten(),
  )
  v(2pt)
  line(length: 100%, stroke: 0.9pt)
  v(1pt)
  grid(
    columns: (1fr, auto),
    column-gutter: 16pt,
    align: (left, right),
    text(size: 12.5pt, weight: "bold", d.total_label), text(size: 12.5pt, weight: "bold", d.total),
  )
}))
#v(26pt)
#text(size: 8.5pt, fill: luma(100), tracking: 0.8pt, upper(d.payment_label))
#v(2pt)
#d.payment_text
#v(6pt)
#kv(d.bank, gutter: 10pt, row: 4pt)
#v(18pt)
#emph(d.thanks)
"""
)

HANDWERK_RECHNUNG = (
    COMMON
    + r"""
#set document(title: d.subject, author: d.issuer)
#set page(
  paper: "a4",
  margin: (left: 25mm, right: 20mm, top: 18mm, bottom: 36mm),
  footer: {
    set text(size: 6.8pt, fill: luma(70))
    line(length: 100%, stroke: 0.4pt + luma(160))
    v(-2pt)
    grid(columns: (1fr, 1fr, 1fr, 1fr), column-gutter: 8pt, ..d.footer.map(lines-of))
    v(-2pt)
    align(center, page-of(d.page))
  },
)
#set text(font: ("Liberation Sans", "DejaVu Sans"), size: 9.5pt, lang: "de", hyphenate: false)
#set par(justify: false, leading: 0.55em)

#grid(
  columns: (1fr, auto),
  align: (left + horizon, right + horizon),
  box(fill: rgb(d.accent), inset: (x: 8pt, y: 6pt), radius: 2pt,
    text(fill: white, weight: "bold", size: 15pt, d.initials)),
  [
    #text(size: 14pt, weight: "bold", fill: rgb(d.accent), d.issuer) \
    #text(size: 8pt, fill: luma(80), d.tagline)
  ],
)
#v(18mm)
#grid(
  columns: (85mm, 1fr),
  column-gutter: 10mm,
  [
    #text(size: 6.8pt, underline(d.sender_line))
    #v(3pt)
    #lines-of(d.recipient)
  ],
  {
    set text(size: 8.5pt)
    kv(d.info, label-fill: luma(70), gutter: 8pt, row: 3.6pt)
  },
)
#v(16mm)
#text(size: 12.5pt, weight: "bold", d.subject)
#v(6pt)
#d.salutation
#v(2pt)
#d.intro
#v(8pt)
#table(
  columns: (auto, auto, 1fr, auto, auto, auto, auto),
  align: (right, left, left, right, left, right, right),
  stroke: none,
  inset: (x: 4pt, y: 5pt),
  table.header(..d.heads.map(h => text(weight: "bold", size: 8.5pt, h))),
  table.hline(stroke: 0.8pt),
  ..d.lines
    .map(l => (l.pos, l.sku, l.description, l.qty, l.unit, l.rate, l.amount))
    .flatten()
    .map(c => if c == none { [] } else { c }),
  table.hline(stroke: 0.8pt),
)
#align(right, box(width: 70mm, {
  grid(
    columns: (1fr, auto),
    row-gutter: 6pt,
    column-gutter: 16pt,
    align: (left, right),
    ..d.totals.map(((k, v)) => (k, v)).flatten(),
  )
  v(3pt)
  line(length: 100%, stroke: 0.6pt)
  v(-1pt)
  grid(
    columns: (1fr, auto),
    column-gutter: 16pt,
    align: (left, right),
    strong(d.total_label),
    strong(d.total),
  )
  v(-4pt)
  line(length: 100%, stroke: 0.6pt)
  v(-8pt)
  line(length: 100%, stroke: 0.6pt)
}))
#v(10pt)
#for p in d.closing [#p #parbreak()]
#v(4pt)
#d.regards \
#d.signoff
"""
)

FACTURE = (
    COMMON
    + r"""
#set document(title: "Facture " + d.number, author: d.issuer)
#set page(
  paper: "a4",
  margin: (x: 18mm, top: 16mm, bottom: 30mm),
  footer: {
    set text(size: 7pt, fill: luma(80))
    set par(justify: false)
    align(center, d.footer.join(" – "))
    v(-2pt)
    align(right, page-of(d.page))
  },
)
#set text(font: ("Liberation Serif", "DejaVu Serif"), size: 10pt, lang: "fr", hyphenate: false)
#set par(justify: true, leading: 0.55em)

#grid(
  columns: (1fr, 68mm),
  column-gutter: 10mm,
  [
    #text(size: 17pt, weight: "bold", fill: rgb("#1f3b63"), d.issuer) \
    #v(2pt)
    #text(size: 9pt, lines-of(d.issuer_lines))
  ],
  box(width: 100%, stroke: 1pt + rgb("#1f3b63"), inset: 8pt, [
    #align(center, text(size: 18pt, weight: "bold", tracking: 3pt, fill: rgb("#1f3b63"), "FACTURE"))
    #v(-2pt)
    #kv(d.head, gutter: 6pt, row: 4pt, label-fill: black)
  ]),
)
#v(10mm)
#grid(
  columns: (1fr, 1fr),
  column-gutter: 10mm,
  box(width: 100%, stroke: 0.6pt, inset: 8pt, [
    #text(size: 8.5pt, weight: "bold", d.ref_title)
    #v(-2pt)
    #kv(d.refs, gutter: 6pt, row: 4pt, label-fill: black)
  ]),
  box(width: 100%, stroke: 0.6pt, radius: 4pt, inset: 8pt, [
    #text(size: 8.5pt, weight: "bold", d.client_title) \
    #strong(d.bill_to) \
    #lines-of(d.bill_lines)
  ]),
)
#v(8mm)
#table(
  columns: (auto, 1fr, auto, auto, auto),
  align: (left, left, right, right, right),
  stroke: 0.5pt,
  inset: (x: 5pt, y: 5pt),
  fill: (_, y) => if y == 0 { luma(225) },
  table.header(..d.heads.map(h => text(weight: "bold", h))),
  ..d.lines
    .map(l => (l.ref, l.description, l.qty, l.rate, l.amount))
    .flatten()
    .map(c => if c == none { [] } else { c }),
)
#v(6mm)
#align(right, table(
  columns: (45mm, 32mm),
  align: (left, right),
  stroke: 0.5pt,
  inset: (x: 6pt, y: 5pt),
  ..d.totals.map(((k, v)) => (k, v)).flatten(),
  table.cell(fill: luma(225), strong(d.due_label)), table.cell(fill: luma(225), strong(d.due)),
))
#v(8mm)
#set text(size: 8.5pt)
#for p in d.conditions [#p #parbreak()]
"""
)

FACTUUR = (
    COMMON
    + r"""
#let accent = rgb(d.accent)
#set document(title: "Factuur " + d.number, author: d.issuer)
#set page(
  paper: "a4",
  margin: (x: 20mm, top: 18mm, bottom: 26mm),
  footer: {
    set text(size: 7pt, fill: luma(100))
    grid(columns: (1fr, auto), d.footer.join("   |   "), page-of(d.page))
  },
)
#set text(font: ("DejaVu Sans", "Liberation Sans"), size: 8.8pt, lang: "nl", hyphenate: false)
#set par(justify: false, leading: 0.6em)

#grid(
  columns: (1fr, auto),
  align: (left + top, right + top),
  grid(
    columns: (auto, auto),
    column-gutter: 8pt,
    align: horizon,
    circle(
      radius: 11pt,
      fill: accent,
      align(center + horizon, text(fill: white, weight: "bold", d.initial)),
    ),
    text(size: 14pt, weight: "bold", d.issuer),
  ),
  text(size: 8pt, fill: luma(80), lines-of(d.issuer_lines)),
)
#v(14mm)
#text(size: 22pt, weight: "bold", fill: accent, "Factuur")
#v(4mm)
#grid(
  columns: (1fr, 75mm),
  column-gutter: 10mm,
  [
    #text(fill: luma(110), "Factuur aan") \
    #strong(d.bill_to) \
    #lines-of(d.bill_lines)
  ],
  kv(d.meta, label-fill: luma(110), gutter: 10pt, row: 4.5pt),
)
#v(10mm)
#table(
  columns: (auto, 1fr, auto, auto, auto, auto),
  align: (left, left, right, right, right, right),
  stroke: (x, y) => if y > 0 { (bottom: 0.4pt + luma(200)) },
  inset: (x: 6pt, y: 6pt),
  fill: (_, y) => if y == 0 { accent },
  table.header(..d.heads.map(h => text(fill: white, weight: "bold", h))),
  ..d.lines
    .map(l => (l.sku, l.description, l.qty, l.rate, l.vat, l.amount))
    .flatten()
    .map(c => if c == none { [] } else { c }),
)
#v(4mm)
#align(right, box(width: 92mm, {
  grid(
    columns: (1fr, auto),
    row-gutter: 6pt,
    column-gutter: 16pt,
    align: (left, right),
    ..d.totals.map(((k, v)) => (k, v)).flatten(),
  )
  v(2pt)
  box(width: 100%, fill: luma(235), inset: 6pt, grid(
    columns: (1fr, auto),
    column-gutter: 16pt,
    align: (left, right),
    text(size: 10.5pt, weight: "bold", d.total_label),
    text(size: 10.5pt, weight: "bold", d.total),
  ))
}))
#v(12mm)
#d.payment_text
#v(6pt)
#text(fill: luma(110), d.questions)
"""
)

US_SERVICE_TICKET = (
    COMMON
    + r"""
#let dark = rgb("#23395d")
#let card(title, body) = box(
  width: 100%,
  stroke: 0.7pt + luma(150),
  radius: 3pt,
  inset: 0pt,
  clip: true,
  {
    block(width: 100%, fill: luma(232), inset: (x: 7pt, y: 4pt), below: 0pt,
      text(size: 7.5pt, weight: "bold", tracking: 0.6pt, upper(title)))
    block(width: 100%, inset: 7pt, above: 0pt, body)
  },
)
#set document(title: "Service Ticket " + d.work_order, author: d.issuer)
#set page(
  paper: "us-letter",
  margin: (x: 0.6in, top: 0.55in, bottom: 0.7in),
  footer: {
    set text(size: 7pt, fill: luma(110))
    grid(columns: (1fr, auto), d.footer, page-of(d.page))
  },
)
#set text(
  font: ("Liberation Sans Narrow", "Liberation Sans", "DejaVu Sans"),
  size: 10pt,
  lang: "en",
  hyphenate: false,
)
#set par(justify: true, leading: 0.55em)

#block(width: 100%, fill: dark, inset: (x: 12pt, y: 10pt), radius: 3pt, grid(
  columns: (1fr, auto),
  align: (left + horizon, right + horizon),
  [
    #text(fill: white, size: 15pt, weight: "bold", d.issuer) \
    #text(fill: luma(215), size: 8pt, d.issuer_line)
  ],
  text(fill: white, size: 16pt, weight: "bold", tracking: 1pt, "SERVICE TICKET"),
))
#v(8pt)
#grid(
  columns: (1fr, 1fr),
  column-gutter: 10pt,
  row-gutter: 10pt,
  card("Customer", [#strong(d.customer) \ #lines-of(d.customer_lines)]),
  card("Job", kv(d.job, gutter: 8pt, row: 4pt)),
  card("Technician", kv(d.tech, gutter: 8pt, row: 4pt)),
  card("Equipment", kv(d.equipment, gutter: 8pt, row: 4pt)),
)
#v(10pt)
#card("Time log", table(
  columns: (1fr, auto, auto),
  align: (left, left, right),
  stroke: none,
  inset: (x: 4pt, y: 4pt),
  table.header(..("Event", "Date", "Time").map(h => text(weight: "bold", h))),
  table.hline(stroke: 0.5pt + luma(150)),
  ..d.times.flatten(),
))
#v(10pt)
#grid(
  columns: (1fr, 1fr, 1fr),
  column-gutter: 10pt,
  ..d.hours.map(((k, v)) => card(k, align(center, text(size: 15pt, weight: "bold", v)))),
)
#v(10pt)
#card("Parts used", if d.parts.len() == 0 { text(fill: luma(90), d.no_parts) } else {
  table(
    columns: (auto, 1fr, auto),
    align: (left, left, right),
    stroke: none,
    inset: (x: 4pt, y: 4pt),
    table.header(..("Part #", "Description", "Qty").map(h => text(weight: "bold", h))),
    table.hline(stroke: 0.5pt + luma(150)),
    ..d.parts.map(p => (p.sku, p.description, p.qty)).flatten(),
  )
})
#v(10pt)
#card("Work performed", block(width: 100%, height: auto, d.notes))
#v(10pt)
#card("Customer sign-off", grid(
  columns: (1fr, auto),
  align: (left + horizon, right + horizon),
  [#text(weight: "bold", d.signature) \ #text(size: 8pt, fill: luma(100), d.signature_hint)],
  if d.signed {
    box(width: 150pt, height: 30pt, {
      place(bottom, line(length: 100%, stroke: 0.5pt))
      place(left + horizon, curve(
        stroke: 1.1pt + rgb("#1b2a8a"),
        curve.move((6pt, 20pt)),
        curve.cubic((20pt, -4pt), (30pt, 30pt), (48pt, 10pt)),
        curve.cubic((60pt, -2pt), (70pt, 26pt), (92pt, 14pt)),
        curve.cubic((104pt, 8pt), (118pt, 22pt), (140pt, 6pt)),
      ))
    })
  } else {
    box(width: 150pt, height: 30pt, place(bottom, line(length: 100%, stroke: 0.5pt)))
  },
))
"""
)

VISIT_REPORT = (
    COMMON
    + r"""
#let teal = rgb("#0f766e")
#let section(title) = block(above: 14pt, below: 6pt, width: 100%, {
  text(size: 10.5pt, weight: "bold", fill: teal, title)
  v(-6pt)
  line(length: 100%, stroke: 0.6pt + teal)
})
#set document(title: d.title + " " + d.work_order, author: d.issuer)
#set page(
  paper: d.paper,
  margin: (x: 20mm, top: 16mm, bottom: 22mm),
  header: context if counter(page).get().first() > 1 {
    set text(size: 7.5pt, fill: luma(110))
    grid(columns: (1fr, auto), d.issuer, d.title + " " + d.work_order)
  },
  footer: {
    set text(size: 7.5pt, fill: luma(110))
    grid(columns: (1fr, auto), d.generated, page-of(d.page))
  },
)
#set text(font: ("DejaVu Sans", "Liberation Sans"), size: 9pt, lang: d.lang, hyphenate: false)
#set par(justify: true, leading: 0.6em)

#grid(
  columns: (1fr, auto),
  align: (left + bottom, right + bottom),
  [
    #text(size: 8pt, fill: luma(110), d.issuer) \
    #text(size: 18pt, weight: "bold", d.title)
  ],
  box(fill: teal, inset: (x: 10pt, y: 6pt), radius: 10pt,
    text(fill: white, weight: "bold", d.work_order)),
)
#section(d.job_title)
#grid(
  columns: (1fr, 1fr),
  column-gutter: 16pt,
  kv(d.left, label-fill: luma(110)),
  kv(d.right, label-fill: luma(110)),
)
#section(d.time_title)
#grid(
  columns: (1fr, 1fr),
  column-gutter: 16pt,
  kv(d.times, label-fill: luma(110)),
  kv(d.hours, label-fill: luma(110)),
)
#section(d.parts_title)
#if d.parts.len() == 0 { text(fill: luma(110), d.no_parts) } else {
  table(
    columns: (auto, 1fr, auto),
    align: (left, left, right),
    stroke: none,
    inset: (x: 6pt, y: 5pt),
    fill: (_, y) => if y == 0 { luma(225) } else if calc.even(y) { luma(245) },
    table.header(..d.parts_heads.map(h => text(weight: "bold", h))),
    ..d.parts.map(p => (p.sku, p.description, p.qty)).flatten(),
  )
}
#section(d.notes_title)
#d.notes
#section(d.sign_title)
#kv(d.sign, label-fill: luma(110))
"""
)

EINSATZBERICHT = (
    COMMON
    + r"""
#let section(num, title) = block(
  above: 12pt,
  below: 5pt,
  width: 100%,
  fill: luma(225),
  inset: (x: 6pt, y: 4pt),
  text(weight: "bold", num + "  " + title),
)
#set document(title: "Einsatzbericht " + d.work_order, author: d.issuer)
#set page(
  paper: "a4",
  margin: (left: 20mm, right: 18mm, top: 26mm, bottom: 22mm),
  header: {
    set text(size: 8pt)
    grid(
      columns: (1fr, auto),
      align: (left + bottom, right + bottom),
      [#text(size: 11pt, weight: "bold", d.issuer) \ #text(fill: luma(90), d.issuer_line)],
      [#text(weight: "bold", "Einsatzbericht " + d.work_order) \ #page-of(d.page)],
    )
    v(-4pt)
    line(length: 100%, stroke: 0.7pt)
  },
  footer: {
    set text(size: 7pt, fill: luma(100))
    align(center, d.footer)
  },
)
#set text(font: ("Liberation Sans", "DejaVu Sans"), size: 9.5pt, lang: "de", hyphenate: false)
#set par(justify: true, leading: 0.55em)
#let tick(on) = text(font: "DejaVu Sans", if on { "☒" } else { "☐" })

#text(size: 16pt, weight: "bold", "Einsatzbericht")
#section("1", "Auftrag")
#grid(
  columns: (1fr, 1fr),
  column-gutter: 14pt,
  kv(d.order_left, label-fill: luma(80)),
  kv(d.order_right, label-fill: luma(80)),
)
#v(6pt)
#text(fill: luma(80), "Art des Einsatzes:")
#h(6pt)
#for (label, on) in d.kinds [#box[#tick(on) #label]#h(12pt)]
#section("2", "Arbeitszeit")
#table(
  columns: (1fr, auto, auto),
  align: (left, left, right),
  stroke: 0.5pt + luma(140),
  inset: (x: 6pt, y: 4pt),
  table.header(..("", "Datum", "Uhrzeit").map(h => text(weight: "bold", h))),
  ..d.times.flatten(),
)
#v(4pt)
#grid(columns: (1fr, 1fr), column-gutter: 14pt, ..d.hours.map(((k, v)) => [#k: #strong(v)]))
#section("3", "Material")
#if d.parts.len() == 0 { text(fill: luma(80), d.no_parts) } else {
  table(
    columns: (auto, 1fr, auto, auto),
    align: (left, left, right, left),
    stroke: 0.5pt + luma(140),
    inset: (x: 6pt, y: 4pt),
    table.header(..("Art.-Nr.", "Bezeichnung", "Menge", "ME").map(h => text(weight: "bold", h))),
    ..d.parts.map(p => (p.sku, p.description, p.qty, p.unit)).flatten(),
  )
}
#section("4", "Prüfprotokoll")
#table(
  columns: (1fr, auto, auto, auto),
  align: (left, center, center, center),
  stroke: 0.5pt + luma(140),
  inset: (x: 6pt, y: 5pt),
  table.header(..("Prüfpunkt", "i. O.", "n. i. O.", "entfällt").map(h => text(weight: "bold", h))),
  ..d.checks
    .map(((label, state)) => (label, tick(state == 0), tick(state == 1), tick(state == 2)))
    .flatten(),
)
#v(6pt)
#text(weight: "bold", "Messwerte")
#table(
  columns: (1fr, auto, auto),
  align: (left, right, left),
  stroke: 0.5pt + luma(140),
  inset: (x: 6pt, y: 5pt),
  table.header(..("Messung", "Wert", "Einheit").map(h => text(weight: "bold", h))),
  ..d.measures.flatten(),
)
#section("5", "Bemerkungen / ausgeführte Arbeiten")
#block(width: 100%, inset: (x: 6pt), d.notes)
#section("6", "Unterschrift")
#text(size: 8pt, fill: luma(70), d.acceptance)
#v(4pt)
#grid(
  columns: (1fr, 1fr),
  column-gutter: 20pt,
  [
    #v(26pt)
    #line(length: 90%, stroke: 0.5pt)
    #text(size: 8pt, "Techniker: " + d.technician)
  ],
  [
    #box(height: 26pt, width: 90%, align(bottom, text(weight: "bold", d.signature)))
    #line(length: 90%, stroke: 0.5pt)
    #text(size: 8pt, "Unterschrift Kunde")
  ],
)
"""
)

RAPPORT = (
    COMMON
    + r"""
#let blue = rgb("#2d4f8b")
#let cellkv(pairs) = table(
  columns: (auto, 1fr),
  stroke: 0.5pt + luma(150),
  inset: (x: 6pt, y: 4.5pt),
  fill: (x, _) => if x == 0 { luma(240) },
  ..pairs.flatten(),
)
#let titled(t) = block(
  above: 12pt,
  below: 5pt,
  text(weight: "bold", fill: blue, size: 10.5pt, upper(t)),
)
#set document(title: "Rapport d'intervention " + d.work_order, author: d.issuer)
#set page(
  paper: "a4",
  margin: (x: 18mm, top: 16mm, bottom: 22mm),
  footer: {
    set text(size: 7.5pt, fill: luma(100))
    grid(columns: (1fr, auto), d.footer, page-of(d.page))
  },
)
#set text(font: ("DejaVu Serif", "Liberation Serif"), size: 9.2pt, lang: "fr", hyphenate: false)
#set par(justify: true, leading: 0.6em)

#grid(
  columns: (1fr, auto),
  align: (left + top, right + top),
  [
    #text(size: 13pt, weight: "bold", fill: blue, d.issuer) \
    #text(size: 8pt, lines-of(d.issuer_lines))
  ],
  align(right)[
    #text(size: 15pt, weight: "bold", "Rapport d'intervention") \
    #text(size: 11pt, "N° " + d.work_order)
  ],
)
#v(6pt)
#line(length: 100%, stroke: 1.2pt + blue)
#titled("Client et intervention")
#grid(
  columns: (1fr, 1fr),
  column-gutter: 10pt,
  cellkv(d.client),
  cellkv(d.job),
)
#titled("Horaires")
#cellkv(d.times)
#titled("Temps passé")
#grid(columns: (1fr, 1fr), column-gutter: 10pt, ..d.hours.map(p => cellkv((p,))))
#titled("Pièces remplacées / fournitures")
#if d.parts.len() == 0 { emph(d.no_parts) } else {
  table(
    columns: (auto, 1fr, auto),
    align: (left, left, right),
    stroke: 0.5pt + luma(150),
    inset: (x: 6pt, y: 4.5pt),
    fill: (_, y) => if y == 0 { luma(240) },
    table.header(..("Réf.", "Désignation", "Qté").map(h => text(weight: "bold", h))),
    ..d.parts.map(p => (p.sku, p.description, p.qty)).flatten(),
  )
}
#titled("Travaux réalisés / observations")
#block(width: 100%, stroke: 0.5pt + luma(150), inset: 8pt, d.notes)
#titled("Signatures")
#grid(
  columns: (1fr, 1fr),
  column-gutter: 10pt,
  box(width: 100%, stroke: 0.5pt + luma(150), inset: 8pt, height: 52pt,
    [#text(weight: "bold", "Le technicien") \ #d.technician]),
  box(width: 100%, stroke: 0.5pt + luma(150), inset: 8pt, height: 52pt,
    [#text(weight: "bold", "Le client") \ #d.signature]),
)
"""
)

# --------------------------------------------------------------------------- document data


def _common_invoice(case: Case) -> tuple[dict[str, Any], date, str]:
    inv = case["invoice"]
    return inv, day(inv["date"]), case["customer"]["region"]


def _job_day(case: Case) -> date:
    return day(case["service_report"]["completed_at"])


def freelance_invoice(case: Case, locale: str) -> dict[str, Any]:
    inv, issued, region = _common_invoice(case)
    us = locale == "en-US"
    symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(inv["currency"], inv["currency"] + " ")

    def money(v: float) -> str:
        text = amount(abs(v), "us")
        return f"-{symbol}{text}" if v < 0 else f"{symbol}{text}"

    when = (lambda x: long_date(x, "en-US")) if us else (lambda x: long_date(x, "en-GB"))
    due = issued + timedelta(days=30)
    meta = [("Invoice no.", inv["number"]), ("Date", when(issued)), ("Due", when(due))]
    meta.append(("Work order", case["service_report"]["work_order_id"]))
    if inv["po_number"]:
        meta.append(("Your PO", inv["po_number"]))
    tax_label = (
        f"Sales tax ({rate_text(inv['tax_rate'], 'us')}%)"
        if us
        else f"VAT @ {rate_text(inv['tax_rate'], 'us')}%"
    )
    bank, account, routing = iban(inv["issuer"], region)
    bank_rows = [("Bank", bank), ("Account" if us else "Details", account)]
    if routing:
        bank_rows.append(("Routing", routing))
    c = contact(inv["issuer"], region)
    legal = legal_lines(inv["issuer"], region)
    return {
        "title": "Invoice",
        "number": inv["number"],
        "paper": "us-letter" if us else "a4",
        "issuer": inv["issuer"],
        "issuer_lines": [*address(inv["issuer"], region), c["phone"], f"billing@{c['domain']}"],
        "billed_label": "Billed to",
        "bill_to": inv["bill_to"],
        "bill_lines": address(inv["bill_to"], region, "bill"),
        "meta": meta,
        "heads": ["Description", "Qty" if not us else "Qty / Hrs", "Rate", "Amount"],
        "lines": [
            {
                "description": line["description"],
                "sku": line["sku"],
                "sku_label": "Part no." if us else "Item code",
                "qty": quantity(line["qty"], "us"),
                "rate": money(line["unit_price"]),
                "amount": money(line["amount"]),
            }
            for line in inv["lines"]
        ],
        "totals": [("Subtotal", money(inv["subtotal"])), (tax_label, money(inv["tax"]))],
        "total_label": "Total due" if us else "Amount due",
        "total": money(inv["total"]),
        "payment_label": "Payment",
        "payment_text": (
            f"Payment is due within 30 days, by {when(due)}. Please quote invoice number "
            f"{inv['number']} with your payment"
            + (
                " and make checks payable to " + inv["issuer"] + "."
                if us
                else ". Late payments may incur statutory interest under the Late Payment "
                "of Commercial Debts (Interest) Act 1998."
            )
        ),
        "bank": bank_rows,
        "thanks": "Thank you for your business.",
        "footer": [inv["issuer"], *legal, c["web"]],
        "page": "Page {n} of {total}",
    }


def handwerk_rechnung(case: Case, locale: str) -> dict[str, Any]:
    inv, issued, region = _common_invoice(case)
    swiss = region == "CH"
    style = "ch" if swiss else "eu"
    cur = "CHF" if swiss else "€"

    def money(v: float) -> str:
        return f"CHF {amount(v, style)}" if swiss else f"{amount(v, style)} €"

    issuer = inv["issuer"]
    c = contact(issuer, region)
    own_street, own_town = address(issuer, region)
    recipient = [inv["bill_to"], *address(inv["bill_to"], region, "bill")]
    if region in COUNTRY:
        recipient.append(COUNTRY[region].upper())
    legal = legal_lines(issuer, region)
    work_day = _job_day(case)
    days = 30 if swiss else 14
    due = issued + timedelta(days=days)
    info = [
        ("Rechnungs-Nr.", inv["number"]),
        ("Rechnungsdatum", dotted_date(issued)),
        ("Kunden-Nr.", case["customer"]["id"]),
        ("Auftrags-Nr.", case["service_report"]["work_order_id"]),
    ]
    if inv["po_number"]:
        info.append(("Ihre Bestellung", inv["po_number"]))
    info += [
        ("Leistungsdatum", dotted_date(work_day)),
        ("Bearbeiter/in", _pick(issuer, ["Fr. Yilmaz", "Hr. Becker", "Fr. Wagner", "Hr. Graf"])),
    ]
    vat_id = next((x.split(": ")[-1] for x in legal if "USt" in x or "UID" in x), "")
    if vat_id:
        info.append(("UID-Nr." if region != "DE" else "USt-IdNr.", vat_id.replace("UID ", "")))
    unit = {
        "labor": "Std.",
        "travel": "Std.",
        "part": "Stk.",
        "fee": "pausch.",
        "credit": "pausch.",
    }
    lines = [
        {
            "pos": str(i),
            "sku": line["sku"],
            "description": line["description"],
            "qty": quantity(line["qty"], style, 2),
            "unit": unit[line["kind"]],
            "rate": amount(line["unit_price"], style),
            "amount": amount(line["amount"], style),
        }
        for i, line in enumerate(inv["lines"], 1)
    ]
    vat_word = "MWST" if swiss else "USt."
    rate = rate_text(inv["tax_rate"], style)
    bank, account, bic = iban(issuer, region)
    manager = _pick(issuer, ["Thomas Reuter", "Sabine Lorenz", "Markus Egger", "Claudia Frei"])
    greeting = "Freundliche Grüsse" if swiss else "Mit freundlichen Grüßen"
    closing = [
        (
            f"Zahlbar innert {days} Tagen netto, bis {dotted_date(due)}."
            if swiss
            else f"Bitte überweisen Sie den Rechnungsbetrag ohne Abzug bis zum "
            f"{dotted_date(due)} auf das unten angegebene Konto."
        )
        + " Bitte geben Sie bei der Zahlung die Rechnungsnummer an.",
        "Vielen Dank für Ihren Auftrag.",
    ]
    return {
        "issuer": issuer,
        "initials": "".join(w[0] for w in issuer.split()[:2]).upper(),
        "accent": _pick(issuer, ["#8a1c1c", "#1d4e89", "#2f6b2f", "#5b3a8c"]),
        "tagline": _pick(
            issuer,
            [
                "Kälte · Klima · Lüftung — Kundendienst und Wartung",
                "Service · Montage · Instandhaltung",
                "Ihr Meisterbetrieb für Anlagentechnik",
            ],
        ),
        "sender_line": f"{issuer} · {own_street} · {own_town}",
        "recipient": recipient,
        "info": info,
        "subject": f"Rechnung Nr. {inv['number']}",
        "salutation": "Sehr geehrte Damen und Herren,",
        "intro": (
            f"für die am {dotted_date(work_day)} ausgeführten Arbeiten (Auftrag "
            f"{case['service_report']['work_order_id']}) erlauben wir uns, Ihnen wie folgt "
            "zu berechnen:"
        ),
        "heads": [
            "Pos.",
            "Art.-Nr.",
            "Bezeichnung",
            "Menge",
            "Einheit",
            f"Einzelpreis {cur}",
            f"Gesamt {cur}",
        ],
        "lines": lines,
        "totals": [
            ("Summe netto", money(inv["subtotal"])),
            (
                f"{vat_word} {rate} %" if swiss else f"zzgl. {rate} % {vat_word}",
                money(inv["tax"]),
            ),
        ],
        "total_label": "Rechnungsbetrag",
        "total": money(inv["total"]),
        "closing": closing,
        "regards": greeting,
        "signoff": issuer,
        "footer": [
            [issuer, own_street, own_town],
            [f"Tel. {c['phone']}", f"rechnung@{c['domain']}", c["web"]],
            [bank, f"IBAN {account}", f"BIC {bic}"],
            [f"Geschäftsführung: {manager}", *legal],
        ],
        "page": "Seite {n} von {total}",
    }


def facture(case: Case, locale: str) -> dict[str, Any]:
    inv, issued, region = _common_invoice(case)
    swiss = region == "CH"
    style = "ch-typo" if swiss else "fr"

    def money(v: float) -> str:
        return f"{amount(v, style)} CHF" if swiss else f"{amount(v, style)} €"

    issuer = inv["issuer"]
    c = contact(issuer, region)
    legal = legal_lines(issuer, region)
    due = issued + timedelta(days=30)
    refs = [
        ("Date de la prestation", long_date(_job_day(case), "fr")),
        ("Bon d'intervention", case["service_report"]["work_order_id"]),
    ]
    if inv["po_number"]:
        refs.append(("Votre commande", inv["po_number"]))
    refs += [("Client n°", case["customer"]["id"]), ("Échéance", long_date(due, "fr"))]
    rate = rate_text(inv["tax_rate"], "fr")
    bank, account, bic = iban(issuer, region)
    if swiss:
        conditions = [
            f"Conditions de paiement : 30 jours net, soit au plus tard le {long_date(due, 'fr')}, "
            f"par virement sur le compte {account} ({bank}, BIC {bic}). Merci d'indiquer le "
            "numéro de facture en référence.",
        ]
    else:
        conditions = [
            f"Conditions de paiement : à 30 jours date de facture, soit le {long_date(due, 'fr')}, "
            f"par virement bancaire (IBAN {account} – BIC {bic}). Pas d'escompte pour "
            "paiement anticipé.",
            "En cas de retard de paiement, des pénalités égales à trois fois le taux "
            "d'intérêt légal seront exigibles, ainsi qu'une indemnité forfaitaire pour frais "
            "de recouvrement de quarante euros (art. L441-10 et D441-5 du Code de commerce).",
        ]
    return {
        "issuer": issuer,
        "issuer_lines": [
            *address(issuer, region),
            f"Tél. {c['phone']}",
            f"comptabilite@{c['domain']}",
        ],
        "number": inv["number"],
        "head": [("N°", inv["number"]), ("Date", long_date(issued, "fr"))],
        "ref_title": "Références",
        "refs": refs,
        "client_title": "Adresse de facturation",
        "bill_to": inv["bill_to"],
        "bill_lines": address(inv["bill_to"], region, "bill"),
        "heads": ["Réf.", "Désignation", "Qté", "P.U. HT", "Montant HT"],
        "lines": [
            {
                "ref": line["sku"],
                "description": line["description"],
                "qty": quantity(line["qty"], "fr"),
                "rate": money(line["unit_price"]),
                "amount": money(line["amount"]),
            }
            for line in inv["lines"]
        ],
        "totals": [
            ("Total HT", money(inv["subtotal"])),
            (f"TVA {rate} %", money(inv["tax"])),
            ("Total TTC", money(inv["total"])),
        ],
        "due_label": "Net à payer",
        "due": money(inv["total"]),
        "conditions": conditions,
        "footer": [issuer, *legal],
        "page": "Page {n}/{total}",
    }


def factuur(case: Case, locale: str) -> dict[str, Any]:
    inv, issued, region = _common_invoice(case)

    def money(v: float) -> str:
        return f"€ -{amount(-v, 'eu')}" if v < 0 else f"€ {amount(v, 'eu')}"

    issuer = inv["issuer"]
    c = contact(issuer, region)
    legal = legal_lines(issuer, region)
    due = issued + timedelta(days=14)
    rate = rate_text(inv["tax_rate"], "eu")
    meta = [
        ("Factuurnummer", inv["number"]),
        ("Factuurdatum", dash_date(issued)),
        ("Vervaldatum", dash_date(due)),
        ("Werkbon", case["service_report"]["work_order_id"]),
    ]
    if inv["po_number"]:
        meta.append(("Uw referentie", inv["po_number"]))
    meta.append(("Klantnummer", case["customer"]["id"]))
    account = iban(issuer, region)[1]
    return {
        "accent": _pick(issuer, ["#e85d04", "#1565c0", "#2e7d32", "#6a1b9a"]),
        "initial": issuer[0].upper(),
        "issuer": issuer,
        "issuer_lines": [*address(issuer, region), c["phone"], f"administratie@{c['domain']}"],
        "number": inv["number"],
        "bill_to": inv["bill_to"],
        "bill_lines": address(inv["bill_to"], region, "bill"),
        "meta": meta,
        "heads": ["Art.nr.", "Omschrijving", "Aantal", "Prijs", "BTW", "Bedrag"],
        "lines": [
            {
                "sku": line["sku"],
                "description": line["description"],
                "qty": quantity(line["qty"], "eu"),
                "rate": money(line["unit_price"]),
                "vat": f"{rate}%",
                "amount": money(line["amount"]),
            }
            for line in inv["lines"]
        ],
        "totals": [
            ("Subtotaal", money(inv["subtotal"])),
            (f"BTW {rate}% over {money(inv['subtotal'])}", money(inv["tax"])),
        ],
        "total_label": "Totaal",
        "total": money(inv["total"]),
        "payment_text": (
            f"We verzoeken u vriendelijk het totaalbedrag van {money(inv['total'])} vóór "
            f"{long_date(due, 'nl')} over te maken op {account} ten name van {issuer}, "
            f"onder vermelding van factuurnummer {inv['number']}."
        ),
        "questions": f"Vragen over deze factuur? Mail naar administratie@{c['domain']}.",
        "footer": [issuer, *legal, f"IBAN {account}"],
        "page": "Pagina {n} van {total}",
    }


SERVICE_TYPES = {
    "en-US": {
        "preventive_maintenance": "Preventive Maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency Repair",
    },
    "en-GB": {
        "preventive_maintenance": "Planned preventive maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency repair (call-out)",
    },
    "nl-NL": {
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
        "emergency_repair": "Notfallreparatur",
    },
    "fr": {
        "preventive_maintenance": "Maintenance préventive",
        "repair": "Réparation",
        "installation": "Installation / mise en service",
        "inspection": "Contrôle / inspection",
        "emergency_repair": "Dépannage d'urgence",
    },
}

# who the report's company is: the firm that sent the technician
REPORT_ISSUER = {
    "US-NY": "Acme Field Services Inc.",
    "US-TX": "Acme Field Services Inc.",
    "US-CA": "Acme Field Services Inc.",
    "GB": "Acme Field Services UK Ltd",
    "DE": "Acme Field Services GmbH",
    "AT": "Acme Field Services GmbH",
    "CH": "Acme Field Services AG",
    "FR": "Acme Field Services GmbH",
    "NL": "Acme Field Services GmbH",
}


def _report_issuer(case: Case) -> str:
    """The firm whose technician did the job: the subcontractor on a supplier invoice."""
    inv = case["invoice"]
    if case["workflow"] == "service_procurement":
        return str(inv["issuer"])
    return REPORT_ISSUER[case["customer"]["region"]]


def _site(case: Case) -> str:
    return str(case["customer"]["name"])


def us_service_ticket(case: Case, locale: str) -> dict[str, Any]:
    rep = case["service_report"]
    region = case["customer"]["region"]
    issuer = _report_issuer(case)
    c = contact(issuer, region)

    def row(label: str, iso: str) -> list[str]:
        t = wall(iso)
        return [label, us_date(t.date()), f"{clock12(t)} {us_zone(region, t)}"]

    return {
        "issuer": issuer,
        "issuer_line": f"{', '.join(address(issuer, region))} · {c['phone']} · {c['web']}",
        "work_order": rep["work_order_id"],
        "customer": _site(case),
        "customer_lines": [
            *address(_site(case), region, "site"),
            f"Account {case['customer']['id']}",
        ],
        "job": [
            ("Work Order #", rep["work_order_id"]),
            ("Call Type", SERVICE_TYPES["en-US"][rep["service_type"]]),
            ("Contract", case["contract"]["id"] if case["contract"]["type"] != "none" else "—"),
        ],
        "tech": [
            ("Name", rep["technician"]),
            ("Tech ID", f"T-{_digits(rep['technician'], 3, 'tech')}"),
            ("Truck", f"#{_digits(rep['technician'], 2, 'truck')}"),
        ],
        "equipment": [
            ("Model", case["asset"]["model"]),
            ("Asset tag", case["asset"]["id"]),
        ],
        "times": [
            row("Call received", rep["reported_at"]),
            row("Arrived on site", rep["arrived_at"]),
            row("Job completed", rep["completed_at"]),
        ],
        "hours": [
            ("Labor hours", f"{rep['labor_hours']:.2f}"),
            ("Travel hours", f"{rep['travel_hours']:.2f}"),
            ("Service date", us_date(wall(rep["completed_at"]).date())),
        ],
        "parts": [
            {"sku": p["sku"], "description": p["description"], "qty": quantity(p["qty"], "us")}
            for p in rep["parts"]
        ],
        "no_parts": "No parts used.",
        "notes": rep["notes"].strip(),
        "signed": bool(rep["customer_signature"]),
        "signature": (
            "Customer signature: SIGNED"
            if rep["customer_signature"]
            else "Customer signature: NOT SIGNED"
        ),
        "signature_hint": (
            "Signed on the technician's tablet at job completion."
            if rep["customer_signature"]
            else "No customer representative signed this ticket."
        ),
        "footer": f"{issuer} · Service ticket {rep['work_order_id']}",
        "page": "Page {n} of {total}",
    }


def visit_report(case: Case, locale: str) -> dict[str, Any]:
    rep = case["service_report"]
    region = case["customer"]["region"]
    issuer = _report_issuer(case)
    types = SERVICE_TYPES[locale]

    def hours(v: float) -> str:
        if locale == "en-GB":
            minutes = round(v * 60)
            return f"{minutes // 60}h {minutes % 60:02d}m"
        if locale == "nl-NL":
            return f"{quantity(v, 'eu', 2)} uur"
        return f"{v:.2f} hrs"

    def when(iso: str) -> str:
        t = wall(iso)
        if locale == "en-GB":
            return f"{slash_date(t.date())} {t:%H:%M}"
        if locale == "nl-NL":
            return f"{dash_date(t.date())} {t:%H:%M}"
        return f"{us_date(t.date())} {clock12(t)}"

    site = _site(case)
    if locale == "nl-NL":
        labels = {
            "title": "Werkbon",
            "job_title": "Opdracht",
            "time_title": "Tijden",
            "parts_title": "Gebruikte materialen",
            "notes_title": "Uitgevoerde werkzaamheden",
            "sign_title": "Akkoord klant",
            "no_parts": "Geen materialen gebruikt.",
            "parts_heads": ["Artikelnr.", "Omschrijving", "Aantal"],
        }
        left = [
            ("Werkbonnummer", rep["work_order_id"]),
            ("Klant", site),
            ("Locatie", address(site, region, "site")[1]),
        ]
        right = [
            ("Soort opdracht", types[rep["service_type"]]),
            ("Monteur", rep["technician"]),
            ("Installatie", f"{case['asset']['model']} ({case['asset']['id']})"),
        ]
        times = [
            ("Melding", when(rep["reported_at"])),
            ("Aankomst", when(rep["arrived_at"])),
            ("Gereed", when(rep["completed_at"])),
        ]
        hour_rows = [
            ("Arbeidstijd", hours(rep["labor_hours"])),
            ("Reistijd", hours(rep["travel_hours"])),
        ]
        sign = [("Getekend door klant", "Ja" if rep["customer_signature"] else "Nee")]
        generated = f"Gegenereerd door {issuer} servicesysteem"
        page = "Pagina {n} van {total}"
        lang = "nl"
    else:
        gb = locale == "en-GB"
        labels = {
            "title": "Engineer Visit Report" if gb else "Field Service Report",
            "job_title": "Job details",
            "time_title": "Times",
            "parts_title": "Materials used",
            "notes_title": "Work carried out" if gb else "Work performed",
            "sign_title": "Customer acceptance",
            "no_parts": "No materials used.",
            "parts_heads": ["Part no.", "Item", "Qty"],
        }
        left = [
            ("Job number", rep["work_order_id"]),
            ("Customer", site),
            ("Site", address(site, region, "site")[1]),
        ]
        right = [
            ("Job type", types[rep["service_type"]]),
            ("Engineer" if gb else "Technician", rep["technician"]),
            ("Equipment", f"{case['asset']['model']} ({case['asset']['id']})"),
        ]
        times = [
            ("Logged", when(rep["reported_at"])),
            ("On site", when(rep["arrived_at"])),
            ("Completed", when(rep["completed_at"])),
        ]
        hour_rows = [
            ("Labour time" if gb else "Labor time", hours(rep["labor_hours"])),
            ("Travel time", hours(rep["travel_hours"])),
        ]
        sign = [("Signed by customer", "Yes" if rep["customer_signature"] else "No")]
        generated = f"Generated by the {issuer} service app"
        page = "Page {n} of {total}"
        lang = "en"
    return {
        **labels,
        "lang": lang,
        "paper": "us-letter" if locale == "en-US" else "a4",
        "issuer": issuer,
        "work_order": rep["work_order_id"],
        "left": left,
        "right": right,
        "times": times,
        "hours": hour_rows,
        "parts": [
            {
                "sku": p["sku"],
                "description": p["description"],
                "qty": quantity(p["qty"], "eu" if lang == "nl" else "us"),
            }
            for p in rep["parts"]
        ],
        "notes": rep["notes"].strip(),
        "sign": sign,
        "generated": generated,
        "page": page,
    }


CHECKS = [
    "Sichtprüfung Gehäuse und Anschlüsse",
    "Typenschild lesbar, Anlagendaten aufgenommen",
    "Elektrische Anschlüsse nachgezogen",
    "Schutzleiter / Isolationswiderstand gemessen",
    "Sicherheitseinrichtungen (Not-Aus) geprüft",
    "Schalt- und Regelorgane geprüft",
    "Dichtheit geprüft",
    "Betriebsdrücke / Temperaturen kontrolliert",
    "Filter und Kondensatablauf kontrolliert",
    "Antriebe, Lager und Riemen kontrolliert",
    "Störmeldungen ausgelesen und quittiert",
    "Probelauf durchgeführt",
    "Arbeitsplatz gereinigt, Abfälle entsorgt",
    "Kunde über Zustand der Anlage informiert",
]


def einsatzbericht(case: Case, locale: str) -> dict[str, Any]:
    rep = case["service_report"]
    region = case["customer"]["region"]
    issuer = _report_issuer(case)
    swiss = region == "CH"
    style = "ch" if swiss else "eu"
    c = contact(issuer, region)
    site = _site(case)

    def row(label: str, iso: str) -> list[str]:
        t = wall(iso)
        return [label, dotted_date(t.date()), f"{t:%H:%M} Uhr"]

    states = [
        int(_digits(f"{rep['work_order_id']}{i}", 1, "check")) % 7 for i in range(len(CHECKS))
    ]
    return {
        "issuer": issuer,
        "issuer_line": f"{' · '.join(address(issuer, region))} · Tel. {c['phone']}",
        "work_order": rep["work_order_id"],
        "order_left": [
            ("Auftrags-Nr.", rep["work_order_id"]),
            ("Kunde", site),
            ("Einsatzort", ", ".join(address(site, region, "site"))),
        ],
        "order_right": [
            ("Kunden-Nr.", case["customer"]["id"]),
            ("Anlage", case["asset"]["model"]),
            ("Anlagen-Nr.", case["asset"]["id"]),
            ("Techniker", rep["technician"]),
        ],
        "kinds": [
            (label, key == rep["service_type"]) for key, label in SERVICE_TYPES["de"].items()
        ],
        "times": [
            row("Störungsmeldung / Auftragseingang", rep["reported_at"]),
            row("Ankunft beim Kunden", rep["arrived_at"]),
            row("Arbeitsende", rep["completed_at"]),
        ],
        "hours": [
            ("Arbeitszeit", f"{quantity(rep['labor_hours'], style, 2)} Std."),
            ("Fahrzeit", f"{quantity(rep['travel_hours'], style, 2)} Std."),
        ],
        "parts": [
            {
                "sku": p["sku"],
                "description": p["description"],
                "qty": quantity(p["qty"], style),
                "unit": "Stk.",
            }
            for p in rep["parts"]
        ],
        "no_parts": "Kein Material verbaut.",
        "checks": [(label, 2 if s == 6 else 0) for label, s in zip(CHECKS, states, strict=True)],
        "measures": [
            ["Netzspannung L1–L2", "400", "V"],
            [
                "Stromaufnahme Verdichter / Motor",
                quantity(4 + (states[0] + states[1]) / 4, style, 1),
                "A",
            ],
            ["Isolationswiderstand", "> 2", "MΩ"],
            ["Vorlauftemperatur", quantity(6 + states[2] / 2, style, 1), "°C"],
            ["Rücklauftemperatur", quantity(11 + states[3] / 2, style, 1), "°C"],
        ],
        "acceptance": (
            "Mit seiner Unterschrift bestätigt der Kunde die Ausführung der oben genannten "
            "Arbeiten sowie die angegebenen Zeiten und das verbaute Material. Beanstandungen "
            "sind innerhalb von acht Tagen schriftlich mitzuteilen."
        ),
        "notes": rep["notes"].strip(),
        "technician": rep["technician"],
        "signature": (
            "☒ vom Kunden unterschrieben" if rep["customer_signature"] else "☐ nicht unterschrieben"
        ),
        "footer": f"{issuer} · {c['web']} · Dieser Bericht wurde elektronisch erstellt.",
        "page": "Seite {n} von {total}",
    }


def rapport_intervention(case: Case, locale: str) -> dict[str, Any]:
    rep = case["service_report"]
    region = case["customer"]["region"]
    issuer = _report_issuer(case)
    c = contact(issuer, region)
    site = _site(case)

    def when(iso: str) -> str:
        t = wall(iso)
        return f"{slash_date(t.date())} à {t.hour:02d}h{t.minute:02d}"

    def duration(v: float) -> str:
        minutes = round(v * 60)
        return f"{minutes // 60} h {minutes % 60:02d}"

    completed = wall(rep["completed_at"]).date()
    return {
        "issuer": issuer,
        "issuer_lines": [", ".join(address(issuer, region)), f"Tél. {c['phone']} – {c['web']}"],
        "work_order": rep["work_order_id"],
        "client": [
            ("Client", site),
            ("Adresse", ", ".join(address(site, region, "site"))),
            ("Code client", case["customer"]["id"]),
        ],
        "job": [
            ("Type d'intervention", SERVICE_TYPES["fr"][rep["service_type"]]),
            ("Technicien", rep["technician"]),
            ("Équipement", f"{case['asset']['model']} – n° {case['asset']['id']}"),
        ],
        "times": [
            ("Appel du client", when(rep["reported_at"])),
            ("Arrivée sur site", when(rep["arrived_at"])),
            ("Fin d'intervention", when(rep["completed_at"])),
        ],
        "hours": [
            ("Main-d'œuvre", duration(rep["labor_hours"])),
            ("Déplacement", duration(rep["travel_hours"])),
        ],
        "parts": [
            {"sku": p["sku"], "description": p["description"], "qty": quantity(p["qty"], "fr")}
            for p in rep["parts"]
        ],
        "no_parts": "Aucune pièce remplacée.",
        "notes": rep["notes"].strip(),
        "technician": rep["technician"],
        "signature": (
            f"Signé le {slash_date(completed)}" if rep["customer_signature"] else "Non signé"
        ),
        "footer": f"{issuer} – rapport d'intervention {rep['work_order_id']}",
        "page": "Page {n}/{total}",
    }


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class TypstLayout:
    name: str
    doc_type: str  # "invoice" or "service_report"
    locales: dict[str, str]  # region served -> locale it prints in
    source: str  # Typst markup; reads the document's data from sys.inputs.data
    data: Callable[[Case, str], dict[str, Any]]
    prints_zone: bool = False  # timestamps printed with a time zone: truth keeps the offset

    def serves(self, region: str) -> bool:
        return region in self.locales

    def locale(self, region: str) -> str:
        return self.locales[region]


def _regions(locale: str, *regions: str) -> dict[str, str]:
    return dict.fromkeys(regions, locale)


LAYOUTS: list[TypstLayout] = [
    TypstLayout(
        "freelance_invoice",
        "invoice",
        {**_regions("en-US", *US_REGIONS), "GB": "en-GB"},
        FREELANCE_INVOICE,
        freelance_invoice,
    ),
    TypstLayout(
        "handwerk_rechnung",
        "invoice",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH"},
        HANDWERK_RECHNUNG,
        handwerk_rechnung,
    ),
    TypstLayout("facture", "invoice", {"FR": "fr-FR", "CH": "fr-CH"}, FACTURE, facture),
    TypstLayout("factuur", "invoice", {"NL": "nl-NL"}, FACTUUR, factuur),
    TypstLayout(
        "us_service_ticket",
        "service_report",
        _regions("en-US", *US_REGIONS),
        US_SERVICE_TICKET,
        us_service_ticket,
        prints_zone=True,
    ),
    TypstLayout(
        "visit_report",
        "service_report",
        {"GB": "en-GB", "NL": "nl-NL", **_regions("en-US", *US_REGIONS)},
        VISIT_REPORT,
        visit_report,
    ),
    TypstLayout(
        "einsatzbericht",
        "service_report",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH"},
        EINSATZBERICHT,
        einsatzbericht,
    ),
    TypstLayout(
        "rapport_intervention",
        "service_report",
        {"FR": "fr-FR", "CH": "fr-CH"},
        RAPPORT,
        rapport_intervention,
    ),
]


def available() -> bool:
    """Whether the Typst compiler (the ``typst`` package) can be imported."""
    return HAVE_TYPST


def render_all(out_dir: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Render every case's report and invoice into ``out_dir``; write and return the truth."""
    if not available():
        raise RuntimeError("typst layouts need the typst package: run scripts/bench-setup.sh")
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="typst_layouts_") as tmp:
        root = Path(tmp)
        compilers: dict[str, Any] = {}
        for layout in LAYOUTS:
            source = root / f"{layout.name}.typ"
            source.write_text(layout.source, encoding="utf-8")
            compilers[layout.name] = typst.Compiler(str(source), root=str(root))
        for case, layout in rotate(cases if cases is not None else load_cases(), LAYOUTS):
            locale = layout.locale(case["customer"]["region"])
            record = document_record(case, layout.doc_type, layout.name, locale, layout.prints_zone)
            target = out_dir / record["file"]
            target.unlink(missing_ok=True)
            data = json.dumps(layout.data(case, locale), ensure_ascii=False)
            try:
                compilers[layout.name].compile(
                    output=str(target), sys_inputs={"data": data}, timestamp=FIXED_TIMESTAMP
                )
            except typst.TypstError as exc:
                raise RuntimeError(f"{layout.name} failed on {case['case_id']}: {exc}") from exc
            records.append(record)
    write_truth(out_dir, records)
    return records


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="typst_pdfs_"))
    records = render_all(out)
    print(f"wrote {len(records)} PDFs and truth.jsonl to {out}")


if __name__ == "__main__":
    main()
