"""Finding a labelled value by layout: in the label's cell, to its right, or below it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from triage.extraction.labels import LabelHit, label_at_start, labels_in
from triage.extraction.layout import Box, Cell, Line, Word
from triage.extraction.values import (
    NumberStyle,
    decimal_evidence,
    find_currency,
    find_dates,
    fold,
    parse_amount,
)

RELATION_PRIOR = {"inline": 0.95, "right": 0.9, "below": 0.8}
_SEPARATORS = " \t:#.-–—=|/"


@dataclass(frozen=True)
class Span:
    """Text read from the page and the box it came from."""

    text: str
    box: Box


@dataclass(frozen=True)
class Candidate:
    field: str
    value: str | float
    box: Box
    score: float
    line_index: int
    label: str


@dataclass
class Context:
    """What the whole document says about how to read it."""

    lines: list[Line]
    style: NumberStyle
    day_first: bool | None
    currency: str | None
    ink: tuple[Box, ...] = ()  # freehand strokes and small images (`layout.read_pages`)


def words_after(cell: Cell, folded_end: int) -> list[Word]:
    """The words of `cell` that start at or after character `folded_end` of its text."""
    out: list[Word] = []
    offset = 0
    for word in cell.words:
        if offset >= folded_end:
            out.append(word)
        elif offset + len(word.text) > folded_end:
            rest = word.text[folded_end - offset :].lstrip(_SEPARATORS)
            if rest:
                out.append(Word(rest, word.box))
        offset += len(word.text) + 1
    return out


_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")


def spans_for_label(
    lines: list[Line], line: Line, cell_index: int, hit: LabelHit, *, below: int = 3
) -> Iterator[tuple[str, Span]]:
    """Where a label's value can be: rest of its cell, cells to its right, lines below."""
    cell = line.cells[cell_index]
    rest = words_after(cell, hit.end)
    text = " ".join(w.text for w in rest)
    if _LEADER.search(text):
        # `Appel du client........10.02.2026 à 8h00`: the value is what the dots lead to
        text = _LEADER.split(text)[-1]
        rest = rest[-len(text.split()) :] if text.split() else []
    text = text.strip(_SEPARATORS + " ")
    if rest and text:
        box = rest[0].box
        for w in rest[1:]:
            box = box.union(w.box)
        yield "inline", Span(text, box)
    for right in line.cells[cell_index + 1 :]:
        text, box = right.text, right.box
        if text.count("(") > text.count(")") and (under := _under(lines, line, right)):
            # a value wrapped in its cell: `8:00 AM (UTC-` over `06:00)`
            text, box = (
                text + ("" if text.endswith("-") else " ") + under.text,
                box.union(under.box),
            )
        yield "right", Span(text.strip(_SEPARATORS + " ") or text, box)
    if cell_index == len(line.cells) - 1 and (beside := _offset_right(lines, line, cell)):
        yield "right", Span(beside.text.strip(_SEPARATORS + " ") or beside.text, beside.box)
    label_box, first = cell.box, line.index + 1
    if hit.wrapped and (under := _under(lines, line, cell)) is not None:
        label_box, first = cell.box.union(under.box), first + 1  # below the label's last line
    seen = 0
    for nxt in lines[first : first + 3 * below]:
        if nxt.page != line.page or nxt.box.top - label_box.bottom > 4.0 * label_box.height * (
            seen + 1
        ):
            break
        overlapping = [c for c in nxt.cells if c.box.x_overlap(label_box) > 0]
        if not overlapping and seen == 0 and (card := _card_value(line, cell_index, nxt)):
            overlapping = [card]  # `LABOR HOURS | TRAVEL HOURS` over `2.00 | 1.00`, centred
        if not overlapping:
            continue
        seen += 1
        for c in overlapping:
            yield "below", Span(c.text.strip(_SEPARATORS + " ") or c.text, c.box)
        if seen >= below:
            break


def _offset_right(lines: list[Line], line: Line, cell: Cell) -> Cell | None:
    """The value right of a label that line building put on the line above or below: set in
    a larger font (`Invoice # | SUB-8844` in bold), its middle is a few points off the
    label's, yet the two boxes overlap by most of the label's height."""
    found: Cell | None = None
    for index in (line.index - 1, line.index + 1):
        if not 0 <= index < len(lines) or lines[index].page != line.page:
            continue
        for other in lines[index].cells:
            overlap = min(other.box.bottom, cell.box.bottom) - max(other.box.top, cell.box.top)
            nearer = found is None or other.box.x0 < found.box.x0
            if other.box.x0 > cell.box.x1 and overlap >= 0.6 * cell.box.height and nearer:
                found = other
    return found


def _card_value(line: Line, cell_index: int, below: Line) -> Cell | None:
    """A row of captions without figures over a row of as many values, each value within its
    caption's column (from the caption to the next one) but not under the caption's text:
    cards that centre their value. The value in the label's column."""
    captions, values = line.cells, below.cells
    if len(captions) < 2 or len(values) != len(captions):
        return None
    if any(re.search(r"\d", c.text) for c in captions):
        return None
    edges = [c.box.x0 for c in captions[1:]] + [float("inf")]
    for caption, value, edge in zip(captions, values, edges, strict=True):
        middle = (value.box.x0 + value.box.x1) / 2
        if not caption.box.x0 <= middle < edge:
            return None
    return values[cell_index]


def iter_labels(lines: list[Line], table: int) -> Iterator[tuple[Line, int, LabelHit]]:
    """Every label that starts a cell, then the labels later in the same cell (`... vom <date>`).
    A label that runs on into the next cell (`RAPPORT D'INTERVENTION` | `N° WO-24370`, a title
    set apart from its number) is reported in that next cell, its value after it there."""
    for line in lines:
        for index, cell in enumerate(line.cells):
            hit = label_at_start(cell.text, table)
            if hit is not None:
                yield line, index, hit
            after = hit.end if hit is not None else 0
            for inner in labels_in(cell.text, table):
                if inner.start > after and inner.field != "_ignore":
                    yield line, index, inner
            if index + 1 < len(line.cells):
                joined = label_at_start(f"{cell.text} {line.cells[index + 1].text}", table)
                into = joined.end - len(cell.text) - 1 if joined is not None else 0
                if joined is not None and into > 0 and joined.field != "_ignore":
                    yield line, index + 1, LabelHit(joined.field, joined.label, 0, into)
            wrapped = _wrapped_label(lines, line, cell, table)
            if wrapped is not None and (hit is None or wrapped.field != hit.field):
                yield line, index, wrapped


def _under(lines: list[Line], line: Line, cell: Cell) -> Cell | None:
    """The cell set flush under `cell` on the next line (left, centre or right edges lined
    up, as a column's header wraps), if the next line follows at a line's spacing."""
    if line.index + 1 >= len(lines):
        return None
    nxt = lines[line.index + 1]
    if nxt.page != line.page or nxt.box.top - cell.box.bottom > cell.box.height:
        return None
    box = cell.box
    return next(
        (
            c
            for c in nxt.cells
            if min(
                abs(c.box.x0 - box.x0),
                abs(c.box.x1 - box.x1),
                abs((c.box.x0 + c.box.x1) - (box.x0 + box.x1)) / 2,
            )
            <= 2.0
        ),
        None,
    )


def _wrapped_label(lines: list[Line], line: Line, cell: Cell, table: int) -> LabelHit | None:
    """A label wrapped in its column (`Type` over `d'intervention`, the value beside the first
    line; `Arbeitszeit` over `von`, the value under both): the cell and the cell flush under
    it read as one label that ends in the lower one. Reported also where the upper cell alone
    is another field's label (`Arbeitszeit`, the hours)."""
    under = _under(lines, line, cell)
    if under is None:
        return None
    joined = label_at_start(f"{cell.text} {under.text}", table)
    if joined is None or joined.field == "_ignore" or joined.end <= len(cell.text) + 1:
        return None
    return LabelHit(joined.field, joined.label, 0, len(cell.text), wrapped=True)


def number_style(lines: list[Line]) -> NumberStyle:
    """Decimal comma or point, by counting the amounts that can be read only one way."""
    comma = point = 0
    for line in lines:
        for word in line.words:
            evidence = decimal_evidence(word.text.strip("€$£"))
            if evidence is True:
                comma += 1
            elif evidence is False:
                point += 1
    if comma == point:
        return NumberStyle(None)
    return NumberStyle(comma > point)


_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})(?!\d)")
_TWELVE_HOUR = re.compile(r"\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])", re.IGNORECASE)


def day_first_hint(
    lines: list[Line], currency: str | None, decimal_comma: bool | None = None
) -> bool | None:
    """Whether `03/04/2026` is day-first, from the whole document.

    In order: dates that read only one way; the reading that keeps all the
    document's dates closest together (invoice and due date, report times);
    a 12-hour clock means month-first; a decimal comma, VAT or a European
    country day-first; sales tax, the USA or US dollars month-first.
    """
    votes = 0
    pairs: list[tuple[int, int, int]] = []
    fixed: list[date] = []
    twelve_hour = False
    for line in lines:
        for m in _NUMERIC_DATE.finditer(line.text):
            a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year += 2000 if year < 100 else 0
            if max(a, b) > 31:
                continue  # a bank sort code (`03-96-16`), not a date
            if a > 12 >= b:
                votes += 1
            elif b > 12 >= a:
                votes -= 1
            else:
                pairs.append((a, b, year))
        for found in find_dates(_NUMERIC_DATE.sub(" ", line.text)):
            fixed.append(found.value)
        twelve_hour = twelve_hour or bool(_TWELVE_HOUR.search(line.text))
    if votes:
        return votes > 0
    dmy, mdy = (_spread(pairs, fixed, day_first) for day_first in (True, False))
    if dmy is not None and mdy is not None and abs(dmy - mdy) >= 20:
        return dmy < mdy
    if twelve_hour:
        return False
    folded = fold(" ".join(line.text for line in lines))
    if decimal_comma or _DAY_FIRST_WORDS.search(folded):
        return True
    if _MONTH_FIRST_WORDS.search(folded):
        return False
    return currency != "USD"


_MONTH_FIRST_WORDS = re.compile(
    r"(?<![a-z])(sales tax|usa|u\.s\.a\.|united states|zip code)(?![a-z])"
)
_DAY_FIRST_WORDS = re.compile(
    r"(?<![a-z])(vat|mwst|ust|tva|btw|iva|moms|united kingdom|deutschland|germany|france|"
    r"nederland|netherlands|belgique|belgie|osterreich|austria|schweiz|suisse|switzerland)"
    r"(?![a-z])"
)


def _spread(pairs: list[tuple[int, int, int]], fixed: list[date], day_first: bool) -> int | None:
    """Days between the earliest and the latest date under one reading of ambiguous dates."""
    days = list(fixed)
    for a, b, year in pairs:
        day, month = (a, b) if day_first else (b, a)
        try:
            days.append(date(year, month, day))
        except ValueError:
            return None
    if len(days) < 2 or not pairs:
        return None
    return (max(days) - min(days)).days


def document_currency(lines: list[Line]) -> tuple[str | None, float]:
    """The most frequent currency code or symbol, and how dominant it is."""
    counts: dict[str, int] = {}
    for line in lines:
        for cell in line.cells:
            code = find_currency(cell.text)
            if code:
                counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None, 0.0
    best = max(counts, key=lambda k: counts[k])
    return best, counts[best] / sum(counts.values())


_TOKEN_WITH_DIGIT = re.compile(r"[A-Za-z0-9#][\w/.\-#_]*\d[\w/.\-_]*|\d")
_NUMBER_WORDS = {"nr", "no", "n°", "number", "num", "numero", "nummer", "#", "n", "o"}


def parse_identifier(text: str) -> str | None:
    """The first token that carries a digit: `INV-2026-10311`, `#BLR_WF2015`, `471102`."""
    tokens = text.replace(":", " ").split()
    while tokens and (
        fold(tokens[0]).strip(".:#°") in _NUMBER_WORDS | {""} or re.fullmatch(r"\(.*\)", tokens[0])
    ):
        tokens = tokens[1:]
    if not tokens:
        return None
    token = tokens[0].strip(".,;:()")
    if not any(ch.isdigit() for ch in token) or len(token) > 40:
        return None
    if find_dates(token) or re.fullmatch(r"-?\d{1,3}([.,]\d{3})*[.,]\d{2}", token):
        return None
    if re.fullmatch(r"\d{1,3}(?:[.,]\d+)?%", token):
        return None  # `21%`: a rate, not a number that names something
    return token


def parse_money(text: str, style: NumberStyle) -> float | None:
    """An amount in a cell, ignoring percentages and taking the last number when several."""
    cleaned = re.sub(r"\d+(?:[.,]\d+)?\s*%", " ", text)
    for found in reversed(find_dates(cleaned)):
        cleaned = cleaned[: found.start] + " " + cleaned[found.end :]
    if sum(ch.isalpha() for ch in cleaned) > 14 or re.search(r"[A-Z]{2}\d{6,}", cleaned):
        return None
    value = parse_amount(cleaned, style)
    if value is not None:
        return value
    tokens = cleaned.split()
    for size in (3, 2, 1):
        for start in range(len(tokens) - size, -1, -1):
            chunk = " ".join(tokens[start : start + size])
            if not re.search(r"\d", chunk):
                continue
            value = parse_amount(chunk, style)
            if value is not None and (size == 1 or re.search(r"[.,]\d{2}\b", chunk)):
                return value
    return None


def parse_percent(text: str, style: NumberStyle) -> float | None:
    match = re.search(r"(\d{1,2}(?:[.,]\d{1,3})?)\s*%", text)
    if not match:
        return None
    value = parse_amount(match.group(1), NumberStyle(match.group(1).count(",") > 0))
    return None if value is None else round(value / 100, 5)


LEGAL_FORM = re.compile(
    r"\b(GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|OHG|e\.\s?K\.|UG|SARL|S\.A\.R\.L\.|SAS|SA|S\.A\.|EURL|"
    r"B\.V\.|BV|N\.V\.|NV|Ltd\.?|Limited|LLC|L\.L\.C\.|Inc\.?|Corp\.?|Corporation|PLC|plc|GbR|"
    r"Co\.|& Co|Services|Solutions|Technik|Service|LP|L\.P\.|LLP|OG|KGaA|SE|GesmbH|Ges\.m\.b\.H\.|"
    r"e\.U\.|S\.p\.A\.|SpA|S\.r\.l\.|Srl|SRL|S\.L\.|SL|Oy|AB|ApS|A/S|AS|ASA|Pty\.? Ltd\.?|"
    r"Sàrl|SNC|VOF|V\.O\.F\.|CV|C\.V\.|BVBA|SPRL|sp\. z o\.o\.|s\.r\.o\.|Kft\.?)(?![\w])",
)
LEGAL_FORM_CI = re.compile(r"\b(gmbh|sarl|b\.v\.|ltd|llc|inc)\b", re.IGNORECASE)
_KEY_VALUE = re.compile(r"^\s*([^:]{1,30}?)\s*:\s*(.*)$")
_NAME_KEYS = {"name", "firma", "company", "nom", "naam", "raison sociale", "bedrijf"}


def company_in(text: str) -> str | None:
    """The company name in a line such as `Au bon moulin SARL - 12 chemin ... - France`; a
    legal form or `Service` alone (a tagline's `Service · Maintenance · Repairs`) names none."""
    for part in re.split(r"\s+[-–|·•]\s+|\s{3,}", text):
        form = LEGAL_FORM.search(part) or LEGAL_FORM_CI.search(part)
        if form and re.search(r"[^\W\d_]", part[: form.start()] + part[form.end() :]):
            return part.strip(" ,;")
    return None


def name_below(
    lines: list[Line], line: Line, cell: Cell, skip: frozenset[int] | set[int] = frozenset()
) -> Span | None:
    """The first name-like line under a party label (`Name: X` wins, `Nummer: 123` is skipped).

    Lines in `skip` (an item table) end the search.
    """
    anchor = cell.box
    for nxt in lines[line.index + 1 : line.index + 9]:
        if nxt.index in skip:
            return None
        if nxt.page != line.page or nxt.box.top - anchor.bottom > 9 * max(anchor.height, 8):
            return None
        cells = [c for c in nxt.cells if abs(c.box.x0 - anchor.x0) < 40 or c.box.x_overlap(anchor)]
        if not cells:
            continue
        target = cells[0]
        following = nxt.cells[nxt.cells.index(target) + 1 :]
        text = target.text.strip()
        if following and (text.endswith(":") or following[0].text.startswith(":")):
            text = (text.rstrip(": ") + ": " + following[0].text.lstrip(": ")).strip()
            target = Cell(target.words + following[0].words)
        kv = _KEY_VALUE.match(text)
        if kv:
            if fold(kv.group(1)).strip(" .") in _NAME_KEYS and kv.group(2).strip():
                return Span(kv.group(2).strip(), target.box)
            continue
        party = label_at_start(text, 2)
        if party is not None and (
            not fold(text)[party.end :].strip(_SEPARATORS + " ")
            or (len(text.split()) <= 2 and company_in(text) is None)
        ):
            continue
        letters = sum(ch.isalpha() for ch in text)
        if letters < 3 or re.match(r"^(GLN|GTIN|ILN|EAN|VAT|USt|TVA|BTW|Tel|Fax)\b", text, re.I):
            continue
        return Span(text, target.box)
    return None


def _box_of(words: list[Word]) -> Box | None:
    if not words:
        return None
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    return box
