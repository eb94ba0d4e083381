"""Length batching of texts for the ONNX embedder: little padding, bounded batch size."""

from __future__ import annotations

from triage.features.embedding import length_batches


def test_length_batches_split_short_sentences_from_a_long_note() -> None:
    batches = length_batches([40, 10, 12, 14])
    assert batches == [[1, 2, 3], [0]]


def test_length_batches_cap_rows_per_batch() -> None:
    batches = length_batches([7] * 10, max_rows=4)
    assert [len(b) for b in batches] == [4, 4, 2]
    assert sorted(i for b in batches for i in b) == list(range(10))


def test_length_batches_bound_padded_tokens_per_run() -> None:
    batches = length_batches([100] * 25, max_rows=64, max_tokens=1024)
    assert [len(b) for b in batches] == [10, 10, 5]
