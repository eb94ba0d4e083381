"""The fast path's embeddings stay close to the torch reference the model is checked against."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from triage.config import PROJECT_DIR
from triage.features.adapter import EncoderAdapter, read_adapter
from triage.features.embedding import OnnxEmbedder, TorchEmbedder, export_onnx

TEXTS = [
    "Replaced the worn drive belt and tested the unit, running normally.",
    "Customer's forklift hit the cabinet; housing dented and fan bracket bent.",
    "Return visit: the relay we fitted last week failed again.",
    "Also installed a second thermostat at the customer's request.",
    "Kulanz, keine Berechnung.",
    "done",
    "The technician arrived two days after our call, far beyond the agreed response time.",
    "Pièce défectueuse remplacée, usure normale, aucun dommage externe.",
]
SHIPPED = read_adapter(PROJECT_DIR / "models" / "default")  # the encoder the bundle serves


@pytest.mark.slow
def test_onnx_int8_embeddings_match_torch_within_quantization_noise() -> None:
    onnx_vectors = OnnxEmbedder(export_onnx(adapter=SHIPPED)).embed(TEXTS)
    torch_vectors = TorchEmbedder(SHIPPED).embed(TEXTS)
    cosine = (onnx_vectors * torch_vectors).sum(axis=1)
    assert cosine.min() > 0.99
    assert cosine.mean() > 0.996
    np.testing.assert_allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)


def test_onnx_export_quantizes_every_projection_per_token() -> None:
    import onnx

    nodes = onnx.load(str(export_onnx(adapter=SHIPPED))).graph.node
    ops = [n.op_type for n in nodes]
    assert "DynamicQuantizeLinear" not in ops  # no per-tensor (batch-wide) activation scale
    assert ops.count("MatMulInteger") == 36  # Q, K, V, attention out, FFN in and out x 6
    corrected = {n.output[0] for n in nodes if n.op_type == "Sub" and "cast_output" in n.output[0]}
    assert len(corrected) == 36  # every product gets its per-token zero-point correction


@pytest.mark.slow
def test_a_tuned_encoder_is_reproducible_moves_vectors_and_its_onnx_export_follows_torch(
    tmp_path: Path,
) -> None:
    from training.encoder import TARGETS, tune_encoder

    targets = np.array([[0], [1], [0], [1], [0], [0], [1], [0]], dtype=np.int64)

    def tune() -> EncoderAdapter:
        return tune_encoder(TEXTS, targets, steps=6, batch_size=4, learning_rate=1e-2, seed=3)

    adapter = tune()
    assert tune().digest == adapter.digest  # make train reproduces its bundle
    assert len(adapter.updates) == 6 * len(TARGETS)
    assert all(np.abs(b).max() > 0 for _, b in adapter.updates.values())
    tuned = TorchEmbedder(adapter).embed(TEXTS)
    plain = TorchEmbedder().embed(TEXTS)
    assert (tuned * plain).sum(axis=1).min() < 0.999  # the update reaches the vectors
    onnx = OnnxEmbedder(export_onnx(tmp_path, adapter=adapter)).embed(TEXTS)
    cosine = (onnx * tuned).sum(axis=1)
    assert cosine.min() > 0.99
    assert cosine.mean() > 0.996
