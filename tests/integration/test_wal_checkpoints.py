"""The service's SQLite commits leave WAL checkpoints to a thread of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from triage.storage import checkpoints
from triage.storage.checkpoints import WalCheckpointer, wal_checkpointer
from triage.storage.engine import make_engine

PAGE = 4096
AUTOCHECKPOINT_PAGES = 1000  # SQLite's default, which commits would otherwise pay


def _write_pages(engine: Engine, pages: int) -> None:
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS blobs (b BLOB)"))
    for _ in range(pages // 50):
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO blobs VALUES (:b)"), [{"b": bytes(PAGE)}] * 50)


def _wal(database: Path) -> Path:
    return database.with_name(database.name + "-wal")


def test_commits_leave_the_wal_to_the_checkpointer(tmp_path: Path) -> None:
    database = tmp_path / "t.db"
    engine = make_engine(f"sqlite:///{database}", background_checkpoints=True)
    _write_pages(engine, 1500)
    # past the automatic checkpoint's 1000 pages, the WAL kept growing: no commit checkpointed
    assert _wal(database).stat().st_size > AUTOCHECKPOINT_PAGES * PAGE
    assert database.stat().st_size < 100 * PAGE
    checkpoints.checkpoint(engine, _wal(database))  # PASSIVE: copied into the database file
    assert database.stat().st_size > 1400 * PAGE
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM blobs")).scalar_one() == 1500


def test_a_wal_past_the_limit_is_truncated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkpoints, "TRUNCATE_ABOVE_BYTES", 100 * PAGE)
    database = tmp_path / "t.db"
    engine = make_engine(f"sqlite:///{database}", background_checkpoints=True)
    _write_pages(engine, 300)
    checkpoints.checkpoint(engine, _wal(database))
    assert _wal(database).stat().st_size == 0


def test_default_engines_keep_the_automatic_checkpoint(tmp_path: Path) -> None:
    database = tmp_path / "t.db"
    engine = make_engine(f"sqlite:///{database}")
    _write_pages(engine, 1500)
    assert database.stat().st_size > 900 * PAGE  # a commit checkpointed on its own


def test_the_thread_checkpoints_and_stops_after_a_last_one(tmp_path: Path) -> None:
    database = tmp_path / "t.db"
    engine = make_engine(f"sqlite:///{database}", background_checkpoints=True)
    checkpointer = wal_checkpointer(engine)
    assert isinstance(checkpointer, WalCheckpointer)
    checkpointer.start()
    _write_pages(engine, 500)
    checkpointer.stop()
    assert database.stat().st_size > 450 * PAGE
    assert wal_checkpointer(make_engine("sqlite://")) is None
