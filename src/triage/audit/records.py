"""The audit record format (version 1), one place for writer and tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from triage.audit.canonical import canonical_json, format_timestamp
from triage.audit.models import RECORD_VERSION


def make_record(
    *,
    seq: int,
    at: datetime,
    event_type: str,
    actor: str,
    payload: dict[str, Any],
    prev_root: bytes,
) -> str:
    """Canonical JSON of ``{"v", "seq", "at", "event_type", "actor", "payload", "prev_root"}``.

    ``prev_root`` is the tree root before this record, so every record commits
    to the whole log before it and a verifier can pin an edit to one record.
    """
    return canonical_json(
        {
            "v": RECORD_VERSION,
            "seq": seq,
            "at": format_timestamp(at),
            "event_type": event_type,
            "actor": actor,
            "payload": payload,
            "prev_root": prev_root.hex(),
        }
    )
