"""Service report fields: work order, technician, service type, times, hours, parts, notes."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from triage.extraction.fields import (
    RELATION_PRIOR,
    Context,
    Span,
    iter_labels,
    parse_identifier,
    spans_for_label,
)
from triage.extraction.invoice import field, label_weight
from triage.extraction.items import bracketed_code, code_in_text
from triage.extraction.labels import (
    COLUMN,
    INVOICE,
    PARTY,
    REPORT,
    STOP,
    LabelHit,
    bare_label,
    label_at_start,
    labels_in,
)
from triage.extraction.layout import Box, Cell, Line, lines_under
from triage.extraction.model import ExtractedField
from triage.extraction.signatures import (
    TICK,
    customer_column,
    customer_sign_off,
    ink_at,
    marked_cells,
    marked_signature,
    read_signature,
    row_of,
    signature_below,
    signers,
    signers_row,
)
from triage.extraction.tables import Row, find_tables, is_heading, report_section
from triage.extraction.values import (
    TZ_NAMES,
    find_dates,
    fold,
    parse_amount,
    parse_hours,
    parse_offset,
    parse_timestamp,
)

PART_COLUMNS = frozenset({"qty", "description", "sku"})
_AND = r"and|und|et|en|y|e"  # `PIÈCES ET FOURNITURES`, `Service & maintenance`

SERVICE_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "emergency_repair",
        (
            "emergency",
            "urgent",
            "notfall",
            "notdienst",
            "stoereinsatz",
            "storeinsatz",
            "urgence",
            "depannage urgent",
            "spoed",
            "noodreparatie",
            "storing spoed",
            "call-out",
            "breakdown",
        ),
    ),
    (
        "installation",
        (
            "install",
            "montage",
            "inbetriebnahme",
            "commissioning",
            "mise en service",
            "installatie",
            "aufbau",
            "new unit",
        ),
    ),
    (
        "inspection",
        (
            "inspection",
            "inspect",
            "inspektion",
            "prufung",
            "pruefung",
            "audit",
            "controle",
            "keuring",
            "inspectie",
            "survey",
            "check-up",
            "safety check",
        ),
    ),
    (
        "preventive_maintenance",
        (
            "preventive",
            "preventative",
            "maintenance",
            "wartung",
            "pm visit",
            "entretien",
            "maintenance preventive",
            "onderhoud",
            "service visit",
            "planned",
            "routine",
        ),
    ),
    (
        "repair",
        (
            "repair",
            "reparatur",
            "instandsetzung",
            "reparation",
            "depannage",
            "reparatie",
            "fault",
            "storung",
            "corrective",
            "fix",
        ),
    ),
)
REGION_ZONES = {"EUR": "Europe/Berlin", "GBP": "Europe/London", "CHF": "Europe/Zurich"}


def map_service_type(text: str) -> tuple[str, float] | None:
    """Map wording to the enum: "Notdienst" -> emergency_repair, "PM" -> preventive_maintenance."""
    folded = fold(text).replace("_", " ")
    for value in (
        "preventive_maintenance",
        "emergency_repair",
        "installation",
        "inspection",
        "repair",
    ):
        if value.replace("_", " ") in folded:
            return value, 0.95
    for value, words in SERVICE_TYPES:
        if any(re.search(rf"(?<![a-z]){re.escape(w)}", folded) for w in words):
            return value, 0.8
    return None


def extract_report(
    ctx: Context,
) -> tuple[dict[str, ExtractedField], list[dict[str, ExtractedField]]]:
    lines = ctx.lines
    tables = find_tables(lines, PART_COLUMNS, captions=_field_captions)
    in_table = {i for t in tables for r in t.rows for i in (r.anchor, *r.text_lines)} | {
        i for t in tables for i in t.header_lines
    }
    free = [line for line in lines if line.index not in in_table]
    out: dict[str, ExtractedField] = {}
    stamps: dict[str, tuple[datetime, bool, Box, float]] = {}
    unread_signatures: list[Box] = []  # signature labels with no value readable beside them
    time_only: list[tuple[str, str, Box, float]] = []  # `Aankomst : 10:30`, its date elsewhere
    for line, cell_index, hit in iter_labels(free, REPORT):
        if hit.field.startswith("_") or hit.field in out or hit.field in stamps:
            continue
        if hit.label == "type" and hit.start > 0:
            continue  # `Anlage / Typ`, `Equipment type`: the equipment's, not the visit's
        if _titled(line.cells[cell_index].text, hit):
            continue  # `Job completion report | 20 Jan 2026 · 12:57`: a title and its print time
        weight = label_weight(hit.label)
        if hit.field == "customer_signature" and hit.start > 0:
            # a status inside one cell (`✗ NO CUSTOMER SIGNATURE`, `✓ SIGNED BY CUSTOMER`):
            # the cell says it; what is under or beside it belongs to something else.
            # `Arbeiten ausgeführt – Unterschrift Kunde` says nothing: read on as a heading
            status = read_signature(line.cells[cell_index].text, strict=True)
            if status is not None:
                answer = marked_signature(lines, line) or (*status, line.box)
                out[hit.field] = field(answer[0], 0.8 * weight * answer[1], answer[2])
                continue
        if hit.field == "notes":
            if hit.start > 0 and not _SECOND_HEADING.search(
                line.cells[cell_index].text[: hit.start]
            ):
                continue  # `WORK ORDER COMPLETION REPORT`: a title; `Arbeiten / Bemerkungen`
            if len(line.cells) >= 3 and (
                _column_header(line.text) or (cell_index > 0 and _caption_row(line))
            ):
                continue  # `Date | Work carried out | Start | Finish`: a column, not the note
            notes = _notes(lines, line, cell_index, hit.end)
            # a note has letters (`n/a` too): `5671` under a title's `REPORT` is a phone
            # number's tail, and a later notes heading may still give the note
            if (
                notes is not None
                and not _NO_NOTES.match(fold(notes[0]))
                and _WORDED.search(notes[0])
            ):
                out["notes"] = field(notes[0], 0.85 * weight / 0.98, notes[1])
            continue
        if hit.field == "service_type" and (marked := _marked_option(lines, line)):
            out[hit.field] = field(marked[0], 0.8 * weight, marked[1])
            continue
        if hit.field == "service_type" and (row := _checkbox_row(lines, line, cell_index)):
            mapped = map_service_type(_ticked_choice(row[0]))
            if mapped:
                out[hit.field] = field(mapped[0], RELATION_PRIOR["right"] * mapped[1], row[1])
                continue
        grid = _caption_grid(lines, line)
        # a timesheet's `Finish` column may start with a travel row's `–`: look further down
        column = hit.label in _TIMESHEET_HOURS and len(line.cells) >= 3
        depth = 3 if hit.field in _STAMP_FIELDS or column else 1
        below_seen = False
        for relation, span in spans_for_label(lines, line, cell_index, hit, below=depth):
            if relation == "right" and grid:
                continue  # `TECHNICIAN | TECH ID` over `R. Guerrero | T-106`: the next caption
            prior = RELATION_PRIOR[relation] * weight
            if hit.field == "work_order_id":
                ident = parse_identifier(span.text)
                if ident:
                    out[hit.field] = field(ident, prior, span.box)
                    break
            elif hit.field == "technician":
                if relation == "below" and _NAME_CAPTION.match(fold(span.text)):
                    # `TECHNICIAN` over `Name | R. Guerrero`: a card's caption, its value beside
                    span = _beside(lines, span) or span
                if sum(ch.isalpha() for ch in span.text) >= 2 and not label_at_start(
                    span.text, REPORT
                ):
                    out[hit.field] = field(span.text.strip(), prior * 0.95, span.box)
                    break
            elif hit.field == "service_type":
                if relation == "inline" and _CONJOINED.match(fold(span.text)):
                    continue  # `Service & maintenance`, `Service und Wartung`: a tagline
                mapped = map_service_type(_ticked_choice(span.text))
                if mapped:
                    out[hit.field] = field(mapped[0], prior * mapped[1], span.box)
                    break
            elif hit.field in _STAMP_FIELDS:
                if relation == "below":
                    if below_seen:
                        break  # only a column's `–` lets the value lie further down
                    below_seen = not _PLACEHOLDER.match(span.text)
                parsed = parse_timestamp(span.text, day_first=ctx.day_first)
                if not parsed and relation == "right":
                    parsed = _date_then_time(line, span, ctx.day_first)
                if parsed:
                    stamps[hit.field] = (parsed[0], parsed[1], span.box, prior)
                    break
                if (clock := _clock_and_zone(span.text)) is not None and not clock[1]:
                    time_only.append((hit.field, span.text, span.box, prior))
                    break
            elif hit.field in ("labor_hours", "travel_hours"):
                if relation == "right" and _clock_before_hours(line, span):
                    continue  # `Labour on site | 10:30 | 12:15 | 1.50`: start and end times
                if column and relation == "below" and _travel_or_total(lines, span):
                    continue  # `Hours spent` over `Travel | 01:00`: the work rows come next
                text = _paired(line.cells[cell_index].text, hit, span.text)
                hours = parse_hours(text, ctx.style)
                if hours is None and relation == "below" and (lead := _LEADING_FIGURE.match(text)):
                    # `0,50 Arbeiten lt. Auftrag` under `Fahrt`: the next column's text ran on
                    hours = parse_hours(lead.group(1), ctx.style)
                if hours is not None and 0 <= hours < 200:
                    out[hit.field] = field(round(hours, 4), prior, span.box)
                    break
            elif hit.field == "customer_signature":
                if relation == "below" and bare_label(span.text, "customer_signature"):
                    continue  # `Getekend door klant | Nee` under `Akkoord klant`: its own answer
                qualifier = re.fullmatch(r"\(.*\)", span.text.strip()) is not None
                if relation != "below" and (
                    (qualifier and read_signature(span.text, strict=True) is None)
                    or bare_label(span.text)
                ):
                    continue  # `Signature du client (lu et approuvé)`; `… SIGNATURE | DATE`
                if relation == "below" and (captions := signers(lines, span)) is not None:
                    # `Le technicien | Le client` under `SIGNATURES`: the customer's column
                    if (said := customer_column(lines, *captions)) is not None:
                        out[hit.field] = field(said[0], prior * said[1], said[2])
                        break
                    continue
                signed = read_signature(span.text)
                statement = line.cells[cell_index].text
                if (
                    signed is None
                    and relation == "inline"
                    and cell_index == len(line.cells) - 1
                    and not statement.rstrip().endswith(":")
                ):
                    # `Customer signed on site to accept the work.`: the label is the statement
                    # (`Customer signed (Y/N): | N` is a question, its answer beside it)
                    signed = read_signature(statement, strict=True)
                if signed is not None:
                    out[hit.field] = field(signed[0], prior * signed[1], span.box)
                    break
        if hit.field == "work_order_id" and hit.field not in out:
            found = _identifier_below_right(lines, line, line.cells[cell_index])
            if found is not None:
                out[hit.field] = field(found[0], 0.6 * weight, found[1])
        if hit.field == "customer_signature" and hit.field not in out:
            label_text = line.cells[cell_index].text.strip()
            stated = signature_below(lines, line)
            if stated is None and hit.start == 0 and not label_text.endswith(":"):
                # `Bon signé par le client` alone under its column: the label is the status
                own = read_signature(label_text, strict=True)
                stated = None if own is None else (own[0], own[1], line.cells[cell_index].box)
            if stated is not None:
                out[hit.field] = field(stated[0], 0.8 * weight * stated[1], stated[2])
            elif hit.start == 0 or not unread_signatures:
                # a label inside prose (`Mit seiner Unterschrift bestätigt …`) only if first
                unread_signatures.append(line.cells[cell_index].box)
    day = _service_date(ctx, free) if time_only else None
    for name, text, box, prior in time_only:
        on = _row_date(free, box, ctx.day_first) or day
        parsed = parse_timestamp(text, day_first=ctx.day_first, default_date=on)
        if name not in stamps and parsed:
            stamps[name] = (parsed[0], parsed[1], box, 0.8 * prior)
    if "work_order_id" not in out and (numbered := _titled_number(free)) is not None:
        out["work_order_id"] = field(numbered[0], 0.6, numbered[1])
    if "customer_signature" not in out and (sign_off := signers_row(free)) is not None:
        out["customer_signature"] = customer_sign_off(free, ctx.ink, *sign_off)
    if "customer_signature" not in out and unread_signatures:
        # nothing readable at the signature labels: signed if a stroke or image is drawn at
        # one of them (under a heading, or on the signing line over its caption); a box
        # left empty is unsigned
        drawn = next((d for b in unread_signatures if (d := ink_at(ctx.ink, b))), None)
        out["customer_signature"] = (
            field(True, 0.7, drawn) if drawn else field(False, 0.5, unread_signatures[0])
        )
    if "service_type" not in out and (choice := _service_checklist(free)) is not None:
        out["service_type"] = field(choice[0], 0.7, choice[1])
    _timestamps(ctx, stamps, out)
    parts = [p for t in tables for r in t.rows if (p := _part(ctx, r))]
    if not parts:
        parts = _section_parts(ctx, free)
    return out, parts


# `none`, or a sentence that says so (`No materials used on this visit.`, `Kein Material
# verbraucht`, `Aucune pièce utilisée`, `Geen materialen gebruikt`): a negation, no figures
_NO_PARTS = re.compile(
    r"^\W*(none|n/a|n[eé]ant|-+|—|(no|keine?|aucune?|geen|sans|ohne)(\s[^\d]*)?)\W*$",
    re.IGNORECASE,
)
_QTY = re.compile(
    r"(?:^|\s)(\d{1,4}(?:[.,]\d{1,3})?)\s*(?:x|×|pcs?\.?|stk\.?|st\.?|pc|ea|units?|stuks?|"
    r"pieces?|pi[eè]ces?)(?=\s|$)|(?:^|\s)(?:x|×|qty:?|menge:?|anzahl:?|qt[eé]:?|aantal:?)"
    r"\s*(\d{1,4}(?:[.,]\d{1,3})?)(?=\s|$|\))|^\((\d{1,4})\)(?=\s)",
    re.IGNORECASE,
)


def _section_parts(ctx: Context, lines: list[Line]) -> list[dict[str, ExtractedField]]:
    """Parts listed under a `Parts used:` label without a table header.

    Each entry (a line, or a `;`-separated piece of one) gives a quantity
    (`2 x`, `x 2`, `2 pcs`, `Qty: 2`; 1 when none is printed), an article code
    and the description that is left.
    """
    for position, line in enumerate(lines):
        for cell_index, cell in enumerate(line.cells):
            hit = _parts_label(cell.text)
            if hit is None:
                continue
            chunks: list[tuple[str, Box]] = []
            headed = False  # column names under the label: the section is there, maybe empty
            rest = cell.text[hit.end :].strip(" :.-/|")
            if re.match(
                rf"\s*([/|&+]|{_AND})\s*[^\W\d]+(\s+[^\W\d]+){{0,2}}\s*$",
                fold(cell.text[hit.end :]),
            ):
                # `PARTS / MATERIALS`, `Pièces remplacées / fournies`, `PIÈCES ET FOURNITURES`:
                # one heading
                rest = ""
            right = line.cells[cell_index + 1 :]
            if _column_header(" ".join([rest, *(c.text for c in right)])):
                headed, rest, right = True, "", []
            if rest:
                chunks.append((rest, cell.box))
            if right:
                chunks.append((" | ".join(c.text for c in right), right[0].box))
            # a heading beside another section's (`Uitgevoerde werkzaamheden` | `Gebruikte
            # materialen`) heads the column from its left edge on
            left = cell.box.x0 - 2 if cell_index > 0 else None
            last = line
            for below in lines[position + 1 : position + 12]:
                if below.page != last.page or below.box.top - last.box.bottom > 1.8 * max(
                    last.box.height, 6.0
                ):
                    break
                nxt = _within(below, left=left)
                if nxt is None:
                    continue
                first = nxt.cells[0].text
                if report_section(first) or (
                    any(label_at_start(first, t) for t in (REPORT, INVOICE, PARTY))
                    and _looks_like_label(first)
                ):
                    break
                last = nxt
                if _NO_PARTS.match(nxt.text):
                    headed = True  # `No parts used on this call.`: the section says it is empty
                    break
                if _column_header(nxt.text):
                    headed = True  # `Menge ME Art.-Nr. Bezeichnung` over no rows: not a part
                    continue
                chunks.append((" | ".join(c.text for c in nxt.cells), nxt.box))
            parts = [
                p
                for text, box in chunks
                for piece in re.split(r"\s*;\s*", text)
                if (p := _part_from_text(piece, box, ctx))
            ]
            if parts or chunks or headed:
                return parts
    return []


_FIELD_SPLIT = re.compile(r"\s+[/|]\s+|\s*\|\s*")
_CAPTION = re.compile(r"^\s*([^\W\d][\w .\-°#]{0,24}?)\s*[:#]\s*(.+)$")
_SKU_CAPTIONS = re.compile(
    r"^(ref|ref\.|reference|sku|item|item no|part|part no|part number|art|art\.-nr|"
    r"art-nr|artikel|artikelnr|artikel-nr|artikelnummer|teilenummer|code|onderdeel|"
    r"onderdeelnummer|artikelcode|p/n|pn|n° article|no article)\.?$",
    re.IGNORECASE,
)
_WORDED = re.compile(r"[^\W\d_]")
_QTY_CAPTIONS = re.compile(
    r"^(qty|quantity|menge|anzahl|stk|quantite|qte|aantal|nombre|nb)\.?$", re.IGNORECASE
)


_BLANK_CAPTION = re.compile(r"\s*([^\W\d][\w .\-°#]{0,24}?)\s*[:#]\s*")


def _captioned(caption: str) -> bool:
    """A part's code or quantity caption (`Référence`, `Item`, `Qté`)."""
    folded = fold(caption).strip()
    return bool(_SKU_CAPTIONS.match(folded) or _QTY_CAPTIONS.match(folded))


def _parts_label(text: str) -> LabelHit | None:
    """A parts heading, also with words before it (`Verwendete Ersatzteile:`)."""
    hit = label_at_start(text, REPORT)
    if hit is not None:
        return hit if hit.field == "_parts" else None
    if len(text.split()) > 4:
        return None
    inner = [h for h in labels_in(text, REPORT) if h.field == "_parts"]
    if not inner or _DOCUMENT_NAME.search(fold(text)[: inner[0].start]):
        return None  # `TIMESHEET & MATERIALS`: the document's title, not its parts section
    return inner[0]


# what a report calls itself in its title
_DOCUMENT_NAME = re.compile(
    r"(time ?sheet|report|bericht|nachweis|stundenzettel|rapport|werkbon|job sheet|work order)"
)


_CLOCK = re.compile(r"^\s*(\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|uhr))?)\s*(.*?)\s*$", re.IGNORECASE)


def _clock_and_zone(text: str) -> tuple[str, str] | None:
    """`8:00 AM`, `8:00 AM CST`, `14:30 (UTC+1)`: a time of day, with its zone if printed."""
    match = _CLOCK.match(text)
    if match is None or (match.group(2) and not _ZONE_ONLY.fullmatch(match.group(2))):
        return None
    return match.group(1), match.group(2)


def _date_then_time(line: Line, span: Span, day_first: bool | None) -> tuple[datetime, bool] | None:
    """`02/04/2026` | `8:00 AM`: a timeline table's date and time in cells side by side."""
    cells = line.cells
    at = next((i for i, c in enumerate(cells) if c.box == span.box), None)
    if at is None or at + 1 >= len(cells) or (clock := _clock_and_zone(cells[at + 1].text)) is None:
        return None
    time, zone = clock
    if not zone and at + 2 < len(cells) and _ZONE_ONLY.fullmatch(cells[at + 2].text.strip()):
        zone = cells[at + 2].text  # `| CST` in a zone column
    return parse_timestamp(f"{span.text} {time} {zone}", day_first=day_first)


def _service_date(ctx: Context, lines: list[Line]) -> date | None:
    """The printed date of the visit (`Datum uitvoering : 11-02-2026`), for times printed
    without one; None when the report prints no such date (a time is not given a guessed day)."""
    for line, cell_index, hit in iter_labels(lines, REPORT):
        if hit.field != "_service_date":
            continue
        for _, span in spans_for_label(lines, line, cell_index, hit, below=1):
            found = find_dates(span.text, day_first=ctx.day_first)
            if found:
                return found[0].value
    return None


def _identifier_below_right(lines: list[Line], line: Line, cell: Cell) -> tuple[str, Box] | None:
    """`WO #` with its number on the next line, set right of it (a merged cell that aligns its
    value right): the lone identifier that starts there."""
    for nxt in lines[line.index + 1 : line.index + 3]:
        if nxt.page != line.page or nxt.box.top - line.box.bottom > 2.5 * line.box.height:
            return None
        right = [c for c in nxt.cells if cell.box.x0 < c.box.x0 <= cell.box.x1 + 120]
        if not right:
            continue  # the title set beside the label, left of it
        text = right[0].text.strip()
        if len(right) != 1 or not re.search(r"\d", text) or " " in text:
            return None
        ident = parse_identifier(text)
        return (ident, right[0].box) if ident else None
    return None


def _row_date(lines: list[Line], box: Box, day_first: bool | None) -> date | None:
    """The day of a bare time in a table row (`14.01.2026 | 10:30 | 13:45` under `Datum | von
    | bis`): the date printed nearest before it in its row (an overnight job's end may print
    its own date later in the row)."""
    row = next((line for line in lines if any(c.box == box for c in line.cells)), None)
    if row is None:
        return None
    for cell in sorted(row.cells, key=lambda c: -c.box.x0):
        if cell.box.x1 <= box.x0 and (found := find_dates(cell.text, day_first=day_first)):
            return found[-1].value
    return None


def _paired(label_text: str, hit: LabelHit, value: str) -> str:
    """`Arbeitszeit / Fahrzeit` over `3,00 Std. / 0,50 Std.`: the value in the label's place."""
    names, values = label_text.split("/"), value.split("/")
    if len(names) < 2 or len(names) != len(values):
        return value
    return values[fold(label_text)[: hit.start].count("/")]


def _column_header(text: str) -> bool:
    """A row of column names (`Qty Part # Description`), no values in it."""
    return len(labels_in(text, COLUMN)) >= 2 and not re.search(r"\d", text)


def _caption_row(line: Line) -> bool:
    """A row of short captions without figures (`Nr. | Prüfpunkt | Ergebnis | Bemerkung`):
    a table's header, whatever its columns are called."""
    return all(len(c.text.split()) <= 3 and not re.search(r"\d", c.text) for c in line.cells)


def _caption_grid(lines: list[Line], line: Line) -> bool:
    """A row of captions in capitals over a row of their values, a value under each
    (`TECHNICIAN | TECH ID | TRUCK / STOCK LOCATION` over `R. Guerrero | T-106 | Truck 34`)."""
    if len(line.cells) < 2 or not all(is_heading(c.text) for c in line.cells):
        return False
    below = next(lines_under(lines, line, 1, 2 * line.box.height), None)
    return below is not None and all(
        any(v.box.x_overlap(c.box) > 0 for v in below.cells) for c in line.cells
    )


def _part_from_text(text: str, box: Box, ctx: Context) -> dict[str, ExtractedField]:
    """One part from its printed fields (`Drain pump / Référence: WP-230 / 2 x`)."""
    cleaned = text.strip(" -–•·*")
    if not cleaned or _NO_PARTS.match(cleaned):
        return {}
    sku: str | None = None
    qty: float | None = None
    words: list[str] = []
    for piece in _FIELD_SPLIT.split(cleaned):
        piece = piece.strip(" -–•·*")
        if not piece:
            continue
        blank = _BLANK_CAPTION.fullmatch(piece)
        if blank and _captioned(blank.group(1)):
            continue  # `Référence: -`: a caption left blank
        caption = _CAPTION.match(piece)
        if caption and _SKU_CAPTIONS.match(fold(caption.group(1)).strip()):
            sku = sku or caption.group(2).strip(" ()")
            continue
        if caption and _QTY_CAPTIONS.match(fold(caption.group(1)).strip()):
            qty = qty if qty is not None else parse_amount(caption.group(2).split()[0], ctx.style)
            continue
        if qty is None and re.fullmatch(r"\d{1,4}(?:[.,]\d{1,3})?", piece):
            qty = parse_amount(piece, ctx.style)
            continue
        words.append(piece)
    rest = " ".join(words)
    if qty is None:
        match = _QTY.search(rest)
        if match:
            qty = parse_amount(match.group(1) or match.group(2) or match.group(3), ctx.style)
            rest = (rest[: match.start()] + " " + rest[match.end() :]).strip()
    if sku is None:
        leading = _leading_code(rest)
        code = leading if leading and leading[0][0].isalpha() else code_in_text(rest) or leading
        if code is not None:
            sku, rest = code
    rest = re.sub(r"\(\s*\)|\s{2,}", " ", rest).strip(" -–:·,;()")
    if sum(ch.isalpha() for ch in rest) < 3:
        return {}
    item: dict[str, ExtractedField] = {
        "qty": field(qty if qty is not None else 1.0, 0.85 if qty is not None else 0.6, box),
        "description": field(rest, 0.75, box),
    }
    if sku:
        item["sku"] = field(sku, 0.8, box)
    return item


def _leading_code(text: str) -> tuple[str, str] | None:
    """`WP-230 Drain pump` or `Drain pump (WP-230)`: a code first or in brackets."""
    for token in re.findall(r"\(([^()]+)\)|^(\S+)", text):
        candidate = (token[0] or token[1]).strip()
        if re.fullmatch(r"[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+", candidate) and any(
            ch.isdigit() for ch in candidate
        ):
            rest = text.replace(f"({candidate})", " ").replace(candidate, " ", 1)
            return candidate, " ".join(rest.split())
    return None


_TICKED_OPTION = re.compile(rf"[{TICK}]\s*([^☐{TICK}]+)")


def _checkbox_row(lines: list[Line], line: Line, cell_index: int) -> tuple[str, Box] | None:
    """The options right of a label when they are checkboxes (`☐ Repair | ☐ Inspection |
    ☒`), read as one text; an option wrapped onto the next line (`Emergency repair` under
    the row) joins it."""
    cells = line.cells[cell_index + 1 :]
    text = " ".join(c.text for c in cells)
    if not cells or "☐" not in text:
        return None
    box = cells[0].box.union(cells[-1].box)
    nxt = lines[line.index + 1] if line.index + 1 < len(lines) else None
    if (
        re.search(rf"[{TICK}☐]\s*$", text)
        and nxt is not None
        and nxt.page == line.page
        and nxt.box.x0 >= cells[0].box.x0 - 2
        and nxt.box.top - line.box.bottom < line.box.height
    ):
        text, box = f"{text} {nxt.text}", box.union(nxt.box)
    return text, box


def _service_checklist(lines: list[Line]) -> tuple[str, Box] | None:
    """A row of checkboxes naming service types, with no label (`☒ Maintenance préventive
    ☐ Dépannage ☐ Installation` under an `INTERVENTION` heading): its ticked option."""
    for line in lines:
        options = re.split(rf"[☐{TICK}]", line.text)[1:]
        if len(options) < 3 or sum(ch in TICK for ch in line.text) != 1:
            continue
        if sum(map_service_type(o) is not None for o in options) < 3:
            continue  # a safety checklist, not the visit's type
        mapped = map_service_type(_ticked_choice(line.text))
        if mapped:
            return mapped[0], line.box
    return None


_LEADING_FIGURE = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{1,2})?)\s+[^\W\d]")


def _marked_option(lines: list[Line], line: Line) -> tuple[str, Box] | None:
    """Options listed under a `Type of service (check one)` heading, one marked by an `X`
    in the cell before it: the marked option."""
    for option in marked_cells(lines[line.index + 1 : line.index + 5], line.page):
        if mapped := map_service_type(option.text):
            return mapped[0], option.box
    return None


def _ticked_choice(text: str) -> str:
    """`☐ Wartung ☒ Reparatur ☐ Inspektion`: the ticked option of a checklist, else the text."""
    if "☐" not in text:
        return text
    ticked = _TICKED_OPTION.search(text)
    return ticked.group(1).strip() if ticked else text


_CONJOINED = re.compile(rf"^\s*(&|\+|{_AND})\s")
_STAMP_ORDER = ("reported_at", "arrived_at", "completed_at")  # reported <= arrived <= completed
_STAMP_FIELDS = frozenset(_STAMP_ORDER)
_NUMERIC_VALUE_FIELDS = frozenset({"labor_hours", "travel_hours", *_STAMP_FIELDS})
_PLACEHOLDER = re.compile(r"^\W*$|^\s*n/?a\s*$", re.IGNORECASE)
_NAME_CAPTION = re.compile(r"^\W*(name|nom|naam|nombre|nome)\W*$")


def _beside(lines: list[Line], caption: Span) -> Span | None:
    """The cell right of a caption cell, on its line."""
    row = row_of(lines, caption)
    cells = row.cells if row is not None else []
    at = next((i for i, c in enumerate(cells) if c.box == caption.box), len(cells))
    return Span(cells[at + 1].text, cells[at + 1].box) if at + 1 < len(cells) else None


# fields whose label heads a card or a column of their own value, never a parts column
_SCALAR_FIELDS = frozenset({"_service_date", *_NUMERIC_VALUE_FIELDS})


def _field_captions(line: Line) -> bool:
    """`LABOR HOURS | TRAVEL HOURS | SERVICE DATE`: the report's own field labels in a row,
    which the parts tables' column words (`hours`, `service`) would take for a header."""
    for cell in line.cells:
        hit = label_at_start(cell.text, REPORT)
        if hit is not None and hit.field in _SCALAR_FIELDS and bare_label(cell.text, hit.field):
            return True
    return False


_NUMBERED = re.compile(r"^\s*(?:no\.?|nr\.?|n°|nº|#)\s*(\S*\d\S*)\s*$", re.IGNORECASE)


def _titled_number(lines: list[Line]) -> tuple[str, Box] | None:
    """`SERVICE REPORT` over `No. WO-24444`: the report's own number, set under its title."""
    for line in lines[:12]:
        for cell in line.cells:
            if not _TITLE.search(fold(cell.text)) or len(cell.text.split()) > 4:
                continue
            for nxt in lines[line.index : line.index + 3]:
                for other in nxt.cells:
                    if (
                        other.box.x1 > cell.box.x0
                        and (m := _NUMBERED.match(other.text))
                        and (ident := parse_identifier(m.group(1)))
                    ):
                        return ident, other.box
    return None


def _timestamps(
    ctx: Context,
    stamps: dict[str, tuple[datetime, bool, Box, float]],
    out: dict[str, ExtractedField],
) -> None:
    """Give offset-less times the offset printed elsewhere (with another time, or on a line of
    its own under the times), else the issuer's zone; check order."""
    known = [value.tzinfo for value, printed, _, _ in stamps.values() if printed]
    known = known or _zone_lines(ctx.lines)
    zone = ZoneInfo(REGION_ZONES.get(ctx.currency or "", "UTC"))
    ordered = [stamps.get(n) for n in _STAMP_ORDER]
    values = [s[0] for s in ordered if s]
    in_order = all(
        a.replace(tzinfo=None) <= b.replace(tzinfo=None) for a, b in itertools.pairwise(values)
    )
    for name, (value, printed, box, prior) in stamps.items():
        confidence = prior
        if not printed:
            if known and known[0] is not None:
                value = value.replace(tzinfo=known[0])
                confidence *= 0.9
            else:
                offset = zone.utcoffset(value) or timedelta(0)
                value = value.replace(tzinfo=timezone(offset))
                confidence *= 0.7
        confidence = confidence if in_order else confidence * 0.6
        out[name] = field(value.isoformat(), confidence, box)


_ZONE_ONLY = re.compile(
    r"\(?(?:(?:UTC|GMT)\s*[+-−]\d{1,2}(?::?\d{2})?|" + "|".join(TZ_NAMES) + r")\)?"
)


def _zone_lines(lines: list[Line]) -> list[tzinfo | None]:
    """The one UTC offset or zone name printed on lines that hold nothing else (`GMT+01:00`
    under each time of a timeline, `EST` under each time of a header grid); none when there
    is no such line or they disagree."""
    zones = {
        parse_offset(part)
        for line in lines
        if line.text.strip() and all(_ZONE_ONLY.fullmatch(p) for p in line.text.split())
        for part in line.text.split()
    }
    return list(zones) if len(zones) == 1 else []


def _notes(lines: list[Line], line: Line, cell_index: int, end: int) -> tuple[str, Box] | None:
    """The note text: after the label and on the lines below, until the next label or a gap."""
    cell = line.cells[cell_index]
    parts: list[str] = []
    rest = cell.text[end:].strip(" :.-/")
    if bare_label(rest, "notes"):
        rest = ""  # `Tätigkeitsbericht / Bemerkungen`: a second name of the same heading
    # `Observations du technicien`, `Opmerkingen monteur`: a few words run on from the label
    # with no colon finish the heading when the note itself starts on the next line
    runs_on = (
        bool(rest)
        and not re.match(r"\s*[:.\-]", cell.text[end:])
        and len(rest.split()) <= 3
        and not re.search(r"\d", rest)
        and len(line.cells) == cell_index + 1
    )
    box = cell.box
    if rest:
        parts.append(rest)
    bound = None  # `Gebruikte materialen` beside the heading: the note is the column left of it
    for right in line.cells[cell_index + 1 :]:
        if _parts_label(right.text) or label_at_start(right.text, REPORT):
            bound = right.box.x0
            break
        parts.append(right.text)
        box = box.union(right.box)
    below = len(parts)
    last = line.box
    for nxt in lines[line.index + 1 : line.index + 30]:
        if nxt.page != line.page or nxt.box.top - last.bottom > 2.2 * max(last.height, 6.0):
            break
        if (column := _within(nxt, right=bound)) is None:
            continue
        nxt = column
        if parts and nxt.box.top - last.bottom > last.height and is_heading(nxt.text):
            break  # `CHECKLIST` set apart under the note: the next section
        first = nxt.cells[0].text
        hits = [hit for table in (REPORT, INVOICE, PARTY) if (hit := label_at_start(first, table))]
        continues = bool(parts) and _mid_sentence(parts[-1], nxt.text)
        if (
            hits
            and (_looks_like_label(first) or report_section(first))
            and not continues  # `... getauscht,` / `Anlage läuft wieder.`: one sentence
            and not (not parts and _filler_note(nxt, hits, lines))
        ):
            break
        parts.append(nxt.text)
        box = box.union(nxt.box)
        last = nxt.box
    if runs_on and len(parts) > below:
        parts = parts[1:]
    text = " ".join(p.strip() for p in parts if p.strip())
    return (text, box) if text else None


# a document's title (`Job completion report`, `Servicebericht`, `Rapport d'intervention`):
# a label word inside it names no field
_TITLE = re.compile(
    r"(report|bericht|rapport|werkbon|job sheet|time ?sheet|stundenzettel|arbeitsnachweis|"
    r"worksheet|arbeitsschein)\s*$"
)


def _titled(text: str, hit: LabelHit) -> bool:
    """The label is a word of the document's title (`Engineer Visit Report`, `Job completion
    report`), not a field's caption: the cell ends in a title word after the label."""
    folded = fold(text)
    if not _TITLE.search(folded):
        return False
    if hit.start > 0:
        return True
    rest = folded[hit.end :]
    return bool(rest.strip()) and ":" not in folded and len(folded.split()) <= 5


# a timesheet's hours column, whose rows are travel, work and their total (Odoo worksheets)
_TIMESHEET_HOURS = frozenset(
    {"hours spent", "aufgewendete stunden", "bestede uren", "heures passees"}
)


def _travel_or_total(lines: list[Line], span: Span) -> bool:
    """The row of a timesheet's hours cell names travel or a total (`Anfahrt`, `Totaal`)."""
    row = row_of(lines, span)
    text = row.text if row is not None else ""
    return any(h.field == "travel_hours" for h in labels_in(text, REPORT)) or bool(
        label_at_start(text, STOP)
    )


def _clock_before_hours(line: Line, span: Span) -> bool:
    """`span` is a time of day in a row that ends, after its end time, in a duration (a
    timesheet's `10:30 | 12:15 | 1.50`): a start time, not the hours."""
    if _clock_and_zone(span.text) is None:
        return False
    after = [c for c in line.cells if c.box.x0 > span.box.x1]
    figures = all(_DURATION.match(c.text) or _clock_and_zone(c.text) for c in after)
    return bool(after) and figures and _DURATION.match(after[-1].text) is not None


_DURATION = re.compile(r"^\s*\d{1,3}(?:[.,:]\d{1,2})?\s*(h|hrs?|hours?|std\.?|uur|u)?\s*$", re.I)


def _within(line: Line, *, left: float | None = None, right: float | None = None) -> Line | None:
    """The cells of `line` between `left` and `right` (a column of a page split in two
    sections side by side), as a line of their own; None when that column is empty there."""
    if left is None and right is None:
        return line
    cells = [
        c
        for c in line.cells
        if (left is None or c.box.x1 > left) and (right is None or c.box.x0 < right - 2)
    ]
    if not cells:
        return None
    return Line([w for c in cells for w in c.words], line.index, cells)


def _mid_sentence(previous: str, text: str) -> bool:
    """The note's sentence goes on: `... getauscht,` then `Anlage läuft wieder.`, or `...
    signed by the` then `site manager.` (words that also name fields, wrapped)."""
    previous = previous.rstrip()
    if previous.endswith((",", ";", "-")):
        return True
    text = text.strip()
    return not previous.endswith((".", "!", "?", ":")) and text.endswith(".") and ":" not in text


def _filler_note(line: Line, hits: list[LabelHit], lines: list[Line]) -> bool:
    """A lone word under an empty notes label that only looks like the label of a time or
    hours field ("finished", "completed"): that label would carry its value, a number, on
    its line or the next. It is the note, the filler rule 2 looks for. So is a short phrase
    that reads like a notes heading itself ("work carried out")."""
    words = line.text.split()
    if ":" in line.text:
        return False
    if all(hit.field == "notes" for hit in hits) and len(words) <= 4:
        return True  # `work carried out` under `Technician notes`: no heading under a heading
    if len(words) != 1 or not all(hit.field in _NUMERIC_VALUE_FIELDS for hit in hits):
        return False
    following = lines[line.index + 1].text.strip() if line.index + 1 < len(lines) else ""
    return not following[:1].isdigit()


# `No notes entered.`: a form's placeholder for empty notes. A technician's own filler
# (`n/a`, `-`) is what they wrote, and `No issues found` is a note.
_NO_NOTES = re.compile(
    r"^\W*(no|keine|aucune?|geen)\s+(notes?|remarks?|comments?|notizen|bemerkungen|"
    r"remarques?|commentaires?|observations?|opmerkingen)(\s+\w+)?\W*$"
)
_SECOND_HEADING = re.compile(r"([/|&+,]|\b(and|und|et|en))\s*$", re.IGNORECASE)


def _looks_like_label(text: str) -> bool:
    """`Label:`, a few words, or a capitalised heading (`WORK PERFORMED / TECHNICIAN COMMENTS`)."""
    words = text.split()
    return (
        bool(re.match(r"^[^:]{1,40}:", text))
        or len(words) <= 3
        or (len(words) <= 6 and text.isupper())
    )


def _part(ctx: Context, row: Row) -> dict[str, ExtractedField]:
    item: dict[str, ExtractedField] = {}
    for text, box in row.values.get("qty", []):
        value = parse_amount(text.split()[0] if text.split() else text, ctx.style)
        if value is not None:
            item["qty"] = field(value, 0.9, box)
            break
    for text, box in row.values.get("sku", []):
        token = text.strip().split()[0] if text.strip() else ""
        if len(token) >= 2:
            item["sku"] = field(token, 0.85, box)
            break
    desc = [(t, b) for t, b in row.values.get("description", []) if t.strip()]
    if desc:
        box = desc[0][1]
        for _, b in desc[1:2]:
            box = box.union(b)
        text = " ".join(t.strip() for t, _ in desc[:2])
        if "sku" not in item and (coded := bracketed_code(text)):
            item["sku"], text = field(coded[0], 0.8, box), coded[1]
        item["description"] = field(text, 0.85, box)
    if "qty" not in item or ("description" not in item and "sku" not in item):
        return {}
    return item
