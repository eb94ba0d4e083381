"""Independent benchmark layouts, second generator: HTML + CSS printed to PDF by Chromium.

These documents are designed without reference to the extractor or to the fpdf2 layouts in
``layouts.py``; they imitate how web-based software prints invoices and service reports
(SaaS billing tools, a German ERP, a French invoicing tool, a field-service platform, a
mobile work-order app, paper-style service forms). Only the case loader and the truth
builders are shared with ``layouts.py`` so that both benchmarks score the same fields.

    python -m bench.independent.html_layouts OUT_DIR

renders one service report and one invoice per case into OUT_DIR and writes
OUT_DIR/truth.jsonl (one record per PDF).
"""

from __future__ import annotations

import hashlib
import html
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.independent.layouts import document_record, load_cases, rotate, write_truth

Case = dict[str, Any]
CHROMIUM = "/usr/bin/chromium"
US_REGIONS = ("US-NY", "US-TX", "US-CA")


# --------------------------------------------------------------------------- locale helpers


@dataclass(frozen=True)
class Locale:
    code: str
    lang: str
    group: str
    decimal: str
    symbol_first: bool
    symbol_space: bool


LOCALES = {
    "en-US": Locale("en-US", "en", ",", ".", True, False),
    "en-GB": Locale("en-GB", "en", ",", ".", True, False),
    "de-DE": Locale("de-DE", "de", ".", ",", False, True),
    "de-AT": Locale("de-AT", "de", ".", ",", True, True),
    "de-CH": Locale("de-CH", "de", "'", ".", True, True),
    "fr-FR": Locale("fr-FR", "fr", "\u202f", ",", False, True),
    "fr-CH": Locale("fr-CH", "fr", "'", ".", True, True),
    "nl-NL": Locale("nl-NL", "nl", ".", ",", True, True),
}
SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def _words(text: str) -> list[str]:
    return text.split()


MONTHS = {
    "en": _words(
        "January February March April May June July August September October November December"
    ),
    "de": _words(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    ),
    "de-AT": _words(
        "Jänner Februar März April Mai Juni Juli August September Oktober November Dezember"
    ),
    "fr": _words(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    ),
    "nl": _words(
        "januari februari maart april mei juni juli augustus september oktober november december"
    ),
}
WEEKDAYS = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "de": ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
    "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
    "nl": ["ma", "di", "wo", "do", "vr", "za", "zo"],
}

SERVICE_WORDS = {
    "en": {
        "preventive_maintenance": "Preventive maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency repair",
    },
    "en-GB": {
        "preventive_maintenance": "Planned preventive maintenance",
        "repair": "Reactive repair",
        "installation": "New installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency call-out",
    },
    "de": {
        "preventive_maintenance": "Wartung",
        "repair": "Reparatur",
        "installation": "Installation / Inbetriebnahme",
        "inspection": "Inspektion",
        "emergency_repair": "Notdienst-Reparatur",
    },
    "fr": {
        "preventive_maintenance": "Maintenance préventive",
        "repair": "Dépannage / réparation",
        "installation": "Installation / mise en service",
        "inspection": "Contrôle / inspection",
        "emergency_repair": "Dépannage d'urgence",
    },
    "nl": {
        "preventive_maintenance": "Preventief onderhoud",
        "repair": "Reparatie",
        "installation": "Installatie",
        "inspection": "Inspectie",
        "emergency_repair": "Spoedreparatie",
    },
}


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def num(value: float, loc: Locale, places: int = 2) -> str:
    text = f"{abs(value):,.{places}f}"
    whole, _, frac = text.partition(".")
    out = whole.replace(",", loc.group) + (loc.decimal + frac if places else "")
    return ("-" if round(value, places) < 0 else "") + out


def money(value: float, currency: str, loc: Locale) -> str:
    sym = SYMBOLS.get(currency, currency)
    body = num(abs(value), loc)
    sign = "-" if round(value, 2) < 0 else ""
    space = "\u00a0" if (loc.symbol_space or len(sym) > 1) else ""
    if not loc.symbol_first:
        return f"{sign}{body}{space}{sym}"
    if space:
        return f"{sym}{space}{sign}{body}"
    return f"{sign}{sym}{body}"


def qty(value: float, loc: Locale) -> str:
    """Quantities as people type them: 4, 2.5, 2.47 (locale decimal mark)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").replace(".", loc.decimal)


def percent(rate: float, loc: Locale) -> str:
    text = f"{rate * 100:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", loc.decimal)


def day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def stamp(iso: str) -> datetime:
    """The wall-clock time exactly as written in the case (offset kept aside)."""
    return datetime.fromisoformat(iso[:19])


def offset(iso: str) -> str:
    return iso[19:] or "+00:00"


def month_name(d: date, loc: Locale) -> str:
    key = "de-AT" if loc.code == "de-AT" else loc.lang
    return MONTHS[key][d.month - 1]


def long_date(d: date, loc: Locale) -> str:
    m = month_name(d, loc)
    if loc.code == "en-US":
        return f"{m} {d.day}, {d.year}"
    if loc.lang == "de":
        return f"{d.day}. {m} {d.year}"
    if loc.lang == "fr":
        return f"{'1er' if d.day == 1 else d.day} {m} {d.year}"
    return f"{d.day} {m} {d.year}"


def short_date(d: date, loc: Locale) -> str:
    if loc.code == "en-US":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if loc.lang == "de" or loc.code == "fr-CH":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if loc.lang == "nl":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def medium_date(d: date, loc: Locale) -> str:
    m = month_name(d, loc)[:3]
    if loc.code == "en-US":
        return f"{m} {d.day}, {d.year}"
    return f"{d.day} {m} {d.year}"


def clock(ts: datetime, loc: Locale) -> str:
    if loc.code == "en-US":
        hour = ts.hour % 12 or 12
        return f"{hour}:{ts.minute:02d} {'AM' if ts.hour < 12 else 'PM'}"
    if loc.lang == "fr":
        return f"{ts.hour:02d}h{ts.minute:02d}"
    return f"{ts.hour:02d}:{ts.minute:02d}"


def minutes(hours: float) -> int:
    return round(hours * 60)


def dur_de(hours: float) -> str:
    h, m = divmod(minutes(hours), 60)
    if h and m:
        return f"{h} Std. {m} Min."
    if m:
        return f"{m} Min."
    return f"{h} Std."


def dur_fr(hours: float) -> str:
    h, m = divmod(minutes(hours), 60)
    return f"{h}h{m:02d}"


def dur_app(hours: float) -> str:
    h, m = divmod(minutes(hours), 60)
    return f"{h}h {m:02d}m"


# --------------------------------------------------------------------------- parties


def _digits(key: str, n: int) -> str:
    value = int(hashlib.sha256(key.encode()).hexdigest(), 16)
    return str(value)[-n:].rjust(n, "0")


def _pick(key: str, options: list[Any]) -> Any:
    return options[int(hashlib.md5(key.encode()).hexdigest()[:8], 16) % len(options)]


ADDRESSES: dict[str, list[tuple[str, str]]] = {
    "DE": [
        ("Westfalendamm 87", "44141 Dortmund"),
        ("Gutenbergring 31", "22848 Norderstedt"),
        ("Leipziger Straße 118", "60487 Frankfurt am Main"),
        ("Am Hafen 4", "28217 Bremen"),
        ("Carl-Zeiss-Straße 9", "73230 Kirchheim unter Teck"),
    ],
    "AT": [
        ("Triester Straße 64", "1100 Wien"),
        ("Industriezeile 36", "4020 Linz"),
        ("Wiener Straße 112", "8020 Graz"),
    ],
    "CH": [
        ("Hardturmstrasse 161", "8005 Zürich"),
        ("Industriestrasse 9", "6300 Zug"),
        ("Route de Genève 42", "1004 Lausanne"),
    ],
    "FR": [
        ("14 rue de la Villette", "69003 Lyon"),
        ("27 avenue Jean Jaurès", "31000 Toulouse"),
        ("5 boulevard de Strasbourg", "59000 Lille"),
        ("ZI des Bruyères, 8 allée des Lilas", "37170 Chambray-lès-Tours"),
    ],
    "NL": [
        ("Kanaalweg 17", "3526 KL Utrecht"),
        ("Westerdok 82", "1013 BK Amsterdam"),
        ("Ekkersrijt 4012", "5692 DB Son"),
    ],
    "GB": [
        ("Unit 7, Bridgewater Park", "Manchester M17 1SN"),
        ("14 Carver Street", "Sheffield S1 4FS"),
        ("2 Station Approach", "Harrow HA1 2UJ"),
        ("Kingsway Business Park, Unit 12", "Rochdale OL16 4NG"),
    ],
    "US-NY": [
        ("455 Commerce Dr", "Albany, NY 12205"),
        ("88 Pine Street, Suite 1400", "New York, NY 10005"),
        ("1200 Jericho Tpke", "Westbury, NY 11590"),
    ],
    "US-TX": [
        ("2100 N Loop W, Suite 300", "Houston, TX 77018"),
        ("7300 Ranch Rd 2222", "Austin, TX 78730"),
        ("4410 S Presa St", "San Antonio, TX 78223"),
    ],
    "US-CA": [
        ("1450 Harbor Way S", "Richmond, CA 94804"),
        ("350 Industrial Rd", "San Carlos, CA 94070"),
        ("2780 E Jefferson Ave", "Fresno, CA 93725"),
    ],
}
PHONES = {
    "DE": "+49 231 {a} {b}",
    "AT": "+43 1 {a} {b}",
    "CH": "+41 44 {a} {b}",
    "FR": "+33 4 {a} {b}",
    "NL": "+31 30 {a} {b}",
    "GB": "+44 161 {a} {b}",
    "US-NY": "(518) {a}-{b}",
    "US-TX": "(713) {a}-{b}",
    "US-CA": "(510) {a}-{b}",
}
TLD = {"DE": "de", "AT": "at", "CH": "ch", "FR": "fr", "NL": "nl", "GB": "co.uk"}
BANKS = {
    "DE": ("Commerzbank AG", "COBADEFFXXX"),
    "AT": ("Erste Bank der oesterreichischen Sparkassen", "GIBAATWWXXX"),
    "CH": ("Zürcher Kantonalbank", "ZKBKCHZZ80A"),
    "FR": ("BNP Paribas", "BNPAFRPPXXX"),
    "NL": ("ING Bank N.V.", "INGBNL2A"),
    "GB": ("NatWest", "NWBKGB2L"),
}
IBAN_LEN = {"DE": 22, "AT": 20, "CH": 21, "FR": 27, "NL": 18, "GB": 22}


@dataclass(frozen=True)
class Party:
    name: str
    country: str  # DE, AT, CH, FR, NL, GB or a US region
    street: str
    city: str
    phone: str
    email: str
    web: str
    tax_id: str
    register: str
    bank: str
    bic: str
    iban: str

    @property
    def us(self) -> bool:
        return self.country in US_REGIONS

    def one_line(self) -> str:
        return f"{self.name} · {self.street} · {self.city}"


def party_country(name: str, region: str) -> str:
    n = name.strip().rstrip(".").lower()
    words = n.replace(",", " ").split()
    last = words[-1] if words else ""
    if last in ("gmbh", "ggmbh", "kg"):
        candidates = ["DE", "AT", "CH"]
    elif last == "ag":
        candidates = ["CH", "DE", "AT"]
    elif last == "sa":
        candidates = ["CH", "FR"]
    elif last in ("sarl", "sas"):
        candidates = ["FR"]
    elif last in ("b.v", "n.v"):
        candidates = ["NL"]
    elif last in ("ltd", "plc"):
        candidates = ["GB"]
    elif last in ("inc", "llc", "co", "corp"):
        candidates = list(US_REGIONS)
    else:
        candidates = [region]
    return region if region in candidates else candidates[0]


def party(name: str, region: str, avoid: tuple[Party, ...] = ()) -> Party:
    """A fictitious but stable letterhead for ``name``; ``avoid`` keeps two different
    parties on the same document from sharing a street address."""
    country = party_country(name, region)
    pool = ADDRESSES[country]
    start = int(hashlib.md5((name + country).encode()).hexdigest()[:8], 16)
    taken = {(p.street, p.city) for p in avoid if p.name != name}
    street, city = pool[start % len(pool)]
    for k in range(len(pool)):
        street, city = pool[(start + k) % len(pool)]
        if (street, city) not in taken:
            break
    d = _digits(name, 30)
    phone = PHONES[country].format(a=d[0:3], b=d[3:7])
    slug = "".join(ch for ch in name.lower().split(" ")[0] if ch.isalnum()) or "service"
    second = name.lower().split(" ")[1] if len(name.split(" ")) > 1 else ""
    second = "".join(ch for ch in second if ch.isalnum())
    domain = f"{slug}{'-' + second if second else ''}.{TLD.get(country, 'com')}"
    tax_id, register = {
        "DE": (f"DE{d[7:16]}", f"Amtsgericht Dortmund HRB {d[16:21]}"),
        "AT": (f"ATU{d[7:15]}", f"FN {d[16:22]}x, Handelsgericht Wien"),
        "CH": (
            f"CHE-{d[7:10]}.{d[10:13]}.{d[13:16]} MWST",
            f"Handelsregister CH-{d[16:19]}.{d[19]}.{d[20:23]}.{d[23:26]}-{d[26]}",
        ),
        "FR": (f"FR{d[7:9]}{d[9:18]}", f"RCS Lyon {d[9:12]} {d[12:15]} {d[15:18]}"),
        "NL": (f"NL{d[7:16]}B01", f"KvK {d[16:24]}"),
        "GB": (f"GB {d[7:10]} {d[10:14]} {d[14:16]}", f"Company No. {d[16:24]}"),
        "US-NY": ("", ""),
        "US-TX": ("", f"TACLA{d[7:12]}C"),
        "US-CA": ("", f"CSLB Lic. #{d[7:14]}"),
    }[country]
    if country in US_REGIONS:
        bank, bic, iban = "JPMorgan Chase Bank, N.A.", "021000021", f"{d[14:24]}"
    else:
        bank, bic = BANKS[country]
        body = (d + d[::-1])[: IBAN_LEN[country] - 4]
        if country == "NL":
            body = "INGB" + body[:10]
        if country == "GB":
            body = "NWBK" + body[:14]
        raw = f"{country}{d[20:22]}{body}"
        iban = " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
    return Party(
        name=name,
        country=country,
        street=street,
        city=city,
        phone=phone,
        email=f"accounts@{domain}",
        web=f"www.{domain}",
        tax_id=tax_id,
        register=register,
        bank=bank,
        bic=bic,
        iban=iban,
    )


def address_html(p: Party) -> str:
    return f"<strong>{esc(p.name)}</strong><br>{esc(p.street)}<br>{esc(p.city)}"


def initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper()


def brand_color(name: str) -> str:
    return _pick(
        "colour" + name,
        ["#1f4e79", "#0b6e4f", "#6d2e46", "#2f3e9e", "#8a4b08", "#005f73", "#3d405b"],
    )


def signature_svg(seed: str, width: int = 180, height: int = 50) -> str:
    """A deterministic hand-written-looking stroke standing in for a captured signature."""
    raw = hashlib.sha256(seed.encode()).digest()
    x, y = 8.0, height * 0.6
    path = [f"M {x:.1f} {y:.1f}"]
    for i in range(6):
        b = raw[i * 4 : i * 4 + 4]
        x2 = x + 10 + b[0] % 22
        c1 = (x + 4 + b[1] % 10, 6 + b[2] % (height - 12))
        c2 = (x2 - 4 - b[3] % 8, 6 + b[0] % (height - 12))
        y2 = height * 0.35 + (b[1] % int(height * 0.4))
        path.append(f"C {c1[0]:.1f} {c1[1]:.1f}, {c2[0]:.1f} {c2[1]:.1f}, {x2:.1f} {y2:.1f}")
        x, y = x2, y2
    d = " ".join(path)
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><path d="{d}" fill="none" stroke="#1c2f6b" '
        'stroke-width="1.6" stroke-linecap="round"/></svg>'
    )


# --------------------------------------------------------------------------- document model


@dataclass
class Doc:
    body: str
    css: str
    page_format: str = "A4"
    margin: dict[str, str] = field(
        default_factory=lambda: {"top": "14mm", "bottom": "22mm", "left": "16mm", "right": "16mm"}
    )
    footer: str = ""
    lang: str = "en"

    def html(self) -> str:
        return (
            f'<!DOCTYPE html><html lang="{self.lang}"><head><meta charset="utf-8">'
            f"<style>{BASE_CSS}{self.css}</style></head><body>{self.body}</body></html>"
        )


BASE_CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { -webkit-print-color-adjust: exact; print-color-adjust: exact; color: #222; }
table { border-collapse: collapse; }
.num { text-align: right; white-space: nowrap; }
.muted { color: #6b7280; }
.notes { white-space: pre-wrap; }
"""


def footer_div(inner: str, font: str = "Liberation Sans, Arial, sans-serif") -> str:
    return (
        f'<div style="font-family:{font};font-size:7px;color:#555;width:100%;'
        f'padding:0 16mm;-webkit-print-color-adjust:exact;">{inner}</div>'
    )


PAGE_X_OF_Y = {
    "en": 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    "de": 'Seite <span class="pageNumber"></span> von <span class="totalPages"></span>',
    "fr": 'Page <span class="pageNumber"></span>/<span class="totalPages"></span>',
    "nl": 'Pagina <span class="pageNumber"></span> van <span class="totalPages"></span>',
}


def paper(loc: Locale) -> str:
    return "Letter" if loc.code == "en-US" else "A4"


def po_of(case: Case) -> str | None:
    return case["invoice"]["po_number"] or None


# --------------------------------------------------------------------------- invoice: SaaS


SAAS_TEXT = {
    "en": {
        "title": "Invoice",
        "number": "Invoice number",
        "issued": "Date of issue",
        "due": "Date due",
        "po": "PO number",
        "wo": "Work order",
        "cur": "Currency",
        "from": "From",
        "bill": "Bill to",
        "ship": "Service location",
        "due_line": "{amount} due {date}",
        "memo": "{service} visit on {date}, work order {wo}.",
        "desc": "Description",
        "qty": "Qty",
        "unit": "Unit price",
        "amount": "Amount",
        "sku": "SKU",
        "subtotal": "Subtotal",
        "total": "Total",
        "amount_due": "Amount due",
        "pay": "Pay by bank transfer",
        "ref": "Please quote {number} as the payment reference.",
    },
    "de": {
        "title": "Rechnung",
        "number": "Rechnungsnummer",
        "issued": "Rechnungsdatum",
        "due": "Fällig am",
        "po": "Bestellnummer",
        "wo": "Arbeitsauftrag",
        "cur": "Währung",
        "from": "Von",
        "bill": "Rechnung an",
        "ship": "Leistungsort",
        "due_line": "{amount} fällig am {date}",
        "memo": "{service} am {date}, Arbeitsauftrag {wo}.",
        "desc": "Beschreibung",
        "qty": "Menge",
        "unit": "Stückpreis",
        "amount": "Betrag",
        "sku": "Artikel-Nr.",
        "subtotal": "Zwischensumme",
        "total": "Gesamt",
        "amount_due": "Fälliger Betrag",
        "pay": "Zahlung per Überweisung",
        "ref": "Bitte geben Sie {number} als Verwendungszweck an.",
    },
    "fr": {
        "title": "Facture",
        "number": "Numéro de facture",
        "issued": "Date d'émission",
        "due": "Date d'échéance",
        "po": "N° de commande",
        "wo": "Ordre de travail",
        "cur": "Devise",
        "from": "De",
        "bill": "Facturer à",
        "ship": "Lieu d'intervention",
        "due_line": "{amount} à payer avant le {date}",
        "memo": "{service} le {date}, ordre de travail {wo}.",
        "desc": "Description",
        "qty": "Qté",
        "unit": "Prix unitaire",
        "amount": "Montant",
        "sku": "Réf.",
        "subtotal": "Sous-total",
        "total": "Total",
        "amount_due": "Montant dû",
        "pay": "Paiement par virement",
        "ref": "Merci d'indiquer {number} en référence du virement.",
    },
    "nl": {
        "title": "Factuur",
        "number": "Factuurnummer",
        "issued": "Factuurdatum",
        "due": "Vervaldatum",
        "po": "Inkoopordernummer",
        "wo": "Werkorder",
        "cur": "Valuta",
        "from": "Van",
        "bill": "Factuur aan",
        "ship": "Locatie",
        "due_line": "{amount} te betalen vóór {date}",
        "memo": "{service} op {date}, werkorder {wo}.",
        "desc": "Omschrijving",
        "qty": "Aantal",
        "unit": "Stukprijs",
        "amount": "Bedrag",
        "sku": "Artikelnr.",
        "subtotal": "Subtotaal",
        "total": "Totaal",
        "amount_due": "Te betalen",
        "pay": "Betalen via bankoverschrijving",
        "ref": "Vermeld {number} als betalingskenmerk.",
    },
}
TAX_NAME = {
    "en-US": "Sales tax",
    "en-GB": "VAT",
    "de-DE": "USt.",
    "de-AT": "USt.",
    "de-CH": "MWST",
    "fr-FR": "TVA",
    "fr-CH": "TVA",
    "nl-NL": "btw",
}

SAAS_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9.5pt; }
.top { display: flex; justify-content: space-between; align-items: flex-start; }
.top h1 { font-size: 22pt; font-weight: 600; margin: 0 0 10px 0; letter-spacing: -0.3px; }
.meta td { padding: 1px 14px 1px 0; vertical-align: top; }
.meta td:first-child { color: #555; }
.logo { display: flex; align-items: center; gap: 8px; }
.logo .mark { width: 34px; height: 34px; border-radius: 8px; color: #fff; font-weight: 700;
  display: flex; align-items: center; justify-content: center; font-size: 12pt; }
.logo .word { font-weight: 700; font-size: 11pt; }
.parties { display: flex; gap: 28px; margin: 26px 0 20px 0; line-height: 1.45; }
.parties > div { flex: 1; }
.parties .lbl { color: #555; margin-bottom: 2px; }
.headline { font-size: 15pt; font-weight: 600; margin: 6px 0 4px 0; }
.memo { color: #444; margin-bottom: 18px; }
table.items { width: 100%; }
table.items th { font-weight: normal; color: #555; text-align: left; font-size: 8.5pt;
  border-bottom: 1px solid #c9ccd1; padding: 6px 6px; }
table.items td { padding: 7px 6px; vertical-align: top; border-bottom: 1px solid #eceef1; }
table.items tbody tr:nth-child(even) td { background: #f6f8fa; }
table.items th.num { text-align: right; }
.sku { color: #6b7280; font-size: 8pt; margin-top: 1px; }
.totals { margin-left: auto; width: 52%; margin-top: 10px; }
.totals td { padding: 5px 6px; border-top: 1px solid #eceef1; }
.totals tr.strong td { font-weight: 700; }
.pay { margin-top: 30px; font-size: 8.5pt; color: #444; line-height: 1.5;
  border-top: 1px solid #e5e7eb; padding-top: 10px; }
"""


def saas_invoice(case: Case, loc: Locale) -> Doc:
    inv, rep = case["invoice"], case["service_report"]
    t = SAAS_TEXT[loc.lang]
    cur = inv["currency"]
    issuer = party(inv["issuer"], case["customer"]["region"])
    bill = party(inv["bill_to"], case["customer"]["region"], (issuer,))
    site = party(case["customer"]["name"], case["customer"]["region"], (issuer, bill))
    issued = day(inv["date"])
    due = issued + timedelta(days=30 if loc.lang == "en" else 14)
    total = money(inv["total"], cur, loc)
    color = brand_color(issuer.name)
    meta = [
        (t["number"], inv["number"]),
        (t["issued"], long_date(issued, loc)),
        (t["due"], long_date(due, loc)),
        (t["wo"], rep["work_order_id"]),
    ]
    if po_of(case):
        meta.append((t["po"], po_of(case)))
    meta.append((t["cur"], cur))
    meta_rows = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in meta)
    rows = []
    for line in inv["lines"]:
        sku = f'<div class="sku">{t["sku"]} {esc(line["sku"])}</div>' if line["sku"] else ""
        rows.append(
            f"<tr><td>{esc(line['description'])}{sku}</td>"
            f'<td class="num">{qty(line["qty"], loc)}</td>'
            f'<td class="num">{money(line["unit_price"], cur, loc)}</td>'
            f'<td class="num">{money(line["amount"], cur, loc)}</td></tr>'
        )
    tax_label = f"{TAX_NAME[loc.code]} ({percent(inv['tax_rate'], loc)}%)"
    if loc.lang in ("de", "fr"):
        tax_label = f"{TAX_NAME[loc.code]} ({percent(inv['tax_rate'], loc)} %)"
    service = SERVICE_WORDS[loc.lang][rep["service_type"]]
    memo = t["memo"].format(
        service=service, date=long_date(day(rep["completed_at"]), loc), wo=rep["work_order_id"]
    )
    ship = address_html(site) if site.name != bill.name else address_html(bill)
    tax_line = f"{esc(issuer.tax_id)}" if issuer.tax_id else esc(issuer.register)
    if issuer.us:
        bank = f"{esc(issuer.bank)} · ABA {issuer.bic} · Acct {issuer.iban}"
    else:
        bank = f"{esc(issuer.bank)} · IBAN {issuer.iban} · BIC {issuer.bic}"
    body = f"""
<div class="top">
  <div>
    <h1>{t["title"]}</h1>
    <table class="meta">{meta_rows}</table>
  </div>
  <div class="logo"><div class="mark" style="background:{color}">{initials(issuer.name)}</div>
    <div class="word">{esc(issuer.name)}</div></div>
</div>
<div class="parties">
  <div><div class="lbl">{t["from"]}</div>{address_html(issuer)}<br>{esc(issuer.phone)}<br>
    {esc(issuer.email)}<br>{tax_line}</div>
  <div><div class="lbl">{t["bill"]}</div>{address_html(bill)}</div>
  <div><div class="lbl">{t["ship"]}</div>{ship}</div>
</div>
<div class="headline">{esc(t["due_line"].format(amount=total, date=long_date(due, loc)))}</div>
<div class="memo">{esc(memo)}</div>
<table class="items">
  <thead><tr><th>{t["desc"]}</th><th class="num">{t["qty"]}</th>
    <th class="num">{t["unit"]}</th><th class="num">{t["amount"]}</th></tr></thead>
  <tbody>{"".join(rows)}</tbody>
</table>
<table class="totals">
  <tr><td>{t["subtotal"]}</td><td class="num">{money(inv["subtotal"], cur, loc)}</td></tr>
  <tr><td>{esc(tax_label)}</td><td class="num">{money(inv["tax"], cur, loc)}</td></tr>
  <tr><td>{t["total"]}</td><td class="num">{total}</td></tr>
  <tr class="strong"><td>{t["amount_due"]}</td><td class="num">{total}</td></tr>
</table>
<div class="pay"><strong>{t["pay"]}</strong><br>{bank}<br>
  {esc(t["ref"].format(number=inv["number"]))}</div>
"""
    foot = footer_div(
        f'<div style="display:flex;justify-content:space-between">'
        f"<span>{esc(inv['number'])} · {esc(total)} · {esc(long_date(due, loc))}</span>"
        f"<span>{PAGE_X_OF_Y[loc.lang]}</span></div>"
    )
    return Doc(body, SAAS_CSS, paper(loc), footer=foot, lang=loc.lang)


# --------------------------------------------------------------------------- invoice: field service


FSI_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9pt; }
.band { color: #fff; padding: 14px 18px; display: flex; justify-content: space-between; }
.band .co { font-size: 15pt; font-weight: 700; }
.band .addr { font-size: 8.5pt; line-height: 1.45; margin-top: 4px; opacity: 0.95; }
.band .doc { text-align: right; }
.band .doc .word { font-size: 20pt; font-weight: 700; letter-spacing: 2px; }
.band .doc .no { font-size: 11pt; margin-top: 2px; }
table.grid { width: 100%; margin-top: 12px; table-layout: fixed; }
table.grid td { border: 1px solid #b8bec7; padding: 4px 7px; vertical-align: top; }
table.grid .k { display: block; font-size: 7pt; text-transform: uppercase; color: #5b6470;
  letter-spacing: 0.5px; }
table.grid .v { font-size: 9.5pt; font-weight: 700; }
.boxes { display: flex; gap: 12px; margin-top: 12px; }
.boxes > div { flex: 1; border: 1px solid #b8bec7; }
.boxes h3 { margin: 0; font-size: 8pt; background: #e8ecf1; padding: 4px 8px;
  letter-spacing: 0.6px; }
.boxes .in { padding: 6px 8px; line-height: 1.45; }
.summary { margin-top: 12px; border-left: 4px solid #c9d3df; padding: 4px 10px; }
table.lines { width: 100%; margin-top: 14px; }
table.lines th { background: #2b3440; color: #fff; font-size: 8pt; text-align: left;
  padding: 5px 7px; text-transform: uppercase; letter-spacing: 0.5px; }
table.lines th.num { text-align: right; }
table.lines td { border-bottom: 1px solid #d5d9df; padding: 6px 7px; vertical-align: top; }
table.lines td.sku { font-family: 'Liberation Mono', monospace; font-size: 8.5pt; width: 70px; }
.bottom { display: flex; justify-content: space-between; margin-top: 14px; gap: 20px; }
.terms { font-size: 8pt; color: #444; line-height: 1.5; flex: 1; }
table.tot { width: 250px; }
table.tot td { padding: 4px 7px; }
table.tot tr.grand td { border-top: 2px solid #2b3440; font-weight: 700; font-size: 10.5pt; }
table.tot tr.bal td { background: #2b3440; color: #fff; font-weight: 700; }
"""


def field_service_invoice(case: Case, loc: Locale) -> Doc:
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    cur = inv["currency"]
    issuer = party(inv["issuer"], region)
    bill = party(inv["bill_to"], region, (issuer,))
    site = party(case["customer"]["name"], region, (issuer, bill))
    issued = day(inv["date"])
    us = loc.code == "en-US"
    words = SERVICE_WORDS["en" if us else "en-GB"][rep["service_type"]]
    color = "#12355b" if us else "#23423a"

    def m(value: float) -> str:
        return money(value, cur, loc)

    grid = [
        ("Invoice Date", short_date(issued, loc)),
        ("Job #", rep["work_order_id"]),
        ("PO #" if us else "Order No.", po_of(case) or "—"),
        ("Terms", "Net 30" if us else "30 days"),
        ("Service Date", short_date(day(rep["completed_at"]), loc)),
        ("Technician", rep["technician"]),
        ("Job Type", words),
        ("Due Date", short_date(issued + timedelta(days=30), loc)),
    ]
    cells = [f'<td><span class="k">{k}</span><span class="v">{esc(v)}</span></td>' for k, v in grid]
    grid_html = f"<tr>{''.join(cells[:4])}</tr><tr>{''.join(cells[4:])}</tr>"
    rows = "".join(
        f'<tr><td class="sku">{esc(line["sku"] or "")}</td><td>{esc(line["description"])}</td>'
        f'<td class="num">{qty(line["qty"], loc)}</td>'
        f'<td class="num">{m(line["unit_price"])}</td><td class="num">{m(line["amount"])}</td></tr>'
        for line in inv["lines"]
    )
    rate = percent(inv["tax_rate"], loc)
    tax_label = f"Sales Tax ({rate}%)" if us else f"VAT @ {rate}%"
    licence = f"<br>{esc(issuer.register)}" if issuer.register and issuer.us else ""
    vat = f"<br>VAT Reg. No. {esc(issuer.tax_id)}" if issuer.tax_id else ""
    asset = case["asset"]
    if us:
        pay = (
            f"Make checks payable to {esc(issuer.name)}. ACH: {esc(issuer.bank)}, "
            f"routing {issuer.bic}, account {issuer.iban}."
        )
    else:
        pay = f"Payment by BACS to {esc(issuer.bank)}, IBAN {issuer.iban}, BIC {issuer.bic}."
    body = f"""
<div class="band" style="background:{color}">
  <div><div class="co">{esc(issuer.name)}</div>
    <div class="addr">{esc(issuer.street)}, {esc(issuer.city)}<br>
    {esc(issuer.phone)} · {esc(issuer.email)}{licence}{vat}</div></div>
  <div class="doc"><div class="word">INVOICE</div><div class="no">#{esc(inv["number"])}</div></div>
</div>
<table class="grid">{grid_html}</table>
<div class="boxes">
  <div><h3>BILL TO</h3><div class="in">{address_html(bill)}</div></div>
  <div><h3>SERVICE LOCATION</h3><div class="in">{address_html(site)}</div></div>
</div>
<div class="summary"><strong>Job summary:</strong> {esc(words)} – {esc(asset["model"])}
  (asset {esc(asset["id"])})</div>
<table class="lines">
  <thead><tr><th>Item #</th><th>Description</th><th class="num">Qty</th>
  <th class="num">Rate</th><th class="num">Amount</th></tr></thead>
  <tbody>{rows}</tbody>
</table>
<div class="bottom">
  <div class="terms">{pay}<br>All amounts in {cur}. Thank you for your business!</div>
  <table class="tot">
    <tr><td>Subtotal</td><td class="num">{m(inv["subtotal"])}</td></tr>
    <tr><td>{tax_label}</td><td class="num">{m(inv["tax"])}</td></tr>
    <tr class="grand"><td>Total</td><td class="num">{m(inv["total"])}</td></tr>
    <tr><td>Payments / Credits</td><td class="num">{m(0)}</td></tr>
    <tr class="bal"><td>Balance Due</td><td class="num">{m(inv["total"])}</td></tr>
  </table>
</div>
"""
    foot = footer_div(
        f'<div style="display:flex;justify-content:space-between">'
        f"<span>{esc(issuer.name)} · {esc(issuer.web)}</span>"
        f"<span>Invoice {esc(inv['number'])} · {PAGE_X_OF_Y['en']}</span></div>"
    )
    margin = {"top": "12mm", "bottom": "18mm", "left": "12mm", "right": "12mm"}
    return Doc(body, FSI_CSS, paper(loc), margin, foot, "en")


# --------------------------------------------------------------------------- invoice: ERP letter


ERP_TEXT = {
    "de": {
        "title": "Rechnung",
        "number": "Rechnungs-Nr.",
        "date": "Rechnungsdatum",
        "cust": "Kunden-Nr.",
        "po": "Ihre Bestellung",
        "wo": "Serviceauftrag",
        "period": "Leistungsdatum",
        "contact": "Ansprechpartner",
        "hello": "Sehr geehrte Damen und Herren,",
        "intro": "für die im Rahmen des Serviceauftrags {wo} erbrachten Leistungen erlauben "
        "wir uns, Ihnen wie folgt zu berechnen:",
        "pos": "Pos.",
        "art": "Art.-Nr.",
        "desc": "Bezeichnung",
        "qty": "Menge",
        "unit": "Einheit",
        "price": "Einzelpreis",
        "amount": "Gesamtpreis",
        "hours": "Std.",
        "pieces": "Stk.",
        "flat": "psch.",
        "subtotal": "Zwischensumme (netto)",
        "tax": "zzgl. MwSt. {rate} %",
        "total": "Gesamtbetrag",
        "terms": "Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum {due}.",
        "bye": "Vielen Dank für Ihren Auftrag. Mit freundlichen Grüßen",
        "bank": "Bankverbindung",
        "taxid": "USt-IdNr.",
    },
    "nl": {
        "title": "Factuur",
        "number": "Factuurnummer",
        "date": "Factuurdatum",
        "cust": "Klantnummer",
        "po": "Uw referentie",
        "wo": "Werkorder",
        "period": "Leverdatum",
        "contact": "Contactpersoon",
        "hello": "Geachte heer/mevrouw,",
        "intro": "Voor de werkzaamheden uitgevoerd onder werkorder {wo} brengen wij u het "
        "volgende in rekening:",
        "pos": "Nr.",
        "art": "Art.nr.",
        "desc": "Omschrijving",
        "qty": "Aantal",
        "unit": "Eenheid",
        "price": "Prijs",
        "amount": "Bedrag",
        "hours": "uur",
        "pieces": "st.",
        "flat": "post",
        "subtotal": "Subtotaal excl. btw",
        "tax": "Btw {rate}%",
        "total": "Totaal incl. btw",
        "terms": "Gelieve het totaalbedrag vóór {due} over te maken o.v.v. het factuurnummer.",
        "bye": "Met vriendelijke groet,",
        "bank": "Bank",
        "taxid": "Btw-nr.",
    },
}

ERP_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9.5pt; line-height: 1.35; }
.head { display: flex; justify-content: space-between; align-items: flex-start; height: 32mm; }
.head .brand { text-align: right; }
.head .brand .name { font-size: 14pt; font-weight: 700; }
.head .brand .claim { font-size: 8pt; color: #666; }
.bar { height: 3px; margin-bottom: 6mm; }
.letter { display: flex; justify-content: space-between; }
.window { width: 85mm; height: 40mm; }
.window .sender { font-size: 6.5pt; text-decoration: underline; color: #444; margin-bottom: 3mm; }
.info { width: 72mm; font-size: 8.5pt; }
.info td { padding: 1px 0; vertical-align: top; }
.info td:first-child { color: #555; width: 33mm; }
h2 { font-size: 12.5pt; margin: 8mm 0 4mm 0; }
table.pos { width: 100%; margin-top: 4mm; font-size: 9pt; }
table.pos th { text-align: left; border-top: 1px solid #333; border-bottom: 1px solid #333;
  padding: 3px 4px; font-weight: 700; }
table.pos th.num { text-align: right; }
table.pos td { padding: 3px 4px; vertical-align: top; border-bottom: 0.5px solid #ccc; }
table.sum { margin-left: auto; width: 92mm; margin-top: 3mm; font-size: 9pt; }
table.sum td { padding: 2px 4px; }
table.sum tr.total td { font-weight: 700; border-top: 1px solid #333;
  border-bottom: 3px double #333; padding-top: 4px; }
.closing { margin-top: 8mm; }
"""


def erp_invoice(case: Case, loc: Locale) -> Doc:
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    lang = "nl" if loc.lang == "nl" else "de"
    t = ERP_TEXT[lang]
    cur = inv["currency"]
    issuer = party(inv["issuer"], region)
    bill = party(inv["bill_to"], region, (issuer,))
    issued = day(inv["date"])
    due = issued + timedelta(days=14)
    color = brand_color(issuer.name)
    tax_name = {"de-DE": "MwSt.", "de-AT": "USt.", "de-CH": "MWST"}.get(loc.code)
    tax_text = t["tax"].format(rate=percent(inv["tax_rate"], loc))
    if tax_name:
        tax_text = tax_text.replace("MwSt.", tax_name)
    cust_no = case["customer"]["id"] if bill.name == case["customer"]["name"] else "—"
    info = [
        (t["number"], inv["number"]),
        (t["date"], short_date(issued, loc)),
        (t["cust"], cust_no),
        (t["po"], po_of(case) or "—"),
        (t["wo"], rep["work_order_id"]),
        (t["period"], short_date(day(rep["completed_at"]), loc)),
        (t["contact"], rep["technician"]),
    ]
    info_html = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in info)
    unit_of = {"labor": t["hours"], "travel": t["hours"], "part": t["pieces"]}
    rows = []
    for i, line in enumerate(inv["lines"], 1):
        rows.append(
            f"<tr><td>{i}</td><td>{esc(line['sku'] or '')}</td><td>{esc(line['description'])}</td>"
            f'<td class="num">{num(line["qty"], loc)}</td>'
            f"<td>{unit_of.get(line['kind'], t['flat'])}</td>"
            f'<td class="num">{num(line["unit_price"], loc)}</td>'
            f'<td class="num">{num(line["amount"], loc)}</td></tr>'
        )
    swiss = loc.code == "de-CH"
    total_label = f"{t['total']} {cur}"
    taxid_label = "MWST-Nr." if swiss else ("UID-Nr." if loc.code == "de-AT" else t["taxid"])
    body = f"""
<div class="head">
  <div class="muted" style="font-size:8pt;padding-top:4mm">{esc(issuer.web)}</div>
  <div class="brand"><div class="name" style="color:{color}">{esc(issuer.name)}</div>
    <div class="claim">Service · Wartung · Instandhaltung</div></div>
</div>
<div class="bar" style="background:{color}"></div>
<div class="letter">
  <div class="window"><div class="sender">{esc(issuer.one_line())}</div>
    {address_html(bill)}</div>
  <table class="info">{info_html}</table>
</div>
<h2>{t["title"]} {esc(inv["number"])}</h2>
<p>{t["hello"]}<br>{esc(t["intro"].format(wo=rep["work_order_id"]))}</p>
<table class="pos">
  <thead><tr><th>{t["pos"]}</th><th>{t["art"]}</th><th>{t["desc"]}</th>
    <th class="num">{t["qty"]}</th><th>{t["unit"]}</th>
    <th class="num">{t["price"]} {cur}</th><th class="num">{t["amount"]} {cur}</th></tr></thead>
  <tbody>{"".join(rows)}</tbody>
</table>
<table class="sum">
  <tr><td>{t["subtotal"]}</td><td class="num">{num(inv["subtotal"], loc)}</td></tr>
  <tr><td>{esc(tax_text)}</td><td class="num">{num(inv["tax"], loc)}</td></tr>
  <tr class="total"><td>{esc(total_label)}</td><td class="num">{num(inv["total"], loc)}</td></tr>
</table>
<div class="closing">{esc(t["terms"].format(due=short_date(due, loc)))}<br><br>
  {t["bye"]}<br>{esc(issuer.name)}</div>
"""
    col = 'style="flex:1;padding-right:4mm"'
    foot = footer_div(
        f'<div style="border-top:0.5px solid #999;padding-top:2mm;display:flex">'
        f"<div {col}>{esc(issuer.name)}<br>{esc(issuer.street)}<br>{esc(issuer.city)}</div>"
        f"<div {col}>Tel. {esc(issuer.phone)}<br>{esc(issuer.email)}<br>{esc(issuer.web)}</div>"
        f"<div {col}>{t['bank']}: {esc(issuer.bank)}<br>IBAN {esc(issuer.iban)}<br>"
        f"BIC {esc(issuer.bic)}</div>"
        f"<div {col}>{taxid_label} {esc(issuer.tax_id)}<br>{esc(issuer.register)}<br>"
        f"{PAGE_X_OF_Y[lang]}</div></div>"
    )
    margin = {"top": "12mm", "bottom": "26mm", "left": "20mm", "right": "15mm"}
    return Doc(body, ERP_CSS, "A4", margin, foot, loc.lang)


# --------------------------------------------------------------------------- invoice: French


FACTURE_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9pt; }
.hdr { display: flex; justify-content: space-between; }
.hdr .co { line-height: 1.45; font-size: 8.5pt; }
.hdr .co .name { font-family: 'Liberation Serif', serif; font-size: 16pt; font-weight: 700;
  margin-bottom: 3px; }
.hdr .fact { text-align: right; }
.hdr .fact .word { font-family: 'Liberation Serif', serif; font-size: 24pt;
  letter-spacing: 3px; }
.hdr .fact table { margin-left: auto; margin-top: 4px; }
.hdr .fact td { padding: 1px 0 1px 10px; }
.client { margin: 9mm 0 0 auto; width: 82mm; border: 1px solid #555; padding: 8px 10px;
  line-height: 1.45; }
.client .lbl { font-size: 7.5pt; color: #666; font-variant: small-caps; letter-spacing: 0.5px; }
.refs { margin-top: 8mm; width: 100%; border: 1px solid #999; }
.refs td { border: 1px solid #999; padding: 4px 6px; width: 25%; }
.refs .lbl { display: block; font-size: 7pt; color: #666; }
table.det { width: 100%; margin-top: 6mm; }
table.det th { background: #e6e6e6; border: 1px solid #777; padding: 4px 5px; font-size: 8pt; }
table.det td { border: 1px solid #999; padding: 4px 5px; vertical-align: top; }
.recap { display: flex; justify-content: space-between; margin-top: 5mm; gap: 8mm; }
.recap .cond { font-size: 7.8pt; color: #333; line-height: 1.45; flex: 1; }
table.tt { width: 78mm; }
table.tt td { border: 1px solid #777; padding: 4px 6px; }
table.tt tr.ttc td { background: #e6e6e6; font-weight: 700; }
"""


def facture(case: Case, loc: Locale) -> Doc:
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    cur = inv["currency"]
    issuer = party(inv["issuer"], region)
    bill = party(inv["bill_to"], region, (issuer,))
    issued = day(inv["date"])
    due = issued + timedelta(days=30)
    swiss = loc.code == "fr-CH"

    def amt(v: float) -> str:
        return num(v, loc) if swiss else money(v, cur, loc)

    unit_hdr = f"P.U. HT ({cur})" if swiss else "P.U. HT"
    amt_hdr = f"Montant HT ({cur})" if swiss else "Montant HT"
    rows = "".join(
        f"<tr><td>{esc(line['sku'] or '')}</td><td>{esc(line['description'])}</td>"
        f'<td class="num">{qty(line["qty"], loc)}</td>'
        f'<td class="num">{amt(line["unit_price"])}</td>'
        f'<td class="num">{amt(line["amount"])}</td></tr>'
        for line in inv["lines"]
    )
    tva = f"TVA {percent(inv['tax_rate'], loc)} %"
    refs = [
        ("Votre commande", po_of(case) or "—"),
        ("Bon d'intervention", rep["work_order_id"]),
        ("Date d'intervention", short_date(day(rep["completed_at"]), loc)),
        ("Technicien", rep["technician"]),
    ]
    refs_html = "".join(f'<td><span class="lbl">{k}</span>{esc(v)}</td>' for k, v in refs)
    if swiss:
        cond = (
            f"Payable à 30 jours net, au plus tard le {short_date(due, loc)}.<br>"
            f"Montants en {cur}. Coordonnées bancaires : {esc(issuer.bank)}, "
            f"IBAN {issuer.iban}, BIC {issuer.bic}."
        )
        legal = f"N° IDE / TVA : {esc(issuer.tax_id)}"
    else:
        cond = (
            f"Date d'échéance : {long_date(due, loc)}. Paiement par virement ; "
            "pas d'escompte pour paiement anticipé.<br>En cas de retard de paiement, des "
            "pénalités au taux de trois fois le taux d'intérêt légal ainsi qu'une indemnité "
            "forfaitaire de 40 € pour frais de recouvrement seront exigibles "
            "(art. L441-10 du Code de commerce).<br>"
            f"Montants exprimés en {cur}. IBAN {issuer.iban} – BIC {issuer.bic}."
        )
        legal = f"N° TVA intracommunautaire : {esc(issuer.tax_id)}"
    body = f"""
<div class="hdr">
  <div class="co"><div class="name">{esc(issuer.name)}</div>
    {esc(issuer.street)}<br>{esc(issuer.city)}<br>Tél. {esc(issuer.phone)}<br>
    {esc(issuer.email)}<br>{legal}</div>
  <div class="fact"><div class="word">FACTURE</div>
    <table><tr><td>N°</td><td><strong>{esc(inv["number"])}</strong></td></tr>
    <tr><td>Date</td><td>{long_date(issued, loc)}</td></tr></table></div>
</div>
<div class="client"><div class="lbl">Client</div>{address_html(bill)}</div>
<table class="refs"><tr>{refs_html}</tr></table>
<table class="det">
  <thead><tr><th style="width:62px">Réf.</th><th>Désignation</th><th>Qté</th>
    <th>{unit_hdr}</th><th>{amt_hdr}</th></tr></thead>
  <tbody>{rows}</tbody>
</table>
<div class="recap">
  <div class="cond">{cond}</div>
  <table class="tt">
    <tr><td>Total HT</td><td class="num">{amt(inv["subtotal"])}</td></tr>
    <tr><td>{tva}</td><td class="num">{amt(inv["tax"])}</td></tr>
    <tr class="ttc"><td>Total TTC</td><td class="num">{amt(inv["total"])}</td></tr>
    <tr><td>Net à payer ({cur})</td><td class="num">{amt(inv["total"])}</td></tr>
  </table>
</div>
"""
    foot = footer_div(
        f'<div style="text-align:center;border-top:0.5px solid #aaa;padding-top:2mm">'
        f"{esc(issuer.name)} – {esc(issuer.street)}, {esc(issuer.city)} – "
        f"{esc(issuer.register)} – {legal}<br>{PAGE_X_OF_Y['fr']}</div>"
    )
    margin = {"top": "14mm", "bottom": "22mm", "left": "15mm", "right": "15mm"}
    return Doc(body, FACTURE_CSS, "A4", margin, foot, "fr")


# --------------------------------------------------------------------------- report: mobile app


APP_TEXT = {
    "en": {
        "title": "Work Order",
        "status": "Completed",
        "customer": "Customer",
        "asset": "Asset",
        "type": "Job type",
        "tech": "Technician",
        "timeline": "Timeline",
        "reported": "Reported",
        "in": "Checked in",
        "out": "Checked out",
        "time": "Time on job",
        "labor": "Labor",
        "travel": "Travel",
        "parts": "Parts used",
        "sku": "SKU",
        "item": "Item",
        "qty": "Qty",
        "no_parts": "No parts used on this visit.",
        "notes": "Technician notes",
        "no_notes": "No notes entered.",
        "sig": "Customer signature",
        "signed": "Signed on device",
        "unsigned": "Not obtained",
        "gen": "Exported from WorkLog Mobile",
    },
    "de": {
        "title": "Arbeitsauftrag",
        "status": "Abgeschlossen",
        "customer": "Kunde",
        "asset": "Anlage",
        "type": "Auftragsart",
        "tech": "Techniker",
        "timeline": "Zeitverlauf",
        "reported": "Gemeldet",
        "in": "Eingecheckt",
        "out": "Ausgecheckt",
        "time": "Zeiten",
        "labor": "Arbeitszeit",
        "travel": "Fahrzeit",
        "parts": "Verbrauchtes Material",
        "sku": "Art.-Nr.",
        "item": "Artikel",
        "qty": "Menge",
        "no_parts": "Kein Material verbraucht.",
        "notes": "Notizen des Technikers",
        "no_notes": "Keine Notizen erfasst.",
        "sig": "Unterschrift Kunde",
        "signed": "Auf dem Gerät unterschrieben",
        "unsigned": "Nicht eingeholt",
        "gen": "Exportiert aus WorkLog Mobile",
    },
    "nl": {
        "title": "Werkorder",
        "status": "Afgerond",
        "customer": "Klant",
        "asset": "Installatie",
        "type": "Soort opdracht",
        "tech": "Monteur",
        "timeline": "Tijdlijn",
        "reported": "Gemeld",
        "in": "Ingecheckt",
        "out": "Uitgecheckt",
        "time": "Bestede tijd",
        "labor": "Arbeid",
        "travel": "Reistijd",
        "parts": "Gebruikte onderdelen",
        "sku": "Art.nr.",
        "item": "Onderdeel",
        "qty": "Aantal",
        "no_parts": "Geen onderdelen gebruikt.",
        "notes": "Notities monteur",
        "no_notes": "Geen notities ingevoerd.",
        "sig": "Handtekening klant",
        "signed": "Getekend op apparaat",
        "unsigned": "Niet verkregen",
        "gen": "Geëxporteerd uit WorkLog Mobile",
    },
    "fr": {
        "title": "Ordre de travail",
        "status": "Terminé",
        "customer": "Client",
        "asset": "Équipement",
        "type": "Type d'intervention",
        "tech": "Technicien",
        "timeline": "Chronologie",
        "reported": "Signalé",
        "in": "Arrivée (check-in)",
        "out": "Départ (check-out)",
        "time": "Temps passé",
        "labor": "Main-d'œuvre",
        "travel": "Déplacement",
        "parts": "Pièces utilisées",
        "sku": "Réf.",
        "item": "Article",
        "qty": "Qté",
        "no_parts": "Aucune pièce utilisée.",
        "notes": "Notes du technicien",
        "no_notes": "Aucune note saisie.",
        "sig": "Signature du client",
        "signed": "Signé sur l'appareil",
        "unsigned": "Non obtenue",
        "gen": "Exporté depuis WorkLog Mobile",
    },
}

APP_CSS = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 8.6pt; background: #fff; }
.appbar { background: #0f766e; color: #fff; border-radius: 10px; padding: 12px 16px;
  display: flex; justify-content: space-between; align-items: center; }
.appbar .t { font-size: 7.5pt; text-transform: uppercase; letter-spacing: 1px; opacity: 0.85; }
.appbar .id { font-size: 16pt; font-weight: 700; }
.appbar .co { font-size: 8pt; opacity: 0.9; }
.pill { background: #d1fae5; color: #065f46; border-radius: 999px; padding: 3px 10px;
  font-weight: 700; font-size: 8pt; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin-top: 12px; }
.card { border: 1px solid #d9dee4; border-radius: 8px; padding: 9px 11px; }
.card.wide { grid-column: 1 / span 2; }
.card h4 { margin: 0 0 6px 0; font-size: 7.2pt; color: #64748b; text-transform: uppercase;
  letter-spacing: 0.8px; font-weight: 700; }
.card .big { font-size: 10.5pt; font-weight: 700; }
.kv { display: grid; grid-template-columns: 95px 1fr; row-gap: 4px; }
.kv .k { color: #64748b; }
.tl { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.tl .k { color: #64748b; font-size: 7.5pt; }
.tl .v { font-weight: 700; }
.tl .z { color: #64748b; font-size: 7.5pt; }
table.parts { width: 100%; }
table.parts th { text-align: left; color: #64748b; font-size: 7.5pt; font-weight: 400;
  border-bottom: 1px solid #e2e8f0; padding: 3px 4px; }
table.parts td { padding: 4px; border-bottom: 1px solid #f1f5f9; }
.noteb { background: #f8fafc; border-radius: 6px; padding: 8px; min-height: 34px;
  line-height: 1.45; }
.sig { display: flex; align-items: center; gap: 14px; }
.sig .box { border-bottom: 1px solid #94a3b8; width: 190px; height: 52px; }
.sig .none { color: #b45309; font-weight: 700; }
"""


def app_stamp(iso: str, loc: Locale) -> tuple[str, str]:
    ts = stamp(iso)
    wd = WEEKDAYS[loc.lang][ts.weekday()]
    if loc.code == "en-US":
        first = f"{wd}, {medium_date(ts.date(), loc)}"
    elif loc.code == "en-GB":
        first = f"{wd} {medium_date(ts.date(), loc)}"
    else:
        first = f"{wd} {short_date(ts.date(), loc)}"
    return f"{first} · {clock(ts, loc)}", f"GMT{offset(iso)}"


def mobile_work_order(case: Case, loc: Locale) -> Doc:
    rep = case["service_report"]
    region = case["customer"]["region"]
    t = APP_TEXT[loc.lang]
    company = party(case["invoice"]["issuer"], region)
    site = party(case["customer"]["name"], region, (company,))
    asset = case["asset"]
    words = SERVICE_WORDS[loc.lang][rep["service_type"]]
    tl = []
    for key, iso in (("reported", "reported_at"), ("in", "arrived_at"), ("out", "completed_at")):
        when, zone = app_stamp(rep[iso], loc)
        tl.append(
            f'<div><div class="k">{t[key]}</div><div class="v">{esc(when)}</div>'
            f'<div class="z">{zone}</div></div>'
        )
    if rep["parts"]:
        prow = "".join(
            f"<tr><td>{esc(p['sku'])}</td><td>{esc(p['description'])}</td>"
            f'<td class="num">{qty(p["qty"], loc)}</td></tr>'
            for p in rep["parts"]
        )
        parts = (
            f'<table class="parts"><thead><tr><th>{t["sku"]}</th><th>{t["item"]}</th>'
            f'<th class="num">{t["qty"]}</th></tr></thead><tbody>{prow}</tbody></table>'
        )
    else:
        parts = f'<div class="muted">{t["no_parts"]}</div>'
    notes = rep["notes"].strip()
    notes_html = (
        f'<div class="noteb notes">{esc(notes)}</div>'
        if notes
        else f'<div class="noteb muted">{t["no_notes"]}</div>'
    )
    if rep["customer_signature"]:
        sig = (
            f'<div class="sig"><div class="box">{signature_svg(case["case_id"])}</div>'
            f"<div>✓ {t['signed']}</div></div>"
        )
    else:
        sig = f'<div class="sig"><span class="none">✗ {t["unsigned"]}</span></div>'
    body = f"""
<div class="appbar">
  <div><div class="t">{t["title"]}</div><div class="id">{esc(rep["work_order_id"])}</div>
    <div class="co">{esc(company.name)}</div></div>
  <span class="pill">{t["status"]}</span>
</div>
<div class="cards">
  <div class="card"><h4>{t["customer"]}</h4><div class="big">{esc(site.name)}</div>
    {esc(site.street)}, {esc(site.city)}</div>
  <div class="card"><h4>{t["asset"]}</h4><div class="big">{esc(asset["model"])}</div>
    ID {esc(asset["id"])}</div>
  <div class="card"><div class="kv">
    <div class="k">{t["type"]}</div><div><strong>{esc(words)}</strong></div>
    <div class="k">{t["tech"]}</div><div><strong>{esc(rep["technician"])}</strong></div>
  </div></div>
  <div class="card"><h4>{t["time"]}</h4><div class="kv">
    <div class="k">{t["labor"]}</div><div><strong>{dur_app(rep["labor_hours"])}</strong></div>
    <div class="k">{t["travel"]}</div><div><strong>{dur_app(rep["travel_hours"])}</strong></div>
  </div></div>
  <div class="card wide"><h4>{t["timeline"]}</h4><div class="tl">{"".join(tl)}</div></div>
  <div class="card wide"><h4>{t["parts"]}</h4>{parts}</div>
  <div class="card wide"><h4>{t["notes"]}</h4>{notes_html}</div>
  <div class="card wide"><h4>{t["sig"]}</h4>{sig}</div>
</div>
"""
    foot = footer_div(
        f'<div style="display:flex;justify-content:space-between">'
        f"<span>{t['gen']} · {esc(company.name)}</span>"
        f"<span>{esc(rep['work_order_id'])} · {PAGE_X_OF_Y[loc.lang]}</span></div>",
        font="DejaVu Sans, sans-serif",
    )
    margin = {"top": "12mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
    return Doc(body, APP_CSS, paper(loc), margin, foot, loc.lang)


# --------------------------------------------------------------------------- report: Servicebericht


SB_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9pt; }
.top { display: flex; justify-content: space-between; align-items: flex-end;
  border-bottom: 2px solid #333; padding-bottom: 4px; }
.top .co { font-weight: 700; font-size: 12pt; }
.top .co small { display: block; font-weight: 400; font-size: 7.5pt; color: #555; }
.top h1 { margin: 0; font-size: 15pt; text-align: right; }
.top h1 small { display: block; font-size: 9pt; font-weight: 400; }
table.form { width: 100%; margin-top: 4mm; table-layout: fixed; }
table.form td { border: 1px solid #555; padding: 3px 5px; vertical-align: top; height: 11mm; }
table.form .l { display: block; font-size: 6.8pt; color: #444; }
.sect { margin-top: 4mm; background: #ddd; border: 1px solid #555; border-bottom: none;
  font-weight: 700; padding: 2px 5px; font-size: 8.5pt; }
table.mat { width: 100%; }
table.mat th, table.mat td { border: 1px solid #555; padding: 3px 5px; }
table.mat th { font-size: 8pt; text-align: left; background: #f2f2f2; }
.box { border: 1px solid #555; padding: 5px; min-height: 26mm; line-height: 1.45; }
.sigs { display: flex; gap: 6mm; margin-top: 5mm; }
.sigs > div { flex: 1; border: 1px solid #555; height: 28mm; padding: 3px 5px; position: relative; }
.sigs .l { font-size: 6.8pt; color: #444; }
.sigs .who { position: absolute; bottom: 3px; left: 5px; font-size: 8pt; }
.sigs .none { margin-top: 6mm; font-style: italic; color: #444; }
"""


def servicebericht(case: Case, loc: Locale) -> Doc:
    rep = case["service_report"]
    region = case["customer"]["region"]
    company = party(case["invoice"]["issuer"], region)
    site = party(case["customer"]["name"], region, (company,))
    asset = case["asset"]

    def when(iso: str) -> str:
        ts = stamp(iso)
        return f"{short_date(ts.date(), loc)}, {clock(ts, loc)} Uhr"

    def cell(label: str, value: str, span: int = 1) -> str:
        return f'<td colspan="{span}"><span class="l">{label}</span>{value}</td>'

    kinds = "".join(
        f"{'☒' if key == rep['service_type'] else '☐'} {esc(w)}&nbsp;&nbsp; "
        for key, w in SERVICE_WORDS["de"].items()
    )
    form = f"""
<table class="form">
<tr>{
        cell(
            "Auftraggeber / Einsatzort",
            f"<strong>{esc(site.name)}</strong><br>{esc(site.street)}, {esc(site.city)}",
            2,
        )
    }
    {cell("Kunden-Nr.", esc(case["customer"]["id"]))}
    {cell("Auftrags-Nr.", f"<strong>{esc(rep['work_order_id'])}</strong>")}</tr>
<tr>{cell("Anlage / Typ", esc(asset["model"]), 2)}{cell("Anlagen-Nr.", esc(asset["id"]))}
    {cell("Inbetriebnahme", short_date(day(asset["install_date"]), loc))}</tr>
<tr>{cell("Art des Einsatzes", kinds, 4)}</tr>
<tr>{cell("Störungsmeldung / Auftragseingang", when(rep["reported_at"]))}
    {cell("Ankunft beim Kunden", when(rep["arrived_at"]))}
    {cell("Arbeitsende", when(rep["completed_at"]))}
    {cell("Servicetechniker", f"<strong>{esc(rep['technician'])}</strong>")}</tr>
<tr>{cell("Arbeitszeit", f"<strong>{dur_de(rep['labor_hours'])}</strong>")}
    {cell("Fahrzeit", f"<strong>{dur_de(rep['travel_hours'])}</strong>")}
    {cell("Vertrag", esc(case["contract"]["id"]), 2)}</tr>
</table>"""
    if rep["parts"]:
        mrow = "".join(
            f"<tr><td>{i}</td><td>{esc(p['sku'])}</td><td>{esc(p['description'])}</td>"
            f'<td class="num">{qty(p["qty"], loc)}</td><td>Stk.</td></tr>'
            for i, p in enumerate(rep["parts"], 1)
        )
    else:
        mrow = '<tr><td colspan="5" class="muted">kein Material verbaut</td></tr>'
    notes = rep["notes"].strip()
    if rep["customer_signature"]:
        cust_sig = signature_svg(case["case_id"], 170, 46) + '<div class="who">Kunde</div>'
    else:
        cust_sig = '<div class="none">keine Unterschrift des Kunden</div>'
    date_done = short_date(stamp(rep["completed_at"]).date(), loc)
    body = f"""
<div class="top">
  <div class="co">{esc(company.name)}<small>{esc(company.street)} · {esc(company.city)} ·
    Tel. {esc(company.phone)}</small></div>
  <h1>Servicebericht<small>Arbeitsbericht Nr. {esc(rep["work_order_id"])}</small></h1>
</div>
{form}
<div class="sect">Materialverbrauch</div>
<table class="mat"><thead><tr><th style="width:8mm">Pos.</th><th style="width:24mm">Art.-Nr.</th>
  <th>Bezeichnung</th><th style="width:16mm" class="num">Menge</th><th style="width:12mm">ME</th>
  </tr></thead><tbody>{mrow}</tbody></table>
<div class="sect">Ausgeführte Arbeiten / Bemerkungen</div>
<div class="box notes">{esc(notes)}</div>
<div class="sigs">
  <div><span class="l">Datum, Unterschrift Servicetechniker</span>
    <div class="who">{date_done} – {esc(rep["technician"])}</div></div>
  <div><span class="l">Arbeiten ordnungsgemäß ausgeführt – Unterschrift Kunde</span>
    {cust_sig}</div>
</div>
"""
    foot = footer_div(
        f'<div style="display:flex;justify-content:space-between;border-top:0.5px solid #999;'
        f'padding-top:1.5mm"><span>{esc(company.one_line())} · {esc(company.register)}</span>'
        f"<span>{PAGE_X_OF_Y['de']}</span></div>"
    )
    margin = {"top": "12mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
    return Doc(body, SB_CSS, "A4", margin, foot, "de")


# ---------------------------------------------------------------- report: bon d'intervention


BI_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9pt; color: #1b1b1b; }
.hd { display: flex; justify-content: space-between; align-items: center; }
.hd .co { line-height: 1.4; font-size: 8pt; }
.hd .co .n { font-size: 12pt; font-weight: 700; color: #7a1f2b; }
.hd .ttl { text-align: right; }
.hd .ttl .a { font-size: 15pt; font-weight: 700; letter-spacing: 1px; color: #7a1f2b; }
.hd .ttl .b { font-size: 10pt; margin-top: 2px; }
.rule { height: 2px; background: #7a1f2b; margin: 3mm 0 4mm 0; }
.grid { display: grid; grid-template-columns: 1fr 1fr 1fr; column-gap: 8mm; row-gap: 3mm; }
.f .l { font-variant: small-caps; font-size: 8pt; color: #7a1f2b; letter-spacing: 0.4px; }
.f .v { border-bottom: 1px dotted #888; padding: 1px 0 2px 0; min-height: 14px; }
.f.span2 { grid-column: span 2; }
.f.span3 { grid-column: span 3; }
h3 { font-size: 9.5pt; margin: 6mm 0 2mm 0; color: #7a1f2b; text-transform: uppercase;
  letter-spacing: 0.8px; }
table.p { width: 100%; }
table.p th { text-align: left; font-variant: small-caps; font-weight: 400; color: #7a1f2b;
  border-bottom: 1px solid #7a1f2b; padding: 2px 4px; }
table.p td { padding: 3px 4px; border-bottom: 1px dotted #aaa; }
.obs { border: 1px solid #aaa; border-radius: 3px; padding: 6px; min-height: 24mm;
  line-height: 1.5; }
.sign { display: flex; gap: 10mm; margin-top: 6mm; }
.sign > div { flex: 1; }
.sign .area { border: 1px solid #aaa; height: 24mm; padding: 4px; }
.sign .status { margin-top: 2px; font-size: 8.5pt; }
"""


def bon_intervention(case: Case, loc: Locale) -> Doc:
    rep = case["service_report"]
    region = case["customer"]["region"]
    company = party(case["invoice"]["issuer"], region)
    site = party(case["customer"]["name"], region, (company,))
    asset = case["asset"]

    def when(iso: str) -> str:
        ts = stamp(iso)
        return f"{short_date(ts.date(), loc)} à {clock(ts, loc)}"

    def f(label: str, value: str, cls: str = "") -> str:
        return (
            f'<div class="f {cls}"><div class="l">{label}</div><div class="v">{value}</div></div>'
        )

    words = SERVICE_WORDS["fr"][rep["service_type"]]
    grid = "".join(
        [
            f("Client", f"<strong>{esc(site.name)}</strong>", "span2"),
            f("Code client", esc(case["customer"]["id"])),
            f("Adresse d'intervention", f"{esc(site.street)}, {esc(site.city)}", "span2"),
            f("Technicien", f"<strong>{esc(rep['technician'])}</strong>"),
            f("Équipement", esc(asset["model"])),
            f("N° de série / parc", esc(asset["id"])),
            f("Nature de l'intervention", f"<strong>{esc(words)}</strong>"),
            f("Appel client", when(rep["reported_at"])),
            f("Arrivée sur site", when(rep["arrived_at"])),
            f("Fin d'intervention", when(rep["completed_at"])),
            f("Temps de main-d'œuvre", f"<strong>{dur_fr(rep['labor_hours'])}</strong>"),
            f("Temps de trajet", f"<strong>{dur_fr(rep['travel_hours'])}</strong>"),
            f("Garantie constructeur jusqu'au", short_date(day(asset["warranty_end"]), loc)),
        ]
    )
    if rep["parts"]:
        prow = "".join(
            f"<tr><td>{esc(p['sku'])}</td><td>{esc(p['description'])}</td>"
            f'<td class="num">{qty(p["qty"], loc)}</td></tr>'
            for p in rep["parts"]
        )
    else:
        prow = '<tr><td colspan="3" class="muted">Aucune pièce remplacée</td></tr>'
    notes = rep["notes"].strip()
    if rep["customer_signature"]:
        client_sig = signature_svg(case["case_id"], 180, 50)
        status = "Bon signé par le client"
    else:
        client_sig = ""
        status = "Bon non signé par le client"
    body = f"""
<div class="hd">
  <div class="co"><div class="n">{esc(company.name)}</div>{esc(company.street)} –
    {esc(company.city)}<br>Tél. {esc(company.phone)} – {esc(company.email)}</div>
  <div class="ttl"><div class="a">BON D'INTERVENTION</div>
    <div class="b">N° {esc(rep["work_order_id"])}</div></div>
</div>
<div class="rule"></div>
<div class="grid">{grid}</div>
<h3>Pièces remplacées</h3>
<table class="p"><thead><tr><th style="width:30mm">Référence</th><th>Désignation</th>
  <th class="num" style="width:22mm">Quantité</th></tr></thead><tbody>{prow}</tbody></table>
<h3>Travaux réalisés / observations</h3>
<div class="obs notes">{esc(notes)}</div>
<div class="sign">
  <div><div class="f"><div class="l">Signature du technicien</div></div>
    <div class="area">{esc(rep["technician"])}</div></div>
  <div><div class="f"><div class="l">Signature du client</div></div>
    <div class="area">{client_sig}</div><div class="status">{status}</div></div>
</div>
"""
    foot = footer_div(
        f'<div style="text-align:center">{esc(company.name)} – {esc(company.register)} – '
        f"{PAGE_X_OF_Y['fr']}</div>"
    )
    margin = {"top": "13mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
    return Doc(body, BI_CSS, "A4", margin, foot, "fr")


# ----------------------------------------------------------------- report: completion report


WOC_TEXT = {
    "en": {
        "title": "Work Order Completion Report",
        "wo": "Work Order No.",
        "cust": "Customer",
        "site": "Site Address",
        "asset": "Equipment",
        "serial": "Asset ID",
        "type": "Service Type",
        "tech": "Assigned Technician",
        "timeline": "Service Timeline",
        "event": "Event",
        "date": "Date",
        "time": "Time (local)",
        "reported": "Call received",
        "arrived": "Technician on site",
        "completed": "Work completed",
        "hours": "Labor & Travel",
        "labor": "Labor hours",
        "travel": "Travel hours",
        "hrs": "hrs",
        "materials": "Materials Used",
        "part": "Part #",
        "desc": "Description",
        "qty": "Qty Used",
        "none": "No materials used.",
        "work": "Work Performed / Technician Comments",
        "accept": "Customer Acceptance",
        "signed": "Customer signed on site to accept the work.",
        "unsigned": "Customer signature: not obtained.",
    },
    "nl": {
        "title": "Werkbon – Opleveringsrapport",
        "wo": "Werkordernr.",
        "cust": "Klant",
        "site": "Adres locatie",
        "asset": "Installatie",
        "serial": "Installatienr.",
        "type": "Soort werk",
        "tech": "Monteur",
        "timeline": "Tijdregistratie",
        "event": "Moment",
        "date": "Datum",
        "time": "Tijd",
        "reported": "Melding ontvangen",
        "arrived": "Aankomst monteur",
        "completed": "Werk gereed",
        "hours": "Uren",
        "labor": "Arbeidsuren",
        "travel": "Reisuren",
        "hrs": "uur",
        "materials": "Gebruikte materialen",
        "part": "Art.nr.",
        "desc": "Omschrijving",
        "qty": "Aantal",
        "none": "Geen materialen gebruikt.",
        "work": "Uitgevoerde werkzaamheden / opmerkingen",
        "accept": "Akkoord klant",
        "signed": "Werkbon voor akkoord getekend door de klant.",
        "unsigned": "Handtekening klant: niet verkregen.",
    },
}

WOC_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9pt; }
.hd { border-bottom: 3px solid #334155; padding-bottom: 6px; display: flex;
  justify-content: space-between; align-items: flex-end; }
.hd .co { font-size: 11pt; font-weight: 700; }
.hd .co small { display: block; font-size: 8pt; font-weight: 400; color: #475569; }
.hd h1 { margin: 0; font-size: 13pt; text-transform: uppercase; letter-spacing: 1px;
  color: #334155; text-align: right; }
table.kv { width: 100%; margin-top: 10px; }
table.kv td { padding: 3px 6px 3px 0; vertical-align: top; }
table.kv td.k { color: #475569; width: 22%; font-weight: 700; font-size: 8pt; }
table.kv td.v { width: 28%; }
h2 { font-size: 9.5pt; margin: 14px 0 4px 0; color: #334155; border-bottom: 1px solid #cbd5e1;
  padding-bottom: 2px; text-transform: uppercase; letter-spacing: 0.6px; }
table.t { width: 100%; }
table.t th { text-align: left; font-size: 8pt; color: #475569; padding: 3px 6px 3px 0; }
table.t th.num { text-align: right; }
table.t td { padding: 3px 6px 3px 0; }
.comments { line-height: 1.5; min-height: 18mm; }
.accept { display: flex; align-items: flex-end; gap: 14px; }
.accept .line { width: 210px; border-bottom: 1px solid #334155; height: 50px; }
"""


def work_order_completion(case: Case, loc: Locale) -> Doc:
    rep = case["service_report"]
    region = case["customer"]["region"]
    t = WOC_TEXT["nl" if loc.lang == "nl" else "en"]
    company = party(case["invoice"]["issuer"], region)
    site = party(case["customer"]["name"], region, (company,))
    asset = case["asset"]
    words_key = "en-GB" if loc.code == "en-GB" else loc.lang
    words = SERVICE_WORDS[words_key][rep["service_type"]]
    places = 1 if loc.lang == "nl" else 2

    def row(k1: str, v1: str, k2: str, v2: str) -> str:
        return (
            f'<tr><td class="k">{k1}</td><td class="v">{v1}</td>'
            f'<td class="k">{k2}</td><td class="v">{v2}</td></tr>'
        )

    kv = "".join(
        [
            row(t["wo"], f"<strong>{esc(rep['work_order_id'])}</strong>", t["type"], esc(words)),
            row(t["cust"], esc(site.name), t["tech"], esc(rep["technician"])),
            row(
                t["site"], f"{esc(site.street)}, {esc(site.city)}", t["asset"], esc(asset["model"])
            ),
            row("", "", t["serial"], esc(asset["id"])),
        ]
    )
    events = "".join(
        f"<tr><td>{t[key]}</td><td>{short_date(stamp(rep[iso]).date(), loc)}</td>"
        f"<td>{clock(stamp(rep[iso]), loc)}</td></tr>"
        for key, iso in (
            ("reported", "reported_at"),
            ("arrived", "arrived_at"),
            ("completed", "completed_at"),
        )
    )
    hours = (
        f"<tr><td>{t['labor']}</td><td class='num' style='width:30mm'>"
        f"{num(rep['labor_hours'], loc, places)} {t['hrs']}</td><td></td></tr>"
        f"<tr><td>{t['travel']}</td><td class='num'>"
        f"{num(rep['travel_hours'], loc, places)} {t['hrs']}</td><td></td></tr>"
    )
    if rep["parts"]:
        mats = (
            f'<table class="t"><thead><tr><th style="width:30mm">{t["part"]}</th>'
            f'<th>{t["desc"]}</th><th class="num">{t["qty"]}</th></tr></thead><tbody>'
            + "".join(
                f"<tr><td>{esc(p['sku'])}</td><td>{esc(p['description'])}</td>"
                f'<td class="num">{qty(p["qty"], loc)}</td></tr>'
                for p in rep["parts"]
            )
            + "</tbody></table>"
        )
    else:
        mats = f'<div class="muted">{t["none"]}</div>'
    notes = rep["notes"].strip()
    if rep["customer_signature"]:
        accept = (
            f'<div class="accept"><div class="line">{signature_svg(case["case_id"], 200, 48)}'
            f"</div><div>{t['signed']}</div></div>"
        )
    else:
        accept = f"<div><strong>{t['unsigned']}</strong></div>"
    body = f"""
<div class="hd">
  <div class="co">{esc(company.name)}<small>{esc(company.street)}, {esc(company.city)} ·
    {esc(company.phone)}</small></div>
  <h1>{t["title"]}</h1>
</div>
<table class="kv">{kv}</table>
<h2>{t["timeline"]}</h2>
<table class="t"><thead><tr><th style="width:45%">{t["event"]}</th><th>{t["date"]}</th>
  <th>{t["time"]}</th></tr></thead><tbody>{events}</tbody></table>
<h2>{t["hours"]}</h2>
<table class="t" style="width:60%"><tbody>{hours}</tbody></table>
<h2>{t["materials"]}</h2>
{mats}
<h2>{t["work"]}</h2>
<div class="comments notes">{esc(notes)}</div>
<h2>{t["accept"]}</h2>
{accept}
"""
    foot = footer_div(
        f'<div style="display:flex;justify-content:space-between">'
        f"<span>{esc(company.name)} · {esc(company.web)}</span>"
        f"<span>{esc(rep['work_order_id'])} · {PAGE_X_OF_Y[loc.lang]}</span></div>"
    )
    return Doc(body, WOC_CSS, paper(loc), footer=foot, lang=loc.lang)


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Layout:
    name: str
    doc_type: str
    locales: dict[str, str]  # region -> locale code
    prints_zone: bool
    build: Callable[[Case, Locale], Doc]

    def serves(self, region: str) -> bool:
        return region in self.locales


US = dict.fromkeys(US_REGIONS, "en-US")
LAYOUTS = [
    Layout(
        "html_saas_invoice",
        "invoice",
        {"GB": "en-GB", "NL": "nl-NL", "DE": "de-DE", "AT": "de-AT", "FR": "fr-FR", **US},
        False,
        saas_invoice,
    ),
    Layout(
        "html_field_service_invoice", "invoice", {"GB": "en-GB", **US}, False, field_service_invoice
    ),
    Layout(
        "html_erp_rechnung",
        "invoice",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH", "NL": "nl-NL"},
        False,
        erp_invoice,
    ),
    Layout("html_facture", "invoice", {"FR": "fr-FR", "CH": "fr-CH"}, False, facture),
    Layout(
        "html_mobile_work_order",
        "service_report",
        {"GB": "en-GB", "NL": "nl-NL", "DE": "de-DE", "AT": "de-AT", "FR": "fr-FR", **US},
        True,
        mobile_work_order,
    ),
    Layout(
        "html_servicebericht",
        "service_report",
        {"DE": "de-DE", "AT": "de-AT", "CH": "de-CH"},
        False,
        servicebericht,
    ),
    Layout(
        "html_bon_intervention",
        "service_report",
        {"FR": "fr-FR", "CH": "fr-CH"},
        False,
        bon_intervention,
    ),
    Layout(
        "html_completion_report",
        "service_report",
        {"GB": "en-GB", "NL": "nl-NL", **US},
        False,
        work_order_completion,
    ),
]


def render_all(out_dir: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Render every case's report and invoice into ``out_dir``; write and return the truth."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    records = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page()
            for case, layout in rotate(cases if cases is not None else load_cases(), LAYOUTS):
                locale = layout.locales[case["customer"]["region"]]
                doc = layout.build(case, LOCALES[locale])
                record = document_record(
                    case, layout.doc_type, layout.name, locale, layout.prints_zone
                )
                page.set_content(doc.html(), wait_until="load")
                page.pdf(
                    path=str(out_dir / record["file"]),
                    format=doc.page_format,
                    print_background=True,
                    margin=doc.margin,
                    display_header_footer=bool(doc.footer),
                    header_template="<span></span>",
                    footer_template=doc.footer or "<span></span>",
                )
                records.append(record)
        finally:
            browser.close()
    write_truth(out_dir, records)
    return records


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="independent_html_pdfs_"))
    start = time.perf_counter()
    records = render_all(out)
    took = time.perf_counter() - start
    print(f"wrote {len(records)} PDFs and truth.jsonl to {out} in {took:.1f} s")


if __name__ == "__main__":
    main()
