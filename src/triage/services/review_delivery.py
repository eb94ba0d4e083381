"""Wiring of the review loop into a serving worker: the review service and webhook delivery."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from anyio import to_thread

from triage.notify.delivery import HttpxTransport
from triage.notify.outbox import OutboxWorker
from triage.notify.webhooks import load_or_create_secret
from triage.services.review import ReviewService
from triage.services.runtime import Runtime

log = logging.getLogger("triage.notify")


def review_service(runtime: Runtime) -> ReviewService:
    """A ReviewService on the runtime's database, SLA from the active policy."""
    return ReviewService(
        runtime.db,
        claim_ttl=timedelta(seconds=runtime.settings.review_claim_ttl_seconds),
        sla_hours=lambda: runtime.policies.current().policy.review_sla_hours,
    )


async def deliver_webhooks(runtime: Runtime) -> None:
    """Background loop: deliver due outbox rows, then sleep the poll interval when idle.

    Every worker process runs one; row leases keep them from sending one attempt twice.
    """
    path = runtime.settings.webhook_secret_file
    secret = await to_thread.run_sync(lambda: load_or_create_secret(path))
    transport = HttpxTransport()
    worker = OutboxWorker(runtime.db, secret=lambda: secret, transport=transport)
    try:
        while True:
            try:
                busy = await to_thread.run_sync(worker.run_once) > 0
            except Exception:
                log.exception("webhook delivery round failed; retrying after the poll interval")
                busy = False
            if not busy:
                await asyncio.sleep(runtime.settings.outbox_poll_seconds)
    finally:
        transport.close()
