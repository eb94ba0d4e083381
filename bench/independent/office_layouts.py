"""Independent office-suite layouts: invoices and service reports typed in a word processor.

Small subcontractors and service firms rarely print from a billing system: they fill in a
Word or Writer template and "print to PDF". This generator does the same. Each document is
written as a .docx with python-docx (letterheads in the page header, tables with and without
borders, merged and shaded cells, tab stops with decimal and dot-leader alignment, page
fields in the footer, checkbox glyphs) and all of them are then printed to PDF by
LibreOffice in one headless call, so the PDFs carry LibreOffice's own text runs, kerning,
tab expansion and table rendering rather than fpdf2's or a browser's.

Eleven layouts (six invoices, five service reports) cover every region of the cases
(DE, AT, CH, FR, NL, GB, US-NY, US-TX, US-CA) in the issuers' own language, number, date
and currency conventions. They were designed without reference to the extractor, the
simulator's renderer or the other two layout generators (``layouts.py``,
``html_layouts.py``); only the shared truth helpers of ``layouts.py`` (``rotate``,
``document_record``, ``write_truth``, ``load_cases``) are reused, so the truth records
have the same shape as theirs.

Needs python-docx in the venv and LibreOffice (``soffice``) on the PATH; both are
installed by ``scripts/bench-setup.sh``.

    python -m bench.independent.office_layouts OUT_DIR
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.independent.layouts import Case, document_record, load_cases, rotate, write_truth
from bench.independent.soffice import convert_to_pdf
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

US_REGIONS = ("US-NY", "US-TX", "US-CA")
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
SYMBOL_FONT = "DejaVu Sans"  # has the ballot-box and check-mark glyphs
SOFFICE_TIMEOUT_S = 1800

# --------------------------------------------------------------------------------------
# Locale formatting
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    """A locale's digit grouping and decimal mark."""

    thousands: str
    decimal: str

    def __call__(self, value: float, places: int = 2) -> str:
        value = round(value, places)
        text = f"{abs(value):,.{places}f}"
        text = text.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.thousands)
        return f"-{text}" if value < 0 else text

    def qty(self, value: float) -> str:
        """Fewest decimals that show the quantity exactly: 4, 0,5, 2,47."""
        if float(value).is_integer():
            return self(value, 0)
        text = f"{value:.3f}".rstrip("0")
        return text.replace(".", self.decimal)

    def pct(self, rate: float) -> str:
        text = f"{rate * 100:.3f}".rstrip("0").rstrip(".")
        return text.replace(".", self.decimal)


DE_NUM = Num(".", ",")
CH_NUM = Num("'", ".")
FR_NUM = Num("\u00a0", ",")
NL_NUM = Num(".", ",")
EN_NUM = Num(",", ".")
QR_NUM = Num(" ", ".")  # the Swiss QR-bill payment part groups with spaces

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "at": "Jänner Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}


def month(lang: str, d: date) -> str:
    return MONTHS[lang].split()[d.month - 1]


def day_of(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def stamp_of(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def dmy(d: date, sep: str) -> str:
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def us_date(d: date, pad: bool = False) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}" if pad else f"{d.month}/{d.day}/{d.year}"


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def hm(ts: datetime) -> str:
    return f"{ts.hour:02d}:{ts.minute:02d}"


def clock12(ts: datetime) -> str:
    hour = ts.hour % 12 or 12
    return f"{hour}:{ts.minute:02d} {'AM' if ts.hour < 12 else 'PM'}"


def utc_offset(ts: datetime) -> str:
    offset = ts.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


US_ZONES = {
    ("US-NY", -5): "EST",
    ("US-NY", -4): "EDT",
    ("US-TX", -6): "CST",
    ("US-TX", -5): "CDT",
    ("US-CA", -8): "PST",
    ("US-CA", -7): "PDT",
}


def us_zone(region: str, ts: datetime) -> str:
    offset = ts.utcoffset() or timedelta(0)
    hours = offset.total_seconds() / 3600
    return US_ZONES.get((region, int(hours)), utc_offset(ts)) if hours.is_integer() else ""


# --------------------------------------------------------------------------------------
# Who the parties are: deterministic letterhead details
# --------------------------------------------------------------------------------------


def pick(seed: str, options: Sequence[Any]) -> Any:
    digest = hashlib.sha256(seed.encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def digits(seed: str, n: int) -> str:
    digest = hashlib.sha256(("digits:" + seed).encode()).hexdigest()
    return "".join(str(int(c, 16) % 10) for c in digest)[:n]


STREETS = {
    "DE": ["Industriestraße 14", "Am Gewerbepark 7", "Robert-Bosch-Straße 22", "Hafenweg 3a"],
    "AT": ["Gewerbestraße 5", "Triester Straße 102", "Industriezeile 36", "Salzachweg 9"],
    "CH": ["Industriestrasse 21", "Bahnhofstrasse 8", "Riedmattstrasse 4", "Hofackerstrasse 12"],
    "FR": ["12 rue de la Villette", "4 allée Ampère, ZA des Platanes", "27 quai Rambaud"],
    "NL": ["Havenstraat 12", "Industrieweg 45", "Ambachtsweg 7", "Kanaaldijk 118"],
    "GB": ["Unit 4, Riverside Trading Estate", "17 Mill Lane", "2 Canal Wharf", "88 Station Road"],
    "US-NY": ["245 Grand St", "1180 Atlantic Ave, Suite 3", "77 Broadway"],
    "US-TX": ["4410 Commerce St", "902 Industrial Blvd", "1600 S Loop 289"],
    "US-CA": ["3300 Harbor Blvd", "1525 Marina Way S", "680 W Shaw Ave"],
}
TOWNS = {
    "DE": ["45127 Essen", "28197 Bremen", "97080 Würzburg", "50829 Köln", "44147 Dortmund"],
    "AT": ["1230 Wien", "4020 Linz", "6020 Innsbruck", "5020 Salzburg"],
    "CH": ["8048 Zürich", "6003 Luzern", "3014 Bern", "8400 Winterthur"],
    "FR": ["69003 Lyon", "13010 Marseille", "74000 Annecy", "38000 Grenoble"],
    "NL": ["5611 AB Eindhoven", "3011 TA Rotterdam", "5041 EB Tilburg", "9711 LM Groningen"],
    "GB": ["Leeds LS11 5QR", "Derby DE24 8UP", "Reading RG2 0FL", "Bristol BS2 0JP"],
    "US-NY": ["Brooklyn, NY 11211", "Albany, NY 12205", "Bronx, NY 10454"],
    "US-TX": ["San Antonio, TX 78207", "Houston, TX 77011", "Lubbock, TX 79404"],
    "US-CA": ["Oakland, CA 94607", "Fresno, CA 93706", "San Diego, CA 92101"],
}
PHONES = {
    "DE": "+49 201 {a} {b}",
    "AT": "+43 1 {a} {b}",
    "CH": "+41 44 {a} {b}",
    "FR": "04 78 {a} {b}",
    "NL": "040 {a} {b}",
    "GB": "0113 {a} {b}",
    "US-NY": "(718) {a}-{b}",
    "US-TX": "(210) {a}-{b}",
    "US-CA": "(510) {a}-{b}",
}


@dataclass(frozen=True)
class Party:
    name: str
    street: str
    town: str
    phone: str

    @property
    def lines(self) -> list[str]:
        return [self.name, self.street, self.town]


def party(name: str, region: str, role: str) -> Party:
    seed = f"{role}:{name}"
    a, b = digits(seed, 3), digits(seed + "b", 4)
    return Party(
        name=name,
        street=pick(seed + "street", STREETS[region]),
        town=pick(seed + "town", TOWNS[region]),
        phone=PHONES[region].format(a=a, b=b),
    )


def issuer_of(case: Case) -> Party:
    return party(case["invoice"]["issuer"], case["customer"]["region"], "issuer")


def customer_of(case: Case) -> Party:
    return party(case["invoice"]["bill_to"], case["customer"]["region"], "customer")


def email_of(name: str, tld: str) -> str:
    word = "".join(ch for ch in name.split()[0].lower() if ch.isascii() and ch.isalnum())
    return f"info@{word or 'service'}.{tld}"


SERVICE_NAMES = {
    "en": {
        "preventive_maintenance": "Preventive maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency repair",
    },
    "gb": {
        "preventive_maintenance": "Planned maintenance",
        "repair": "Repair",
        "installation": "Installation",
        "inspection": "Inspection",
        "emergency_repair": "Emergency call-out",
    },
    "de": {
        "preventive_maintenance": "Wartung",
        "repair": "Reparatur",
        "installation": "Montage / Installation",
        "inspection": "Inspektion",
        "emergency_repair": "Notdienst (Störungsbehebung)",
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
        "emergency_repair": "Spoedreparatie (storing)",
    },
}


# --------------------------------------------------------------------------------------
# python-docx helpers: the word-processor features the templates use
# --------------------------------------------------------------------------------------


def new_document(
    font: str,
    size: float,
    margins: tuple[float, float, float, float] = (2.0, 2.0, 2.0, 2.0),
    landscape: bool = False,
) -> DocxDocument:
    """A4 document; margins are top, right, bottom, left in cm."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), font)
    rfonts.set(qn("w:cs"), font)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    section = doc.sections[0]
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    top, right, bottom, left = margins
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    section.header_distance = Cm(0.8)
    section.footer_distance = Cm(0.8)
    return doc


def text_width(doc: DocxDocument) -> float:
    section = doc.sections[0]
    sizes = (section.page_width, section.left_margin, section.right_margin)
    width, left, right = (int(size or 0) for size in sizes)
    return (width - left - right) / 360000  # EMU per cm


def style_run(
    run: Run,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    font: str | None = None,
    color: str | None = None,
    underline: bool = False,
) -> Run:
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if size is not None:
        run.font.size = Pt(size)
    if font is not None:
        run.font.name = font
    if color is not None:
        run.font.color.rgb = RGBColor.from_string(color)
    return run


def add(par: Paragraph, text: str, **style: Any) -> Run:
    return style_run(par.add_run(text), **style)


def para(
    container: Any,
    text: str = "",
    *,
    align: Any = None,
    space_before: float = 0,
    space_after: float = 0,
    tabs: Iterable[tuple[float, Any, Any]] = (),
    indent: float | None = None,
    keep_with_next: bool = False,
    **style: Any,
) -> Paragraph:
    """A paragraph in a document, cell, header or footer; ``tabs`` are (cm, align, leader)."""
    par = container.add_paragraph()
    setup_para(par, align, space_before, space_after, tabs, indent, keep_with_next)
    if text:
        add(par, text, **style)
    return par


def setup_para(
    par: Paragraph,
    align: Any = None,
    space_before: float = 0,
    space_after: float = 0,
    tabs: Iterable[tuple[float, Any, Any]] = (),
    indent: float | None = None,
    keep_with_next: bool = False,
) -> None:
    fmt = par.paragraph_format
    if align is not None:
        par.alignment = align
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    if indent is not None:
        fmt.left_indent = Cm(indent)
    if keep_with_next:
        fmt.keep_with_next = True
    for pos, tab_align, leader in tabs:
        fmt.tab_stops.add_tab_stop(Cm(pos), tab_align, leader)


def put(cell: _Cell, text: str, *, align: Any = None, space_after: float = 0, **style: Any) -> None:
    """Append ``text`` to a cell (its empty first paragraph first); each newline starts a
    paragraph."""
    for line in text.split("\n"):
        pars = cell.paragraphs
        fresh = len(pars) == 1 and not pars[0].runs and not cell.tables
        par = pars[0] if fresh else cell.add_paragraph()
        setup_para(par, align, 0, space_after)
        add(par, line or " ", **style)


def add_field(par: Paragraph, instruction: str, **style: Any) -> None:
    """A Word field (PAGE, NUMPAGES) that LibreOffice updates when it lays out the pages."""

    def char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        style_run(par.add_run(), **style)._r.append(el)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    style_run(par.add_run(), **style)._r.append(instr)
    char("separate")
    add(par, "1", **style)
    char("end")


def _insert(parent: Any, child: Any, successors: Sequence[str]) -> None:
    """Insert ``child`` before the first existing element named in ``successors``."""
    for name in successors:
        found = parent.find(qn(name))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _border_el(tag: str, spec: tuple[int, str] | None) -> Any:
    el = OxmlElement(tag)
    if spec is None:
        el.set(qn("w:val"), "nil")
    else:
        size, color = spec
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), color)
    return el


Edge = tuple[int, str] | None  # (eighths of a point, hex colour) or no line
THIN: Edge = (4, "000000")
HAIR: Edge = (2, "808080")
THICK: Edge = (12, "000000")


def table_borders(table: Table, **edges: Edge) -> None:
    """Table-wide borders: top, left, bottom, right, insideH, insideV (unnamed: none)."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border_el(f"w:{side}", edges.get(side)))
    _insert(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))


def cell_borders(cell: _Cell, **edges: Edge) -> None:
    """Borders of one cell: top, left, bottom, right (only those named are set)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        _insert(
            tc_pr,
            borders,
            ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign"),
        )
    for side in ("top", "left", "bottom", "right"):
        if side in edges:
            old = borders.find(qn(f"w:{side}"))
            if old is not None:
                borders.remove(old)
            borders.append(_border_el(f"w:{side}", edges[side]))


def shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    _insert(tc_pr, shd, ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign"))


def para_border(par: Paragraph, **edges: Edge) -> None:
    """Paragraph rules (a line under a heading, a box around a note)."""
    p_pr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        if side in edges:
            el = _border_el(f"w:{side}", edges[side])
            el.set(qn("w:space"), "4")
            bdr.append(el)
    _insert(
        p_pr,
        bdr,
        ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr"),
    )


def grid(
    container: Any,
    rows: int,
    widths: Sequence[float],
    style: str | None = None,
    align: Any = None,
) -> Table:
    """A table with fixed column widths in cm; ``style`` 'Table Grid' draws every line."""
    if isinstance(container, DocxDocument | _Cell):
        table = container.add_table(rows=rows, cols=len(widths))
    else:
        table = container.add_table(rows, len(widths), Cm(sum(widths)))
    if style:
        table.style = style
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(round(width / 2.54 * 1440)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    if align is not None:
        table.alignment = align
    return table


def min_height(table: Table, row: int, cm: float) -> None:
    table.rows[row].height = Cm(cm)
    table.rows[row].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def page_x_of_y(container: Any, before: str, middle: str, align: Any, **style: Any) -> Paragraph:
    par = para(container, align=align)
    add(par, before, **style)
    add_field(par, "PAGE", **style)
    add(par, middle, **style)
    add_field(par, "NUMPAGES", **style)
    return par


def box(checked: bool) -> str:
    return "☒" if checked else "☐"


def header_par(doc: DocxDocument) -> Paragraph:
    """The (empty) first paragraph of the page header, restyled as Normal so that the
    template's Header style tab stops (centre, right) do not catch the tabs set here."""
    par = doc.sections[0].header.paragraphs[0]
    par.style = doc.styles["Normal"]
    return par


def footer_par(doc: DocxDocument) -> Paragraph:
    par = doc.sections[0].footer.paragraphs[0]
    par.style = doc.styles["Normal"]
    return par


def drop_first_paragraph(container: Any) -> None:
    """A new document, header, footer or cell starts with an empty paragraph; remove it once
    a table or another paragraph follows, so the page starts with that."""
    if not container.paragraphs:
        return
    first = container.paragraphs[0]
    following = first._p.getnext()
    if not first.runs and following is not None and following.tag != qn("w:sectPr"):
        first._p.getparent().remove(first._p)


# --------------------------------------------------------------------------------------
# Invoice layouts
# --------------------------------------------------------------------------------------

KIND_UNIT_DE = {
    "labor": "Std.",
    "travel": "Std.",
    "part": "Stk.",
    "fee": "psch.",
    "credit": "psch.",
}


def de_handwerker(case: Case) -> DocxDocument:
    """German/Austrian craftsman's invoice after DIN 5008: letterhead in the page header,
    the sender line above the window address, an info block beside it, a position table
    with only horizontal rules and a three-column footer with the bank details."""
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    at = region == "AT"
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("Liberation Sans", 10, margins=(4.2, 2.0, 3.2, 2.5))
    width = text_width(doc)
    accent = "7A1F1F" if at else "1F3A5F"

    head = header_par(doc)
    setup_para(head, RIGHT)
    add(head, me.name, bold=True, size=17, color=accent)
    trade = pick(me.name, ["Kälte · Klima · Lüftung", "Pumpen- und Antriebstechnik", "Haustechnik"])
    para(doc.sections[0].header, trade, align=RIGHT, size=8.5, italic=True, color="555555")
    para(
        doc.sections[0].header,
        f"{me.street} · {me.town} · Tel. {me.phone}",
        align=RIGHT,
        size=8,
        space_before=2,
    )

    top = grid(doc, 1, [9.0, width - 9.0])
    left, right = top.rows[0].cells
    put(left, f"{me.name} · {me.street} · {me.town}", size=7, underline=True, space_after=6)
    addr = [cust.name, "z. Hd. Technische Leitung" if not at else "Haustechnik", cust.street]
    put(left, "\n".join([*addr, cust.town]), size=10)
    completed = day_of(rep["completed_at"])
    issued = day_of(inv["date"])
    info = [
        ("Rechnungs-Nr.", inv["number"]),
        ("Rechnungsdatum", dmy(issued, ".")),
        ("Kunden-Nr.", case["customer"]["id"]),
        ("Auftrags-Nr.", rep["work_order_id"]),
    ]
    if inv["po_number"]:
        info.append(("Ihre Bestellung", inv["po_number"]))
    info.append(("Leistungsdatum", dmy(completed, ".")))
    info.append(("Bearbeiter", pick(me.name + "clerk", ["Fr. Wolff", "Hr. Sommer", "Fr. Aydin"])))
    right_tab = width - 9.0 - 0.4
    for label, value in info:
        par = right.paragraphs[0] if not right.paragraphs[0].runs else right.add_paragraph()
        setup_para(par, tabs=[(right_tab, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)])
        add(par, f"{label}:", size=9)
        add(par, f"\t{value}", size=9)

    if at:
        town = me.town.split(" ", 1)[1]
        para(
            doc,
            f"{town}, am {issued.day}. {month('at', issued)} {issued.year}",
            align=RIGHT,
            space_before=14,
        )
    para(doc, f"Rechnung Nr. {inv['number']}", bold=True, size=14, space_before=18, space_after=8)
    para(doc, "Sehr geehrte Damen und Herren,", space_after=4)
    para(
        doc,
        f"für die im Rahmen des Auftrags {rep['work_order_id']} ausgeführten Arbeiten erlauben "
        "wir uns, Ihnen folgende Leistungen in Rechnung zu stellen:",
        space_after=10,
    )

    widths = [1.1, 1.6, 1.5, width - 1.1 - 1.6 - 1.5 - 2.7 - 2.9, 2.7, 2.9]
    lines = inv["lines"]
    table = grid(doc, len(lines) + 1, widths)
    heads = ["Pos.", "Menge", "Einheit", "Bezeichnung", "Einzelpreis €", "Gesamtpreis €"]
    for i, (cell, text) in enumerate(zip(table.rows[0].cells, heads, strict=True)):
        put(cell, text, bold=True, size=9, align=RIGHT if i in (1, 4, 5) else LEFT)
        cell_borders(cell, bottom=(10, "000000"))
    repeat_header(table)
    for n, line in enumerate(lines, start=1):
        cells = table.rows[n].cells
        hours = line["kind"] in ("labor", "travel")
        qty = DE_NUM(line["qty"], 2) if hours else DE_NUM.qty(line["qty"])
        put(cells[0], f"{n}", size=9)
        put(cells[1], qty, size=9, align=RIGHT)
        put(cells[2], KIND_UNIT_DE[line["kind"]], size=9)
        put(cells[3], line["description"], size=9)
        if line["sku"]:
            put(cells[3], f"Art.-Nr. {line['sku']}", size=7.5, color="444444")
        put(cells[4], DE_NUM(line["unit_price"]), size=9, align=RIGHT)
        put(cells[5], DE_NUM(line["amount"]), size=9, align=RIGHT)
        for cell in cells:
            cell_borders(cell, bottom=HAIR)

    cur = "EUR" if at else "€"

    def money(value: float) -> str:
        return f"{cur} {DE_NUM(value)}" if at else f"{DE_NUM(value)} {cur}"

    label_tab = [
        (width - 7.5, WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.SPACES),
        (width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES),
    ]
    para(doc, f"\tSumme netto\t{money(inv['subtotal'])}", tabs=label_tab, space_before=8)
    para(
        doc,
        f"\tzzgl. {DE_NUM.pct(inv['tax_rate'])} % USt.\t{money(inv['tax'])}",
        tabs=label_tab,
        space_before=2,
    )
    total = para(doc, tabs=label_tab, space_before=4)
    add(total, f"\tRechnungsbetrag\t{money(inv['total'])}", bold=True, size=11)

    due = issued + timedelta(days=14)
    para(
        doc,
        f"Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum {dmy(due, '.')}. "
        f"Bitte geben Sie bei Zahlung die Rechnungsnummer an.",
        space_before=16,
    )
    para(
        doc,
        f"Die Leistung wurde am {dmy(completed, '.')} durch unseren Monteur "
        f"{rep['technician']} erbracht.",
        space_before=4,
    )
    para(doc, "Mit freundlichen Grüßen", space_before=14)
    para(doc, me.name, space_before=22)

    foot = doc.sections[0].footer
    ft = grid(foot, 1, [width / 3] * 3)
    drop_first_paragraph(foot)
    table_borders(ft, top=(6, accent))
    boss = pick(me.name + "gf", ["Thomas Reuter", "Sabine Kaiser", "Markus Egger", "Jana Vogl"])
    put(ft.rows[0].cells[0], f"{me.name}\n{me.street}\n{me.town}\nGeschäftsführer: {boss}", size=7)
    if at:
        iban = "AT61 1904 3002 3457 3201"
        bank = "Bank Austria"
        tax = f"UID-Nr.: ATU{digits(me.name, 8)}\nFN {digits(me.name + 'fn', 6)} a\nHG Wien"
    else:
        iban = "DE89 3704 0044 0532 0130 00"
        bank = "Sparkasse"
        tax = (
            f"USt-IdNr.: DE{digits(me.name, 9)}\nSteuer-Nr.: {digits(me.name + 'st', 3)}/"
            f"{digits(me.name + 'st2', 4)}/{digits(me.name + 'st3', 4)}\nAmtsgericht Essen HRB "
            f"{digits(me.name + 'hrb', 5)}"
        )
    put(ft.rows[0].cells[1], f"Bankverbindung\n{bank}\nIBAN {iban}\nBIC COBADEFFXXX", size=7)
    put(ft.rows[0].cells[2], tax, size=7)
    page_x_of_y(foot, "Seite ", " von ", CENTER, size=7)
    return doc


def ch_rechnung(case: Case) -> DocxDocument:
    """Swiss invoice: address window on the right, a shaded label column, 'MWST', amounts
    with apostrophes, and a separate page with the QR-bill receipt and payment part."""
    inv, rep = case["invoice"], case["service_report"]
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("DejaVu Sans", 9, margins=(1.8, 1.8, 2.2, 2.2))
    width = text_width(doc)

    par = header_par(doc)
    add(par, me.name, bold=True, size=12)
    para(doc.sections[0].header, f"{me.street}, {me.town}", size=8, color="555555")
    para(
        doc.sections[0].header,
        f"Telefon {me.phone} · {email_of(me.name, 'ch')}",
        size=8,
        color="555555",
    )

    first = para(doc)
    setup_para(first, space_before=36, indent=10.5)
    for i, text in enumerate(cust.lines):
        target = first if i == 0 else para(doc, indent=10.5)
        add(target, text)

    issued = day_of(inv["date"])
    town = me.town.split(" ", 1)[1]
    para(
        doc,
        f"{town}, {issued.day}. {month('de', issued)} {issued.year}",
        indent=10.5,
        space_before=20,
    )
    para(doc, "Rechnung", bold=True, size=16, space_before=20, space_after=8)

    info = [
        ("Rechnungsnummer", inv["number"]),
        ("Rechnungsdatum", dmy(issued, ".")),
        ("Auftrag", rep["work_order_id"]),
    ]
    if inv["po_number"]:
        info.append(("Ihre Referenz", inv["po_number"]))
    info += [
        ("Kundennummer", case["customer"]["id"]),
        ("Ausführung", f"{dmy(day_of(rep['completed_at']), '.')}, {rep['technician']}"),
        (
            "MWST-Nr.",
            f"CHE-{digits(me.name, 3)}.{digits(me.name + 'x', 3)}.{digits('y' + me.name, 3)} MWST",
        ),
    ]
    info_t = grid(doc, len(info), [4.0, 8.0])
    for row, (label, value) in zip(info_t.rows, info, strict=True):
        shade(row.cells[0], "EDEDED")
        put(row.cells[0], label, size=8.5)
        put(row.cells[1], value, size=8.5)
    para(doc, space_after=10)

    widths = [2.2, width - 2.2 - 1.6 - 1.6 - 2.2 - 2.4, 1.6, 1.6, 2.2, 2.4]
    lines = inv["lines"]
    table = grid(doc, len(lines) + 1, widths)
    table_borders(table, top=THIN, bottom=THIN, insideH=HAIR)
    heads = ["Art.-Nr.", "Beschreibung", "Menge", "Einh.", "Preis", "Betrag CHF"]
    for i, (cell, text) in enumerate(zip(table.rows[0].cells, heads, strict=True)):
        shade(cell, "D9D9D9")
        put(cell, text, bold=True, size=8.5, align=RIGHT if i in (2, 4, 5) else LEFT)
    units = {"labor": "h", "travel": "h", "part": "Stk", "fee": "Pauschal", "credit": "Gutschr."}
    for line, row in zip(lines, table.rows[1:], strict=True):
        cells = row.cells
        put(cells[0], line["sku"] or "", size=8.5)
        put(cells[1], line["description"], size=8.5)
        put(cells[2], CH_NUM.qty(line["qty"]), size=8.5, align=RIGHT)
        put(cells[3], units[line["kind"]], size=8.5)
        put(cells[4], CH_NUM(line["unit_price"]), size=8.5, align=RIGHT)
        put(cells[5], CH_NUM(line["amount"]), size=8.5, align=RIGHT)

    para(doc, space_after=4)  # LibreOffice joins tables that touch into one
    totals = grid(doc, 3, [5.5, 3.0], align=WD_TABLE_ALIGNMENT.RIGHT)
    rows = [
        ("Total exkl. MWST", f"CHF {CH_NUM(inv['subtotal'])}"),
        (f"MWST {CH_NUM.pct(inv['tax_rate'])} %", f"CHF {CH_NUM(inv['tax'])}"),
        ("Total inkl. MWST", f"CHF {CH_NUM(inv['total'])}"),
    ]
    for i, (row, (label, value)) in enumerate(zip(totals.rows, rows, strict=True)):
        put(row.cells[0], label, bold=i == 2, align=RIGHT)
        put(row.cells[1], value, bold=i == 2, align=RIGHT)
        if i == 2:
            for cell in row.cells:
                cell_borders(cell, top=THIN, bottom=(12, "000000"))
    para(
        doc,
        "Zahlbar innert 30 Tagen netto. Besten Dank für Ihren Auftrag.",
        space_before=14,
    )
    para(doc, "Freundliche Grüsse", space_before=12)
    para(doc, me.name, space_before=4)

    footer = footer_par(doc)
    setup_para(footer, RIGHT)
    add(footer, f"{inv['number']} · Seite ", size=7)
    add_field(footer, "PAGE", size=7)
    add(footer, "/", size=7)
    add_field(footer, "NUMPAGES", size=7)

    brk = para(doc)
    brk.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "Zahlteil / Empfangsschein", bold=True, size=11, space_after=6)
    qr = grid(doc, 1, [6.2, width - 6.2])
    table_borders(qr, top=(4, "000000"), insideV=(4, "000000"))
    min_height(qr, 0, 10.5)
    iban = "CH93 0076 2011 6238 5295 7"
    amount = QR_NUM(inv["total"])
    receipt = (
        f"Empfangsschein\n\nKonto / Zahlbar an\n{iban}\n{me.name}\n{me.street}\n{me.town}\n\n"
        f"Zahlbar durch\n{cust.name}\n{cust.street}\n{cust.town}\n\nWährung     Betrag\n"
        f"CHF           {amount}\n\nAnnahmestelle"
    )
    put(qr.rows[0].cells[0], receipt, size=8)
    payment = (
        f"Zahlteil\n\n[ Swiss QR Code ]\n\nWährung     Betrag\nCHF           {amount}\n\n"
        f"Konto / Zahlbar an\n{iban}\n{me.name}\n{me.town}\n\nZusätzliche Informationen\n"
        f"Rechnung {inv['number']} / Auftrag {rep['work_order_id']}\n\nZahlbar durch\n"
        f"{cust.name}\n{cust.street}\n{cust.town}"
    )
    put(qr.rows[0].cells[1], payment, size=8)
    return doc


FR_CGV = [
    (
        "Objet",
        "Les présentes conditions s'appliquent à toutes les interventions de maintenance, de "
        "dépannage et d'installation réalisées par la société. Toute commande implique "
        "l'acceptation sans réserve des présentes conditions.",
    ),
    (
        "Tarifs",
        "Les interventions sont facturées au temps passé sur site, par tranche d'une demi-heure, "
        "au tarif horaire en vigueur au jour de l'intervention. Les frais de déplacement sont "
        "facturés selon la durée du trajet. Les pièces sont facturées au prix du tarif en "
        "vigueur. Les prix s'entendent hors taxes.",
    ),
    (
        "Délais d'intervention",
        "Les délais d'intervention sont donnés à titre indicatif. Un retard ne peut donner lieu "
        "à pénalité ou indemnité que s'il est prévu au contrat de maintenance.",
    ),
    (
        "Garantie",
        "Les pièces remplacées sont garanties douze mois à compter de la date d'intervention, "
        "hors usure normale, mauvaise utilisation ou intervention d'un tiers. La garantie est "
        "limitée au remplacement de la pièce reconnue défectueuse.",
    ),
    (
        "Conditions de paiement",
        "Les factures sont payables à trente jours date de facture, sans escompte. Tout retard "
        "de paiement entraîne de plein droit l'application de pénalités égales à trois fois le "
        "taux d'intérêt légal ainsi qu'une indemnité forfaitaire pour frais de recouvrement de "
        "quarante euros (article L. 441-10 du Code de commerce).",
    ),
    (
        "Réserve de propriété",
        "Les pièces fournies restent la propriété de la société jusqu'au paiement intégral de "
        "leur prix. Le client en supporte les risques dès leur installation.",
    ),
    (
        "Réclamations",
        "Toute réclamation relative à une intervention doit être formulée par écrit dans un "
        "délai de huit jours suivant l'intervention.",
    ),
    (
        "Litiges",
        "En cas de litige, et à défaut d'accord amiable, le tribunal de commerce du siège de la "
        "société est seul compétent.",
    ),
]


def fr_facture(case: Case) -> DocxDocument:
    """French (and Swiss-French) facture: company block and title side by side, the client
    in a framed box, a fully ruled 'Désignation / Qté / P.U. HT / Total HT' table whose
    reference column codes labour (MO) and travel (DEPL), 'Net à payer', and in France the
    general terms of sale on a second page."""
    inv, rep = case["invoice"], case["service_report"]
    swiss = case["customer"]["region"] == "CH"
    num = CH_NUM if swiss else FR_NUM
    cur = "CHF" if swiss else "€"
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("Liberation Serif", 10.5, margins=(1.6, 1.8, 2.4, 1.8))
    width = text_width(doc)
    issued = day_of(inv["date"])
    fmt_day = (lambda d: dmy(d, ".")) if swiss else (lambda d: dmy(d, "/"))

    def money(value: float) -> str:
        return f"{cur} {num(value)}" if swiss else f"{num(value)} {cur}"

    top = grid(doc, 1, [width * 0.55, width * 0.45])
    left, right = top.rows[0].cells
    put(left, me.name.upper(), bold=True, size=13)
    if swiss:
        ide = f"{digits(me.name, 3)}.{digits(me.name + 'i', 3)}.{digits(me.name + 'j', 3)}"
        ids = f"IDE CHE-{ide} TVA"
    else:
        siren = digits(me.name, 9)
        ids = (
            f"SIRET {siren[:3]} {siren[3:6]} {siren[6:]} {digits(me.name + 's', 5)}\n"
            f"N° TVA intracom. FR{digits(me.name + 'k', 2)} {siren}"
        )
    put(left, f"{me.street}\n{me.town}\nTél. {me.phone}\n{ids}", size=9)
    put(right, "FACTURE", bold=True, size=22, align=RIGHT, color="2E4A7D")
    put(right, f"N° {inv['number']}", bold=True, size=11, align=RIGHT)
    put(right, f"Date : {fmt_day(issued)}", align=RIGHT)

    client = grid(doc, 1, [8.2], style="Table Grid", align=WD_TABLE_ALIGNMENT.RIGHT)
    put(client.rows[0].cells[0], "Client", italic=True, size=9, color="555555")
    put(client.rows[0].cells[0], "\n".join(cust.lines), size=10.5)
    put(client.rows[0].cells[0], f"Code client : {case['customer']['id']}", size=9)
    para(doc, space_after=6)

    refs = para(doc, space_before=8, space_after=8)
    add(refs, "Intervention : ", bold=True)
    add(refs, rep["work_order_id"])
    add(refs, "   Date d'intervention : ", bold=True)
    add(refs, fmt_day(day_of(rep["completed_at"])))
    if inv["po_number"]:
        add(refs, "   Bon de commande : ", bold=True)
        add(refs, inv["po_number"])

    codes = {"labor": "MO", "travel": "DEPL", "fee": "FORF", "credit": "AVOIR"}
    units = {"labor": "h", "travel": "h", "part": "u", "fee": "forfait", "credit": "forfait"}
    widths = [2.0, width - 2.0 - 1.4 - 1.7 - 2.4 - 2.6, 1.4, 1.7, 2.4, 2.6]
    lines = inv["lines"]
    table = grid(doc, len(lines) + 1, widths, style="Table Grid")
    heads = ["Réf.", "Désignation", "Qté", "Unité", f"P.U. HT ({cur})", f"Total HT ({cur})"]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        shade(cell, "DCE3F0")
        put(cell, text, bold=True, size=9.5, align=CENTER)
    for line, row in zip(lines, table.rows[1:], strict=True):
        cells = row.cells
        put(cells[0], line["sku"] or codes[line["kind"]], size=9.5)
        put(cells[1], line["description"], size=9.5)
        put(cells[2], num.qty(line["qty"]), size=9.5, align=RIGHT)
        put(cells[3], units[line["kind"]], size=9.5, align=CENTER)
        put(cells[4], num(line["unit_price"]), size=9.5, align=RIGHT)
        put(cells[5], num(line["amount"]), size=9.5, align=RIGHT)

    para(doc, space_after=6)
    totals = grid(doc, 4, [4.6, 3.2], style="Table Grid", align=WD_TABLE_ALIGNMENT.RIGHT)
    rows = [
        ("Total HT", money(inv["subtotal"])),
        (f"TVA {num.pct(inv['tax_rate'])} %", money(inv["tax"])),
        ("Total TTC", money(inv["total"])),
        ("Net à payer", money(inv["total"])),
    ]
    for i, (row, (label, value)) in enumerate(zip(totals.rows, rows, strict=True)):
        put(row.cells[0], label, bold=i == 3)
        put(row.cells[1], value, bold=i == 3, align=RIGHT)
        if i == 3:
            shade(row.cells[0], "DCE3F0")
            shade(row.cells[1], "DCE3F0")

    due = issued + timedelta(days=30)
    para(
        doc,
        f"Date d'échéance : {fmt_day(due)} — Règlement par virement bancaire.",
        space_before=14,
    )
    if not swiss:
        para(
            doc,
            "Pas d'escompte pour paiement anticipé. En cas de retard de paiement, des pénalités "
            "au taux de trois fois le taux d'intérêt légal seront exigibles, ainsi qu'une "
            "indemnité forfaitaire pour frais de recouvrement de 40 €.",
            size=8.5,
            italic=True,
            space_before=6,
        )
        # French firms print their general terms of sale on the back of the invoice
        para(doc).add_run().add_break(WD_BREAK.PAGE)
        para(doc, "CONDITIONS GÉNÉRALES DE VENTE ET D'INTERVENTION", bold=True, size=11)
        for k, (title, body) in enumerate(FR_CGV, start=1):
            para(doc, f"Article {k} — {title}", bold=True, size=9, space_before=8, space_after=2)
            para(doc, body, size=8.5, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    footer = footer_par(doc)
    setup_para(footer, CENTER)
    if swiss:
        legal = f"{me.name} — IBAN CH93 0076 2011 6238 5295 7"
    else:
        legal = (
            f"{me.name} — SARL au capital de 20 000 € — RCS Lyon {digits(me.name, 9)} — "
            "IBAN FR76 3000 6000 0112 3456 7890 189"
        )
    add(footer, legal, size=7.5)
    page_x_of_y(doc.sections[0].footer, "Page ", " sur ", CENTER, size=7.5)
    return doc


def nl_factuur(case: Case) -> DocxDocument:
    """Dutch factuur: coloured title, client on the left and a shaded details table on the
    right, 'Omschrijving / Aantal / Prijs / Bedrag' with a coloured header row and euro
    signs in front, the payment request with the IBAN, KvK and BTW numbers in the footer."""
    inv, rep = case["invoice"], case["service_report"]
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("DejaVu Sans Condensed", 9.5, margins=(2.0, 2.0, 2.2, 2.0))
    width = text_width(doc)
    teal = "00707A"
    issued = day_of(inv["date"])

    def long_day(d: date) -> str:
        return f"{d.day} {month('nl', d)} {d.year}"

    def euro(value: float) -> str:
        return f"€ {NL_NUM(value)}"

    head = grid(doc.sections[0].header, 1, [width / 2, width / 2])
    drop_first_paragraph(doc.sections[0].header)
    put(head.rows[0].cells[0], me.name, bold=True, size=14, color=teal)
    put(head.rows[0].cells[0], f"{me.street}\n{me.town}\nT {me.phone}", size=8)
    put(head.rows[0].cells[1], "FACTUUR", bold=True, size=24, color=teal, align=RIGHT)
    para(doc.sections[0].header, size=4)

    top = grid(doc, 1, [width - 8.5, 8.5])
    put(top.rows[0].cells[0], "Factuur aan", bold=True, size=8, color=teal)
    put(
        top.rows[0].cells[0],
        "\n".join([cust.name, "t.a.v. crediteurenadministratie", cust.street, cust.town]),
    )
    details = [
        ("Factuurnummer", inv["number"]),
        ("Factuurdatum", long_day(issued)),
        ("Vervaldatum", long_day(issued + timedelta(days=30))),
        ("Klantnummer", case["customer"]["id"]),
        ("Werkbon", rep["work_order_id"]),
    ]
    if inv["po_number"]:
        details.append(("Uw inkoopnummer", inv["po_number"]))
    inner = top.rows[0].cells[1].add_table(rows=len(details), cols=2)
    drop_first_paragraph(top.rows[0].cells[1])
    for row, (label, value) in zip(inner.rows, details, strict=True):
        shade(row.cells[0], "E0F0F1")
        put(row.cells[0], label, size=8.5, bold=True)
        put(row.cells[1], value, size=8.5)
    para(doc, space_after=14)

    widths = [width - 2.4 - 2.6 - 2.8, 2.4, 2.6, 2.8]
    lines = inv["lines"]
    table = grid(doc, len(lines) + 1, widths)
    table_borders(table, bottom=(8, teal), insideH=(2, "B0B0B0"))
    for i, (cell, text) in enumerate(
        zip(table.rows[0].cells, ["Omschrijving", "Aantal", "Prijs", "Bedrag"], strict=True)
    ):
        shade(cell, teal)
        put(cell, text, bold=True, color="FFFFFF", align=LEFT if i == 0 else RIGHT)
    for line, row in zip(lines, table.rows[1:], strict=True):
        cells = row.cells
        put(cells[0], line["description"])
        if line["sku"]:
            put(cells[0], f"Artikelnr. {line['sku']}", size=8, color="555555")
        unit = {"labor": " uur", "travel": " uur", "part": " st."}.get(line["kind"], "")
        put(cells[1], NL_NUM.qty(line["qty"]) + unit, align=RIGHT)
        put(cells[2], euro(line["unit_price"]), align=RIGHT)
        put(cells[3], euro(line["amount"]), align=RIGHT)

    tabs = [
        (width - 6.0, WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.SPACES),
        (width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES),
    ]
    para(doc, f"\tSubtotaal\t{euro(inv['subtotal'])}", tabs=tabs, space_before=10)
    para(
        doc, f"\tBTW {NL_NUM.pct(inv['tax_rate'])}%\t{euro(inv['tax'])}", tabs=tabs, space_before=2
    )
    total = para(doc, tabs=tabs, space_before=4)
    add(total, f"\tTotaal\t{euro(inv['total'])}", bold=True, size=11, color=teal)

    para(
        doc,
        f"Wij verzoeken u het totaalbedrag vóór {long_day(issued + timedelta(days=30))} over te "
        f"maken op rekeningnummer NL91 ABNA 0417 1643 00 t.n.v. {me.name}, onder vermelding "
        f"van factuurnummer {inv['number']}.",
        space_before=18,
    )
    para(
        doc,
        f"Werkzaamheden uitgevoerd door {rep['technician']} op "
        f"{dmy(day_of(rep['completed_at']), '-')}.",
        space_before=6,
        size=8.5,
        color="555555",
    )
    footer = footer_par(doc)
    setup_para(footer, CENTER)
    para_border(footer, top=(4, teal))
    add(
        footer,
        f"{me.name}  |  KvK {digits(me.name, 8)}  |  BTW NL{digits(me.name + 'b', 9)}B01  |  "
        "IBAN NL91 ABNA 0417 1643 00",
        size=7.5,
    )
    page_x_of_y(doc.sections[0].footer, "Pagina ", " van ", CENTER, size=7.5)
    return doc


def gb_tabbed(case: Case) -> DocxDocument:
    """A UK sole trader's invoice typed without a single table: every column is a tab stop
    (right-aligned quantities, decimal-aligned money), ordinal dates, BACS details."""
    inv, rep = case["invoice"], case["service_report"]
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("Liberation Serif", 11, margins=(1.8, 2.0, 2.2, 2.0))
    width = text_width(doc)
    issued = day_of(inv["date"])

    def pounds(value: float) -> str:
        return f"-£{EN_NUM(-value)}" if value < 0 else f"£{EN_NUM(value)}"

    first = para(doc)
    setup_para(first, CENTER)
    add(first, me.name, bold=True, size=20)
    para(doc, f"{me.street}, {me.town}", align=CENTER, size=9.5)
    rule = para(doc, f"Tel {me.phone}  ·  {email_of(me.name, 'co.uk')}", align=CENTER, size=9.5)
    para_border(rule, bottom=(6, "000000"))
    para(doc, "INVOICE", bold=True, size=16, space_before=14, space_after=10)

    right = [(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)]
    left_col = ["Invoice to:", *cust.lines]
    right_col = [
        f"Invoice no: {inv['number']}",
        f"Date: {ordinal(issued.day)} {month('en', issued)} {issued.year}",
        f"Job ref: {rep['work_order_id']}",
    ]
    if inv["po_number"]:
        right_col.append(f"Your order no: {inv['po_number']}")
    for i in range(max(len(left_col), len(right_col))):
        par = para(doc, tabs=right)
        add(par, left_col[i] if i < len(left_col) else "", bold=i == 0)
        add(par, "\t" + (right_col[i] if i < len(right_col) else ""))

    completed = day_of(rep["completed_at"])
    para(
        doc,
        f"Work carried out by {rep['technician']} on {ordinal(completed.day)} "
        f"{month('en', completed)} {completed.year}:",
        space_before=16,
        space_after=6,
        italic=True,
    )
    cols = [
        (width - 6.6, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES),
        (width - 3.6, WD_TAB_ALIGNMENT.DECIMAL, WD_TAB_LEADER.SPACES),
        (width - 0.9, WD_TAB_ALIGNMENT.DECIMAL, WD_TAB_LEADER.SPACES),
    ]
    head = para(doc, tabs=cols, space_after=4)
    add(head, "Description\tQty\tRate\tAmount", bold=True)
    para_border(head, bottom=(4, "000000"))
    for line in inv["lines"]:
        desc = line["description"]
        if line["sku"]:
            desc = f"{desc} (part no. {line['sku']})"
        hours = line["kind"] in ("labor", "travel")
        qty = f"{EN_NUM(line['qty'], 2)} hrs" if hours else EN_NUM.qty(line["qty"])
        par = para(doc, tabs=cols, space_after=3)
        add(par, f"{desc}\t{qty}\t{pounds(line['unit_price'])}\t{pounds(line['amount'])}")

    sums = [
        (width - 3.6, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES),
        (width - 0.9, WD_TAB_ALIGNMENT.DECIMAL, WD_TAB_LEADER.SPACES),
    ]
    sub = para(doc, tabs=sums, space_before=8)
    para_border(sub, top=(4, "000000"))
    add(sub, f"\tNet total\t{pounds(inv['subtotal'])}")
    para(doc, f"\tVAT @ {EN_NUM.pct(inv['tax_rate'])}%\t{pounds(inv['tax'])}", tabs=sums)
    total = para(doc, tabs=sums, space_before=4)
    add(total, f"\tTOTAL DUE\t{pounds(inv['total'])}", bold=True, size=12)

    para(doc, "Payment", bold=True, space_before=20)
    para(
        doc,
        "Payment within 14 days please, by bank transfer (BACS) to:",
        space_after=4,
    )
    details = [(3.5, WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.SPACES)]
    acct = digits(me.name, 8)
    for label, value in (
        ("Account name", me.name),
        (
            "Sort code",
            f"{digits(me.name + 'sc', 2)}-{digits(me.name + 'sd', 2)}-{digits(me.name + 'se', 2)}",
        ),
        ("Account no", acct),
        ("Reference", inv["number"]),
    ):
        para(doc, f"{label}\t{value}", tabs=details, size=10)
    para(doc, "Many thanks for your custom.", italic=True, space_before=14)

    footer = footer_par(doc)
    setup_para(footer, CENTER)
    vat = digits(me.name + "vat", 9)
    add(
        footer,
        f"VAT Reg. No. GB {vat[:3]} {vat[3:7]} {vat[7:]}  ·  Registered in England & Wales "
        f"No. {digits(me.name + 'co', 8)}",
        size=8,
    )
    page_x_of_y(doc.sections[0].footer, "Page ", " of ", CENTER, size=8)
    return doc


def us_template(case: Case) -> DocxDocument:
    """US service-invoice template: big grey INVOICE, a shaded four-cell reference strip,
    'Bill To / Ship To' side by side, an item grid with a dark header, and a totals block
    merged with a comments box; credits in accounting parentheses."""
    inv, rep = case["invoice"], case["service_report"]
    region = case["customer"]["region"]
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("Liberation Sans", 9.5, margins=(1.5, 1.6, 2.0, 1.6))
    width = text_width(doc)
    navy, pale = "1F3864", "D9E2F3"
    issued = day_of(inv["date"])

    def acct(value: float) -> str:
        return f"({EN_NUM(-value)})" if value < 0 else EN_NUM(value)

    top = grid(doc, 1, [width * 0.6, width * 0.4])
    put(top.rows[0].cells[0], me.name, bold=True, size=16, color=navy)
    put(
        top.rows[0].cells[0],
        f"{me.street}\n{me.town}\nPhone {me.phone}\n{email_of(me.name, 'com')}",
        size=9,
    )
    put(top.rows[0].cells[1], "INVOICE", bold=True, size=26, color="8C8C8C", align=RIGHT)
    para(doc, space_after=6)

    refs = grid(doc, 2, [width / 4] * 4, style="Table Grid")
    heads = ["DATE", "INVOICE #", "P.O. NUMBER", "WORK ORDER"]
    values = [us_date(issued), inv["number"], inv["po_number"] or "", rep["work_order_id"]]
    for cell, text in zip(refs.rows[0].cells, heads, strict=True):
        shade(cell, pale)
        put(cell, text, bold=True, size=8, align=CENTER)
    for cell, text in zip(refs.rows[1].cells, values, strict=True):
        put(cell, text, align=CENTER)
    para(doc, space_after=6)

    parties = grid(doc, 2, [width / 2 - 0.2, 0.4, width / 2 - 0.2])
    for i, title in ((0, "BILL TO"), (2, "SHIP TO / SERVICE LOCATION")):
        shade(parties.rows[0].cells[i], navy)
        put(parties.rows[0].cells[i], title, bold=True, size=8.5, color="FFFFFF")
    put(parties.rows[1].cells[0], "\n".join([*cust.lines, f"Customer ID {case['customer']['id']}"]))
    site = party(cust.name, region, "site")
    put(
        parties.rows[1].cells[2],
        "\n".join([cust.name, "Attn: Facilities / Maintenance", site.street, site.town]),
    )
    para(doc, space_after=8)

    widths = [2.4, width - 2.4 - 2.2 - 2.3 - 2.6, 2.2, 2.3, 2.6]
    lines = inv["lines"]
    items = grid(doc, len(lines) + 1 + 4, widths, style="Table Grid")
    for i, (cell, text) in enumerate(
        zip(
            items.rows[0].cells, ["ITEM", "DESCRIPTION", "QTY / HRS", "RATE", "AMOUNT"], strict=True
        )
    ):
        shade(cell, navy)
        put(cell, text, bold=True, size=8.5, color="FFFFFF", align=RIGHT if i >= 2 else LEFT)
    names = {"labor": "Labor", "travel": "Travel", "fee": "Service fee", "credit": "Credit"}
    for line, row in zip(lines, items.rows[1 : len(lines) + 1], strict=True):
        cells = row.cells
        put(cells[0], line["sku"] or names[line["kind"]])
        put(cells[1], line["description"])
        put(cells[2], EN_NUM.qty(line["qty"]), align=RIGHT)
        put(cells[3], acct(line["unit_price"]), align=RIGHT)
        put(cells[4], acct(line["amount"]), align=RIGHT)
    base = len(lines) + 1
    comment = items.cell(base, 0).merge(items.cell(base + 3, 2))
    put(comment, "Comments / Terms", bold=True, size=8.5)
    due = issued + timedelta(days=30)
    put(
        comment,
        f"Net 30 — payment due {us_date(due)}. Please make checks payable to {me.name} "
        "and write the invoice number on your check.",
        size=8.5,
    )
    summary = [
        ("SUBTOTAL", f"${EN_NUM(inv['subtotal'])}"),
        ("TAX RATE", f"{EN_NUM.pct(inv['tax_rate'])}%"),
        ("SALES TAX", f"${EN_NUM(inv['tax'])}"),
        ("TOTAL", f"${EN_NUM(inv['total'])}"),
    ]
    for k, (label, value) in enumerate(summary):
        put(items.cell(base + k, 3), label, bold=True, size=8.5, align=RIGHT)
        put(items.cell(base + k, 4), value, bold=k == 3, align=RIGHT)
        if k == 3:
            shade(items.cell(base + k, 3), pale)
            shade(items.cell(base + k, 4), pale)

    para(doc, "Thank you for your business!", bold=True, italic=True, align=CENTER, space_before=18)
    footer = footer_par(doc)
    setup_para(footer, CENTER)
    add(
        footer,
        f"Questions about this invoice? Call {me.phone}  ·  EIN {digits(me.name, 2)}-"
        f"{digits(me.name + 'e', 7)}",
        size=7.5,
        color="666666",
    )
    page_x_of_y(doc.sections[0].footer, "Page ", " of ", CENTER, size=7.5, color="666666")
    return doc


# --------------------------------------------------------------------------------------
# Service report layouts
# --------------------------------------------------------------------------------------


def form_report(case: Case) -> DocxDocument:
    """An English Word form of label/value rows: shaded labels, service type as a row of
    ballot boxes, times with their UTC offset, a parts grid and a yes/no signature box."""
    rep = case["service_report"]
    region = case["customer"]["region"]
    us = region in US_REGIONS
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("DejaVu Sans", 9, margins=(2.2, 1.8, 2.0, 1.8))
    width = text_width(doc)
    grey = "E7E6E6"

    def when(iso: str) -> str:
        ts = stamp_of(iso)
        shown = (
            f"{us_date(ts.date(), pad=True)} {clock12(ts)}"
            if us
            else f"{dmy(ts.date(), '/')} {hm(ts)}"
        )
        return f"{shown} ({utc_offset(ts)})"

    head = header_par(doc)
    setup_para(head, tabs=[(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)])
    add(head, me.name, bold=True, size=11)
    add(head, "\tSERVICE REPORT" if us else "\tENGINEER'S SERVICE REPORT", bold=True, size=11)
    para_border(head, bottom=(8, "000000"))

    labels = ("Work order #", "Technician") if us else ("Job / work order no.", "Engineer")
    types = SERVICE_NAMES["en" if us else "gb"]
    half = width / 2
    widths = [3.6, half - 3.6, 3.6, half - 3.6]
    rows: list[list[str]] = [
        [labels[0], rep["work_order_id"], labels[1], rep["technician"]],
        ["Customer", cust.name, "Account no.", case["customer"]["id"]],
        ["Site address", f"{cust.street}, {cust.town}", "Asset", case["asset"]["model"]],
        ["Call received", when(rep["reported_at"]), "Arrived on site", when(rep["arrived_at"])],
        ["Job completed", when(rep["completed_at"])],
        [
            "Labor hours" if us else "Labour hours",
            EN_NUM(rep["labor_hours"], 2),
            "Travel hours",
            EN_NUM(rep["travel_hours"], 2),
        ],
        ["Type of visit"],
    ]
    form = grid(doc, len(rows), widths, style="Table Grid")
    for r, values in enumerate(rows):
        if len(values) < 4:
            form.cell(r, 1).merge(form.cell(r, 3))
        for i, text in enumerate(values):
            cell = form.cell(r, i)
            if i % 2 == 0:
                shade(cell, grey)
                put(cell, text, bold=True, size=8.5)
            else:
                put(cell, text)
    par = form.cell(len(rows) - 1, 1).paragraphs[0]
    for key, name in types.items():
        add(par, box(key == rep["service_type"]), font=SYMBOL_FONT, size=10)
        add(par, f" {name}    ")

    para(doc, "Parts used", bold=True, space_before=12, space_after=3)
    parts = rep["parts"]
    pt = grid(doc, max(len(parts), 1) + 1, [3.2, width - 3.2 - 2.0, 2.0], style="Table Grid")
    for cell, text in zip(pt.rows[0].cells, ["Part no.", "Description", "Qty"], strict=True):
        shade(cell, grey)
        put(cell, text, bold=True, size=8.5)
    if not parts:
        put(pt.rows[1].cells[1], "No parts used", italic=True, color="777777")
    for part, row in zip(parts, pt.rows[1:], strict=False):
        put(row.cells[0], part["sku"])
        put(row.cells[1], part["description"])
        put(row.cells[2], EN_NUM.qty(part["qty"]), align=RIGHT)

    para(doc, "Work carried out / comments", bold=True, space_before=12, space_after=3)
    notes = grid(doc, 1, [width], style="Table Grid")
    min_height(notes, 0, 4.0)
    put(notes.rows[0].cells[0], rep["notes"].strip())

    signed = bool(rep["customer_signature"])
    sig = para(doc, space_before=14)
    add(sig, "Customer signature obtained:  ", bold=True)
    add(sig, box(signed), font=SYMBOL_FONT, size=11)
    add(sig, " Yes    ")
    add(sig, box(not signed), font=SYMBOL_FONT, size=11)
    add(sig, " No")
    para(
        doc,
        "Customer name (print): ______________________    Date: ______________",
        space_before=10,
    )

    footer = footer_par(doc)
    setup_para(footer, tabs=[(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)])
    add(footer, "Form SR-3 rev. 4  ·  white copy: office / yellow copy: customer", size=7)
    add(footer, "\tPage ", size=7)
    add_field(footer, "PAGE", size=7)
    add(footer, " of ", size=7)
    add_field(footer, "NUMPAGES", size=7)
    return doc


def de_regiebericht(case: Case) -> DocxDocument:
    """German-language work report (Arbeitsbericht; 'Regiebericht' in Austria,
    'Arbeitsrapport' in Switzerland): header grid, a working-time table with 'von/bis',
    a material table with quantity first, remarks in a bordered box, signature fields."""
    rep = case["service_report"]
    region = case["customer"]["region"]
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("Liberation Sans", 9.5, margins=(1.6, 1.8, 2.0, 2.0))
    width = text_width(doc)
    num = CH_NUM if region == "CH" else DE_NUM
    title = {"AT": "Regiebericht", "CH": "Arbeitsrapport"}.get(region, "Arbeitsbericht")
    types = SERVICE_NAMES["de"]

    top = grid(doc, 1, [width - 6.5, 6.5])
    put(top.rows[0].cells[0], me.name, bold=True, size=13)
    put(top.rows[0].cells[0], f"{me.street} · {me.town} · {me.phone}", size=8)
    put(top.rows[0].cells[1], title, bold=True, size=16, align=RIGHT)
    put(top.rows[0].cells[1], f"Nr. {rep['work_order_id']}", bold=True, size=10, align=RIGHT)
    cell_borders(top.rows[0].cells[0], bottom=THICK)
    cell_borders(top.rows[0].cells[1], bottom=THICK)
    para(doc, space_after=6)

    head = grid(doc, 3, [3.2, width / 2 - 3.2, 3.2, width / 2 - 3.2], style="Table Grid")
    reported = stamp_of(rep["reported_at"])
    cells = [
        ("Auftraggeber", cust.name, "Auftrags-Nr.", rep["work_order_id"]),
        ("Einsatzort", f"{cust.street}, {cust.town}", "Monteur", rep["technician"]),
        (
            "Störungsmeldung",
            f"{dmy(reported.date(), '.')}, {hm(reported)} Uhr",
            "Anlage",
            case["asset"]["model"],
        ),
    ]
    for row, values in zip(head.rows, cells, strict=True):
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            put(cell, text, bold=i % 2 == 0, size=8.5 if i % 2 == 0 else 9.5)
    kind = para(doc, space_before=8, space_after=8)
    add(kind, "Art der Arbeiten: ", bold=True)
    add(kind, types[rep["service_type"]])

    arrived, completed = stamp_of(rep["arrived_at"]), stamp_of(rep["completed_at"])
    until = hm(completed)
    if completed.date() != arrived.date():
        until = f"{dmy(completed.date(), '.')} {until}"
    para(doc, "Arbeitszeit", bold=True, space_after=3)
    widths = [2.8, 2.2, 3.3, 3.2, 3.0]
    times = grid(doc, 2, widths, style="Table Grid")
    heads = ["Datum", "Arbeitszeit von", "bis", "Arbeitsstunden", "Fahrzeit (Std.)"]
    for cell, text in zip(times.rows[0].cells, heads, strict=True):
        shade(cell, "F2F2F2")
        put(cell, text, bold=True, size=8.5, align=CENTER)
    values = [
        dmy(arrived.date(), "."),
        hm(arrived),
        until,
        num(rep["labor_hours"], 2),
        num(rep["travel_hours"], 2),
    ]
    for cell, text in zip(times.rows[1].cells, values, strict=True):
        put(cell, text, align=CENTER)

    para(doc, "Material", bold=True, space_before=10, space_after=3)
    parts = rep["parts"]
    mat = grid(doc, max(len(parts), 2) + 1, [1.8, 1.6, 2.6, width - 6.0], style="Table Grid")
    for cell, text in zip(
        mat.rows[0].cells, ["Menge", "Einheit", "Art.-Nr.", "Bezeichnung"], strict=True
    ):
        shade(cell, "F2F2F2")
        put(cell, text, bold=True, size=8.5)
    for part, row in zip(parts, mat.rows[1:], strict=False):
        put(row.cells[0], num.qty(part["qty"]), align=RIGHT)
        put(row.cells[1], "Stk.")
        put(row.cells[2], part["sku"])
        put(row.cells[3], part["description"])

    para(doc, "Ausgeführte Arbeiten / Bemerkungen", bold=True, space_before=10, space_after=3)
    notes = rep["notes"].strip()
    frame: dict[str, Edge] = dict.fromkeys(("top", "left", "bottom", "right"), THIN)
    # consecutive paragraphs with the same border settings share one frame
    for text in [notes, *[""] * (2 if len(notes) > 150 else 4)]:
        line = para(doc, text or " ", indent=0.2)
        line.paragraph_format.right_indent = Cm(0.2)
        line.paragraph_format.line_spacing = 1.25
        para_border(line, **frame)
    para(doc, space_after=8)

    signed = bool(rep["customer_signature"])
    sig = grid(doc, 2, [(width - 1.6) / 3, 0.8, (width - 1.6) / 3, 0.8, (width - 1.6) / 3])
    place = me.town.split(" ", 1)[1]
    put(sig.cell(0, 0), f"{place}, {dmy(completed.date(), '.')}", align=CENTER)
    put(sig.cell(0, 4), "(unterschrieben)" if signed else "", italic=True, align=CENTER)
    for col, text in ((0, "Ort, Datum"), (2, "Unterschrift Monteur"), (4, "Unterschrift Kunde")):
        cell_borders(sig.cell(1, col), top=THIN)
        put(sig.cell(1, col), text, size=8, align=CENTER)
    min_height(sig, 0, 1.6)
    for col in (0, 4):
        sig.cell(0, col).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    status = para(doc, space_before=8)
    add(status, "Unterschrift Kunde: ", bold=True)
    add(status, "vorhanden" if signed else "fehlt")

    footer = footer_par(doc)
    setup_para(footer, tabs=[(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)])
    add(footer, "Original: Büro · Durchschrift: Kunde", size=7)
    add(footer, "\tSeite ", size=7)
    add_field(footer, "PAGE", size=7)
    add(footer, " von ", size=7)
    add_field(footer, "NUMPAGES", size=7)
    return doc


def fr_rapport(case: Case) -> DocxDocument:
    """French rapport d'intervention: a ruled title, client and technician side by side,
    times written the French way (8h30) on dot-leader tab stops, a parts grid, the report
    as an indented italic paragraph with a bar, and a 'Bon pour accord' signature line."""
    rep = case["service_report"]
    swiss = case["customer"]["region"] == "CH"
    num = CH_NUM if swiss else FR_NUM
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("Liberation Serif", 11, margins=(2.0, 2.2, 2.2, 2.2))
    width = text_width(doc)

    def when(iso: str) -> str:
        ts = stamp_of(iso)
        return f"{dmy(ts.date(), '.' if swiss else '/')} à {ts.hour}h{ts.minute:02d}"

    head = header_par(doc)
    setup_para(head, tabs=[(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)])
    add(head, me.name, bold=True, size=10)
    add(head, f"\t{me.town} — {me.phone}", size=9)

    title = para(doc)
    setup_para(title, CENTER, space_before=6, space_after=4)
    add(title, "RAPPORT D'INTERVENTION", bold=True, size=16)
    para_border(title, top=(12, "000000"), bottom=(12, "000000"))
    para(doc, f"N° d'intervention : {rep['work_order_id']}", align=CENTER, space_after=12)

    parties = grid(doc, 1, [width / 2, width / 2])
    put(parties.rows[0].cells[0], "Client", bold=True, underline=True)
    put(parties.rows[0].cells[0], "\n".join(cust.lines))
    put(parties.rows[0].cells[1], "Intervenant", bold=True, underline=True)
    put(parties.rows[0].cells[1], f"Technicien : {rep['technician']}\n{me.name}")
    put(parties.rows[0].cells[1], f"Équipement : {case['asset']['model']}")

    nature = para(doc, space_before=12, space_after=6)
    add(nature, "Nature de l'intervention : ", bold=True)
    add(nature, SERVICE_NAMES["fr"][rep["service_type"]])

    leader = [(11.0, WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)]
    for label, value in (
        ("Appel du client", when(rep["reported_at"])),
        ("Arrivée sur site", when(rep["arrived_at"])),
        ("Fin d'intervention", when(rep["completed_at"])),
        ("Temps passé (main d'œuvre)", f"{num.qty(rep['labor_hours'])} h"),
        ("Temps de trajet", f"{num.qty(rep['travel_hours'])} h"),
    ):
        para(doc, f"{label}\t{value}", tabs=leader, space_after=2)

    para(doc, "Pièces remplacées / fournies", bold=True, space_before=12, space_after=4)
    parts = rep["parts"]
    if parts:
        table = grid(doc, len(parts) + 1, [3.0, width - 5.5, 2.5], style="Table Grid")
        for cell, text in zip(
            table.rows[0].cells, ["Référence", "Désignation", "Quantité"], strict=True
        ):
            put(cell, text, bold=True, size=10, align=CENTER)
        for part, row in zip(parts, table.rows[1:], strict=True):
            put(row.cells[0], part["sku"])
            put(row.cells[1], part["description"])
            put(row.cells[2], num.qty(part["qty"]), align=CENTER)
    else:
        para(doc, "Aucune pièce.", italic=True)

    para(doc, "Compte rendu / observations", bold=True, space_before=12, space_after=4)
    notes = rep["notes"].strip()
    body = para(doc, notes or "—", italic=bool(notes), indent=0.5, space_after=4)
    para_border(body, left=(18, "7F7F7F"))

    signed = bool(rep["customer_signature"])
    sig = para(doc, space_before=24)
    add(sig, "Signature du client (précédée de la mention « Bon pour accord ») : ", bold=True)
    add(sig, "signé" if signed else "non signé")
    para(doc, f"Fait le {dmy(day_of(rep['completed_at']), '.' if swiss else '/')}", space_before=6)

    page_x_of_y(doc.sections[0].footer, "Page ", " sur ", RIGHT, size=8)
    drop_first_paragraph(doc.sections[0].footer)
    return doc


SAFETY_CHECKS = [
    "Lockout / tagout applied before work",
    "Area barricaded and signage posted",
    "Refrigerant / fluid leaks checked",
    "Electrical connections torqued and inspected",
    "Safety controls and interlocks tested",
    "Filters, belts and drains inspected",
    "Unit returned to normal operation",
    "Work area cleaned, debris removed",
]


def us_field_report(case: Case) -> DocxDocument:
    """US field service report: a header grid of shaded labels with times in 12-hour clock
    and the local time-zone abbreviation, hours on tab stops, a 'Work performed' paragraph,
    a parts grid, a safety checklist and a signature line marked signed or not signed."""
    rep = case["service_report"]
    region = case["customer"]["region"]
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("Liberation Sans Narrow", 10.5, margins=(1.8, 1.8, 2.0, 1.8))
    width = text_width(doc)
    shade_fill = "DDEBF7"

    def when(iso: str) -> str:
        ts = stamp_of(iso)
        return f"{us_date(ts.date())} {clock12(ts)} {us_zone(region, ts)}".strip()

    head = header_par(doc)
    setup_para(head, tabs=[(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)])
    add(head, me.name.upper(), bold=True, size=12, color="C00000")
    add(head, "\tFIELD SERVICE REPORT", bold=True, size=12)
    para(doc.sections[0].header, f"{me.street}, {me.town}  ·  {me.phone}", size=8.5)

    widths = [2.6, width / 3 - 2.6] * 3
    hdr = grid(doc, 3, widths, style="Table Grid")
    entries = [
        [("Work Order #", rep["work_order_id"]), ("Technician", rep["technician"]),
         ("Call Type", SERVICE_NAMES["en"][rep["service_type"]])],
        [("Customer", cust.name), ("Site", f"{cust.street}, {cust.town}"),
         ("Equipment", case["asset"]["model"])],
        [("Call Received", when(rep["reported_at"])), ("On Site", when(rep["arrived_at"])),
         ("Completed", when(rep["completed_at"]))],
    ]  # fmt: skip
    for row, triple in zip(hdr.rows, entries, strict=True):
        for k, (label, value) in enumerate(triple):
            shade(row.cells[2 * k], shade_fill)
            put(row.cells[2 * k], label, bold=True, size=9)
            put(row.cells[2 * k + 1], value, size=9.5)

    hours = para(
        doc,
        tabs=[(4.5, WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.SPACES)],
        space_before=10,
    )
    add(hours, "Labor: ", bold=True)
    add(hours, f"{EN_NUM(rep['labor_hours'], 2)} hrs\t")
    add(hours, "Travel: ", bold=True)
    add(hours, f"{EN_NUM(rep['travel_hours'], 2)} hrs")

    heading = para(doc, "WORK PERFORMED", bold=True, space_before=12, space_after=4, color="C00000")
    para_border(heading, bottom=(6, "C00000"))
    notes = rep["notes"].strip()
    para(doc, notes, space_after=4)
    para_border(para(doc), bottom=HAIR)
    para_border(para(doc), bottom=HAIR)

    heading = para(
        doc, "PARTS / MATERIALS", bold=True, space_before=12, space_after=4, color="C00000"
    )
    para_border(heading, bottom=(6, "C00000"))
    parts = rep["parts"]
    pt = grid(doc, len(parts) + 1, [3.0, width - 5.0, 2.0], style="Table Grid")
    for cell, text in zip(pt.rows[0].cells, ["Part #", "Description", "Qty"], strict=True):
        shade(cell, shade_fill)
        put(cell, text, bold=True, size=9)
    for part, row in zip(parts, pt.rows[1:], strict=True):
        put(row.cells[0], part["sku"])
        put(row.cells[1], part["description"])
        put(row.cells[2], EN_NUM.qty(part["qty"]), align=RIGHT)
    if not parts:
        para(doc, "No parts used on this call.", italic=True, size=9)

    heading = para(
        doc, "SAFETY / SITE CHECKLIST", bold=True, space_before=12, space_after=4, color="C00000"
    )
    para_border(heading, bottom=(6, "C00000"))
    checks = grid(doc, len(SAFETY_CHECKS) + 1, [width - 4.5, 1.5, 1.5, 1.5], style="Table Grid")
    for i, text in enumerate(["Item", "Yes", "No", "N/A"]):
        shade(checks.rows[0].cells[i], shade_fill)
        put(checks.rows[0].cells[i], text, bold=True, size=9, align=LEFT if i == 0 else CENTER)
    for item, row in zip(SAFETY_CHECKS, checks.rows[1:], strict=True):
        na = pick(case["case_id"] + item, [False, False, False, True])
        put(row.cells[0], item, size=9)
        for k, mark in enumerate([not na, False, na]):
            put(row.cells[k + 1], box(mark), font=SYMBOL_FONT, size=9, align=CENTER)

    signed = bool(rep["customer_signature"])
    sig = para(doc, space_before=18, keep_with_next=True)
    add(sig, "Customer signature: ", bold=True)
    if signed:
        add(sig, "______________________  (signed)")
    else:
        add(sig, "NOT SIGNED")
    para(doc, "Print name: ______________________    Title: ______________", space_before=8)
    footer = footer_par(doc)
    setup_para(footer, tabs=[(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)])
    add(footer, f"{me.name} — customer copy", size=8)
    add(footer, "\tPage ", size=8)
    add_field(footer, "PAGE", size=8)
    add(footer, " of ", size=8)
    add_field(footer, "NUMPAGES", size=8)
    return doc


def nl_werkbon(case: Case) -> DocxDocument:
    """Dutch werkbon in landscape: a wide time strip with dd-mm-jjjj dates, the work done
    and the materials side by side, and a check-mark for the customer's signature."""
    rep = case["service_report"]
    me, cust = issuer_of(case), customer_of(case)
    doc = new_document("DejaVu Sans", 9, margins=(1.5, 1.8, 1.5, 1.8), landscape=True)
    width = text_width(doc)
    orange = "E36C09"

    def when(iso: str) -> str:
        ts = stamp_of(iso)
        return f"{dmy(ts.date(), '-')} {hm(ts)}"

    top = grid(doc, 1, [width - 9.0, 9.0])
    put(top.rows[0].cells[0], me.name, bold=True, size=14, color=orange)
    put(top.rows[0].cells[0], f"{me.street}, {me.town} · {me.phone}", size=8)
    put(top.rows[0].cells[1], "WERKBON", bold=True, size=20, align=RIGHT)
    put(top.rows[0].cells[1], f"Werkbonnummer: {rep['work_order_id']}", bold=True, align=RIGHT)
    para(doc, space_after=4)

    info = grid(doc, 2, [width / 4] * 4, style="Table Grid")
    heads = ["Klant", "Adres", "Monteur", "Soort werkzaamheden"]
    values = [
        cust.name,
        f"{cust.street}, {cust.town}",
        rep["technician"],
        SERVICE_NAMES["nl"][rep["service_type"]],
    ]
    for cell, text in zip(info.rows[0].cells, heads, strict=True):
        shade(cell, "FBE4D5")
        put(cell, text, bold=True, size=8)
    for cell, text in zip(info.rows[1].cells, values, strict=True):
        put(cell, text)
    para(doc, space_after=4)

    strip = grid(doc, 2, [width / 5] * 5, style="Table Grid")
    heads = ["Melding ontvangen", "Aankomst", "Gereed", "Arbeidsuren", "Reisuren"]
    values = [
        when(rep["reported_at"]),
        when(rep["arrived_at"]),
        when(rep["completed_at"]),
        f"{NL_NUM(rep['labor_hours'], 2)} uur",
        f"{NL_NUM(rep['travel_hours'], 2)} uur",
    ]
    for cell, text in zip(strip.rows[0].cells, heads, strict=True):
        shade(cell, "FBE4D5")
        put(cell, text, bold=True, size=8, align=CENTER)
    for cell, text in zip(strip.rows[1].cells, values, strict=True):
        put(cell, text, align=CENTER)
    para(doc, space_after=6)

    halves = grid(doc, 1, [width * 0.55, width * 0.45])
    left, right = halves.rows[0].cells
    put(left, "Uitgevoerde werkzaamheden", bold=True, color=orange)
    put(left, rep["notes"].strip(), space_after=4)
    put(right, "Gebruikte materialen", bold=True, color=orange)
    parts = rep["parts"]
    mat = grid(right, max(len(parts), 1) + 1, [2.4, width * 0.45 - 4.6, 1.6], style="Table Grid")
    for cell, text in zip(mat.rows[0].cells, ["Artikelnr.", "Omschrijving", "Aantal"], strict=True):
        shade(cell, "FBE4D5")
        put(cell, text, bold=True, size=8)
    for part, row in zip(parts, mat.rows[1:], strict=False):
        put(row.cells[0], part["sku"])
        put(row.cells[1], part["description"])
        put(row.cells[2], NL_NUM.qty(part["qty"]), align=RIGHT)
    if not parts:
        put(mat.rows[1].cells[1], "geen", italic=True)
    min_height(halves, 0, 4.5)

    signed = bool(rep["customer_signature"])
    sig = para(doc, space_before=12)
    add(sig, "Handtekening klant: ", bold=True)
    add(sig, "✔" if signed else "✘", font=SYMBOL_FONT, size=11)
    add(sig, " getekend" if signed else " niet getekend")
    add(sig, f"        Datum: {dmy(day_of(rep['completed_at']), '-')}")

    footer = footer_par(doc)
    setup_para(footer, tabs=[(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)])
    add(footer, "Werkbon graag ondertekend retour of per e-mail.", size=7)
    add(footer, "\tPagina ", size=7)
    add_field(footer, "PAGE", size=7)
    add(footer, " van ", size=7)
    add_field(footer, "NUMPAGES", size=7)
    return doc


# --------------------------------------------------------------------------------------
# Layout table and rendering
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeLayout:
    name: str
    doc_type: str  # "invoice" or "service_report"
    locale: str
    regions: tuple[str, ...]
    build: Callable[[Case], DocxDocument]
    prints_zone: bool = False  # timestamps printed with their offset: truth keeps it

    def serves(self, region: str) -> bool:
        return region in self.regions


LAYOUTS: list[OfficeLayout] = [
    OfficeLayout("office_de_handwerker", "invoice", "de-DE/de-AT", ("DE", "AT"), de_handwerker),
    OfficeLayout("office_ch_rechnung", "invoice", "de-CH", ("CH",), ch_rechnung),
    OfficeLayout("office_fr_facture", "invoice", "fr-FR/fr-CH", ("FR", "CH"), fr_facture),
    OfficeLayout("office_nl_factuur", "invoice", "nl-NL", ("NL",), nl_factuur),
    OfficeLayout("office_gb_tabbed", "invoice", "en-GB", ("GB",), gb_tabbed),
    OfficeLayout("office_us_template", "invoice", "en-US", US_REGIONS, us_template),
    OfficeLayout(
        "office_form_report",
        "service_report",
        "en-GB/en-US",
        ("GB", *US_REGIONS),
        form_report,
        True,
    ),
    OfficeLayout(
        "office_de_regiebericht",
        "service_report",
        "de-DE/de-AT/de-CH",
        ("DE", "AT", "CH"),
        de_regiebericht,
    ),
    OfficeLayout("office_fr_rapport", "service_report", "fr-FR/fr-CH", ("FR", "CH"), fr_rapport),
    OfficeLayout(
        "office_us_field_report", "service_report", "en-US", US_REGIONS, us_field_report, True
    ),
    OfficeLayout("office_nl_werkbon", "service_report", "nl-NL", ("NL",), nl_werkbon),
]


def render_all(out_dir: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Render every case's report and invoice into ``out_dir``; write and return the truth."""
    out_dir.mkdir(parents=True, exist_ok=True)
    records = []
    with tempfile.TemporaryDirectory(prefix="office_layouts_") as tmp:
        work = Path(tmp)
        docs = []
        for case, layout in rotate(cases if cases is not None else load_cases(), LAYOUTS):
            record = document_record(
                case, layout.doc_type, layout.name, layout.locale, layout.prints_zone
            )
            path = work / Path(record["file"]).with_suffix(".docx").name
            layout.build(case).save(str(path))
            docs.append(path)
            records.append(record)
        convert_to_pdf(docs, out_dir, work / "soffice-profile", timeout=SOFFICE_TIMEOUT_S)
    write_truth(out_dir, records)
    return records


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="office_pdfs_"))
    started = time.perf_counter()
    records = render_all(out)
    took = time.perf_counter() - started
    print(f"wrote {len(records)} PDFs and truth.jsonl to {out} in {took:.1f} s")


if __name__ == "__main__":
    main()
