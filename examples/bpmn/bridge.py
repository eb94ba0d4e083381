"""The webhook bridge for the BPMN engine: signed callback in, `review_resolved` message out."""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from examples.bpmn.engine import InvoiceProcessEngine
from examples.common import verdict_fields
from triage.client import WebhookVerificationError, verify_webhook

log = logging.getLogger("examples.bpmn.bridge")


def create_bridge(engine: InvoiceProcessEngine, secret: str) -> Starlette:
    async def callback(request: Request) -> Response:
        instance_id = request.path_params["instance_id"]
        body = await request.body()
        try:
            event = verify_webhook(secret, dict(request.headers), body)
        except WebhookVerificationError as exc:
            log.warning("rejected callback for %s: %s", instance_id, exc)
            return JSONResponse({"error": str(exc)}, status_code=401)
        delivered = await run_in_threadpool(
            engine.deliver_review, instance_id, verdict_fields(event.decision)
        )
        if not delivered:
            # A repeated delivery, or an instance that is not waiting: acknowledge, nothing to do.
            log.info("callback %s for %s: nothing waiting", event.webhook_id, instance_id)
        return Response(status_code=204)

    return Starlette(routes=[Route("/bpmn/{instance_id}", callback, methods=["POST"])])
