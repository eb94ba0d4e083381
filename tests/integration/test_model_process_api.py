"""The service with its model in a process: a model process that dies mid-request costs
that request a 503 (retry), not the worker, and the retry scores exactly once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from tests.factories import clean_case_dict
from tests.fake_models import ChildPredictor
from tests.integration.api_support import auth, running_app, settings_for
from triage.modeling.predictor import Predictor
from triage.modeling.process import PREPARE_DEPTH, ProcessPredictor
from triage.storage import SessionFactory
from triage.storage.tables import DecisionRow


def _in_a_process(path: Path) -> Predictor:
    return ProcessPredictor(path, "onnx", loader=ChildPredictor)


def test_a_dead_model_process_is_a_503_and_the_retry_scores_once(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    with running_app(settings, _in_a_process) as (client, tokens, _):
        runtime = client.app.state.runtime  # type: ignore[attr-defined]
        assert runtime.batcher._depth == PREPARE_DEPTH  # the child embeds two batches at once
        first_child = runtime.models.current().pid
        body = {**clean_case_dict(), "case_id": "C-die"}
        headers = {**auth(tokens["orchestrator"]), "Idempotency-Key": "k-die"}
        response = client.post("/v1/cases/score", json=body, headers=headers)
        assert response.status_code == 503, response.text
        assert response.json()["error"]["code"] == "model_unavailable"
        assert response.headers["Retry-After"] == "1"
        assert client.get("/healthz").status_code == 200  # the worker is fine

        retry = {**clean_case_dict(), "case_id": "C-retry"}
        headers = {**auth(tokens["orchestrator"]), "Idempotency-Key": "k-retry"}
        scored = client.post("/v1/cases/score", json=retry, headers=headers)
        assert scored.status_code == 200, scored.text
        assert scored.json()["model_version"].startswith("model-onnx-")
        assert client.app.state.runtime.models.current().pid != first_child  # type: ignore[attr-defined]
        again = client.post("/v1/cases/score", json=retry, headers=headers)
        assert again.json()["decision_id"] == scored.json()["decision_id"]
        # the failed request released its key: the same key may now be used again
        body_retry = client.post(
            "/v1/cases/score",
            json={**clean_case_dict(), "case_id": "C-die-not"},
            headers={**auth(tokens["orchestrator"]), "Idempotency-Key": "k-die"},
        )
        assert body_retry.status_code == 200, body_retry.text
    db = SessionFactory.from_url(settings.database_url)
    with db.scope(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(DecisionRow)) == 2
    db.engine.dispose()
