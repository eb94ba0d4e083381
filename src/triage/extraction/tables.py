"""Line-item tables found by their header row, without knowing the layout.

A header is a line (with the lines stacked just above or below it) where
several cells read as column names. Data lines are read column by column;
a line with numbers anchors an item, and the text lines around it (stacked
descriptions, article numbers) join the nearest anchor. A table continues on
the next page until a totals line ends it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from triage.extraction.fields import parse_money
from triage.extraction.labels import COLUMN, REPORT, STOP, label_at_start, labels_in
from triage.extraction.layout import Box, Line, Word
from triage.extraction.values import NumberStyle, fold, parse_amount

NUMERIC_COLUMNS = ("qty", "unit_price", "amount")


@dataclass
class Column:
    """A header column; `below` names what the lines under an item's first line hold there.

    (`Art-Nr` over `Bezeichnung` in one column: the first line is the SKU, the rest the text.)
    """

    name: str
    box: Box
    below: str | None = None


@dataclass
class Row:
    """One item: column texts with their boxes, and the line indexes it covers."""

    values: dict[str, list[tuple[str, Box]]] = field(default_factory=dict)
    anchor: int = 0
    text_lines: list[int] = field(default_factory=list)

    def add(self, name: str, text: str, box: Box) -> None:
        self.values.setdefault(name, []).append((text, box))


@dataclass
class Table:
    header_line: int
    columns: list[Column]
    rows: list[Row]
    end_line: int
    header_lines: list[int] = field(default_factory=list)


_BRACKETED = re.compile(r"\([^)]*\)")


# SAP's `Material` column beside `Bezeichnung` holds the material number; alone, a
# `Material` heading or column names the parts themselves
_MATERIAL = re.compile(r"^\s*material(\s*nr\.?|\s*no\.?)?\s*$")


def _header_columns(line: Line) -> list[Column]:
    columns: list[Column] = []
    item: Column | None = None  # `Item` beside `Description`: the item column holds the code
    for cell in line.cells:
        hits = labels_in(cell.text, COLUMN)
        covered = sum(h.end - h.start for h in hits)
        # a unit or currency in brackets (`P.U. HT (CHF)`) is not text the labels must cover
        if not hits or covered < 0.5 * len(_BRACKETED.sub("", fold(cell.text)).replace(" ", "")):
            continue
        if len(hits) == 1:
            columns.append(Column(hits[0].field, cell.box))
            if hits[0].label == "item":
                item = columns[-1]
            continue
        offsets = _word_offsets(cell.words)
        for hit in hits:
            words = [
                w
                for w, (s, e) in zip(cell.words, offsets, strict=True)
                if s < hit.end and e > hit.start
            ]
            if words:
                box = words[0].box
                for w in words[1:]:
                    box = box.union(w.box)
                columns.append(Column(hit.field, box))
                if hit.label == "item":
                    item = columns[-1]
    names = [c.name for c in columns]
    if item is not None and names.count("description") > 1 and "sku" not in names:
        item.name = "sku"
    if names.count("unit_price") > 1 and "amount" not in names:
        # `Unit price | Quantity | Price`: the last price column is the line's amount
        max((c for c in columns if c.name == "unit_price"), key=lambda c: c.box.x0).name = "amount"
    if "description" in names and "sku" not in names:
        codes = [c for c in line.cells if _MATERIAL.match(fold(c.text))]
        columns = sorted([*columns, *(Column("sku", c.box) for c in codes)], key=lambda c: c.box.x0)
    return columns


def _word_offsets(words: list[Word]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for word in words:
        out.append((pos, pos + len(word.text)))
        pos += len(word.text) + 1
    return out


def _is_header(columns: list[Column], want: frozenset[str]) -> bool:
    names = {c.name for c in columns}
    if "amount" in want:
        return len(names & {"qty", "unit_price", "amount", "description", "sku"}) >= 3 and bool(
            names & {"amount", "unit_price"}
        )
    return "qty" in names and bool(names & {"description", "sku"})


def find_tables(
    lines: list[Line], want: frozenset[str], captions: Callable[[Line], bool] | None = None
) -> list[Table]:
    """Every item table in the document; `want` names the columns that make a header, and
    `captions` a line that only looks like one (a row of the document's own field labels)."""
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        columns = _header_columns(lines[index])
        if (
            len(columns) >= 2
            and _is_header(columns, want)
            and not (captions is not None and captions(lines[index]))
        ):
            columns, stacked = _stacked_header(lines, index, columns)
            table = _read_table(lines, index, columns, want, stacked)
            if table.rows:
                tables.append(table)
                index = max(table.end_line, index + 1)
                continue
        index += 1
    return tables


_PRIORITY = {
    "description": 5,
    "amount": 5,
    "unit_price": 5,
    "qty": 5,
    "sku": 4,
    "tax": 2,
    "discount": 2,
    "unit": 1,
    "pos": 1,
    "_other": 0,
}


def _stacked_header(
    lines: list[Line], index: int, columns: list[Column]
) -> tuple[list[Column], list[int]]:
    """Header rows printed above or below the main one (`Art-Nr` under `Pos`).

    A stacked label over a main one names the same column: the more telling name wins
    (`Preis/` over `Einheit`); an article number over a description keeps both, by line.
    """
    line = lines[index]
    height = max(line.box.height, 6.0)
    stacked: list[int] = []
    for other in (*lines[max(0, index - 3) : index], *lines[index + 1 : index + 4]):
        if other.page != line.page or abs(other.box.mid_y - line.box.mid_y) > 2.6 * height:
            continue
        extra = _header_columns(other)
        if not extra or any(re.search(r"\d[.,]\d", c.text) for c in other.cells):
            continue
        covered = sum(len(c.text) for c in other.cells if labels_in(c.text, COLUMN))
        if covered < 0.35 * sum(len(c.text) for c in other.cells):
            continue
        stacked.append(other.index)
        above = other.index < line.index
        for col in extra:
            same = [c for c in columns if col.box.x_overlap(c.box) > 0]
            if not same:
                columns.append(col)
                continue
            target = max(same, key=lambda c: col.box.x_overlap(c.box))
            rank_new, rank_old = _PRIORITY.get(col.name, 0), _PRIORITY.get(target.name, 0)
            pair = {col.name, target.name}
            if pair == {"sku", "description"} and target.below is None:
                first, second = (col.name, target.name) if above else (target.name, col.name)
                target.name, target.below = first, second
            elif rank_new > rank_old and target.below is None:
                target.name = col.name
            target.box = target.box.union(col.box)
    columns.sort(key=lambda c: c.box.x0)
    return columns, sorted(stacked)


Edges = dict[tuple[str, int], Column]


def _under(box: Box, columns: list[Column]) -> Column | None:
    """The column whose header the cell overlaps most, if it overlaps one."""
    best = max(columns, key=lambda c: box.x_overlap(c.box))
    return best if box.x_overlap(best.box) > 0 else None


def _column_edges(cells: list[tuple[str, Box]], columns: list[Column]) -> Edges:
    """The aligned edges of the cells that sit under a header: a column's cells share one,
    also where a cell is narrower than a centred header and misses it (`Anfahrt` under
    `Désignation`)."""
    edges: Edges = {}
    for text, box in cells:
        column = _under(box, columns)
        if column is not None:
            edges.setdefault(_edge(text, box), column)
    return edges


def _edge(text: str, box: Box) -> tuple[str, int]:
    """Figures align right, text aligns left."""
    if parse_money(text, NumberStyle()) is not None:
        return ("right", round(box.x1))
    return ("left", round(box.x0))


NEAR_SLACK = 10.0  # points: columns about as close as the nearest one


def _nearest(text: str, box: Box, columns: list[Column]) -> Column:
    """The nearest header of a cell that sits under none and lines up with none; a figure
    between a figure column and a text column (`2` of `2 Stk.` between `Menge` and `ME`)
    joins the figure column."""

    def gap(c: Column) -> float:
        return min(abs(box.x0 - c.box.x1), abs(box.x1 - c.box.x0))

    nearest = min(gap(c) for c in columns)
    near = [c for c in columns if gap(c) <= nearest + NEAR_SLACK]
    if _edge(text, box)[0] == "right":
        near = [c for c in near if c.name in NUMERIC_COLUMNS] or near
    return min(near, key=gap)


def _assign_line(
    pieces: list[tuple[str, Box]], columns: list[Column], edges: Edges
) -> list[tuple[Column, str, Box]]:
    """Each cell's column: the header it sits under or lines up with, else the nearest one.
    A text cell sent to its nearest header, whose column another cell of the line already
    holds (`P-4420` under `Référence`) or which holds codes while the cell has no figure,
    belongs to the next free text column to its right: `Lüftermotor` set flush left in a
    wide ruled column whose centred `Désignation` it misses."""
    firm = [_under(box, columns) or edges.get(_edge(text, box)) for text, box in pieces]
    out = [
        (column or _nearest(text, box, columns), text, box)
        for column, (text, box) in zip(firm, pieces, strict=True)
    ]
    for i, (column, text, box) in enumerate(out):
        if firm[i] is not None or _edge(text, box)[0] != "left":
            continue
        taken = {c.name for j, (c, _, _) in enumerate(out) if j != i}
        wordy_code = column.name == "sku" and not re.search(r"\d", text)  # codes have figures
        if column.name not in taken and not wordy_code:
            continue
        free = [
            c
            for c in columns
            if c.box.x0 >= box.x0 and c.name not in taken and c.name not in NUMERIC_COLUMNS
        ]
        if free:
            out[i] = (min(free, key=lambda c: c.box.x0), text, box)
    return out


def _is_stop(line: Line, left: float) -> bool:
    """A totals line or a section heading ends the table (the label may sit in any cell).

    A heading (`Zahlungsbedingungen:`) counts only at the table's left edge: one indented
    under the description column (`Weitere Eigenschaften:`) belongs to an item.
    """
    first = line.cells[0].text if line.cells else ""
    if (
        len(line.cells) == 1
        and first.rstrip().endswith(":")
        and not re.search(r"\d", first)
        and line.box.x0 < left + 15
    ):
        return True
    if line.box.x0 < left + 15 and report_section(first):
        return True
    for position, cell in enumerate(line.cells):
        hit = label_at_start(cell.text, STOP)
        if hit is None:
            continue
        rest = len(fold(cell.text)) - hit.end
        if (position == 0 and rest < 25) or rest < 3:
            return True
    return False


# a page's note that the table goes on overleaf
_CONTINUED = re.compile(
    r"^\W*(continued (on (the )?next page|overleaf)|see next page|to be continued|"
    r"fortsetzung( auf (der )?(nachsten|folgenden) seite)?|siehe (nachste|folgende) seite|"
    r"suite (a la |en )?page suivante|a suivre|vervolg( op (de )?volgende pagina)?|"
    r"zie volgende pagina)\W*$"
)


# `4 Prüfprotokoll`, `3. Observations`: a form's next numbered section
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+[^\W\d][^\d]{2,40}$")


def _numbered_heading(line: Line, left: float, last_y: float) -> bool:
    """A numbered heading alone on its line at the table's left edge, set apart from the
    line above: the form's next section (a checklist, measurements) and no item's text."""
    return (
        len(line.cells) == 1
        and line.box.x0 < left + 15
        and line.box.top - last_y > line.box.height
        and len(line.text.split()) <= 5
        and _NUMBERED_HEADING.match(line.text) is not None
    )


_SECTION_FIELDS = frozenset({"notes", "customer_signature"})


def report_section(text: str) -> bool:
    """A report's notes or signature heading (`Tätigkeitsbericht / Bemerkungen`, `Customer
    signature`, also with its answer): the parts table above it has ended, its lines are not a
    part's wrapped description. `Notes: replaced capacitor` under an item is the item's, not
    a heading."""
    hit = label_at_start(text, REPORT)
    if hit is None or hit.field not in _SECTION_FIELDS:
        return False
    if hit.field == "customer_signature":
        return True  # `Customer signature: ____ (signed)` is never an item's text
    rest = fold(text)[hit.end :]
    return len(rest) < 25 and not re.search(r":\s*\w", rest)


LABELLED = re.compile(r"^\s*[^\W\d][\w.\-/ ]*:")


@dataclass
class _DataLine:
    index: int
    top: float
    bottom: float
    page: int
    cells: list[tuple[Column, str, Box]]
    numeric: set[str]
    heading: bool = False  # is_heading(its text)


def is_heading(text: str) -> bool:
    """A short line in capitals without figures: a section's title (`SAFETY / SITE CHECKLIST`)."""
    return text.isupper() and not re.search(r"\d", text) and len(text.split()) <= 6


def _read_table(
    lines: list[Line],
    header: int,
    columns: list[Column],
    want: frozenset[str],
    stacked: list[int],
) -> Table:
    """Read data lines under a header, across pages, until a totals line or a new header."""
    header_names = {c.name for c in columns}
    numeric = [n for n in NUMERIC_COLUMNS if n in header_names and n in want]
    first = max([header, *stacked]) + 1
    left = min(c.box.x0 for c in columns)
    data: list[_DataLine] = []
    read: list[list[tuple[str, Box]]] = []  # each data line's pieces, assigned once all are read
    last_y = max(lines[i].box.bottom for i in [header, *stacked])
    page = lines[header].page
    end = len(lines)
    for index in range(first, len(lines)):
        line = lines[index]
        if line.page != page:
            page = line.page
            last_y = -1.0
        if _is_stop(line, left) or index > header + 400:
            end = index
            break
        if data and last_y >= 0 and _numbered_heading(line, left, last_y):
            end = index
            break
        cols = _header_columns(line)
        if len(cols) >= 2 and _is_header(cols, want):
            if data:
                last_y = line.box.bottom
                continue
            end = index
            break
        if last_y >= 0 and line.box.top - last_y > 8 * max(line.box.height, 6.0) and data:
            end = index
            break
        if _CONTINUED.match(fold(line.text)):
            continue  # `(continued on next page)` under the page's last item: not its text
        last_y = line.box.bottom
        pieces = [
            p
            for text, box in _split_numeric_cells(line)
            for p in _split_at_columns(text, box, line, columns)
        ]
        data.append(
            _DataLine(
                index, line.box.top, line.box.bottom, line.page, [], set(), is_heading(line.text)
            )
        )
        read.append(pieces)
    edges = _column_edges([piece for pieces in read for piece in pieces], columns)
    for item, pieces in zip(data, read, strict=True):
        item.cells = _assign_line(pieces, columns, edges)
        item.numeric = {
            n
            for n in numeric
            if _numeric_in(
                [(t, b) for c, t, b in item.cells if c.name == n and not LABELLED.match(t)]
            )
        }
    rows = _group_rows(data, numeric)
    return Table(header, columns, rows, end, [header, *stacked])


def _is_anchor(item: _DataLine, numeric: list[str]) -> bool:
    count = len(item.numeric)
    return count >= 1 and ("amount" in item.numeric or count >= 2 or "amount" not in numeric)


def _group_rows(data: list[_DataLine], numeric: list[str]) -> list[Row]:
    """Lines with numbers anchor items; the lines between two items split at the widest gap.

    A numbers line right under an item that fills only the columns the item lacks
    (`198,00` printed a line below `9,90 20 Stk`) completes that item.
    """
    groups: list[list[_DataLine]] = []
    pending: list[_DataLine] = []
    for item in data:
        if not _is_anchor(item, numeric):
            pending.append(item)
            continue
        if groups and not pending and _completes(groups[-1], item):
            groups[-1].append(item)
            continue
        if groups:
            head, pending = _split_between(groups[-1][-1], pending, item)
            groups[-1].extend(head)
        else:
            pending = _leading(pending, item)
        groups.append([*pending, item])
        pending = []
    if groups and pending:
        groups[-1].extend(_trailing(groups[-1][-1], pending))
    return [_row(group, next(d for d in group if _is_anchor(d, numeric))) for group in groups]


def _completes(group: list[_DataLine], item: _DataLine) -> bool:
    have = set().union(*(d.numeric for d in group))
    last = group[-1]
    return (
        not (item.numeric & have)
        and item.page == last.page
        and item.top - last.bottom < 0.8 * (item.bottom - item.top)
    )


def _split_between(
    above: _DataLine, middle: list[_DataLine], below: _DataLine
) -> tuple[list[_DataLine], list[_DataLine]]:
    """Text lines between two items go up to the widest vertical gap, the rest go down."""
    if not middle:
        return [], []
    chain = [above, *middle, below]
    gaps = [_gap(a, b) for a, b in itertools.pairwise(chain)]
    widest = max(gaps)
    cut = max(i for i, gap in enumerate(gaps) if gap >= 0.85 * widest)
    return middle[:cut], middle[cut:]


def _leading(pending: list[_DataLine], anchor: _DataLine) -> list[_DataLine]:
    """Text lines above the first item join it only while they stay close together."""
    kept: list[_DataLine] = []
    nxt = anchor
    for item in reversed(pending):
        if _gap(item, nxt) > 1.2 * max(item.bottom - item.top, 6.0):
            break
        kept.insert(0, item)
        nxt = item
    return kept


def _trailing(last: _DataLine, pending: list[_DataLine]) -> list[_DataLine]:
    """Text lines after the last item join it while they stay close together, up to a
    heading set apart from it (`SAFETY / SITE CHECKLIST` under the parts) or a line set
    apart that lies clear of the description column's header or starts left of the item."""
    kept: list[_DataLine] = []
    prev = last
    header = next((c.box for c, _, _ in last.cells if c.name == "description"), None)
    left = min((box.x0 for _, _, box in last.cells), default=0.0)
    for item in pending:
        height = max(item.bottom - item.top, 6.0)
        if _gap(prev, item) > 2.5 * height or (_gap(prev, item) > height and item.heading):
            break
        if _gap(prev, item) > height and (
            (header is not None and not any(b.x_overlap(header) > 0 for _, _, b in item.cells))
            or min((b.x0 for _, _, b in item.cells), default=left) < left - 3
        ):
            break  # `Scan to pay online` by a QR code, `Thank you for your payment.` under it
        kept.append(item)
        prev = item
    return kept


def _gap(a: _DataLine, b: _DataLine) -> float:
    """Vertical distance between two lines; a page break counts as close."""
    if a.page != b.page:
        return 0.0
    return max(0.0, b.top - a.bottom)


def _row(group: list[_DataLine], anchor: _DataLine) -> Row:
    row = Row(anchor=anchor.index)
    seen: set[int] = set()
    for item in group:
        if item is not anchor:
            row.text_lines.append(item.index)
        text_only = item is not anchor and not item.numeric
        for column, text, box in item.cells:
            name = column.name
            if column.below is not None and (id(column) in seen or item is not anchor):
                name = column.below
            seen.add(id(column))
            if (
                text_only
                and name not in ("description", "sku")
                and parse_amount(text) is not None
                and re.search(r"[.,]\d{2}", text)
            ):
                continue
            if item is not anchor and item.numeric and name in NUMERIC_COLUMNS:
                row.add(name, text, box)
            elif item is not anchor and name not in ("description", "sku"):
                row.add(name + "_extra", text, box)
            else:
                row.add(name, text, box)
    for name in ("description", "sku"):
        found = row.values.get(name)
        if found:
            found.sort(key=lambda value: (value[1].page, value[1].top, value[1].x0))
    _anchor_first(row, anchor)
    return row


def _anchor_first(row: Row, anchor: _DataLine) -> None:
    """The description starts on the item's own line: text above it is kept only if it has none."""
    found = row.values.get("description")
    if not found:
        return
    on_anchor = [v for v in found if v[1].page == anchor.page and v[1].top >= anchor.top - 1]
    if any(v[1].top <= anchor.bottom and not LABELLED.match(v[0]) for v in on_anchor):
        row.values["description"] = on_anchor


def _split_at_columns(
    text: str, box: Box, line: Line, columns: list[Column]
) -> list[tuple[str, Box]]:
    """A cell whose words sit squarely under two header columns is two cells.

    Words without digits never move into a number column: a long description
    may run on under the quantity header.
    """
    words = [w for w in line.words if w.box.x0 >= box.x0 - 0.5 and w.box.x1 <= box.x1 + 0.5]
    if len(words) < 2 or ":" in text or " ".join(w.text for w in words) != text:
        return [(text, box)]
    homes: list[Column | None] = []
    for word in words:
        width = max(word.box.x1 - word.box.x0, 1.0)
        nearest = max(columns, key=lambda c: word.box.x_overlap(c.box))
        inside = word.box.x_overlap(nearest.box) >= 0.5 * width
        wordy = nearest.name in NUMERIC_COLUMNS and not re.search(r"\d", word.text)
        homes.append(nearest if inside and not wordy else None)
    if len({id(h) for h in homes if h is not None}) < 2:
        return [(text, box)]
    groups: list[list[Word]] = []
    current: Column | None = None
    for word, place in zip(words, homes, strict=True):
        if groups and (place is None or place is current):
            groups[-1].append(word)
            continue
        groups.append([word])
        current = place
    out: list[tuple[str, Box]] = []
    for group in groups:
        group_box = group[0].box
        for word in group[1:]:
            group_box = group_box.union(word.box)
        out.append((" ".join(w.text for w in group), group_box))
    return out


# `2 Stk.`, `1,00 psch.`: a quantity printed with its unit in one cell, which may sit under
# either header; split, the number finds the quantity column and the word the unit's
_QTY_WITH_UNIT = re.compile(r"\d+(?:[.,]\d+)? [^\W\d]{1,5}\.?")


def _split_numeric_cells(line: Line) -> list[tuple[str, Box]]:
    """Cells, with a cell of several numbers (`20 Stk 9,90 198,00`) split into its numbers."""
    out: list[tuple[str, Box]] = []
    for cell in line.cells:
        numeric_words = [w for w in cell.words if re.fullmatch(r"[-(]?[\d.,'’]+[)%-]?", w.text)]
        if (
            len(cell.words) > 1
            and len(numeric_words) >= 2
            and 2 * len(numeric_words) >= len(cell.words)
            and ":" not in cell.text
        ) or _QTY_WITH_UNIT.fullmatch(cell.text):
            for word in cell.words:
                out.append((word.text, word.box))
        else:
            out.append((cell.text, cell.box))
    return out


def _numeric_in(items: list[tuple[str, Box]] | None) -> bool:
    if not items:
        return False
    return any(parse_money(text, NumberStyle()) is not None for text, _ in items)
