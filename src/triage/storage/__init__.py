"""Persistence: engines and sessions, the ORM tables, migrations, repositories.

Wire once at start::

    from triage.storage import SessionFactory, migrate
    migrate(settings.database_url)
    sessions = SessionFactory.from_url(settings.database_url)
    with sessions.scope() as session:   # or session_scope(engine)
        ...
"""

from triage.storage.engine import (
    SessionFactory,
    is_sqlite,
    make_engine,
    normalise_url,
    readonly_engine,
    session_scope,
)
from triage.storage.migrate import current_revision, head_revision, migrate

__all__ = [
    "SessionFactory",
    "current_revision",
    "head_revision",
    "is_sqlite",
    "make_engine",
    "migrate",
    "normalise_url",
    "readonly_engine",
    "session_scope",
]
