"""Scoring speed: batch cases/s end to end and single-case latency, ONNX beside torch.

End to end = read JSONL, validate, reconcile, embed, predict, explain, policy, write.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

N_BATCH = int(os.environ.get("BENCH_SCORING_N", "2000"))
# 1 000 single cases: the p99 of 300 was the third-slowest case alone, and one hiccup of a
# shared box moved it by 3 ms between back-to-back runs
N_SINGLE = int(os.environ.get("BENCH_SCORING_SINGLE", "1000"))


def _write_cases(path: Path, n: int, seed: int) -> list[dict[str, object]]:
    from triage.simulate import generate

    sims = list(generate(n, seed, partition="test"))
    path.write_text("".join(json.dumps(s.case) + "\n" for s in sims))
    return [s.label for s in sims]


def _batch(path: Path, out: Path, backend: str) -> tuple[float, list[str]]:
    from triage.cli.scoring import read_records, score_chunks, write_records
    from triage.config import get_settings
    from triage.modeling.bundle import load_predictor
    from triage.policy import load_policy

    predictor = load_predictor(get_settings().model_dir, backend)
    policy = load_policy(None)
    predictor.warm_up()  # load and warm-up done; timing starts at reading the file
    started = time.perf_counter()
    records = list(read_records(path))
    results: list[dict[str, object]] = []
    for scored in score_chunks(records, predictor, policy):
        results.extend(scored)
    write_records(out, results)
    elapsed = time.perf_counter() - started
    return len(records) / elapsed, [r["exception"]["label"] for r in results]  # type: ignore[index]


def _single(path: Path) -> list[float]:
    from triage.cli.scoring import read_records, score_records
    from triage.config import get_settings
    from triage.modeling.bundle import load_predictor
    from triage.policy import load_policy

    predictor = load_predictor(get_settings().model_dir, "onnx")
    policy = load_policy(None)
    records = list(read_records(path))
    score_records(records[:5], predictor, policy)  # warm-up
    times = []
    for record in records[5:]:
        t = time.perf_counter()
        score_records([record], predictor, policy)
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    from triage.modeling.metrics import macro_f1

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        labels = _write_cases(d / "batch.jsonl", N_BATCH, seed=424242)
        _write_cases(d / "single.jsonl", N_SINGLE, seed=434343)
        truth = [str(lab["exception"]) for lab in labels]
        onnx_rate, onnx_pred = _batch(d / "batch.jsonl", d / "out_onnx.jsonl", "onnx")
        torch_rate, torch_pred = _batch(d / "batch.jsonl", d / "out_torch.jsonl", "torch")
        times = _single(d / "single.jsonl")
    f1_onnx, f1_torch = macro_f1(truth, onnx_pred), macro_f1(truth, torch_pred)
    print(f"batch end to end, {N_BATCH} cases (target >= 400 cases/s):")
    print(f"  onnx-int8 : {onnx_rate:7.1f} cases/s   macro-F1 {f1_onnx:.4f}")
    print(f"  torch     : {torch_rate:7.1f} cases/s   macro-F1 {f1_torch:.4f}")
    print(f"  fast-path macro-F1 gap: {abs(f1_torch - f1_onnx) * 100:.2f} points (target <= 0.3)")
    print(
        f"single case in-process, onnx, n={len(times)}: p50 {np.percentile(times, 50):.2f} ms, "
        f"p99 {np.percentile(times, 99):.2f} ms (target <= 10 ms)"
    )


if __name__ == "__main__":
    main()
