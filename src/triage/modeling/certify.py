"""Learn-then-Test certification of the auto-continue threshold (issue 3 §3).

A case auto-continues when min(exception confidence, billable confidence) >= λ.
The null hypotheses "error among auto-continued at λ > target" are tested with
exact binomial tail p-values by fixed-sequence testing: down a fixed grid of λ,
strictest first, each at level delta, stopping at the first λ not rejected. The
family-wise error is at most delta, so the most lenient rejected λ has error <=
target with probability >= 1 - delta. The sequence starts at `start`, chosen on
data independent of the certificate's (`choose_start`): started at the strictest
λ, where few cases are that confident, the sequence would stop at once.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.stats import beta, binom

from triage.domain.certification import Certification

GRID: tuple[float, ...] = tuple(
    float(x)
    for x in np.concatenate(
        [
            1 - np.logspace(-4, -2, 11)[:-1],
            np.round(np.arange(0.99, 0.9, -0.0025), 4),
            np.round(np.arange(0.9, 0.495, -0.01), 3),
        ]
    )
)
METHOD = "learn-then-test (exact binomial tail p-values, fixed-sequence testing down a fixed grid)"


def automation_score(
    exception_probabilities: npt.NDArray[np.float64], billable_probability: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """min(top-label probability, max(P(billable), 1 - P(billable))) per case."""
    bill_conf = np.maximum(billable_probability, 1.0 - billable_probability)
    return np.asarray(np.minimum(exception_probabilities.max(axis=1), bill_conf), dtype=np.float64)


def clopper_pearson_upper(errors: int, n: int, delta: float) -> float:
    """One-sided exact upper confidence bound on an error rate."""
    if n == 0:
        return 1.0
    if errors >= n:
        return 1.0
    return float(beta.ppf(1.0 - delta, errors + 1, n - errors))


def choose_start(
    score: npt.NDArray[np.float64], min_fraction: float = 0.3, grid: tuple[float, ...] = GRID
) -> float:
    """The strictest grid λ that selects at least `min_fraction` of the cases: computed on
    data the certificate does not use, it fixes where the test sequence begins."""
    for lam in grid:
        if len(score) and float((score >= lam).mean()) >= min_fraction:
            return lam
    return grid[-1]


def certify(
    score: npt.NDArray[np.float64],
    error: npt.NDArray[np.bool_],
    *,
    target_error: float = 0.01,
    delta: float = 0.05,
    grid: tuple[float, ...] = GRID,
    start: float | None = None,
) -> Certification:
    """The most lenient threshold of the fixed sequence whose risk is certified <= target,
    or certified=false. The reported bound is the Clopper-Pearson bound at that threshold.
    Without `start` the sequence starts where these scores (never the errors) put it."""
    first = choose_start(score, grid=grid) if start is None else start
    chosen: float | None = None
    for lam in (g for g in grid if g <= first):
        selected = score >= lam
        n = int(selected.sum())
        k = int(error[selected].sum())
        if n == 0 or binom.cdf(k, n, target_error) > delta:
            break
        chosen = lam
    n_cal = len(score)
    if chosen is None:
        return Certification(
            certified=False,
            target_error=target_error,
            delta=delta,
            n_calibration=n_cal,
            method=METHOD,
        )
    selected = score >= chosen
    n, k = int(selected.sum()), int(error[selected].sum())
    return Certification(
        certified=True,
        threshold=chosen,
        target_error=target_error,
        delta=delta,
        error_upper_bound=clopper_pearson_upper(k, n, delta),
        empirical_error=k / n,
        automation_rate=n / n_cal,
        n_calibration=n_cal,
        method=METHOD,
    )


def automation_curve(
    score: npt.NDArray[np.float64], error: npt.NDArray[np.bool_], grid: tuple[float, ...] = GRID
) -> list[tuple[float, float, float]]:
    """(threshold, automation rate, error among auto-continued) for plots and notebooks."""
    rows = []
    for lam in grid:
        sel = score >= lam
        n = int(sel.sum())
        rows.append((lam, n / max(len(score), 1), float(error[sel].mean()) if n else 0.0))
    return rows
