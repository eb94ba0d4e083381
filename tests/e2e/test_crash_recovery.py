"""A crash never loses an acknowledged decision nor duplicates one (issue 4 §6).

8 clients send >= 1 200 score requests, 10 % of them retried under the same
Idempotency-Key, while the server is SIGKILLed >= 5 times (and, on PostgreSQL,
the database is stopped with `-m immediate` >= 5 times). Afterwards: every
acknowledged decision is stored, no case has two decisions or two review tasks,
audit records = decisions, and the audit log verifies.

On PostgreSQL each round crashes the database under the live server (requests
must get 503, never 500), kills the server, starts it again while the database
is still down (it must wait for it, TRIAGE_DATABASE_CONNECT_TIMEOUT) and only
then brings the database back.

The server runs this module as a script (`python -m tests.e2e.test_crash_recovery`)
so it serves the fake model of the API tests: restarts take a second, and the
property under test is the storage path, not the model.
"""

from __future__ import annotations

import collections
import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from tests.factories import clean_case_dict
from tests.integration.api_support import UNSURE, make_tokens

CLIENTS = 8
REQUESTS_PER_CLIENT = 150
RETRY_SHARE = 0.10
KILLS = 5
MAX_KILLS = 7
PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """The service as a subprocess (own process group, so SIGKILL takes all of it)."""

    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> float:
        """Start and wait for /readyz; returns seconds to ready."""
        started = time.monotonic()
        self.launch()
        return self.wait_ready(started)

    def launch(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.e2e.test_crash_recovery", str(self.port)],
                env=self.env,
                cwd=PROJECT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, started: float) -> float:
        """Wait for /readyz; returns seconds since `started`."""
        assert self.process is not None
        # one client: `httpx.get` builds one per call (~36 ms of CPU on a slow host)
        with httpx.Client(timeout=1) as client:
            while time.monotonic() - started < 60:
                if self.process.poll() is not None:
                    raise RuntimeError(self.log.read_text()[-3000:])
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{self.url}/readyz").status_code == 200:
                        return time.monotonic() - started
                time.sleep(0.05)
        raise RuntimeError("server not ready: " + self.log.read_text()[-3000:])

    def wait_for_log(self, text: str, *, after: int, timeout: float = 30.0) -> None:
        """Until the server log, past byte `after`, contains `text`."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.log.read_bytes()[after:]:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no {text!r} in the server log: {self.log.read_text()[-3000:]}")
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(self.log.read_text()[-3000:])
            time.sleep(0.05)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)


@contextlib.contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[Server]:
    server = Server(env, log)
    server.start()
    try:
        yield server
    finally:
        server.kill()


@dataclass
class Tally:
    acknowledged: dict[str, str] = field(default_factory=dict)  # idempotency key -> decision id
    replays_checked: int = 0
    mismatched_replays: int = 0
    retries: int = 0
    statuses: collections.Counter[str] = field(default_factory=collections.Counter)
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _case(client: int, n: int) -> dict[str, Any]:
    case = clean_case_dict()
    case["case_id"] = f"CR-{client}-{n}-{uuid.uuid4().hex[:6]}"
    if n % 4 == 0:
        case["service_report"]["notes"] = f"{UNSURE}: relay replaced"
    return case


def _send_until_acknowledged(
    http: httpx.Client, body: dict[str, Any], key: str, tally: Tally, deadline: float
) -> str:
    """Retry with the same key through kills and restarts until a 200 arrives."""
    while time.monotonic() < deadline and not tally.errors:
        try:
            response = http.post("/v1/cases/score", json=body, headers={"Idempotency-Key": key})
        except httpx.TransportError:
            response = None
        if response is not None and response.status_code == 200:
            decision_id: str = response.json()["decision_id"]
            return decision_id
        if response is not None and response.status_code not in (409, 503):
            raise AssertionError(f"unexpected {response.status_code}: {response.text}")
        with tally.lock:
            tally.retries += 1
            tally.statuses[str(response.status_code) if response else "no response"] += 1
        time.sleep(0.1 + random.random() * 0.2)
    raise TimeoutError(f"key {key} never acknowledged")


def _failures_end_the_run(work: Any) -> Any:
    """A thread's error is kept for the test to raise, and stops the other threads."""

    def run(*args: Any) -> None:
        tally: Tally = args[-1]
        try:
            work(*args)
        except BaseException as exc:
            tally.errors.append(exc)

    return run


@_failures_end_the_run
def _client(
    server: Server, token: str, index: int, deadline: float, kills: list[float], tally: Tally
) -> None:
    """Send at least `REQUESTS_PER_CLIENT` cases, and go on until the killer has crashed the
    server `KILLS` times: a fast server must not finish its quota between two kills."""
    rng = random.Random(index)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=10) as http:
        n = -1
        while n + 1 < REQUESTS_PER_CLIENT or len(kills) < KILLS:
            if tally.errors:
                return  # another thread failed: the test raises its error
            if time.monotonic() > deadline:
                raise TimeoutError(f"client {index}: only {len(kills)} kills before the deadline")
            n += 1
            body, key = _case(index, n), f"c{index}-k{n}"
            decision_id = _send_until_acknowledged(http, body, key, tally, deadline)
            with tally.lock:
                tally.acknowledged[f"{index}:{key}"] = decision_id
            if rng.random() < RETRY_SHARE:
                again = _send_until_acknowledged(http, body, key, tally, deadline)
                with tally.lock:
                    tally.replays_checked += 1
                    tally.mismatched_replays += again != decision_id


@_failures_end_the_run
def _killer(
    server: Server, stop: threading.Event, kills: list[float], crash_db: bool, tally: Tally
) -> None:
    """SIGKILL the server every ~2 s and restart it at once; with `crash_db`, crash
    PostgreSQL first and start the server while it is still down."""
    while len(kills) < MAX_KILLS and not stop.wait(2.0):
        started = time.monotonic()
        if not crash_db:
            server.kill()
            kills.append(server.start())
            continue
        _pg_ctl("stop")  # -m immediate: no checkpoint, like a power cut
        time.sleep(0.5)  # the live server answers 503 meanwhile
        server.kill()
        log_size = server.log.stat().st_size
        server.launch()
        server.wait_for_log("not reachable", after=log_size)
        _start_postgres()
        kills.append(server.wait_ready(started))


def run_crash_scenario(tmp_path: Path, database_url: str, crash_db: bool = False) -> dict[str, Any]:
    tokens = make_tokens(database_url)
    from triage.storage import SessionFactory
    from triage.storage.tokens import create_token

    db = SessionFactory.from_url(database_url)
    with db.scope() as session:
        client_tokens = [
            create_token(session, role="orchestrator", name=f"client-{i}") for i in range(CLIENTS)
        ]
    env = {
        **os.environ,
        "TRIAGE_DATABASE_URL": database_url,
        "TRIAGE_AUDIT_KEY_FILE": str(tmp_path / "keys" / "audit.pem"),
        "TRIAGE_WEBHOOK_SECRET_FILE": str(tmp_path / "keys" / "webhook"),
        "TRIAGE_CHECKPOINT_INTERVAL_SECONDS": "1",
        "TRIAGE_LOG_LEVEL": "warning",
        "PYTHONPATH": str(PROJECT),
    }
    tally, stop, kills = Tally(), threading.Event(), []
    started = time.monotonic()
    with serving(env, tmp_path / "server.log") as server:
        killer = threading.Thread(target=_killer, args=(server, stop, kills, crash_db, tally))
        deadline = time.monotonic() + 600
        clients = [
            threading.Thread(
                target=_client, args=(server, client_tokens[i], i, deadline, kills, tally)
            )
            for i in range(CLIENTS)
        ]
        for thread in clients:
            thread.start()
        killer.start()
        for thread in clients:
            thread.join()
        stop.set()
        killer.join()
        if tally.errors:
            raise tally.errors[0]
        with httpx.Client(base_url=server.url, timeout=10) as http:
            headers = {"Authorization": f"Bearer {tokens['admin']}"}
            http.get("/readyz", headers=headers)
    elapsed = time.monotonic() - started
    figures = _check_database(db, database_url, tmp_path, tally)
    db.engine.dispose()
    figures.update(
        requests=len(tally.acknowledged) + tally.replays_checked,
        retries=tally.retries,
        retried_statuses=dict(sorted(tally.statuses.items())),
        replays=tally.replays_checked,
        server_start_db_waits=(tmp_path / "server.log").read_text().count("not reachable"),
        kills=len(kills),
        mean_restart_to_ready_s=round(sum(kills) / max(1, len(kills)), 2),
        seconds=round(elapsed, 1),
    )
    print("crash recovery:", figures)
    assert tally.mismatched_replays == 0
    return figures


def _check_database(db: Any, url: str, tmp_path: Path, tally: Tally) -> dict[str, Any]:
    from triage import audit
    from triage.storage.tables import AuditLogRow, DecisionRow, ReviewRow

    with db.scope(readonly=True) as session:
        stored = set(session.scalars(select(DecisionRow.decision_id)))
        decisions = len(stored)
        per_case = session.execute(
            select(DecisionRow.case_id, func.count()).group_by(DecisionRow.case_id)
        ).all()
        reviews_per_case = session.execute(
            select(ReviewRow.case_id, func.count()).group_by(ReviewRow.case_id)
        ).all()
        decision_records = session.scalar(
            select(func.count())
            .select_from(AuditLogRow)
            .where(AuditLogRow.event_type == "decision.created")
        )
        records, checkpoints = audit.read_log(session)
    key = audit.load_signing_key(tmp_path / "keys" / "audit.pem")
    report = audit.verify(records, checkpoints, key.public_key())
    missing = set(tally.acknowledged.values()) - stored
    figures = {
        "acknowledged": len(tally.acknowledged),
        "missing": len(missing),
        "decisions": decisions,
        "duplicate_decisions": sum(n - 1 for _, n in per_case),
        "duplicate_reviews": sum(n - 1 for _, n in reviews_per_case),
        "audit_decision_records": decision_records,
        "log_verifies": report.ok,
        "checkpoints": report.checkpoints,
    }
    assert not missing, f"acknowledged decisions lost: {sorted(missing)[:5]}"
    assert figures["duplicate_decisions"] == 0
    assert figures["duplicate_reviews"] == 0
    assert decision_records == decisions == len(tally.acknowledged)
    assert report.ok, report.problems[:3]
    return figures


@pytest.mark.slow
def test_sigkill_loses_and_duplicates_nothing_on_sqlite(tmp_path: Path) -> None:
    figures = run_crash_scenario(tmp_path, f"sqlite:///{tmp_path / 'triage.db'}")
    assert figures["kills"] >= KILLS
    assert figures["requests"] >= 1200


def _pg_ctl(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
        + (["-m", "immediate"] if action == "stop" else []),
        check=True,
        capture_output=True,
        timeout=60,
    )


def _start_postgres() -> None:
    _pg_ctl("start")
    _wait_for_postgres()


def _wait_for_postgres(timeout: float = 60.0) -> None:
    """Until crash recovery is over and the server accepts connections again."""
    deadline = time.monotonic() + timeout
    while subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode != 0:
        if time.monotonic() > deadline:
            raise TimeoutError("PostgreSQL did not accept connections after the restart")
        time.sleep(0.1)


@contextlib.contextmanager
def _scratch_schema() -> Iterator[str]:
    """A fresh schema, dropped on a new connection (the old ones died with the server)."""
    from sqlalchemy import create_engine, text

    from tests.conftest import postgres_base_url

    base, schema = postgres_base_url(), f"crash_{uuid.uuid4().hex[:12]}"

    def execute(sql: str) -> None:
        engine = create_engine(base, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
        try:
            with engine.connect() as connection:
                connection.execute(text(sql))
        finally:
            engine.dispose()

    execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.mark.slow
@pytest.mark.postgres
def test_sigkill_and_database_crash_lose_nothing_on_postgres(tmp_path: Path) -> None:
    if not Path("/etc/postgresql").is_dir() or os.geteuid() != 0:
        pytest.skip("needs a local PostgreSQL cluster it may stop and start")
    with _scratch_schema() as url:
        try:
            figures = run_crash_scenario(tmp_path, url, crash_db=True)
        finally:
            with contextlib.suppress(subprocess.CalledProcessError):
                _start_postgres()
    assert figures["kills"] >= KILLS
    assert figures["requests"] >= 1200
    assert figures["retried_statuses"].get("503", 0) > 0, "the outage was answered with 503"


def _serve(port: int) -> None:
    """The server process: the real app, with the API tests' fake model."""
    import uvicorn

    from tests.integration.api_support import FakeLoader
    from triage.api.app import create_app
    from triage.config import Settings

    app = create_app(Settings(), predictor_loader=FakeLoader())
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
