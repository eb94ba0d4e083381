"""`triage score --engine spark` against the local path, decision for decision.

Both commands score the same Parquet file of simulated cases (plus two invalid
rows) with the same bundle and policy; the Spark path runs the MLflow pyfunc
through `spark_udf` on `local[2]`. Every case must get the same label,
billability, route and prediction set, with the same probabilities.

Both embedding backends are batch-invariant (the ONNX int8 path runs each text
on its own, because dynamic quantization scales activations over a whole run),
so the two paths must agree exactly however they batch.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.live_server import TRIAGE
from triage.config import get_settings
from triage.simulate.generator import generate

pytestmark = [pytest.mark.slow, pytest.mark.timeout(3000)]


class DecisionMismatch(AssertionError):
    """The two paths decided a case differently."""


def run_score(env: dict[str, str], *args: str) -> float:
    started = time.monotonic()
    done = subprocess.run(
        [TRIAGE, "score", *args], env=env, capture_output=True, text=True, timeout=2400
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"triage score {args} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return time.monotonic() - started


def score_both(tmp_path: Path, n_cases: int, backend: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    bundle = Path(os.environ.get("TRIAGE_SPARK_TEST_BUNDLE", get_settings().model_dir))
    env = {**os.environ, "TRIAGE_EMBEDDING_BACKEND": backend}
    cases = [json.dumps(sim.case) for sim in generate(n_cases, seed=606)]
    bad = json.loads(cases[0])
    del bad["invoice"]
    cases += [json.dumps({**bad, "case_id": "BAD-1"}), "{not json"]
    source = tmp_path / "cases.parquet"
    pd.DataFrame({"case": cases}).to_parquet(source, index=False)
    common = ("--model", str(bundle))
    local_s = run_score(env, str(source), "--out", str(tmp_path / "local.parquet"), *common)
    spark_s = run_score(
        env, str(source), "--out", str(tmp_path / "spark.parquet"), *common, "--engine", "spark"
    )
    print(f"{n_cases} cases ({backend}): local {local_s:.1f} s, spark local[2] {spark_s:.1f} s")
    return pd.read_parquet(tmp_path / "local.parquet"), pd.read_parquet(tmp_path / "spark.parquet")


def compare(local: pd.DataFrame, spark: pd.DataFrame, n_cases: int) -> None:
    """Structural checks assert; a case decided differently raises DecisionMismatch."""
    assert int(local["error"].notna().sum()) == 2
    assert int(spark["error"].notna().sum()) == 2
    local_ok = local[local["error"].isna()].set_index("case_id").sort_index()
    spark_ok = spark[spark["error"].isna()].set_index("case_id").sort_index()
    assert len(local_ok) == n_cases
    assert list(local_ok.index) == list(spark_ok.index)
    versions = {json.loads(d)["model_version"] for d in spark_ok["decision"]}
    assert versions == {json.loads(local_ok["decision"].iloc[0])["model_version"]}

    def pset(frame: pd.DataFrame) -> pd.Series:
        return frame["decision"].map(lambda d: tuple(json.loads(d)["exception"]["prediction_set"]))

    differing = {
        column: list(local_ok.index[local_ok[column] != spark_ok[column]][:5])
        for column in ("exception", "billable", "route")
    }
    differing["prediction_set"] = list(local_ok.index[pset(local_ok) != pset(spark_ok)][:5])
    for column in ("confidence", "billable_probability"):
        gap = (local_ok[column] - spark_ok[column]).abs()
        differing[column] = list(local_ok.index[gap > 1e-6][:5])
    if any(differing.values()):
        raise DecisionMismatch(f"decisions differ (first cases per field): {differing}")


def test_spark_engine_matches_the_local_path_on_10000_cases(tmp_path: Path) -> None:
    n_cases = int(os.environ.get("TRIAGE_SPARK_TEST_CASES", "10000"))
    local, spark = score_both(tmp_path, n_cases, backend="onnx")
    compare(local, spark, n_cases)


def test_spark_engine_matches_the_local_path_with_a_batch_invariant_embedder(
    tmp_path: Path,
) -> None:
    local, spark = score_both(tmp_path, 400, backend="torch")
    compare(local, spark, 400)
