"""Policy versions: every deployed policy file is kept; one is active."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from triage.errors import ConflictError, NotFoundError
from triage.storage.tables import PolicyVersionRow


def create(
    session: Session, *, version: str, yaml_text: str, actor: str, activate: bool = True
) -> PolicyVersionRow:
    """Store a new version (versions are immutable: reusing one is a conflict)."""
    if session.get(PolicyVersionRow, version) is not None:
        raise ConflictError(f"policy version {version!r} already exists")
    if activate:
        session.execute(
            update(PolicyVersionRow).where(PolicyVersionRow.active.is_(True)).values(active=False)
        )
    row = PolicyVersionRow(
        version=version,
        yaml=yaml_text,
        sha256=hashlib.sha256(yaml_text.encode("utf-8")).hexdigest(),
        actor=actor,
        active=activate,
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, *, version: str) -> PolicyVersionRow | None:
    return session.get(PolicyVersionRow, version)


def get_or_raise(session: Session, *, version: str) -> PolicyVersionRow:
    row = get(session, version=version)
    if row is None:
        raise NotFoundError(f"no policy version {version!r}")
    return row


def get_active(session: Session) -> PolicyVersionRow | None:
    return session.execute(
        select(PolicyVersionRow).where(PolicyVersionRow.active.is_(True))
    ).scalar_one_or_none()


def list(session: Session) -> Sequence[PolicyVersionRow]:
    return (
        session.execute(select(PolicyVersionRow).order_by(PolicyVersionRow.created_at.desc()))
        .scalars()
        .all()
    )
