"""Every endpoint × every role: 401 without or with a bad token, 403 for a wrong role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.integration.api_support import ROLES, auth, running_app, settings_for

ALL = frozenset(ROLES)
# (method, path) -> the roles allowed; a path prefix entry ends with "*".
MATRIX: dict[tuple[str, str], frozenset[str]] = {
    ("POST", "/v1/cases/score"): frozenset({"orchestrator", "admin"}),
    ("GET", "/v1/cases/{case_id}"): frozenset({"orchestrator", "reviewer", "admin"}),
    ("GET", "/v1/decisions/{decision_id}"): frozenset({"orchestrator", "reviewer", "admin"}),
    ("POST", "/v1/documents/extract"): frozenset({"orchestrator", "reviewer", "admin"}),
    ("GET", "/v1/documents"): ALL,
    ("GET", "/v1/documents/{document_id}"): ALL,
    ("GET", "/v1/documents/{document_id}/pages/{page}.png"): ALL,
    ("GET", "/v1/policy"): ALL,
    ("GET", "/v1/policy/versions"): ALL,
    ("PUT", "/v1/policy"): frozenset({"admin"}),
    ("GET", "/v1/models"): ALL,
    ("POST", "/v1/models/reload"): frozenset({"admin"}),
    ("GET", "/v1/audit/*"): frozenset({"auditor", "admin"}),
    ("GET", "/v1/reviews*"): frozenset({"reviewer", "admin"}),
    ("POST", "/v1/reviews*"): frozenset({"reviewer", "admin"}),
    ("GET", "/v1/metrics/summary"): frozenset({"reviewer", "auditor", "admin"}),
}
PUBLIC = {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/docs/oauth2-redirect"}
QUERY = {
    "/v1/documents": {"decision_id": "x-unknown"},
    "/v1/audit/proof/inclusion": {"seq": "0"},
    "/v1/audit/proof/consistency": {"old_size": "0"},
}


def _allowed(method: str, path: str) -> frozenset[str]:
    if (method, path) in MATRIX:
        return MATRIX[(method, path)]
    for (m, pattern), roles in MATRIX.items():
        if m == method and pattern.endswith("*") and path.startswith(pattern[:-1]):
            return roles
    raise AssertionError(f"{method} {path} is not in the role matrix: add it")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    tmp: Path = tmp_path_factory.mktemp("roles")
    with running_app(settings_for(tmp)) as (client, tokens, _):
        yield client, tokens


def _endpoints(client: TestClient) -> list[tuple[str, str]]:
    """Every /v1 operation the OpenAPI document lists."""
    paths = client.get("/openapi.json").json()["paths"]
    return [
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/v1")
        for method in operations
    ]


def _call(client: TestClient, method: str, path: str, headers: dict[str, str]) -> int:
    url = re.sub(r"\{[^}]+\}", "x-unknown", path)
    response = client.request(
        method,
        url,
        params=QUERY.get(path),
        headers=headers,
        content=b"{}" if method != "GET" else None,
    )
    return response.status_code


def test_matrix_covers_every_v1_endpoint(env: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = env
    endpoints = _endpoints(client)
    assert len(endpoints) >= 13
    for method, path in endpoints:
        _allowed(method, path)


def test_every_endpoint_refuses_missing_and_bad_tokens(
    env: tuple[TestClient, dict[str, str]],
) -> None:
    client, _ = env
    for method, path in _endpoints(client):
        assert _call(client, method, path, {}) == 401, (method, path)
        bad = {"Authorization": "Bearer trg_nope_nope"}
        assert _call(client, method, path, bad) == 401, (method, path)


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_enforces_roles(env: tuple[TestClient, dict[str, str]], role: str) -> None:
    client, tokens = env
    for method, path in _endpoints(client):
        status = _call(
            client, method, path, {**auth(tokens[role]), "content-type": "application/json"}
        )
        if role in _allowed(method, path):
            assert status not in (401, 403), (role, method, path, status)
        else:
            assert status == 403, (role, method, path, status)


def test_operational_endpoints_need_no_token(env: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = env
    for path in ("/healthz", "/readyz", "/metrics", "/openapi.json"):
        assert client.get(path).status_code == 200, path
