"""The ONNX embedder gives a text the same vector whatever it is embedded with."""

from __future__ import annotations

import numpy as np
import pytest

from triage.features.embedding import OnnxEmbedder

TEXTS = [
    "Compressor relay failed at start-up; replaced relay.",
    "cust. dropped unit",
    "Kunde hat das Gerät umgestoßen, Gehäuse gebrochen, neue Abdeckung montiert und getestet.",
    "done",
]


@pytest.fixture(scope="module")
def embedder() -> OnnxEmbedder:
    return OnnxEmbedder()


def test_embed_same_vector_alone_and_in_any_batch(embedder: OnnxEmbedder) -> None:
    together = embedder.embed(TEXTS)
    alone = np.vstack([embedder.embed([t]) for t in TEXTS])
    shuffled = embedder.embed(TEXTS[::-1])[::-1]
    np.testing.assert_array_equal(together, alone)
    np.testing.assert_array_equal(together, shuffled)


def test_embed_rows_are_unit_length_and_distinct(embedder: OnnxEmbedder) -> None:
    vectors = embedder.embed(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) < 0.9


def test_equal_length_texts_share_a_run_and_keep_their_own_vectors(
    embedder: OnnxEmbedder,
) -> None:
    # equal token counts: these go through one ONNX run together, where per-tensor
    # activation scales would let each text move the others' vectors
    texts = [f"replaced relay number {n} and tested the unit under load" for n in range(1, 9)]
    texts += ["UNIT DROPPED BY CUSTOMER STAFF, HOUSING CRACKED AND REPLACED NOW OK"]
    lengths = {len(embedder._tokenizer.encode(t).ids) for t in texts[:8]}
    assert len(lengths) == 1
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    np.testing.assert_array_equal(together, alone)
    assert len({v.tobytes() for v in together}) == len(texts)
