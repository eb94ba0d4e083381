"""What the audit package hands out: records, events, proofs, checkpoints, reports.

Pydantic models so the API can return them as they are.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

LOG_NAME = "triage-audit-log"
RECORD_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AuditRecord(_Model):
    """An appended record: its leaf ``seq``, the verbatim text, and the tree after it."""

    seq: int
    record: str
    leaf_hash: str
    tree_size: int
    root_hash: str


class AuditEvent(_Model):
    seq: int
    at: datetime
    event_type: str
    actor: str
    case_id: str | None
    decision_id: str | None
    payload: dict[str, Any]
    record: str = Field(description="the canonical JSON exactly as hashed")
    leaf_hash: str


class EventPage(_Model):
    events: list[AuditEvent]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page")


class Checkpoint(_Model):
    """A signed tree head. ``body`` is the canonical JSON that ``signature`` signs."""

    tree_size: int
    root_hash: str
    timestamp: datetime
    key_id: str
    body: str
    signature: str


class TreeHead(_Model):
    tree_size: int
    root_hash: str


class InclusionProof(_Model):
    """Audit path proving that leaf ``seq`` is in the tree of ``tree_size`` leaves."""

    seq: int
    tree_size: int
    leaf_hash: str
    root_hash: str
    path: list[str]


class ConsistencyProof(_Model):
    """Proof that the tree of ``new_size`` leaves extends the one of ``old_size`` unchanged."""

    old_size: int
    new_size: int
    old_root: str
    new_root: str
    path: list[str]


ProblemKind = Literal[
    "edited",
    "deleted",
    "inserted",
    "reordered",
    "truncated",
    "malformed",
    "bad_signature",
    "checkpoint_mismatch",
]


class VerifyProblem(_Model):
    kind: ProblemKind
    seq: int | None = Field(description="the first record concerned (None: not about one record)")
    message: str


class VerifyReport(_Model):
    ok: bool
    records: int
    tree_size: int
    root_hash: str
    checkpoints: int
    checkpoints_valid: int
    last_checkpoint_size: int | None
    problems: list[VerifyProblem]

    @property
    def first_problem(self) -> VerifyProblem | None:
        """The problem at the lowest seq (record problems before log-wide ones)."""
        with_seq = [p for p in self.problems if p.seq is not None]
        if with_seq:
            return min(with_seq, key=lambda p: p.seq if p.seq is not None else -1)
        return self.problems[0] if self.problems else None


class LogEntry(_Model):
    """One record as read from the database or an export (``leaf_hash`` is an unverified hint)."""

    seq: int
    record: str
    leaf_hash: str | None = None


class SignedCheckpoint(_Model):
    body: str
    signature: str
