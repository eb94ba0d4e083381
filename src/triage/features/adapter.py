"""A low-rank adapter on the sentence encoder, trained on the text facts.

Mean-pooled embeddings from the frozen all-MiniLM-L6-v2 blur what decides a note's
facts ("extra work quoted, not done today" sits next to "extra work done"). Training
rank-r updates W + B·A of the encoder's attention and feed-forward matrices on
labelled fact sentences sharpens exactly that. Only A and B ship in the bundle
(float16, a few hundred kB): the package's weights stay as installed, and the ONNX
export merges the update in before quantizing, so the fast path costs nothing more.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FILE = "encoder_adapter.json"
FORMAT = "lora-float16-le-base64"
Float = npt.NDArray[np.float32]


def _encode(array: Float) -> dict[str, object]:
    raw = np.ascontiguousarray(array, dtype="<f2").tobytes()
    return {"shape": list(array.shape), "data": base64.b64encode(raw).decode("ascii")}


def _decode(data: Mapping[str, Any]) -> Float:
    raw = np.frombuffer(base64.b64decode(data["data"]), dtype="<f2")
    return raw.astype(np.float32).reshape(tuple(int(n) for n in data["shape"]))


@dataclass(frozen=True, slots=True)
class EncoderAdapter:
    """Low-rank updates per encoder module: module path -> (A (rank, in), B (out, rank)).
    Values are float16-exact, so the vectors training saw are the ones served."""

    rank: int
    updates: Mapping[str, tuple[Float, Float]]
    info: Mapping[str, Any] = field(default_factory=dict)
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        sha = hashlib.sha256(f"{FORMAT}:{self.rank}".encode())
        for name in sorted(self.updates):
            a, b = self.updates[name]
            sha.update(name.encode())
            sha.update(np.ascontiguousarray(a, dtype="<f2").tobytes())
            sha.update(np.ascontiguousarray(b, dtype="<f2").tobytes())
        object.__setattr__(self, "digest", sha.hexdigest()[:12])

    @classmethod
    def rounded(
        cls, rank: int, updates: Mapping[str, tuple[Float, Float]], info: Mapping[str, Any]
    ) -> EncoderAdapter:
        """An adapter whose values are rounded to what the bundle stores."""
        return cls(
            rank=rank,
            updates={
                name: (
                    a.astype(np.float16).astype(np.float32),
                    b.astype(np.float16).astype(np.float32),
                )
                for name, (a, b) in updates.items()
            },
            info=dict(info),
        )

    def apply(self, encoder: Any) -> None:
        """Add B·A to each adapted weight of a transformers BERT model, in place."""
        import torch

        with torch.no_grad():
            for name, (a, b) in self.updates.items():
                weight = encoder.get_submodule(name).weight
                weight += torch.from_numpy(b @ a).to(weight.dtype)

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "rank": self.rank,
            "digest": self.digest,
            "info": dict(self.info),
            "updates": {
                name: {"a": _encode(a), "b": _encode(b)}
                for name, (a, b) in sorted(self.updates.items())
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EncoderAdapter:
        if data.get("format") != FORMAT:
            raise ValueError(f"encoder adapter format {data.get('format')!r}, expected {FORMAT}")
        adapter = cls(
            rank=int(data["rank"]),
            updates={
                str(name): (_decode(u["a"]), _decode(u["b"])) for name, u in data["updates"].items()
            },
            info=dict(data.get("info") or {}),
        )
        if data.get("digest") not in (None, adapter.digest):
            raise ValueError("encoder adapter digest does not match its weights")
        return adapter

    def save(self, directory: Path) -> None:
        (directory / FILE).write_text(json.dumps(self.to_json(), indent=1) + "\n")


def read_adapter(directory: Path) -> EncoderAdapter | None:
    """The bundle's adapter, or None for a bundle that uses the encoder as shipped."""
    path = directory / FILE
    if not path.is_file():
        return None
    return EncoderAdapter.from_json(json.loads(path.read_text()))
