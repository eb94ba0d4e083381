"""Idempotency-Key semantics of `POST /v1/cases/score` on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.factories import clean_case_dict
from tests.integration.api_support import UNSURE, auth, running_app, settings_for
from triage.services.scoring import input_digests
from triage.storage import SessionFactory, idempotency
from triage.storage.tables import AuditLogRow, DecisionRow, OutboxRow, ReviewRow


def _digest(body: dict[str, Any]) -> str:
    """The digest the API stores for this JSON body without PDFs or callback."""
    return input_digests(raw_json=body, case_json=body, documents={}, callback_url=None)[0]


Env = tuple[TestClient, dict[str, str], str]


@pytest.fixture
def env(tmp_path: Path, db_url: str) -> Iterator[Env]:
    with running_app(settings_for(tmp_path, database_url=db_url)) as (client, tokens, _):
        yield client, tokens, db_url


def _count(url: str, table: Any) -> int:
    db = SessionFactory.from_url(url)
    try:
        with db.scope(readonly=True) as session:
            return int(session.scalar(select(func.count()).select_from(table)) or 0)
    finally:
        db.engine.dispose()


def _post(env: Env, body: Any, key: str, role: str = "orchestrator", **params: str) -> Any:
    client, tokens, _ = env
    return client.post(
        "/v1/cases/score",
        json=body,
        params=params,
        headers={**auth(tokens[role]), "Idempotency-Key": key},
    )


def test_retry_with_same_key_and_body_replays_decision(env: Env) -> None:
    case = clean_case_dict()
    case["service_report"]["notes"] = f"{UNSURE} relay"
    first = _post(env, case, "k-1", callback_url="http://127.0.0.1:9/hook")
    second = _post(env, case, "k-1", callback_url="http://127.0.0.1:9/hook")
    assert first.status_code == second.status_code == 200
    assert second.json()["decision_id"] == first.json()["decision_id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.headers["Idempotent-Replayed"] == "false"
    url = env[2]
    assert _count(url, DecisionRow) == 1
    assert _count(url, ReviewRow) == 1
    assert _count(url, AuditLogRow) == 3  # policy seed + model load + one decision


def test_replay_of_auto_continue_sends_one_callback(env: Env) -> None:
    for _ in range(3):
        assert (
            _post(env, clean_case_dict(), "k-cb", callback_url="http://127.0.0.1:9/h").status_code
            == 200
        )
    assert _count(env[2], OutboxRow) == 1


def test_same_key_with_different_body_is_422(env: Env) -> None:
    assert _post(env, clean_case_dict(), "k-2").status_code == 200
    changed = clean_case_dict()
    changed["case_id"] = "OTHER-1"
    response = _post(env, changed, "k-2")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert _count(env[2], DecisionRow) == 1


def test_keys_are_scoped_per_client(env: Env) -> None:
    a = _post(env, clean_case_dict(), "shared")
    b = _post(env, clean_case_dict(), "shared", role="orchestrator2")
    assert a.json()["decision_id"] != b.json()["decision_id"]
    assert _count(env[2], DecisionRow) == 2


def test_retry_while_first_is_running_is_409(env: Env) -> None:
    body = clean_case_dict()
    db = SessionFactory.from_url(env[2])
    try:
        with db.scope() as session:
            idempotency.reserve(
                session,
                client_id="orchestrator-1",
                key="busy",
                request_sha256=_digest(body),
                lease=timedelta(seconds=60),
            )
    finally:
        db.engine.dispose()
    response = _post(env, body, "busy")
    assert response.status_code == 409
    assert int(response.headers["Retry-After"]) >= 1
    assert _count(env[2], DecisionRow) == 0


def test_retry_after_holder_died_takes_the_key_over(env: Env) -> None:
    body = clean_case_dict()
    db = SessionFactory.from_url(env[2])
    try:
        with db.scope() as session:
            idempotency.reserve(
                session,
                client_id="orchestrator-1",
                key="orphan",
                request_sha256=_digest(body),
                lease=timedelta(seconds=0),
            )
    finally:
        db.engine.dispose()
    response = _post(env, body, "orphan")
    assert response.status_code == 200
    assert _post(env, body, "orphan").json()["decision_id"] == response.json()["decision_id"]


def test_concurrent_retries_make_one_decision(env: Env) -> None:
    body = clean_case_dict()
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda _: _post(env, body, "race"), range(16)))
    statuses = {r.status_code for r in responses}
    assert statuses <= {200, 409}
    ids = {r.json()["decision_id"] for r in responses if r.status_code == 200}
    assert len(ids) == 1
    assert _count(env[2], DecisionRow) == 1
