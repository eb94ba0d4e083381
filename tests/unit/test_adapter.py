"""The encoder adapter ships as float16 text, keeps its identity, and adds exactly B·A."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from triage.features.adapter import EncoderAdapter, read_adapter
from triage.features.embedding import export_name


def _adapter(seed: int = 0, rank: int = 2) -> EncoderAdapter:
    rng = np.random.default_rng(seed)
    updates = {
        "encoder.layer.0.attention.self.query": (
            rng.normal(size=(rank, 6)).astype(np.float32),
            rng.normal(size=(4, rank)).astype(np.float32),
        ),
        "encoder.layer.1.output.dense": (
            rng.normal(size=(rank, 4)).astype(np.float32),
            rng.normal(size=(6, rank)).astype(np.float32),
        ),
    }
    return EncoderAdapter.rounded(rank, updates, {"steps": 3})


def test_a_saved_adapter_reads_back_bit_for_bit_with_its_digest(tmp_path: Path) -> None:
    adapter = _adapter()
    adapter.save(tmp_path)
    loaded = read_adapter(tmp_path)
    assert loaded is not None
    assert loaded.digest == adapter.digest
    assert loaded.info == {"steps": 3}
    for name, (a, b) in adapter.updates.items():
        np.testing.assert_array_equal(loaded.updates[name][0], a)
        np.testing.assert_array_equal(loaded.updates[name][1], b)
    assert read_adapter(tmp_path / "missing") is None


def test_rounding_keeps_what_the_file_stores_and_other_weights_change_the_digest() -> None:
    raw = np.full((1, 6), 0.1, dtype=np.float32)  # 0.1 is not a float16 value
    adapter = EncoderAdapter.rounded(1, {"m": (raw, np.ones((4, 1), np.float32))}, {})
    assert adapter.updates["m"][0][0, 0] == np.float32(np.float16(0.1))
    assert adapter.digest != _adapter().digest
    assert _adapter(seed=1).digest != _adapter(seed=0).digest
    assert _adapter().digest == _adapter().digest


def test_an_edited_adapter_file_is_refused(tmp_path: Path) -> None:
    _adapter().save(tmp_path)
    path = tmp_path / "encoder_adapter.json"
    data = json.loads(path.read_text())
    other = _adapter(seed=5).to_json()["updates"]
    data["updates"]["encoder.layer.1.output.dense"] = other["encoder.layer.1.output.dense"]  # type: ignore[index]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="digest"):
        read_adapter(tmp_path)


def test_apply_adds_the_low_rank_product_to_each_named_weight() -> None:
    torch = pytest.importorskip("torch")
    model = torch.nn.Module()
    model.encoder = torch.nn.Module()
    layers = [torch.nn.Module(), torch.nn.Module()]
    layers[0].attention = torch.nn.Module()
    layers[0].attention.self = torch.nn.Module()
    layers[0].attention.self.query = torch.nn.Linear(6, 4)
    layers[1].output = torch.nn.Module()
    layers[1].output.dense = torch.nn.Linear(4, 6)
    model.encoder.layer = torch.nn.ModuleList(layers)
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    adapter = _adapter()
    adapter.apply(model)
    for name, (a, b) in adapter.updates.items():
        after = model.get_submodule(name).weight.detach().numpy()
        np.testing.assert_allclose(after - before[f"{name}.weight"].numpy(), b @ a, atol=1e-6)
        bias = model.get_submodule(name).bias.detach()
        assert torch.equal(bias, before[f"{name}.bias"])


def test_each_adapter_gets_its_own_export_and_none_keeps_the_plain_name() -> None:
    plain = export_name("abc", "s8")
    assert export_name("abc", "s8", None) == plain
    tuned = export_name("abc", "s8", _adapter())
    assert tuned.startswith(plain)
    assert tuned != plain
    assert export_name("abc", "s8", _adapter(seed=1)) != tuned
