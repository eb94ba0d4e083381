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
