"""The HTTP API with a fake model: scoring, reading, long-poll, errors, policy, models, metrics."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import clean_case_dict, example_case_dict
from tests.integration.api_support import UNSURE, FakeLoader, auth, running_app, settings_for
from triage.services.background import checkpoint_once

Env = tuple[TestClient, dict[str, str], FakeLoader]


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with running_app(settings_for(tmp_path)) as started:
        yield started


def _score(env: Env, body: Any, role: str = "orchestrator", **kwargs: Any) -> Any:
    client, tokens, _ = env
    headers = {**auth(tokens[role]), **kwargs.pop("headers", {})}
    return client.post("/v1/cases/score", json=body, headers=headers, **kwargs)


def test_a_model_in_the_worker_is_embedded_one_batch_at_a_time(env: Env) -> None:
    client, _, _ = env
    assert client.app.state.runtime.batcher._depth == 1  # type: ignore[attr-defined]


def test_score_returns_domain_decision(env: Env) -> None:
    response = _score(env, clean_case_dict())
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["case_id"] == "WO-2026-004211"
    assert decision["decision_id"].startswith("dec_")
    assert set(decision["exception"]["probabilities"]) >= {"none", "tax_error"}
    assert decision["route"] == "auto_continue"
    assert decision["model_version"] == "fake-1"
    assert decision["policy_version"] == "default-2026.11.1"
    assert decision["status"] == "final"


def test_score_routes_uncertain_case_to_review_with_task(env: Env) -> None:
    case = clean_case_dict()
    case["service_report"]["notes"] = f"{UNSURE} replaced relay"
    decision = _score(env, case).json()
    assert decision["route"] == "human_review"
    assert decision["status"] == "pending_review"
    assert decision["review_id"].startswith("rev_")
    client, tokens, _ = env
    events = client.get(
        "/v1/audit/events", params={"case_id": case["case_id"]}, headers=auth(tokens["auditor"])
    ).json()["events"]
    assert [e["event_type"] for e in events] == ["decision.created"]
    assert events[0]["payload"]["review_id"] == decision["review_id"]
    assert len(events[0]["payload"]["input_sha256"]) == 64


def test_score_reports_schema_errors_by_json_path(env: Env) -> None:
    case = clean_case_dict()
    case["invoice"]["lines"][0]["qty"] = "3.5"
    case["surprise"] = 1
    response = _score(env, case)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    paths = {d["path"] for d in error["details"]}
    assert paths == {"invoice.lines[0].qty", "surprise"}


def test_score_rejects_invalid_json_and_other_media(env: Env) -> None:
    client, tokens, _ = env
    bad = client.post(
        "/v1/cases/score",
        content=b"{not json",
        headers={**auth(tokens["orchestrator"]), "content-type": "application/json"},
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["path"] == "$"
    xml = client.post(
        "/v1/cases/score",
        content=b"<case/>",
        headers={**auth(tokens["orchestrator"]), "content-type": "application/xml"},
    )
    assert xml.status_code == 415
    assert xml.json()["error"]["code"] == "unsupported_media_type"


def test_score_above_body_limit_is_413(tmp_path: Path) -> None:
    with running_app(settings_for(tmp_path, max_body_bytes=4096)) as (client, tokens, _):
        case = clean_case_dict()
        case["service_report"]["notes"] = "x" * 5000
        response = client.post("/v1/cases/score", json=case, headers=auth(tokens["orchestrator"]))
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "payload_too_large"


def test_unknown_ids_are_404_in_the_error_shape(env: Env) -> None:
    client, tokens, _ = env
    for path in ("/v1/decisions/dec_nope", "/v1/cases/NOPE", "/v1/nothing-here"):
        response = client.get(path, headers=auth(tokens["admin"]))
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"


def test_get_decision_and_case_return_current_state(env: Env) -> None:
    client, tokens, _ = env
    decision = _score(env, clean_case_dict()).json()
    by_id = client.get(
        f"/v1/decisions/{decision['decision_id']}", headers=auth(tokens["orchestrator"])
    )
    by_case = client.get(f"/v1/cases/{decision['case_id']}", headers=auth(tokens["reviewer"]))
    assert by_id.json() == decision
    assert by_case.json()["decision_id"] == decision["decision_id"]


def test_orchestrator_cannot_see_another_clients_case(env: Env) -> None:
    client, tokens, _ = env
    decision = _score(env, clean_case_dict()).json()
    other = auth(tokens["orchestrator2"])
    assert client.get(f"/v1/decisions/{decision['decision_id']}", headers=other).status_code == 404
    assert client.get(f"/v1/cases/{decision['case_id']}", headers=other).status_code == 404


def test_wait_returns_after_timeout_while_review_pending(env: Env) -> None:
    client, tokens, _ = env
    case = clean_case_dict()
    case["service_report"]["notes"] = f"{UNSURE} check"
    decision = _score(env, case).json()
    response = client.get(
        f"/v1/decisions/{decision['decision_id']}",
        params={"wait": 0.5},
        headers=auth(tokens["orchestrator"]),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "pending_review"
    too_long = client.get(
        f"/v1/decisions/{decision['decision_id']}",
        params={"wait": 61},
        headers=auth(tokens["orchestrator"]),
    )
    assert too_long.status_code == 422


def test_policy_put_validates_versions_and_audits(env: Env) -> None:
    client, tokens, _ = env
    current = client.get("/v1/policy", headers=auth(tokens["orchestrator"])).json()
    new_yaml = (
        current["yaml"]
        .replace(current["version"], "stricter-1")
        .replace("high_value:\n  default: 10000", "high_value:\n  default: 100")
    )
    admin = {**auth(tokens["admin"]), "content-type": "application/yaml"}
    put = client.put("/v1/policy", content=new_yaml, headers=admin)
    assert put.status_code == 200, put.text
    assert put.json()["version"] == "stricter-1"
    # the new policy is in force: an 818 EUR invoice is now high value
    decision = _score(env, clean_case_dict()).json()
    assert decision["policy_version"] == "stricter-1"
    assert decision["route"] == "human_review"
    reused = client.put("/v1/policy", content=current["yaml"].replace("24", "25"), headers=admin)
    assert reused.status_code == 409
    invalid = client.put("/v1/policy", content="version: x\nconformal_alpha: 7\n", headers=admin)
    assert invalid.status_code == 422
    assert "conformal_alpha" in invalid.json()["error"]["message"]
    events = client.get(
        "/v1/audit/events", params={"type": "policy.changed"}, headers=auth(tokens["auditor"])
    ).json()["events"]
    assert [e["payload"]["version"] for e in events] == ["default-2026.11.1", "stricter-1"]


def test_model_reload_swaps_and_is_audited(env: Env) -> None:
    client, tokens, loader = env
    assert client.get("/v1/models", headers=auth(tokens["reviewer"])).json()["version"] == "fake-1"
    reload = client.post("/v1/models/reload", headers=auth(tokens["admin"]))
    assert reload.status_code == 200
    assert reload.json()["previous_version"] == "fake-1"
    assert reload.json()["model"]["version"] == "fake-2"
    assert _score(env, clean_case_dict()).json()["model_version"] == "fake-2"
    events = client.get(
        "/v1/audit/events", params={"type": "model.changed"}, headers=auth(tokens["admin"])
    ).json()["events"]
    assert [e["payload"]["version"] for e in events] == ["fake-1", "fake-2"]
    assert loader.loads == 2


def test_health_ready_and_metrics(env: Env) -> None:
    client, _, _ = env
    case = clean_case_dict()
    case["service_report"]["notes"] = f"{UNSURE} x"
    _score(env, case)
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"
    assert ready["model_version"] == "fake-1"
    text = client.get("/metrics").text
    assert 'triage_decisions_total{label="none",route="human_review"}' in text
    assert "triage_review_queue_depth 1.0" in text
    assert 'route="/v1/cases/score"' in text


def test_openapi_documents_case_schema(env: Env) -> None:
    client, _, _ = env
    schema = client.get("/openapi.json").json()
    body = schema["paths"]["/v1/cases/score"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/Case"}
    assert "invoice" in schema["components"]["schemas"]["Case"]["properties"]
    assert client.get("/docs").status_code == 200


def test_warranty_example_is_scored(env: Env) -> None:
    assert _score(env, example_case_dict()).status_code == 200


def test_checkpoint_is_signed_and_listed(env: Env) -> None:
    client, tokens, _ = env
    _score(env, clean_case_dict())
    checkpoint_once(client.app.state.runtime)  # type: ignore[attr-defined]
    checkpoints = client.get("/v1/audit/checkpoints", headers=auth(tokens["auditor"])).json()
    assert len(checkpoints) == 1
    assert checkpoints[0]["tree_size"] == 3
    proof = client.get(
        "/v1/audit/proof/inclusion", params={"seq": 2}, headers=auth(tokens["auditor"])
    ).json()
    assert proof["root_hash"] == checkpoints[0]["root_hash"]
    export = client.get("/v1/audit/export", headers=auth(tokens["auditor"]))
    assert export.status_code == 200
    assert len(export.text.strip().splitlines()) >= 4


def test_wait_returns_as_soon_as_review_resolves(env: Env) -> None:
    client, tokens, _ = env
    case = clean_case_dict()
    case["service_report"]["notes"] = f"{UNSURE} relay"
    decision = _score(env, case).json()
    review = auth(tokens["reviewer"])

    def resolve_soon() -> None:
        time.sleep(0.5)
        client.post(f"/v1/reviews/{decision['review_id']}/claim", headers=review)
        client.post(
            f"/v1/reviews/{decision['review_id']}/resolve",
            json={"action": "correct", "exception": "warranty_coverage", "billable": False},
            headers=review,
        )

    resolver = threading.Thread(target=resolve_soon)
    started = time.monotonic()
    resolver.start()
    response = client.get(
        f"/v1/cases/{decision['case_id']}",
        params={"wait": 30},
        headers=auth(tokens["orchestrator"]),
    )
    resolver.join()
    assert time.monotonic() - started < 10
    final = response.json()
    assert final["status"] == "final"
    assert final["outcome"]["exception"] == "warranty_coverage"
    assert final["outcome"]["changed"] is True
