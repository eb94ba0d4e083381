"""The one place that wires the HTTP service: `create_app(settings)`.

The lifespan migrates the database, loads the model and the policy, starts the
micro-batcher and the background loops, and tears them down in reverse. Under
`uvicorn --workers N` each worker process runs its own lifespan (see
`triage.api.entry`); everything shared lives in the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from functools import partial
from pathlib import Path
from typing import Any

from anyio import from_thread, to_thread
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from triage.api import metrics
from triage.api.errors import install_error_handlers
from triage.api.middleware import BodyLimitMiddleware, MetricsMiddleware
from triage.api.routes import routers
from triage.config import Settings, get_settings
from triage.domain.case import Case
from triage.modeling.predictor import Predictor
from triage.modeling.process import PREPARE_DEPTH, ProcessPredictor
from triage.services import background
from triage.services.batching import MicroBatcher
from triage.services.models import ModelHolder, PredictorLoader, warm_up
from triage.services.policies import PolicyStore
from triage.services.runtime import Runtime
from triage.services.writer import GroupWriter
from triage.storage import SessionFactory, migrate
from triage.storage.checkpoints import wal_checkpointer

log = logging.getLogger("triage.api")

BackgroundLoop = Callable[[Runtime], Coroutine[object, object, None]]


def default_loader(settings: Settings) -> PredictorLoader:
    """The shipped bundle format, in a model process of its own unless
    `TRIAGE_MODEL_PROCESS=false` (imported lazily: keeps `triage --help` fast)."""

    def load(path: Path) -> Predictor:
        if settings.model_process:
            return ProcessPredictor(path, settings.embedding_backend)
        from triage.modeling.bundle import load_predictor

        return load_predictor(path, settings.embedding_backend)

    return load


async def build_runtime(settings: Settings, loader: PredictorLoader) -> Runtime:
    holder = ModelHolder(loader, settings.model_dir)
    # the model loads (mostly native code) while the database is migrated: ready sooner
    loading = asyncio.ensure_future(to_thread.run_sync(holder.reload))
    try:
        await to_thread.run_sync(
            lambda: migrate(
                settings.database_url, connect_timeout=settings.database_connect_timeout
            )
        )
        db = SessionFactory.from_url(settings.database_url, background_checkpoints=True)
        policies = PolicyStore(db)
        await to_thread.run_sync(lambda: policies.seed(settings.policy_file))
    except BaseException:
        with contextlib.suppress(BaseException):
            await loading
        raise
    await loading
    # a model process embeds two batches at once; a model in this process, one
    in_process = not isinstance(holder.current(), ProcessPredictor)
    batcher = MicroBatcher(
        holder.current,
        depth=1 if in_process else PREPARE_DEPTH,
        on_batch=metrics.BATCH_SIZE.observe,
    )
    # a hot swap (a worker thread) warms the new model on the prediction thread, as startup does
    holder.warm = lambda predictor: from_thread.run(batcher.run, partial(warm_up, predictor))
    runtime = Runtime(
        settings=settings,
        db=db,
        models=holder,
        batcher=batcher,
        policies=policies,
        writer=GroupWriter(db, checkpointer=wal_checkpointer(db.engine)),
    )
    await to_thread.run_sync(lambda: runtime.record_model_loaded(actor="system:startup"))
    return runtime


def create_app(
    settings: Settings | None = None,
    *,
    predictor_loader: PredictorLoader | None = None,
    loops: list[BackgroundLoop] | None = None,
) -> FastAPI:
    """The FastAPI app; tests pass a fake `predictor_loader` (and `loops=[]` to stay quiet)."""
    settings = settings or get_settings()
    loader = predictor_loader or default_loader(settings)
    chosen_loops = background.default_loops() if loops is None else loops

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await build_runtime(settings, loader)
        app.state.runtime = runtime
        await runtime.batcher.start()
        # before readiness: the first request must not pay for it
        await runtime.batcher.run(partial(warm_up, runtime.models.current()))
        runtime.writer.start()
        tasks = [asyncio.create_task(loop(runtime)) for loop in chosen_loops]
        log.info(
            "ready: model %s, policy %s",
            runtime.models.current().version,
            runtime.policies.current().policy.version,
        )
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            await runtime.batcher.stop()
            runtime.models.close()
            runtime.writer.stop()
            runtime.db.engine.dispose()

    app = FastAPI(
        title="triage",
        version="1.0.0",
        summary="Exception triage for service-to-billing workflows",
        description=(
            "Score a case before the orchestration continues: auto-continue or human review. "
            "Authenticate with `Authorization: Bearer <token>` (`triage tokens create`)."
        ),
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
        redoc_url=None,
        telemetry=None
        if settings.opentelemetry
        else {"tracing": False, "metrics": False, "logs": False},
    )
    install_error_handlers(app)
    for router in routers():
        app.include_router(router)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.openapi = _openapi_with_case(app)  # type: ignore[method-assign]
    return app


def _openapi_with_case(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """Add the Case schema (the score body is read raw, to report errors by JSON path)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
        )
        case_schema = Case.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in case_schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components["Case"] = case_schema
        app.openapi_schema = schema
        return schema

    return openapi
