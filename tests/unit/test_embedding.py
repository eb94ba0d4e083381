"""The ONNX embedder gives a text the same vector whatever it is embedded with, and its
run planner groups texts of different lengths into cheap padded runs."""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage.config import PROJECT_DIR
from triage.features.adapter import read_adapter
from triage.features.embedding import (
    MAX_BATCH,
    PAD_BREAK_EVEN,
    OnnxEmbedder,
    plan_runs,
    run_cost,
    schedule,
    split_for_threads,
    two_runs,
)

TEXTS = [
    "Compressor relay failed at start-up; replaced relay.",
    "cust. dropped unit",
    "Kunde hat das Gerät umgestoßen, Gehäuse gebrochen, neue Abdeckung montiert und getestet.",
    "done",
]


@pytest.fixture(scope="module")
def embedder() -> OnnxEmbedder:
    return OnnxEmbedder(adapter=read_adapter(PROJECT_DIR / "models" / "default"))


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


def test_equal_length_texts_share_a_run_and_keep_their_own_vectors(
    embedder: OnnxEmbedder,
) -> None:
    # equal token counts: these go through one ONNX run together, where per-tensor
    # activation scales would let each text move the others' vectors
    texts = [f"replaced relay number {n} and tested the unit under load" for n in range(1, 9)]
    texts += ["UNIT DROPPED BY CUSTOMER STAFF, HOUSING CRACKED AND REPLACED NOW OK"]
    lengths = {len(embedder._tokenizer.encode(t).ids) for t in texts[:8]}
    assert len(lengths) == 1
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    np.testing.assert_array_equal(together, alone)
    assert len({v.tobytes() for v in together}) == len(texts)


class GatedSession:
    """Records which thread ran each run; once armed, holds the next run until released."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.armed = False
        self.release = threading.Event()
        self.started = threading.Event()
        self.threads: list[int] = []

    def run(self, outputs: Any, feeds: dict[str, Any]) -> Any:
        self.threads.append(threading.get_ident())
        if self.armed and not self.started.is_set():
            self.started.set()
            assert self.release.wait(30)
        return self.session.run(outputs, feeds)


def test_a_call_beside_a_running_call_is_not_split(embedder: OnnxEmbedder) -> None:
    alone = embedder.embed(TEXTS)
    real = embedder._session
    gate = GatedSession(real)
    embedder._session = gate
    try:
        embedder.embed(TEXTS)  # alone: its runs are shared with the pool thread
        assert len(set(gate.threads)) == 2
        gate.threads.clear()
        gate.armed = True
        first = threading.Thread(target=embedder.embed, args=(["held while the other runs"],))
        first.start()
        assert gate.started.wait(30)
        beside = embedder.embed(TEXTS)
        second_runs = gate.threads[1:]
        gate.release.set()
        first.join(30)
    finally:
        embedder._session = real
    assert second_runs
    assert set(second_runs) == {threading.get_ident()}
    np.testing.assert_array_equal(beside, alone)
    assert embedder._calls == 0


# one text per token length (3 to 16 tokens), all within PAD_BREAK_EVEN of each other, so any
# two of them are cheaper in one padded run than in two runs
MIXED = [
    "ok",
    "Replaced relay.",
    "Customer dropped the unit.",
    "Tested under load, running normally.",
    "Housing cracked, cover replaced and tested.",
    "Compressor relay failed at start-up; replaced relay.",
    "Return visit: the relay we fitted last week failed again.",
    "Warranty repair per contract terms, no charge to the client.",
    "Pièce défectueuse remplacée, usure normale.",
]


class RecordingSession:
    """Passes runs on to the real session and keeps each run's attention mask."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.masks: list[np.ndarray[Any, Any]] = []

    def run(self, outputs: Any, feeds: dict[str, Any]) -> Any:
        self.masks.append(feeds["attention_mask"])
        return self.session.run(outputs, feeds)


@pytest.fixture(scope="module")
def recording(embedder: OnnxEmbedder) -> Iterator[RecordingSession]:
    real = embedder._session
    embedder._session = recording = RecordingSession(real)
    yield recording
    embedder._session = real


@pytest.fixture(scope="module")
def mixed_alone(embedder: OnnxEmbedder) -> np.ndarray[Any, Any]:
    lengths = [len(embedder._tokenizer.encode(t).ids) for t in MIXED]
    assert len(set(lengths)) == len(MIXED)
    assert max(lengths) - min(lengths) < PAD_BREAK_EVEN
    return np.vstack([embedder.embed([t]) for t in MIXED])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(range(len(MIXED))), min_size=3, max_size=len(MIXED), unique=True))
def test_vector_is_bit_identical_alone_and_padded_in_a_mixed_length_run(
    embedder: OnnxEmbedder,
    recording: RecordingSession,
    mixed_alone: np.ndarray[Any, Any],
    picks: list[int],
) -> None:
    recording.masks.clear()
    together = embedder.embed([MIXED[i] for i in picks])
    for row, i in enumerate(picks):
        assert np.array_equal(together[row], mixed_alone[i]), MIXED[i]
    # the planner put texts of different lengths in one padded run
    assert any(len(mask) > 1 and not mask.all() for mask in recording.masks)


def _cost(runs: list[tuple[int, list[int]]]) -> int:
    return sum(PAD_BREAK_EVEN + length * len(rows) for length, rows in runs)


def _cost_one_length_per_run(lengths: list[int], max_batch: int) -> int:
    return sum(
        math.ceil(n / max_batch) * PAD_BREAK_EVEN + n * length
        for length, n in Counter(lengths).items()
    )


@given(
    st.lists(st.integers(1, 256), max_size=300),
    st.integers(1, MAX_BATCH),
)
def test_plan_covers_every_row_once_within_max_batch_and_never_costs_more(
    lengths: list[int], max_batch: int
) -> None:
    runs = plan_runs(lengths, max_batch)
    assert sorted(i for _, rows in runs for i in rows) == list(range(len(lengths)))
    for length, rows in runs:
        assert 1 <= len(rows) <= max_batch
        assert length == max(lengths[i] for i in rows)
    assert _cost(runs) <= _cost_one_length_per_run(lengths, max_batch)


def _groupings(items: list[int]) -> Iterator[list[list[int]]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for grouping in _groupings(rest):
        yield [[first], *grouping]
        for k in range(len(grouping)):
            yield [*grouping[:k], [first, *grouping[k]], *grouping[k + 1 :]]


@given(st.lists(st.integers(1, 40), min_size=1, max_size=7))
def test_plan_is_optimal_over_every_grouping_without_a_row_limit(lengths: list[int]) -> None:
    best = min(
        _cost([(max(lengths[i] for i in group), group) for group in grouping])
        for grouping in _groupings(list(range(len(lengths))))
    )
    assert _cost(plan_runs(lengths, max_batch=len(lengths))) == best


def test_plan_merges_near_lengths_and_splits_past_max_batch() -> None:
    assert plan_runs([5, 3, 7]) == [(7, [1, 0, 2])]
    assert plan_runs([3, 3 + PAD_BREAK_EVEN]) == [(3 + PAD_BREAK_EVEN, [1]), (3, [0])]
    runs = plan_runs([10] * 100 + [9])
    assert sorted(len(rows) for _, rows in runs) == [37, MAX_BATCH]


def test_a_lone_run_is_split_across_threads_when_that_shortens_it() -> None:
    runs = split_for_threads(plan_runs([8, 12]), [8, 12], threads=2)
    assert sorted((length, rows) for length, rows in runs) == [(8, [0]), (12, [1])]
    # one row cannot be split; runs already as many as threads stay as they are
    assert split_for_threads([(9, [0])], [9], threads=2) == [(9, [0])]
    two = [(20, [0]), (8, [1])]
    assert split_for_threads(two, [20, 8], threads=2) == two


@given(st.lists(st.integers(1, 64), min_size=1, max_size=12), st.integers(1, 4))
def test_split_for_threads_keeps_every_row_once_and_never_lengthens_the_slowest_run(
    lengths: list[int], threads: int
) -> None:
    planned = plan_runs(lengths)
    runs = split_for_threads(planned, lengths, threads)
    assert sorted(i for _, rows in runs for i in rows) == list(range(len(lengths)))
    for length, rows in runs:
        assert length == max(lengths[i] for i in rows)
    slowest = max(PAD_BREAK_EVEN + length * len(rows) for length, rows in runs)
    assert slowest <= max(PAD_BREAK_EVEN + length * len(rows) for length, rows in planned)


class ThreadRecordingSession:
    """Passes runs on to the real session and notes which thread ran each."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.threads: list[int] = []

    def run(self, outputs: Any, feeds: dict[str, Any]) -> Any:
        self.threads.append(threading.get_ident())
        return self.session.run(outputs, feeds)


def test_the_calling_thread_runs_a_share_itself(embedder: OnnxEmbedder) -> None:
    """Two shares: one runs on the caller, one on a pool thread. Handing both to the pool
    made a lone case wait for a second thread that started up to 3 ms late."""
    texts = ["Replaced the compressor relay and tested two cycles.", "Unit dropped by staff."]
    real = embedder._session
    embedder._session = recorder = ThreadRecordingSession(real)
    try:
        vectors = embedder.embed(texts)
    finally:
        embedder._session = real
    assert len(recorder.threads) == 2
    assert threading.get_ident() in recorder.threads
    assert len(set(recorder.threads)) == 2
    assert np.array_equal(vectors, np.vstack([embedder.embed([t]) for t in texts]))


def _makespan(shares: list[list[tuple[int, list[int]]]]) -> int:
    return max(sum(run_cost(length, len(rows)) for length, rows in share) for share in shares)


@given(st.lists(st.integers(1, 80), min_size=1, max_size=40), st.integers(1, 3))
def test_schedule_runs_every_row_once_costliest_share_first(
    lengths: list[int], threads: int
) -> None:
    shares = schedule(lengths, threads)
    assert 1 <= len(shares) <= threads
    assert all(shares)
    rows = sorted(i for share in shares for _, run in share for i in run)
    assert rows == list(range(len(lengths)))
    for share in shares:
        for length, run in share:
            assert length == max(lengths[i] for i in run)
    loads = [sum(run_cost(length, len(run)) for length, run in share) for share in shares]
    assert loads == sorted(loads, reverse=True)


@given(st.lists(st.integers(1, 40), min_size=2, max_size=7))
def test_two_runs_is_the_best_split_into_two_padded_runs(lengths: list[int]) -> None:
    n = len(lengths)
    best = min(
        max(
            run_cost(max(lengths[i] for i in first), len(first)),
            run_cost(max(lengths[i] for i in second), len(second)),
        )
        for mask in range(1, 2 ** (n - 1))
        for first in [[i for i in range(n) if not mask >> i & 1]]
        for second in [[i for i in range(n) if mask >> i & 1]]
    )
    pair = two_runs(lengths)
    assert sorted(i for _, run in pair for i in run) == list(range(n))
    assert max(run_cost(length, len(run)) for length, run in pair) == best


def test_a_small_call_is_balanced_over_two_threads() -> None:
    """1 x 28 beside 4 x 18 tokens waited 6.0 ms for the second run; 2 x 28 beside 3 x 18
    is done after 5.1 ms."""
    lengths = [28, 18, 18, 18, 18]
    shares = schedule(lengths, threads=2)
    assert _makespan(shares) == run_cost(28, 2) < run_cost(18, 4)
    assert sorted((length, len(run)) for share in shares for length, run in share) == [
        (18, 3),
        (28, 2),
    ]
