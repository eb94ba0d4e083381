"""The audit log in the database: serialised appends, checkpoints, queries, proofs, export.

Every append runs inside the caller's transaction, so a rolled-back decision
leaves no record. Appends are serialised: on PostgreSQL by a transaction-level
advisory lock, on SQLite by the write lock that ``BEGIN IMMEDIATE`` takes (use a
writing session from ``triage.storage``). The tree state (size, root, frontier)
is cached in ``audit_state`` and every completed subtree is kept in
``audit_nodes``, so an append costs O(log n) hashes and a proof O(log² n)
lookups; nothing is ever rehashed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select, text, tuple_
from sqlalchemy.orm import Session, SessionTransaction

from triage.audit import merkle
from triage.audit.canonical import canonical_json, format_timestamp
from triage.audit.keys import key_id, sign
from triage.audit.models import (
    LOG_NAME,
    RECORD_VERSION,
    AuditEvent,
    AuditRecord,
    Checkpoint,
    ConsistencyProof,
    EventPage,
    InclusionProof,
    LogEntry,
    SignedCheckpoint,
    TreeHead,
)
from triage.audit.records import make_record
from triage.errors import AuditIntegrityError, FieldError, NotFoundError, ValidationError
from triage.storage.tables import (
    AuditCheckpointRow,
    AuditLogRow,
    AuditNodeRow,
    AuditStateRow,
    Base,
)
from triage.storage.types import utcnow

EXPORT_FORMAT = "triage-audit-export/1"
_T = TypeVar("_T")
MAX_PAGE = 1000


# Prebuilt Core statements: an append is at most four round trips with no statement
# compilation, and later appends in the same transaction skip the lock and the read.
_LOG = Base.metadata.tables["audit_log"]
_NODES = Base.metadata.tables["audit_nodes"]
_STATE = Base.metadata.tables["audit_state"]
_INSERT_LOG = _LOG.insert()
_INSERT_NODES = _NODES.insert()
_SELECT_STATE = select(_STATE.c.tree_size, _STATE.c.root_hash, _STATE.c.frontier).where(
    _STATE.c.id == 1
)
_UPDATE_STATE = _STATE.update().where(_STATE.c.id == 1)
_PG_LOCK = text("SELECT pg_advisory_xact_lock(CAST('audit_log'::regclass AS bigint))")
_CACHED_STATE = "triage.audit.state"


@dataclass(frozen=True)
class _State:
    tree_size: int
    root_hash: bytes
    frontier: list[bytes]


def _lock(session: Session) -> _State:
    """Serialise writers and return the fresh tree state (Core, not the identity map)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_PG_LOCK)
    row = session.execute(_SELECT_STATE).one_or_none()
    if row is None:
        raise AuditIntegrityError("audit_state row missing: run the migrations")
    return _State(tree_size=row[0], root_hash=row[1], frontier=[bytes.fromhex(h) for h in row[2]])


def _transaction(session: Session) -> SessionTransaction | None:
    """The innermost (sub)transaction: what a rollback would undo an append with."""
    return session.get_nested_transaction() or session.get_transaction()


def _append_state(session: Session) -> _State:
    """The state the last append in this (sub)transaction left, else lock and read it.

    Appends hold the lock until the transaction ends, so nobody else moves the tree
    meanwhile; a savepoint or a new transaction is another key, so a rollback never
    leaves a stale state behind.
    """
    cached: tuple[SessionTransaction, _State] | None = session.info.get(_CACHED_STATE)
    if cached is not None and cached[0] is _transaction(session):
        return cached[1]
    return _lock(session)


def _text_field(payload: dict[str, Any], name: str) -> str | None:
    value = payload.get(name)
    return value if isinstance(value, str) else None


def append(
    session: Session,
    *,
    event_type: str,
    actor: str,
    payload: dict[str, Any],
    at: datetime | None = None,
) -> AuditRecord:
    """Append one record in the caller's transaction and return it with the new tree head.

    See :func:`triage.audit.records.make_record` for the format. Put ``case_id``,
    ``decision_id`` and the SHA-256 of the canonical input in ``payload``
    (``case_id``/``decision_id`` are also indexed for :func:`list_events`).
    """
    if not event_type or not actor:
        raise ValidationError([FieldError("event_type/actor", "must not be empty")])
    state = _append_state(session)
    conn = session.connection()  # Core on the session's connection: no ORM layer per row
    at = at or utcnow()
    seq = state.tree_size
    record = make_record(
        seq=seq,
        at=at,
        event_type=event_type,
        actor=actor,
        payload=payload,
        prev_root=state.root_hash,
    )
    leaf = merkle.leaf_hash(record.encode("utf-8"))
    frontier = merkle.Frontier(seq, state.frontier)
    closed = frontier.append(leaf)
    root = frontier.root()
    conn.execute(
        _INSERT_LOG,
        {
            "seq": seq,
            "record": record,
            "leaf_hash": leaf,
            "event_type": event_type,
            "actor": actor,
            "case_id": _text_field(payload, "case_id"),
            "decision_id": _text_field(payload, "decision_id"),
            "at": at,
        },
    )
    if closed:
        conn.execute(
            _INSERT_NODES, [{"level": lvl, "idx": idx, "hash": h} for lvl, idx, h in closed]
        )
    conn.execute(
        _UPDATE_STATE,
        {
            "tree_size": frontier.size,
            "root_hash": root,
            "frontier": [h.hex() for h in frontier.hashes],
            "updated_at": utcnow(),
        },
    )
    session.info[_CACHED_STATE] = (
        _transaction(session),
        _State(tree_size=frontier.size, root_hash=root, frontier=frontier.hashes),
    )
    return AuditRecord(
        seq=seq, record=record, leaf_hash=leaf.hex(), tree_size=frontier.size, root_hash=root.hex()
    )


def tree_head(session: Session) -> TreeHead:
    """The current size and root (from the cached state; :func:`verify` recomputes it)."""
    row = session.execute(
        select(AuditStateRow.tree_size, AuditStateRow.root_hash).where(AuditStateRow.id == 1)
    ).one_or_none()
    if row is None:
        raise AuditIntegrityError("audit_state row missing: run the migrations")
    return TreeHead(tree_size=row[0], root_hash=row[1].hex())


def _checkpoint(row: AuditCheckpointRow) -> Checkpoint:
    return Checkpoint(
        tree_size=row.tree_size,
        root_hash=row.root_hash,
        timestamp=row.timestamp,
        key_id=row.key_id,
        body=row.body,
        signature=row.signature,
    )


def checkpoint_body(*, tree_size: int, root_hash: str, timestamp: datetime, kid: str) -> str:
    """The canonical JSON a checkpoint signature covers."""
    return canonical_json(
        {
            "log": LOG_NAME,
            "v": RECORD_VERSION,
            "tree_size": tree_size,
            "root_hash": root_hash,
            "timestamp": format_timestamp(timestamp),
            "key_id": kid,
        }
    )


def write_checkpoint(session: Session, key: Ed25519PrivateKey) -> Checkpoint:
    """Sign the current tree head and store it (in the caller's transaction)."""
    state = _lock(session)
    now = utcnow()
    kid = key_id(key.public_key())
    body = checkpoint_body(
        tree_size=state.tree_size, root_hash=state.root_hash.hex(), timestamp=now, kid=kid
    )
    row = AuditCheckpointRow(
        tree_size=state.tree_size,
        root_hash=state.root_hash.hex(),
        timestamp=now,
        key_id=kid,
        body=body,
        signature=sign(key, body.encode("utf-8")),
    )
    session.add(row)
    session.flush()
    return _checkpoint(row)


def write_checkpoint_if_due(
    session: Session, key: Ed25519PrivateKey, *, interval: timedelta
) -> Checkpoint | None:
    """Periodic checkpoint: sign if the tree grew and the last one is older than ``interval``."""
    size = _lock(session).tree_size  # first, so two workers never both find it due
    last = session.execute(
        select(AuditCheckpointRow).order_by(AuditCheckpointRow.id.desc()).limit(1)
    ).scalar_one_or_none()
    if last is not None and (last.tree_size == size or utcnow() - last.timestamp < interval):
        return None
    if last is None and size == 0:
        return None
    return write_checkpoint(session, key)


def list_checkpoints(session: Session, *, limit: int | None = None) -> list[Checkpoint]:
    """Checkpoints, newest first."""
    query = select(AuditCheckpointRow).order_by(AuditCheckpointRow.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [_checkpoint(row) for row in session.execute(query).scalars()]


def _event(row: AuditLogRow) -> AuditEvent:
    payload = json.loads(row.record).get("payload", {})
    return AuditEvent(
        seq=row.seq,
        at=row.at,
        event_type=row.event_type,
        actor=row.actor,
        case_id=row.case_id,
        decision_id=row.decision_id,
        payload=payload if isinstance(payload, dict) else {},
        record=row.record,
        leaf_hash=row.leaf_hash.hex(),
    )


def list_events(
    session: Session,
    *,
    case_id: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    decision_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 100,
    cursor: str | None = None,
) -> EventPage:
    """Events in log order, filtered; ``cursor`` is the opaque ``next_cursor`` of the last page."""
    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError([FieldError("limit", f"must be between 1 and {MAX_PAGE}")])
    query = select(AuditLogRow).order_by(AuditLogRow.seq)
    if cursor is not None:
        if not cursor.isdigit():
            raise ValidationError([FieldError("cursor", "not a cursor from a previous page")])
        query = query.where(AuditLogRow.seq > int(cursor))
    for column, value in (
        (AuditLogRow.case_id, case_id),
        (AuditLogRow.actor, actor),
        (AuditLogRow.event_type, event_type),
        (AuditLogRow.decision_id, decision_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(AuditLogRow.at >= since)
    if until is not None:
        query = query.where(AuditLogRow.at < until)
    rows = session.execute(query.limit(limit + 1)).scalars().all()
    events = [_event(row) for row in rows[:limit]]
    next_cursor = str(events[-1].seq) if len(rows) > limit else None
    return EventPage(events=events, next_cursor=next_cursor)


class _StoredTree:
    """Subtree hashes from ``audit_log`` leaves and ``audit_nodes``, fetched in one batch."""

    def __init__(self, session: Session, ranges: list[tuple[int, int]]) -> None:
        self._memo: dict[tuple[int, int], bytes] = {}
        pieces = {
            p for start, end in ranges if end > start for p in merkle.aligned_pieces(start, end)
        }
        leaves = [start for start, end in pieces if end - start == 1]
        nodes = [
            ((end - start).bit_length() - 1, start // (end - start))
            for start, end in pieces
            if end - start > 1
        ]
        for chunk in _chunks(leaves):
            for seq, leaf in session.execute(
                select(AuditLogRow.seq, AuditLogRow.leaf_hash).where(AuditLogRow.seq.in_(chunk))
            ):
                self._memo[(seq, seq + 1)] = leaf
        for node_chunk in _chunks(nodes):
            for level, idx, value in session.execute(
                select(AuditNodeRow.level, AuditNodeRow.idx, AuditNodeRow.hash).where(
                    tuple_(AuditNodeRow.level, AuditNodeRow.idx).in_(node_chunk)
                )
            ):
                self._memo[(idx << level, (idx + 1) << level)] = value

    def subtree(self, start: int, end: int) -> bytes:
        key = (start, end)
        if key not in self._memo:
            if merkle.is_aligned(start, end):
                raise AuditIntegrityError(f"stored subtree [{start}, {end}) is missing")
            k = merkle.split_point(end - start)
            self._memo[key] = merkle.node_hash(
                self.subtree(start, start + k), self.subtree(start + k, end)
            )
        return self._memo[key]


def _chunks(items: list[_T], size: int = 500) -> Iterator[list[_T]]:
    for offset in range(0, len(items), size):
        yield items[offset : offset + size]


def _check_size(session: Session, size: int | None, name: str) -> int:
    current = tree_head(session).tree_size
    if size is None:
        return current
    if not 0 <= size <= current:
        raise NotFoundError(f"{name}={size}: the log has {current} records")
    return size


def root_at(session: Session, tree_size: int) -> str:
    """The root of the first ``tree_size`` records."""
    size = _check_size(session, tree_size, "tree_size")
    return merkle.root_from(_StoredTree(session, [(0, size)]).subtree, size).hex()


def inclusion_proof(session: Session, *, seq: int, tree_size: int | None = None) -> InclusionProof:
    """Prove record ``seq`` is in the tree of ``tree_size`` records (default: the current tree)."""
    size = _check_size(session, tree_size, "tree_size")
    if not 0 <= seq < size:
        raise NotFoundError(f"seq={seq} is not in a tree of {size} records")
    ranges = merkle.inclusion_ranges(seq, size)
    tree = _StoredTree(session, [*ranges, (seq, seq + 1), (0, size)])
    path = merkle.inclusion_path(tree.subtree, seq, size)
    return InclusionProof(
        seq=seq,
        tree_size=size,
        leaf_hash=tree.subtree(seq, seq + 1).hex(),
        root_hash=merkle.root_from(tree.subtree, size).hex(),
        path=[p.hex() for p in path],
    )


def consistency_proof(
    session: Session, *, old_size: int, new_size: int | None = None
) -> ConsistencyProof:
    """Prove the tree of ``new_size`` records extends the tree of ``old_size`` unchanged."""
    new = _check_size(session, new_size, "new_size")
    if not 0 <= old_size <= new:
        raise ValidationError([FieldError("old_size", f"must be between 0 and {new}")])
    ranges = merkle.consistency_ranges(old_size, new)
    tree = _StoredTree(session, [*ranges, (0, old_size), (0, new)])
    return ConsistencyProof(
        old_size=old_size,
        new_size=new,
        old_root=merkle.root_from(tree.subtree, old_size).hex(),
        new_root=merkle.root_from(tree.subtree, new).hex(),
        path=[p.hex() for p in merkle.consistency_path(tree.subtree, old_size, new)],
    )


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(AuditLogRow)).scalar_one()


def _checkpoint_lines(session: Session) -> list[SignedCheckpoint]:
    return [
        SignedCheckpoint(body=body, signature=signature)
        for body, signature in session.execute(
            select(AuditCheckpointRow.body, AuditCheckpointRow.signature).order_by(
                AuditCheckpointRow.id
            )
        )
    ]


def export_jsonl(session: Session, *, batch: int = 1000) -> Iterator[str]:
    """The whole log as JSONL lines (each ends in a newline); format in docs/auditor.md.

    Checkpoints are read first: the records they cover were committed before
    them, so the records read afterwards always include them (no false truncation).
    """
    checkpoints = _checkpoint_lines(session)
    head = tree_head(session)
    header = {
        "type": "header",
        "format": EXPORT_FORMAT,
        "exported_at": format_timestamp(utcnow()),
        "tree_size": head.tree_size,
        "root_hash": head.root_hash,
    }
    yield canonical_json(header) + "\n"
    last = -1
    while True:
        rows = session.execute(
            select(AuditLogRow.seq, AuditLogRow.record, AuditLogRow.leaf_hash)
            .where(AuditLogRow.seq > last)
            .order_by(AuditLogRow.seq)
            .limit(batch)
        ).all()
        for seq, record, leaf in rows:
            line = {"type": "record", "seq": seq, "leaf_hash": leaf.hex(), "record": record}
            yield canonical_json(line) + "\n"
        if len(rows) < batch:
            break
        last = rows[-1][0]
    for checkpoint in checkpoints:
        yield canonical_json({"type": "checkpoint", **checkpoint.model_dump()}) + "\n"


def read_log(session: Session) -> tuple[list[LogEntry], list[SignedCheckpoint]]:
    """Everything :func:`triage.audit.verify` needs, read from the database as stored.

    Checkpoints are read first so the records read after them cover them all.
    """
    checkpoints = _checkpoint_lines(session)
    entries = [
        LogEntry(seq=seq, record=record, leaf_hash=leaf.hex())
        for seq, record, leaf in session.execute(
            select(AuditLogRow.seq, AuditLogRow.record, AuditLogRow.leaf_hash).order_by(
                AuditLogRow.seq
            )
        )
    ]
    return entries, checkpoints
