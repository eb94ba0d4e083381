"""Alembic migrations, run programmatically by :func:`triage.storage.migrate` (no alembic.ini)."""
