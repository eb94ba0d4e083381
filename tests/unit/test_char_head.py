"""The character n-gram head without scikit-learn at prediction time: its hashing must be
scikit-learn's HashingVectorizer bit for bit, or a retrained head would read other
columns than it was fitted on."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.special import expit
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils.murmurhash import murmurhash3_32

from triage.modeling import text_facts
from triage.modeling.text_facts import HASH_FEATURES, NGRAMS, CharHead

TEXTS = [
    "Replaced the drain pump; customer had left a coin in the filter.",
    "No sign of external damage.",
    "Kd. hat Münze im Flusensieb vergessen, Pumpe getauscht",
    "Ça a été réparé — naïve Ölwanne, straße ẞ",
    "ΣΊΣΥΦΟΣ ǅ İstanbul 🙂",
    "a",
    "ab",
    "",
    "   ",
    "tab\tand\u00a0nbsp  and   runs",
    "x" * 300,
    "Repl. pmp, cust. coin in fltr; 2nd visit",
]


def _sklearn_matrix(texts: list[str]) -> Any:
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=NGRAMS,
        n_features=HASH_FEATURES,
        alternate_sign=False,
        norm="l2",
    ).transform(texts)


def test_murmur3_matches_scikit_learn_on_every_tail_length() -> None:
    rng = np.random.default_rng(0)
    alphabet = list("abcxyz äöüßéç€🙂- ") + [chr(c) for c in range(32, 127)]
    for length in range(12):
        for _ in range(40):
            text = "".join(rng.choice(alphabet, size=length))
            assert text_facts._murmur3_32(text.encode("utf-8")) == murmurhash3_32(text, seed=0)


def test_hashed_rows_equal_hashing_vectorizer_exactly() -> None:
    expected = _sklearn_matrix(TEXTS)
    ours = text_facts._hashed(TEXTS)
    assert np.array_equal(ours.indptr, expected.indptr)
    assert np.array_equal(ours.indices, expected.indices)
    assert np.array_equal(ours.data, expected.data)


def test_column_cache_stays_bounded_and_right(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_facts, "HASH_CACHE_SIZE", 5)
    text_facts._COLUMNS.clear()
    for text in TEXTS * 2:
        expected = _sklearn_matrix([text])
        assert np.array_equal(text_facts._hashed([text]).indices, expected.indices)
        assert len(text_facts._COLUMNS) <= 5 + len(text_facts._char_wb_ngrams(text))
    text_facts._COLUMNS.clear()


def _head() -> CharHead:
    texts = [
        "customer dropped the unit",
        "no damage by the customer",
        "replaced the pump",
        "pump replaced again, second visit",
        "goodwill gesture, no charge",
        "Kunde hat Gerät fallen lassen",
    ] * 3
    y = np.array([[1, 0], [0, 0], [0, 1], [0, 1], [0, 0], [1, 0]] * 3)
    return CharHead.fit(texts, y)


def test_char_head_predicts_as_the_dense_product() -> None:
    """The sparse lookup gives what the former (2**18 x facts) dense matrix gave."""
    head = _head()
    dense = np.zeros((HASH_FEATURES, head.weights.shape[1]))
    dense[head.columns] = head.weights
    expected = expit(np.asarray(_sklearn_matrix(TEXTS) @ dense) + head.bias)
    got = head.predict(TEXTS)
    assert got.shape == (len(TEXTS), 2)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    assert head.predict([]).shape == (0, 2)


def test_char_head_json_round_trip_and_column_order() -> None:
    head = _head()
    data = head.to_json()
    assert np.all(np.diff(np.asarray(data["columns"])) > 0)
    again = CharHead.from_json(data, 2)
    np.testing.assert_allclose(again.predict(TEXTS), head.predict(TEXTS), atol=1e-4)
    # a file with its columns in another order reads the same
    order = np.random.default_rng(1).permutation(len(head.columns))
    shuffled = {
        **data,
        "columns": np.asarray(data["columns"])[order].tolist(),
        "weights": np.asarray(data["weights"])[order].tolist(),
    }
    np.testing.assert_array_equal(
        CharHead.from_json(shuffled, 2).predict(TEXTS), again.predict(TEXTS)
    )


def test_char_head_hashes_a_repeated_sentence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes repeat boilerplate: each distinct sentence is hashed once, within a call and
    across calls, and the remembered rows are the ones a fresh head computes."""
    head = _head()
    hashed: list[str] = []
    original = text_facts.hashed_rows

    def counting(texts: list[str]) -> Any:
        hashed.extend(texts)
        return original(texts)

    monkeypatch.setattr(text_facts, "hashed_rows", counting)
    first = head.predict([TEXTS[0], TEXTS[1], TEXTS[0]])
    second = head.predict([TEXTS[1], TEXTS[2]])
    assert hashed == [TEXTS[0], TEXTS[1], TEXTS[2]]
    fresh = CharHead.from_json(head.to_json(), 2)
    np.testing.assert_allclose(first, fresh.predict([TEXTS[0], TEXTS[1], TEXTS[0]]), atol=1e-4)
    np.testing.assert_array_equal(first[1], second[0])
