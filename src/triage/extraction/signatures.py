"""Whether the customer signed: answers, statements, marked options, signers' rows and ink.

A report says it in many ways: a yes/no beside a label, a status sentence (`Bon non signé
par le client`), an option marked with an `X`, the customer's column under a row of
signers' captions, or only a stroke drawn on the signing line. These readers return the
answer and how sure the wording makes it; `report.py` weighs them against the label.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from triage.extraction.fields import Span
from triage.extraction.invoice import field
from triage.extraction.labels import REPORT, bare_label, label_at_start
from triage.extraction.layout import Box, Cell, Line, lines_under
from triage.extraction.model import ExtractedField
from triage.extraction.values import fold

TICK = "☒☑✔✓■"  # a ticked box or mark
_TICKED = re.compile(rf"(?:[{TICK}]|\[\s*[xX✓]\s*\])\s*([^\W\d_]+)")

_YES = re.compile(
    r"^(yes|y|ja|oui|si|signed|unterschrieben|signe|getekend|ondertekend|x)(?![a-z])|^([✓✔☑]|\[x\])",
    re.I,
)

_NO = re.compile(
    r"^(no|n|nein|non|nee|not signed|unsigned|missing|none|fehlt|keine|kein|refused|verweigert|"
    r"n/a|nicht|ohne|not|pas|niet|geen|non signe|sans)(?![a-z])|^([-–—_☐✗✘.]|\[ \])",
    re.I,
)

# a status sentence rather than a yes/no: `Bon non signé par le client`, `Customer signed on site`
_SIGNED = r"(signed|unterschrieben|unterzeichnet|signe|getekend|ondertekend)"

_SIGNED_WORD = re.compile(r"(?<![a-z])" + _SIGNED, re.I)

# a negation up to two words before it: `not signed`, `non signé`, `nicht vom Kunden
# unterschrieben`; `signed on site, no issues` stays signed
_UNSIGNED = re.compile(
    r"(?<![a-z])(not|no|nicht|kein\w*|ohne|non|pas|sans|niet|geen|without)\W+(\w+\W+){0,2}"
    + _SIGNED,
    re.I,
)

# a refusal: `Customer declined to sign`, `Unterschrift verweigert`, `a refusé de signer`
_REFUSED = re.compile(
    r"(?<![a-z])(declined|refused|unable|verweigert|weigert|refuse|weigerde)\W+(\w+\W+){0,2}"
    r"(sign|signer|unterschreiben|tekenen)(?![a-z])"
    r"|(signature|unterschrift|handtekening)\W+(\w+\W+){0,2}"
    r"(declined|refused|verweigert|refusee|geweigerd)(?![a-z])"
)

# nobody there to sign (`Customer not available to sign`): the answer only where marked, since
# forms print it as an option beside a box
_ABSENT = re.compile(
    r"(?<![a-z])(not available|unavailable|not present|not on site|absent|abwesend|"
    r"nicht anwesend|nicht vor ort|niet aanwezig)(?![a-z])"
)

# `keine Unterschrift`, `no signature`, `pas de signature`, `geen handtekening`
_NO_SIGNATURE = re.compile(
    r"(?<![a-z])(no|keine?|pas de|sans|geen|zonder|without)\s+(customer\s+)?"
    r"(signature|unterschrift|handtekening)(?![a-z])"
)

# a statement marked as the one that applies: `X Customer not available to sign`
_MARKED_STATEMENT = re.compile(r"^(?:[xX]|[✓✔☑☒■])\s+(?=\S+\s+\S)")

_MARK = re.compile(rf"^\s*(?:[xX]|[{TICK}])\s*$")


def marked_cells(near: list[Line], page: int) -> Iterator[Cell]:
    """The cells of `near` on `page` marked by an `X` (or a tick) in the cell before them,
    or in their own first word (`X Breakdown repair`, the mark drawn close in its box)."""
    for line in near:
        if line.page == page:
            for mark, option in itertools.pairwise(line.cells):
                if _MARK.match(mark.text):
                    yield option
            for cell in line.cells:
                if len(cell.words) > 1 and _MARK.match(cell.words[0].text):
                    yield Cell(cell.words[1:])


def marked_signature(lines: list[Line], line: Line) -> tuple[bool, float, Box] | None:
    """Signature statements offered as options, one marked by an `X` in the cell before it
    (`signed by customer` over `X | Customer declined to sign`): the marked one's answer."""
    for option in marked_cells(lines[max(0, line.index - 2) : line.index + 3], line.page):
        if stated := read_signature(option.text, strict=True):
            return stated[0], stated[1], option.box
    return None


NAME_WORDS = 5  # `Approved by J. van der Berg`: longer is a sentence, not a signer's name

_BLANK_LINE = re.compile(r"^[_.…]{3,}\s*")


def read_signature(text: str, *, strict: bool = False) -> tuple[bool, float] | None:
    """Signed or not; `strict` only when the text says so (not any name written there)."""
    cleaned = text.strip()
    if (after := _BLANK_LINE.sub("", cleaned)) and after != cleaned:
        cleaned = after  # `______ (signed)`: the answer written after the signing line
    marked = _MARKED_STATEMENT.match(cleaned) is not None
    cleaned = _MARKED_STATEMENT.sub("", cleaned)
    answer = cleaned.rpartition(":")[2].strip()  # `Bon signé par le client : Non`
    if answer != cleaned and (_NO.match(answer) or _YES.match(answer)):
        return bool(_YES.match(answer)) and not _NO.match(answer), 0.9
    ticked = _TICKED.search(cleaned)  # `☐ Yes ☒ No`: the ticked answer, wherever it stands
    if ticked is not None:
        if _NO.match(ticked.group(1)):
            return False, 0.9
        if _YES.match(ticked.group(1)):
            return True, 0.9
    if _NO.match(cleaned):
        return False, 0.9
    if _YES.match(cleaned):
        return True, 0.95
    folded = fold(cleaned)
    if _REFUSED.search(folded) or _NO_SIGNATURE.search(folded):
        return False, 0.85
    if _ABSENT.search(folded) and not _SIGNED_WORD.search(folded):
        return (False, 0.85) if marked else None  # an unmarked option says nothing
    if _SIGNED_WORD.search(folded):
        return not _UNSIGNED.search(folded), 0.85
    if strict:
        return None
    # a name written there; a sentence under the heading is the form's legal text
    if (
        sum(ch.isalpha() for ch in cleaned) >= 3
        and not re.search(r"\d{2}", cleaned)
        and len(cleaned.split()) <= NAME_WORDS
    ):
        return True, 0.75
    return None


# the customer's caption in a row of signers (`Le technicien | Le client`, `Techniker | Kunde`)
_CUSTOMER_CAPTION = re.compile(
    r"^\W*(the |le |la |der |die |de |el )?(customer|client|cliente|kunde|klant|auftraggeber)\W*$"
)


def row_of(lines: list[Line], span: Span) -> Line | None:
    """The line whose cell `span` is."""
    return next((ln for ln in lines if span.box in [c.box for c in ln.cells]), None)


def signers(lines: list[Line], caption: Span) -> tuple[Line, Cell] | None:
    """The row of signers' captions `caption` stands in, and its customer's caption."""
    row = row_of(lines, caption)
    if row is None:
        return None
    customer = next((c for c in row.cells if _CUSTOMER_CAPTION.match(fold(c.text))), None)
    return None if customer is None else (row, customer)


def customer_column(lines: list[Line], row: Line, customer: Cell) -> tuple[bool, float, Box] | None:
    """Under a row of signers' captions, what the customer's column says (`Non signé`,
    `Signé le 10/02/2026`, a name): the signature heading's answer."""
    below = next(lines_under(lines, row, 1, 2 * row.box.height), None)
    if below is None:
        return None
    cell = next((c for c in below.cells if c.box.x_overlap(customer.box) > 0), None)
    if cell is None or (stated := read_signature(cell.text)) is None:
        return None
    return stated[0], stated[1], cell.box


_TECHNICIAN_CAPTION = re.compile(
    r"^\W*(the |le |la |der |die |de )?(technician|engineer|technicien|techniker|"
    r"servicetechniker|monteur|technicus)\W*$"
)

SIGN_OFF_REACH = 80.0  # points under a signers' row where their signatures and status stand


def signers_row(lines: list[Line]) -> tuple[Line, Cell] | None:
    """A row that captions the technician and the customer side by side (`LE TECHNICIEN |
    LE CLIENT`) with no signature label: the sign-off, and the customer's caption."""
    for line in lines:
        folded = [fold(c.text) for c in line.cells]
        customer = [
            c for c, f in zip(line.cells, folded, strict=True) if _CUSTOMER_CAPTION.match(f)
        ]
        if customer and any(_TECHNICIAN_CAPTION.match(f) for f in folded):
            return line, customer[0]
    return None


def customer_sign_off(
    lines: list[Line], ink: tuple[Box, ...], row: Line, customer: Cell
) -> ExtractedField:
    """The customer's column under a signers' row: a status said there (`Non signé`,
    `Bon pour accord`), else a signature drawn there, else unsigned."""
    left = customer.box.x0 - 5
    for nxt in lines_under(lines, row, 4, SIGN_OFF_REACH):
        for cell in nxt.cells:
            if cell.box.x0 >= left and (stated := read_signature(cell.text, strict=True)):
                return field(stated[0], 0.7 * stated[1], cell.box)
    drawn = next(
        (
            box
            for box in ink
            if box.page == row.page
            and box.x0 >= left
            and row.box.bottom <= box.top <= row.box.bottom + SIGN_OFF_REACH
        ),
        None,
    )
    return field(True, 0.65, drawn) if drawn else field(False, 0.45, customer.box)


INK_REACH = 60.0  # points under a signature heading where the signature itself is drawn


def ink_at(ink: tuple[Box, ...], label: Box) -> Box | None:
    """A drawing over the label's width that starts under it within reach (a heading over
    the signing box), or ends just over it (a signature on the line over its caption)."""
    return next(
        (
            box
            for box in ink
            if box.page == label.page
            and box.x_overlap(label) > 0
            and (
                label.top - label.height / 2 < box.top <= label.bottom + INK_REACH
                or (box.top < label.top and label.top - INK_REACH <= box.bottom <= label.bottom)
            )
        ),
        None,
    )


STATUS_WORDS = 12  # `Customer signed on site to accept the work.`; a longer text is legal prose

STATUS_LINES = 6  # lines under a signature heading where its status may be printed


def signature_below(lines: list[Line], line: Line) -> tuple[bool, float, Box] | None:
    """A signature heading's answer stated under it, beside the signature image or under
    the form's legal text rather than right under the heading (`✓ Signed on device`,
    `☐ nicht unterschrieben`): only an explicit yes or no counts, in a short cell that
    no other field's label starts."""
    for nxt in lines_under(lines, line, STATUS_LINES, 2 * INK_REACH):
        for cell in nxt.cells:
            label = label_at_start(cell.text, REPORT)
            if len(cell.text.split()) > STATUS_WORDS or (
                label is not None
                and (label.field != "customer_signature" or bare_label(cell.text, label.field))
            ):
                continue  # another field, or `Getekend door klant | Nee`: the answer is beside
            if (stated := read_signature(cell.text, strict=True)) is not None:
                return stated[0], stated[1], cell.box
    return None
