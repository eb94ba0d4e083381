"""`generate()`: simulated cases with labels derived by the DOMAIN.md rules from the rendered case.

The scenario aims at a label; the label is then computed from the rendered
case with `reconcile` plus the text facts the notes truly express, so every
label is exactly what the rules say. A case whose computed label is not one
its workflow produces (DOMAIN.md §1) is redrawn.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from triage.domain.parse import parse_case
from triage.domain.vocab import EXCEPTION_LABELS
from triage.reconcile import TextFacts, billable, exception_label, reconcile
from triage.simulate.phrases import check_partition
from triage.simulate.scenario import (
    WORKFLOW_LABELS,
    WORKFLOW_WEIGHTS,
    Draft,
    build_case,
)

DEFAULT_MIX: dict[str, float] = dict.fromkeys(EXCEPTION_LABELS, 1.0)
_ATTEMPTS = 6
_TEXT_FIELDS = tuple(f.name for f in fields(TextFacts))


@dataclass(frozen=True, slots=True)
class SimulatedCase:
    case: dict[str, Any]
    label: dict[str, Any]


def _normalise_mix(mix: Mapping[str, float] | None) -> tuple[list[str], list[float]]:
    mix = DEFAULT_MIX if mix is None else mix
    unknown = set(mix) - set(EXCEPTION_LABELS)
    if unknown:
        raise ValueError(f"unknown labels in mix: {sorted(unknown)}")
    labels = [lab for lab in EXCEPTION_LABELS if mix.get(lab, 0.0) > 0]
    if not labels or any(w < 0 for w in mix.values()):
        raise ValueError("mix needs at least one label with a positive weight and no negatives")
    return labels, [float(mix[lab]) for lab in labels]


def derive_labels(case: Mapping[str, Any], facts: TextFacts) -> tuple[str, bool]:
    """The DOMAIN.md §3 labels of a case, given what its notes say."""
    evidence = reconcile(parse_case(dict(case)))
    return exception_label(evidence, facts).value, billable(evidence, facts)


def _workflow_for(rng: random.Random, target: str) -> str:
    options = [w for w in WORKFLOW_WEIGHTS if target in WORKFLOW_LABELS[w]]
    return rng.choices(options, [WORKFLOW_WEIGHTS[w] for w in options])[0]


def _one(
    seed: int, index: int, labels: list[str], weights: list[float], partition: str | None
) -> SimulatedCase:
    rng = random.Random(seed * 1_000_003 + index)
    target = rng.choices(labels, weights)[0]
    workflow = _workflow_for(rng, target)
    best: tuple[dict[str, Any], Draft, TextFacts, str, bool] | None = None
    for attempt in range(1, _ATTEMPTS + 1):
        draft = Draft(rng, index, seed, target, workflow, partition)
        case, facts = build_case(draft)
        draft.facts["attempts"] = attempt
        exception, bill = derive_labels(case, facts)
        if exception == target or (best is None and exception in WORKFLOW_LABELS[workflow]):
            best = (case, draft, facts, exception, bill)
            if exception == target:
                break
    if best is None:  # pragma: no cover - every workflow admits "none", reached within attempts
        raise RuntimeError(f"could not simulate case {index} for seed {seed}")
    case, draft, facts, exception, bill = best
    label_facts: dict[str, Any] = {
        **{name: getattr(facts, name) for name in _TEXT_FIELDS},
        **draft.facts,
        "workflow": workflow,
        "target": target,
        "partition": partition,
        "phrase_ids": draft.phrase_ids,
        "hard": draft.hard,
        "positives": sorted(draft.positives),
        "noise": False,
    }
    return SimulatedCase(
        case=case,
        label={
            "case_id": case["case_id"],
            "exception": exception,
            "billable": bill,
            "facts": label_facts,
        },
    )


def _add_noise(sim: SimulatedCase, rng: random.Random, label_noise: float) -> SimulatedCase:
    """Reviewer inconsistency: flip the exception to another label or flip billable."""
    if rng.random() >= label_noise:
        return sim
    label = dict(sim.label)
    facts = dict(label["facts"])
    facts.update(noise=True, clean_exception=label["exception"], clean_billable=label["billable"])
    if rng.random() < 0.7:
        others = [lab for lab in EXCEPTION_LABELS if lab != label["exception"]]
        label["exception"] = rng.choice(others)
    else:
        label["billable"] = not label["billable"]
    label["facts"] = facts
    return SimulatedCase(case=sim.case, label=label)


def generate(
    n: int,
    seed: int,
    *,
    mix: dict[str, float] | None = None,
    partition: str | None = None,
    label_noise: float = 0.0,
) -> Iterator[SimulatedCase]:
    """Yield `n` simulated cases, deterministic for `seed` (case i does not depend on n)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if not 0.0 <= label_noise <= 1.0:
        raise ValueError("label_noise must be within [0, 1]")
    check_partition(partition)
    labels, weights = _normalise_mix(mix)
    noise_rng = random.Random(f"noise:{seed}")
    for index in range(n):
        sim = _one(seed, index, labels, weights, partition)
        yield _add_noise(sim, noise_rng, label_noise) if label_noise > 0 else sim
