"""The ONNX export is named by the weights' digest, which a worker start reads from a small
cache file instead of hashing 90 MB, while a changed weights file still gets a new export."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from triage.features import embedding
from triage.features.embedding import export_name, export_onnx, weight_type


def _sha16(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@pytest.fixture
def weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in package directory whose weights the tests rewrite."""
    package = tmp_path / "package"
    package.mkdir()
    (package / "model.safetensors").write_bytes(b"weights v1")
    monkeypatch.setattr(embedding, "model_path", lambda: package)
    return package / "model.safetensors"


def _exported(root: Path, data: bytes) -> Path:
    """Pretend `data`'s export exists, so `export_onnx` names it without exporting."""
    target = root / export_name(_sha16(data), weight_type()) / "model.int8.onnx"
    target.parent.mkdir(parents=True)
    target.touch()
    return target


def test_the_digest_is_read_from_the_cache_while_the_weights_are_unchanged(
    weights: Path, tmp_path: Path
) -> None:
    root = tmp_path / "onnx"
    first = _exported(root, b"weights v1")
    assert export_onnx(root) == first
    record = root / "weights-digest.tsv"
    assert record.read_text().endswith(f"\t{_sha16(b'weights v1')}\n")
    # a recorded digest is trusted while size and mtime match: the file is not hashed again
    planted = _exported(root, b"planted")
    record.write_text(record.read_text().replace(_sha16(b"weights v1"), _sha16(b"planted")))
    assert export_onnx(root) == planted


def test_changed_weights_get_a_new_export_even_with_the_same_size(
    weights: Path, tmp_path: Path
) -> None:
    root = tmp_path / "onnx"
    first, second = _exported(root, b"weights v1"), _exported(root, b"weights v2")
    assert export_onnx(root) == first
    before = weights.stat().st_mtime_ns
    weights.write_bytes(b"weights v2")
    os.utime(weights, ns=(before + 1_000_000, before + 1_000_000))
    assert export_onnx(root) == second
    assert len(root.joinpath("weights-digest.tsv").read_text().splitlines()) == 1


def test_an_unwritable_cache_still_names_the_export(
    weights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "onnx"
    first = _exported(root, b"weights v1")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only cache")

    monkeypatch.setattr(os, "replace", refuse)
    assert export_onnx(root) == first
    assert not (root / "weights-digest.tsv").exists()


def test_hosts_whose_int8_products_saturate_get_uint8_weights() -> None:
    assert weight_type("x86_64", frozenset({"avx2", "avx512bw"})) == "u8"
    assert weight_type("x86_64", frozenset()) == "u8"  # flags unknown: the exact kernel
    assert weight_type("x86_64", frozenset({"avx2", "avx512_vnni"})) == "s8"
    assert weight_type("AMD64", frozenset({"avx2", "avx_vnni"})) == "s8"
    assert weight_type("aarch64", frozenset()) == "s8"


def test_each_weight_type_has_its_own_export(weights: Path, tmp_path: Path) -> None:
    root = tmp_path / "onnx"
    signed = root / export_name(_sha16(b"weights v1"), "s8") / "model.int8.onnx"
    unsigned = root / export_name(_sha16(b"weights v1"), "u8") / "model.int8.onnx"
    for target in (signed, unsigned):
        target.parent.mkdir(parents=True)
        target.touch()
    assert export_onnx(root, "s8") == signed
    assert export_onnx(root, "u8") == unsigned
    assert signed != unsigned
