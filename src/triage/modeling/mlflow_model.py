"""The MLflow side of the model: a pyfunc wrapper around a bundle, and the registry gate.

mlflow is imported only here, and only inside functions, so the CLI and the
service load bundles without it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REGISTERED_MODEL = "triage"
DEFAULT_TRACKING_URI = "sqlite:///mlflow.db"

# (metric, higher is better, tolerance): the candidate may not be worse than the champion.
GATES: tuple[tuple[str, bool, float], ...] = (
    ("test_macro_f1", True, 0.002),
    ("test_billable_roc_auc", True, 0.001),
    ("test_top_label_ece", False, 0.005),
    ("test_automation_rate", True, 0.01),
    ("test_error_among_auto", False, 0.002),
)


def configure(tracking_uri: str | None = None) -> Any:
    """Offline MLflow with telemetry off; returns the mlflow module."""
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    import mlflow

    mlflow.set_tracking_uri(
        tracking_uri or os.environ.get("MLFLOW_TRACKING_URI", DEFAULT_TRACKING_URI)
    )
    return mlflow


def _python_model_class() -> type:
    import mlflow.pyfunc

    base: Any = mlflow.pyfunc.PythonModel

    class TriagePyfunc(base):  # type: ignore[misc]
        """Input: a DataFrame with a `case` column (DOMAIN §2 JSON text or dict)."""

        def load_context(self, context: Any) -> None:
            from triage.modeling.bundle import load_predictor

            self.predictor = load_predictor(Path(context.artifacts["bundle"]))

        def predict(self, context: Any, model_input: Any, params: Any = None) -> Any:
            import pandas as pd

            from triage.domain.parse import parse_case
            from triage.reconcile import reconcile

            cases = [parse_case(c) for c in model_input["case"]]
            outputs = self.predictor.predict(cases, [reconcile(c) for c in cases])
            return pd.DataFrame(
                {
                    "case_id": [c.case_id for c in cases],
                    "exception": [
                        max(o.probabilities, key=o.probabilities.__getitem__) for o in outputs
                    ],
                    "confidence": [max(o.probabilities.values()) for o in outputs],
                    "billable_probability": [o.billable_probability for o in outputs],
                    "probabilities": [json.dumps(o.probabilities) for o in outputs],
                    "p_values": [json.dumps(o.p_values) for o in outputs],
                    "explanations": [
                        json.dumps([r.model_dump(mode="json") for r in o.explanations])
                        for o in outputs
                    ],
                }
            )

    return TriagePyfunc


def save_pyfunc(bundle_dir: Path, path: Path) -> Path:
    """Save the bundle as a pyfunc model directory (no tracking server): a model URI for Spark."""
    configure()
    import mlflow.pyfunc

    mlflow.pyfunc.save_model(
        path=str(path),
        python_model=_python_model_class()(),
        artifacts={"bundle": str(bundle_dir)},
        pip_requirements=["triage", "lightgbm", "onnxruntime", "tokenizers"],
    )
    return path


def pyfunc_spark_udf(spark: Any, model_uri: str, *, result_type: str) -> Any:
    """`mlflow.pyfunc.spark_udf` on the triage pyfunc, run with the current Python environment."""
    configure()
    import mlflow.pyfunc

    return mlflow.pyfunc.spark_udf(spark, model_uri, result_type=result_type, env_manager="local")


def log_bundle(bundle_dir: Path, *, registered_model: str = REGISTERED_MODEL) -> str:
    """Log the bundle as a pyfunc in the active run, register it, alias it `candidate`."""
    mlflow = configure()
    info = mlflow.pyfunc.log_model(
        name="model",
        python_model=_python_model_class()(),
        artifacts={"bundle": str(bundle_dir)},
        pip_requirements=["triage", "lightgbm", "onnxruntime", "tokenizers"],
        registered_model_name=registered_model,
    )
    client = mlflow.MlflowClient()
    version = str(info.registered_model_version)
    client.set_registered_model_alias(registered_model, "candidate", version)
    return version


@dataclass(frozen=True, slots=True)
class PromotionResult:
    promoted: bool
    candidate: str | None
    champion: str | None
    reasons: list[str]


def gate(candidate: Mapping[str, float], champion: Mapping[str, float]) -> list[str]:
    """Why the candidate is worse than the champion (empty: not worse)."""
    problems = []
    for metric, higher, tol in GATES:
        new, old = candidate.get(metric), champion.get(metric)
        if old is None:
            continue
        if new is None:
            problems.append(f"{metric}: missing on the candidate")
        elif (higher and new < old - tol) or (not higher and new > old + tol):
            problems.append(f"{metric}: candidate {new:.4f} vs champion {old:.4f}")
    return problems


def promote(*, registered_model: str = REGISTERED_MODEL, force: bool = False) -> PromotionResult:
    """Move alias `champion` to `candidate` unless the candidate is worse on a gate metric."""
    mlflow = configure()
    client = mlflow.MlflowClient()

    def alias(name: str) -> Any:
        try:
            return client.get_model_version_by_alias(registered_model, name)
        except mlflow.exceptions.MlflowException:
            return None

    cand, champ = alias("candidate"), alias("champion")
    if cand is None:
        return PromotionResult(
            False, None, champ.version if champ else None, ["no candidate registered"]
        )
    cand_metrics = client.get_run(cand.run_id).data.metrics
    if champ is not None:
        if champ.version == cand.version:
            return PromotionResult(
                False, cand.version, champ.version, ["candidate is already champion"]
            )
        problems = gate(cand_metrics, client.get_run(champ.run_id).data.metrics)
        if problems and not force:
            return PromotionResult(False, cand.version, champ.version, problems)
    client.set_registered_model_alias(registered_model, "champion", cand.version)
    return PromotionResult(True, cand.version, champ.version if champ else None, [])


def list_versions(*, registered_model: str = REGISTERED_MODEL) -> list[dict[str, Any]]:
    mlflow = configure()
    client = mlflow.MlflowClient()
    try:
        versions = client.search_model_versions(f"name='{registered_model}'")
    except mlflow.exceptions.MlflowException:
        return []
    rows = []
    for v in sorted(versions, key=lambda v: int(v.version)):
        metrics = client.get_run(v.run_id).data.metrics
        rows.append(
            {
                "version": v.version,
                "aliases": list(v.aliases),
                "run_id": v.run_id,
                **{m: metrics.get(m) for m, _, _ in GATES},
            }
        )
    return rows
