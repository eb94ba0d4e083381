"""`triage score`, `triage evaluate`, `triage models promote|list`: batch work from the shell."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from triage.cli.app import app
from triage.cli.service import models_app
from triage.domain.case import Case
from triage.domain.parse import parse_case
from triage.errors import ExtractionError, FieldError, TriageError, ValidationError

CHUNK = 256
console = Console(stderr=True)


def read_records(path: Path) -> Iterator[tuple[int, Any]]:
    """(line/row number, raw case) from JSONL, CSV or Parquet; CSV/Parquet hold the case as
    JSON text in a `case` column."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".parquet"):
        import pandas as pd

        frame = pd.read_csv(path, dtype=str) if suffix == ".csv" else pd.read_parquet(path)
        if "case" not in frame.columns:
            raise typer.BadParameter(f"{path}: needs a 'case' column holding the case JSON")
        for i, value in enumerate(frame["case"].tolist(), start=1):
            yield i, value if isinstance(value, dict) else str(value)
        return
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                yield number, line


def _error_record(number: int, errors: Sequence[FieldError]) -> dict[str, Any]:
    return {
        "line": number,
        "error": {
            "code": "validation_error",
            "errors": [{"path": e.path, "message": e.message} for e in errors],
        },
    }


def _extraction_error(number: int, exc: ExtractionError) -> dict[str, Any]:
    return {"line": number, "error": {"code": exc.code, "message": exc.message}}


def _with_documents(raw: Any, base_dir: Path) -> tuple[Any, dict[str, float]]:
    """Fill `{"document": "file.pdf"}` report/invoice objects from their PDFs (paths relative
    to the input file); returns the case and the weakly read fields the policy routes on."""
    data = raw
    if isinstance(raw, str | bytes):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            return raw, {}
    if not isinstance(data, dict) or not any(
        isinstance(data.get(k), dict) and "document" in data[k]
        for k in ("service_report", "invoice")
    ):
        return raw, {}
    from triage.config import get_settings
    from triage.extraction import Limits, resolve_case_documents

    filled, notes = resolve_case_documents(
        data, base_dir=base_dir, limits=Limits.from_settings(get_settings())
    )
    return filled, {note.field: note.confidence for note in notes}


def _load_predictor(model: Path | None, baseline: str | None) -> Any:
    if baseline is not None:
        if baseline != "rules":
            raise typer.BadParameter("only --baseline rules is available")
        from triage.modeling.baseline import RulesPredictor

        return RulesPredictor()
    from triage.config import get_settings
    from triage.modeling.bundle import load_predictor

    return load_predictor(model or get_settings().model_dir)


def score_records(
    records: Sequence[tuple[int, Any]],
    predictor: Any,
    policy: Any,
    *,
    base_dir: Path | None = None,
) -> list[dict[str, Any]]:
    """One output record per input record, in order: a decision or an error naming the field
    (or, for a case given with PDFs, naming why a document could not be read)."""
    from triage.reconcile import reconcile
    from triage.services.decide import decide

    out: list[dict[str, Any] | None] = [None] * len(records)
    valid: list[tuple[int, Case, dict[str, float]]] = []
    base_dir = base_dir or Path.cwd()
    for i, (number, raw) in enumerate(records):
        try:
            filled, weak = _with_documents(raw, base_dir)
            valid.append((i, parse_case(filled), weak))
        except ValidationError as exc:
            out[i] = _error_record(number, exc.errors)
        except ExtractionError as exc:
            out[i] = _extraction_error(number, exc)
    cases = [c for _, c, _ in valid]
    evidence = [reconcile(c) for c in cases]
    outputs = predictor.predict(cases, evidence) if cases else []
    for (i, case, weak), ev, output in zip(valid, evidence, outputs, strict=True):
        decision, _ = decide(
            case=case,
            evidence=ev,
            output=output,
            policy=policy,
            model_version=predictor.version,
            certification=predictor.certification,
            low_confidence_fields=weak,
        )
        out[i] = decision.model_dump(mode="json")
    return [r for r in out if r is not None]


def score_chunks(
    records: Sequence[tuple[int, Any]],
    predictor: Any,
    policy: Any,
    *,
    base_dir: Path | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """`score_records` over chunks of `CHUNK`, results in input order, two chunks in flight:
    while one chunk runs its Python steps (validate, reconcile, decide) under the GIL, the
    other's embedding and tree prediction (native code, GIL released) use the other core."""
    chunks = [records[start : start + CHUNK] for start in range(0, len(records), CHUNK)]
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="score") as pool:
        yield from pool.map(
            lambda chunk: score_records(chunk, predictor, policy, base_dir=base_dir), chunks
        )


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    if "error" in record:
        return {
            "case_id": None,
            "route": None,
            "error": json.dumps(record["error"]),
            "decision": None,
        }
    return {
        "case_id": record["case_id"],
        "exception": record["exception"]["label"],
        "confidence": record["exception"]["confidence"],
        "billable": record["billable"]["value"],
        "billable_probability": record["billable"]["probability"],
        "route": record["route"],
        "error": None,
        "decision": json.dumps(record),
    }


def write_records(path: Path, records: list[dict[str, Any]]) -> None:
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix in (".csv", ".parquet"):
        import pandas as pd

        frame = pd.DataFrame([_flat(r) for r in records])
        if suffix == ".csv":
            frame.to_csv(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        return
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")


@app.command()
def score(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="cases: JSONL, CSV or Parquet")
    ],
    out: Annotated[Path, typer.Option("--out", help="decisions: .jsonl, .csv or .parquet")],
    policy: Annotated[
        Path | None, typer.Option("--policy", help="policy YAML (default: shipped)")
    ] = None,
    model: Annotated[Path | None, typer.Option("--model", help="model bundle directory")] = None,
    baseline: Annotated[
        str | None, typer.Option("--baseline", help="'rules': the rules-only reference")
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="'local', or 'spark': Parquet in/out via spark_udf")
    ] = "local",
    spark_master: Annotated[
        str, typer.Option("--spark-master", help="Spark master URL (--engine spark)")
    ] = "local[2]",
    model_uri: Annotated[
        str | None, typer.Option("--model-uri", help="MLflow pyfunc URI (--engine spark)")
    ] = None,
) -> None:
    """Score every case into a DOMAIN §4 decision, in input order; bad lines -> error records."""
    from triage.policy import load_policy

    if engine == "spark":
        _score_spark(file, out, policy, model, baseline, spark_master, model_uri)
        return
    if engine != "local":
        raise typer.BadParameter("--engine must be 'local' or 'spark'")

    try:
        pol = load_policy(policy)
        predictor = _load_predictor(model, baseline)
    except TriageError as exc:
        console.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(2) from exc
    records = list(read_records(file))
    results: list[dict[str, Any]] = []
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("scoring", total=len(records))
        for scored in score_chunks(records, predictor, pol, base_dir=file.parent):
            results.extend(scored)
            progress.advance(task, len(scored))
    write_records(out, results)
    errors = sum(1 for r in results if "error" in r)
    auto = sum(1 for r in results if r.get("route") == "auto_continue")
    console.print(
        f"{len(results)} records -> {out}: {auto} auto_continue, "
        f"{len(results) - auto - errors} human_review, {errors} invalid "
        f"(model {predictor.version})"
    )


def _score_spark(
    file: Path,
    out: Path,
    policy: Path | None,
    model: Path | None,
    baseline: str | None,
    master: str,
    model_uri: str | None,
) -> None:
    """`--engine spark`: Parquet in, a Parquet directory out (see docs/scale.md)."""
    from triage.config import get_settings
    from triage.policy import load_policy
    from triage.services.spark_scoring import score_file

    if baseline is not None or file.suffix.lower() != ".parquet":
        raise typer.BadParameter("--engine spark scores a .parquet file with the model bundle")
    count = score_file(
        file,
        out,
        policy=load_policy(policy),
        bundle_dir=model or get_settings().model_dir,
        master=master,
        model_uri=model_uri,
    )
    console.print(f"{count} records -> {out} (spark {master})")


def _labels(path: Path) -> dict[str, dict[str, Any]]:
    return {r["case_id"]: r for _, r in ((n, json.loads(line)) for n, line in read_records(path))}


def evaluate_decisions(
    decisions: Sequence[dict[str, Any]],
    labels: dict[str, dict[str, Any]],
    alpha: float,
    workflows: dict[str, str],
) -> dict[str, Any]:
    """Figures from decision records against true labels (cases without a label are skipped)."""
    import numpy as np

    from triage.domain.vocab import EXCEPTION_LABELS
    from triage.modeling.metrics import evaluate_outputs

    rows = [d for d in decisions if "error" not in d and d["case_id"] in labels]
    probs = np.asarray(
        [[d["exception"]["probabilities"][k] for k in EXCEPTION_LABELS] for d in rows]
    )
    in_set = np.asarray(
        [[k in d["exception"]["prediction_set"] for k in EXCEPTION_LABELS] for d in rows]
    )
    return evaluate_outputs(
        exception_true=[labels[d["case_id"]]["exception"] for d in rows],
        billable_true=[bool(labels[d["case_id"]]["billable"]) for d in rows],
        probabilities=probs.reshape(len(rows), len(EXCEPTION_LABELS)),
        billable_probability=np.asarray([d["billable"]["probability"] for d in rows]),
        prediction_sets=in_set.reshape(len(rows), len(EXCEPTION_LABELS)),
        auto_continued=[d["route"] == "auto_continue" for d in rows],
        alpha=alpha,
        workflows=[workflows[d["case_id"]] for d in rows],
    )


def _table(model_report: dict[str, Any], rules_report: dict[str, Any]) -> Table:
    table = Table(title="evaluation")
    table.add_column("metric")
    table.add_column("model", justify="right")
    table.add_column("rules baseline", justify="right")
    keys = [
        "n",
        "macro_f1",
        "accuracy",
        "billable_accuracy",
        "billable_roc_auc",
        "top_label_ece",
        "automation_rate",
        "error_among_auto",
        "conformal_coverage",
        "conformal_mean_set_size",
    ]

    def fmt(v: Any) -> str:
        return "-" if v is None else f"{v:.4f}" if isinstance(v, float) else str(v)

    for k in keys:
        table.add_row(k, fmt(model_report.get(k)), fmt(rules_report.get(k)))
    for label, f1 in model_report["per_class_f1"].items():
        table.add_row(f"f1 {label}", fmt(f1), fmt(rules_report["per_class_f1"].get(label)))
    for wf, s in model_report.get("per_workflow", {}).items():
        rs = rules_report.get("per_workflow", {}).get(wf, {})
        table.add_row(f"macro_f1 {wf} (n={s['n']})", fmt(s["macro_f1"]), fmt(rs.get("macro_f1")))
        table.add_row(f"automation {wf}", fmt(s["automation_rate"]), fmt(rs.get("automation_rate")))
    return table


@app.command()
def evaluate(
    cases: Annotated[
        Path, typer.Option("--cases", exists=True, dir_okay=False, help="cases JSONL/CSV/Parquet")
    ],
    labels: Annotated[
        Path, typer.Option("--labels", exists=True, dir_okay=False, help="labels JSONL")
    ],
    policy: Annotated[Path | None, typer.Option("--policy", help="policy YAML")] = None,
    model: Annotated[Path | None, typer.Option("--model", help="model bundle directory")] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="also write the report as JSON")
    ] = None,
) -> None:
    """Macro-F1, per-class F1, billable AUC, ECE, automation and its error, conformal coverage
    and set size, per-workflow slices: the model beside the rules-only baseline."""
    from triage.policy import load_policy

    pol = load_policy(policy)
    truth = _labels(labels)
    records = list(read_records(cases))
    workflows = {}
    for _, raw in records:
        try:
            c = parse_case(raw)
            workflows[c.case_id] = c.workflow.value
        except ValidationError:
            continue
    reports = {}
    for name, predictor in (
        ("model", _load_predictor(model, None)),
        ("rules", _load_predictor(None, "rules")),
    ):
        decisions: list[dict[str, Any]] = []
        for start in range(0, len(records), CHUNK):
            decisions.extend(score_records(records[start : start + CHUNK], predictor, pol))
        reports[name] = evaluate_decisions(decisions, truth, pol.conformal_alpha, workflows)
    Console().print(_table(reports["model"], reports["rules"]))
    if json_out is not None:
        json_out.write_text(json.dumps(reports, indent=1))


@models_app.command("promote")
def promote(
    force: Annotated[
        bool, typer.Option("--force", help="promote even if a gate metric is worse")
    ] = False,
    registered_model: Annotated[
        str, typer.Option("--name", help="registered model name")
    ] = "triage",
) -> None:
    """Move the MLflow alias `champion` to `candidate` unless the candidate is worse on a gate."""
    from triage.modeling.mlflow_model import promote as do_promote

    result = do_promote(registered_model=registered_model, force=force)
    if result.promoted:
        typer.echo(f"promoted version {result.candidate} to champion (was {result.champion})")
        return
    typer.echo(f"refused to promote candidate {result.candidate} over champion {result.champion}:")
    for reason in result.reasons:
        typer.echo(f"  - {reason}")
    raise typer.Exit(1)


@models_app.command("list")
def list_models(
    registered_model: Annotated[
        str, typer.Option("--name", help="registered model name")
    ] = "triage",
) -> None:
    """Registered versions with their aliases and gate metrics."""
    from triage.modeling.mlflow_model import list_versions

    rows = list_versions(registered_model=registered_model)
    if not rows:
        typer.echo("no registered versions")
        return
    table = Table()
    for col in rows[0]:
        table.add_column(col)
    for r in rows:
        table.add_row(*(f"{v:.4f}" if isinstance(v, float) else str(v) for v in r.values()))
    Console().print(table)
