"""Code tests of the feature layer: structured evidence features, caching, pooling."""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from triage.domain.parse import parse_case
from triage.features.build import STRUCTURED_NAMES, build_features, structured_row
from triage.features.embedding import EMBEDDING_DIM, CachedEmbedder, _mean_pool
from triage.reconcile import reconcile

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "domain_example.json").read_text())


class CountingEmbedder:
    """Deterministic fake: a unit vector per text, and a record of what was embedded."""

    name = "fake"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, hash(t) % EMBEDDING_DIM] = 1.0
        return out


def _features(case_json: dict[str, object]) -> dict[str, float]:
    case = parse_case(case_json)
    return dict(zip(STRUCTURED_NAMES, structured_row(case, reconcile(case)), strict=True))


def test_structured_row_matches_names_for_spec_example() -> None:
    f = _features(EXAMPLE)
    assert len(f) == len(STRUCTURED_NAMES)
    assert f["warranty_active"] == 1.0
    assert f["rate_max_abs_dev"] == pytest.approx(0.0)
    assert f["po_valid"] == 1.0
    assert f["contract_full_service"] == 1.0
    assert f["workflow_work_order_to_invoice"] == 1.0


def test_structured_row_reports_signed_labor_rate_deviation() -> None:
    case = copy.deepcopy(EXAMPLE)
    line = case["invoice"]["lines"][0]
    line["unit_price"] = 97.95
    line["amount"] = round(97.95 * line["qty"], 2)
    f = _features(case)
    assert f["labor_rate_dev"] == pytest.approx(0.031, abs=1e-3)
    assert f["rate_mismatch"] == 1.0


def test_structured_row_marks_missing_warranty_as_nan() -> None:
    case = copy.deepcopy(EXAMPLE)
    case["asset"]["warranty_end"] = None
    assert math.isnan(_features(case)["warranty_days_left"])


def test_cached_embedder_embeds_each_distinct_text_once() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, max_size=10)
    first = cached.embed(["a", "b", "a"])
    second = cached.embed(["b", "c"])
    assert inner.calls == [["a", "b"], ["c"]]
    np.testing.assert_array_equal(first[0], first[2])
    np.testing.assert_array_equal(first[1], second[0])


def test_cached_embedder_evicts_least_recent_text() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, max_size=2)
    cached.embed(["a", "b"])
    cached.embed(["c"])
    cached.embed(["a"])
    assert inner.calls[-1] == ["a"]


def test_mean_pool_ignores_padding_and_normalises() -> None:
    tokens = np.array([[[1.0, 0.0], [3.0, 0.0], [100.0, 100.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])
    pooled = _mean_pool(tokens, mask)
    np.testing.assert_allclose(pooled, [[1.0, 0.0]], atol=1e-6)


def test_build_features_zeroes_dispute_similarity_without_dispute() -> None:
    case = parse_case(EXAMPLE)
    cf = build_features([case], [reconcile(case)], CountingEmbedder())
    assert cf.structured.shape == (1, len(STRUCTURED_NAMES))
    assert cf.note_embeddings.shape == (1, EMBEDDING_DIM)
    assert not cf.dispute_similarity.any()
    assert len(cf.note_similarity_names) == cf.note_similarity.shape[1]


@pytest.mark.parametrize(
    ("note", "sentences"),
    [
        (
            "cust. dropped unit during relocation. fan motor repl.",
            ["cust. dropped unit during relocation", "fan motor repl"],
        ),
        (
            "Unit handed back to Hr. Yilmaz. Log book signed",
            ["Unit handed back to Hr. Yilmaz", "Log book signed"],
        ),
        ("Contact on site: J. Smith; ran dry", ["Contact on site: J. Smith", "ran dry"]),
        ("done. see above", ["done", "see above"]),
        ("relay replaced / tested - ok now", ["relay replaced", "tested", "ok now"]),
    ],
)
def test_split_sentences_keeps_abbreviations_and_initials_with_their_sentence(
    note: str, sentences: list[str]
) -> None:
    from triage.features.text import split_sentences

    assert split_sentences(note) == sentences
