"""Tune the sentence encoder on fact sentences with a low-rank adapter (LoRA).

The encoder learns from labelled single sentences which words carry a fact and which
deny, defer or quote it. Only rank-r updates of the attention query/value and the
feed-forward matrices are trained; the pooled, normalised vector feeds a linear
multi-label head that is thrown away afterwards: the bundle's own fact heads and
prototype similarities are fitted on the tuned vectors as on the frozen ones.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from triage.features.adapter import EncoderAdapter
from triage.features.embedding import MAX_TOKENS, THREADS, model_path

# module paths inside each BERT layer that get an update
TARGETS = (
    "attention.self.query",
    "attention.self.value",
    "intermediate.dense",
    "output.dense",
)
WARMUP = 50
POOL_SCALE = 10.0  # the head reads cosine-scale vectors; this gives it logits of useful size


def tune_encoder(
    texts: Sequence[str],
    targets: npt.NDArray[np.int64],
    *,
    steps: int,
    rank: int = 8,
    learning_rate: float = 1e-3,
    batch_size: int = 32,
    seed: int = 0,
) -> EncoderAdapter:
    """Train the adapter for `steps` batches (linear decay after a short warm-up) and return
    it rounded to the precision the bundle stores."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(seed)
    torch.set_num_threads(THREADS)
    rng = random.Random(seed)
    tokenizer = AutoTokenizer.from_pretrained(str(model_path()))
    encoder = AutoModel.from_pretrained(str(model_path()), attn_implementation="eager")
    for p in encoder.parameters():
        p.requires_grad_(False)

    class LowRank(torch.nn.Module):
        def __init__(self, base: Any) -> None:
            super().__init__()
            self.base = base
            scale = 1.0 / math.sqrt(base.in_features)
            self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) * scale)
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.a.T) @ self.b.T

    adapted: dict[str, LowRank] = {}
    for i, layer in enumerate(encoder.encoder.layer):
        for path in TARGETS:
            parent_path, _, attr = path.rpartition(".")
            parent = layer.get_submodule(parent_path)
            adapted[f"encoder.layer.{i}.{path}"] = wrapper = LowRank(getattr(parent, attr))
            setattr(parent, attr, wrapper)
    head = torch.nn.Linear(encoder.config.hidden_size, targets.shape[1])
    params = [p for m in adapted.values() for p in (m.a, m.b)] + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=learning_rate, weight_decay=0.01)
    y = torch.tensor(targets, dtype=torch.float32)
    order: list[int] = []
    encoder.train()
    for step in range(steps):
        if len(order) < batch_size:
            order = list(range(len(texts)))
            rng.shuffle(order)
        rows, order = order[:batch_size], order[batch_size:]
        batch = tokenizer(
            [texts[i] for i in rows],
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            return_tensors="pt",
        )
        hidden = encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            head(pooled * POOL_SCALE), y[rows]
        )
        for group in optimizer.param_groups:
            group["lr"] = learning_rate * min(1.0, (step + 1) / WARMUP) * (1 - step / steps)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    updates = {
        name: (m.a.detach().numpy().copy(), m.b.detach().numpy().copy())
        for name, m in adapted.items()
    }
    info = {
        "method": "lora",
        "targets": list(TARGETS),
        "steps": steps,
        "batch_size": batch_size,
        "learning_rate": learning_rate,
        "sentences": len(texts),
        "seed": seed,
    }
    return EncoderAdapter.rounded(rank, updates, info)
