"""Python client of the triage API: score with idempotency and retries, wait, verify webhooks.

Imports only the domain models, the webhook verifier and httpx, so an
orchestration worker can use it without the service's heavy dependencies.
"""

from triage.client._core import (
    NO_RETRY,
    OutcomeTimeoutError,
    RetryHook,
    RetryPolicy,
    TriageAPIError,
    TriageClientError,
    TriageUnavailableError,
    new_idempotency_key,
)
from triage.client.aio import AsyncTriageClient
from triage.client.sync import TriageClient
from triage.client.webhooks import WebhookEvent, verify_webhook
from triage.notify.webhooks import WebhookVerificationError

__all__ = [
    "NO_RETRY",
    "AsyncTriageClient",
    "OutcomeTimeoutError",
    "RetryHook",
    "RetryPolicy",
    "TriageAPIError",
    "TriageClient",
    "TriageClientError",
    "TriageUnavailableError",
    "WebhookEvent",
    "WebhookVerificationError",
    "new_idempotency_key",
    "verify_webhook",
]
