"""The admin CLI and every command docs/auditor.md shows, run as written, on both backends."""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from triage import audit
from triage.audit import canonical_json
from triage.cli import app
from triage.config import get_settings
from triage.storage import head_revision, make_engine, session_scope, tokens

DOC = Path(__file__).resolve().parents[2] / "docs" / "auditor.md"


def _doc_commands() -> list[str]:
    """The `$ triage ...` lines of the doc's console blocks, in order."""
    blocks = re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return [
        line[2:].strip() for block in blocks for line in block.splitlines() if line.startswith("$ ")
    ]


def _run(command: str) -> tuple[int, str]:
    argv = shlex.split(os.path.expandvars(command))
    assert argv[0] == "triage"
    result = CliRunner().invoke(app, argv[1:])
    return result.exit_code, result.output


@pytest.fixture
def workspace(
    migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    """A populated database configured through TRIAGE_* like a real deployment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRIAGE_DATABASE_URL", migrated_url)
    monkeypatch.setenv("TRIAGE_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.pem"))
    get_settings.cache_clear()
    engine = make_engine(migrated_url)
    with session_scope(engine) as session:
        for i in range(6):
            audit.append(
                session,
                event_type="decision.created",
                actor="client:acme",
                payload={"case_id": f"WO-{i}", "decision_id": f"D-{i}"},
            )
    try:
        yield engine
    finally:
        engine.dispose()
        get_settings.cache_clear()


def test_auditor_doc_commands_run_as_written(workspace: Engine, tmp_path: Path) -> None:
    commands = _doc_commands()
    assert any(c.startswith("triage audit verify --export") for c in commands)
    for command in commands:
        code, output = _run(command)
        assert code == 0, f"{command}\n{output}"
        if command.startswith("triage audit verify"):
            assert "OK:" in output
            assert "records: 7" in output
    token = _run("triage tokens create --role auditor --name check")[1].strip().splitlines()[-1]
    with session_scope(workspace) as session:
        record = tokens.authenticate(session, token)
    assert record is not None
    assert record.role == "auditor"
    assert oct((tmp_path / "keys" / "audit.pem").stat().st_mode & 0o777) == "0o600"


def test_doc_verify_names_record_edited_in_export(workspace: Engine, tmp_path: Path) -> None:
    for command in _doc_commands():
        if not command.startswith("triage audit verify"):
            _run(command)
    export = tmp_path / "audit-export.jsonl"
    lines = export.read_text(encoding="utf-8").splitlines()
    line = json.loads(lines[3])
    assert line["seq"] == 2
    line["record"] = line["record"].replace("WO-2", "WO-9")
    lines[3] = canonical_json(line)
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = _run(
        "triage audit verify --export audit-export.jsonl --public-key audit-public.pem"
    )
    assert code == 1
    assert "FAILED: first problem: edited record 2" in output


def test_tokens_cli_lists_and_revokes(workspace: Engine) -> None:
    code, output = _run("triage tokens create --role orchestrator --name acme")
    assert code == 0
    token = output.strip().splitlines()[-1]
    with session_scope(workspace) as session:
        record = tokens.authenticate(session, token)
    assert record is not None
    listed = _run("triage tokens list")[1]
    assert f"{record.token_id}\tacme\torchestrator" in listed
    assert token not in listed
    assert _run(f"triage tokens revoke {record.token_id}")[0] == 0
    with session_scope(workspace) as session:
        assert tokens.authenticate(session, token) is None
        types = [e.event_type for e in audit.list_events(session).events]
    assert types[-2:] == ["token.created", "token.revoked"]
    assert _run("triage tokens create --role root --name x")[0] == 2


def test_db_upgrade_reports_head(workspace: Engine) -> None:
    code, output = _run("triage db upgrade")
    assert code == 0
    assert f"revision {head_revision()}" in output
