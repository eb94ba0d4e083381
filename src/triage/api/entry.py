"""The `uvicorn --factory` entry of each worker process: settings from TRIAGE_* variables.

It starts the model process before it imports the app: FastAPI, SQLAlchemy and the
routes take about as long to import as the child takes to import, load and warm its
bundle, so the two overlap on the two cores instead of following each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.config import Settings
from triage.malloc import cap_malloc_arenas

if TYPE_CHECKING:
    from fastapi import FastAPI


def app_from_env() -> FastAPI:
    settings = Settings()
    cap_malloc_arenas()  # before any thread of this worker starts
    if settings.model_process:
        from triage.modeling.process import prestart

        prestart(settings.model_dir, settings.embedding_backend)
    else:
        from triage.modeling.bundle import import_lightgbm_without_extras

        import_lightgbm_without_extras()  # a worker only predicts; no other thread runs yet
    from triage.api.app import create_app

    return create_app(settings)
