"""Background loops of a serving worker: housekeeping that must not block requests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta

from anyio import to_thread

from triage import audit
from triage.services.review_delivery import deliver_webhooks
from triage.services.runtime import Runtime
from triage.services.scoring import purge_expired_keys

log = logging.getLogger("triage.service")

Loop = Callable[[Runtime], Coroutine[object, object, None]]

PURGE_EVERY_SECONDS = 3600.0
FOLLOW_MODEL_EVERY_SECONDS = 5.0
FOLLOW_POLICY_EVERY_SECONDS = 1.0


async def _every(seconds: float, name: str, work: Callable[[], object]) -> None:
    """Run `work` in a thread every `seconds`; a failure is logged, never fatal."""
    while True:
        await asyncio.sleep(seconds)
        try:
            await to_thread.run_sync(work)
        except Exception:
            log.exception("background task %s failed; will retry", name)


async def purge_idempotency_keys(runtime: Runtime) -> None:
    await _every(
        PURGE_EVERY_SECONDS, "purge-idempotency-keys", lambda: purge_expired_keys(runtime.db)
    )


async def follow_policy_changes(runtime: Runtime) -> None:
    """A policy activated through another worker reaches this one within a second."""
    await _every(FOLLOW_POLICY_EVERY_SECONDS, "follow-policy", runtime.policies.refresh)


async def follow_model_changes(runtime: Runtime) -> None:
    """Other workers' hot swaps reach this worker within a few seconds."""
    await _every(FOLLOW_MODEL_EVERY_SECONDS, "follow-model", runtime.follow_model_changes)


def checkpoint_once(runtime: Runtime) -> None:
    """Sign the tree head when the log grew and the last checkpoint is old enough."""
    key = audit.load_or_create_signing_key(runtime.settings.audit_key_file)
    interval = timedelta(seconds=runtime.settings.checkpoint_interval_seconds)
    with runtime.db.scope() as session:
        audit.write_checkpoint_if_due(session, key, interval=interval)


async def write_checkpoints(runtime: Runtime) -> None:
    """Periodic signed checkpoints (whichever worker is first signs; the others find it done)."""
    seconds = min(60.0, runtime.settings.checkpoint_interval_seconds)
    await _every(seconds, "audit-checkpoint", lambda: checkpoint_once(runtime))


def default_loops() -> list[Loop]:
    return [
        purge_idempotency_keys,
        follow_policy_changes,
        follow_model_changes,
        write_checkpoints,
        deliver_webhooks,
    ]
