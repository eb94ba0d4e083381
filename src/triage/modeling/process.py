"""A predictor hosted in its own process, so scoring does not share the server's GIL.

A service worker's event loop, its group writer and the model's Python glue (batch
assembly, SHAP bookkeeping, reasons) all hold one interpreter lock: at concurrency 32
the worker kept its two cores only ~70 % busy, no thread saturated. In a child
process the model gets an interpreter of its own; the worker only pickles cases
out and outputs back (~60 us a case, against ~3.6 ms of model work).

The child runs the same two stages as the in-process micro-batcher: `prepare`
(embed, assemble) answers "prepared" as soon as a batch's features are built, and a
second thread explains it meanwhile and answers its outputs. The parent's
`prepare`/`finish` wait for those two answers, so the micro-batcher's pipelining
and batch forming are unchanged.

The child is `python -m triage.modeling.process FD` on one end of a socket pair
(not `multiprocessing`, whose spawn start also keeps a resource-tracker process per
worker, 12 MB). It ignores SIGINT and SIGTERM: it exits when its socket closes (the
worker closed it, or died), so a Ctrl-C or a group SIGTERM lets the worker drain it
first and it never outlives its worker. If the child dies, the batches in it fail
with `ModelUnavailableError` (503: retry) and the next batch starts a new child.
The model's own errors cross the pipe as they were raised.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from triage.domain.case import Case
from triage.domain.certification import Certification
from triage.errors import ModelError, ModelUnavailableError
from triage.malloc import cap_malloc_arenas
from triage.modeling.predictor import ModelOutput, Predictor, stages
from triage.reconcile.evidence import Evidence

log = logging.getLogger("triage.model_process")

# batches embedded at once (the worker's micro-batcher keeps as many in flight): a batch
# formed while another embeds starts at once, in the CPU the first one leaves idle
PREPARE_DEPTH = 2
START_TIMEOUT = 120.0  # seconds for the child to import, load and warm its bundle
STOP_TIMEOUT = 10.0
Loader = Callable[[Path, str], Predictor]


def load_bundle(directory: Path, backend: str) -> Predictor:
    """The child's default loader: the shipped bundle format, LightGBM without its extras."""
    from triage.modeling.bundle import import_lightgbm_without_extras, load_predictor

    import_lightgbm_without_extras()
    return load_predictor(directory, backend)


def _child(conn: Connection) -> None:
    """The child's main: load, warm, announce, then serve batches until the socket closes."""
    # before its threads start. Up to eight run here: two arenas held the most memory back
    # (210-220 MB) but made a lone case 1.4 ms slower at its median; four keep ~230 MB
    cap_malloc_arenas(4)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)
    try:
        paths, payload = conn.recv()
        sys.path[:0] = [path for path in paths if path not in sys.path]
        loader, directory, backend = payload
        predictor = loader(directory, backend)
        warm = getattr(predictor, "warm_up", None)
        if callable(warm):
            warm()
    except BaseException as exc:
        conn.send(("failed", _portable(exc)))
        return
    conn.send(("ready", predictor.version, predictor.certification))
    prepare, finish = stages(predictor)
    send_lock = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        with send_lock:
            conn.send(message)

    finishing: queue.Queue[tuple[int, Any, Sequence[Evidence]] | None] = queue.Queue()

    def finisher() -> None:
        while (job := finishing.get()) is not None:
            batch, prepared, evidence = job
            try:
                send(("result", batch, finish(prepared, evidence)))
            except Exception as exc:
                send(("error", batch, _portable(exc)))

    thread = threading.Thread(target=finisher, name="explain", daemon=True)
    thread.start()

    def prepare_one(batch: int, cases: list[Case], evidence: list[Evidence]) -> None:
        try:
            prepared = prepare(cases, evidence)
        except Exception as exc:
            send(("error", batch, _portable(exc)))
            return
        send(("prepared", batch))
        finishing.put((batch, prepared, evidence))

    with ThreadPoolExecutor(max_workers=PREPARE_DEPTH, thread_name_prefix="prepare") as pool:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                break
            if message is None:
                break
            pool.submit(prepare_one, *message)
    finishing.put(None)  # batches already prepared are still explained and answered
    thread.join()


def _portable(exc: BaseException) -> BaseException:
    """The exception itself if it crosses the pipe, else a ModelError with its text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return ModelError(f"{type(exc).__name__}: {exc}")
    return exc


Spawned = tuple[subprocess.Popen[bytes], Connection]
_EARLY: dict[tuple[Loader, Path, str], Spawned] = {}
_EARLY_LOCK = threading.Lock()


def _spawn(args: tuple[Loader, Path, str]) -> Spawned:
    """Start a child and hand it what to load; it announces when it is ready."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        process = subprocess.Popen(
            [sys.executable, "-m", "triage.modeling.process", str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
        )
        conn = Connection(ours.detach())
    with contextlib.suppress(OSError):  # died at once: reading its answer gives the exit code
        conn.send((sys.path, args))
    return process, conn


def prestart(directory: Path, backend: str = "onnx", *, loader: Loader = load_bundle) -> int:
    """Start this bundle's model process now; the first `ProcessPredictor` for it adopts
    it. A worker's own imports (FastAPI, SQLAlchemy, the routes) take as long as the
    child's import, load and warm-up, so started first the child loads meanwhile. Not
    adopted, it exits when this process does (its socket closes). Returns its pid."""
    spawned = _spawn((loader, directory, backend))
    with _EARLY_LOCK:
        _EARLY[(loader, directory, backend)] = spawned
    return spawned[0].pid


@dataclass(slots=True)
class _Batch:
    prepared: Future[None] = field(default_factory=Future)
    outputs: Future[list[ModelOutput]] = field(default_factory=Future)


class ProcessPredictor:
    """A `StagedPredictor` whose model lives in a child process (see the module doc)."""

    def __init__(
        self, directory: Path, backend: str = "onnx", *, loader: Loader = load_bundle
    ) -> None:
        self._args = (loader, directory, backend)
        self._lock = threading.Lock()  # one sender at a time; (re)start under it too
        self._pending: dict[int, _Batch] = {}
        self._ids = itertools.count()
        self._closed = False
        self._conn: Connection | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._version = ""
        self._certification: Certification | None = None
        with self._lock:
            self._start()

    @property
    def version(self) -> str:
        return self._version

    @property
    def certification(self) -> Certification | None:
        return self._certification

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _start(self) -> None:
        """Adopt the child `prestart` began for this bundle, or start one; wait for it to
        announce its model (caller holds the lock)."""
        with _EARLY_LOCK:
            spawned = _EARLY.pop(self._args, None)
        process, conn = spawned or _spawn(self._args)
        try:
            if not conn.poll(START_TIMEOUT):
                raise ModelError(f"the model process did not start within {START_TIMEOUT:.0f} s")
            message = conn.recv()
        except (EOFError, OSError):
            process.wait()
            raise ModelError(
                f"the model process exited with code {process.returncode} while loading"
            ) from None
        except BaseException:
            process.kill()
            process.wait()
            raise
        if message[0] == "failed":
            process.wait()
            raise message[1]
        _, self._version, self._certification = message
        self._conn, self._process = conn, process
        threading.Thread(
            target=self._receive, args=(conn, process), name="model-results", daemon=True
        ).start()

    def _receive(self, conn: Connection, process: subprocess.Popen[bytes]) -> None:
        """Route the child's answers to their batches; when it dies, fail what it held."""
        while True:
            try:
                kind, batch, *rest = conn.recv()
            except (EOFError, OSError):
                break
            pending = self._pending.get(batch)
            if pending is None:
                continue
            if kind == "prepared":
                pending.prepared.set_result(None)
                continue
            self._pending.pop(batch, None)
            if kind == "result":
                pending.outputs.set_result(rest[0])
            else:
                _fail(pending, rest[0])
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT)
        with self._lock:
            if self._conn is conn:
                self._conn = None
            lost = list(self._pending.values())
            self._pending.clear()
        if lost or not self._closed:
            log.error("model process %s exited with code %s", process.pid, process.returncode)
        for pending in lost:
            _fail(
                pending,
                ModelUnavailableError(
                    f"the model process exited with code {process.returncode}; retry"
                ),
            )

    def prepare(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> _Batch:
        """Send the batch; return once the child has built its features."""
        with self._lock:
            if self._closed:
                raise ModelUnavailableError("this model was unloaded; retry")
            if self._conn is None:
                log.warning("restarting the model process")
                self._start()
            assert self._conn is not None
            batch_id, pending = next(self._ids), _Batch()
            self._pending[batch_id] = pending
            try:
                self._conn.send((batch_id, list(cases), list(evidence)))
            except (OSError, ValueError) as exc:
                self._pending.pop(batch_id, None)
                raise ModelUnavailableError(f"the model process is gone: {exc}") from exc
        pending.prepared.result()
        return pending

    def finish(self, prepared: _Batch, evidence: Sequence[Evidence]) -> list[ModelOutput]:
        return prepared.outputs.result()

    def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        return self.finish(self.prepare(cases, evidence), evidence)

    def close(self) -> None:
        """Let the child answer what it holds, then stop it."""
        with self._lock:
            self._closed = True
            conn, process = self._conn, self._process
            if conn is not None:
                with contextlib.suppress(OSError, ValueError):
                    conn.send(None)
        if process is not None:
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _fail(pending: _Batch, exc: BaseException) -> None:
    for future in (pending.prepared, pending.outputs):
        if not future.done():
            future.set_exception(exc)


if __name__ == "__main__":
    _child(Connection(int(sys.argv[1])))
