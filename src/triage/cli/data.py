"""Commands about the contract itself: validate case files, print JSON Schemas."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel

from triage.cli.app import app
from triage.domain.case import Case
from triage.domain.decision import Decision
from triage.domain.parse import parse_case
from triage.errors import ValidationError

SCHEMAS: dict[str, type[BaseModel]] = {"case": Case, "decision": Decision}


def _records(file: Path) -> Iterator[tuple[int, str | dict[str, object]]]:
    """JSONL one case per line; a `.json` file holds one case or an array of cases."""
    if file.suffix == ".json":
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            yield exc.lineno, file.read_text(encoding="utf-8")
            return
        yield from enumerate(data if isinstance(data, list) else [data], start=1)
        return
    with file.open("r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


@app.command()
def validate(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, help="cases: JSONL, or one .json case/array"),
    ],
) -> None:
    """Check every line of a JSONL case file against the contract; exit 1 if any is invalid."""
    bad = 0
    total = 0
    for number, record in _records(file):
        total += 1
        try:
            parse_case(record)
        except ValidationError as exc:
            bad += 1
            for err in exc.errors:
                typer.echo(f"line {number}: {err.path}: {err.message}")
    typer.echo(f"{total - bad} valid, {bad} invalid", err=True)
    raise typer.Exit(1 if bad else 0)


@app.command()
def schema(
    name: Annotated[str, typer.Argument(help="case or decision")],
) -> None:
    """Print the JSON Schema of a case or a decision."""
    model = SCHEMAS.get(name)
    if model is None:
        raise typer.BadParameter(f"unknown schema {name!r}; choose from {', '.join(SCHEMAS)}")
    typer.echo(json.dumps(model.model_json_schema(), indent=2))
