"""Line-item tables found by their header row, without knowing the layout.

A header is a line (with the lines stacked just above or below it) where
several cells read as column names. Data lines are read column by column;
a line with numbers anchors an item, and the text lines around it (stacked
descriptions, article numbers) join the nearest anchor. A table continues on
the next page until a totals line ends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from triage.extraction.fields import parse_money
from triage.extraction.labels import COLUMN, STOP, label_at_start, labels_in
from triage.extraction.layout import Box, Line, Word
from triage.extraction.values import NumberStyle, fold, parse_amount

NUMERIC_COLUMNS = ("qty", "unit_price", "amount")


@dataclass
class Column:
    name: str
    box: Box


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


def _header_columns(line: Line) -> list[Column]:
    columns: list[Column] = []
    for cell in line.cells:
        hits = labels_in(cell.text, COLUMN)
        covered = sum(h.end - h.start for h in hits)
        if not hits or covered < 0.5 * len(fold(cell.text).replace(" ", "")):
            continue
        if len(hits) == 1:
            columns.append(Column(hits[0].field, cell.box))
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


def find_tables(lines: list[Line], want: frozenset[str]) -> list[Table]:
    """Every item table in the document; `want` names the columns that make a header."""
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        columns = _header_columns(lines[index])
        if len(columns) >= 2 and _is_header(columns, want):
            columns = _stacked_header(lines, index, columns)
            table = _read_table(lines, index, columns, want)
            if table.rows:
                tables.append(table)
                index = max(table.end_line, index + 1)
                continue
        index += 1
    return tables


def _stacked_header(lines: list[Line], index: int, columns: list[Column]) -> list[Column]:
    """Header rows printed above or below the main one (`Art-Nr` under `Pos`)."""
    line = lines[index]
    height = max(line.box.height, 6.0)
    for other in (*lines[max(0, index - 3) : index], *lines[index + 1 : index + 4]):
        if other.page != line.page or abs(other.box.mid_y - line.box.mid_y) > 2.6 * height:
            continue
        extra = _header_columns(other)
        if not extra or any(re.search(r"\d[.,]\d", c.text) for c in other.cells):
            continue
        for col in extra:
            if not any(_overlap(col.box, c.box) > 0 for c in columns):
                columns.append(col)
    columns.sort(key=lambda c: c.box.x0)
    return columns


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0))


def _assign(box: Box, columns: list[Column]) -> Column:
    best = max(columns, key=lambda c: _overlap(box, c.box))
    if _overlap(box, best.box) > 0:
        return best
    return min(columns, key=lambda c: min(abs(box.x0 - c.box.x1), abs(box.x1 - c.box.x0)))


def _is_stop(line: Line) -> bool:
    first = line.cells[0].text if line.cells else ""
    if len(line.cells) == 1 and first.rstrip().endswith(":") and not re.search(r"\d", first):
        return True
    hit = label_at_start(first, STOP)
    return hit is not None and len(fold(first)) - hit.end < 25


def _read_table(
    lines: list[Line], header: int, columns: list[Column], want: frozenset[str]
) -> Table:
    """Read data lines under a header, across pages, until a totals line or a new header."""
    header_names = {c.name for c in columns}
    numeric = [n for n in NUMERIC_COLUMNS if n in header_names and n in want]
    rows: list[Row] = []
    text_lines: list[tuple[int, dict[str, list[tuple[str, Box]]]]] = []
    last_y = lines[header].box.bottom
    page = lines[header].page
    end = len(lines)
    for index in range(header + 1, len(lines)):
        line = lines[index]
        if line.page != page:
            page = line.page
            last_y = -1.0
        if _is_stop(line) or index > header + 400:
            end = index
            break
        cols = _header_columns(line)
        if len(cols) >= 2 and _is_header(cols, want):
            if rows:
                last_y = line.box.bottom
                continue
            end = index
            break
        if last_y >= 0 and line.box.top - last_y > 8 * max(line.box.height, 6.0) and rows:
            end = index
            break
        if line.page == lines[header].page and line.box.top < lines[header].box.bottom:
            continue
        last_y = line.box.bottom
        cells = _split_numeric_cells(line)
        values: dict[str, list[tuple[str, Box]]] = {}
        for text, box in cells:
            col = _assign(box, columns)
            values.setdefault(col.name, []).append((text, box))
        has_numbers = sum(1 for n in numeric if _numeric_in(values.get(n)))
        if has_numbers >= 1 and (
            _numeric_in(values.get("amount")) or has_numbers >= 2 or "amount" not in numeric
        ):
            row = Row(anchor=index)
            for name, items in values.items():
                for text, box in items:
                    row.add(name, text, box)
            rows.append(row)
        elif (
            rows
            and has_numbers == 1
            and _numeric_in(values.get("amount"))
            and rows[-1].anchor == index - 1
            and "amount" not in rows[-1].values
        ):
            for text, box in values["amount"]:
                rows[-1].add("amount", text, box)
        else:
            text_lines.append((index, values))
    _attach_text(rows, text_lines)
    return Table(header, columns, rows, end)


def _split_numeric_cells(line: Line) -> list[tuple[str, Box]]:
    """Cells, with a cell of several numbers (`20 Stk 9,90 198,00`) split into its numbers."""
    out: list[tuple[str, Box]] = []
    for cell in line.cells:
        numeric_words = [w for w in cell.words if re.fullmatch(r"[-(]?[\d.,'’]+[)%-]?", w.text)]
        if len(cell.words) > 1 and len(numeric_words) >= 2:
            for word in cell.words:
                out.append((word.text, word.box))
        else:
            out.append((cell.text, cell.box))
    return out


def _numeric_in(items: list[tuple[str, Box]] | None) -> bool:
    if not items:
        return False
    return any(parse_money(text, NumberStyle()) is not None for text, _ in items)


def _attach_text(
    rows: list[Row], text_lines: list[tuple[int, dict[str, list[tuple[str, Box]]]]]
) -> None:
    """Give each text line to the nearest item; ties go to the item above."""
    if not rows:
        return
    for index, values in text_lines:
        if any(
            parse_amount(t) is not None and re.search(r"[.,]\d{2}", t)
            for items in values.values()
            for t, _ in items
        ) and not values.get("description"):
            continue
        best = min(rows, key=lambda r: (abs(r.anchor - index), 0 if r.anchor < index else 1))
        if abs(best.anchor - index) > 6:
            continue
        best.text_lines.append(index)
        for name, items in values.items():
            for text, box in items:
                best.add(name + ("" if name in ("description", "sku") else "_extra"), text, box)
    for row in rows:
        row.text_lines.sort()
        for name in ("description", "sku"):
            found = row.values.get(name)
            if found:
                found.sort(key=lambda item: (item[1].page, item[1].top, item[1].x0))
