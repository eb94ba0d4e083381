"""Training data: simulated or reviewed cases, split by case with no leakage."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from triage.domain.case import Case
from triage.domain.parse import parse_case
from triage.features.build import build_features
from triage.features.embedding import TextEmbedder
from triage.modeling.fit import Labelled, encode_labels
from triage.modeling.text_facts import TEXT_FACTS
from triage.reconcile import Evidence, reconcile


@dataclass(frozen=True, slots=True)
class Example:
    case: Case
    raw: dict[str, Any]
    exception: str
    billable: bool
    facts: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Split:
    name: str
    examples: list[Example]
    evidence: list[Evidence]

    @property
    def case_ids(self) -> list[str]:
        return [e.case.case_id for e in self.examples]


def _example(raw_case: dict[str, Any], label: dict[str, Any]) -> Example:
    return Example(
        case=parse_case(raw_case),
        raw=raw_case,
        exception=str(label["exception"]),
        billable=bool(label["billable"]),
        facts=dict(label.get("facts") or {}),
    )


# The simulator's "train" wordings are split once more so that calibration, conformal
# scores and the certificate are computed on wordings the fitted model never read:
# the guarantees then hold under the same wording shift the test partition measures.
SUB_PARTITIONS = {"train_fit": (0, 1, 3, 6, 7), "train_calib": (4, 9)}


def register_sub_partitions() -> None:
    """Add "train_fit" / "train_calib" (disjoint halves of "train", by wording index)."""
    from triage.simulate import phrases

    for name, digits in SUB_PARTITIONS.items():
        if name in phrases._POOLS:
            continue
        bank = {
            family: tuple(w for w in wordings if w.index % 10 in digits)
            for family, wordings in phrases.PHRASE_PARTITIONS["train"].items()
        }
        phrases._POOLS[name] = phrases._pools(bank)


def simulated(n: int, seed: int, partition: str | None, label_noise: float = 0.0) -> list[Example]:
    from triage.simulate import generate

    if partition in SUB_PARTITIONS:
        register_sub_partitions()
    return [
        _example(s.case, s.label)
        for s in generate(n, seed, partition=partition, label_noise=label_noise)
    ]


def _rows(path: Path) -> Iterable[dict[str, Any]]:
    if path.suffix == ".parquet":
        import pandas as pd

        for row in pd.read_parquet(path).to_dict(orient="records"):
            yield {
                k: json.loads(v) if isinstance(v, str) and k in ("case", "facts") else v
                for k, v in row.items()
            }
        return
    with path.open() as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def reviewed(path: Path) -> list[Example]:
    """Rows `{"case": {...}, "exception": ..., "billable": ..., "facts": {...}?}`, or a
    `triage simulate` directory (cases.jsonl + labels.jsonl joined on case_id)."""
    if path.is_dir():
        labels = {r["case_id"]: r for r in _rows(path / "labels.jsonl")}
        return [_example(c, labels[c["case_id"]]) for c in _rows(path / "cases.jsonl")]
    return [_example(r["case"], r) for r in _rows(path)]


def split_by_case(examples: Sequence[Example], fractions: Sequence[float]) -> list[list[Example]]:
    """Deterministic split on a hash of case_id: a case (and its duplicates) lands in one split."""
    edges = np.cumsum(fractions) / np.sum(fractions)
    out: list[list[Example]] = [[] for _ in fractions]
    for ex in examples:
        h = int(hashlib.sha256(ex.case.case_id.encode()).hexdigest()[:8], 16) / 16**8
        out[int(np.searchsorted(edges, h, side="right").clip(0, len(fractions) - 1))].append(ex)
    return out


def make_split(name: str, examples: list[Example]) -> Split:
    return Split(name, examples, [reconcile(e.case) for e in examples])


def fact_targets(examples: Sequence[Example]) -> dict[str, np.ndarray]:
    """Text-fact targets from the simulator's latent facts (missing facts are skipped)."""
    out: dict[str, np.ndarray] = {}
    for fact in TEXT_FACTS:
        values = [e.facts.get(fact) for e in examples]
        if all(isinstance(v, bool) for v in values):
            out[fact] = np.asarray(values, dtype=np.int64)
    return out


def labelled(split: Split, embedder: TextEmbedder) -> Labelled:
    cases = [e.case for e in split.examples]
    return Labelled(
        features=build_features(cases, split.evidence, embedder),
        exception=encode_labels([e.exception for e in split.examples]),
        billable=np.asarray([e.billable for e in split.examples], dtype=np.int64),
        facts=fact_targets(split.examples),
    )


def digest(examples: Sequence[Example]) -> str:
    """sha256 over the canonical JSON of every case and label: the training-data fingerprint."""
    h = hashlib.sha256()
    for e in examples:
        h.update(json.dumps(e.raw, sort_keys=True, default=str).encode())
        h.update(f"|{e.exception}|{e.billable}\n".encode())
    return h.hexdigest()
