"""What both engine examples share: the verdict an engine acts on, and the ERP ledger stand-in."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from triage.domain.decision import Decision

_LEDGER_LOCK = threading.Lock()


def verdict_fields(decision: Decision) -> dict[str, Any]:
    """The final label and billability to act on (the reviewer's, once there is an outcome)."""
    outcome = decision.outcome
    return {
        "decision_id": decision.decision_id,
        "route": decision.route.value,
        "status": decision.status,
        "exception": decision.final_exception.value,
        "billable": decision.final_billable,
        "reviewed": outcome is not None,
        "changed": bool(outcome and outcome.changed),
        "reviewers": list(outcome.reviewers) if outcome else [],
    }


def book(ledger: Path, case: dict[str, Any], verdict: dict[str, Any], status: str) -> str:
    """ "Post" or "hold" the invoice: one ledger line per invoice, so a retried step is a no-op."""
    number = case["invoice"]["number"]
    with _LEDGER_LOCK:
        if ledger.exists():
            for line in ledger.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                if entry["invoice_number"] == number:
                    return str(entry["status"])
        record = {
            "invoice_number": number,
            "case_id": case["case_id"],
            "status": status,
            "verdict": verdict,
        }
        ledger.parent.mkdir(parents=True, exist_ok=True)
        with ledger.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, sort_keys=True) + "\n")
    return status
