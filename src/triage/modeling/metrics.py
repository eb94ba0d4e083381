"""Evaluation figures shared by `triage evaluate`, training and the benchmarks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from triage.domain.vocab import EXCEPTION_LABELS
from triage.modeling.calibration import top_label_ece


def f1_scores(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, float]:
    """Per-class F1 over the labels present in truth or prediction."""
    from sklearn.metrics import f1_score

    labels = [lab for lab in EXCEPTION_LABELS if lab in set(y_true) | set(y_pred)]
    scores = f1_score(list(y_true), list(y_pred), labels=labels, average=None, zero_division=0)
    return {lab: float(s) for lab, s in zip(labels, scores, strict=True)}


def macro_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    scores = f1_scores(y_true, y_pred)
    present = [scores[lab] for lab in scores if lab in set(y_true)]
    return float(np.mean(present)) if present else 0.0


def roc_auc(y_true: Sequence[bool], probability: Sequence[float]) -> float | None:
    from sklearn.metrics import roc_auc_score

    if len(set(y_true)) < 2:
        return None
    return float(roc_auc_score(list(y_true), list(probability)))


def evaluate_outputs(
    *,
    exception_true: Sequence[str],
    billable_true: Sequence[bool],
    probabilities: npt.NDArray[np.float64],
    billable_probability: npt.NDArray[np.float64],
    prediction_sets: npt.NDArray[np.bool_] | None,
    auto_continued: Sequence[bool],
    alpha: float,
    workflows: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Macro/per-class F1, billable AUC, top-label ECE, automation and its error,
    conformal coverage and set size, and the same per workflow."""
    y_idx = np.asarray([EXCEPTION_LABELS.index(lab) for lab in exception_true])
    pred = [EXCEPTION_LABELS[i] for i in probabilities.argmax(axis=1)]
    bill_pred = billable_probability >= 0.5
    bill_true = np.asarray(billable_true, dtype=bool)
    auto = np.asarray(auto_continued, dtype=bool)
    wrong = (np.asarray(pred) != np.asarray(exception_true)) | (bill_pred != bill_true)
    report: dict[str, Any] = {
        "n": len(y_idx),
        "macro_f1": macro_f1(exception_true, pred),
        "accuracy": float(np.mean(np.asarray(pred) == np.asarray(exception_true))),
        "per_class_f1": f1_scores(exception_true, pred),
        "billable_accuracy": float(np.mean(bill_pred == bill_true)),
        "billable_roc_auc": roc_auc(list(bill_true), list(billable_probability)),
        "top_label_ece": top_label_ece(probabilities, y_idx),
        "automation_rate": float(auto.mean()) if len(auto) else 0.0,
        "error_among_auto": float(wrong[auto].mean()) if auto.any() else 0.0,
        "error_overall": float(wrong.mean()),
    }
    if prediction_sets is not None:
        sets = prediction_sets
        report["conformal_alpha"] = alpha
        report["conformal_coverage"] = float(sets[np.arange(len(y_idx)), y_idx].mean())
        report["conformal_mean_set_size"] = float(sets.sum(axis=1).mean())
    if workflows is not None:
        slices: dict[str, Any] = {}
        wf = np.asarray(workflows)
        for name in sorted(set(workflows)):
            m = wf == name
            truth = list(np.asarray(exception_true)[m])
            slices[name] = {
                "n": int(m.sum()),
                "macro_f1": macro_f1(truth, list(np.asarray(pred)[m])),
                "billable_accuracy": float(np.mean(bill_pred[m] == bill_true[m])),
                "automation_rate": float(auto[m].mean()),
                "error_among_auto": float(wrong[m & auto].mean()) if (m & auto).any() else 0.0,
            }
        report["per_workflow"] = slices
    return report
