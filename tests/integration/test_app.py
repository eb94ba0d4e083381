"""Startup: the model loads beside the migrations and warms up on the prediction thread
before the service is up, so the first request does not pay for it; a hot swap warms the
new model the same way before it serves."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.factories import clean_case_dict
from tests.integration.api_support import (
    FakeLoader,
    FakePredictor,
    auth,
    running_app,
    settings_for,
)
from triage.modeling.predictor import Predictor


class _WarmingPredictor(FakePredictor):
    def __init__(self, version: str, serving: Callable[[], str] | None) -> None:
        super().__init__(version)
        self._serving = serving
        self.warmed_on: str | None = None
        self.serving_when_warmed: str | None = None

    def warm_up(self) -> None:
        time.sleep(0.2)  # long enough that a warm-up left running after startup shows
        self.warmed_on = threading.current_thread().name
        self.serving_when_warmed = self._serving() if self._serving else None


class _WarmingLoader(FakeLoader):
    """`serving` (set once the app runs) names the model serving at each warm-up."""

    serving: Callable[[], str] | None = None

    def __call__(self, path: Path) -> Predictor:
        self.loads += 1
        predictor = _WarmingPredictor(f"warm-{self.loads}", self.serving)
        self.predictors.append(predictor)
        return predictor


def test_startup_warms_the_model_on_the_prediction_thread_before_ready(tmp_path: Path) -> None:
    loader = _WarmingLoader()
    with running_app(settings_for(tmp_path), loader) as (client, _tokens, _):
        predictor = loader.predictors[0]
        assert isinstance(predictor, _WarmingPredictor)
        assert predictor.warmed_on is not None  # no waiting: done before the app served
        assert predictor.warmed_on.startswith("predict")
        assert client.get("/readyz").status_code == 200
    assert loader.loads == 1


def test_a_hot_swap_warms_the_new_model_on_the_prediction_thread_before_it_serves(
    tmp_path: Path,
) -> None:
    loader = _WarmingLoader()
    with running_app(settings_for(tmp_path), loader) as (client, tokens, _):
        holder = client.app.state.runtime.models  # type: ignore[attr-defined]
        loader.serving = lambda: str(holder.current().version)
        reload = client.post("/v1/models/reload", headers=auth(tokens["admin"]))
        assert reload.json()["model"]["version"] == "warm-2"
        new = loader.predictors[1]
        assert isinstance(new, _WarmingPredictor)
        assert new.warmed_on is not None  # done before the swap answered
        assert new.warmed_on.startswith("predict")
        assert new.serving_when_warmed == "warm-1"  # warmed before it was swapped in
        assert new.batches == []
        scored = client.post(
            "/v1/cases/score", json=clean_case_dict(), headers=auth(tokens["orchestrator"])
        )
        assert scored.json()["model_version"] == "warm-2"
        assert new.batches == [1]


def _spans_of_one_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **overrides: Any) -> int:
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", provider)
    with running_app(settings_for(tmp_path, **overrides), FakeLoader()) as (client, _tokens, _):
        assert client.get("/healthz").status_code == 200
    return len(exporter.get_finished_spans())


def test_opentelemetry_spans_only_when_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _spans_of_one_request(tmp_path / "off", monkeypatch) == 0
    assert _spans_of_one_request(tmp_path / "on", monkeypatch, opentelemetry=True) > 0
