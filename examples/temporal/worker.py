"""Run the worker and the webhook bridge against a Temporal cluster.

    python -m examples.temporal.worker --temporal localhost:7233 \\
        --api http://triage:8000 --token "$TRIAGE_TOKEN" \\
        --webhook-secret-file var/keys/webhook_secret \\
        --bridge-port 8099 --public-bridge-url http://worker-host:8099
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import uvicorn
from temporalio.client import Client
from temporalio.worker import Worker

from examples.temporal.activities import InvoiceActivities
from examples.temporal.bridge import create_bridge
from examples.temporal.shared import TASK_QUEUE
from examples.temporal.workflow import WorkOrderToInvoice


@contextlib.asynccontextmanager
async def worker_and_bridge(
    temporal: Client,
    activities: InvoiceActivities,
    *,
    webhook_secret: str,
    bridge_host: str,
    bridge_port: int,
) -> AsyncIterator[None]:
    """The worker polling TASK_QUEUE and the bridge's HTTP server, for as long as the block runs."""
    config = uvicorn.Config(
        create_bridge(temporal, webhook_secret),
        host=bridge_host,
        port=bridge_port,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            serving.result()
        await asyncio.sleep(0.05)
    worker = Worker(
        temporal,
        task_queue=TASK_QUEUE,
        workflows=[WorkOrderToInvoice],
        activities=[
            activities.score_case,
            activities.fetch_outcome,
            activities.post_invoice,
            activities.hold_invoice,
        ],
    )
    try:
        async with worker:
            yield
    finally:
        server.should_exit = True
        await serving


async def main_async(args: argparse.Namespace) -> None:
    temporal = await Client.connect(args.temporal, namespace=args.namespace)
    activities = InvoiceActivities(
        api_url=args.api,
        token=args.token,
        bridge_url=args.public_bridge_url or f"http://127.0.0.1:{args.bridge_port}",
        ledger=Path(args.ledger),
    )
    secret = Path(args.webhook_secret_file).read_text(encoding="ascii").strip()
    async with worker_and_bridge(
        temporal,
        activities,
        webhook_secret=secret,
        bridge_host=args.bridge_host,
        bridge_port=args.bridge_port,
    ):
        await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--temporal", default="localhost:7233")
    parser.add_argument("--namespace", default="default")
    parser.add_argument("--api", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--webhook-secret-file", required=True)
    parser.add_argument("--bridge-host", default="127.0.0.1")
    parser.add_argument("--bridge-port", type=int, default=8099)
    parser.add_argument("--public-bridge-url", default=None)
    parser.add_argument("--ledger", default="var/ledger.jsonl")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
