"""`triage extract FILE... [--out OUT.jsonl]`: fields with confidence and provenance per file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from triage.cli.app import app
from triage.config import get_settings
from triage.errors import ExtractionError
from triage.extraction import Limits, extract_pdf


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="PDF invoices or service reports")],
    out: Annotated[
        Path | None, typer.Option("--out", help="write JSON lines here instead of stdout")
    ] = None,
) -> None:
    """Extract invoice / service-report fields from PDFs; unreadable files get an error line."""
    limits = Limits.from_settings(get_settings())
    failures = 0
    handle = out.open("w", encoding="utf-8") if out else None
    try:
        for file in files:
            record: dict[str, Any] = {"file": str(file)}
            try:
                data = file.read_bytes()
            except OSError as exc:
                record["error"] = {"code": "not_found", "message": f"cannot read: {exc.strerror}"}
                failures += 1
            else:
                try:
                    record.update(extract_pdf(data, limits=limits).to_record())
                except ExtractionError as exc:
                    record["error"] = {"code": exc.code, "message": exc.message}
                    failures += 1
            line = json.dumps(record, ensure_ascii=False)
            if handle:
                handle.write(line + "\n")
            else:
                typer.echo(line)
    finally:
        if handle:
            handle.close()
    typer.echo(f"{len(files) - failures} extracted, {failures} failed", err=True)
