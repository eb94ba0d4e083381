"""Local date and number styles as issuers print them (DOMAIN.md §5)."""

from __future__ import annotations

from datetime import date, datetime

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": (
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sep.",
        "Okt.",
        "Nov.",
        "Dez.",
    ),
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
}


def format_date(day: date, style: str) -> str:
    """`us` 03/04/2026, `eu` 04/03/2026, `dot` 04.03.2026, `long_en` 4 Mar 2026, `iso`."""
    if style == "us":
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if style == "eu":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if style == "dot":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style == "iso":
        return day.isoformat()
    if style.startswith("long_"):
        return f"{day.day} {MONTHS[style[5:]][day.month - 1]} {day.year}"
    raise ValueError(f"unknown date style {style!r}")


def format_datetime(moment: datetime, style: str) -> str:
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if style == "us":
        hour = moment.hour % 12 or 12
        ampm = "AM" if moment.hour < 12 else "PM"
        return f"{format_date(moment.date(), style)} {hour}:{moment.minute:02d} {ampm}"
    return f"{format_date(moment.date(), style)} {clock}"


_SEPARATORS: dict[str, tuple[str, str]] = {
    "en": (",", "."),
    "de": (".", ","),
    "fr": (" ", ","),
    "ch": ("'", "."),
    "plain": ("", "."),
}


def format_number(value: float, style: str, decimals: int = 2) -> str:
    """1,234.56 (`en`), 1.234,56 (`de`), 1 234,56 (`fr`), 1'234.56 (`ch`), 1234.56 (`plain`)."""
    thousands, point = _SEPARATORS[style]
    text = f"{abs(value):,.{decimals}f}"
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", thousands)
    out = f"{whole}{point}{frac}" if decimals else whole
    return f"-{out}" if value < 0 else out


def format_quantity(value: float, style: str) -> str:
    """Quantities print without trailing zeros: 1, 3,5, 0.25."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.2f}".rstrip("0")
    return text.replace(".", _SEPARATORS[style][1])
