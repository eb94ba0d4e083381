"""API tokens: the plaintext is returned once; only its SHA-256 is stored.

Tokens have the form ``trg_<token_id>_<secret>``: the id is public (listing,
revoking), the 256-bit secret is what authenticates. Lookup is by the hash of
the whole token, so there is no stored secret to compare in variable time.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from triage.errors import FieldError, NotFoundError, ValidationError
from triage.storage.tables import ROLES, ApiTokenRow
from triage.storage.types import utcnow

TOKEN_PREFIX = "trg_"


@dataclass(frozen=True)
class TokenRecord:
    """What the API learns about the caller; ``name`` is the client identity."""

    token_id: str
    name: str
    role: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _record(row: ApiTokenRow) -> TokenRecord:
    return TokenRecord(
        token_id=row.token_id,
        name=row.name,
        role=row.role,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


def create_token(session: Session, *, role: str, name: str, created_by: str | None = None) -> str:
    """Store a new token for ``role`` and return its plaintext (the only time it exists)."""
    errors = []
    if role not in ROLES:
        errors.append(FieldError("role", f"must be one of {', '.join(ROLES)}"))
    if not name.strip() or len(name) > 128:
        errors.append(FieldError("name", "must be 1-128 characters"))
    if errors:
        raise ValidationError(errors)
    token_id = secrets.token_hex(6)
    token = f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
    session.add(
        ApiTokenRow(
            token_id=token_id,
            name=name.strip(),
            role=role,
            token_sha256=hash_token(token),
            created_by=created_by,
        )
    )
    session.flush()
    return token


def authenticate(session: Session, token: str) -> TokenRecord | None:
    """The active token's record, or None for an unknown, malformed or revoked token."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = session.execute(
        select(ApiTokenRow).where(ApiTokenRow.token_sha256 == hash_token(token))
    ).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    return _record(row)


def list_tokens(session: Session, *, include_revoked: bool = True) -> list[TokenRecord]:
    query = select(ApiTokenRow).order_by(ApiTokenRow.created_at, ApiTokenRow.token_id)
    if not include_revoked:
        query = query.where(ApiTokenRow.revoked_at.is_(None))
    return [_record(row) for row in session.execute(query).scalars()]


def get_or_raise(session: Session, *, token_id: str) -> TokenRecord:
    row = session.get(ApiTokenRow, token_id)
    if row is None:
        raise NotFoundError(f"no token {token_id!r}")
    return _record(row)


def revoke(session: Session, *, token_id: str) -> TokenRecord:
    """Revoke a token (idempotent: revoking twice keeps the first time)."""
    row = session.get(ApiTokenRow, token_id)
    if row is None:
        raise NotFoundError(f"no token {token_id!r}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
    return _record(row)
