"""The webhook bridge: the service's signed callback in, a Temporal signal out.

`POST /temporal/{workflow_id}` verifies the Standard Webhooks signature with the
package's helper and signals `review_resolved` to that workflow. Deliveries are
at least once; a repeated signal carries the same verdict, so it is harmless.
"""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from examples.temporal.activities import verdict_of
from examples.temporal.workflow import WorkOrderToInvoice
from triage.client import WebhookVerificationError, verify_webhook

log = logging.getLogger("examples.temporal.bridge")


def create_bridge(temporal: Client, secret: str) -> Starlette:
    async def callback(request: Request) -> Response:
        workflow_id = request.path_params["workflow_id"]
        body = await request.body()
        try:
            event = verify_webhook(secret, dict(request.headers), body)
        except WebhookVerificationError as exc:
            log.warning("rejected callback for %s: %s", workflow_id, exc)
            return JSONResponse({"error": str(exc)}, status_code=401)
        handle = temporal.get_workflow_handle(workflow_id)
        try:
            await handle.signal(WorkOrderToInvoice.review_resolved, verdict_of(event.decision))
        except RPCError as exc:
            if exc.status != RPCStatusCode.NOT_FOUND:
                raise
            # The workflow finished already (e.g. through the long-poll fallback): nothing to do.
            log.info("workflow %s is gone; callback %s acknowledged", workflow_id, event.webhook_id)
        return Response(status_code=204)

    return Starlette(routes=[Route("/temporal/{workflow_id}", callback, methods=["POST"])])
