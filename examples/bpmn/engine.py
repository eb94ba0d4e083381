"""Runs `work_order_to_invoice.bpmn` with SpiffWorkflow against the triage API.

The service task `triage/score` calls the API with Idempotency-Key = process
instance id + task instance id (both persisted with the instance, so the same
after a restart), and a callback URL pointing at the bridge. A process routed to
review parks on the `review_resolved` message; the bridge verifies the signed
callback and delivers the message, and the process goes on to post or hold.
Every instance is saved as JSON after each step, so waiting instances survive a
restart of the engine.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.util import BpmnEvent
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from examples.common import book, verdict_fields
from triage.client import RetryPolicy, TriageClient

BPMN_FILE = Path(__file__).with_name("work_order_to_invoice.bpmn")
PROCESS_ID = "work_order_to_invoice"
REVIEW_MESSAGE = "review_resolved"
# The service task's own retries: long enough to ride out a server restart.
SCORE_RETRY = RetryPolicy(max_attempts=15, initial_delay=0.5, max_delay=4.0)


def instance_id_for(case_id: str) -> str:
    return f"bpmn-{case_id}"


class ServiceTaskEngine(PythonScriptEngine):  # type: ignore[misc]
    """Script engine whose service tasks call the triage API and the ledger."""

    def __init__(self, owner: InvoiceProcessEngine) -> None:
        super().__init__(environment=TaskDataEnvironment())
        self.owner = owner

    def call_service(self, task: Task, **kwargs: Any) -> str:
        name: str = kwargs["operation_name"]
        params = {key: spec["value"] for key, spec in kwargs["operation_params"].items()}
        instance_id: str = task.data["instance_id"]
        if name == "triage/score":
            result = self.owner.score(instance_id, f"{instance_id}/{task.id}", params["case"])
        elif name in ("erp/post", "erp/hold"):
            status = "posted" if name == "erp/post" else "held"
            result = {"status": book(self.owner.ledger, params["case"], params["verdict"], status)}
        else:
            raise ValueError(f"unknown service operation {name!r}")
        return json.dumps(result)


class InvoiceProcessEngine:
    """Starts instances, delivers review messages, and reports where each instance is."""

    def __init__(
        self, *, api_url: str, token: str, bridge_url: str | None, store: Path, ledger: Path
    ) -> None:
        self.api_url = api_url
        self.token = token
        self.bridge_url = bridge_url.rstrip("/") if bridge_url else None
        self.store = store
        self.ledger = ledger
        parser = SpiffBpmnParser()
        parser.add_bpmn_file(str(BPMN_FILE))
        self.spec = parser.get_spec(PROCESS_ID)
        self.serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
        self.script_engine = ServiceTaskEngine(self)
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self.store.mkdir(parents=True, exist_ok=True)

    def score(self, instance_id: str, key: str, case: dict[str, Any]) -> dict[str, Any]:
        """The `triage/score` service task: one decision, however often it is retried."""
        retries: list[str] = []
        callback = f"{self.bridge_url}/bpmn/{instance_id}" if self.bridge_url else None
        with TriageClient(
            self.api_url,
            self.token,
            retry=SCORE_RETRY,
            on_retry=lambda _attempt, why: retries.append(why),
        ) as client:
            decision = client.score(case, idempotency_key=key, callback_url=callback)
        return {**verdict_fields(decision), "attempts": 1 + len(retries)}

    def start(self, case: dict[str, Any]) -> str:
        """Create the instance and run it until it ends or waits for the review message."""
        instance_id = instance_id_for(case["case_id"])
        with self._locks[instance_id]:
            workflow = BpmnWorkflow(self.spec, script_engine=self.script_engine)
            for task in workflow.get_tasks(state=TaskState.READY):
                task.data.update(case=case, instance_id=instance_id)
            workflow.do_engine_steps()
            self._save(instance_id, workflow)
        return instance_id

    def deliver_review(self, instance_id: str, verdict: dict[str, Any]) -> bool:
        """Hand the reviewed verdict to a waiting instance; False if it is not waiting."""
        with self._locks[instance_id]:
            path = self._path(instance_id)
            if not path.exists():
                return False
            workflow = self._load(instance_id)
            if workflow.completed or not workflow.waiting_events():
                return False
            workflow.send_event(BpmnEvent(MessageEventDefinition(REVIEW_MESSAGE), payload=verdict))
            workflow.do_engine_steps()
            self._save(instance_id, workflow)
        return True

    def state(self, instance_id: str) -> dict[str, Any]:
        """`completed`, the waiting events, and the data the process carries."""
        with self._locks[instance_id]:
            workflow = self._load(instance_id)
        data = workflow.data if workflow.completed else {}
        return {
            "completed": workflow.completed,
            "waiting_for": [event.name for event in workflow.waiting_events()],
            "scored": data.get("scored"),
            "verdict": data.get("verdict"),
            "booking": data.get("booking"),
        }

    def _path(self, instance_id: str) -> Path:
        return self.store / f"{instance_id}.json"

    def _save(self, instance_id: str, workflow: BpmnWorkflow) -> None:
        tmp = self._path(instance_id).with_suffix(".tmp")
        tmp.write_text(self.serializer.serialize_json(workflow), encoding="utf-8")
        tmp.replace(self._path(instance_id))

    def _load(self, instance_id: str) -> BpmnWorkflow:
        workflow: BpmnWorkflow = self.serializer.deserialize_json(
            self._path(instance_id).read_text(encoding="utf-8")
        )
        workflow.script_engine = self.script_engine
        return workflow
