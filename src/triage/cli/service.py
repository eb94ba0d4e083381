"""CLI commands of the HTTP service: `triage serve`, `triage policy simulate`."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from triage.cli.app import app

policy_app = typer.Typer(help="Routing policy: preview a change before deploying it.")
models_app = typer.Typer(help="The serving model.")
app.add_typer(policy_app, name="policy")
app.add_typer(models_app, name="models")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="bind address (TRIAGE_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="port (TRIAGE_PORT)")] = None,
    workers: Annotated[int | None, typer.Option(help="worker processes (TRIAGE_WORKERS)")] = None,
    log_level: Annotated[str | None, typer.Option(help="TRIAGE_LOG_LEVEL")] = None,
) -> None:
    """Run the scoring service (uvicorn). Settings come from TRIAGE_* environment variables."""
    import uvicorn

    from triage.config import Settings

    # Options win over the environment; workers read the environment, so write them there.
    for name, value in (
        ("HOST", host),
        ("PORT", port),
        ("WORKERS", workers),
        ("LOG_LEVEL", log_level),
    ):
        if value is not None:
            os.environ[f"TRIAGE_{name}"] = str(value)
    settings = Settings()
    if settings.workers > 1:
        _multiprocess_metrics_dir()
    uvicorn.run(
        "triage.api.app:app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        proxy_headers=True,
        timeout_graceful_shutdown=30,
    )


def _multiprocess_metrics_dir() -> None:
    """Prometheus counters shared by all workers live in a fresh directory per start."""
    existing = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if existing:
        path = Path(existing)
        if path.exists():
            for child in path.iterdir():
                child.unlink()
        path.mkdir(parents=True, exist_ok=True)
        return
    path = Path(tempfile.mkdtemp(prefix="triage-metrics-"))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(path)
    import atexit

    atexit.register(shutil.rmtree, path, True)
