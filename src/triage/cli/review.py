"""`triage feedback export`: reviewed cases with the reviewers' labels, for retraining.

The storage layer is imported by the command, not with the module (see `cli.admin`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from triage.cli.app import app
from triage.config import get_settings

feedback_app = typer.Typer(help="Reviewer feedback for the training pipeline.")
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", help="reviewed.parquet or reviewed.jsonl")],
    database: Annotated[
        str | None, typer.Option("--database", help="database URL (default: TRIAGE_DATABASE_URL)")
    ] = None,
    since: Annotated[
        datetime | None, typer.Option(help="only reviews resolved at or after this time (UTC)")
    ] = None,
) -> None:
    """Write every resolved review as {case, exception, billable, ...} rows."""
    from triage.services.review_export import reviewed_rows, write_feedback
    from triage.storage import SessionFactory

    if out.suffix not in (".parquet", ".jsonl"):
        raise typer.BadParameter("--out must end in .parquet or .jsonl")
    sessions = SessionFactory.from_url(database or get_settings().database_url)
    start = since.replace(tzinfo=UTC) if since is not None and since.tzinfo is None else since
    try:
        with sessions.scope(readonly=True) as session:
            count = write_feedback(reviewed_rows(session, since=start), out)
    finally:
        sessions.engine.dispose()
    typer.echo(f"wrote {count} reviewed case(s) to {out}", err=True)
