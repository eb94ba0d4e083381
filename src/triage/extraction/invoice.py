"""Invoice fields and line items from labelled layout, checked by arithmetic."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from triage.domain.vocab import CHANGE_ORDER
from triage.extraction.fields import (
    RELATION_PRIOR,
    Candidate,
    Context,
    company_in,
    iter_labels,
    name_below,
    parse_identifier,
    parse_money,
    parse_percent,
    spans_for_label,
)
from triage.extraction.items import NUMBER_SIGN, Item, arithmetic_items, code_in_text
from triage.extraction.labels import (
    INVOICE,
    PARTY,
    REPORT,
    LabelHit,
    label_at_start,
    labels_in,
)
from triage.extraction.layout import Box, Cell, Line, Word
from triage.extraction.model import ExtractedField
from triage.extraction.tables import LABELLED as LABELLED_TEXT
from triage.extraction.tables import Row, Table, find_tables
from triage.extraction.values import (
    NumberStyle,
    find_currency,
    find_dates,
    fold,
    parse_amount,
    unligature,
)

LINE_COLUMNS = frozenset({"qty", "unit_price", "amount", "description", "sku"})
STANDARD_RATES = (
    0.0,
    0.025,
    0.05,
    0.055,
    0.06,
    0.07,
    0.0725,
    0.077,
    0.08,
    0.081,
    0.0825,
    0.08875,
    0.09,
    0.1,
    0.13,
    0.16,
    0.19,
    0.2,
    0.21,
    0.22,
)
_BAD_PARTY_START = re.compile(
    r"^(number|no\.?|nr\.?|id|vat|ref|reference|nummer|numero|code|account|n°|tax|ust|tva|btw)\b",
    re.IGNORECASE,
)


def field(value: str | float | bool | None, confidence: float, box: Box) -> ExtractedField:
    return ExtractedField(
        value=value,
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
        page=box.page,
        bbox=box.bbox(),
    )


def label_weight(label: str) -> float:
    """Longer labels are more specific: "rechnungsnummer" beats "invoice"."""
    return 0.7 + 0.3 * min(1.0, len(label) / 14)


@dataclass
class Money:
    value: float
    score: float
    box: Box
    line: int


def extract_invoice(
    ctx: Context,
) -> tuple[dict[str, ExtractedField], list[dict[str, ExtractedField]]]:
    lines = ctx.lines
    tables = find_tables(lines, LINE_COLUMNS)
    table_lines = _table_line_set(tables)
    free = [line for line in lines if line.index not in table_lines]
    candidates = _label_candidates(ctx, free)
    _title_candidates(ctx, free, candidates)
    _grid_candidates(ctx, free, candidates)
    out: dict[str, ExtractedField] = {}
    for name in ("number", "po_number"):
        best = _best(candidates.get(name, []))
        if best is not None:
            out[name] = field(best.value, best.score, best.box)
    date = _best(candidates.get("date", []))
    if date is not None:
        out["date"] = field(date.value, date.score, date.box)
    _currency(ctx, candidates, out)
    work_order = _work_order(ctx, free)
    if work_order is not None:
        out["work_order_id"] = field(work_order.value, work_order.score, work_order.box)
    items = [_line_item(ctx, row) for table in tables for row in table.rows]
    items = [item for item in items if item]
    if not items:
        items = [_arithmetic_item(found) for found in arithmetic_items(free, ctx.style)]
    _amounts(ctx, candidates, items, out)
    _parties(lines, out, table_lines)
    return out, items


def _table_line_set(tables: list[Table]) -> set[int]:
    taken: set[int] = set()
    for table in tables:
        taken.update(table.header_lines)
        for row in table.rows:
            taken.add(row.anchor)
            taken.update(row.text_lines)
    return taken


def _label_candidates(ctx: Context, lines: list[Line]) -> dict[str, list[Candidate]]:
    found: dict[str, list[Candidate]] = {}
    total_lines = max(len(ctx.lines), 1)
    for line, cell_index, hit in iter_labels(lines, INVOICE):
        if hit.field == "_ignore":
            continue
        if hit.start > 0 and _QUALIFIED.search(fold(line.cells[cell_index].text)[: hit.start]):
            continue
        if hit.field == "total" and _NET_QUALIFIER.search(
            fold(line.cells[cell_index].text)[hit.end : hit.end + 30]
        ):
            hit = LabelHit("subtotal", hit.label, hit.start, hit.end)
        weight = label_weight(hit.label)
        walled = False  # a label met to the right: the cells past it are not this one's
        for relation, span in spans_for_label(ctx.lines, line, cell_index, hit):
            value: str | float | None
            prior = RELATION_PRIOR[relation] * weight
            if relation == "below" and hit.field == "number" and _label_row(line):
                prior *= 1.15
            if hit.field in ("number", "po_number"):
                if relation != "below" and _BLANK.match(span.text):
                    break  # `Ihre Bestellung –`: printed empty, the table below is not it
                if relation == "right" and (
                    walled
                    or any(
                        (other := label_at_start(span.text, t)) and other.field != "_ignore"
                        for t in (INVOICE, REPORT)
                    )
                ):
                    # `Ihre Bestell-Nr. | Auftrags-Nr. | WO-…`: its cell left empty, the next
                    # label's value is not its own (a value under it still may be)
                    walled = True
                    continue
                if relation == "below" and (
                    hit.start > 0 or fold(line.cells[cell_index].text)[hit.end :].strip(" :.#")
                ):
                    continue
                if (
                    relation == "below"
                    and len(hit.label) < 8
                    and not _label_row(line)
                    and not (
                        _lone_identifier(span.text)
                        and span.box.top - line.box.bottom < 1.5 * line.box.height
                    )
                ):
                    continue
                value = parse_identifier(span.text)
                if hit.field == "number" and hit.label in (
                    "invoice",
                    "rechnung",
                    "facture",
                    "factuur",
                ):
                    prior *= 0.8
            elif hit.field == "date":
                if _COUNTED_FROM.search(fold(line.cells[cell_index].text)[: hit.start]):
                    break  # `à 30 jours date de facture, soit le 15 mars`: the due date
                if hit.label in _AFTER_NUMBER_LABELS and not _follows_number(
                    line.cells[cell_index].text, hit.start
                ):
                    continue
                dates = find_dates(span.text, day_first=ctx.day_first)
                if not dates:
                    continue
                first = dates[0]
                value = first.value.isoformat()
                if first.ambiguous:
                    prior *= 0.8
            elif hit.field == "currency":
                value = find_currency(span.text)
            elif hit.field == "tax_rate":
                rate = parse_percent(span.text, ctx.style)
                if rate is None:
                    number = parse_amount(span.text, ctx.style)
                    rate = number / 100 if number is not None and 0 <= number < 30 else None
                value = rate
            else:
                if relation == "below" and not _MONEY_TEXT.search(span.text):
                    continue
                value = parse_money(span.text, ctx.style)
                if value is not None and hit.field in ("subtotal", "tax", "total"):
                    prior *= 0.9 + 0.1 * line.index / total_lines
            if value is None or value == "":
                continue
            found.setdefault(hit.field, []).append(
                Candidate(hit.field, value, span.box, prior, line.index, hit.label)
            )
            if hit.field in ("number", "po_number", "date", "currency", "tax_rate"):
                break
        if hit.field == "tax":
            rate = parse_percent(line.text, ctx.style)
            if rate is not None:
                found.setdefault("_printed_rate", []).append(
                    Candidate("tax_rate", rate, line.box, 0.85, line.index, hit.label)
                )
    return found


# the words that title an invoice or a credit note
_TITLE_WORD = r"(rechnung|gutschrift|invoice|credit note|facture|avoir|factuur|creditnota)"
_TITLE = re.compile(
    rf"(?<![a-z]){_TITLE_WORD}"
    r"(?![a-z0-9_])(?P<between>[^:]{0,60}?)(?<![a-z0-9_])(?:nr|no|n°|nummer|number|num)"
    r"(?![a-z_])\.?\s*[:#]?\s*"
    r"(?P<id>[^\s]*\d[^\s]*)(?:\s+(?:vom|dated|du|van|of)(?:\s+(?P<rest>.*))?)?$"
)
_DATED = re.compile(r"^\s*(vom|dated|du|van|of)\s+")
_NOT_INVOICE = re.compile(r"bestell|order|commande|auftrag|lieferschein|delivery|vertrag|contract")


_BARE_TITLE = re.compile(rf"(tax )?{_TITLE_WORD}")
_SIGNED_NUMBER = re.compile(r"(n°|no\.?|nr\.?|#)\s*[^\s]*\d[^\s]*")


def _signed_number(ctx: Context, line: Line) -> Candidate | None:
    """`FACTURE` beside or above `N° INV-2026-31530` (up to three lines under it, in its
    column): a title set apart from a cell that is only a number sign and a code. A number
    sign elsewhere (`Équipement : … n° A-9130`) is not the invoice's."""
    titles = [c for c in line.cells if _BARE_TITLE.fullmatch(fold(_closed_up(c.text)).strip())]
    if not titles:
        return None
    near = _signed_cells(line)
    below = [n for n in ctx.lines[line.index + 1 : line.index + 4] if n.page == line.page]
    if below:
        near += _signed_cells(below[0])[:1]
    # under a title set to one side, the lines between belong to the other (the sender)
    near += [
        c
        for n in below
        for c in _signed_cells(n)
        if any(min(c.box.x1, t.box.x1) > max(c.box.x0, t.box.x0) for t in titles)
    ]
    for cell in near:
        if _SIGNED_NUMBER.fullmatch(fold(cell.text).strip()):
            ident = parse_identifier(cell.text)
            if ident is not None:
                return Candidate("number", ident, cell.box, 0.8, line.index, "title")
    return None


def _signed_cells(line: Line) -> list[Cell]:
    """The line's cells, a cell that is only a number sign joined to the cell after it
    (`N°` | `INV-2026-31530`, set in a box's two columns)."""
    cells: list[Cell] = []
    for cell in line.cells:
        if cells and NUMBER_SIGN.match(cells[-1].text.strip()):
            cells[-1] = Cell([*cells[-1].words, *cell.words])
        else:
            cells.append(cell)
    return cells


# `F A C T U R E`, `FA C T U R E`: a title set with wide letter spacing, each letter a word
_SPACED_LETTERS = re.compile(r"^(?:[^\W\d_]{1,2} ){3,}[^\W\d_]{1,2}$")


def _closed_up(text: str) -> str:
    """A title's letters spaced out into words, closed up again (other text unchanged)."""
    stripped = text.strip()
    return stripped.replace(" ", "") if _SPACED_LETTERS.match(stripped) else text


def _dated_number(ctx: Context, number: Candidate | None) -> Candidate | None:
    """`N° INV-2026-31901` over `du 11.02.2026` under a title: the number's date."""
    if number is None:
        return None
    box = number.box
    under = [
        c
        for n in ctx.lines
        if n.page == box.page and 0 <= n.box.top - box.bottom < box.height
        for c in n.cells
        if c.box.x_overlap(box) > 0
    ]
    for cell in under:
        dated = _DATED.match(fold(cell.text))
        dates = find_dates(cell.text[dated.end() :], day_first=ctx.day_first) if dated else []
        if dates:
            value = dates[0].value.isoformat()
            return Candidate("date", value, cell.box, 0.85, number.line_index, "title")
    return None


# a letter's dateline: `Zürich, 5. Februar 2026`, `Lyon, le 13 février 2026`
_DATELINE = re.compile(r"([^\W\d_][^\W\d]*(?:[ .'’-]+[^\W\d]+){0,3}),\s*(le |den |am )?")


def _dateline(ctx: Context, line: Line) -> Candidate | None:
    """A line that is only a place and a date dates the letter: the invoice date where no
    label names one (its prior is below every labelled date's)."""
    text = line.text.strip()
    match = _DATELINE.match(fold(text))
    if match is None:
        return None
    dates = find_dates(text[match.end() :], day_first=ctx.day_first)
    if len(dates) != 1 or dates[0].start > 0 or len(text) - match.end() - dates[0].end > 1:
        return None
    return Candidate("date", dates[0].value.isoformat(), line.box, 0.6, line.index, "dateline")


def _title_candidates(ctx: Context, lines: list[Line], found: dict[str, list[Candidate]]) -> None:
    """`Gutschrift (…) Nr. 471102 vom 05.03.2018`: a document title that names number and date.
    Also a title set apart from its number (`_signed_number`) and a letter's dateline."""
    for line in lines:
        number = _signed_number(ctx, line)
        for candidate in (number, _dateline(ctx, line), _dated_number(ctx, number)):
            if candidate is not None:
                found.setdefault(candidate.field, []).append(candidate)
        folded = fold(line.text)
        match = _TITLE.search(folded)
        if match is None or _NOT_INVOICE.search(match.group("between")):
            continue
        ident = parse_identifier(line.text[match.start("id") : match.end("id")])
        if ident is None:
            continue
        found.setdefault("number", []).append(
            Candidate("number", ident, line.box, 0.85, line.index, "title")
        )
        rest = line.text[match.start("rest") :] if match.group("rest") is not None else ""
        box = line.box
        following = line.index + 1
        if (
            match.group("rest") is None
            and following < len(ctx.lines)
            and ctx.lines[following].page == line.page
        ):
            nxt = ctx.lines[following]
            dated = _DATED.match(fold(nxt.text))
            if folded.rstrip().endswith(("vom", "dated", "du", "van")):
                rest, box = nxt.text, nxt.box
            elif dated:
                rest, box = nxt.text[dated.end() :], nxt.box
        dates = find_dates(rest, day_first=ctx.day_first) if rest else []
        if dates and dates[0].start < 3:
            found.setdefault("date", []).append(
                Candidate("date", dates[0].value.isoformat(), box, 0.85, line.index, "title")
            )


_AMOUNT_WORD = re.compile(
    r"(?<![a-z])(montant|amount|betrag|bedrag|total|totaal|summe|sum|prix|price|preis|prijs)"
)
_HEADER_QUALIFIERS = (
    ("subtotal", re.compile(r"(?<![a-z])(ht|net|netto|excl|exkl|ohne|hors|grondslag)(?![a-z])")),
    ("total", re.compile(r"(?<![a-z])(ttc|brut|brutto|gross|incl|inkl)(?![a-z])")),
    ("tax", re.compile(r"(?<![a-z])(tva|btw|mwst|vat|tax|ust|gst)(?![a-z])")),
)


def _amount_header(text: str) -> str | None:
    """What a column of amounts holds, from its header: `Montant EUR HT` -> subtotal."""
    folded = fold(text)
    hits = [h for h in labels_in(text, INVOICE) if h.field in ("subtotal", "tax", "total")]
    if len(hits) == 1 and not _AMOUNT_WORD.search(folded[: hits[0].start]):
        return hits[0].field
    if _AMOUNT_WORD.search(folded) or hits:
        for name, pattern in _HEADER_QUALIFIERS:
            if pattern.search(folded):
                return name
    return hits[0].field if hits else None


def _grid_candidates(ctx: Context, lines: list[Line], found: dict[str, list[Candidate]]) -> None:
    """Totals printed as a grid: amounts under column headers (`Montant HT | TVA | TTC`)."""
    for position, line in enumerate(lines):
        numbers = [c for c in line.cells if _is_money_cell(c.text, ctx)]
        if len(numbers) < 2:
            continue
        for cell in numbers:
            for above in reversed(lines[max(0, position - 8) : position]):
                if above.page != line.page:
                    break
                heads = [
                    h
                    for h in above.cells
                    if h.box.x_overlap(cell.box) > 0 and not _is_money_cell(h.text, ctx)
                ]
                if not heads:
                    continue
                name = _amount_header(_header_part(heads[0], cell.box))
                if name is not None:
                    value = parse_money(cell.text, ctx.style)
                    if value is not None:
                        found.setdefault(name, []).append(
                            Candidate(name, value, cell.box, 0.8, line.index, "grid")
                        )
                break


def _header_part(head: Cell, under: Box) -> str:
    """The words of a header cell that name the column at `under` (`Grondslag | BTW bedrag`)."""
    hits = [h for h in labels_in(head.text, INVOICE) if h.field in ("subtotal", "tax", "total")]
    if len(hits) < 2:
        return head.text
    offsets: list[tuple[int, int, Word]] = []
    position = 0
    for word in head.words:
        offsets.append((position, position + len(word.text), word))
        position += len(word.text) + 1
    centre = (under.x0 + under.x1) / 2

    def distance(hit: LabelHit) -> float:
        words = [w for s, e, w in offsets if s < hit.end and e > hit.start]
        if not words:
            return float("inf")
        return min(abs((w.box.x0 + w.box.x1) / 2 - centre) for w in words)

    best = min(hits, key=distance)
    return head.text[best.start : best.end]


def _is_money_cell(text: str, ctx: Context) -> bool:
    return bool(re.search(r"\d[.,]\d{2}(?!\d)", text)) and parse_money(text, ctx.style) is not None


_QUALIFIED = re.compile(
    r"(\(|(?<![a-z])(inkl|incl|excl|exkl|ohne|zzgl|hors|exclusief|inclusief|including|"
    r"excluding|without|with))\.?\s*$"
)
# payment terms counted from the invoice date: `30 days from invoice date`, `14 Tage nach
# Rechnungsdatum`, `à 30 jours date de facture`; the date printed after it is the due date
_COUNTED_FROM = re.compile(
    r"\b(days?|tagen?|jours?|dagen|dias|giorni)\s+(from|after|of|nach|ab|a compter de|na|van)?"
    r"\s*(the\s+)?$"
)
_MONEY_TEXT = re.compile(r"\d[.,]\d{2}(?!\d)|[€$£¥₹]|(?<![A-Z])[A-Z]{3}\s*-?\d")

_NET_QUALIFIER = re.compile(
    r"^\W*(netto|net|excl|exkl|ohne|hors|before tax|ht|hors taxes|zonder|exclusief)(?![a-z])"
    r"|^\W*\((excl|exkl|ohne|net|hors)"
)

_AFTER_NUMBER_LABELS = frozenset({"vom", "dated"})
_BLANK = re.compile(r"^\s*([-–—_/]+|n/?a|none|keine|kein|aucune?|geen|sans)\s*$", re.IGNORECASE)


def _follows_number(text: str, start: int) -> bool:
    """`Rechnung Nr. 471102 vom <date>`: a bare "vom"/"dated" dates the invoice after its number.

    Other "vom" dates (`Version 2.1 vom …`, `gemäß Bestellung vom …`) are not the invoice date.
    """
    folded = fold(text)
    for hit in labels_in(text, INVOICE):
        if hit.field == "number" and hit.end <= start:
            between = folded[hit.end : start]
            if parse_identifier(text[hit.end : start]) is not None and len(between) < 40:
                return True
    return False


def _work_order(ctx: Context, lines: list[Line]) -> Candidate | None:
    """The work order an invoice bills, when it prints one (`Work order: WO-…`, `Auftrag`)."""
    found: list[Candidate] = []
    for line, cell_index, hit in itertools.chain(
        iter_labels(lines, REPORT), _bare_labels(lines, _BARE_WORK_ORDER)
    ):
        if hit.field != "work_order_id":
            continue
        for relation, span in spans_for_label(ctx.lines, line, cell_index, hit, below=1):
            ident = parse_identifier(span.text)
            if ident is not None:
                score = RELATION_PRIOR[relation] * label_weight(hit.label)
                found.append(Candidate(hit.field, ident, span.box, score, line.index, hit.label))
                break
    return _best(found)


def _lone_identifier(text: str) -> bool:
    """A cell that is just one code with a digit (`# INV-0815` under an `Invoice` title)."""
    tokens = text.split()
    return len(tokens) == 1 and len(tokens[0]) >= 4 and any(ch.isdigit() for ch in tokens[0])


def _label_row(line: Line) -> bool:
    """A row of column labels with their values on the line below (`Klant | Order | Factuur`)."""
    labelled = sum(1 for cell in line.cells if label_at_start(cell.text, INVOICE) is not None)
    return len(line.cells) >= 3 and labelled >= 2 and not re.search(r"\d", line.text)


def _best(candidates: list[Candidate]) -> Candidate | None:
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.score, -c.line_index))


def _currency(
    ctx: Context, candidates: dict[str, list[Candidate]], out: dict[str, ExtractedField]
) -> None:
    best = _best(candidates.get("currency", []))
    if best is not None:
        out["currency"] = field(best.value, best.score, best.box)
        return
    if ctx.currency is None:
        return
    for line in ctx.lines:
        for cell in line.cells:
            if find_currency(cell.text) == ctx.currency:
                out["currency"] = field(ctx.currency, 0.85, cell.box)
                return


def _amounts(
    ctx: Context,
    candidates: dict[str, list[Candidate]],
    items: list[dict[str, ExtractedField]],
    out: dict[str, ExtractedField],
) -> None:
    """Choose subtotal, tax and total together so that they add up, as far as the page allows."""
    pools: dict[str, list[Money | None]] = {}
    for name in ("subtotal", "tax", "total"):
        ranked = sorted(candidates.get(name, []), key=lambda c: -c.score)
        unique: list[Money | None] = []
        seen: set[tuple[float, int]] = set()
        for c in ranked:
            assert isinstance(c.value, float)
            key = (round(c.value, 2), c.line_index)
            if key in seen:
                continue
            seen.add(key)
            unique.append(Money(c.value, c.score, c.box, c.line_index))
            if len(unique) >= 8:
                break
        pools[name] = [*unique, None]
    amounts = [it["amount"].value for it in items if "amount" in it]
    lines_sum = round(sum(a for a in amounts if isinstance(a, float)), 2) if amounts else None
    best_score = -1.0
    best: tuple[Money | None, Money | None, Money | None] = (None, None, None)
    for sub, tax, total in itertools.product(pools["subtotal"], pools["tax"], pools["total"]):
        score = sum(m.score for m in (sub, tax, total) if m is not None)
        if sub and tax and total and abs(sub.value + tax.value - total.value) <= 0.011:
            score += 1.5
        if sub and lines_sum is not None and abs(sub.value - lines_sum) <= 0.011:
            score += 0.6
        elif total and not sub and not tax and lines_sum is not None:
            score += 0.4 if abs(total.value - lines_sum) <= 0.011 else 0.0
        if sub and total and sub.value > total.value + 0.011 and total.value >= 0:
            score -= 1.0
        if sub and total and abs(sub.value) < 0.005 < abs(total.value):
            score -= 1.0
        if sub and tax and total and sub.line == tax.line == total.line:
            score -= 0.5
        tie_broken = score + (total.value if total else 0.0) * 1e-9
        if tie_broken > best_score:
            best_score, best = tie_broken, (sub, tax, total)
    sub, tax, total = best
    if sub is None and total is not None and _untaxed(tax, total, lines_sum):
        sub = Money(total.value, 0.6, total.box, total.line)
    consistent = bool(sub and tax and total and abs(sub.value + tax.value - total.value) <= 0.011)
    for name, money in (("subtotal", sub), ("tax", tax), ("total", total)):
        if money is None:
            continue
        confidence = money.score
        if consistent:
            confidence = max(confidence, 0.97)
        elif sub and tax and total:
            confidence *= 0.6
        if name == "subtotal" and lines_sum is not None:
            confidence = (
                max(confidence, 0.95) if abs(money.value - lines_sum) <= 0.011 else confidence
            )
        out[name] = field(round(money.value, 2), confidence, money.box)
    _tax_rate(ctx, candidates, sub, tax, out)


_WORD = re.compile(r"[^\W\d_]{2,}")
_PROSE_WORDS = 6  # a line with this many words is a sentence: payment terms, not a rate


def _percentages(ctx: Context) -> set[float]:
    """Every percentage printed as a figure in the document, as a fraction: a sentence's
    percentage ("a finance charge of 1.5% per month", "2 % Skonto bei Zahlung binnen 10
    Tagen") states terms and does not make the tax rate ambiguous."""
    found: set[float] = set()
    for line in ctx.lines:
        if len(_WORD.findall(line.text)) >= _PROSE_WORDS:
            continue
        for match in re.finditer(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)\s*%", line.text):
            value = parse_amount(match.group(1), NumberStyle(match.group(1).count(",") > 0))
            if value is not None:
                found.add(round(value / 100, 5))
    return found


def _untaxed(tax: Money | None, total: Money, lines_sum: float | None) -> bool:
    """No VAT on this invoice (tax printed as 0, or lines add up to the total): net = total."""
    if tax is not None:
        return abs(tax.value) <= 0.005
    return lines_sum is not None and abs(lines_sum - total.value) <= 0.011


def _tax_rate(
    ctx: Context,
    candidates: dict[str, list[Candidate]],
    sub: Money | None,
    tax: Money | None,
    out: dict[str, ExtractedField],
) -> None:
    printed = candidates.get("tax_rate", []) + candidates.get("_printed_rate", [])
    rates = {round(float(c.value), 5) for c in printed}
    if sub and tax and sub.value:
        for c in sorted(printed, key=lambda c: -c.score):
            rate = float(c.value)
            if abs(sub.value * rate - tax.value) <= 0.011 + 0.005 * abs(sub.value) * 0.001:
                out["tax_rate"] = field(rate, 0.97, c.box)
                return
        for rate in STANDARD_RATES:
            if abs(round(sub.value * rate, 2) - tax.value) <= 0.011 and (
                not rates or rate in rates
            ):
                out["tax_rate"] = field(rate, 0.8 if rates else 0.7, tax.box)
                return
        if not rates and tax.value > 0:
            near = min(STANDARD_RATES, key=lambda r: abs(sub.value * r - tax.value))
            if abs(sub.value * near - tax.value) <= 0.005 * tax.value + 0.05:
                out["tax_rate"] = field(near, 0.55, tax.box)
            return
        if len(rates) != 1 or _percentages(ctx) - rates:
            return
    if len(rates) == 1:
        best = max(printed, key=lambda c: c.score)
        out["tax_rate"] = field(float(best.value), 0.6, best.box)


# words that head a block only when they stand alone (`VON` | `AN` over two addresses, `JOB`
# over the work order): anywhere else they are prepositions, names or prose (`An der Alster
# 4`, `Van Dijk B.V.`, `Job done`)
_BARE_PARTY = {"to": "bill_to", "an": "bill_to", "aan": "bill_to", "von": "issuer", "van": "issuer"}
_BARE_WORK_ORDER = {"job": "work_order_id"}


# `DE` (French, Spanish) and `DA` (Italian) alone are also country codes and prepositions:
# they head the seller's block only beside the buyer's label (`DE | FACTURÉ À`)
_BARE_SELLER_BESIDE_BUYER = {"de": "issuer", "da": "issuer"}


def _bare_labels(lines: list[Line], words: dict[str, str]) -> Iterator[tuple[Line, int, LabelHit]]:
    for line in lines:
        for index, cell in enumerate(line.cells):
            word = fold(cell.text).strip(" :")
            if word in words:
                yield line, index, LabelHit(words[word], word, 0, len(cell.text))


def _beside_buyer(lines: list[Line]) -> Iterator[tuple[Line, int, LabelHit]]:
    for line, index, hit in _bare_labels(lines, _BARE_SELLER_BESIDE_BUYER):
        labels = (label_at_start(c.text, PARTY) for i, c in enumerate(line.cells) if i != index)
        if any(label is not None and label.field == "bill_to" for label in labels):
            yield line, index, hit


def _parties(lines: list[Line], out: dict[str, ExtractedField], skip: set[int]) -> None:
    """Seller and buyer from their labels: the name after the label, to its right or below.

    Item-table lines are never a party's name; a label inside a sentence
    (`Invoice to pay by wire transfer…`) is not a party label.
    """
    blocked: set[int] = set()
    for line, cell_index, hit in itertools.chain(
        iter_labels(lines, PARTY), _bare_labels(lines, _BARE_PARTY), _beside_buyer(lines)
    ):
        if (
            hit.field in out
            or hit.field[0] == "_"
            or cell_index > 2
            or hit.start > 0
            or line.index in skip
        ):
            continue
        cell = line.cells[cell_index]
        raw_rest = cell.text[hit.end :]
        rest = fold(raw_rest).strip(" :.-")
        if rest:
            text = raw_rest.strip(" :.-")
            if _party_name(text, labelled=raw_rest.lstrip().startswith(":")):
                out[hit.field] = field(text, 0.8, cell.box)
                blocked.update(range(line.index, line.index + 6))
            continue
        right = line.cells[cell_index + 1] if cell_index + 1 < len(line.cells) else None
        if (
            right is not None
            and right.box.x0 - cell.box.x1 < 120
            and _party_name(right.text.strip(" :"), labelled=True)
        ) and not any(label_at_start(right.text, table) for table in (PARTY, INVOICE, REPORT)):
            out[hit.field] = field(right.text.strip(" :"), 0.8, right.box)
            blocked.update(range(line.index, line.index + 6))
            continue
        span = name_below(lines, line, cell, skip)
        if span is not None:
            out[hit.field] = field(span.text, 0.85, span.box)
            blocked.update(range(line.index, line.index + 6))
    if "issuer" not in out:
        bill_to = out.get("bill_to")
        buyer = str(bill_to.value) if bill_to is not None else None
        guess = _guess_issuer(lines, blocked, skip, buyer)
        if guess is not None:
            out["issuer"] = guess
    if "bill_to" not in out:
        seller = out.get("issuer")
        window = _window_address(lines, skip, str(seller.value) if seller is not None else "")
        if window is not None:
            out["bill_to"] = field(window.text, 0.6, window.box)


# the last line of a postal address: `44147 Dortmund`, `F-69002 Lyon`, `1012 AB Amsterdam`,
# `Springfield, IL 62704`, `London SW1A 1AA`
_POSTAL = re.compile(
    r"^([a-z]{1,2}-)?\d{4,5}( ?[a-z]{2})?\s+[^\W\d]"
    r"|^[^\W\d][^,]*,\s*[a-z]{2}\s+\d{5}(-\d{4})?$"
    r"|^[^\W\d][^\d]*\s[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}$"
)


def _window_address(lines: list[Line], skip: set[int], seller: str) -> Cell | None:
    """The addressee in a letter's window when no label names the buyer: above the items
    on page 1, the first block of lines set flush in one column (other columns may
    interleave) that ends in a postcode and town; its top name-like line above the street
    line, unless it is the seller's. A return-address line (`Acme GmbH · Hafenstraße 12 ·
    …`), contact details or a label above the block end it."""
    first = [line for line in lines if line.page == 1]
    for rank, line in enumerate(first):
        if line.index in skip:
            return None  # the items begin: a window is above them
        for end in line.cells:
            if not _POSTAL.search(fold(end.text).strip()):
                continue
            block = [end]
            for earlier in reversed(first[:rank]):
                gap = block[-1].box.top - earlier.box.bottom
                if gap > 3 * block[-1].box.height:
                    break
                flush = [c for c in earlier.cells if abs(c.box.x0 - end.box.x0) < 6]
                if not flush:
                    continue
                cell = flush[0]
                if gap > 1.5 * cell.box.height or re.search(r"[@·:]", cell.text):
                    break
                if any(label_at_start(cell.text, t) for t in (INVOICE, PARTY, REPORT)):
                    break
                block.append(cell)
                if len(block) == 5:
                    break
            name = next((c for c in reversed(block[2:]) if _name_like(c.text)), None)
            theirs, ours = fold(name.text).strip() if name else "", fold(seller).strip()
            if name is not None and not (ours and (ours in theirs or theirs in ours)):
                return name
    return None


def _party_name(text: str, *, labelled: bool) -> bool:
    """Whether text after a party label is a name, not the rest of a sentence."""
    if _BAD_PARTY_START.match(fold(text)) or sum(ch.isalpha() for ch in text) < 3:
        return False
    if re.search(r"\d[.,]\d{2}\b", text) or len(text.split()) > 8:
        return False
    return labelled or text[:1].isupper() or text[:1].isdigit()


def _guess_issuer(
    lines: list[Line], blocked: set[int], skip: set[int], bill_to: str | None
) -> ExtractedField | None:
    """The seller when no label names it: a company name near the top of page 1 (or in its
    footer), else the letterhead line at the top left.

    `Sarl au capital de …` names the legal form of the line above it. The buyer's name
    and item-table lines are never the seller.
    """
    first_page = [line for line in lines if line.page == 1 and line.index not in skip]
    if not first_page:
        return None
    sizes = sorted(line.box.height for line in first_page)
    median = sizes[len(sizes) // 2]
    bottom = max(line.box.bottom for line in first_page)
    buyer = fold(bill_to or "").strip()
    best: tuple[float, str, Box] | None = None
    for rank, line in enumerate(first_page):
        if line.index in blocked:
            continue
        for cell in line.cells:
            name = company_in(cell.text)
            box = cell.box
            if name and _LEGAL_FORM_FIRST.match(name) and rank > 0:
                above = _line_above(first_page, rank, cell.box)
                name, box = (above.text, above.box) if above is not None else (None, box)
            if not name or len(name) > 80 or (buyer and fold(name).strip() == buyer):
                continue
            score = 1.0 - min(rank, 40) / 60
            score += 0.3 if box.height > 1.15 * median else 0.0
            score -= 0.4 if box.top > 0.85 * bottom else 0.0
            if best is None or score > best[0]:
                best = (score, name, box)
    if best is not None:
        return field(best[1], 0.6, best[2])
    letterhead = _letterhead(first_page, blocked, buyer)
    return field(letterhead.text, 0.5, letterhead.box) if letterhead is not None else None


_LEGAL_FORM_FIRST = re.compile(
    r"^(sarl|sas|sa|gmbh|ag|ltd|llc|bv|nv|eurl)\b\s+(au|mit|with|met|a|de)\b", re.IGNORECASE
)
_TITLE_WORDS = re.compile(
    r"(?<![a-z])(invoice|rechnung|facture|factuur|receipt|quittung|bill|credit note|gutschrift|"
    r"avoir|creditnota|service report|servicebericht|statement|devis|quote|angebot|page|seite)"
    r"(?![a-z])"
)


def _line_above(lines: list[Line], rank: int, box: Box) -> Line | None:
    """The name line of the block a `Sarl au capital …` line closes (up to three lines up)."""
    below = lines[rank]
    for line in reversed(lines[max(0, rank - 3) : rank]):
        if line.page != below.page or below.box.top - line.box.bottom > 2 * max(
            line.box.height, 6.0
        ):
            return None
        if _name_like(line.text):
            return line
        below = line
    return None


def _name_like(text: str) -> bool:
    """A short line of words: no label, address, contact detail or document title."""
    folded = fold(text)
    return not (
        ":" in text
        or "@" in text
        or "www" in folded
        or len(text.split()) > 6
        or sum(ch.isdigit() for ch in text) > 2
        or sum(ch.isalpha() for ch in text) < 3
        or _TITLE_WORDS.search(folded)
        or any(label_at_start(text, t) for t in (INVOICE, PARTY, REPORT))
    )


def _letterhead(lines: list[Line], blocked: set[int], buyer: str) -> Cell | None:
    """The first name-like cell in the top left quarter of page 1."""
    width = max(line.box.x1 for line in lines)
    height = max(line.box.bottom for line in lines)
    for line in sorted(lines, key=lambda ln: ln.box.top):
        if line.box.top > 0.25 * height:
            return None
        if line.index in blocked:
            continue
        for cell in line.cells:
            if cell.box.x0 > 0.45 * width:
                break
            if _name_like(cell.text) and fold(cell.text).strip() != buyer:
                return cell
    return None


def _line_item(ctx: Context, row: Row) -> dict[str, ExtractedField]:
    item: dict[str, ExtractedField] = {}
    numbers: dict[str, tuple[float, Box]] = {}
    for name in ("qty", "unit_price", "amount"):
        for text, box in _same_line_joined(row.values.get(name, [])):
            value = parse_money(text, ctx.style)
            if value is not None:
                numbers[name] = (value, box)
                break
    if "amount" not in numbers and "unit_price" in numbers and "qty" not in numbers:
        return {}
    description = _description(row)
    if description is None and "amount" not in numbers:
        return {}
    if description is None and set(numbers) == {"amount"} and numbers["amount"][0] == 0:
        return {}  # `15 | 0,00 €`: an empty row of a spreadsheet template
    _reconcile_qty(numbers, row)
    qty = numbers.get("qty")
    price = numbers.get("unit_price")
    amount = numbers.get("amount")
    consistent = bool(
        qty
        and price
        and amount
        and abs(qty[0] * price[0] - amount[0]) <= 0.011 + 0.001 * abs(amount[0])
    )
    base = 0.97 if consistent else 0.75
    if amount and not (qty and price):
        base = 0.8
    for name, pair in numbers.items():
        item[name] = field(round(pair[0], 4), base, pair[1])
    if qty is None and price is None and amount is not None:
        item["qty"] = field(1.0, 0.5, amount[1])
        item["unit_price"] = field(amount[0], 0.5, amount[1])
    if description is not None:
        item["description"] = field(description[0], 0.85, description[1])
    sku = _sku(row)
    if sku is None:
        # `Input shaft + bearings` over `SKU: P-6030`: the shop's product meta line
        captioned = next(
            (
                (meta.group(2), text.strip(), box)
                for text, box in row.values.get("description", [])
                if (meta := _CAPTIONED_CODE.fullmatch(text.strip()))
            ),
            None,
        )
        if captioned is not None:
            sku = (captioned[0], captioned[2])
            if description is not None and description[0].endswith(captioned[1]):
                rest = description[0][: -len(captioned[1])].strip()
                description = (rest, description[1])
                item["description"] = field(rest, 0.85, description[1])
    if sku is None and description is not None:
        split = code_in_text(description[0])
        if split is not None:
            sku = (split[0], description[1])
            description = (split[1], description[1])
            item["description"] = field(description[0], 0.85, description[1])
    if sku is not None:
        item["sku"] = field(sku[0], 0.8, sku[1])
    kind, confidence = infer_kind(
        description[0] if description else "",
        sku[0] if sku else None,
        amount[0] if amount else None,
        " ".join(t for t, _ in row.values.get("unit", [])),
    )
    anchor = (
        description[1]
        if description
        else (amount[1] if amount else next(iter(numbers.values()))[1])
    )
    item["kind"] = field(kind, confidence, anchor)
    return item


def _same_line_joined(values: list[tuple[str, Box]]) -> list[tuple[str, Box]]:
    """A column's words on the row's first line joined (`1 380,00 €`, a space between
    thousands), then each word: the joined text is tried first."""
    if len(values) < 2:
        return values
    first = values[0][1]
    line = [(text, box) for text, box in values if abs(box.top - first.top) < 2]
    if len(line) < 2:
        return values
    box = Box(first.page, first.x0, first.top, max(b.x1 for _, b in line), first.bottom)
    return [(" ".join(text for text, _ in line), box), *values]


def _arithmetic_item(found: Item) -> dict[str, ExtractedField]:
    """An item read from a line whose qty x unit price = amount (no table header)."""
    item = {
        "qty": field(round(found.qty.value, 4), 0.9, found.qty.word.box),
        "unit_price": field(round(found.unit_price.value, 4), 0.9, found.unit_price.word.box),
        "amount": field(round(found.amount.value, 4), 0.9, found.amount.word.box),
    }
    if found.description is not None:
        item["description"] = field(found.description[0], 0.75, found.description[1])
    if found.sku is not None:
        item["sku"] = field(found.sku[0], 0.7, found.sku[1])
    kind, confidence = infer_kind(
        found.description[0] if found.description else "",
        found.sku[0] if found.sku else None,
        found.amount.value,
    )
    item["kind"] = field(kind, confidence, found.amount.word.box)
    return item


def _reconcile_qty(numbers: dict[str, tuple[float, Box]], row: Row) -> None:
    """A quantity printed rounded (`28 Std` for 27.5 h at 10.50 = 288.75): take amount / price
    when it rounds to the printed quantity and has at most one more decimal."""
    qty, price, amount = (numbers.get(n) for n in ("qty", "unit_price", "amount"))
    if not (qty and price and amount) or abs(price[0]) < 0.005:
        return
    if abs(qty[0] * price[0] - amount[0]) <= 0.011 + 0.001 * abs(amount[0]):
        return
    exact = amount[0] / price[0]
    printed = next((t for t, _ in row.values.get("qty", []) if re.search(r"\d", t)), "")
    decimals = len(m.group(1)) if (m := re.search(r"[.,](\d+)", printed)) else 0
    finer = round(exact, decimals + 1)
    if abs(exact - finer) < 1e-6 and round(exact, decimals) == round(qty[0], decimals):
        numbers["qty"] = (finer, qty[1])


def _labelled_figure(text: str) -> bool:
    """`Bruttopreis: 17,00`, `Lieferschein: 4711`: a labelled reference or figure under an
    item, not its description; `Kulanz: Anfahrt` (goodwill: travel) is a description."""
    return bool(LABELLED_TEXT.match(text)) and bool(re.search(r"\d", text.partition(":")[2]))


def _description(row: Row) -> tuple[str, Box] | None:
    parts: list[str] = []
    box: Box | None = None
    for text, part_box in row.values.get("description", []):
        cleaned = text.strip()
        if not cleaned:
            continue
        if parts and (":" in cleaned or re.search(r"\d[.,]\d{2}\b", cleaned)):
            break
        if not parts and (re.fullmatch(r"[\d.,\s%-]+", cleaned) or _labelled_figure(cleaned)):
            continue
        parts.append(cleaned)
        box = part_box if box is None else box.union(part_box)
        if len(parts) >= 3:
            break
    if not parts or box is None:
        return None
    return " ".join(parts), box


# a line of an item's text that is only its captioned code: `SKU: P-6030`, `Art.-Nr. 4711-2`
_CAPTIONED_CODE = re.compile(
    r"(sku|art\.?-?nr\.?|artikel-?nr\.?|item no\.?|part no\.?|product code)\s*[:#]?\s*"
    r"([A-Za-z0-9][\w./-]*\d[\w./-]*)",
    re.IGNORECASE,
)


def _sku(row: Row) -> tuple[str, Box] | None:
    """The article code in the SKU column.

    A cell that is one token with a digit wins (`CO-123/V2A` over a customer's
    `Toolbox 0815`), then a token with a digit, then a word in capitals. Position
    numbers (`1`), bracketed kinds (`(GTIN)`) and `Label:` words are skipped.
    """
    ranked: list[tuple[float, int, str, Box]] = []
    for order, (text, box) in enumerate(row.values.get("sku", [])):
        tokens = [raw.strip(",;") for raw in text.split()]
        useful = [t for t in tokens if _code_like(t)]
        for token in useful:
            if any(ch.isdigit() for ch in token):
                mixed = any(ch.isalpha() for ch in token)
                rank = (0 if len(tokens) == 1 else 1) + (0 if mixed else 0.5)
            elif token.isupper() and len(token) >= 3:
                rank = 2
            else:
                continue
            ranked.append((rank, order, token, box))
    if not ranked:
        return None
    _, _, token, box = min(ranked, key=lambda r: (r[0], r[1]))
    return token, box


def _code_like(token: str) -> bool:
    return not (
        len(token) < 2
        or token.startswith("(")
        or token.endswith(":")
        or re.fullmatch(r"\d{1,2}\.?", token) is not None
        or re.search(r"[A-Za-z0-9]", token) is None
    )


_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "credit",
        (
            "credit",
            "gutschrift",
            "avoir",
            "creditnota",
            "discount",
            "rabatt",
            "nachlass",
            "korting",
            "remise",
            "goodwill",
            "refund",
            "erstattung",
            "sla credit",
        ),
    ),
    (
        "travel",
        (
            "travel",
            "anfahrt",
            "fahrt",
            "reise",
            "deplacement",
            "trajet",
            "voyage",
            "reis",
            "mileage",
            "kilometer",
            "km",
            "call-out travel",
            "wegezeit",
            "voorrijkosten",
            "rijtijd",
            "reistijd",
        ),
    ),
    (
        "labor",
        (
            "labor",
            "labour",
            "arbeit",
            "arbeitszeit",
            "arbeitslohn",
            "lohn",
            "monteur",
            "technician",
            "service hours",
            "main d'oeuvre",
            "main-d'oeuvre",
            "main d oeuvre",
            "arbeidsloon",
            "arbeid",
            "uren",
            "werkuren",
            "work hours",
            "man-hour",
            "manhour",
            "techniker",
            "stunden",
            "heures",
            "intervention",
        ),
    ),
    (
        "fee",
        (
            "fee",
            "gebuhr",
            "gebühr",
            "pauschale",
            "frais",
            "forfait",
            "charge",
            "surcharge",
            "toeslag",
            "kosten",
            "disposal",
            "entsorgung",
            "call-out",
            "callout",
            "admin",
            "handling",
            "zuschlag",
            "supplement",
        ),
    ),
)


# item codes that name a sundry charge, not an article (`MISC | Roof hose bib per CO-5518`)
_CHARGE_CODE = re.compile(r"^(misc\w*|sundr\w*|sonst\w*|div|divers\w*|varios|vari)\.?$")


def infer_kind(
    description: str, sku: str | None, amount: float | None, unit: str = ""
) -> tuple[str, float]:
    """labor / travel / part / fee / credit from the words of a line (DOMAIN §2 line kinds).
    The words match as printed with a ligature or a typographic apostrophe (`Main d’œuvre`)."""
    text = unligature(fold(description))
    if amount is not None and amount < 0:
        return "credit", 0.95
    for kind, words in _KIND_WORDS:
        for word in words:
            if re.search(rf"(?<![a-z]){re.escape(fold(word))}", text):
                return kind, 0.85
    if (sku and _CHARGE_CODE.match(fold(sku))) or (not sku and CHANGE_ORDER.search(description)):
        return "fee", 0.7  # a sundry charge, or work billed as a change order's lump sum
    unit_text = fold(unit)
    if re.search(r"\b(h|hr|hrs|hours?|std|stunden?|uur|heures?)\b", unit_text):
        return "labor", 0.7
    if sku:
        return "part", 0.8
    return "part", 0.55
