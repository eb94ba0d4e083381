"""Offline verification of an audit log, from the database or a JSONL export.

Every leaf is recomputed from the verbatim record text; sequence numbers,
each record's ``prev_root`` commitment, every checkpoint signature and every
checkpoint root are checked. The report names the first record that was
edited, deleted, inserted or reordered, and a truncation below the last
checkpoint. Stored leaf hashes are only hints: they help name an edited last
record, but nothing is trusted that the signed checkpoints do not cover.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from triage.audit import merkle
from triage.audit.canonical import is_canonical
from triage.audit.keys import key_id, signature_valid
from triage.audit.models import (
    LOG_NAME,
    LogEntry,
    ProblemKind,
    SignedCheckpoint,
    VerifyProblem,
    VerifyReport,
)


@dataclass
class _Parsed:
    entry: LogEntry
    leaf: bytes
    claimed_seq: int | None
    prev_root: str | None
    problem: str | None


def _parse(entry: LogEntry) -> _Parsed:
    leaf = merkle.leaf_hash(entry.record.encode("utf-8", "surrogatepass"))
    try:
        value = json.loads(entry.record)
    except ValueError:
        return _Parsed(entry, leaf, None, None, "not valid JSON")
    if not isinstance(value, dict):
        return _Parsed(entry, leaf, None, None, "not a JSON object")
    seq, prev_root = value.get("seq"), value.get("prev_root")
    claimed = seq if isinstance(seq, int) and not isinstance(seq, bool) else None
    prev = prev_root if isinstance(prev_root, str) else None
    problem = None
    if not is_canonical(entry.record):
        problem = "not in canonical JSON form"
    elif claimed is None or prev is None:
        problem = "lacks seq or prev_root"
    return _Parsed(entry, leaf, claimed, prev, problem)


@dataclass
class _Checkpoint:
    tree_size: int
    root_hash: str
    timestamp: str


def _check_checkpoints(
    checkpoints: Iterable[SignedCheckpoint], public_key: Ed25519PublicKey
) -> tuple[list[_Checkpoint], list[VerifyProblem], int]:
    valid: list[_Checkpoint] = []
    problems: list[VerifyProblem] = []
    kid = key_id(public_key)
    total = 0
    for number, checkpoint in enumerate(checkpoints):
        total += 1
        if not signature_valid(public_key, checkpoint.body.encode("utf-8"), checkpoint.signature):
            problems.append(
                VerifyProblem(
                    kind="bad_signature",
                    seq=None,
                    message=f"checkpoint #{number}: signature does not verify with key {kid}",
                )
            )
            continue
        body: dict[str, Any] = json.loads(checkpoint.body)
        size, root = body.get("tree_size"), body.get("root_hash")
        if body.get("log") != LOG_NAME or not isinstance(size, int) or not isinstance(root, str):
            problems.append(
                VerifyProblem(
                    kind="malformed",
                    seq=None,
                    message=f"checkpoint #{number}: signed body is not a {LOG_NAME} checkpoint",
                )
            )
            continue
        valid.append(_Checkpoint(size, root, str(body.get("timestamp"))))
    return valid, problems, total


def _first_sequence_problem(items: Sequence[_Parsed], i: int) -> VerifyProblem:
    """Position ``i`` holds the wrong record: say whether one was deleted, inserted or moved."""
    claimed = items[i].claimed_seq
    assert claimed is not None
    if claimed > i:
        for k in range(i + 1, len(items)):
            if items[k].claimed_seq == i:
                return VerifyProblem(
                    kind="reordered",
                    seq=i,
                    message=f"record {i} appears at position {k}, after record {claimed}",
                )
        missing = f"{i}" if claimed == i + 1 else f"{i}..{claimed - 1}"
        return VerifyProblem(
            kind="deleted", seq=i, message=f"record {missing} missing: next is {claimed}"
        )
    return VerifyProblem(
        kind="inserted",
        seq=i,
        message=f"position {i} holds a second record claiming seq {claimed}",
    )


def _duplicate_claim(
    items: Sequence[_Parsed], leaves: list[bytes], first: int, second: int
) -> VerifyProblem | None:
    """Positions ``first`` and ``second`` both claim seq ``first``: which one was inserted?

    The genuine record is the one the next record's ``prev_root`` commits to.
    """
    successor = next(
        (k for k in range(second + 1, len(items)) if items[k].claimed_seq == first + 1), None
    )
    if successor is None:
        return None
    expected = items[successor].prev_root
    with_first = merkle.MemoryTree([*leaves[:first], items[first].leaf]).root().hex()
    with_second = merkle.MemoryTree([*leaves[:first], items[second].leaf]).root().hex()
    if expected == with_second and expected != with_first:
        return VerifyProblem(
            kind="inserted",
            seq=first,
            message=f"the record at position {first} was inserted before the genuine record "
            f"{first} (now at position {second})",
        )
    if expected == with_first:
        return VerifyProblem(
            kind="inserted",
            seq=second,
            message=f"the record at position {second} duplicates seq {first} and was inserted",
        )
    return None


def _problem(kind: ProblemKind, seq: int | None, message: str) -> VerifyProblem:
    return VerifyProblem(kind=kind, seq=seq, message=message)


def verify(
    records: Iterable[LogEntry],
    checkpoints: Iterable[SignedCheckpoint],
    public_key: Ed25519PublicKey,
) -> VerifyReport:
    """Check the whole log against itself and the signed checkpoints."""
    items = [_parse(entry) for entry in records]
    valid_checkpoints, problems, checkpoint_count = _check_checkpoints(checkpoints, public_key)
    wanted = {c.tree_size for c in valid_checkpoints}
    prefix_roots: dict[int, bytes] = {0: merkle.EMPTY_ROOT} if 0 in wanted else {}
    frontier = merkle.Frontier()
    leaves: list[bytes] = []
    first: VerifyProblem | None = None
    hint_mismatch: int | None = None
    for i, item in enumerate(items):
        if first is None:
            first = _check_position(items, leaves, frontier, i)
        if hint_mismatch is None and item.entry.leaf_hash not in (None, item.leaf.hex()):
            hint_mismatch = i
        leaves.append(item.leaf)
        frontier.append(item.leaf)
        if frontier.size in wanted:
            prefix_roots[frontier.size] = frontier.root()
    if first is not None:
        problems.append(first)
    size = len(items)
    last_size = max(wanted, default=None)
    if last_size is not None and last_size > size:
        problems.append(
            _problem(
                "truncated",
                size,
                f"a checkpoint covers {last_size} records but the log has {size}: "
                f"records {size}..{last_size - 1} are missing",
            )
        )
    good_size = 0
    for checkpoint in sorted(valid_checkpoints, key=lambda c: c.tree_size):
        if checkpoint.tree_size > size:
            continue
        actual = prefix_roots[checkpoint.tree_size].hex()
        if actual == checkpoint.root_hash:
            good_size = max(good_size, checkpoint.tree_size)
            continue
        if first is None or (first.seq is not None and first.seq >= checkpoint.tree_size):
            problems.append(_unpinned_edit(good_size, checkpoint, hint_mismatch))
        break
    if (
        first is None
        and hint_mismatch is not None
        and not any(p.kind == "edited" for p in problems)
    ):
        problems.append(
            _problem(
                "edited",
                hint_mismatch,
                f"record {hint_mismatch}: its text no longer matches the leaf hash stored with it",
            )
        )
    return VerifyReport(
        ok=not problems,
        records=size,
        tree_size=frontier.size,
        root_hash=frontier.root().hex(),
        checkpoints=checkpoint_count,
        checkpoints_valid=len(valid_checkpoints),
        last_checkpoint_size=last_size,
        problems=problems,
    )


def _check_position(
    items: Sequence[_Parsed], leaves: list[bytes], frontier: merkle.Frontier, i: int
) -> VerifyProblem | None:
    item = items[i]
    if item.problem is not None:
        return _problem("edited", i, f"record at position {i} is {item.problem}")
    claimed = item.claimed_seq
    assert claimed is not None
    if claimed < i:
        duplicate = _duplicate_claim(items, leaves, claimed, i)
        if duplicate is not None:
            return duplicate
    if claimed != i:
        return _first_sequence_problem(items, i)
    if item.entry.seq != i:
        return _problem("edited", i, f"record {i} is stored under seq {item.entry.seq}")
    if item.prev_root != frontier.root().hex():
        if i + 1 < len(items) and items[i + 1].claimed_seq == i:
            duplicate = _duplicate_claim(items, leaves, i, i + 1)
            if duplicate is not None:
                return duplicate
        if i == 0:
            return _problem("edited", 0, "record 0 does not start from the empty tree")
        return _problem(
            "edited",
            i - 1,
            f"record {i - 1} was changed: record {i} committed to a different log before it",
        )
    return None


def _unpinned_edit(
    good_size: int, checkpoint: _Checkpoint, hint_mismatch: int | None
) -> VerifyProblem:
    """A checkpoint root differs although every record commitment holds: a suffix was rewritten."""
    if hint_mismatch is not None and good_size <= hint_mismatch < checkpoint.tree_size:
        return _problem(
            "edited",
            hint_mismatch,
            f"record {hint_mismatch} no longer matches its leaf hash and the checkpoint "
            f"of {checkpoint.tree_size} records signed at {checkpoint.timestamp}",
        )
    return _problem(
        "checkpoint_mismatch",
        good_size,
        f"the checkpoint of {checkpoint.tree_size} records signed at {checkpoint.timestamp} "
        f"does not match: records {good_size}..{checkpoint.tree_size - 1} were rewritten",
    )


def read_export(lines: Iterable[str]) -> tuple[list[LogEntry], list[SignedCheckpoint]]:
    """Parse a JSONL export (header, record and checkpoint lines)."""
    entries: list[LogEntry] = []
    checkpoints: list[SignedCheckpoint] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        value = json.loads(line)
        kind = value.get("type")
        if kind == "record":
            entries.append(
                LogEntry(seq=value["seq"], record=value["record"], leaf_hash=value.get("leaf_hash"))
            )
        elif kind == "checkpoint":
            checkpoints.append(SignedCheckpoint(body=value["body"], signature=value["signature"]))
        elif kind != "header":
            raise ValueError(f"line {number}: unknown line type {kind!r}")
    return entries, checkpoints


def read_export_file(path: Path) -> tuple[list[LogEntry], list[SignedCheckpoint]]:
    with path.open(encoding="utf-8") as handle:
        return read_export(handle)
