"""Tell "the database is down right now" from every other database error, and wait it out.

A service that starts while PostgreSQL is restarting (a container that came up
first, a crash recovery) should wait for it rather than exit; a request that
arrives during the outage should get a 503 the caller can retry, not a 500.
Wrong credentials, a missing database or an unsupported URL are never retried.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from triage.errors import TriageError

log = logging.getLogger("triage.storage")

T = TypeVar("T")

#: SQLSTATEs of a server that is stopping, restarting or not yet open (57P0x) and of
#: broken connections (class 08).
_UNAVAILABLE_SQLSTATES = frozenset({"57P01", "57P02", "57P03"})
_CONNECTION_CLASS = "08"
#: libpq reports failures while connecting without a SQLSTATE: the text is all there is.
_UNAVAILABLE_MESSAGES = (
    "connection refused",
    "no such file or directory",
    "the database system is starting up",
    "the database system is not yet accepting connections",
    "the database system is not accepting connections",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "connection reset by peer",
    "connection timed out",
    "timeout expired",
)
FIRST_DELAY_SECONDS = 0.2
MAX_DELAY_SECONDS = 2.0


class DatabaseUnavailableError(TriageError):
    """The database could not be reached within the time allowed."""

    status_code = 503
    code = "unavailable"


def database_unavailable(exc: BaseException) -> bool:
    """True when `exc` says the server cannot be reached now (retrying may help)."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError):
        return False
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate:
        return sqlstate in _UNAVAILABLE_SQLSTATES or sqlstate.startswith(_CONNECTION_CLASS)
    message = str(exc.orig).lower()
    return any(marker in message for marker in _UNAVAILABLE_MESSAGES)


def reason(exc: BaseException) -> str:
    """The driver's message on one line (libpq spreads it over several)."""
    return " ".join(str(getattr(exc, "orig", None) or exc).split())


def retry_while_unavailable(
    work: Callable[[], T],
    *,
    timeout: float,
    url: str | URL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Run `work`, retrying with backoff while the database is unreachable, for `timeout` s.

    Raises DatabaseUnavailableError (naming the URL without its password and the
    last error) once the time is up; any other error propagates at once.
    """
    deadline = clock() + timeout
    delay = FIRST_DELAY_SECONDS
    attempt = 1
    while True:
        try:
            return work()
        except DBAPIError as exc:
            if not database_unavailable(exc):
                raise
            left = deadline - clock()
            where = make_url(url)
            if left <= 0:
                raise DatabaseUnavailableError(
                    f"database {where} not reachable after {timeout:g} s "
                    f"({attempt} attempts): {reason(exc)}"
                ) from exc
            wait = min(delay, left)
            log.warning(
                "database %s not reachable (attempt %d, %s); retrying in %.1f s",
                where,
                attempt,
                reason(exc),
                wait,
            )
            sleep(wait)
            delay = min(delay * 2, MAX_DELAY_SECONDS)
            attempt += 1
