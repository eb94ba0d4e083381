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
from triage.modeling.text_facts import TEXT_FACTS, SentenceSet
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


def simulated(n: int, seed: int, partition: str | None, label_noise: float = 0.0) -> list[Example]:
    from triage.simulate import generate

    return [
        _example(s.case, s.label)
        for s in generate(n, seed, partition=partition, label_noise=label_noise)
    ]


def simulated_folds(
    n: int, seed: int, partition: str, label_noise: float = 0.0
) -> tuple[list[Example], list[int]]:
    """Training cases in folds of disjoint wordings ("train_fit" -> "train_fit_<digit>"),
    each digit from its own seed; returns the cases and each case's out-of-fold group."""
    from triage.simulate.phrases import FIT_DIGITS, fit_fold

    if partition != "train_fit":
        return simulated(n, seed, partition, label_noise), []
    examples: list[Example] = []
    folds: list[int] = []
    for i, digit in enumerate(FIT_DIGITS):
        size = n // len(FIT_DIGITS) + (1 if i < n % len(FIT_DIGITS) else 0)
        part = simulated(size, seed + 100 + digit, f"train_fit_{digit}", label_noise)
        examples += part
        folds += [fit_fold(digit)] * len(part)
    return examples, folds


# Which text facts a single phrase-bank sentence of each family expresses; every other
# note family (negations, change orders, filler, distractors) expresses none.
FAMILY_FACTS: dict[str, tuple[str, ...]] = {
    "work_repair": ("work_described",),
    "work_pm": ("work_described",),
    "work_inspection": ("work_described",),
    "work_install": ("work_described",),
    "no_fault": ("work_described",),
    "defect": ("work_described", "component_failure"),
    "wear": ("work_described", "component_failure"),
    "customer_damage": ("work_described", "customer_caused"),
    "misuse": ("work_described", "customer_caused"),
    "extra_work": ("work_described", "extra_work"),
    "rework": ("work_described", "rework"),
    "goodwill": ("goodwill",),
}
_TERSE_JOINS = (", ", " / ", " + ", " & ", " ")


def sentence_texts(
    partition: str,
    seed: int,
    renderings: int = 8,
    pairs: int = 4000,
    augmented: int = 11200,
    paraphrased: int = 0,
) -> tuple[list[str], list[set[str]], list[int]]:
    """Single phrase-bank sentences of a (sub-)partition in technicians' styles, pairs run
    together without a full stop (a terse note the splitter cannot cut), compositional
    sentences (`training.augment`) and free paraphrases (`training.paraphrases`); with the
    facts each expresses and its out-of-fold group (-1: in every fold's training data, as
    no simulated note contains it)."""
    import random

    from training.augment import compositional_sentences
    from training.paraphrases import paraphrased_sentences
    from triage.simulate import catalog as cat
    from triage.simulate.phrases import choose_style, fit_fold, partition_bank, write_sentence

    rng = random.Random(f"sentences:{seed}")
    wordings = [
        w
        for family, ws in partition_bank(partition).items()
        if not family.startswith("dispute_")
        for w in ws
    ]

    def render(w: Any) -> str:
        asset = rng.choice(cat.ASSET_TYPES)
        slots = {
            "part": rng.choice(asset.parts).description.lower(),
            "comp": rng.choice(asset.components),
            "asset": rng.choice(asset.models),
            "who": rng.choice(cat.CONTACTS),
            "co": f"CO-{rng.randint(100, 99999)}",
        }
        return write_sentence(rng, w.text.format(**slots), w.lang, choose_style(rng))

    texts: list[str] = []
    facts: list[set[str]] = []
    folds: list[int] = []
    for w in wordings:
        for _ in range(renderings):
            texts.append(render(w))
            facts.append(set(FAMILY_FACTS.get(w.family, ())))
            folds.append(fit_fold(w.index))
    by_fold: dict[int, list[Any]] = {}
    for w in wordings:
        by_fold.setdefault(fit_fold(w.index), []).append(w)
    groups = sorted(by_fold)
    for _ in range(pairs):
        group = rng.choice(groups)
        a, b = rng.sample(by_fold[group], 2)
        texts.append(render(a).rstrip(". ") + rng.choice(_TERSE_JOINS) + render(b))
        facts.append(set(FAMILY_FACTS.get(a.family, ())) | set(FAMILY_FACTS.get(b.family, ())))
        folds.append(group)
    generated = compositional_sentences(seed, augmented) + paraphrased_sentences(seed, paraphrased)
    for text, expressed in generated:
        texts.append(text)
        facts.append(expressed)
        folds.append(-1)
    return texts, facts, folds


def sentence_set(
    texts: list[str], facts: list[set[str]], folds: list[int], embedder: TextEmbedder
) -> SentenceSet:
    """The sentence head's training data (`sentence_texts`, normalised by `note_texts`),
    embedded."""
    return SentenceSet(
        texts=texts,
        embeddings=embedder.embed(texts),
        facts={f: np.asarray([f in s for s in facts], dtype=np.int64) for f in TEXT_FACTS},
        fold=np.asarray(folds, dtype=np.int64),
    )


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


def labelled(split: Split, embedder: TextEmbedder, folds: Sequence[int] = ()) -> Labelled:
    cases = [e.case for e in split.examples]
    return Labelled(
        features=build_features(cases, split.evidence, embedder),
        exception=encode_labels([e.exception for e in split.examples]),
        billable=np.asarray([e.billable for e in split.examples], dtype=np.int64),
        facts=fact_targets(split.examples),
        fold=np.asarray(folds, dtype=np.int64) if folds else None,
    )


def digest(examples: Sequence[Example]) -> str:
    """sha256 over the canonical JSON of every case and label: the training-data fingerprint."""
    h = hashlib.sha256()
    for e in examples:
        h.update(json.dumps(e.raw, sort_keys=True, default=str).encode())
        h.update(f"|{e.exception}|{e.billable}\n".encode())
    return h.hexdigest()
