"""Apply the Alembic migrations from inside the package (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from triage.storage.availability import retry_while_unavailable
from triage.storage.engine import is_sqlite, make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Arbitrary advisory-lock key so two workers starting together migrate one at a time.
_MIGRATION_LOCK_KEY = 0x7472696167650001


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(
    url: str | URL | Engine, *, revision: str = "head", connect_timeout: float = 0.0
) -> str | None:
    """Bring the schema to ``revision`` (default: the newest); safe to call on every start.

    Waits up to ``connect_timeout`` seconds for a database that is starting or
    restarting (the upgrade is one transaction, so a retry starts clean).
    """
    where = url.url if isinstance(url, Engine) else url
    return retry_while_unavailable(
        lambda: _migrate_once(url, revision), timeout=connect_timeout, url=where
    )


def _migrate_once(url: str | URL | Engine, revision: str) -> str | None:
    engine = url if isinstance(url, Engine) else make_engine(url)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            if not is_sqlite(engine):
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        return current_revision(engine)
    finally:
        if not isinstance(url, Engine):
            engine.dispose()
