"""The service rides out a database outage: it waits for it at start, answers 503 during it."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.factories import clean_case_dict
from tests.integration.api_support import FakeLoader, auth, make_tokens, settings_for
from tests.storage.pg_gate import postgres_gate
from triage.api.app import create_app

pytestmark = pytest.mark.postgres


def _score(client: TestClient, headers: dict[str, str]) -> httpx.Response:
    return client.post("/v1/cases/score", json=clean_case_dict(), headers=headers)


def test_service_starts_while_the_database_comes_up(
    tmp_path: Path, postgres_schema_url: str
) -> None:
    tokens = make_tokens(postgres_schema_url)
    with postgres_gate(postgres_schema_url, open_now=False) as gate:
        settings = settings_for(tmp_path, gate.url, database_connect_timeout=10)
        app = create_app(settings, predictor_loader=FakeLoader(), loops=[])
        threading.Timer(0.8, gate.open).start()
        with TestClient(app, raise_server_exceptions=False) as client:
            assert client.get("/readyz").status_code == 200
            response = _score(client, auth(tokens["orchestrator"]))
            assert response.status_code == 200, response.text


def test_requests_during_an_outage_get_503_and_readyz_says_not_ready(
    tmp_path: Path, postgres_schema_url: str
) -> None:
    tokens = make_tokens(postgres_schema_url)
    headers = auth(tokens["orchestrator"])
    with postgres_gate(postgres_schema_url) as gate:
        app = create_app(settings_for(tmp_path, gate.url), predictor_loader=FakeLoader(), loops=[])
        with TestClient(app, raise_server_exceptions=False) as client:
            assert client.post(
                "/v1/cases/score", json=clean_case_dict(), headers=headers
            ).is_success
            gate.close()
            scored = client.post("/v1/cases/score", json=clean_case_dict(), headers=headers)
            read = client.get("/v1/cases/nope", headers=headers)
            ready = client.get("/readyz")
            for response in (scored, read, ready):
                assert response.status_code == 503, response.text
                assert response.json()["error"]["code"] == "unavailable"
            assert scored.headers["Retry-After"] == "1"
            gate.open()
            assert client.get("/readyz").status_code == 200
            assert client.post(
                "/v1/cases/score", json=clean_case_dict(), headers=headers
            ).is_success
