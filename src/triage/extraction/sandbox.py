"""A pool of worker processes that read untrusted PDFs under size, page, time and memory limits.

Each worker is a separate interpreter (`python -m triage.extraction.worker`)
that keeps running between files, so the per-file cost is a pipe round trip.
A worker that runs past the time limit is killed and replaced; one that dies
is reported as an unreadable file. Replies are JSON, never pickle, so even a
subverted worker cannot run code in the caller. The caller never parses a PDF.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from triage.errors import ExtractionError
from triage.extraction.model import ExtractedDocument, Limits


class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ)
        env.setdefault("PYTHONHASHSEED", "0")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "triage.extraction.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            close_fds=True,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def exchange(self, data: bytes, limits: Limits) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        deadline = time.monotonic() + limits.timeout_seconds
        header = {
            "size": len(data),
            "max_pages": limits.max_pages,
            "memory_bytes": limits.memory_bytes,
        }
        try:
            self.process.stdin.write(json.dumps(header).encode() + b"\n" + data)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _died(self, limits) from exc
        fd = self.process.stdout.fileno()
        buffer = bytearray()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    raise ExtractionError(
                        "too_slow", f"the PDF took longer than {limits.timeout_seconds:g} s to read"
                    )
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    raise _died(self, limits)
                buffer.extend(chunk)
        reply: dict[str, Any] = json.loads(bytes(buffer).split(b"\n", 1)[0])
        return reply


# How a native parser dies when an allocation fails under the address-space limit:
# std::bad_alloc ends in abort(), allocator out-of-memory checks trap.
_OUT_OF_MEMORY_SIGNALS = frozenset({signal.SIGABRT, signal.SIGTRAP, signal.SIGILL})


def _died(worker: _Worker, limits: Limits) -> ExtractionError:
    try:
        code = worker.process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        code = None
    if code is not None and code < 0 and -code in _OUT_OF_MEMORY_SIGNALS:
        return ExtractionError(
            "too_large_in_memory",
            f"the PDF needs more than the {limits.memory_bytes // (1024 * 1024)} MiB of memory "
            "allowed to read it",
        )
    return ExtractionError(
        "corrupt",
        f"the PDF parser stopped on this file (exit {code}): it is malformed",
    )


class WorkerPool:
    """Thread-safe: each call borrows one idle worker (or starts one, up to `size`)."""

    def __init__(self, size: int = 2) -> None:
        self.size = size
        self._idle: list[_Worker] = []
        self._started = 0
        self._cond = threading.Condition()

    def _acquire(self) -> _Worker:
        with self._cond:
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        return worker
                    worker.kill()
                    self._started -= 1
                if self._started < self.size:
                    self._started += 1
                    break
                self._cond.wait()
        try:
            return _Worker()
        except BaseException:
            with self._cond:
                self._started -= 1
                self._cond.notify()
            raise

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if not healthy:
            worker.kill()
        with self._cond:
            if healthy and worker.alive():
                self._idle.append(worker)
            else:
                self._started -= 1
            self._cond.notify()

    def run(self, data: bytes, limits: Limits) -> dict[str, Any]:
        worker = self._acquire()
        healthy = False
        try:
            reply = worker.exchange(data, limits)
            healthy = True
        finally:
            self._release(worker, healthy)
        if reply.get("status") == "ok":
            result: dict[str, Any] = reply["result"]
            return result
        raise ExtractionError(
            str(reply.get("code", "corrupt")),
            str(reply.get("message", "the PDF could not be read")),
            status_code=int(reply.get("status_code", 422)),
        )

    def close(self) -> None:
        with self._cond:
            workers, self._idle = self._idle, []
            self._started -= len(workers)
        for worker in workers:
            worker.kill()


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> WorkerPool:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = WorkerPool(size=max(2, min(4, os.cpu_count() or 2)))
            atexit.register(_POOL.close)
        return _POOL


def check_bytes(data: bytes, limits: Limits) -> None:
    """Refuse before any parsing what is too large or not a PDF at all."""
    if len(data) > limits.max_bytes:
        raise ExtractionError(
            "too_large",
            f"the file has {len(data)} bytes; at most {limits.max_bytes} are accepted",
            status_code=413,
        )
    if not data.strip():
        raise ExtractionError("not_a_pdf", "the file is empty", status_code=415)
    if b"%PDF-" not in data[:1024]:
        raise ExtractionError(
            "not_a_pdf", "the file is not a PDF (no %PDF- header)", status_code=415
        )


def extract_pdf(
    data: bytes, *, limits: Limits | None = None, filename: str = ""
) -> ExtractedDocument:
    """Read an untrusted PDF in a worker process; every failure is an ExtractionError."""
    limits = limits or Limits()
    try:
        check_bytes(data, limits)
        payload = pool().run(data, limits)
        return ExtractedDocument.model_validate(payload)
    except ExtractionError as exc:
        if filename:
            exc.message = f"{filename}: {exc.message}"
            exc.args = (exc.message,)
        raise
