"""`score_case` claims the Idempotency-Key while the model scores, and drops the prediction
of a replay."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from triage.domain.parse import parse_case
from triage.services import scoring

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "domain_example.json").read_text())


def _request() -> scoring.ScoreRequest:
    return scoring.ScoreRequest(
        case=parse_case(EXAMPLE),
        case_json=EXAMPLE,
        client_id="c",
        actor="orchestrator:c",
        request_sha256="x",
        case_sha256="y",
        idempotency_key="k1",
    )


class _Writer:
    """Runs work inline; the claim (first unit) can be made to wait for an event."""

    def __init__(self, claim_waits_for: asyncio.Event | None = None) -> None:
        self.claim_waits_for = claim_waits_for
        self.calls = 0

    async def run(self, work: Any) -> Any:
        self.calls += 1
        if self.calls == 1 and self.claim_waits_for is not None:
            await asyncio.wait_for(self.claim_waits_for.wait(), timeout=2)
        await asyncio.sleep(0.01)  # a commit takes a moment
        return work(None)


class _Batcher:
    def __init__(self, block: bool = False) -> None:
        self.started = asyncio.Event()
        self.block = block
        self.cancelled = False

    async def score(self, case: Any, evidence: Any) -> Any:
        self.started.set()
        if self.block:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                self.cancelled = True
                raise
        return SimpleNamespace(output=None, model_version="m", certification=None)


def test_first_attempt_scores_while_the_key_is_claimed(monkeypatch: pytest.MonkeyPatch) -> None:
    decision = SimpleNamespace(status="final")
    persisted: list[Any] = []
    monkeypatch.setattr(scoring, "claim_key", lambda session, request, ttl_hours: None)
    monkeypatch.setattr(scoring, "decide", lambda **kwargs: (decision, None))
    monkeypatch.setattr(scoring, "persist", lambda *args: persisted.append(args[2]))

    async def run() -> scoring.ScoreResult:
        batcher = _Batcher()
        writer = _Writer(claim_waits_for=batcher.started)  # deadlocks if scoring waits
        return await scoring.score_case(
            writer=writer,  # type: ignore[arg-type]
            batcher=batcher,  # type: ignore[arg-type]
            policy=None,  # type: ignore[arg-type]
            request=_request(),
            ttl_hours=24,
        )

    result = asyncio.run(run())
    assert result.decision is decision
    assert not result.replayed
    assert persisted == [decision]


def test_replay_drops_the_running_prediction(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = SimpleNamespace(status="final")
    monkeypatch.setattr(scoring, "claim_key", lambda session, request, ttl_hours: stored)
    batcher = _Batcher(block=True)

    async def run() -> scoring.ScoreResult:
        result = await scoring.score_case(
            writer=_Writer(),  # type: ignore[arg-type]
            batcher=batcher,  # type: ignore[arg-type]
            policy=None,  # type: ignore[arg-type]
            request=_request(),
            ttl_hours=24,
        )
        await asyncio.sleep(0)
        return result

    result = asyncio.run(run())
    assert result.replayed
    assert result.decision is stored
    assert batcher.cancelled


@pytest.mark.parametrize("callback_url", [None, "https://engine.example/cb?x=ü"])
@pytest.mark.parametrize("documents", [{}, {"invoice": "ab" * 32, "service_report": "cd" * 32}])
def test_input_digests_are_the_canonical_json_digests_stored_keys_were_made_with(
    callback_url: str | None, documents: dict[str, str]
) -> None:
    """Stored Idempotency-Keys hold request digests: the assembled bytes must hash exactly
    as the whole request's canonical JSON, or every retry after an upgrade would be a 422."""
    raw = {**EXAMPLE, "note": "Kunde – très ✓"}
    whole = {"case": raw, "documents": documents, "callback_url": callback_url}
    expected_request = scoring.sha256_hex(scoring.canonical_json(whole))
    request, case = scoring.input_digests(
        raw_json=raw, case_json=raw, documents=documents, callback_url=callback_url
    )
    assert request == expected_request
    assert case == scoring.sha256_hex(scoring.canonical_json(raw))
    filled = {**raw, "invoice": {"filled": True}}
    request, case = scoring.input_digests(
        raw_json=raw, case_json=filled, documents=documents, callback_url=callback_url
    )
    assert request == expected_request
    assert case == scoring.sha256_hex(scoring.canonical_json(filled))
