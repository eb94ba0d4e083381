"""The micro-batcher's two-stage pipeline: one batch is embedded while the previous one
is explained, every waiter gets its own case's output, and a failure stays in its batch."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import Any

import pytest

from tests.factories import clean_case_dict, make_case
from triage.domain.case import Case
from triage.domain.certification import Certification
from triage.domain.vocab import EXCEPTION_LABELS
from triage.modeling.predictor import ModelOutput, StagedPredictor
from triage.reconcile import reconcile
from triage.reconcile.evidence import Evidence
from triage.services.batching import MicroBatcher


def _output(case: Case) -> ModelOutput:
    even = 1.0 / len(EXCEPTION_LABELS)
    return ModelOutput(
        probabilities=dict.fromkeys(EXCEPTION_LABELS, even),
        p_values=dict.fromkeys(EXCEPTION_LABELS, 0.5),
        billable_probability=int(case.case_id.rsplit("-", 1)[1]) / 100,  # who got what
    )


class Staged:
    """Finishing the first batch waits until the second batch is being prepared: a batcher
    that ran the stages one batch after the other would time out here."""

    version = "staged-1"
    certification: Certification | None = None

    def __init__(self, fail_first: bool = False) -> None:
        self.second_prepared = threading.Event()
        self.first_may_prepare = threading.Event()
        self.prepared: list[int] = []
        self.overlapped = False
        self.fail_first = fail_first

    def prepare(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[Case]:
        self.prepared.append(len(cases))
        if len(self.prepared) == 2:
            self.second_prepared.set()
        return list(cases)

    def finish(self, prepared: list[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        if len(self.prepared) == 1 and not self.overlapped:
            self.first_may_prepare.set()
            self.overlapped = self.second_prepared.wait(timeout=5)
            if self.fail_first:
                raise RuntimeError("model failed")
        return [_output(c) for c in prepared]

    def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        return self.finish(self.prepare(cases, evidence), evidence)


def _case(n: int) -> Case:
    data = clean_case_dict()
    data["case_id"] = f"WO-{n}"
    return make_case(data)


async def _score_two_batches(predictor: Staged) -> list[Any]:
    batcher = MicroBatcher(lambda: predictor, window=0)
    await batcher.start()
    try:
        first = asyncio.ensure_future(batcher.score(_case(1), reconcile(_case(1))))
        await asyncio.to_thread(predictor.first_may_prepare.wait, 5)
        rest = [asyncio.ensure_future(batcher.score(_case(n), reconcile(_case(n)))) for n in (2, 3)]
        return await asyncio.gather(first, *rest, return_exceptions=True)
    finally:
        await batcher.stop()


def test_the_next_batch_is_prepared_while_the_previous_one_finishes() -> None:
    predictor = Staged()
    assert isinstance(predictor, StagedPredictor)
    results = asyncio.run(_score_two_batches(predictor))
    assert predictor.overlapped
    assert predictor.prepared == [1, 2]
    assert [r.output.billable_probability for r in results] == [0.01, 0.02, 0.03]
    assert {r.model_version for r in results} == {"staged-1"}


def test_a_failed_batch_fails_its_own_waiters_only() -> None:
    results = asyncio.run(_score_two_batches(Staged(fail_first=True)))
    assert isinstance(results[0], RuntimeError)
    assert [r.output.billable_probability for r in results[1:]] == [0.02, 0.03]


@pytest.mark.parametrize("size", [1, 5])
def test_a_predictor_without_stages_is_scored_in_one_piece(size: int) -> None:
    class Plain:
        version = "plain-1"
        certification: Certification | None = None

        def __init__(self) -> None:
            self.calls: list[int] = []

        def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[Any]:
            self.calls.append(len(cases))
            return [_output(c) for c in cases]

    plain = Plain()

    async def run() -> list[Any]:
        batcher = MicroBatcher(lambda: plain)  # type: ignore[arg-type, return-value]
        await batcher.start()
        try:
            return list(
                await asyncio.gather(
                    *(batcher.score(_case(n), reconcile(_case(n))) for n in range(1, size + 1))
                )
            )
        finally:
            await batcher.stop()

    results = asyncio.run(run())
    assert not isinstance(plain, StagedPredictor)
    assert sum(plain.calls) == size
    assert [r.output.billable_probability for r in results] == [n / 100 for n in range(1, size + 1)]


class SlowPrepare:
    """The first batch's prepare waits until a second batch is being prepared beside it:
    with one prepare slot the second batch could only start after it and this times out."""

    version = "slow-1"
    certification: Certification | None = None

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.first_started = threading.Event()
        self.second_started = threading.Event()
        self.overlapped = False
        self.lock = threading.Lock()
        self.batches: list[list[str]] = []

    def prepare(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[Case]:
        with self.lock:
            self.batches.append([c.case_id for c in cases])
            first = len(self.batches) == 1
        if first:
            self.first_started.set()
            self.overlapped = self.second_started.wait(timeout=self.timeout)
        else:
            self.second_started.set()
        return list(cases)

    def finish(self, prepared: list[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        return [_output(c) for c in prepared]

    def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        return self.finish(self.prepare(cases, evidence), evidence)


@pytest.mark.parametrize("depth", [1, 2])
def test_depth_bounds_the_batches_prepared_at_once(depth: int) -> None:
    predictor = SlowPrepare(timeout=5 if depth == 2 else 0.5)

    async def run() -> list[Any]:
        batcher = MicroBatcher(lambda: predictor, window=0, depth=depth)
        await batcher.start()
        try:
            first = asyncio.ensure_future(batcher.score(_case(1), reconcile(_case(1))))
            await asyncio.to_thread(predictor.first_started.wait, 5)
            second = asyncio.ensure_future(batcher.score(_case(2), reconcile(_case(2))))
            return list(await asyncio.gather(first, second))
        finally:
            await batcher.stop()

    results = asyncio.run(run())
    assert predictor.overlapped is (depth == 2)
    assert predictor.batches == [["WO-1"], ["WO-2"]]
    assert [r.output.billable_probability for r in results] == [0.01, 0.02]
