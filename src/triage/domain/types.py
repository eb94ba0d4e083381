"""Strict scalar types for the contract.

JSON from an orchestration engine must not be silently coerced: "3.5" is not a
number and 1 is not a date. These annotated types accept exactly what the spec
allows, both from parsed JSON (dicts) and from raw JSON text.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, Strict

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _require_iso_date(value: Any) -> Any:
    if isinstance(value, datetime):
        raise ValueError("expected an ISO 8601 date (YYYY-MM-DD), got a timestamp")
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("expected an ISO 8601 date string (YYYY-MM-DD)")
    return value


def _require_timestamp_string(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 timestamp string with offset")
    return value


def _require_finite(value: float) -> float:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("expected a finite number")
    return value


IsoDate = Annotated[date, BeforeValidator(_require_iso_date)]
Timestamp = Annotated[
    datetime,
    BeforeValidator(_require_timestamp_string),
    Field(description="ISO 8601 timestamp with UTC offset"),
]
Number = Annotated[float, Strict(), AfterValidator(_require_finite)]
NonNegative = Annotated[float, Strict(), AfterValidator(_require_finite), Field(ge=0)]
Money = Annotated[
    float,
    Strict(),
    AfterValidator(_require_finite),
    Field(description="decimal amount in the document currency; compared at cent precision"),
]
Text = Annotated[str, Strict()]
NonEmptyText = Annotated[str, Strict(), Field(min_length=1)]
Flag = Annotated[bool, Strict()]
Count = Annotated[int, Strict(), Field(ge=0)]
Currency = Annotated[str, Strict(), Field(pattern=r"^[A-Z]{3}$")]
