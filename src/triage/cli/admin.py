"""Administration commands: API tokens, database migrations, the audit log.

Every command works on TRIAGE_DATABASE_URL unless ``--database`` is given;
token changes are themselves written to the audit log. The audit log and the storage
layer (SQLAlchemy, ~1 s to import on a slow host) are imported by the commands that use
them: every `triage` command, `serve` included, imports this module first.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from triage.cli.app import app
from triage.config import get_settings
from triage.errors import TriageError

if TYPE_CHECKING:
    from triage.audit.models import VerifyReport
    from triage.storage import SessionFactory

tokens_app = typer.Typer(help="API tokens (stored hashed; the plaintext is shown once).")
db_app = typer.Typer(help="The database schema.")
audit_app = typer.Typer(help="The tamper-evident audit log: verify, checkpoint, export.")
app.add_typer(tokens_app, name="tokens")
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")

DatabaseOption = Annotated[
    str | None, typer.Option("--database", help="database URL (default: TRIAGE_DATABASE_URL)")
]


def _sessions(database: str | None) -> SessionFactory:
    from triage.storage import SessionFactory, migrate

    url = database or get_settings().database_url
    migrate(url)
    return SessionFactory.from_url(url)


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _fail(error: TriageError) -> typer.Exit:
    typer.echo(f"error: {error.message}", err=True)
    return typer.Exit(code=2)


@tokens_app.command("create")
def tokens_create(
    role: Annotated[str, typer.Option(help="orchestrator, reviewer, auditor or admin")],
    name: Annotated[str, typer.Option(help="who holds it; orchestrators: the client id")],
    database: DatabaseOption = None,
) -> None:
    """Create a token; it is printed alone on the last line, once."""
    from triage import audit
    from triage.storage import tokens

    sessions = _sessions(database)
    try:
        with sessions.scope() as session:
            token = tokens.create_token(session, role=role, name=name, created_by=_actor())
            record = tokens.authenticate(session, token)
            assert record is not None
            audit.append(
                session,
                event_type="token.created",
                actor=_actor(),
                payload={"token_id": record.token_id, "name": record.name, "role": record.role},
            )
    except TriageError as error:
        raise _fail(error) from error
    finally:
        sessions.engine.dispose()
    typer.echo(
        f"created token {record.token_id} (role {role}, name {name}); it is not shown again:"
    )
    typer.echo(token)


@tokens_app.command("list")
def tokens_list(database: DatabaseOption = None) -> None:
    """List tokens (id, name, role, created, revoked); never the secrets."""
    from triage.storage import tokens

    sessions = _sessions(database)
    try:
        with sessions.scope(readonly=True) as session:
            records = tokens.list_tokens(session)
    finally:
        sessions.engine.dispose()
    for record in records:
        revoked = record.revoked_at.isoformat() if record.revoked_at else "-"
        typer.echo(
            f"{record.token_id}\t{record.name}\t{record.role}\t"
            f"{record.created_at.isoformat()}\trevoked={revoked}"
        )


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[str, typer.Argument(help="the id shown by `triage tokens list`")],
    database: DatabaseOption = None,
) -> None:
    """Revoke a token: it stops authenticating at once."""
    from triage import audit
    from triage.storage import tokens

    sessions = _sessions(database)
    try:
        with sessions.scope() as session:
            record = tokens.revoke(session, token_id=token_id)
            audit.append(
                session,
                event_type="token.revoked",
                actor=_actor(),
                payload={"token_id": record.token_id, "name": record.name, "role": record.role},
            )
    except TriageError as error:
        raise _fail(error) from error
    finally:
        sessions.engine.dispose()
    typer.echo(f"revoked token {record.token_id} ({record.name}, {record.role})")


@db_app.command("upgrade")
def db_upgrade(database: DatabaseOption = None) -> None:
    """Apply the migrations (the service also does this on start)."""
    from triage.storage import migrate

    url = database or get_settings().database_url
    typer.echo(f"database at revision {migrate(url)}")


def _print_report(report: VerifyReport) -> None:
    checkpoints = f"{report.checkpoints_valid}/{report.checkpoints} checkpoints valid"
    if report.last_checkpoint_size is not None:
        checkpoints += f", last covers {report.last_checkpoint_size} records"
    typer.echo(f"records: {report.records}  root: {report.root_hash}  {checkpoints}")
    if report.ok:
        typer.echo("OK: every record, sequence number and checkpoint verifies")
        return
    first = report.first_problem
    assert first is not None
    where = f"record {first.seq}" if first.seq is not None else "log"
    typer.echo(f"FAILED: first problem: {first.kind} {where}: {first.message}")
    for problem in report.problems:
        typer.echo(f"  - {problem.kind} (seq {problem.seq}): {problem.message}")


@audit_app.command("verify")
def audit_verify(
    database: DatabaseOption = None,
    export: Annotated[
        Path | None, typer.Option("--export", exists=True, dir_okay=False, help="a JSONL export")
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option(
            "--public-key",
            exists=True,
            dir_okay=False,
            help="PEM public key (default: derived from TRIAGE_AUDIT_KEY_FILE)",
        ),
    ] = None,
) -> None:
    """Verify the log offline; exit 1 and name the first tampered record if it does not."""
    from triage import audit
    from triage.storage import SessionFactory

    if database and export:
        raise typer.BadParameter("give --database or --export, not both")
    key_path = public_key or get_settings().audit_key_file
    if not key_path.exists():
        raise typer.BadParameter(f"no key at {key_path}: pass --public-key")
    key = audit.load_public_key(key_path)
    if export is not None:
        entries, checkpoints = audit.read_export_file(export)
    else:
        url = database or get_settings().database_url
        sessions = SessionFactory.from_url(url)
        try:
            with sessions.scope(readonly=True) as session:
                entries, checkpoints = audit.read_log(session)
        finally:
            sessions.engine.dispose()
    report = audit.verify(entries, checkpoints, key)
    _print_report(report)
    if not report.ok:
        raise typer.Exit(code=1)


@audit_app.command("checkpoint")
def audit_checkpoint(database: DatabaseOption = None) -> None:
    """Sign and store a checkpoint of the current tree (key: TRIAGE_AUDIT_KEY_FILE)."""
    from triage import audit

    key = audit.load_or_create_signing_key(get_settings().audit_key_file)
    sessions = _sessions(database)
    try:
        with sessions.scope() as session:
            checkpoint = audit.write_checkpoint(session, key)
    finally:
        sessions.engine.dispose()
    typer.echo(
        f"checkpoint: tree_size={checkpoint.tree_size} root={checkpoint.root_hash} "
        f"key={checkpoint.key_id}"
    )


@audit_app.command("export")
def audit_export(
    out: Annotated[Path, typer.Option("--out", dir_okay=False, help="JSONL file to write")],
    database: DatabaseOption = None,
) -> None:
    """Write the whole log and its checkpoints as JSONL (see docs/auditor.md)."""
    from triage import audit
    from triage.storage import SessionFactory

    url = database or get_settings().database_url
    sessions = SessionFactory.from_url(url)
    lines = 0
    try:
        with sessions.scope(readonly=True) as session, out.open("w", encoding="utf-8") as handle:
            for line in audit.export_jsonl(session):
                handle.write(line)
                lines += 1
    finally:
        sessions.engine.dispose()
    typer.echo(f"wrote {lines} lines to {out}")


@audit_app.command("public-key")
def audit_public_key(
    out: Annotated[Path | None, typer.Option("--out", dir_okay=False)] = None,
) -> None:
    """Print (or write) the public key auditors verify checkpoints with."""
    from triage import audit

    key = audit.load_or_create_signing_key(get_settings().audit_key_file)
    pem = audit.public_key_pem(key.public_key())
    if out is None:
        typer.echo(pem, nl=False)
    else:
        out.write_text(pem, encoding="ascii")
        typer.echo(f"wrote public key {audit.key_id(key.public_key())} to {out}")
