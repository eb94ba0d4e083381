"""The model holder: a swap serves the new model at once and closes the old one (its model
process) only after the batches that read the old reference have reached it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from triage.domain.certification import Certification
from triage.services import models


class Closable:
    certification: Certification | None = None

    def __init__(self, path: Path) -> None:
        self.version = path.name
        self.closed = threading.Event()

    def close(self) -> None:
        self.closed.set()


def test_a_swap_closes_the_old_model_after_the_grace_and_never_the_new_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(models, "RETIRE_SECONDS", 0.3)
    holder = models.ModelHolder(Closable, Path("/bundles/v1"))
    holder.reload()
    first = holder.current()
    assert isinstance(first, Closable)
    old, _ = holder.reload(Path("/bundles/v2"))
    assert old is not None
    assert old.predictor is first
    assert holder.current().version == "v2"
    assert not first.closed.is_set(), "closed before in-flight batches could finish on it"
    assert first.closed.wait(timeout=5)
    second = holder.current()
    assert isinstance(second, Closable)
    assert not second.closed.is_set()
    holder.close()
    assert second.closed.is_set()
