"""The trained model as a bundle of text files, and the predictor that serves it.

Layout of a bundle directory (diffable, no pickles):
  exception.lgb.txt, billable.lgb.txt   LightGBM model text
  text_facts.json                       fact heads on note and sentence embeddings
  calibration.json                      temperature (exception), Platt (billable)
  conformal.json                        class-conditional calibration scores
  certification.json                    the Learn-then-Test certificate
  metadata.json                         feature names, versions, data digest, metrics
  encoder_adapter.json                  optional: the sentence encoder's low-rank update
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from triage.domain.case import Case
from triage.domain.certification import Certification
from triage.domain.vocab import EXCEPTION_LABELS
from triage.errors import ModelError
from triage.features.adapter import FILE as ADAPTER_FILE
from triage.features.adapter import EncoderAdapter, read_adapter
from triage.features.build import STRUCTURED_NAMES, CaseFeatures, build_features
from triage.features.embedding import TextEmbedder, get_embedder
from triage.features.text import prototype_scorers
from triage.modeling.calibration import PlattScaling, TemperatureScaling
from triage.modeling.conformal import ClassConditionalConformal
from triage.modeling.domain_rules import rule_names, rule_probabilities
from triage.modeling.explain import Explainer, class_boosters
from triage.modeling.predictor import ModelOutput
from triage.modeling.text_facts import FactHeads
from triage.reconcile.evidence import Evidence

Array = npt.NDArray[np.float64]
FILES = (
    "exception.lgb.txt",
    "billable.lgb.txt",
    "text_facts.json",
    "calibration.json",
    "conformal.json",
    "certification.json",
    "metadata.json",
)


def feature_names(cf: CaseFeatures, facts: Sequence[str]) -> list[str]:
    return [
        *STRUCTURED_NAMES,
        *cf.note_similarity_names,
        *cf.sentence_similarity_names,
        *cf.dispute_similarity_names,
        *(f"fact_{f}" for f in facts),
        *rule_names(facts),
    ]


def assemble(
    cf: CaseFeatures, fact_probabilities: Array, facts: Sequence[str]
) -> npt.NDArray[np.float32]:
    """The boosters' input: structured block, prototype similarities, fact probabilities,
    and DOMAIN's note-dependent rules as each fact head reads the notes."""
    return np.hstack(
        [
            cf.structured,
            cf.note_similarity,
            cf.sentence_similarity,
            cf.dispute_similarity,
            fact_probabilities,
            rule_probabilities(cf.structured, fact_probabilities, facts),
        ]
    ).astype(np.float32)


@dataclass
class TriageModel:
    """Boosters, fact heads, calibration maps, conformal scores and the certificate."""

    exception_booster: Any  # lightgbm.Booster
    billable_booster: Any  # lightgbm.Booster
    facts: FactHeads
    temperature: TemperatureScaling
    platt: PlattScaling
    conformal: ClassConditionalConformal
    certification: Certification
    metadata: dict[str, Any] = field(default_factory=dict)
    # the encoder the features were computed with: None is the package's weights as shipped
    adapter: EncoderAdapter | None = None
    # the exception booster's model text as loaded, for `class_boosters`; None when fitted
    exception_text: str | None = field(default=None, repr=False)

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "unversioned"))

    @property
    def feature_names(self) -> list[str]:
        return list(self.metadata["feature_names"])

    def matrix(self, cf: CaseFeatures) -> npt.NDArray[np.float32]:
        return assemble(cf, self.facts.predict(cf), self.facts.outputs)

    def exception_logits(self, x: npt.NDArray[np.float32]) -> Array:
        return np.asarray(
            self.exception_booster.predict(x, raw_score=True, num_threads=1), dtype=np.float64
        ).reshape(len(x), len(EXCEPTION_LABELS))

    def billable_margin(self, x: npt.NDArray[np.float32]) -> Array:
        return np.asarray(
            self.billable_booster.predict(x, raw_score=True, num_threads=1), dtype=np.float64
        ).reshape(len(x))

    def probabilities(self, x: npt.NDArray[np.float32]) -> tuple[Array, Array]:
        """Calibrated (exception probabilities, P(billable))."""
        return (
            self.temperature.transform(self.exception_logits(x)),
            self.platt.transform(self.billable_margin(x)),
        )

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "exception.lgb.txt").write_text(self.exception_booster.model_to_string())
        (directory / "billable.lgb.txt").write_text(self.billable_booster.model_to_string())
        _dump(directory / "text_facts.json", self.facts.to_json())
        _dump(
            directory / "calibration.json",
            {
                "exception": {"method": "temperature", "temperature": self.temperature.temperature},
                "billable": {"method": "platt", "a": self.platt.a, "b": self.platt.b},
            },
        )
        _dump(
            directory / "conformal.json",
            {"labels": list(EXCEPTION_LABELS), "scores": self.conformal.to_json()},
        )
        _dump(directory / "certification.json", self.certification.model_dump(mode="json"))
        _dump(directory / "metadata.json", self.metadata)
        (directory / ADAPTER_FILE).unlink(missing_ok=True)
        if self.adapter:
            self.adapter.save(directory)

    @classmethod
    def load(cls, directory: Path) -> TriageModel:
        import lightgbm as lgb

        missing = [f for f in FILES if not (directory / f).is_file()]
        if missing:
            raise ModelError(
                f"model bundle {directory} is incomplete: missing {', '.join(missing)}"
            )
        try:
            calibration = _read(directory / "calibration.json")
            conformal = _read(directory / "conformal.json")
            exception_text = (directory / "exception.lgb.txt").read_text()
            return cls(
                exception_booster=lgb.Booster(model_str=exception_text),
                billable_booster=lgb.Booster(
                    model_str=(directory / "billable.lgb.txt").read_text()
                ),
                facts=FactHeads.from_json(_read(directory / "text_facts.json")),
                temperature=TemperatureScaling(float(calibration["exception"]["temperature"])),
                platt=PlattScaling(
                    float(calibration["billable"]["a"]), float(calibration["billable"]["b"])
                ),
                conformal=ClassConditionalConformal.from_json(
                    conformal["scores"], EXCEPTION_LABELS
                ),
                certification=Certification.model_validate(_read(directory / "certification.json")),
                metadata=_read(directory / "metadata.json"),
                adapter=read_adapter(directory),
                exception_text=exception_text,
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ModelError(f"model bundle {directory} is unreadable: {exc}") from exc


# LightGBM's optional scikit-learn, pandas (and so pyarrow) integrations: a Booster on numpy
# arrays needs none of them, and importing them costs a service worker ~0.45 s and ~80 MB
LIGHTGBM_EXTRAS = ("sklearn", "pandas", "pyarrow", "dask", "matplotlib", "graphviz")


def import_lightgbm_without_extras() -> None:
    """Import LightGBM with `LIGHTGBM_EXTRAS` hidden, for a process that only predicts with
    Boosters (a service worker: its estimator and DataFrame APIs then stay unusable).
    Call it before other threads start: those modules read as missing while it runs."""
    if "lightgbm" in sys.modules:
        return
    hidden = [name for name in LIGHTGBM_EXTRAS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` -> ImportError
    try:
        import lightgbm  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


def _read(path: Path) -> Any:
    return json.loads(path.read_text())


class BundlePredictor:
    """The `Predictor` of the shipped bundle: embed, assemble, score, calibrate, explain."""

    def __init__(self, model: TriageModel, embedder: TextEmbedder, *, explain_top: int = 3) -> None:
        self.model = model
        self.embedder = embedder
        self.explain_top = explain_top
        self._explainer = Explainer(model.feature_names)
        self._class_boosters = class_boosters(model.exception_booster, model.exception_text)
        self._shap_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shap")
        # the predictor schedules its own threads (embedding, SHAP); numpy's BLAS would add
        # a worker per core that spins between the heads' small products, measured at ~30 %
        # of a core under load in `triage serve`, taken from the event loop and the writer
        threadpool_limits(1, user_api="blas")

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def certification(self) -> Certification | None:
        return self.model.certification

    def warm_up(self) -> None:
        """Embed the fact prototypes and run the encoder once, so the first request after
        a start or a swap does not pay for them."""
        prototype_scorers(self.embedder)
        self.embedder.embed(["warm-up"])

    def features(
        self, cases: Sequence[Case], evidence: Sequence[Evidence]
    ) -> npt.NDArray[np.float32]:
        return self.model.matrix(build_features(cases, evidence, self.embedder))

    def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        return self.finish(self.prepare(cases, evidence), evidence)

    def prepare(
        self, cases: Sequence[Case], evidence: Sequence[Evidence]
    ) -> npt.NDArray[np.float32] | None:
        return self.features(cases, evidence) if cases else None

    def finish(
        self, prepared: npt.NDArray[np.float32] | None, evidence: Sequence[Evidence]
    ) -> list[ModelOutput]:
        return [] if prepared is None else self.predict_matrix(prepared, evidence)

    def predict_matrix(
        self, x: npt.NDArray[np.float32], evidence: Sequence[Evidence]
    ) -> list[ModelOutput]:
        m = self.model
        probs, bill = m.probabilities(x)
        pvals = m.conformal.p_values(probs)
        top = probs.argmax(axis=1)
        # the two SHAP passes run side by side (LightGBM releases the GIL): the second core
        # is otherwise idle once the texts are embedded
        billable = self._shap_pool.submit(
            m.billable_booster.predict, x, pred_contrib=True, num_threads=1
        )
        exc_totals = self._explainer.totals(self._predicted_class_contributions(x, top))
        sign = np.where(bill >= 0.5, 1.0, -1.0)
        bill_contrib = np.asarray(billable.result()).reshape(len(x), -1)
        bill_totals = self._explainer.totals(sign[:, None] * bill_contrib)
        prob_rows, pval_rows = probs.tolist(), pvals.tolist()
        outputs: list[ModelOutput] = []
        for i, ev in enumerate(evidence):
            k = int(top[i])
            reasons = self._explainer.reasons(
                exc_totals[i],
                x[i],
                ev,
                target=f"exception.{EXCEPTION_LABELS[k]}",
                top=self.explain_top,
            )
            reasons += self._explainer.reasons(
                bill_totals[i],
                x[i],
                ev,
                target="billable" if sign[i] > 0 else "not_billable",
                top=2,
            )
            outputs.append(
                ModelOutput(
                    probabilities=dict(zip(EXCEPTION_LABELS, prob_rows[i], strict=True)),
                    p_values=dict(zip(EXCEPTION_LABELS, pval_rows[i], strict=True)),
                    billable_probability=float(bill[i]),
                    explanations=reasons,
                )
            )
        return outputs

    def _predicted_class_contributions(
        self, x: npt.NDArray[np.float32], predicted: npt.NDArray[np.int64]
    ) -> Array:
        """SHAP contributions towards each case's predicted class only, one sub-booster call
        per class present in the batch (exactly the full booster's class slice)."""
        out = np.zeros((len(x), len(self._explainer.names) + 1), dtype=np.float64)
        for k in np.unique(predicted):
            rows = np.flatnonzero(predicted == k)
            out[rows] = np.asarray(
                self._class_boosters[int(k)].predict(x[rows], pred_contrib=True, num_threads=1)
            ).reshape(len(rows), -1)
        return out


def load_predictor(directory: Path, backend: str | None = None) -> BundlePredictor:
    """Load a bundle directory (no MLflow needed); backend "onnx" (default) or "torch"."""
    from triage.config import get_settings

    model = TriageModel.load(directory)
    embedder = get_embedder(backend or get_settings().embedding_backend, model.adapter)
    return BundlePredictor(model, embedder)
