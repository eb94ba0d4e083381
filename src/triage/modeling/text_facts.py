"""What the notes mean: small networks read sentence embeddings into text facts.

Two heads per fact set. The note head reads the whole note's embedding (and its
prototype similarities). The sentence head is trained on single phrase-bank
sentences and applied to every sentence of a note, max-pooled: a fact written in
one sentence is not diluted by the distractors around it, and a paraphrase of that
sentence lands near it in embedding space. A third head reads the same sentences
as hashed character n-grams: abbreviations, typos and German or French words that
the English embedding model splits into meaningless pieces still share n-grams
with the training sentences. Negations ("no sign of external damage") are negative
training sentences, not keyword rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.special import expit

from triage.features.build import CaseFeatures
from triage.features.embedding import Matrix
from triage.features.memo import TextMemo

TEXT_FACTS: tuple[str, ...] = (
    "work_described",
    "component_failure",
    "customer_caused",
    "extra_work",
    "rework",
    "goodwill",
)
HIDDEN = 96
SENTENCE_ALPHA = 0.1  # stronger L2 than the note head: few wordings, many renderings
Array = npt.NDArray[np.float64]
Targets = Mapping[str, npt.NDArray[np.int64]]


def note_inputs(cf: CaseFeatures) -> npt.NDArray[np.float32]:
    """The note head's input: note embedding and its prototype similarities."""
    return np.hstack([cf.note_embeddings, cf.note_similarity, cf.sentence_similarity]).astype(
        np.float32
    )


@dataclass(frozen=True, slots=True)
class Net:
    """One multi-label network: input -> ReLU hidden layer -> one sigmoid per fact. The
    hidden layer lets a negation flip a fact that a linear head would read as present."""

    w1: Array  # (dims, hidden)
    b1: Array  # (hidden,)
    w2: Array  # (hidden, facts)
    b2: Array  # (facts,)

    def predict(self, inputs: Matrix) -> Array:
        hidden = np.maximum(inputs.astype(np.float64) @ self.w1 + self.b1, 0.0)
        return np.asarray(expit(hidden @ self.w2 + self.b2))

    @classmethod
    def fit(cls, inputs: Matrix, y: npt.NDArray[np.int64], seed: int, alpha: float) -> Net:
        from sklearn.neural_network import MLPClassifier

        net = MLPClassifier(
            hidden_layer_sizes=(HIDDEN,),
            alpha=alpha,
            max_iter=200,
            early_stopping=True,
            n_iter_no_change=8,
            random_state=seed,
        )
        net.fit(inputs, y)
        return cls(w1=net.coefs_[0], b1=net.intercepts_[0], w2=net.coefs_[1], b2=net.intercepts_[1])

    def to_json(self) -> dict[str, object]:
        return {k: np.round(getattr(self, k), 5).tolist() for k in ("w1", "b1", "w2", "b2")}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], n_facts: int) -> Net:
        return cls(
            w1=np.asarray(data["w1"], dtype=np.float64),
            b1=np.asarray(data["b1"], dtype=np.float64),
            w2=np.asarray(data["w2"], dtype=np.float64).reshape(-1, n_facts),
            b2=np.asarray(data["b2"], dtype=np.float64),
        )


NGRAMS = (3, 5)
HASH_FEATURES = 2**18
CHAR_C = 1.0
HASH_CACHE_SIZE = 50_000  # n-gram -> column; a note's n-grams mostly repeat across cases
SENTENCE_CACHE_SIZE = 20_000  # sentence -> the head's fact probabilities
_MASK = 0xFFFFFFFF
_COLUMNS: dict[str, int] = {}


def _mix(k: int) -> int:
    k = (k * 0xCC9E2D51) & _MASK
    k = ((k << 15) | (k >> 17)) & _MASK
    return (k * 0x1B873593) & _MASK


def _murmur3_32(data: bytes) -> int:
    """Signed MurmurHash3 (x86, 32 bit, seed 0): the hash scikit-learn's HashingVectorizer
    uses, here so that the service need not import scikit-learn (1.3 s, ~60 MB)."""
    h = 0
    blocks = len(data) & ~3
    for i in range(0, blocks, 4):
        h ^= _mix(int.from_bytes(data[i : i + 4], "little"))
        h = ((h << 13) | (h >> 19)) & _MASK
        h = (h * 5 + 0xE6546B64) & _MASK
    if len(data) > blocks:
        h ^= _mix(int.from_bytes(data[blocks:], "little"))
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _MASK
    h ^= h >> 16
    return h - (1 << 32) if h & 0x80000000 else h


def _columns(grams: list[str]) -> npt.NDArray[np.int64]:
    """The hashed columns of n-grams, as FeatureHasher computes them (cached: a note's
    n-grams mostly repeat across cases, and hashing in Python is the slow part)."""
    columns = list(map(_COLUMNS.get, grams))
    if None in columns:
        if len(_COLUMNS) >= HASH_CACHE_SIZE:
            _COLUMNS.clear()
        for i, column in enumerate(columns):
            if column is None:
                h = _murmur3_32(grams[i].encode("utf-8"))
                # abs(-2**31) overflows in FeatureHasher's int32; it defines this instead
                columns[i] = _COLUMNS[grams[i]] = (
                    (2**31 - HASH_FEATURES) % HASH_FEATURES
                    if h == -(2**31)
                    else abs(h) % HASH_FEATURES
                )
    return np.asarray(columns, dtype=np.int64)


def _char_wb_ngrams(text: str) -> list[str]:
    """Lower-cased character n-grams inside space-padded words (analyzer="char_wb"); a word
    shorter than n gives itself once."""
    grams: list[str] = []
    low, high = NGRAMS
    for word in text.lower().split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:
                grams.append(padded)
                break
            grams += [padded[i : i + n] for i in range(size - n + 1)]
    return grams


def hashed_rows(
    texts: list[str],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Array]:
    """CSR parts (indptr, indices, data) of the texts' hashed character n-gram counts,
    L2-normalised per row, indices sorted: exactly `HashingVectorizer(analyzer="char_wb",
    ngram_range=NGRAMS, n_features=HASH_FEATURES, alternate_sign=False, norm="l2")`.
    Counts are small integers, so their sums of squares are exact and so are the values."""
    grams = [_char_wb_ngrams(text) for text in texts]
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), [len(g) for g in grams])
    columns = _columns([gram for row in grams for gram in row])
    keys, counts = np.unique(owner * HASH_FEATURES + columns, return_counts=True)
    rows = keys // HASH_FEATURES
    squares = np.bincount(rows, weights=counts * counts, minlength=len(texts))
    data = counts / np.sqrt(squares[rows])
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(texts)), out=indptr[1:])
    return indptr, keys % HASH_FEATURES, data


def _hashed(texts: list[str]) -> Any:
    """The hashed n-gram matrix (scipy CSR), for fitting."""
    from scipy.sparse import csr_matrix

    indptr, indices, data = hashed_rows(texts)
    return csr_matrix((data, indices, indptr), shape=(len(texts), HASH_FEATURES))


@dataclass(frozen=True, slots=True)
class CharHead:
    """One logistic model per fact on hashed character 3-5-grams of a sentence; only the
    hashed columns seen in training are stored (the others have weight 0), sorted, so a
    sentence's n-grams find their weights by binary search."""

    columns: npt.NDArray[np.int64]  # (k,) hashed n-gram columns with a weight, ascending
    weights: Array  # (k, facts)
    bias: Array  # (facts,)
    # hashing n-grams is Python work under the GIL; a repeated sentence is scored once
    memo: TextMemo[np.float64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        memo = TextMemo(len(self.bias), np.float64, SENTENCE_CACHE_SIZE)
        object.__setattr__(self, "memo", memo)

    @classmethod
    def build(cls, columns: npt.NDArray[np.int64], weights: Array, bias: Array) -> CharHead:
        order = np.argsort(columns, kind="stable")
        return cls(columns=columns[order], weights=weights[order], bias=bias)

    def predict(self, texts: list[str]) -> Array:
        return self.memo.rows(texts, self._predict)

    def _predict(self, texts: list[str]) -> Array:
        logits = np.tile(self.bias, (len(texts), 1))
        indptr, indices, data = hashed_rows(texts)
        if len(self.columns) and len(indices):
            at = np.minimum(np.searchsorted(self.columns, indices), len(self.columns) - 1)
            hit = self.columns[at] == indices
            rows = np.repeat(np.arange(len(texts)), np.diff(indptr))[hit]
            scores = np.zeros_like(logits)
            np.add.at(scores, rows, data[hit, None] * self.weights[at[hit]])
            logits += scores
        return np.asarray(expit(logits))

    @classmethod
    def fit(cls, texts: list[str], y: npt.NDArray[np.int64]) -> CharHead:
        from sklearn.linear_model import LogisticRegression

        x = _hashed(texts).tocsc()
        columns = np.flatnonzero(np.diff(x.indptr)).astype(np.int64)
        x = x[:, columns].tocsr()
        weights = np.zeros((len(columns), y.shape[1]))
        bias = np.zeros(y.shape[1])
        for j in range(y.shape[1]):
            model = LogisticRegression(C=CHAR_C, solver="liblinear").fit(x, y[:, j])
            weights[:, j] = model.coef_[0]
            bias[j] = model.intercept_[0]
        return cls.build(columns, weights, bias)

    def to_json(self) -> dict[str, object]:
        return {
            "ngrams": list(NGRAMS),
            "hash_features": HASH_FEATURES,
            "columns": self.columns.tolist(),
            "weights": np.round(self.weights, 4).tolist(),
            "bias": np.round(self.bias, 5).tolist(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], n_facts: int) -> CharHead:
        if tuple(data["ngrams"]) != NGRAMS or int(data["hash_features"]) != HASH_FEATURES:
            raise ValueError("character head was trained with other n-gram hashing settings")
        return cls.build(
            np.asarray(data["columns"], dtype=np.int64),
            np.asarray(data["weights"], dtype=np.float64).reshape(-1, n_facts),
            np.asarray(data["bias"], dtype=np.float64),
        )


@dataclass(frozen=True, slots=True)
class SentenceSet:
    """Labelled single sentences (texts and embeddings), each tagged with the wording fold
    it was rendered from, so that out-of-fold heads never read a case's own wordings."""

    texts: list[str]
    embeddings: Matrix
    facts: Targets
    fold: npt.NDArray[np.int64]


def _targets(facts: tuple[str, ...], targets: Targets, rows: Any = slice(None)) -> Any:
    return np.stack([targets[f][rows] for f in facts], axis=1)


def pool_sentences(cf: CaseFeatures, probabilities: Array) -> Array:
    """Per case, the strongest sentence for each fact (0 for a note without sentences)."""
    out = np.zeros((len(cf.structured), probabilities.shape[1]))
    if len(probabilities):
        np.maximum.at(out, cf.sentence_owner, probabilities)
    return out


@dataclass(frozen=True, slots=True)
class FactHeads:
    """Note head, sentence head and character head; `predict` gives [note facts, pooled
    sentence facts, pooled character facts]."""

    facts: tuple[str, ...]
    note: Net
    sentence: Net
    chars: CharHead

    @property
    def outputs(self) -> list[str]:
        """Feature names of the `predict` columns (after the `fact_` prefix)."""
        return [
            *self.facts,
            *(f"sent_{f}" for f in self.facts),
            *(f"char_{f}" for f in self.facts),
        ]

    def predict(self, cf: CaseFeatures) -> Array:
        return np.hstack(
            [
                self.note.predict(note_inputs(cf)),
                pool_sentences(cf, self.sentence.predict(cf.sentence_embeddings)),
                pool_sentences(cf, self.chars.predict(cf.sentence_texts)),
            ]
        )

    @classmethod
    def fit(
        cls, cf: CaseFeatures, targets: Targets, sentences: SentenceSet, seed: int = 0
    ) -> FactHeads:
        facts = tuple(
            f
            for f in TEXT_FACTS
            if f in targets
            and f in sentences.facts
            and len(set(targets[f].tolist())) == 2
            and len(set(sentences.facts[f].tolist())) == 2
        )
        return cls(
            facts=facts,
            note=Net.fit(note_inputs(cf), _targets(facts, targets), seed, alpha=1e-3),
            sentence=Net.fit(
                sentences.embeddings, _targets(facts, sentences.facts), seed, alpha=SENTENCE_ALPHA
            ),
            chars=CharHead.fit(sentences.texts, _targets(facts, sentences.facts)),
        )

    @classmethod
    def out_of_fold(
        cls,
        cf: CaseFeatures,
        targets: Targets,
        fold: npt.NDArray[np.int64],
        sentences: SentenceSet,
        seed: int = 0,
    ) -> tuple[FactHeads, Array]:
        """The heads fitted on everything, and out-of-fold predictions for the boosters'
        training rows. Folds are disjoint sets of wordings: a case's fact probabilities
        come from heads that never read its phrases, as on unseen wordings."""
        full = cls.fit(cf, targets, sentences, seed=seed)
        x = note_inputs(cf)
        note_oof = np.zeros((len(x), len(full.facts)))
        sent_oof = np.zeros((len(cf.sentence_owner), len(full.facts)))
        char_oof = np.zeros_like(sent_oof)
        for k in np.unique(fold):
            rows, srows = fold != k, sentences.fold != k  # fold -1 sentences: always in
            note = Net.fit(x[rows], _targets(full.facts, targets, rows), seed, alpha=1e-3)
            note_oof[fold == k] = note.predict(x[fold == k])
            sentence = Net.fit(
                sentences.embeddings[srows],
                _targets(full.facts, sentences.facts, srows),
                seed,
                alpha=SENTENCE_ALPHA,
            )
            owned = fold[cf.sentence_owner] == k
            sent_oof[owned] = sentence.predict(cf.sentence_embeddings[owned])
            chars = CharHead.fit(
                [t for t, keep in zip(sentences.texts, srows, strict=True) if keep],
                _targets(full.facts, sentences.facts, srows),
            )
            char_oof[owned] = chars.predict(
                [t for t, mine in zip(cf.sentence_texts, owned, strict=True) if mine]
            )
        return full, np.hstack(
            [note_oof, pool_sentences(cf, sent_oof), pool_sentences(cf, char_oof)]
        )

    def to_json(self) -> dict[str, object]:
        return {
            "facts": list(self.facts),
            "note": self.note.to_json(),
            "sentence": self.sentence.to_json(),
            "chars": self.chars.to_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FactHeads:
        facts = tuple(str(f) for f in data["facts"])
        return cls(
            facts=facts,
            note=Net.from_json(data["note"], len(facts)),
            sentence=Net.from_json(data["sentence"], len(facts)),
            chars=CharHead.from_json(data["chars"], len(facts)),
        )
