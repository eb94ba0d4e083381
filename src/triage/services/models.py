"""The model currently serving, swappable at runtime (`POST /v1/models/reload`).

A swap replaces one reference; batches already running keep the predictor they
started with, so in-flight requests finish on the old model.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from triage.modeling.predictor import Predictor

PredictorLoader = Callable[[Path], Predictor]


@dataclass(frozen=True, slots=True)
class LoadedModel:
    predictor: Predictor
    path: Path
    loaded_at: float
    load_seconds: float


class ModelHolder:
    """Holds the serving predictor; `reload` loads a new one off to the side, then swaps."""

    def __init__(self, loader: PredictorLoader, path: Path) -> None:
        self._loader = loader
        self._path = path
        self._lock = threading.Lock()
        self._loaded: LoadedModel | None = None

    @property
    def ready(self) -> bool:
        return self._loaded is not None

    @property
    def loaded(self) -> LoadedModel:
        if self._loaded is None:
            raise RuntimeError("model not loaded yet")
        return self._loaded

    def current(self) -> Predictor:
        return self.loaded.predictor

    def reload(self, path: Path | None = None) -> tuple[LoadedModel | None, LoadedModel]:
        """Load `path` (default: the configured bundle) and swap; returns (old, new)."""
        with self._lock:
            target = path or self._path
            started = time.perf_counter()
            predictor = self._loader(target)
            new = LoadedModel(predictor, target, time.time(), time.perf_counter() - started)
            old, self._loaded = self._loaded, new
            self._path = target
            return old, new
