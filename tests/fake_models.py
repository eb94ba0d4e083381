"""A fake model for the model process: importable by the child, steered by case ids."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from triage.domain.case import Case
from triage.domain.certification import Certification
from triage.domain.vocab import EXCEPTION_LABELS
from triage.modeling.predictor import ModelOutput
from triage.reconcile.evidence import Evidence

FINISH_SECONDS = 2.0


class Unpicklable(Exception):
    def __init__(self, message: str, _extra: object) -> None:  # pickle cannot rebuild it
        super().__init__(message)


class ChildPredictor:
    """Runs in the child. Case ids steer it: `...-die` exits the process, `...-boom`
    raises, `...-odd` raises an exception that cannot cross the pipe; `...-slow` makes
    the finish stage take FINISH_SECONDS; `...-hold` waits in prepare until another batch
    is being prepared (`overlapped` lists the batches that saw one)."""

    certification: Certification | None = None

    def __init__(self, directory: Path, backend: str) -> None:
        self.version = f"{directory.name}-{backend}-{os.getpid()}"
        self.preparing = threading.Semaphore(0)
        self.overlapped: set[str] = set()

    def prepare(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[Case]:
        self.preparing.release()
        for case in cases:
            if case.case_id.endswith("-hold"):
                self.preparing.acquire()  # this batch's own release
                if self.preparing.acquire(timeout=FINISH_SECONDS):
                    self.overlapped.add(case.case_id)
                    self.preparing.release()
            if case.case_id.endswith("-die"):
                os._exit(3)
            if case.case_id.endswith("-boom"):
                raise ValueError(f"cannot score {case.case_id}")
            if case.case_id.endswith("-odd"):
                raise Unpicklable("odd", object())
        return list(cases)

    def finish(self, cases: list[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        if any(case.case_id.endswith("-slow") for case in cases):
            time.sleep(FINISH_SECONDS)
        even = 1.0 / len(EXCEPTION_LABELS)
        return [
            ModelOutput(
                probabilities=dict.fromkeys(EXCEPTION_LABELS, even),
                p_values=dict.fromkeys(EXCEPTION_LABELS, float(os.getpid())),
                billable_probability=(
                    1.0 if case.case_id in self.overlapped else len(case.case_id) / 100
                ),
            )
            for case in cases
        ]

    def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        return self.finish(self.prepare(cases, evidence), evidence)
