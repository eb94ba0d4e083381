"""Line items without a table header, found by their arithmetic.

Some layouts print each item as a small block (`Drain pump` over
`WP-230  1 x 89.00  89.00`) with no column headers at all. A line whose
numbers contain a quantity, a unit price and their product is an item; its
description is the text on that line or, failing that, the lines just above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triage.extraction.labels import COLUMN, INVOICE, PARTY, REPORT, label_at_start
from triage.extraction.layout import Box, Line, Word
from triage.extraction.values import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    NumberStyle,
    find_dates,
    parse_amount,
)

_NOISE = re.compile(r"^[x×*@=|/:;·•–—()\[\]-]+$", re.IGNORECASE)
_CODE = re.compile(r"^(?=[^\s]*[A-Za-z])(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9._/\-]{2,}$")
_FIGURES_CODE = re.compile(r"^\d+(?:[-/.]\d+)+$|^\d{4,}$")
_SIGNED_SYMBOL = re.compile(r"[-−–][€$£¥₹]")
_UNIT = re.compile(
    r"^(x|×|h|hrs?|hours?|std\.?|stk\.?|pcs?\.?|pc|ea|each|unit\(?s?\)?|st\.?|uur|u|km|m|kg|l)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    value: float
    word: Word
    decimals: int


@dataclass(frozen=True)
class Item:
    """One item read by arithmetic: qty x unit_price = amount, with its text and code."""

    qty: Number
    unit_price: Number
    amount: Number
    description: tuple[str, Box] | None
    sku: tuple[str, Box] | None
    line: int


def numbers_in(line: Line, style: NumberStyle) -> list[Number]:
    """The numbers of a line, word by word, leaving out percentages and dates."""
    dated = {id(w) for w in line.words if find_dates(w.text)}
    out: list[Number] = []
    for before, word in zip([None, *line.words], line.words, strict=False):
        text = word.text.strip("€$£¥₹")
        if before is not None and _SIGNED_SYMBOL.fullmatch(before.text) and text[:1].isdigit():
            text = "-" + text  # `-€ 50,00`: the minus printed with the currency symbol
        if id(word) in dated or text.endswith("%") or not re.search(r"\d", text):
            continue
        text = re.sub(r"^[x×@]", "", text, flags=re.IGNORECASE)
        text = re.sub(r"(h|x|×)$", "", text, flags=re.IGNORECASE)
        if not re.fullmatch(r"[-−(]?\d[\d.,'’]*\)?-?", text):
            continue
        value = parse_amount(text, style)
        if value is None:
            continue
        decimals = len(re.split(r"[.,]", text)[-1]) if re.search(r"[.,]\d+\)?-?$", text) else 0
        out.append(Number(value, word, decimals))
    return out


def _merged(numbers: list[Number], style: NumberStyle) -> list[Number]:
    """`2 302,44` printed with a space for thousands: join `2` and `302,44`."""
    out: list[Number] = []
    for number in numbers:
        if out:
            last = out[-1]
            gap = number.word.box.x0 - last.word.box.x1
            if (
                re.fullmatch(r"-?\d{1,3}", last.word.text)
                and re.fullmatch(r"\d{3}(?:[.,]\d+)?", number.word.text)
                and 0 <= gap < 0.6 * max(number.word.box.height, 1.0)
            ):
                text = last.word.text + number.word.text
                value = parse_amount(text, style)
                if value is not None:
                    word = Word(text, last.word.box.union(number.word.box))
                    out[-1] = Number(value, word, number.decimals)
                    continue
        out.append(number)
    return out


def product_triple(numbers: list[Number]) -> tuple[Number, Number, Number] | None:
    """qty, unit price, amount among a line's numbers: the last number that is a product."""
    for k in range(len(numbers) - 1, 1, -1):
        amount = numbers[k]
        for i in range(k):
            for j in range(i + 1, k):
                a, b = numbers[i], numbers[j]
                if abs(a.value * b.value - amount.value) <= 0.011 + 0.001 * abs(amount.value):
                    if a.value == 0 and b.value == 0:
                        continue
                    qty, price = (b, a) if a.decimals == 2 and b.decimals != 2 else (a, b)
                    return qty, price, amount
    return None


def arithmetic_items(lines: list[Line], style: NumberStyle) -> list[Item]:
    """Items whose line shows qty, unit price and amount that multiply out."""
    items: list[Item] = []
    previous_item = -1
    for position, line in enumerate(lines):
        if _totals_line(line):
            if items:
                break
            continue
        plain = numbers_in(line, style)
        triple = None
        for numbers in (_merged(plain, style), plain):
            triple = product_triple(numbers) if len(numbers) >= 3 else None
            if triple is not None:
                break
        if triple is None:
            continue
        words = _without_numbers(line.words, plain)
        over = _lines_above(lines, position, previous_item)
        above = [w for ln in over for w in ln.words]
        sku = _code(words) or _code(above)
        code = sku[0] if sku else None
        # an item card's text is its lines' first cells: a tag set apart on the right
        # (`Anfahrt | FAHRT`, a kind chip) is not part of it
        description = _text(words, code) or _text(
            [w for ln in over for w in ln.cells[0].words], code
        )
        items.append(Item(*triple, description, sku, line.index))
        previous_item = position
    return items


def _without_numbers(words: list[Word], numbers: list[Number]) -> list[Word]:
    """The words of a line less its numbers and the units printed right after them."""
    used = {id(n.word) for n in numbers}
    kept: list[Word] = []
    after_number = False
    for word in words:
        if id(word) in used:
            after_number = True
            continue
        if (after_number and _UNIT.match(word.text)) or _is_caption(word.text):
            continue
        after_number = False
        kept.append(word)
    return kept


def _is_caption(text: str) -> bool:
    """A currency code or a column name printed next to a number (`Menge`, `EUR`, `Qty:`)."""
    bare = text.strip(":.()")
    if bare.upper() in CURRENCY_CODES or bare in CURRENCY_SYMBOLS:
        return True
    hit = label_at_start(bare, COLUMN)
    return hit is not None and hit.end >= len(bare) - 1


def _totals_line(line: Line) -> bool:
    for cell in line.cells[:2]:
        hit = label_at_start(cell.text, INVOICE)
        if hit is not None and hit.field in ("subtotal", "tax", "total"):
            return True
    return False


def _lines_above(lines: list[Line], position: int, stop: int) -> list[Line]:
    """Up to two text lines right above an item line, after the previous item."""
    out: list[Line] = []
    below = lines[position]
    for index in range(position - 1, max(stop, position - 3), -1):
        line = lines[index]
        if line.page != below.page or below.box.top - line.box.bottom > 1.6 * max(
            line.box.height, 6.0
        ):
            break
        if re.search(r"\d[.,]\d{2}\b", line.text) or _labelled(line):
            break
        if out and line.box.x0 < below.box.x0 - 4:
            # set out to the left of the item's text: a heading (`Positionen`); the line
            # right above the figures may stand further out, the item's own title (`1. Oil
            # filter` over indented `Menge 1 x EUR 31.67`)
            break
        out.insert(0, line)
        below = line
    return out


def _labelled(line: Line) -> bool:
    """A `Label: value` line (work order, date, …) is not part of an item's text."""
    first = line.cells[0].text if line.cells else ""
    if first.rstrip().endswith(":"):
        return True
    return ":" in first and any(
        label_at_start(first, table) is not None for table in (INVOICE, REPORT, PARTY)
    )


_ENUMERATOR = re.compile(r"^\s*(?:pos\.?\s*)?\d{1,3}[.)]\s+", re.IGNORECASE)
_SKU_WORDS = re.compile(
    r"^\(?(ref|ref\.|réf|reference|référence|sku|part|part no\.?|art\.?|art\.-nr\.?|artikel|"
    r"artikelnr\.?|art\.?nr\.?|item|code|teil|onderdeel|pn|p/n)[:.]?$",
    re.IGNORECASE,
)


NUMBER_SIGN = re.compile(r"^(no|nr|n°|nº|#)\.?:?$", re.IGNORECASE)  # `No.`, `N°`, `#`


def _text(words: list[Word], sku: str | None = None) -> tuple[str, Box] | None:
    """An item's words less symbols, the code and its caption (`(Référence CAP-1)`)."""
    captions = [bool(_SKU_WORDS.match(w.text)) for w in words]
    kept = [
        w
        for i, w in enumerate(words)
        if not _NOISE.match(w.text)
        and w.text not in ("x", "×")
        and not captions[i]
        and not (i and captions[i - 1] and NUMBER_SIGN.match(w.text))  # `Part no.`
        and (sku is None or w.text.strip("()[],;:") != sku)
    ]
    if sum(ch.isalpha() for w in kept for ch in w.text) < 3:
        return None
    box = kept[0].box
    for word in kept[1:]:
        box = box.union(word.box)
    text = _ENUMERATOR.sub("", " ".join(w.text for w in kept))
    text = re.sub(r"\(\s*\)|\($|^\)", "", text).strip(" -–:·,;(")
    return (text, box) if text else None


def _code(words: list[Word]) -> tuple[str, Box] | None:
    """The article code: a token after a caption (`Ref.`, `SKU`) first, then one with a hyphen."""
    ranked: list[tuple[int, int, str, Box]] = []
    for position, word in enumerate(words):
        token = word.text.strip("()[],;:")
        captioned = position > 0 and _SKU_WORDS.match(words[position - 1].text) is not None
        # a code of figures only (`7829-211`) counts where its caption names it
        if not (_CODE.match(token) or (captioned and _FIGURES_CODE.match(token))):
            continue
        if find_dates(token):
            continue
        rank = 0 if captioned else (1 if "-" in token else 2)
        ranked.append((rank, position, token, word.box))
    if not ranked:
        return None
    _, _, token, box = min(ranked)
    return token, box


_TRAILING_CODE = re.compile(r"^[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+$")
# the code's own caption before it (`Drive belt B-62` / `SKU P-3105`), not description text
_CAPTION_END = re.compile(
    r"\s*\b(sku|art\.?-?nr\.?|artikel-?nr\.?|part\s*no\.?|item\s*no\.?|p/n)\s*[:#]?\s*$", re.I
)
_NOT_A_CODE_AFTER = re.compile(
    r"^(per|see|ref|siehe|gem[aä]ß|laut|voir|selon|zie|volgens|from|of|to|von|bis|du|au)$", re.I
)


# a product's internal reference in brackets before its name, as Odoo prints lines
_BRACKETED_CODE = re.compile(r"^\s*\[([A-Za-z0-9][\w./-]{1,30})\]\s*([^\W\d].*)$")


def bracketed_code(text: str) -> tuple[str, str] | None:
    """The code and name of `[P-3105] Drive belt`, as Odoo prints a product."""
    match = _BRACKETED_CODE.match(text)
    return (match.group(1), match.group(2).strip()) if match else None


def code_in_text(text: str) -> tuple[str, str] | None:
    """An article code printed at the end of a description (`Door seal DS-431`), or in
    brackets before it (`[P-3105] Drive belt B-62`).

    Returns the code and the description without it; a code after `per`/`see`
    (`work per CO-81846`) is a reference, not the item's own code.
    """
    if bracketed := bracketed_code(text):
        return bracketed
    words = text.split()
    for position in range(len(words) - 1, 0, -1):
        token = words[position].strip("()[],;:")
        if not token or token.lower() in ("continued", "next", "page"):
            continue
        if (
            _TRAILING_CODE.match(token)
            and "-" in token
            and any(ch.isdigit() for ch in token)
            and not find_dates(token)
            and not _NOT_A_CODE_AFTER.match(words[position - 1].strip("(,"))
        ):
            rest = " ".join(words[:position] + words[position + 1 :])
            rest = _CAPTION_END.sub("", re.sub(r"\(\s*\)", "", rest)).strip(" -–:·,;")
            return (token, rest) if rest else None
        break
    return None
