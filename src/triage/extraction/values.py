"""Reading printed amounts, dates, times and currencies in the issuer's local style.

Pure functions on strings: the layout code finds where a value is, these decide
what it means. Ambiguities (`1.234`, `03/04/2026`) are resolved by hints that
the caller derives from the whole document (its other amounts, its currency).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache

CURRENCY_SYMBOLS: dict[str, str] = {
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "₹": "INR",
    "¥": "JPY",
    "US$": "USD",
    "Fr.": "CHF",
    "SFr.": "CHF",
    "Rs.": "INR",
}
CURRENCY_CODES = frozenset(
    [
        "EUR",
        "USD",
        "GBP",
        "CHF",
        "INR",
        "JPY",
        "CAD",
        "AUD",
        "NZD",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "CZK",
        "HUF",
        "RON",
        "BGN",
        "HRK",
        "TRY",
        "CNY",
        "HKD",
        "SGD",
        "ZAR",
        "BRL",
        "MXN",
    ]
)
_RUPEES = re.compile(r"(?<![A-Za-z])Rs\.?(?=\s*-?\(?\d)")
CURRENCY_WORDS: dict[str, str] = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD"}

_SPACES = "\u00a0\u202f\u2009\u2007 "
_AMOUNT = re.compile(
    r"""^(?P<sign>[-−–+(]?)\s*
        (?P<num>\d{1,3}(?:[.,'’\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d{1,4})?
               |\d+(?:[.,]\d{1,4})?|[.,]\d{1,4})
        \s*(?P<trail>[-−)]?)$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class NumberStyle:
    """Which separator the document uses for decimals; None when it has not shown it yet."""

    decimal_comma: bool | None = None


def strip_currency(text: str) -> tuple[str, str | None]:
    """Remove a currency code or symbol around a number; return the rest and the ISO code."""
    found: str | None = None
    rest = text.strip()
    for symbol in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if symbol in rest:
            found = found or CURRENCY_SYMBOLS[symbol]
            rest = rest.replace(symbol, " ")
    rupees = _RUPEES.search(rest)
    if rupees:
        found = found or "INR"
        rest = rest[: rupees.start()] + " " + rest[rupees.end() :]
    match = re.search(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])", rest)
    if match and match.group(1) in CURRENCY_CODES:
        found = found or match.group(1)
        rest = rest[: match.start()] + " " + rest[match.end() :]
    return rest.strip(), found


def parse_amount(text: str, style: NumberStyle | None = None) -> float | None:
    """`1.234,56`, `1,234.56`, `1 234,56`, `CHF 1'234.50`, `(12.00)`, `12,00-` -> float."""
    rest, _ = strip_currency(text)
    rest = rest.strip().rstrip("*").strip()
    match = _AMOUNT.match(rest)
    if not match:
        return None
    num = match.group("num")
    negative = match.group("sign") in "-−–(" and match.group("sign") != ""
    negative = negative or (match.group("trail") in ("-", "−", ")") and match.group("trail") != "")
    for ch in _SPACES + "'’":
        num = num.replace(ch, "")
    value = _resolve_separators(num, style or NumberStyle())
    if value is None:
        return None
    return -value if negative else value


def _resolve_separators(num: str, style: NumberStyle) -> float | None:
    has_dot, has_comma = "." in num, "," in num
    if has_dot and has_comma:
        decimal = "," if num.rfind(",") > num.rfind(".") else "."
        group = "." if decimal == "," else ","
        cleaned = num.replace(group, "").replace(decimal, ".")
    elif has_dot or has_comma:
        sep = "." if has_dot else ","
        head, _, tail = num.rpartition(sep)
        if num.count(sep) > 1:
            cleaned = num.replace(sep, "")
        elif len(tail) == 3 and head and head != "0":
            decimal_is_sep = style.decimal_comma if sep == "," else _not(style.decimal_comma)
            cleaned = num.replace(sep, ".") if decimal_is_sep else num.replace(sep, "")
        else:
            cleaned = num.replace(sep, ".")
    else:
        cleaned = num
    try:
        return float(cleaned)
    except ValueError:
        return None


def _not(flag: bool | None) -> bool | None:
    return None if flag is None else not flag


def decimal_evidence(text: str) -> bool | None:
    """True if `text` is a number that can only be read with a decimal comma, False for a point."""
    rest, _ = strip_currency(text)
    if re.fullmatch(r"-?\d{1,3}(?:[.\s'’]\d{3})*,\d{2}-?", rest):
        return True
    if re.fullmatch(r"-?\d{1,3}(?:[,\s'’]\d{3})*\.\d{2}-?", rest):
        return False
    return None


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, one character for one: offsets stay valid for `text`."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


def unligature(folded: str) -> str:
    """Folded text as words are listed: `œ` as `oe`, `’` as `'` (not one character for one)."""
    return folded.replace("œ", "oe").replace("’", "'")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:
        return ch
    base = unicodedata.normalize("NFKD", low)[:1]
    return base if base and base.isascii() else low


MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar janvier janv januari jänner",
        "february feb februar fevrier février fevr févr februari",
        "march mar märz maerz marz mars maart mrt",
        "april apr avril avr",
        "may mai mei",
        "june jun juni juin",
        "july jul juli juillet juil",
        "august aug augustus aout août",
        "september sep sept septembre",
        "october oct oktober okt octobre",
        "november nov novembre",
        "december dec dezember dez decembre décembre",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
        MONTHS[fold(_name)] = _number

_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
_DAY_MONTH = re.compile(
    rf"(?<!\w)(\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s*(?:de\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"(?<!\w)({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text; `ambiguous` when day and month could be swapped."""

    value: date
    start: int
    end: int
    ambiguous: bool = False
    swapped: date | None = None


def find_dates(text: str, *, day_first: bool | None = None) -> list[DateMatch]:
    """Every date in `text`, in order; `day_first` settles `03/04/2026` (None: European)."""
    out: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: date | None, swapped: date | None = None) -> None:
        if value is None or any(s < match.end() and match.start() < e for s, e in taken):
            return
        taken.append((match.start(), match.end()))
        out.append(DateMatch(value, match.start(), match.end(), swapped is not None, swapped))

    for m in _ISO.finditer(text):
        add(m, _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    folded = fold(text)
    for m in _DAY_MONTH.finditer(folded):
        add(m, _safe_date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))))
    for m in _MONTH_DAY.finditer(folded):
        add(m, _safe_date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))))
    for m in _NUMERIC.finditer(text):
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        year = int(y) + (2000 if len(y) == 2 else 0)
        dmy, mdy = _safe_date(year, b, a), _safe_date(year, a, b)
        if dmy and mdy and a != b:
            prefer_dmy = sep == "." or day_first is None or day_first
            first, second = (dmy, mdy) if prefer_dmy else (mdy, dmy)
            add(m, first, None if sep == "." else second)
        else:
            add(m, dmy or mdy)
    out.sort(key=lambda d: d.start)
    return out


def parse_date(text: str, *, day_first: bool | None = None) -> date | None:
    found = find_dates(text, day_first=day_first)
    return found[0].value if found else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


_TIME = re.compile(
    r"(?<![\d:])(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d])",
    re.IGNORECASE,  # `07:40`, `7.40`, `7h40`, `7 h 40`
)
_OFFSET = re.compile(
    r"(?:(?:UTC|GMT)\s*)?([+-−])(\d{1,2})(?::?(\d{2}))?(?!\d)|(?<![A-Za-z])(Z|UTC|GMT)(?![A-Za-z+-])"
)
TZ_NAMES: dict[str, int] = {
    "CET": 60,
    "MEZ": 60,
    "CEST": 120,
    "MESZ": 120,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
}


def parse_timestamp(
    text: str, *, day_first: bool | None = None, default_date: date | None = None
) -> tuple[datetime, bool] | None:
    """A date and time (`02.03.2026 07:40`, `2026-03-02T07:40+01:00`, `3/2/2026 7:40 AM CET`).

    Returns the datetime and whether its UTC offset was printed; without one the
    result is naive and the caller chooses the zone.
    """
    dates = find_dates(text, day_first=day_first)
    day = dates[0].value if dates else default_date
    if day is None:
        return None
    rest = text[dates[0].end :] if dates else text
    time_match = _TIME.search(rest)
    if time_match is None:
        return None
    hour, minute = int(time_match.group(1)), int(time_match.group(2))
    second = int(time_match.group(3) or 0)
    meridian = (time_match.group(4) or "").lower().replace(".", "")
    if meridian == "pm" and hour < 12:
        hour += 12
    elif meridian == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    value = datetime(day.year, day.month, day.day, hour, minute, second)
    tail = rest[time_match.end() :]
    offset = parse_offset(tail)
    if offset is None:
        return value, False
    return value.replace(tzinfo=offset), True


def parse_offset(tail: str) -> timezone | None:
    """The UTC offset or zone name that starts `tail` (`+01:00`, `GMT-5`, `CET`), if any."""
    tail = tail.strip()[:16]
    for name, minutes in TZ_NAMES.items():
        if re.match(rf"\(?{name}\b", tail):
            return timezone(timedelta(minutes=minutes))
    match = _OFFSET.match(tail.lstrip("( "))
    if not match:
        return None
    if match.group(4):
        return UTC
    sign = -1 if match.group(1) in "-−" else 1
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


_HOURS_MINUTES = re.compile(
    r"(\d{1,2})\s*(?:h|hrs?|hours?|std\.?|stunden?|heures?|uur)\.?,?\s*"
    r"(\d{1,2})\s*(?:m|mins?|minutes?|min\.|minuten)\.?"
)


def parse_hours(text: str, style: NumberStyle | None = None) -> float | None:
    """`3.5 h`, `3,5 Std.`, `3:30`, `3h30`, `2h 30m`, `3 Std. 30 Min.`, `210 min` -> hours."""
    cleaned = text.strip().lower()
    m = re.fullmatch(r"(\d{1,2})\s*(?::|h)\s*(\d{2})\s*(?:h|hrs?|std\.?|uur)?", cleaned)
    if m:
        return int(m.group(1)) + int(m.group(2)) / 60
    m = _HOURS_MINUTES.fullmatch(cleaned)
    if m:
        return int(m.group(1)) + int(m.group(2)) / 60
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(?:min|mins|minutes|minuten)\.?", cleaned)
    if m:
        minutes = parse_amount(m.group(1), style)
        return None if minutes is None else round(minutes / 60, 4)
    m = re.fullmatch(
        r"(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?|std\.?|stunden|stunde|heures?|uur|u)?\.?", cleaned
    )
    if m:
        return parse_amount(m.group(1), style)
    return None


def find_currency(text: str) -> str | None:
    """The first ISO code or symbol in `text` (`Rs` only right before an amount)."""
    for match in re.finditer(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])", text):
        if match.group(1) in CURRENCY_CODES:
            return match.group(1)
    for symbol in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if symbol in text:
            return CURRENCY_SYMBOLS[symbol]
    if _RUPEES.search(text):
        return "INR"
    return None
