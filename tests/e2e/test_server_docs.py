"""Every `$ ` command of docs/operator.md, run in order by bash against a real server.

Run in a scratch directory (so `./var` is fresh, as on a new machine). Without a
shipped model bundle the `triage serve` line is swapped for the same app with
the API tests' fake model; everything else runs exactly as written, with the
port changed to a free one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.e2e.test_crash_recovery import PROJECT, free_port

DOC = PROJECT / "docs" / "operator.md"
SERVE = "triage serve --host 127.0.0.1 --port 8000 --workers 2"


def doc_commands() -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def _prepare(work: Path) -> None:
    """The files the doc's commands read: past decisions, labels and a new policy."""
    from triage.cli.scoring import score_records
    from triage.modeling.baseline import RulesPredictor
    from triage.policy import DEFAULT_POLICY_FILE, load_policy
    from triage.simulate import generate

    var = work / "var"
    var.mkdir()
    (work / "tests").mkdir()
    (work / "tests" / "fixtures").symlink_to(PROJECT / "tests" / "fixtures")
    sims = list(generate(60, 7, partition="test"))
    records = score_records(
        list(enumerate(s.case for s in sims)), RulesPredictor(), load_policy(None)
    )
    with (var / "past-decisions.jsonl").open("w") as out:
        for sim, decision in zip(sims, records, strict=True):
            out.write(json.dumps({**decision, "case": sim.case}) + "\n")
    with (var / "past-labels.jsonl").open("w") as out:
        for sim in sims:
            out.write(json.dumps(sim.label) + "\n")
    policy = yaml.safe_load(DEFAULT_POLICY_FILE.read_text())
    policy.update(version="operator-doc-2", high_value={"default": 500})
    (var / "new-policy.yaml").write_text(yaml.safe_dump(policy))


@pytest.mark.slow
def test_operator_doc_commands_run_as_written(tmp_path: Path) -> None:
    commands = doc_commands()
    assert any(SERVE in c for c in commands)
    _prepare(tmp_path)
    port = str(free_port())
    bundle = (PROJECT / "models" / "default" / "metadata.json").exists()
    fake = f"{sys.executable} -m tests.e2e.test_crash_recovery 8000"
    script = "\n".join(
        ["set -euo pipefail"]
        + [(c if bundle else c.replace(SERVE, fake)).replace("8000", port) for c in commands]
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRIAGE_")}
    env.update(PATH=f"{Path(sys.executable).parent}:{env['PATH']}", PYTHONPATH=str(PROJECT))
    done = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    log = (
        (tmp_path / "var" / "serve.log").read_text()
        if (tmp_path / "var" / "serve.log").exists()
        else ""
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:] + log[-3000:]
    out = done.stdout
    assert '"status":"ready"' in out
    assert '"version":"operator-doc-2"' in out
    assert "OK: every record" in out
    assert '"new": {"policy_version": "operator-doc-2"' in out
    assert (tmp_path / "var" / "auditor.token").read_text().startswith("trg_")
