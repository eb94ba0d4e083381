"""The tamper-evident audit log: an RFC 9162 Merkle tree of canonical JSON records.

Writers call :func:`append` inside their own transaction; :func:`write_checkpoint`
signs tree heads with an Ed25519 key kept outside the database; :func:`verify`
checks a log offline (from the database via :func:`read_log` or from an export
via :func:`read_export_file`). See docs/auditor.md.
"""

from triage.audit.canonical import canonical_json, is_canonical
from triage.audit.keys import (
    key_id,
    load_or_create_signing_key,
    load_public_key,
    load_signing_key,
    public_key_pem,
)
from triage.audit.log import (
    append,
    checkpoint_body,
    consistency_proof,
    count,
    export_jsonl,
    inclusion_proof,
    list_checkpoints,
    list_events,
    read_log,
    root_at,
    tree_head,
    write_checkpoint,
    write_checkpoint_if_due,
)
from triage.audit.merkle import verify_consistency, verify_inclusion
from triage.audit.models import (
    AuditEvent,
    AuditRecord,
    Checkpoint,
    ConsistencyProof,
    EventPage,
    InclusionProof,
    LogEntry,
    SignedCheckpoint,
    TreeHead,
    VerifyProblem,
    VerifyReport,
)
from triage.audit.verify import read_export, read_export_file, verify

__all__ = [
    "AuditEvent",
    "AuditRecord",
    "Checkpoint",
    "ConsistencyProof",
    "EventPage",
    "InclusionProof",
    "LogEntry",
    "SignedCheckpoint",
    "TreeHead",
    "VerifyProblem",
    "VerifyReport",
    "append",
    "canonical_json",
    "checkpoint_body",
    "consistency_proof",
    "count",
    "export_jsonl",
    "inclusion_proof",
    "is_canonical",
    "key_id",
    "list_checkpoints",
    "list_events",
    "load_or_create_signing_key",
    "load_public_key",
    "load_signing_key",
    "public_key_pem",
    "read_export",
    "read_export_file",
    "read_log",
    "root_at",
    "tree_head",
    "verify",
    "verify_consistency",
    "verify_inclusion",
    "write_checkpoint",
    "write_checkpoint_if_due",
]
