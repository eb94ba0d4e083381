"""Engines and sessions: one place that knows the SQLite and PostgreSQL quirks.

SQLite runs in WAL mode with ``synchronous=FULL`` (an acknowledged commit
survives power loss) and a busy timeout. Writing transactions start with
``BEGIN IMMEDIATE`` so they take the write lock up front: a deferred
transaction that reads first and writes later can fail with SQLITE_BUSY
without waiting, which would break the serialised audit append. Read-only
work can use :func:`readonly_engine` to start deferred transactions that
never block writers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pydantic_core
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
_READONLY_OPTION = "triage_readonly"


def normalise_url(url: str | URL) -> URL:
    """Map ``postgresql://`` and ``postgres://`` to the psycopg 3 driver."""
    parsed = make_url(str(url)) if isinstance(url, str) else url
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.drivername.startswith(("sqlite", "postgresql")):
        raise ValueError(f"unsupported database URL {parsed.drivername!r}")
    return parsed


def is_sqlite(engine_or_url: Engine | URL) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else engine_or_url
    return url.get_backend_name() == "sqlite"


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine (None for memory databases and PostgreSQL)."""
    return _sqlite_file(engine.url) if is_sqlite(engine) else None


def json_text(value: Any) -> str:
    """How JSON columns are written: pydantic-core's encoder, several times faster than
    `json.dumps`, which took half of the group writer's time per decision (the case and
    the decision are JSON columns). Reads are unchanged (`json.loads`)."""
    return pydantic_core.to_json(value).decode()


def make_engine(
    url: str | URL, *, echo: bool = False, background_checkpoints: bool = False, **kwargs: Any
) -> Engine:
    """Create an engine with the project's connection settings (creates the SQLite folder).

    `background_checkpoints`: SQLite commits never checkpoint the WAL themselves; the
    caller runs a `checkpoints.WalCheckpointer` (the service does)."""
    parsed = normalise_url(url)
    kwargs.setdefault("json_serializer", json_text)
    if is_sqlite(parsed):
        path = _sqlite_file(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        connect_args.setdefault("check_same_thread", False)
        engine = create_engine(parsed, echo=echo, connect_args=connect_args, **kwargs)
        _install_sqlite_hooks(engine, autocheckpoint=not background_checkpoints)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, echo=echo, **kwargs)


def _install_sqlite_hooks(engine: Engine, *, autocheckpoint: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        if not autocheckpoint:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        readonly = connection.get_execution_options().get(_READONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def readonly_engine(engine: Engine) -> Engine:
    """The same pool, but SQLite transactions start deferred (readers never block writers)."""
    return engine.execution_options(**{_READONLY_OPTION: True})


class SessionFactory:
    """Holds an engine and hands out sessions; the one object the app wires at start."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._maker = sessionmaker(bind=engine, expire_on_commit=False)
        self._readonly_maker = sessionmaker(bind=readonly_engine(engine), expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str | URL, *, background_checkpoints: bool = False) -> SessionFactory:
        return cls(make_engine(url, background_checkpoints=background_checkpoints))

    def __call__(self) -> Session:
        return self._maker()

    @contextmanager
    def scope(self, *, readonly: bool = False) -> Iterator[Session]:
        """One transaction: commit on success, roll back on any exception."""
        maker = self._readonly_maker if readonly else self._maker
        with maker() as session, session.begin():
            yield session


@contextmanager
def session_scope(engine: Engine, *, readonly: bool = False) -> Iterator[Session]:
    """One transaction on ``engine``: commit on success, roll back on any exception."""
    bind = readonly_engine(engine) if readonly else engine
    with Session(bind=bind, expire_on_commit=False) as session, session.begin():
        yield session
