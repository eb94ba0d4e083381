"""The ONNX embedder on note sentences: one text per run vs texts sharing runs (all in one call,
and in service-sized micro-batches where most runs mix lengths), whether sharing a run moves a
vector (padding included), and closeness to the torch reference, in one run."""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

N_CASES = int(os.environ.get("BENCH_EMBEDDING_CASES", "600"))
MICRO_BATCH = 20  # texts per call, as the service's micro-batches (10-30 texts)


class PaddingCounter:
    """Passes runs on to the ONNX session and counts them and their padded rows."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.runs = 0
        self.padded = 0

    def run(self, outputs: Any, feeds: dict[str, Any]) -> Any:
        mask = feeds["attention_mask"]
        self.runs += 1
        self.padded += int((~mask.all(axis=1)).sum())
        return self.session.run(outputs, feeds)


def main() -> None:
    from triage.config import get_settings
    from triage.features.adapter import read_adapter
    from triage.features.embedding import OnnxEmbedder, TorchEmbedder
    from triage.features.text import note_texts, split_sentences
    from triage.simulate import generate

    notes = note_texts([s.case["service_report"]["notes"] for s in generate(N_CASES, 515151)])
    texts = sorted({s for note in notes for s in split_sentences(note)})
    adapter = read_adapter(get_settings().model_dir)  # the encoder the bundle serves
    onnx = OnnxEmbedder(adapter=adapter)
    onnx.embed(texts[:20])  # warm-up
    started = time.perf_counter()
    alone = np.vstack([onnx.embed([t]) for t in texts])
    one_per_run = len(texts) / (time.perf_counter() - started)

    counter = onnx._session = PaddingCounter(onnx._session)
    started = time.perf_counter()
    together = onnx.embed(texts)
    shared = len(texts) / (time.perf_counter() - started)
    runs_together, padded_together = counter.runs, counter.padded

    order = np.random.default_rng(0).permutation(len(texts))
    batches = [order[start : start + MICRO_BATCH] for start in range(0, len(texts), MICRO_BATCH)]
    micro = np.zeros_like(together)
    counter.runs = counter.padded = 0
    started = time.perf_counter()
    for rows in batches:
        micro[rows] = onnx.embed([texts[i] for i in rows])
    micro_rate = len(texts) / (time.perf_counter() - started)

    identical = int((np.all(alone == together, axis=1) & np.all(alone == micro, axis=1)).sum())
    cosine = (together * TorchEmbedder(adapter).embed(texts)).sum(axis=1)
    print(f"{len(texts)} distinct note sentences from {N_CASES} simulated cases")
    print(f"one text per run: {one_per_run:.0f} texts/s")
    print(
        f"all in one call, texts share runs: {shared:.0f} texts/s ({shared / one_per_run:.2f}x);"
        f" {runs_together} runs, {padded_together} texts padded"
    )
    print(
        f"micro-batches of {MICRO_BATCH}, texts share runs: {micro_rate:.0f} texts/s"
        f" ({micro_rate / one_per_run:.2f}x); {counter.runs / len(batches):.1f} runs per batch,"
        f" {counter.padded} texts padded"
    )
    print(
        f"vectors identical alone, in one call and in micro-batches: {identical}/{len(texts)}"
        f" ({padded_together + counter.padded} of the shared-run vectors padded)"
    )
    print(f"cosine to the torch reference: mean {cosine.mean():.4f}, min {cosine.min():.4f}")


if __name__ == "__main__":
    main()
