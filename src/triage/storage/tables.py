"""The ORM tables (SQLAlchemy 2 typed mappings).

Designed so one transaction can write a decision, its review task, its audit
record and its outbox row. Other packages (review, notify, services) import
these classes and write their own repository functions against them; the
schema itself changes only through a migration in ``storage/migrations``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from triage.storage.types import JSONType, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: 64-bit ids on PostgreSQL; SQLite only auto-increments INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")

DECISION_STATUSES = ("final", "pending_review")
IDEMPOTENCY_STATES = ("in_progress", "done")
REVIEW_STATUSES = ("open", "claimed", "resolved")
OUTBOX_STATUSES = ("pending", "delivered", "failed", "disabled")
ROLES = ("orchestrator", "reviewer", "auditor", "admin")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSONType,
    }


class DecisionRow(Base):
    """One scoring decision (DOMAIN.md §4) with the case it was made on."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_client_case", "client_id", "case_id", "created_at"),)

    decision_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(128), index=True)
    client_id: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(20))
    route: Mapped[str] = mapped_column(String(20), index=True)
    exception_label: Mapped[str] = mapped_column(String(40), index=True)
    billable: Mapped[bool] = mapped_column(Boolean)
    workflow: Mapped[str | None] = mapped_column(String(40), default=None)
    customer_id: Mapped[str | None] = mapped_column(String(128), default=None)
    review_id: Mapped[str | None] = mapped_column(String(64), default=None)
    audit_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    model_version: Mapped[str] = mapped_column(String(128), default="")
    policy_version: Mapped[str] = mapped_column(String(128), default="")
    decision_json: Mapped[dict[str, Any]]
    case_json: Mapped[dict[str, Any]]
    case_sha256: Mapped[str] = mapped_column(String(64))
    callback_url: Mapped[str | None] = mapped_column(String(2048), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class IdempotencyKeyRow(Base):
    """An ``Idempotency-Key`` scoped per client; kept at least 24 h (``expires_at``)."""

    __tablename__ = "idempotency_keys"

    client_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(20))
    decision_id: Mapped[str | None] = mapped_column(
        ForeignKey("decisions.decision_id"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_expires_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ReviewRow(Base):
    """A review task for a decision routed to ``human_review``."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_status_priority", "status", "priority"),)

    review_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.decision_id"), unique=True)
    case_id: Mapped[str] = mapped_column(String(128), index=True)
    client_id: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    exception_label: Mapped[str] = mapped_column(String(40), default="none")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    workflow: Mapped[str | None] = mapped_column(String(40), default=None)
    customer_id: Mapped[str | None] = mapped_column(String(128), default=None)
    amount: Mapped[float] = mapped_column(Float, default=0.0)
    currency: Mapped[str | None] = mapped_column(String(3), default=None)
    audit_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    claimed_by: Mapped[str | None] = mapped_column(String(128), default=None)
    claim_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    required_approvals: Mapped[int] = mapped_column(SmallInteger, default=1)
    submitted_by: Mapped[str | None] = mapped_column(String(128), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSONType, default=None)


class ReviewActionRow(Base):
    """Who did what to a review task (claim, release, approve, resolve, expire...)."""

    __tablename__ = "review_actions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.review_id"), index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    exception_label: Mapped[str | None] = mapped_column(String(40), default=None)
    billable: Mapped[bool | None] = mapped_column(Boolean, default=None)
    comment: Mapped[str | None] = mapped_column(Text, default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboxRow(Base):
    """A webhook to deliver at least once; ``event_id`` stays the same across retries."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.decision_id"), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    payload: Mapped[str] = mapped_column(Text, doc="the exact body that is signed and sent")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)


class WebhookDeliveryRow(Base):
    """The delivery log: one row per attempt."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("outbox.event_id"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(2048))
    status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    duration_ms: Mapped[float | None] = mapped_column(Float, default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class DisabledEndpointRow(Base):
    """A callback URL that answered 410 Gone: no more deliveries to it."""

    __tablename__ = "disabled_endpoints"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    status_code: Mapped[int] = mapped_column(Integer, default=410)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    disabled_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiTokenRow(Base):
    """An API token; only its SHA-256 is stored, the plaintext is shown once."""

    __tablename__ = "api_tokens"

    token_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128), index=True)
    role: Mapped[str] = mapped_column(String(20))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(128), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class PolicyVersionRow(Base):
    """Every policy file ever deployed; exactly one is ``active``."""

    __tablename__ = "policy_versions"

    version: Mapped[str] = mapped_column(String(128), primary_key=True)
    yaml: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class AuditLogRow(Base):
    """One audit record: canonical JSON stored verbatim, leaf ``seq`` of the Merkle tree.

    The indexed columns are copies of fields inside ``record`` for filtering;
    only ``record`` is authenticated. On PostgreSQL a trigger forbids UPDATE
    and DELETE.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    record: Mapped[str] = mapped_column(Text)
    leaf_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(128), index=True)
    case_id: Mapped[str | None] = mapped_column(String(128), index=True, default=None)
    decision_id: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    at: Mapped[datetime] = mapped_column(index=True)


class AuditNodeRow(Base):
    """Hash of a complete, aligned subtree: leaves ``idx*2**level`` .. ``(idx+1)*2**level - 1``.

    Stored as appends complete them, so proofs need O(log² n) lookups, not a rehash.
    """

    __tablename__ = "audit_nodes"

    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    idx: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class AuditStateRow(Base):
    """The single row holding the tree size, root and compact frontier (a cache of the log)."""

    __tablename__ = "audit_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tree_size: Mapped[int] = mapped_column(BigInteger)
    root_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    frontier: Mapped[list[str]] = mapped_column(JSONType)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditCheckpointRow(Base):
    """A signed statement "the log had ``tree_size`` records with root ``root_hash``"."""

    __tablename__ = "audit_checkpoints"
    __table_args__ = (UniqueConstraint("tree_size", "key_id", "timestamp"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tree_size: Mapped[int] = mapped_column(BigInteger, index=True)
    root_hash: Mapped[str] = mapped_column(String(64))
    timestamp: Mapped[datetime]
    key_id: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text, doc="the signed canonical JSON, verbatim")
    signature: Mapped[str] = mapped_column(String(128), doc="base64 Ed25519 signature of body")


class DocumentRow(Base):
    """A PDF sent with a score request, kept with what extraction read from it.

    Written in the decision's transaction so the case page can show the page a
    value was read from; ``pdf`` is deferred so listing documents never loads it.
    """

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("decision_id", "role"),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.decision_id"), index=True)
    case_id: Mapped[str] = mapped_column(String(128), index=True)
    client_id: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(20), doc="service_report or invoice")
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    extraction: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = [
    "DECISION_STATUSES",
    "IDEMPOTENCY_STATES",
    "OUTBOX_STATUSES",
    "REVIEW_STATUSES",
    "ROLES",
    "ApiTokenRow",
    "AuditCheckpointRow",
    "AuditLogRow",
    "AuditNodeRow",
    "AuditStateRow",
    "Base",
    "DecisionRow",
    "DisabledEndpointRow",
    "DocumentRow",
    "IdempotencyKeyRow",
    "OutboxRow",
    "PolicyVersionRow",
    "ReviewActionRow",
    "ReviewRow",
    "WebhookDeliveryRow",
]
