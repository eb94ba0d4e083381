"""schemathesis over the OpenAPI document of a live server (issue 4 §6).

All phases (examples, coverage, fuzzing, stateful via the score response's
links), >= 500 generated cases, as admin: 0 failures and 0 server errors.

Checks: every schemathesis check except `positive_data_acceptance`, which
demands that any schema-valid body be accepted. The contract has cross-field
rules a JSON Schema cannot state (a dispute only in `dispute_credit`,
timestamps with offsets, a proof's old size not above its new size, a PDF that
must really be a PDF), so those schema-valid requests are rightly refused with
a 422 naming the field.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_crash_recovery import PROJECT, serving
from tests.integration.api_support import make_tokens

CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_headers_conformance,response_schema_conformance,negative_data_rejection,"
    "missing_required_header,unsupported_method,allow_header_conformance,use_after_free,"
    "ensure_resource_availability,ignored_auth"
)
MAX_EXAMPLES = 25
# Everything auto-continues: nothing waits for a person, so `?wait=` returns at once.
POLICY = """\
version: "schemathesis-1"
thresholds: {mode: fixed, exception_confidence: 0.0, billable_confidence: 0.0}
high_value: {default: 1.0e12}
second_review_value: {default: 1.0e12}
audit_sample_rate: 0.0
"""


@pytest.mark.slow
def test_schemathesis_finds_no_failures(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    tokens = make_tokens(url)
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    env = {
        **os.environ,
        "TRIAGE_DATABASE_URL": url,
        "TRIAGE_POLICY_FILE": str(policy),
        "TRIAGE_AUDIT_KEY_FILE": str(tmp_path / "keys" / "audit.pem"),
        "TRIAGE_WEBHOOK_SECRET_FILE": str(tmp_path / "keys" / "webhook"),
        "TRIAGE_LOG_LEVEL": "warning",
        "PYTHONPATH": str(PROJECT),
    }
    with serving(env, tmp_path / "server.log") as server:
        done = subprocess.run(
            [
                str(Path(sys.executable).parent / "st"),
                "run",
                f"{server.url}/openapi.json",
                "--header",
                f"Authorization: Bearer {tokens['admin']}",
                "--checks",
                CHECKS,
                "--max-examples",
                str(MAX_EXAMPLES),
                "--seed",
                "4",
                "--request-timeout",
                "30",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=1500,
            env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
        )
        alive = server.process is not None and server.process.poll() is None
    summary = done.stdout[done.stdout.rfind("SUMMARY") :]
    generated = re.search(r"(\d+) generated", summary)
    print(summary)
    assert alive, "the server died during the run"
    assert generated is not None, summary
    assert int(generated.group(1)) >= 500, summary
    assert "Server error" not in done.stdout
    assert done.returncode == 0, done.stdout[-8000:]
