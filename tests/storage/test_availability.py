"""The service waits for a database that is briefly unreachable, and only for that."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import errors as pg_errors
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from tests.storage.pg_gate import postgres_gate
from triage.storage import head_revision, migrate
from triage.storage.availability import DatabaseUnavailableError, database_unavailable


def _wrapped(orig: Exception, kind: type[DBAPIError] = OperationalError) -> DBAPIError:
    return kind("SELECT 1", {}, orig)


@pytest.mark.parametrize(
    "message",
    [
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
        "Connection refused",
        "connection failed: FATAL:  the database system is starting up",
        "connection failed: FATAL:  the database system is not yet accepting connections",
        "connection failed: FATAL:  the database system is shutting down",
        "consuming input failed: server closed the connection unexpectedly",
    ],
)
def test_connection_failures_count_as_unavailable(message: str) -> None:
    assert database_unavailable(_wrapped(psycopg.OperationalError(message)))


@pytest.mark.parametrize(
    "error",
    [
        _wrapped(psycopg.OperationalError('FATAL:  password authentication failed for user "x"')),
        _wrapped(psycopg.OperationalError('FATAL:  database "nope" does not exist')),
        _wrapped(pg_errors.UndefinedTable("relation missing"), ProgrammingError),
        _wrapped(pg_errors.SerializationFailure("could not serialize"), OperationalError),
        ValueError("unsupported database URL 'mysql'"),
    ],
)
def test_other_errors_do_not(error: Exception) -> None:
    assert not database_unavailable(error)


def test_server_shutdown_sqlstate_counts_as_unavailable() -> None:
    assert database_unavailable(_wrapped(pg_errors.AdminShutdown("terminating connection")))
    assert database_unavailable(_wrapped(pg_errors.CannotConnectNow("starting up")))


@pytest.mark.postgres
def test_migrate_waits_for_a_database_that_comes_up(
    postgres_schema_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with postgres_gate(postgres_schema_url, open_now=False) as gate:
        threading.Timer(0.8, gate.open).start()
        with caplog.at_level(logging.WARNING, logger="triage.storage"):
            revision = migrate(gate.url, connect_timeout=10)
    assert revision == head_revision()
    retries = [r for r in caplog.records if "not reachable" in r.getMessage()]
    assert retries, "each retry is logged"
    assert "Connection refused" in retries[0].getMessage()


def test_gives_up_after_the_timeout_with_a_clear_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with postgres_gate(
        "postgresql+psycopg://nobody:secret@127.0.0.1:5432/x", open_now=False
    ) as gate:
        started = time.monotonic()
        with (
            caplog.at_level(logging.WARNING, logger="triage.storage"),
            pytest.raises(DatabaseUnavailableError, match="not reachable after 1 s") as raised,
        ):
            migrate(gate.url, connect_timeout=1)
    assert 1 <= time.monotonic() - started < 5
    assert f":{gate.port}/x" in raised.value.message
    assert "secret" not in raised.value.message
    assert raised.value.status_code == 503
    assert len(caplog.records) >= 2


@pytest.mark.postgres
def test_bad_credentials_fail_at_once(postgres_schema_url: str) -> None:
    url = make_url(postgres_schema_url).set(username="no_such_role_4")
    started = time.monotonic()
    with pytest.raises(OperationalError, match="no_such_role_4"):
        migrate(url.render_as_string(hide_password=False), connect_timeout=30)
    assert time.monotonic() - started < 5


def test_sqlite_errors_are_not_retried(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(OperationalError, match="unable to open"):
        migrate(f"sqlite:///{tmp_path}/", connect_timeout=30)
    assert time.monotonic() - started < 5


def test_unsupported_url_is_not_retried() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        migrate("mysql://127.0.0.1/x", connect_timeout=30)
