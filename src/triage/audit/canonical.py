"""Canonical JSON: the exact bytes that are hashed, stored and verified.

Form: ``json.dumps(value, sort_keys=True, separators=(",", ":"),
ensure_ascii=False, allow_nan=False)`` encoded as UTF-8. Keys are sorted by
Unicode code point, there is no whitespace, strings are not escaped beyond
what JSON requires, numbers use Python's shortest round-trip form, NaN and
infinities are rejected. Datetimes become ISO 8601 strings in UTC with a
``Z`` suffix, dates ISO strings, Decimals strings, enums their value, pydantic
models their JSON dump. A text is canonical iff ``canonical_json(json.loads(t)) == t``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from pydantic import BaseModel


def format_timestamp(value: datetime) -> str:
    """UTC, microseconds, ``Z``: one spelling per instant."""
    if value.tzinfo is None:
        raise ValueError("naive datetime in an audit record")
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"{type(value).__name__} is not allowed in an audit record")


def canonical_json(value: Any) -> str:
    """The canonical text of ``value`` (raises ValueError/TypeError for what JSON cannot hold)."""
    text = json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_default,
    )
    text.encode("utf-8")  # lone surrogates cannot be hashed: fail here, not in the verifier
    return text


def is_canonical(text: str) -> bool:
    try:
        return canonical_json(json.loads(text)) == text
    except (ValueError, TypeError):
        return False
