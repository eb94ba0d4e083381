"""Parsing untrusted input into contract models, with every error named by its JSON path."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

import pydantic

from triage.domain.case import Case
from triage.errors import FieldError, ValidationError

M = TypeVar("M", bound=pydantic.BaseModel)


def json_path(loc: Sequence[int | str]) -> str:
    """`("invoice", "lines", 0, "qty")` -> `invoice.lines[0].qty` (`$` for the document itself)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def field_errors(exc: pydantic.ValidationError) -> list[FieldError]:
    errors: list[FieldError] = []
    for err in exc.errors(include_url=False):
        loc = [p for p in err["loc"] if p not in ("function-after[_offsets_and_dispute()]",)]
        message = str(err["msg"]).removeprefix("Value error, ")
        path = json_path(loc)
        if err["type"] == "extra_forbidden":
            message = "unknown field"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif path == "$" and ": " in message:
            # model-level checks name their own field: "dispute: only allowed when ..."
            head, _, message = message.partition(": ")
            path = head
        errors.append(FieldError(path=path, message=message))
    return errors


def parse_model(model: type[M], data: Any) -> M:
    """Validate `data` (parsed JSON, or JSON text/bytes) as `model`."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                [
                    FieldError(
                        "$", f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
                    )
                ]
            ) from exc
    if not isinstance(data, dict):
        raise ValidationError([FieldError("$", "expected a JSON object")])
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(field_errors(exc)) from exc


def parse_case(data: Any) -> Case:
    return parse_model(Case, data)
