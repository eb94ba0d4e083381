"""The ONNX embedder on note sentences: runs shared by equal-length texts vs one text per run,
whether sharing a run moves a vector, and closeness to the torch reference, in one run."""

from __future__ import annotations

import os
import time

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

N_CASES = int(os.environ.get("BENCH_EMBEDDING_CASES", "600"))


def main() -> None:
    from triage.features.embedding import OnnxEmbedder, TorchEmbedder
    from triage.features.text import note_texts, split_sentences
    from triage.simulate import generate

    notes = note_texts([s.case["service_report"]["notes"] for s in generate(N_CASES, 515151)])
    texts = sorted({s for note in notes for s in split_sentences(note)})
    onnx = OnnxEmbedder()
    onnx.embed(texts[:20])  # warm-up
    started = time.perf_counter()
    alone = np.vstack([onnx.embed([t]) for t in texts])
    one_per_run = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    together = onnx.embed(texts)
    shared = len(texts) / (time.perf_counter() - started)
    identical = int(np.all(alone == together, axis=1).sum())
    cosine = (together * TorchEmbedder().embed(texts)).sum(axis=1)
    print(f"{len(texts)} distinct note sentences from {N_CASES} simulated cases")
    print(f"one text per run: {one_per_run:.0f} texts/s")
    print(f"equal-length texts share runs: {shared:.0f} texts/s ({shared / one_per_run:.2f}x)")
    print(f"vectors identical alone and in a shared run: {identical}/{len(texts)}")
    print(f"cosine to the torch reference: mean {cosine.mean():.4f}, min {cosine.min():.4f}")


if __name__ == "__main__":
    main()
