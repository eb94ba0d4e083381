"""Alembic environment: always online, on the connection that ``migrate()`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from triage.storage.tables import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations through triage.storage.migrate(url)")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
