"""Fitting a `TriageModel`: boosters once on the training split, everything else frozen on top.

Order: fact heads (out-of-fold for the boosters' rows) -> boosters with early
stopping on a slice of the training split -> calibration maps on the first part
of the calibration split -> conformal scores and the certificate on the second
part, so each statistical guarantee is computed on data its inputs never saw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from triage.domain.vocab import EXCEPTION_LABELS
from triage.features.build import CaseFeatures
from triage.modeling.bundle import TriageModel, assemble, feature_names
from triage.modeling.calibration import PlattScaling, TemperatureScaling
from triage.modeling.certify import automation_score, certify, choose_start
from triage.modeling.conformal import ClassConditionalConformal
from triage.modeling.text_facts import FactHeads, SentenceSet

LABEL_INDEX = {label: i for i, label in enumerate(EXCEPTION_LABELS)}

DEFAULT_PARAMS: dict[str, Any] = {
    "learning_rate": 0.08,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.9,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "deterministic": True,
    "force_row_wise": True,
    "verbosity": -1,
}


@dataclass(frozen=True, slots=True)
class Labelled:
    """Features of a split with its targets (exception index, billable, text facts) and,
    for training rows, the wording fold each case was written from."""

    features: CaseFeatures
    exception: npt.NDArray[np.int64]
    billable: npt.NDArray[np.int64]
    facts: Mapping[str, npt.NDArray[np.int64]]
    fold: npt.NDArray[np.int64] | None = None

    def take(self, idx: npt.NDArray[np.int64]) -> Labelled:
        cf = self.features
        new_row = np.full(len(cf.structured), -1, dtype=np.int64)
        new_row[idx] = np.arange(len(idx))
        kept = new_row[cf.sentence_owner] >= 0
        return Labelled(
            features=CaseFeatures(
                structured=cf.structured[idx],
                note_embeddings=cf.note_embeddings[idx],
                dispute_embeddings=cf.dispute_embeddings[idx],
                note_similarity=cf.note_similarity[idx],
                sentence_similarity=cf.sentence_similarity[idx],
                dispute_similarity=cf.dispute_similarity[idx],
                note_similarity_names=cf.note_similarity_names,
                sentence_similarity_names=cf.sentence_similarity_names,
                dispute_similarity_names=cf.dispute_similarity_names,
                sentence_embeddings=cf.sentence_embeddings[kept],
                sentence_owner=new_row[cf.sentence_owner[kept]],
                sentence_texts=[t for t, k in zip(cf.sentence_texts, kept, strict=True) if k],
            ),
            exception=self.exception[idx],
            billable=self.billable[idx],
            facts={k: v[idx] for k, v in self.facts.items()},
            fold=None if self.fold is None else self.fold[idx],
        )


def encode_labels(labels: Sequence[str]) -> npt.NDArray[np.int64]:
    return np.asarray([LABEL_INDEX[label] for label in labels], dtype=np.int64)


def case_errors(
    probabilities: npt.NDArray[np.float64],
    billable_probability: npt.NDArray[np.float64],
    exception: npt.NDArray[np.int64],
    billable: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """A decision is wrong when the exception or the billable call is wrong."""
    wrong_exc = probabilities.argmax(axis=1) != exception
    wrong_bill = (billable_probability >= 0.5).astype(np.int64) != billable
    return np.asarray(wrong_exc | wrong_bill)


def fit_model(
    train: Labelled,
    calibration: Labelled,
    sentences: SentenceSet,
    *,
    params: Mapping[str, Any] | None = None,
    rounds: int = 400,
    target_error: float = 0.01,
    delta: float = 0.05,
    seed: int = 0,
    metadata: Mapping[str, Any] | None = None,
) -> TriageModel:
    import lightgbm as lgb

    fold = train.fold
    if fold is None:
        fold = np.random.default_rng(seed).choice(np.unique(sentences.fold), len(train.exception))
    heads, oof = FactHeads.out_of_fold(
        train.features, train.facts, fold.astype(np.int64), sentences, seed=seed
    )
    x = assemble(train.features, oof, heads.outputs)
    names = feature_names(train.features, heads.outputs)
    rng = np.random.default_rng(seed)
    valid = rng.random(len(x)) < 0.1
    base = {**DEFAULT_PARAMS, **(params or {}), "seed": seed}

    def boost(objective: dict[str, Any], y: npt.NDArray[np.int64]) -> Any:
        dtrain = lgb.Dataset(x[~valid], y[~valid], feature_name=names, free_raw_data=False)
        dvalid = lgb.Dataset(x[valid], y[valid], reference=dtrain)
        return lgb.train(
            {**base, **objective},
            dtrain,
            num_boost_round=rounds,
            valid_sets=[dvalid],
            callbacks=[lgb.early_stopping(30, verbose=False)],
        )

    exc = boost(
        {"objective": "multiclass", "num_class": len(EXCEPTION_LABELS), "metric": "multi_logloss"},
        train.exception,
    )
    bill = boost({"objective": "binary", "metric": "binary_logloss"}, train.billable)

    model = TriageModel(
        exception_booster=exc,
        billable_booster=bill,
        facts=heads,
        temperature=TemperatureScaling(),
        platt=PlattScaling(),
        conformal=ClassConditionalConformal(labels=EXCEPTION_LABELS, scores={}),
        certification=certify(np.zeros(0), np.zeros(0, dtype=bool)),
        metadata={**(metadata or {}), "feature_names": names},
    )
    xc = model.matrix(calibration.features)
    half = np.random.default_rng(seed + 1).random(len(xc)) < 0.4
    model.temperature = TemperatureScaling.fit(
        model.exception_logits(xc[half]), calibration.exception[half]
    )
    model.platt = PlattScaling.fit(model.billable_margin(xc[half]), calibration.billable[half])
    probs, pbill = model.probabilities(xc[~half])
    model.conformal = ClassConditionalConformal.fit(
        probs, calibration.exception[~half], EXCEPTION_LABELS
    )
    errors = case_errors(probs, pbill, calibration.exception[~half], calibration.billable[~half])
    model.certification = certify(
        automation_score(probs, pbill),
        errors,
        target_error=target_error,
        delta=delta,
        start=choose_start(automation_score(*model.probabilities(xc[half]))),
    )
    model.metadata.update(
        {
            "n_train": len(x),
            "n_calibration_map": int(half.sum()),
            "n_calibration_conformal": int((~half).sum()),
            "exception_rounds": int(exc.best_iteration or exc.current_iteration()),
            "billable_rounds": int(bill.best_iteration or bill.current_iteration()),
            "temperature": model.temperature.temperature,
        }
    )
    return model
