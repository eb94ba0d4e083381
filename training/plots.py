"""PNG artifacts of a training run: confusion matrix, reliability diagram, automation curve."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from triage.domain.vocab import EXCEPTION_LABELS
from triage.modeling.calibration import reliability_table


def confusion(y_true: Sequence[str], y_pred: Sequence[str], path: Path) -> None:
    labels = list(EXCEPTION_LABELS)
    m = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        m[labels.index(t), labels.index(p)] += 1
    fig, ax = plt.subplots(figsize=(8, 7))
    ax.imshow(np.log1p(m), cmap="Blues")
    for i in range(len(labels)):
        for j in range(len(labels)):
            if m[i, j]:
                ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def reliability(probabilities: np.ndarray, y: np.ndarray, path: Path) -> None:
    rows = reliability_table(probabilities, y, bins=10)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], "k--", lw=1)
    ax.plot([r[0] for r in rows], [r[1] for r in rows], "o-")
    ax.set_xlabel("top-label confidence")
    ax.set_ylabel("accuracy")
    ax.set_title("reliability (test, unseen wordings)")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def automation(
    curve: Sequence[tuple[float, float, float]], threshold: float | None, target: float, path: Path
) -> None:
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([c[1] for c in curve], [c[2] for c in curve], "-")
    ax.axhline(target, color="r", ls="--", lw=1, label=f"target {target:.0%}")
    if threshold is not None:
        point = min(curve, key=lambda c: abs(c[0] - threshold))
        ax.plot([point[1]], [point[2]], "ro", label=f"certified λ={threshold:.4f}")
    ax.set_xlabel("automation rate")
    ax.set_ylabel("error among auto-continued")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
