"""Stored documents: a multipart score keeps each PDF with its extraction, the metadata route
returns every field with its box, pages render to PNG of the right size, and nobody reads
another client's document or a page that is not there."""

from __future__ import annotations

import hashlib
import io
import json
import math
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import Engine

from tests.e2e.review_stack import unsure_case
from tests.integration.api_support import auth, running_app, settings_for
from triage.api.routes import documents_view
from triage.api.routes.documents_view import (
    MAX_SIDE_PX,
    RenderError,
    effective_scale,
    render_in_child,
)
from triage.extraction import Limits
from triage.simulate.pdf import INVOICE_LAYOUTS, render_invoice
from triage.storage import SessionFactory, documents, session_scope
from triage.storage.tables import DecisionRow, DocumentRow

Env = tuple[TestClient, dict[str, str], SessionFactory]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    settings = settings_for(tmp_path_factory.mktemp("docview"), pdf_timeout_seconds=10.0)
    with running_app(settings) as (client, tokens, _):
        db = SessionFactory.from_url(settings.database_url)
        try:
            yield client, tokens, db
        finally:
            db.engine.dispose()


def _score(
    client: TestClient, token: str, case: dict[str, Any], pdf: bytes, key: str | None = None
) -> dict[str, Any]:
    rest = {k: v for k, v in case.items() if k != "invoice"}
    headers = auth(token) | ({"Idempotency-Key": key} if key else {})
    response = client.post(
        "/v1/cases/score",
        data={"case": json.dumps(rest)},
        files={"invoice": ("acme-invoice.pdf", pdf, "application/pdf")},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _stored(db: SessionFactory, decision_id: str) -> list[DocumentRow]:
    with db.scope(readonly=True) as session:
        rows = session.query(DocumentRow).filter_by(decision_id=decision_id).all()
        session.expunge_all()
        return rows


@pytest.fixture(scope="module")
def scored(env: Env) -> tuple[dict[str, Any], bytes, str]:
    """One case scored with a generated (fpdf2) invoice PDF: (decision, pdf, document_id)."""
    client, tokens, db = env
    case = unsure_case("WO-DOCVIEW-1")
    pdf = render_invoice(case, INVOICE_LAYOUTS[0])
    decision = _score(client, tokens["orchestrator"], case, pdf)
    rows = _stored(db, decision["decision_id"])
    assert len(rows) == 1
    return decision, pdf, rows[0].document_id


def test_score_with_pdf_stores_the_document_with_its_decision(
    env: Env, scored: tuple[dict[str, Any], bytes, str]
) -> None:
    _, _, db = env
    decision, pdf, _ = scored
    (row,) = _stored(db, decision["decision_id"])
    assert row.role == "invoice"
    assert row.filename == "acme-invoice.pdf"
    assert row.sha256 == hashlib.sha256(pdf).hexdigest()
    assert row.size == len(pdf)
    assert row.case_id == "WO-DOCVIEW-1"
    assert row.client_id == "orchestrator-1"
    assert row.page_count == row.extraction["page_count"] >= 1


def test_metadata_returns_fields_with_boxes_inside_their_page(
    env: Env, scored: tuple[dict[str, Any], bytes, str]
) -> None:
    client, tokens, _ = env
    decision, pdf, document_id = scored
    response = client.get(f"/v1/documents/{document_id}", headers=auth(tokens["reviewer"]))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["decision_id"] == decision["decision_id"]
    assert body["page_count"] == len(body["pages"])
    extracted = client.post(
        "/v1/documents/extract",
        content=pdf,
        headers={**auth(tokens["reviewer"]), "content-type": "application/pdf"},
    ).json()
    assert body["extraction"]["fields"] == extracted["fields"]
    fields = {f["key"]: f for f in body["fields"]}
    total = fields["invoice.total"]
    assert float(total["value"]) == pytest.approx(unsure_case("x")["invoice"]["total"])
    assert total["bbox"] == extracted["fields"]["total"]["bbox"]
    for field in body["fields"]:
        width, height = body["pages"][field["page"] - 1]
        x0, top, x1, bottom = field["bbox"]
        assert 0 <= x0 < x1 <= width, field
        assert 0 <= top < bottom <= height, field
        assert field["low"] == (field["confidence"] < 0.8)
    assert any(key.startswith("invoice.lines[") for key in fields)


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_page_png_has_the_page_size_times_scale(
    env: Env, scored: tuple[dict[str, Any], bytes, str], scale: float
) -> None:
    client, tokens, _ = env
    _, _, document_id = scored
    meta = client.get(f"/v1/documents/{document_id}", headers=auth(tokens["auditor"])).json()
    for page in range(1, meta["page_count"] + 1):
        response = client.get(
            f"/v1/documents/{document_id}/pages/{page}.png",
            params={"scale": scale},
            headers=auth(tokens["auditor"]),
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "image/png"
        assert response.content.startswith(PNG)
        image = Image.open(io.BytesIO(response.content))
        width, height = meta["pages"][page - 1]
        assert image.size == (math.ceil(width * scale), math.ceil(height * scale))
        assert float(response.headers["x-render-scale"]) == scale


def test_page_png_is_cached_after_the_first_render(
    env: Env, scored: tuple[dict[str, Any], bytes, str]
) -> None:
    client, tokens, _ = env
    _, _, document_id = scored
    url = f"/v1/documents/{document_id}/pages/1.png?scale=0.5"
    first = client.get(url, headers=auth(tokens["reviewer"]))
    renders = documents_view.RENDERER.renders
    again = client.get(url, headers=auth(tokens["admin"]))
    assert again.content == first.content
    assert documents_view.RENDERER.renders == renders


def test_another_clients_document_is_404_and_the_owner_reads_it(
    env: Env, scored: tuple[dict[str, Any], bytes, str]
) -> None:
    client, tokens, _ = env
    _, _, document_id = scored
    for path in (f"/v1/documents/{document_id}", f"/v1/documents/{document_id}/pages/1.png"):
        other = client.get(path, headers=auth(tokens["orchestrator2"]))
        assert other.status_code == 404, path
        assert other.json()["error"]["code"] == "not_found"
        assert client.get(path, headers=auth(tokens["orchestrator"])).status_code == 200
    assert client.get(f"/v1/documents/{document_id}").status_code == 401


def test_list_for_a_decision_shows_only_the_callers_documents(
    env: Env, scored: tuple[dict[str, Any], bytes, str]
) -> None:
    client, tokens, _ = env
    decision, _, document_id = scored
    params = {"decision_id": decision["decision_id"]}
    mine = client.get("/v1/documents", params=params, headers=auth(tokens["orchestrator"]))
    assert [d["document_id"] for d in mine.json()["items"]] == [document_id]
    other = client.get("/v1/documents", params=params, headers=auth(tokens["orchestrator2"]))
    assert other.json()["items"] == []


def test_bad_page_or_scale_is_refused(env: Env, scored: tuple[dict[str, Any], bytes, str]) -> None:
    client, tokens, _ = env
    _, _, document_id = scored
    headers = auth(tokens["reviewer"])
    count = client.get(f"/v1/documents/{document_id}", headers=headers).json()["page_count"]
    past = client.get(f"/v1/documents/{document_id}/pages/{count + 1}.png", headers=headers)
    assert past.status_code == 404
    assert past.json()["error"]["code"] == "not_found"
    assert (
        client.get(f"/v1/documents/{document_id}/pages/0.png", headers=headers).status_code == 422
    )
    too_big = client.get(
        f"/v1/documents/{document_id}/pages/1.png", params={"scale": 50}, headers=headers
    )
    assert too_big.status_code == 422
    assert client.get("/v1/documents/doc_missing/pages/1.png", headers=headers).status_code == 404


def test_replayed_score_stores_no_second_copy(env: Env) -> None:
    client, tokens, db = env
    case = unsure_case("WO-DOCVIEW-REPLAY")
    pdf = render_invoice(case, INVOICE_LAYOUTS[0])
    first = _score(client, tokens["orchestrator"], case, pdf, key="docview-replay-1")
    again = _score(client, tokens["orchestrator"], case, pdf, key="docview-replay-1")
    assert again["decision_id"] == first["decision_id"]
    with db.scope(readonly=True) as session:
        copies = session.query(DocumentRow).filter_by(case_id="WO-DOCVIEW-REPLAY").count()
    assert copies == 1


def test_json_score_stores_no_document(env: Env) -> None:
    client, tokens, db = env
    case = unsure_case("WO-DOCVIEW-JSON")
    response = client.post("/v1/cases/score", json=case, headers=auth(tokens["orchestrator"]))
    assert response.status_code == 200
    assert _stored(db, response.json()["decision_id"]) == []


def test_case_page_lists_the_fields_and_the_ui_image_needs_the_login_cookie(
    env: Env, scored: tuple[dict[str, Any], bytes, str]
) -> None:
    client, tokens, _ = env
    decision, _, document_id = scored
    image = f"/ui/documents/{document_id}/pages/1.png"
    assert client.get(image).status_code == 401
    cookie = {"Cookie": f"triage_ui={tokens['reviewer']}"}
    assert (
        client.get(image, headers={"Cookie": f"triage_ui={tokens['auditor']}"}).status_code == 403
    )
    served = client.get(image, headers=cookie)
    assert served.status_code == 200
    assert served.content.startswith(PNG)
    page = client.get(f"/ui/reviews/{decision['review_id']}", headers=cookie)
    assert page.status_code == 200
    assert f'src="{image}?scale=1.5"' in page.text
    assert 'data-key="invoice.total"' in page.text


def test_scale_is_clamped_for_huge_pages() -> None:
    assert effective_scale((595.0, 842.0), 2.0) == 2.0
    assert effective_scale((14400.0, 14400.0), 2.0) == MAX_SIDE_PX / 14400.0
    assert effective_scale(None, 99.0) == documents_view.MAX_SCALE


def test_render_child_is_killed_at_the_time_limit(
    scored: tuple[dict[str, Any], bytes, str],
) -> None:
    _, pdf, _ = scored
    with pytest.raises(RenderError, match="longer than"):
        render_in_child(pdf, page_index=0, scale=1.0, limits=Limits(timeout_seconds=0.001))
    with pytest.raises(RenderError, match="could not be rendered"):
        render_in_child(b"%PDF-1.7 garbage", page_index=0, scale=1.0, limits=Limits())
    assert render_in_child(pdf, page_index=0, scale=0.5, limits=Limits()).startswith(PNG)


def test_repository_keeps_pdf_bytes_and_lists_service_report_first(
    engine: Engine, scored: tuple[dict[str, Any], bytes, str]
) -> None:
    _, pdf, _ = scored
    extraction = {"doc_type": "invoice", "page_count": 1, "pages": [[595.0, 842.0]]}
    with session_scope(engine) as session:
        session.add(
            DecisionRow(
                decision_id="D-DOC",
                case_id="WO-DOC",
                client_id="acme",
                status="pending_review",
                route="human_review",
                exception_label="none",
                billable=True,
                decision_json={},
                case_json={},
                case_sha256="0" * 64,
            )
        )
        session.flush()
        for role in ("invoice", "service_report"):
            documents.create(
                session,
                upload=documents.DocumentUpload(role, f"{role}.pdf", pdf, extraction),
                decision_id="D-DOC",
                case_id="WO-DOC",
                client_id="acme",
            )
    with session_scope(engine, readonly=True) as session:
        rows = documents.list_for_decision(session, decision_id="D-DOC")
        assert [r.role for r in rows] == ["service_report", "invoice"]
        assert documents.list_for_decision(session, decision_id="D-DOC", client_id="other") == []
        assert documents.pdf_bytes(session, document_id=rows[1].document_id) == pdf
        assert documents.describe(rows[1]).pages == [(595.0, 842.0)]
        assert documents.get(session, document_id=rows[1].document_id, client_id="other") is None
