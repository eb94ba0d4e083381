"""The model currently serving, swappable at runtime (`POST /v1/models/reload`).

A swap replaces one reference; batches already running keep the predictor they
started with, so in-flight requests finish on the old model. A new model is
warmed before the swap, so the first requests after it do not pay for that. A
predictor that holds a process (`close`) is closed `RETIRE_SECONDS` after the
swap: long after the last batch that read the old reference has reached it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from triage.modeling.predictor import Predictor

PredictorLoader = Callable[[Path], Predictor]
RETIRE_SECONDS = 5.0


def warm_up(predictor: Predictor) -> None:
    """Run the predictor's `warm_up` if it has one (the bundle's embeds its prototypes;
    fakes and the rules baseline have nothing to warm)."""
    work = getattr(predictor, "warm_up", None)
    if callable(work):
        work()


@dataclass(frozen=True, slots=True)
class LoadedModel:
    predictor: Predictor
    path: Path
    loaded_at: float
    load_seconds: float


class ModelHolder:
    """Holds the serving predictor; `reload` loads a new one off to the side, warms it with
    `warm` (when set), then swaps."""

    def __init__(self, loader: PredictorLoader, path: Path) -> None:
        self._loader = loader
        self._path = path
        self._lock = threading.Lock()
        self._loaded: LoadedModel | None = None
        # set by the app once its prediction thread runs (the first model warms at startup)
        self.warm: Callable[[Predictor], None] | None = None

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
            if self.warm is not None:
                self.warm(predictor)
            new = LoadedModel(predictor, target, time.time(), time.perf_counter() - started)
            old, self._loaded = self._loaded, new
            self._path = target
        if old is not None:
            retire = threading.Timer(RETIRE_SECONDS, _close, args=(old.predictor,))
            retire.daemon = True
            retire.start()
        return old, new

    def close(self) -> None:
        """Release the serving predictor's resources (at shutdown)."""
        if self._loaded is not None:
            _close(self._loaded.predictor)


def _close(predictor: Predictor) -> None:
    close = getattr(predictor, "close", None)
    if callable(close):
        close()
