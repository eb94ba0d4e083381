"""`triage score --engine spark`: batch scoring on Spark through the model's MLflow pyfunc.

The model runs inside `mlflow.pyfunc.spark_udf` (each executor loads the pyfunc
once and scores Arrow batches); the policy then turns scores into decisions in
`mapInPandas` with the same `decide()` the local path and the service use, so
a case gets the same label, probabilities, prediction set, billability and
route on either path. Input: Parquet with a `case` column holding the case JSON.
Output: Parquet with one row per case: the flat fields plus the decision JSON.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage.domain.certification import Certification
from triage.domain.decision import Reason
from triage.domain.parse import parse_case
from triage.errors import ValidationError
from triage.modeling.predictor import ModelOutput
from triage.policy import Policy
from triage.reconcile import reconcile
from triage.services.decide import decide

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import SparkSession

# What the pyfunc returns per case (see triage.modeling.mlflow_model).
SCORE_TYPE = (
    "struct<case_id:string, exception:string, confidence:double, billable_probability:double,"
    " probabilities:string, p_values:string, explanations:string>"
)
# The same columns as the local path's Parquet output (triage.cli.scoring).
OUTPUT_SCHEMA = (
    "case_id string, exception string, confidence double, billable boolean,"
    " billable_probability double, route string, error string, decision string"
)
OUTPUT_COLUMNS = [field.split()[0] for field in OUTPUT_SCHEMA.split(", ")]


@dataclass(frozen=True, slots=True)
class DecisionContext:
    """What every executor needs besides the scores; small and picklable."""

    policy: Policy
    model_version: str
    certification: Certification | None


def spark_session(master: str = "local[2]", *, app_name: str = "triage-score") -> SparkSession:
    """A session whose Python workers run this interpreter (so they can import triage).

    On a cluster, pass its master URL (or run under spark-submit, which sets it)
    and ship the environment with `spark.archives`; see docs/scale.md.
    """
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.enabled", "false")
    if master.startswith("local"):
        builder = (
            builder.master(master)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
        )
    elif master:
        builder = builder.master(master)
    session: SparkSession = builder.getOrCreate()
    return session


def decide_batch(frame: pd.DataFrame, context: DecisionContext) -> pd.DataFrame:
    """Scores + cases -> decision rows; pure, so the test can call it without Spark."""
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for case_json, score in zip(frame["case"], frame["score"], strict=True):
        case = parse_case(case_json)
        output = ModelOutput(
            probabilities=json.loads(score["probabilities"]),
            p_values=json.loads(score["p_values"]),
            billable_probability=float(score["billable_probability"]),
            explanations=[Reason.model_validate(r) for r in json.loads(score["explanations"])],
        )
        decision, _ = decide(
            case=case,
            evidence=reconcile(case),
            output=output,
            policy=context.policy,
            model_version=context.model_version,
            certification=context.certification,
        )
        rows.append(
            {
                "case_id": decision.case_id,
                "exception": decision.exception.label.value,
                "confidence": decision.exception.confidence,
                "billable": decision.billable.value,
                "billable_probability": decision.billable.probability,
                "route": decision.route.value,
                "error": None,
                "decision": json.dumps(decision.model_dump(mode="json")),
            }
        )
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)


def validation_errors(cases: pd.Series) -> pd.Series:
    """Per case JSON: None if it parses, else the error record the local path writes."""
    import pandas as pd

    out: list[str | None] = []
    for text in cases:
        try:
            parse_case(text)
        except ValidationError as exc:
            errors = [{"path": e.path, "message": e.message} for e in exc.errors]
            out.append(json.dumps({"code": "validation_error", "errors": errors}))
        else:
            out.append(None)
    return pd.Series(out, dtype=object)


def check_partition(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas step: each `case` row gains its `error` (None for a valid case)."""
    for batch in batches:
        yield batch.assign(error=validation_errors(batch["case"]).to_numpy())


def score_parquet(
    *,
    spark: SparkSession,
    input_path: str | Path,
    output_path: str | Path,
    bundle_dir: Path,
    policy: Policy,
    model_uri: str | None = None,
) -> int:
    """Score every case of `input_path` into `output_path` (overwritten); returns the count.

    Paths may be any URI Spark reads (pass object-store URIs as strings: `Path`
    would fold `s3a://` to `s3a:/`). `model_uri` is any MLflow model URI of the
    triage pyfunc (e.g. a registry alias); by default the bundle is saved as a
    pyfunc next to the job first.
    """
    from pyspark.sql.functions import col, lit, struct

    from triage.modeling.bundle import TriageModel
    from triage.modeling.mlflow_model import pyfunc_spark_udf, save_pyfunc

    model = TriageModel.load(bundle_dir)
    context = DecisionContext(
        policy=policy, model_version=model.version, certification=model.certification
    )
    with tempfile.TemporaryDirectory(prefix="triage-pyfunc-") as tmp:
        uri = model_uri or str(save_pyfunc(bundle_dir, Path(tmp) / "model"))
        score = pyfunc_spark_udf(spark, uri, result_type=SCORE_TYPE)
        cases = spark.read.parquet(str(input_path)).select(col("case").cast("string"))
        checked = cases.mapInPandas(check_partition, schema="case string, error string").cache()
        scored = checked.where(col("error").isNull()).select(
            "case", score(struct(col("case"))).alias("score")
        )

        def decide_partition(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            for batch in batches:
                yield decide_batch(batch, context)

        decisions = scored.mapInPandas(decide_partition, schema=OUTPUT_SCHEMA)
        invalid = checked.where(col("error").isNotNull()).select(
            *[
                col("error") if name == "error" else lit(None).cast(kind).alias(name)
                for name, kind in (f.split() for f in OUTPUT_SCHEMA.split(", "))
            ]
        )
        decisions.unionByName(invalid).write.mode("overwrite").parquet(str(output_path))
        checked.unpersist()
    return int(spark.read.parquet(str(output_path)).count())


def score_file(
    input_path: Path,
    output_path: Path,
    *,
    policy: Policy,
    bundle_dir: Path,
    master: str = "local[2]",
    model_uri: str | None = None,
) -> int:
    """The `triage score --engine spark` entry point: own session, scored, session stopped."""
    spark = spark_session(master)
    try:
        return score_parquet(
            spark=spark,
            input_path=input_path,
            output_path=output_path,
            bundle_dir=bundle_dir,
            policy=policy,
            model_uri=model_uri,
        )
    finally:
        spark.stop()
