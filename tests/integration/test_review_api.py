"""The review endpoints end to end on the app: claim, resolve, four-eyes, audit, outbox."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.factories import clean_case_dict, recompute_totals
from tests.integration.api_support import UNSURE, auth, running_app, settings_for
from triage import audit
from triage.storage import SessionFactory
from triage.storage.tables import OutboxRow
from triage.storage.tokens import create_token


@dataclass
class Env:
    client: TestClient
    tokens: dict[str, str]
    db: SessionFactory


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    settings = settings_for(tmp_path)
    with running_app(settings) as (client, tokens, _):
        db = SessionFactory.from_url(settings.database_url)
        with db.scope() as session:
            tokens["reviewer2"] = create_token(session, role="reviewer", name="reviewer-2")
        yield Env(client, tokens, db)
        db.engine.dispose()


def _unsure_case(case_id: str, *, parts: int = 1) -> dict[str, Any]:
    case = clean_case_dict()
    case["case_id"] = case_id
    case["service_report"]["notes"] = f"{UNSURE}: replaced relay, tested."
    case["service_report"]["parts"][0]["qty"] = parts
    case["invoice"]["lines"][2]["qty"] = parts
    return recompute_totals(case)


def _score(env: Env, case: dict[str, Any], callback: str | None = None) -> dict[str, Any]:
    client, tokens = env.client, env.tokens
    params = {"callback_url": callback} if callback else None
    response = client.post(
        "/v1/cases/score", json=case, headers=auth(tokens["orchestrator"]), params=params
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["route"] == "human_review"
    return body


def _as(env: Env, role: str) -> dict[str, str]:
    return auth(env.tokens[role])


def test_review_confirm_finalises_decision_audits_and_enqueues_callback(env: Env) -> None:
    client = env.client
    decision = _score(env, _unsure_case("WO-R-1"), callback="http://receiver.test/hook")
    listing = client.get("/v1/reviews", headers=_as(env, "reviewer")).json()
    assert listing["total"] == 1
    review_id = listing["items"][0]["review_id"]
    assert review_id == decision["review_id"]

    claimed = client.post(f"/v1/reviews/{review_id}/claim", headers=_as(env, "reviewer"))
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["claimed_by"] == "reviewer-1"
    taken = client.post(f"/v1/reviews/{review_id}/claim", headers=_as(env, "reviewer2"))
    assert taken.status_code == 409

    resolved = client.post(
        f"/v1/reviews/{review_id}/resolve",
        json={"action": "confirm", "comment": "looks right"},
        headers=_as(env, "reviewer"),
    )
    assert resolved.status_code == 200, resolved.text
    outcome = resolved.json()["outcome"]
    assert outcome["reviewers"] == ["reviewer-1"]
    assert outcome["changed"] is False

    final = client.get(
        f"/v1/decisions/{decision['decision_id']}", headers=_as(env, "orchestrator")
    ).json()
    assert final["status"] == "final"
    assert final["outcome"]["review_id"] == review_id

    with env.db.scope(readonly=True) as session:
        types = [
            e.event_type for e in audit.list_events(session, case_id="WO-R-1", limit=100).events
        ]
        outbox = session.scalars(
            select(OutboxRow).where(OutboxRow.decision_id == decision["decision_id"])
        ).all()
    assert types == ["decision.created", "review.claimed", "review.confirmed", "review.resolved"]
    assert len(outbox) == 1
    assert '"outcome"' in outbox[0].payload


def test_review_correction_changes_labels(env: Env) -> None:
    client = env.client
    decision = _score(env, _unsure_case("WO-R-2"))
    review_id = decision["review_id"]
    client.post(f"/v1/reviews/{review_id}/claim", headers=_as(env, "reviewer"))
    resolved = client.post(
        f"/v1/reviews/{review_id}/resolve",
        json={"action": "correct", "exception": "warranty_coverage", "billable": False},
        headers=_as(env, "reviewer"),
    )
    assert resolved.status_code == 200, resolved.text
    final = client.get(
        f"/v1/decisions/{decision['decision_id']}", headers=_as(env, "orchestrator")
    ).json()
    assert final["outcome"]["exception"] == "warranty_coverage"
    assert final["outcome"]["billable"] is False
    assert final["outcome"]["changed"] is True


def test_four_eyes_needs_a_second_agreeing_reviewer(env: Env) -> None:
    client = env.client
    decision = _score(env, _unsure_case("WO-R-3", parts=100))
    review_id = decision["review_id"]
    assert (
        client.get(f"/v1/reviews/{review_id}", headers=_as(env, "reviewer")).json()[
            "required_reviewers"
        ]
        == 2
    )
    client.post(f"/v1/reviews/{review_id}/claim", headers=_as(env, "reviewer"))
    first = client.post(
        f"/v1/reviews/{review_id}/resolve", json={"action": "confirm"}, headers=_as(env, "reviewer")
    ).json()
    assert first["status"] == "open"
    assert first["outcome"] is None
    again = client.post(f"/v1/reviews/{review_id}/claim", headers=_as(env, "reviewer"))
    assert again.status_code == 409
    client.post(f"/v1/reviews/{review_id}/claim", headers=_as(env, "reviewer2"))
    second = client.post(
        f"/v1/reviews/{review_id}/resolve",
        json={"action": "confirm"},
        headers=_as(env, "reviewer2"),
    ).json()
    assert second["status"] == "resolved"
    assert second["outcome"]["reviewers"] == ["reviewer-1", "reviewer-2"]


def test_resolve_without_claim_and_bad_bodies_are_rejected(env: Env) -> None:
    client = env.client
    review_id = _score(env, _unsure_case("WO-R-4"))["review_id"]
    no_claim = client.post(
        f"/v1/reviews/{review_id}/resolve", json={"action": "confirm"}, headers=_as(env, "reviewer")
    )
    assert no_claim.status_code == 409
    empty_correct = client.post(
        f"/v1/reviews/{review_id}/resolve", json={"action": "correct"}, headers=_as(env, "reviewer")
    )
    assert empty_correct.status_code == 422
    assert client.get("/v1/reviews", headers=_as(env, "orchestrator")).status_code == 403
    assert client.get("/v1/reviews/rev_missing", headers=_as(env, "reviewer")).status_code == 404


def test_release_lets_another_reviewer_claim(env: Env) -> None:
    client = env.client
    review_id = _score(env, _unsure_case("WO-R-5"))["review_id"]
    client.post(f"/v1/reviews/{review_id}/claim", headers=_as(env, "reviewer"))
    released = client.post(f"/v1/reviews/{review_id}/release", headers=_as(env, "reviewer"))
    assert released.json()["status"] == "open"
    taken = client.post(f"/v1/reviews/{review_id}/claim", headers=_as(env, "reviewer2"))
    assert taken.status_code == 200


def test_claim_next_and_bulk_confirm_work_the_filtered_queue(env: Env) -> None:
    client = env.client
    ids = [_score(env, _unsure_case(f"WO-B-{i}"))["review_id"] for i in range(3)]
    nxt = client.post("/v1/reviews/next", headers=_as(env, "reviewer2")).json()
    assert nxt["review_id"] in ids
    bulk = client.post(
        "/v1/reviews/bulk-confirm",
        json={"filters": {"label": "none"}},
        headers=_as(env, "reviewer"),
    ).json()
    assert sorted(bulk["resolved"]) == sorted(i for i in ids if i != nxt["review_id"])
    remaining = client.get("/v1/reviews", headers=_as(env, "reviewer")).json()
    assert [item["review_id"] for item in remaining["items"]] == [nxt["review_id"]]
