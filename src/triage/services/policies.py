"""The active routing policy: seeded from the policy file, changed by `PUT /v1/policy`.

Every version ever deployed is kept in `policy_versions` and every change is
audited. Each worker re-reads the active version every second in a background
loop (`services.background`), so a change made through one worker reaches the
others within that time and the request path never reads the database for it.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from triage.audit import log as audit
from triage.errors import ConflictError
from triage.policy import Policy, dump_policy, load_policy, parse_policy
from triage.services.scoring import now_utc, sha256_hex
from triage.storage.engine import SessionFactory
from triage.storage.tables import PolicyVersionRow

POLICY_EVENT = "policy.changed"


@dataclass(frozen=True, slots=True)
class ActivePolicy:
    policy: Policy
    yaml: str
    sha256: str
    actor: str
    activated_at: datetime


def _active(session_factory: SessionFactory, known: ActivePolicy | None) -> ActivePolicy | None:
    """The active version; `known` is returned as is when it still is the active one, so
    the background re-read every second costs one indexed lookup, not a YAML parse."""
    active = PolicyVersionRow.active.is_(True)
    with session_factory.scope(readonly=True) as session:
        if known is not None:
            digest = session.scalars(select(PolicyVersionRow.sha256).where(active)).first()
            if digest == known.sha256:
                return known
        row = session.scalars(select(PolicyVersionRow).where(active).limit(1)).first()
        if row is None:
            return None
        return ActivePolicy(parse_policy(row.yaml), row.yaml, row.sha256, row.actor, row.created_at)


class PolicyStore:
    """Caches the active policy; `activate` validates, stores, audits and switches."""

    def __init__(self, db: SessionFactory) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._cached: ActivePolicy | None = None

    def seed(self, path: Path | None) -> ActivePolicy:
        """On start: a policy file whose version the database has never seen becomes active."""
        policy = load_policy(path)
        text = path.read_text(encoding="utf-8") if path is not None else dump_policy(policy)
        with self._db.scope(readonly=True) as session:
            known = session.get(PolicyVersionRow, policy.version) is not None
        if not known:
            # another worker may seed the same file at the same moment
            with contextlib.suppress(ConflictError):
                self.activate(text, actor="system:policy-file")
        return self.refresh()

    def refresh(self) -> ActivePolicy:
        active = _active(self._db, self._cached)
        if active is None:
            raise ConflictError("no active policy; start the service to seed one")
        with self._lock:
            self._cached = active
        return active

    def current(self) -> ActivePolicy:
        cached = self._cached
        return cached if cached is not None else self.refresh()

    def activate(self, text: str, *, actor: str) -> ActivePolicy:
        """Validate `text` (YAML) and make it the active policy; audited.

        A version string names one content forever: re-sending the same content
        re-activates it, different content under a used version is a 409.
        """
        policy = parse_policy(text)
        digest = sha256_hex(text.encode())
        now = now_utc()
        try:
            with self._db.scope() as session:
                existing = session.get(PolicyVersionRow, policy.version)
                if existing is not None and existing.sha256 != digest:
                    raise ConflictError(
                        f"policy version {policy.version!r} already exists with other content; "
                        "give the new policy a new version",
                        details={"version": policy.version},
                    )
                previous = session.scalars(
                    select(PolicyVersionRow.version).where(PolicyVersionRow.active.is_(True))
                ).first()
                if previous == policy.version:
                    assert existing is not None
                    return ActivePolicy(policy, existing.yaml, digest, existing.actor, now)
                session.execute(
                    update(PolicyVersionRow)
                    .where(PolicyVersionRow.active.is_(True))
                    .values(active=False)
                )
                if existing is None:
                    session.add(
                        PolicyVersionRow(
                            version=policy.version,
                            yaml=text,
                            sha256=digest,
                            actor=actor,
                            created_at=now,
                            active=True,
                        )
                    )
                else:
                    existing.active = True
                audit.append(
                    session,
                    event_type=POLICY_EVENT,
                    actor=actor,
                    payload={
                        "version": policy.version,
                        "previous_version": previous,
                        "sha256": digest,
                        "policy": policy.model_dump(mode="json"),
                    },
                )
        except IntegrityError as exc:
            raise ConflictError(
                f"policy version {policy.version!r} was stored concurrently"
            ) from exc
        return self.refresh()

    def history(self) -> list[dict[str, object]]:
        with self._db.scope(readonly=True) as session:
            rows = session.scalars(
                select(PolicyVersionRow).order_by(PolicyVersionRow.created_at.desc())
            ).all()
            return [
                {
                    "version": r.version,
                    "sha256": r.sha256,
                    "actor": r.actor,
                    "created_at": r.created_at.isoformat(),
                    "active": r.active,
                }
                for r in rows
            ]
