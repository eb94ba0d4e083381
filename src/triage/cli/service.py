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
        "triage.api.entry:app_from_env",
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


@policy_app.command("simulate")
def policy_simulate(
    decisions: Annotated[
        Path, typer.Option(exists=True, dir_okay=False, help="past decisions (JSONL)")
    ],
    labels: Annotated[
        Path, typer.Option(exists=True, dir_okay=False, help="true labels (JSONL: case_id, ...)")
    ],
    policy: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="the new policy")],
    cases: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="case JSONL, if decisions lack them"),
    ] = None,
    model: Annotated[
        Path | None,
        typer.Option(help="bundle whose certification.json applies (default: TRIAGE_MODEL_DIR)"),
    ] = None,
) -> None:
    """Automation rate, error among auto-continued and review workload: recorded vs NEW policy."""
    import json

    from triage.config import get_settings
    from triage.domain.certification import Certification
    from triage.errors import TriageError
    from triage.policy import load_policy
    from triage.services import policy_simulation as sim

    try:
        new = load_policy(policy)
        by_case = None
        if cases is not None:
            by_case = {str(c["case_id"]): c for _, c in sim.read_jsonl(cases)}
        past = sim.read_past_decisions(decisions, by_case)
        truth = sim.read_labels(labels)
    except TriageError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from exc
    cert_file = (model or get_settings().model_dir) / "certification.json"
    certification = (
        Certification.model_validate_json(cert_file.read_text()) if cert_file.exists() else None
    )
    before, after = sim.recorded(past, truth), sim.replay(past, truth, new, certification)
    typer.echo(f"{'':32}{'recorded':>14}{after.policy_version:>24}")
    for name, a, b in (
        ("cases with labels", before.cases, after.cases),
        ("automation rate", f"{before.automation_rate:.1%}", f"{after.automation_rate:.1%}"),
        ("error among auto-continued", _rate(before.auto_error_rate), _rate(after.auto_error_rate)),
        ("review workload (cases)", before.review, after.review),
        (
            "review workload (invoice value)",
            f"{before.review_value:,.0f}",
            f"{after.review_value:,.0f}",
        ),
    ):
        typer.echo(f"{name:32}{a!s:>14}{b!s:>24}")
    typer.echo(json.dumps({"recorded": before.as_dict(), "new": after.as_dict()}))


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2%}"
