"""Shared fixtures: databases on both backends.

``db_url`` is parametrized over SQLite (a temporary file) and PostgreSQL
(127.0.0.1:5432, trust auth, database ``test``; a fresh schema per test so
parallel ``pytest -n 2`` workers never collide). PostgreSQL tests are skipped
when the server is down, unless ``TRIAGE_REQUIRE_POSTGRES`` is set or
``CI=true``: then they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from triage.storage import make_engine, migrate

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PG_HOST = os.environ.get("TRIAGE_TEST_PG_HOST", "127.0.0.1:5432")
PG_DATABASE = os.environ.get("TRIAGE_TEST_PG_DATABASE", "test")
PG_USERS = ("postgres", "root")


def _postgres_required() -> bool:
    return bool(os.environ.get("TRIAGE_REQUIRE_POSTGRES")) or os.environ.get("CI") == "true"


@lru_cache(maxsize=1)
def _postgres_base_url() -> str | None:
    """The first user that can connect, or None when the server is unreachable."""
    for user in PG_USERS:
        url = f"postgresql+psycopg://{user}@{PG_HOST}/{PG_DATABASE}"
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return url
        except OperationalError:
            continue
        finally:
            engine.dispose()
    return None


def postgres_base_url() -> str:
    """The server URL, or skip (fail in CI) when PostgreSQL is down."""
    url = _postgres_base_url()
    if url is None:
        message = f"PostgreSQL not reachable at {PG_HOST}/{PG_DATABASE}"
        if _postgres_required():
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema (dropped afterwards) as a database URL."""
    base = postgres_base_url()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend (not migrated)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'triage.db'}"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


@pytest.fixture
def migrated_url(db_url: str) -> str:
    """``db_url`` with the schema migrated to head."""
    migrate(db_url)
    return db_url


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    """An engine on a migrated database of each backend."""
    engine = make_engine(migrated_url)
    try:
        yield engine
    finally:
        engine.dispose()
