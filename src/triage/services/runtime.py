"""Everything a serving worker holds: settings, database, model, batcher, policy, tokens.

Built once per worker process by the API's lifespan; routes reach it through
`request.app.state.runtime`. Nothing here knows about HTTP.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select

from triage.audit import log as audit
from triage.config import Settings
from triage.services.batching import MicroBatcher
from triage.services.models import LoadedModel, ModelHolder
from triage.services.policies import PolicyStore
from triage.services.writer import GroupWriter
from triage.storage import tokens
from triage.storage.engine import SessionFactory
from triage.storage.tables import AuditLogRow

Role = Literal["orchestrator", "reviewer", "auditor", "admin"]
ROLES: tuple[Role, ...] = ("orchestrator", "reviewer", "auditor", "admin")
TOKEN_CACHE_SECONDS = 5.0
MODEL_EVENT = "model.changed"


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller; `name` is the client identity (idempotency scope, ownership)."""

    token_id: str
    name: str
    role: Role

    @property
    def actor(self) -> str:
        """How the audit log names this caller."""
        return f"{self.role}:{self.name}"


@dataclass
class Runtime:
    settings: Settings
    db: SessionFactory
    models: ModelHolder
    batcher: MicroBatcher
    policies: PolicyStore
    writer: GroupWriter
    started_at: float = field(default_factory=time.time)
    _token_cache: dict[str, tuple[float, Principal | None]] = field(default_factory=dict)
    _token_lock: threading.Lock = field(default_factory=threading.Lock)

    def record_model_loaded(self, *, actor: str) -> None:
        """Audit the model this worker serves unless the log already names it as current."""
        version = self.models.current().version
        if latest_model_event(self.db) != version:
            self._append_model_event(actor=actor, previous=None)

    def reload_model(self, *, actor: str) -> tuple[LoadedModel | None, LoadedModel]:
        """Hot swap from the configured bundle; audited so other workers follow."""
        old, new = self.models.reload()
        self._append_model_event(actor=actor, previous=old.predictor.version if old else None)
        return old, new

    def follow_model_changes(self) -> bool:
        """Reload when another worker's swap made a different version current."""
        wanted = latest_model_event(self.db)
        if wanted is None or wanted == self.models.current().version:
            return False
        self.models.reload()
        return True

    def _append_model_event(self, *, actor: str, previous: str | None) -> None:
        loaded = self.models.loaded
        with self.db.scope() as session:
            audit.append(
                session,
                event_type=MODEL_EVENT,
                actor=actor,
                payload={
                    "version": loaded.predictor.version,
                    "previous_version": previous,
                    "path": str(loaded.path),
                    "certification": (
                        loaded.predictor.certification.model_dump(mode="json")
                        if loaded.predictor.certification
                        else None
                    ),
                },
            )

    def cached_principal(self, token: str) -> tuple[bool, Principal | None]:
        """(known, caller) from the token cache alone, without I/O: safe on the event loop."""
        return self._cached(hashlib.sha256(token.encode()).hexdigest())

    def _cached(self, digest: str) -> tuple[bool, Principal | None]:
        with self._token_lock:
            hit = self._token_cache.get(digest)
        if hit is not None and time.monotonic() - hit[0] < TOKEN_CACHE_SECONDS:
            return True, hit[1]
        return False, None

    def authenticate(self, token: str) -> Principal | None:
        """Token -> caller; cached a few seconds, so a revocation takes effect within that."""
        digest = hashlib.sha256(token.encode()).hexdigest()
        known, principal = self._cached(digest)
        if known:
            return principal
        now = time.monotonic()
        with self.db.scope(readonly=True) as session:
            record = tokens.authenticate(session, token)
        principal = Principal(record.token_id, record.name, _role(record.role)) if record else None
        with self._token_lock:
            if len(self._token_cache) > 10_000:
                self._token_cache.clear()
            self._token_cache[digest] = (now, principal)
        return principal


def latest_model_event(db: SessionFactory) -> str | None:
    """The model version named by the newest `model.changed` audit record."""
    with db.scope(readonly=True) as session:
        record = session.scalars(
            select(AuditLogRow.record)
            .where(AuditLogRow.event_type == MODEL_EVENT)
            .order_by(AuditLogRow.seq.desc())
            .limit(1)
        ).first()
    if record is None:
        return None
    payload = json.loads(record).get("payload", {})
    version = payload.get("version") if isinstance(payload, dict) else None
    return str(version) if version is not None else None


def _role(value: str) -> Role:
    for role in ROLES:
        if role == value:
            return role
    raise ValueError(f"unknown role {value!r}")
