"""The model process: scores in a child, keeps the two stages apart, fails a batch (not the
worker) when the child dies, restarts it, and never outlives the worker's end of the socket."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.factories import clean_case_dict, make_case
from tests.fake_models import FINISH_SECONDS, ChildPredictor
from triage.config import PROJECT_DIR
from triage.domain.case import Case
from triage.domain.vocab import EXCEPTION_LABELS
from triage.errors import ModelError, ModelUnavailableError
from triage.modeling.predictor import ModelOutput
from triage.modeling.process import PREPARE_DEPTH, ProcessPredictor, prestart
from triage.reconcile import reconcile
from triage.reconcile.evidence import Evidence


def failing_loader(directory: Path, backend: str) -> ChildPredictor:
    raise ModelError(f"no bundle in {directory}")


def _case(case_id: str) -> Case:
    return make_case({**clean_case_dict(), "case_id": case_id})


def _batch(*suffixes: str) -> tuple[list[Case], list[Evidence]]:
    cases = [_case(f"C-{suffix}") for suffix in suffixes]
    return cases, [reconcile(case) for case in cases]


@pytest.fixture
def predictor() -> ProcessPredictor:
    model = ProcessPredictor(Path("/bundles/m7"), "onnx", loader=ChildPredictor)
    yield model
    model.close()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return status == "Z"  # exited, not yet reaped


def test_scores_in_a_child_process_and_answers_each_case(predictor: ProcessPredictor) -> None:
    child = predictor.pid
    assert child is not None
    assert child != os.getpid()
    assert predictor.version == f"m7-onnx-{child}"
    cases, evidence = _batch("a", "bb", "ccc")
    outputs = predictor.predict(cases, evidence)
    assert [o.billable_probability for o in outputs] == [0.03, 0.04, 0.05]
    assert {o.p_values[EXCEPTION_LABELS[0]] for o in outputs} == {float(child)}


def test_the_first_predictor_of_a_bundle_adopts_the_child_prestarted_for_it() -> None:
    early = prestart(Path("/bundles/m9"), "onnx", loader=ChildPredictor)
    models = [
        ProcessPredictor(Path("/bundles/m8"), "onnx", loader=ChildPredictor),
        ProcessPredictor(Path("/bundles/m9"), "onnx", loader=ChildPredictor),
        ProcessPredictor(Path("/bundles/m9"), "onnx", loader=ChildPredictor),
    ]
    try:
        other, adopted, later = models
        assert adopted.pid == early
        assert adopted.version == f"m9-onnx-{early}"
        assert early not in (other.pid, later.pid)  # another bundle's, and once only
        assert adopted.predict(*_batch("a"))[0].p_values[EXCEPTION_LABELS[0]] == float(early)
    finally:
        for model in models:
            model.close()


def test_the_next_batch_is_prepared_while_the_previous_one_is_explained(
    predictor: ProcessPredictor,
) -> None:
    first = predictor.prepare(*_batch("slow"))
    finished = threading.Event()
    threading.Thread(
        target=lambda: (predictor.finish(first, []), finished.set()), daemon=True
    ).start()
    started = time.perf_counter()
    second = predictor.prepare(*_batch("x"))
    assert not finished.is_set(), "the second batch waited for the first one's explanations"
    assert time.perf_counter() - started < FINISH_SECONDS
    assert [o.billable_probability for o in predictor.finish(second, [])] == [0.03]
    assert finished.wait(timeout=10)


def test_the_child_prepares_two_batches_at_once(predictor: ProcessPredictor) -> None:
    """The worker keeps PREPARE_DEPTH batches in flight: the child must embed them side by
    side, not queue the second behind the first."""
    assert PREPARE_DEPTH == 2
    held = threading.Thread(target=lambda: outputs.extend(predictor.predict(*_batch("hold"))))
    outputs: list[ModelOutput] = []
    held.start()
    time.sleep(0.2)
    assert [o.billable_probability for o in predictor.predict(*_batch("x"))] == [0.03]
    held.join(timeout=10)
    assert [o.billable_probability for o in outputs] == [1.0]


def test_a_failing_batch_raises_in_the_worker_and_the_child_goes_on(
    predictor: ProcessPredictor,
) -> None:
    with pytest.raises(ValueError, match="cannot score C-boom"):
        predictor.predict(*_batch("boom"))
    with pytest.raises(ModelError, match="Unpicklable: odd"):
        predictor.predict(*_batch("odd"))
    child = predictor.pid
    assert len(predictor.predict(*_batch("ok"))) == 1
    assert predictor.pid == child


def test_a_dead_child_fails_its_batch_and_the_next_batch_restarts_it(
    predictor: ProcessPredictor,
) -> None:
    child = predictor.pid
    with pytest.raises(ModelUnavailableError, match="exited with code 3"):
        predictor.predict(*_batch("die"))
    outputs = predictor.predict(*_batch("ok"))
    assert predictor.pid not in (None, child)
    assert outputs[0].p_values[EXCEPTION_LABELS[0]] == float(predictor.pid or 0)


def test_the_child_does_not_outlive_a_killed_worker() -> None:
    """SIGKILL gives the worker no chance to close its model process: the child must see
    its socket close and exit by itself."""
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from triage.modeling.process import ProcessPredictor;"
            "from tests.fake_models import ChildPredictor;"
            "model = ProcessPredictor(Path('/bundles/m7'), 'onnx', loader=ChildPredictor);"
            "print(model.pid, flush=True); time.sleep(600)",
        ],
        stdout=subprocess.PIPE,
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert worker.stdout is not None
    child = int(worker.stdout.readline())
    assert not _gone(child)
    worker.kill()
    worker.wait()
    deadline = time.monotonic() + 10
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


def test_closing_stops_the_child_and_refuses_later_batches(predictor: ProcessPredictor) -> None:
    child = predictor.pid
    assert child is not None
    predictor.close()
    assert _gone(child)
    with pytest.raises(ModelUnavailableError, match="unloaded"):
        predictor.predict(*_batch("late"))


def test_a_loader_error_reaches_the_worker() -> None:
    with pytest.raises(ModelError, match="no bundle in /nowhere"):
        ProcessPredictor(Path("/nowhere"), "onnx", loader=failing_loader)
