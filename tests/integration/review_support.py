"""Factories for review-loop tests: a pending decision with its review task, written directly."""

from __future__ import annotations

import json
import socket
import threading
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from triage.domain.decision import BillablePrediction, Decision, ExceptionPrediction
from triage.domain.vocab import EXCEPTION_LABELS, ExceptionLabel, Route
from triage.review.priority import PriorityInputs, risk
from triage.storage.tables import DecisionRow, ReviewRow

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "domain_example.json"


def example_case(**changes: Any) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(EXAMPLE.read_text())
    case.update(changes)
    return case


def add_pending(
    session: Session,
    *,
    label: str = "rate_mismatch",
    confidence: float = 0.6,
    billable: bool = True,
    billable_probability: float = 0.8,
    amount: float = 1200.0,
    customer: str = "C-1042",
    workflow: str = "work_order_to_invoice",
    submitted_by: str = "orchestrator:erp",
    four_eyes: bool = False,
    audit_sample: bool = False,
    callback_url: str | None = None,
    created_at: datetime | None = None,
) -> ReviewRow:
    """A decision routed to review plus its task, as the scoring service would write them."""
    now = created_at or datetime.now(UTC)
    decision_id = f"dec_{uuid.uuid4().hex}"
    review_id = f"rev_{uuid.uuid4().hex}"
    case_id = f"WO-{uuid.uuid4().hex[:10]}"
    probabilities = dict.fromkeys(EXCEPTION_LABELS, (1 - confidence) / 9)
    probabilities[label] = confidence
    decision = Decision(
        decision_id=decision_id,
        case_id=case_id,
        exception=ExceptionPrediction(
            label=ExceptionLabel(label),
            confidence=confidence,
            probabilities=probabilities,
            prediction_set=[ExceptionLabel(label)],
        ),
        billable=BillablePrediction(value=billable, probability=billable_probability),
        route=Route.HUMAN_REVIEW,
        reasons=[],
        model_version="test-model",
        policy_version="test-policy",
        created_at=now,
        review_id=review_id,
        status="pending_review",
    )
    case = example_case(case_id=case_id, workflow=workflow)
    case["customer"] = {**case["customer"], "id": customer}
    session.add(
        DecisionRow(
            decision_id=decision_id,
            case_id=case_id,
            client_id=submitted_by.split(":", 1)[-1],
            status="pending_review",
            route="human_review",
            exception_label=label,
            billable=billable,
            workflow=workflow,
            customer_id=customer,
            review_id=review_id,
            audit_sample=audit_sample,
            model_version="test-model",
            policy_version="test-policy",
            decision_json=decision.model_dump(mode="json"),
            case_json=case,
            case_sha256="0" * 64,
            callback_url=callback_url,
            created_at=now,
            updated_at=now,
        )
    )
    session.flush()
    row = ReviewRow(
        review_id=review_id,
        decision_id=decision_id,
        case_id=case_id,
        client_id=submitted_by.split(":", 1)[-1],
        status="open",
        priority=risk(
            PriorityInputs(
                amount=amount,
                reference_amount=10_000.0,
                exception_confidence=confidence,
                billable_probability=billable_probability,
                sla_hours=24.0,
            )
        ),
        exception_label=label,
        confidence=confidence,
        workflow=workflow,
        customer_id=customer,
        amount=amount,
        currency="EUR",
        audit_sample=audit_sample,
        required_approvals=2 if four_eyes else 1,
        submitted_by=submitted_by,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row


class Receiver:
    """Records every request; answers `status` (settable) once started."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.status = 204
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                receiver.requests.append((dict(self.headers.items()), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
