"""Startup: the model loads beside the migrations and warms up on the prediction thread
before the service is up, so the first request does not pay for it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tests.integration.api_support import FakeLoader, FakePredictor, running_app, settings_for
from triage.modeling.predictor import Predictor


class _WarmingPredictor(FakePredictor):
    def __init__(self) -> None:
        super().__init__("warm-1")
        self.warmed_on: str | None = None

    def warm_up(self) -> None:
        time.sleep(0.2)  # long enough that a warm-up left running after startup shows
        self.warmed_on = threading.current_thread().name


class _WarmingLoader(FakeLoader):
    def __call__(self, path: Path) -> Predictor:
        self.loads += 1
        predictor = _WarmingPredictor()
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
