"""Query parameter types shared by routers (strict: `since=0.5` is not a timestamp)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Query

from triage.errors import FieldError, ValidationError

ISO_TIMESTAMP = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})$"
)

TimestampQuery = Annotated[
    str | None,
    Query(
        pattern=ISO_TIMESTAMP,
        description="ISO 8601 timestamp with offset, e.g. 2026-03-04T09:12:00Z",
        json_schema_extra={"format": "date-time"},
    ),
]


def to_datetime(value: str | None, *, name: str) -> datetime | None:
    """Parse a `TimestampQuery` value (422 naming `query.<name>` if it is no real time)."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValidationError(
            [FieldError(f"query.{name}", f"not a valid timestamp: {exc}")]
        ) from exc
    return parsed.astimezone(UTC)
