"""Receiving the service's callbacks: verify the Standard Webhooks signature, read the decision."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from triage.domain.decision import Decision
from triage.notify.webhooks import DEFAULT_TOLERANCE_SECONDS, WebhookVerificationError, verify


@dataclass(frozen=True, slots=True)
class WebhookEvent:
    """One verified delivery; `webhook_id` is stable across retries, so receivers dedupe on it."""

    webhook_id: str
    type: str
    timestamp: datetime
    decision: Decision


def verify_webhook(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> WebhookEvent:
    """Check the signature and age of a callback, then parse its final decision.

    Raises WebhookVerificationError for a bad signature, a stale or future
    timestamp, or a body that is not the service's event shape.
    """
    webhook_id = verify(secret, headers, body, tolerance=tolerance, now=now)
    try:
        payload = json.loads(body)
        return WebhookEvent(
            webhook_id=webhook_id,
            type=str(payload["type"]),
            timestamp=datetime.fromisoformat(payload["timestamp"]),
            decision=Decision.model_validate(payload["data"]),
        )
    except (ValueError, KeyError, TypeError, ValidationError) as exc:
        raise WebhookVerificationError(f"signed body is not a decision event: {exc}") from exc
