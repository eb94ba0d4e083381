"""`triage simulate`: write a labelled simulated dataset (cases, labels, PDFs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from triage.cli.app import app


@app.command()
def simulate(
    n: Annotated[int, typer.Option("--n", min=0, help="number of cases")],
    seed: Annotated[int, typer.Option("--seed", help="random seed (deterministic output)")],
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="output directory")],
    pdf_fraction: Annotated[
        float, typer.Option("--pdf-fraction", min=0.0, max=1.0, help="share of cases with PDFs")
    ] = 0.0,
    partition: Annotated[
        str | None, typer.Option("--partition", help="phrase partition: train or test")
    ] = None,
    label_noise: Annotated[
        float, typer.Option("--label-noise", min=0.0, max=1.0, help="share of flipped labels")
    ] = 0.0,
    mix: Annotated[
        str | None, typer.Option("--mix", help='label weights as JSON, e.g. {"none": 2}')
    ] = None,
) -> None:
    """Simulate N labelled cases into OUT (cases.jsonl, labels.jsonl, pdf/, pdf_truth.jsonl)."""
    # imported here: the simulator's PDF fonts cost `triage serve` 0.3 s and ~15 MB
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from triage.simulate import write_dataset

    weights = None
    if mix is not None:
        try:
            weights = json.loads(mix)
        except json.JSONDecodeError as exc:
            raise typer.BadParameter(f"--mix is not JSON: {exc.msg}") from exc
        if not isinstance(weights, dict):
            raise typer.BadParameter("--mix must be a JSON object of label -> weight")
    columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("simulating", total=n)
        try:
            summary = write_dataset(
                out,
                n,
                seed,
                pdf_fraction=pdf_fraction,
                mix=weights,
                partition=partition,
                label_noise=label_noise,
                progress=lambda done: bar.update(task, completed=done) if done % 200 == 0 else None,
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
    typer.echo(json.dumps(summary, indent=2))
