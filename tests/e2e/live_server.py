"""Running `triage serve` as a real subprocess for end-to-end tests.

Free ports, a temp database, tokens from the CLI, readiness by polling
`/readyz`, SIGKILL of the whole process group, restart on the same port, and a
TCP proxy that can kill the server the moment a chosen request has reached it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
TRIAGE = str(BIN / "triage")
READY_TIMEOUT = 90.0

E2E_POLICY = """\
version: "e2e-1"
description: "End-to-end tests: below the high-value line everything continues."
thresholds: {mode: fixed, exception_confidence: 0.0, billable_confidence: 0.0}
high_value: {default: 5000}
always_review: []
audit_sample_rate: 0.0
second_review_value: {default: 1000000000}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def service_env(tmp: Path, database_url: str | None = None) -> dict[str, str]:
    """TRIAGE_* settings for one test's service: its own database, keys and policy."""
    policy = tmp / "policy.yaml"
    policy.write_text(E2E_POLICY, encoding="utf-8")
    env = dict(os.environ)
    env.update(
        {
            "TRIAGE_DATABASE_URL": database_url or f"sqlite:///{tmp / 'triage.db'}",
            "TRIAGE_AUDIT_KEY_FILE": str(tmp / "keys" / "audit_ed25519.pem"),
            "TRIAGE_WEBHOOK_SECRET_FILE": str(tmp / "keys" / "webhook_secret"),
            "TRIAGE_POLICY_FILE": str(policy),
            "TRIAGE_OUTBOX_POLL_SECONDS": "0.2",
            "TRIAGE_LOG_LEVEL": "warning",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        }
    )
    return env


def create_token(env: dict[str, str], *, role: str, name: str) -> str:
    """`triage tokens create` prints the token alone on its last line."""
    done = subprocess.run(
        [TRIAGE, "tokens", "create", "--role", role, "--name", name],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1].strip()


@dataclass
class LiveServer:
    """One `triage serve` process (group); `kill()` is SIGKILL, `start()` comes back on the port."""

    env: dict[str, str]
    port: int = field(default_factory=free_port)
    log: Path | None = None
    workers: int = 1
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        out = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [
                TRIAGE,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        # one client: `httpx.get` builds one per call (~36 ms of CPU on a slow host)
        with httpx.Client(timeout=2) as client:
            while time.monotonic() < deadline:
                assert self.process is not None
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"triage serve exited with {self.process.returncode}: {self.tail()}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{self.url}/readyz").status_code == 200:
                        return
                time.sleep(0.2)
        raise RuntimeError(f"triage serve not ready after {READY_TIMEOUT}s: {self.tail()}")

    def kill(self) -> None:
        """SIGKILL the server and its workers: no graceful shutdown, no flush."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def tail(self) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return self.log.read_text(errors="replace")[-3000:]


class KillSwitchProxy:
    """A TCP proxy in front of the server that fires `on_match` once, right after it has
    forwarded a request containing `trigger`: the server has the request, the caller
    never gets the answer."""

    def __init__(self, upstream_port: int, trigger: bytes, on_match: Callable[[], None]) -> None:
        self.upstream_port = upstream_port
        self.trigger = trigger
        self.on_match = on_match
        self.fired = threading.Event()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        cut = threading.Event()
        threading.Thread(target=self._pipe, args=(upstream, client, cut), daemon=True).start()
        seen = b""
        try:
            while chunk := client.recv(65536):
                seen = (seen + chunk)[-(len(self.trigger) + 65536) :]
                matched = self.trigger in seen and self._claim()
                if matched:
                    cut.set()
                upstream.sendall(chunk)
                if matched:
                    # Let the server work on the request (and maybe commit), then kill it:
                    # the caller never sees the answer either way.
                    time.sleep(0.3)
                    self.on_match()
                    break
        except OSError:
            pass
        finally:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.close()

    def _claim(self) -> bool:
        with self._lock:
            if self.fired.is_set():
                return False
            self.fired.set()
            return True

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket, cut: threading.Event) -> None:
        """Server to caller; once the connection is cut, answers are dropped."""
        try:
            while chunk := source.recv(65536):
                if cut.is_set():
                    break
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.close()


def resolve_review_when_ready(
    api_url: str,
    reviewer_token: str,
    case_id: str,
    *,
    exception: str,
    billable: bool,
    timeout: float = 180.0,
) -> dict[str, object]:
    """Act as the reviewer: wait for the case's review task, claim it, resolve it.

    Connection errors and 5xx are retried: the server may be restarting.
    """
    headers = {"authorization": f"Bearer {reviewer_token}"}
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=api_url, headers=headers, timeout=10) as http:

        def call(method: str, path: str, **kwargs: object) -> httpx.Response:
            while True:
                try:
                    response = http.request(method, path, **kwargs)
                    if response.status_code < 500:
                        return response
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{method} {path}: service unavailable")
                time.sleep(0.3)

        while True:
            response = call("GET", f"/v1/cases/{case_id}")
            if response.status_code == 200 and response.json().get("review_id"):
                decision = response.json()
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"no review task for {case_id}: {response.text}")
            time.sleep(0.3)
        review_id = decision["review_id"]
        claimed = call("POST", f"/v1/reviews/{review_id}/claim")
        assert claimed.status_code == 200, claimed.text
        same = (
            decision["exception"]["label"] == exception
            and decision["billable"]["value"] == billable
        )
        body = (
            {"action": "confirm", "comment": "e2e"}
            if same
            else {
                "action": "correct",
                "exception": exception,
                "billable": billable,
                "comment": "e2e",
            }
        )
        resolved = call("POST", f"/v1/reviews/{review_id}/resolve", json=body)
        assert resolved.status_code == 200, resolved.text
        result: dict[str, object] = resolved.json()
        return result


def decisions_per_case(database_url: str) -> dict[str, int]:
    """How many decisions the database holds for each case id."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT case_id, COUNT(*) FROM decisions GROUP BY case_id")
            ).all()
    finally:
        engine.dispose()
    return {str(case_id): int(count) for case_id, count in rows}


def e2e_cases(tag: str) -> dict[str, dict[str, object]]:
    """Three cases: two below the high-value line (auto-continue), one above (review)."""
    from tests.factories import clean_case_dict, recompute_totals

    cases: dict[str, dict[str, object]] = {}
    for n, kind in enumerate(("straight", "review", "kill")):
        data = clean_case_dict()
        case_id = f"WO-{tag}-{kind}".upper()
        data["case_id"] = case_id
        data["service_report"]["work_order_id"] = case_id
        data["invoice"]["number"] = f"INV-{tag}-{n}".upper()
        if kind == "review":
            data["service_report"]["parts"][0]["qty"] = 20
            for line in data["invoice"]["lines"]:
                if line["kind"] == "part":
                    line["qty"] = 20
            recompute_totals(data)
        cases[kind] = data
    return cases
