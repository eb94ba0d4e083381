"""Offline verification names the first tampered record (built in memory, no database)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from triage.audit import LogEntry, SignedCheckpoint, canonical_json, checkpoint_body, merkle, verify
from triage.audit.keys import key_id, sign
from triage.audit.records import make_record
from triage.audit.verify import read_export

START = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
KEY = Ed25519PrivateKey.generate()


def _build(payloads: list[dict[str, Any]]) -> list[LogEntry]:
    frontier = merkle.Frontier()
    entries = []
    for seq, payload in enumerate(payloads):
        record = make_record(
            seq=seq,
            at=START + timedelta(seconds=seq),
            event_type="decision.created",
            actor="client:acme",
            payload=payload,
            prev_root=frontier.root(),
        )
        leaf = merkle.leaf_hash(record.encode())
        frontier.append(leaf)
        entries.append(LogEntry(seq=seq, record=record, leaf_hash=leaf.hex()))
    return entries


def _log(n: int = 20) -> list[LogEntry]:
    return _build([{"case_id": f"WO-{i}", "route": "auto_continue"} for i in range(n)])


def _checkpoint(
    entries: list[LogEntry], size: int, key: Ed25519PrivateKey = KEY
) -> SignedCheckpoint:
    leaves = [merkle.leaf_hash(e.record.encode()) for e in entries[:size]]
    body = checkpoint_body(
        tree_size=size,
        root_hash=merkle.mth(leaves).hex(),
        timestamp=START + timedelta(hours=size),
        kid=key_id(key.public_key()),
    )
    return SignedCheckpoint(body=body, signature=sign(key, body.encode()))


def _edit(entry: LogEntry, **changes: Any) -> LogEntry:
    value = json.loads(entry.record)
    value["payload"].update(changes)
    return LogEntry(seq=entry.seq, record=canonical_json(value), leaf_hash=entry.leaf_hash)


def _renumber(entries: list[LogEntry]) -> list[LogEntry]:
    return [LogEntry(seq=i, record=e.record, leaf_hash=e.leaf_hash) for i, e in enumerate(entries)]


def _first(entries: list[LogEntry], checkpoints: list[SignedCheckpoint]) -> tuple[str, int | None]:
    report = verify(entries, checkpoints, KEY.public_key())
    assert not report.ok
    problem = report.first_problem
    assert problem is not None
    return problem.kind, problem.seq


@pytest.fixture
def log() -> list[LogEntry]:
    return _log()


@pytest.fixture
def checkpoints(log: list[LogEntry]) -> list[SignedCheckpoint]:
    return [_checkpoint(log, 8), _checkpoint(log, 20)]


def test_verify_accepts_untouched_log(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    report = verify(log, checkpoints, KEY.public_key())
    assert report.ok, report.problems
    assert (report.records, report.checkpoints_valid, report.last_checkpoint_size) == (20, 2, 20)
    assert report.root_hash == json.loads(checkpoints[-1].body)["root_hash"]


def test_verify_names_edited_record(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    log[5] = _edit(log[5], route="human_review")
    assert _first(log, checkpoints) == ("edited", 5)


def test_verify_names_non_canonical_edit(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    log[7] = LogEntry(seq=7, record=log[7].record.replace(":", ": ", 1))
    assert _first(log, checkpoints) == ("edited", 7)


def test_verify_names_edited_last_record(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    log[19] = _edit(log[19], route="human_review")
    assert _first(log, checkpoints) == ("edited", 19)


def test_verify_bounds_edit_of_last_record_without_hints(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    edited = _edit(log[19], route="human_review")
    log[19] = LogEntry(seq=19, record=edited.record)
    assert _first(log, checkpoints) == ("checkpoint_mismatch", 8)


def test_verify_names_deleted_record(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    del log[5]
    assert _first(log, checkpoints) == ("deleted", 5)
    assert _first(_renumber(log), checkpoints) == ("deleted", 5)


def test_verify_names_inserted_forgery(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    forged = make_record(
        seq=5,
        at=START,
        event_type="decision.created",
        actor="client:acme",
        payload={"case_id": "WO-forged"},
        prev_root=merkle.mth([merkle.leaf_hash(e.record.encode()) for e in log[:5]]),
    )
    log.insert(5, LogEntry(seq=5, record=forged))
    assert _first(_renumber(log), checkpoints) == ("inserted", 5)


def test_verify_names_inserted_duplicate(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    log.insert(9, log[3])
    assert _first(_renumber(log), checkpoints) == ("inserted", 9)


def test_verify_names_reordered_record(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    log[5], log[6] = log[6], log[5]
    assert _first(_renumber(log), checkpoints) == ("reordered", 5)


def test_verify_detects_truncation_below_last_checkpoint(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    assert _first(log[:15], checkpoints) == ("truncated", 15)


def test_verify_rejects_checkpoint_signed_by_another_key(log: list[LogEntry]) -> None:
    forged = _checkpoint(log, 20, key=Ed25519PrivateKey.generate())
    report = verify(log, [forged], KEY.public_key())
    assert [p.kind for p in report.problems] == ["bad_signature"]
    assert report.checkpoints_valid == 0


def test_verify_detects_consistently_rewritten_suffix(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    payloads = [json.loads(e.record)["payload"] for e in log]
    payloads[12]["route"] = "human_review"
    rewritten = _build(payloads)
    assert verify(rewritten, [], KEY.public_key()).ok
    assert _first(rewritten, checkpoints) == ("checkpoint_mismatch", 8)


def test_read_export_round_trips_lines(
    log: list[LogEntry], checkpoints: list[SignedCheckpoint]
) -> None:
    lines = [canonical_json({"type": "header", "format": "triage-audit-export/1"})]
    lines += [canonical_json({"type": "record", **e.model_dump()}) for e in log]
    lines += [canonical_json({"type": "checkpoint", **c.model_dump()}) for c in checkpoints]
    entries, signed = read_export(lines)
    assert entries == log
    assert signed == checkpoints
