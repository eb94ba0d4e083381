"""Decision repository: keyword-only functions over a caller's session."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from triage.errors import NotFoundError
from triage.storage.tables import DecisionRow


def create(session: Session, *, row: DecisionRow) -> DecisionRow:
    session.add(row)
    session.flush()
    return row


def get(session: Session, *, decision_id: str, client_id: str | None = None) -> DecisionRow | None:
    """The decision; with ``client_id``, only if that client made it (else None, i.e. a 404)."""
    row = session.get(DecisionRow, decision_id)
    if row is None or (client_id is not None and row.client_id != client_id):
        return None
    return row


def get_or_raise(
    session: Session, *, decision_id: str, client_id: str | None = None
) -> DecisionRow:
    row = get(session, decision_id=decision_id, client_id=client_id)
    if row is None:
        raise NotFoundError(f"no decision {decision_id!r}")
    return row


def latest_for_case(
    session: Session, *, case_id: str, client_id: str | None = None
) -> DecisionRow | None:
    """The newest decision for a case (a case may be scored more than once)."""
    query = select(DecisionRow).where(DecisionRow.case_id == case_id)
    if client_id is not None:
        query = query.where(DecisionRow.client_id == client_id)
    query = query.order_by(DecisionRow.created_at.desc(), DecisionRow.decision_id.desc()).limit(1)
    return session.execute(query).scalar_one_or_none()


def list(
    session: Session, *, client_id: str | None = None, case_id: str | None = None, limit: int = 100
) -> Sequence[DecisionRow]:
    query = select(DecisionRow)
    if client_id is not None:
        query = query.where(DecisionRow.client_id == client_id)
    if case_id is not None:
        query = query.where(DecisionRow.case_id == case_id)
    query = query.order_by(DecisionRow.created_at.desc()).limit(limit)
    return session.execute(query).scalars().all()
