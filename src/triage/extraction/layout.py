"""Words, lines and cells with their boxes, read from a PDF's text layer.

pdfium gives characters with boxes quickly; words are split on spaces, lines
are words sharing a baseline band, and cells are runs of words on a line with
no column-sized gap between them. Labels and values are looked up on cells.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


@dataclass(frozen=True)
class Box:
    """An axis-aligned box on one page, in PDF points from the top-left corner."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    def x_overlap(self, other: Box) -> float:
        """Width the two boxes share across the page (0 when side by side)."""
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def union(self, other: Box) -> Box:
        return Box(
            self.page,
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


@dataclass
class Cell:
    """Words on one line without a column gap between them."""

    words: list[Word]

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def box(self) -> Box:
        return _bounds(self.words)


@dataclass
class Line:
    """One visual line of a page, words sorted left to right, split into cells."""

    words: list[Word]
    index: int = 0
    cells: list[Cell] = field(default_factory=list)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def box(self) -> Box:
        return _bounds(self.words)

    @property
    def page(self) -> int:
        return self.words[0].box.page


def _bounds(words: list[Word]) -> Box:
    """The box around words (all on one page)."""
    first = words[0].box
    return Box(
        first.page,
        min(w.box.x0 for w in words),
        min(w.box.top for w in words),
        max(w.box.x1 for w in words),
        max(w.box.bottom for w in words),
    )


@dataclass
class PageText:
    width: float
    height: float
    words: list[Word]
    ink: list[Box] = field(default_factory=list)  # freehand drawings and small images


def read_pages(document: pdfium.PdfDocument, page_count: int) -> list[PageText]:
    """Words of every page, each with its box, and where something is drawn by hand."""
    pages: list[PageText] = []
    for index in range(page_count):
        page = document[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                words = list(_page_words(textpage, index + 1, height))
            finally:
                textpage.close()
            ink = _page_ink(page, index + 1, width, height)
        finally:
            page.close()
        pages.append(PageText(width, height, words, ink))
    return pages


INK_POLYLINE = 20  # straight segments of one path that draw a stroke, not a rule or box
INK_CURVES = 5  # cubic curves in one path: a hand-drawn stroke; rounded boxes and circles have 4
INK_SEGMENTS = 60  # path segments looked at per object
MAX_INK_OBJECTS = 2_000  # page objects looked at per page: bounded time on a drawing-heavy page


def _page_ink(page: pdfium.PdfPage, page_no: int, width: float, height: float) -> list[Box]:
    """Boxes of freehand strokes (paths of many curves) and of small images: a signature
    drawn or pasted on a form is no text, yet says the form was signed. pdfium's C calls
    with reused out-parameters: a browser-printed page holds hundreds of path objects."""
    out: list[Box] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    bounds = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    pending: list[tuple[Any, int]] = [(page.raw, -1)]  # (page or form object, -1 for the page)
    seen = 0
    while pending and seen < MAX_INK_OBJECTS:
        owner, depth = pending.pop()
        count_objects, get_object = (
            (pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject)
            if depth < 0
            else (pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject)
        )
        for i in range(min(count_objects(owner), MAX_INK_OBJECTS - seen)):
            seen += 1
            obj = get_object(owner, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 3:
                pending.append((obj, depth + 1))
                continue
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
                continue
            if not pdfium_c.FPDFPageObj_GetBounds(obj, *bounds):
                continue
            wide, tall = right.value - left.value, top.value - bottom.value
            if wide > 0.5 * width or tall > 0.2 * height:
                continue  # a scanned page, a banner or a frame, not a signature
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH and not _is_stroke(obj, wide, tall):
                continue
            out.append(
                Box(page_no, left.value, height - top.value, right.value, height - bottom.value)
            )
    return out


def _is_stroke(path: Any, wide: float, tall: float) -> bool:
    """Many curves and few straight lines, or a long polyline: a hand-drawn stroke, not a
    rule, tick or box."""
    if wide < 10 or tall < 4:
        return False
    segments = pdfium_c.FPDFPath_CountSegments(path)
    kinds = [
        pdfium_c.FPDFPathSegment_GetType(pdfium_c.FPDFPath_GetPathSegment(path, i))
        for i in range(min(segments, INK_SEGMENTS))
    ]
    curves = kinds.count(pdfium_c.FPDF_SEGMENT_BEZIERTO) // 3  # three points per curve
    lines = kinds.count(pdfium_c.FPDF_SEGMENT_LINETO)
    # a stroke flattened into many short lines (wkhtmltopdf prints SVG curves so)
    return (curves >= INK_CURVES and lines < curves) or (curves == 0 and lines >= INK_POLYLINE)


def _page_words(textpage: pdfium.PdfTextPage, page_no: int, height: float) -> Iterable[Word]:
    """Characters to words: split on spaces, rotated text and gaps wider than 0.4 em.

    Calls pdfium's C functions directly with one reused rectangle: this loop runs
    once per character and is most of the time spent reading a page.
    """
    count = textpage.count_chars()
    if count <= 0:
        return
    text = textpage.get_text_range(0, count)
    if len(text) != count:
        text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    char_angle = pdfium_c.FPDFText_GetCharAngle
    chars: list[str] = []
    x0 = x1 = low = high = 0.0

    def flush() -> Word | None:
        if not chars:
            return None
        word = Word("".join(chars), Box(page_no, x0, height - high, x1, height - low))
        chars.clear()
        return word

    last_right: float | None = None
    last_size = 0.0
    for i, ch in enumerate(text):
        if ch == "\ufffe":
            ch = "-"  # pdfium's mark for a hyphen that ends a line: a printed `-` (`UTC-`)
        if ch == " " and last_right is not None and _tracked(raw, i, rect, last_right, last_size):
            continue  # a space pdfium made up inside letter-spaced text (`Br uttosumme`)
        if ch.isspace() or ch == "\x00":
            word = flush()
            if word:
                yield word
            last_right = None
            continue
        angle = char_angle(raw, i)
        if 0.05 < angle < 6.23:
            word = flush()
            if word:
                yield word
            last_right = None
            continue
        if not loose_box(raw, i, rect):
            continue
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        size = top - bottom
        if right <= left and top <= bottom:
            continue
        if last_right is not None and (
            left - last_right > 0.4 * max(size, last_size) or left < last_right - 2 * size
        ):
            word = flush()
            if word:
                yield word
        if chars:
            x0, x1 = min(x0, left), max(x1, right)
            low, high = min(low, bottom), max(high, top)
        else:
            x0, x1, low, high = left, right, bottom, top
        chars.append(ch)
        last_right, last_size = right, size
    word = flush()
    if word:
        yield word


# A space pdfium generates between letters closer than this (in em) is letter spacing:
# in the corpora such gaps are 0.11-0.12 em inside words, word gaps 0.15 em and more.
TRACKING_EM = 0.125


def _tracked(raw: Any, i: int, rect: Any, last_right: float, last_size: float) -> bool:
    """Whether the space at `i` is one pdfium generated where the next letter follows at a
    letter's distance, not a word's."""
    if pdfium_c.FPDFText_IsGenerated(raw, i) != 1:
        return False
    if not pdfium_c.FPDFText_GetLooseCharBox(raw, i + 1, rect):
        return False
    size = max(float(rect.top - rect.bottom), last_size)
    gap = float(rect.left) - last_right
    return size > 0 and -0.05 * size <= gap < TRACKING_EM * size


def build_lines(pages: list[PageText]) -> list[Line]:
    """All lines of the document in reading order (page, top to bottom)."""
    lines: list[Line] = []
    for page in pages:
        words = sorted(page.words, key=lambda w: (w.box.mid_y, w.box.x0))
        current: list[Word] = []
        band_mid = 0.0
        for word in words:
            tolerance = 0.35 * max(word.box.height, 1.0)
            if current and abs(word.box.mid_y - band_mid) <= tolerance:
                current.append(word)
                continue
            if current:
                lines.append(Line(sorted(current, key=lambda w: w.box.x0)))
            current = [word]
            band_mid = word.box.mid_y
        if current:
            lines.append(Line(sorted(current, key=lambda w: w.box.x0)))
    for index, line in enumerate(lines):
        line.index = index
        line.cells = split_cells(line.words)
    return lines


def lines_under(lines: list[Line], line: Line, count: int, reach: float) -> Iterator[Line]:
    """Up to `count` lines after `line` on its page, while they start within `reach` points
    under it."""
    for nxt in lines[line.index + 1 : line.index + 1 + count]:
        if nxt.page != line.page or nxt.box.top - line.box.bottom > reach:
            return
        yield nxt


def split_cells(words: list[Word]) -> list[Cell]:
    """Split a line where the gap between words is wider than about one em."""
    cells: list[Cell] = []
    current: list[Word] = []
    for word in words:
        if current:
            prev = current[-1]
            gap = word.box.x0 - prev.box.x1
            em = max(prev.box.height, word.box.height, 1.0)
            if gap > 0.9 * em:
                cells.append(Cell(current))
                current = []
        current.append(word)
    if current:
        cells.append(Cell(current))
    return cells
