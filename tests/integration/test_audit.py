"""The audit log on SQLite and PostgreSQL: appends, proofs, checkpoints, tamper detection."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from triage import audit
from triage.audit import merkle
from triage.storage import make_engine, migrate, session_scope
from triage.storage.tables import DecisionRow


def _fill(engine: Engine, n: int, *, start: int = 0) -> None:
    with session_scope(engine) as session:
        for i in range(start, start + n):
            audit.append(
                session,
                event_type="decision.created" if i % 3 else "review.resolved",
                actor="client:acme" if i % 2 else "reviewer:alice",
                payload={"case_id": f"WO-{i % 4}", "decision_id": f"D-{i}", "n": i},
            )


def _report(engine: Engine, key: Ed25519PrivateKey) -> audit.VerifyReport:
    with session_scope(engine, readonly=True) as session:
        entries, checkpoints = audit.read_log(session)
    return audit.verify(entries, checkpoints, key.public_key())


def _tamper(engine: Engine, sql: str) -> None:
    """Rewrite rows behind the log's back (on PostgreSQL, as a superuser bypassing triggers)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        connection.exec_driver_sql(sql)


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_append_then_verify_passes(engine: Engine, key: Ed25519PrivateKey) -> None:
    _fill(engine, 10)
    with session_scope(engine) as session:
        checkpoint = audit.write_checkpoint(session, key)
        head = audit.tree_head(session)
    report = _report(engine, key)
    assert report.ok, report.problems
    assert (report.records, report.root_hash) == (10, head.root_hash)
    assert (checkpoint.tree_size, checkpoint.root_hash) == (10, head.root_hash)


def test_append_rolls_back_with_the_callers_transaction(engine: Engine) -> None:
    def fail_after_append() -> None:
        with session_scope(engine) as session:
            audit.append(session, event_type="decision.created", actor="a", payload={})
            raise RuntimeError("decision failed")

    with pytest.raises(RuntimeError):
        fail_after_append()
    _fill(engine, 1)
    with session_scope(engine) as session:
        assert audit.count(session) == 1
        assert audit.tree_head(session).tree_size == 1
        assert audit.list_events(session).events[0].seq == 0


def test_appends_after_a_rolled_back_savepoint_reread_the_tree(
    engine: Engine, key: Ed25519PrivateKey
) -> None:
    """Later appends in a transaction reuse the tree state; a savepoint rollback must not."""

    def append(session: Session, n: int) -> audit.AuditRecord:
        return audit.append(session, event_type="decision.created", actor="a", payload={"n": n})

    with session_scope(engine) as session:
        assert append(session, 0).seq == 0
        savepoint = session.begin_nested()
        assert append(session, 1).seq == 1
        savepoint.rollback()
        assert append(session, 2).seq == 1
        with session.begin_nested():
            assert append(session, 3).seq == 2
        assert append(session, 4).seq == 3
        assert audit.tree_head(session).tree_size == 4
    with session_scope(engine) as session:
        assert append(session, 5).seq == 4
        audit.write_checkpoint(session, key)
    report = _report(engine, key)
    assert report.ok, report.problems
    with session_scope(engine, readonly=True) as session:
        payloads = [e.payload["n"] for e in audit.list_events(session).events]
    assert payloads == [0, 2, 3, 4, 5]


def test_concurrent_appends_build_one_consistent_tree(
    engine: Engine, key: Ed25519PrivateKey
) -> None:
    errors: list[BaseException] = []

    def worker(number: int) -> None:
        try:
            for i in range(8):
                with session_scope(engine) as session:
                    session.add(
                        DecisionRow(
                            decision_id=f"D-{number}-{i}",
                            case_id=f"WO-{number}",
                            client_id="acme",
                            status="final",
                            route="auto_continue",
                            exception_label="none",
                            billable=True,
                            decision_json={},
                            case_json={},
                            case_sha256="0" * 64,
                        )
                    )
                    audit.append(
                        session,
                        event_type="decision.created",
                        actor=f"client:{number}",
                        payload={"decision_id": f"D-{number}-{i}"},
                    )
        except BaseException as error:  # surfaced below: a thread cannot fail the test itself
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with session_scope(engine) as session:
        audit.write_checkpoint(session, key)
        entries, _ = audit.read_log(session)
        head = audit.tree_head(session)
    leaves = [merkle.leaf_hash(e.record.encode()) for e in entries]
    assert [e.seq for e in entries] == list(range(48))
    assert merkle.mth(leaves).hex() == head.root_hash
    assert _report(engine, key).ok


def test_inclusion_proof_from_database_verifies(engine: Engine) -> None:
    _fill(engine, 13)
    with session_scope(engine) as session:
        proof = audit.inclusion_proof(session, seq=6, tree_size=11)
        root_11 = audit.root_at(session, 11)
    path = [bytes.fromhex(p) for p in proof.path]
    leaf = bytes.fromhex(proof.leaf_hash)
    assert proof.root_hash == root_11
    assert audit.verify_inclusion(leaf, 6, 11, path, bytes.fromhex(root_11))
    assert not audit.verify_inclusion(leaf, 5, 11, path, bytes.fromhex(root_11))
    tampered = [bytes(32), *path[1:]]
    assert not audit.verify_inclusion(leaf, 6, 11, tampered, bytes.fromhex(root_11))


def test_consistency_proof_links_checkpoints(engine: Engine, key: Ed25519PrivateKey) -> None:
    _fill(engine, 5)
    with session_scope(engine) as session:
        old = audit.write_checkpoint(session, key)
    _fill(engine, 9, start=5)
    with session_scope(engine) as session:
        new = audit.write_checkpoint(session, key)
        proof = audit.consistency_proof(session, old_size=old.tree_size, new_size=new.tree_size)
        assert [c.tree_size for c in audit.list_checkpoints(session)] == [14, 5]
    path = [bytes.fromhex(p) for p in proof.path]
    old_root, new_root = bytes.fromhex(old.root_hash), bytes.fromhex(new.root_hash)
    assert (proof.old_root, proof.new_root) == (old.root_hash, new.root_hash)
    assert audit.verify_consistency(5, 14, old_root, new_root, path)
    assert not audit.verify_consistency(5, 14, old_root, new_root, path[1:])
    assert not audit.verify_consistency(5, 14, bytes(32), new_root, path)


def test_list_events_filters_and_pages(engine: Engine) -> None:
    _fill(engine, 12)
    with session_scope(engine) as session:
        by_case = audit.list_events(session, case_id="WO-1")
        by_actor = audit.list_events(session, actor="reviewer:alice", event_type="review.resolved")
        first = audit.list_events(session, limit=5)
        second = audit.list_events(session, limit=5, cursor=first.next_cursor)
        everything = audit.list_events(session, limit=100)
        late = audit.list_events(session, since=everything.events[6].at)
    assert [e.seq for e in by_case.events] == [1, 5, 9]
    assert [e.seq for e in by_actor.events] == [0, 6]
    assert [e.seq for e in first.events + second.events] == list(range(10))
    assert everything.next_cursor is None
    assert late.events[0].seq <= 6
    assert late.events[-1].seq == 11
    assert by_case.events[0].payload["decision_id"] == "D-1"


def test_periodic_checkpoint_waits_for_interval_and_growth(
    engine: Engine, key: Ed25519PrivateKey
) -> None:
    _fill(engine, 3)
    with session_scope(engine) as session:
        first = audit.write_checkpoint_if_due(session, key, interval=timedelta(hours=1))
        too_soon = audit.write_checkpoint_if_due(session, key, interval=timedelta(hours=1))
    _fill(engine, 1, start=3)
    with session_scope(engine) as session:
        grown = audit.write_checkpoint_if_due(session, key, interval=timedelta(0))
    assert first is not None
    assert first.tree_size == 3
    assert too_soon is None
    assert grown is not None
    assert grown.tree_size == 4


@pytest.mark.parametrize(
    ("sql", "kind", "seq"),
    [
        (
            """UPDATE audit_log SET record = REPLACE(record, '"n":4', '"n":40') WHERE seq = 4""",
            "edited",
            4,
        ),
        ("DELETE FROM audit_log WHERE seq = 3", "deleted", 3),
        ("DELETE FROM audit_log WHERE seq >= 7", "truncated", 7),
        (
            "UPDATE audit_log SET seq = CASE seq WHEN 5 THEN 1005 WHEN 6 THEN 5 END "
            "WHERE seq IN (5, 6)",
            "reordered",
            5,
        ),
    ],
)
def test_verify_names_rows_tampered_in_the_database(
    engine: Engine, key: Ed25519PrivateKey, sql: str, kind: str, seq: int
) -> None:
    _fill(engine, 10)
    with session_scope(engine) as session:
        audit.write_checkpoint(session, key)
    _tamper(engine, sql)
    if kind == "reordered":
        _tamper(engine, "UPDATE audit_log SET seq = 6 WHERE seq = 1005")
    problem = _report(engine, key).first_problem
    assert problem is not None
    assert (problem.kind, problem.seq) == (kind, seq)


@pytest.mark.postgres
def test_postgres_refuses_update_and_delete_of_audit_rows(postgres_schema_url: str) -> None:
    migrate(postgres_schema_url)
    engine = make_engine(postgres_schema_url)
    try:
        _fill(engine, 2)
        with session_scope(engine) as session:
            audit.write_checkpoint(session, Ed25519PrivateKey.generate())
        for sql in (
            "UPDATE audit_log SET record = 'x' WHERE seq = 0",
            "DELETE FROM audit_log WHERE seq = 1",
            "TRUNCATE audit_log",
            "DELETE FROM audit_checkpoints",
            "UPDATE audit_nodes SET hash = hash",
        ):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
                connection.execute(text(sql))
        with Session(engine) as session:
            assert audit.count(session) == 2
    finally:
        engine.dispose()


def test_export_round_trips_through_verify(
    engine: Engine, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    _fill(engine, 7)
    with session_scope(engine) as session:
        audit.write_checkpoint(session, key)
        lines = list(audit.export_jsonl(session, batch=3))
    export = tmp_path / "audit.jsonl"
    export.write_text("".join(lines), encoding="utf-8")
    entries, checkpoints = audit.read_export_file(export)
    assert len(entries) == 7
    assert len(checkpoints) == 1
    assert audit.verify(entries, checkpoints, key.public_key()).ok
