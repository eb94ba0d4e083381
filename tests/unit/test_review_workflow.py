"""The review state machine: claims, expiry, four-eyes, submitter exclusion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from triage.errors import ForbiddenError, ReviewConflictError
from triage.review.workflow import TaskState, claim, release, resolve

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
TTL = timedelta(minutes=15)


def _task(required: int = 1, submitted_by: str | None = "orch") -> TaskState:
    return TaskState(
        status="open",
        required_reviewers=required,
        submitted_by=submitted_by,
        suggested_exception="rate_mismatch",
        suggested_billable=True,
    )


def _resolve(state: TaskState, reviewer: str, exception: str = "rate_mismatch", billable=True):
    return resolve(
        state, reviewer=reviewer, exception=exception, billable=billable, comment=None, now=NOW
    )


def test_claim_blocks_other_reviewer_until_expiry() -> None:
    state = claim(_task(), "alice", now=NOW, ttl=TTL)
    with pytest.raises(ReviewConflictError, match="claimed by another"):
        claim(state, "bob", now=NOW + timedelta(minutes=5), ttl=TTL)
    taken = claim(state, "bob", now=NOW + TTL + timedelta(seconds=1), ttl=TTL)
    assert taken.claimed_by == "bob"


def test_release_reopens_task_for_holder_only() -> None:
    state = claim(_task(), "alice", now=NOW, ttl=TTL)
    with pytest.raises(ReviewConflictError):
        release(state, "bob", now=NOW)
    assert release(state, "alice", now=NOW).status == "open"


def test_resolve_requires_active_claim() -> None:
    with pytest.raises(ReviewConflictError, match="claim"):
        _resolve(_task(), "alice")
    expired = claim(_task(), "alice", now=NOW - 2 * TTL, ttl=TTL)
    with pytest.raises(ReviewConflictError, match="claim"):
        _resolve(expired, "alice")


def test_confirm_resolves_single_review_unchanged() -> None:
    state, verdict, outcome = _resolve(claim(_task(), "alice", now=NOW, ttl=TTL), "alice")
    assert state.status == "resolved"
    assert verdict.action == "confirm"
    assert outcome is not None
    assert outcome.reviewers == ["alice"]
    assert outcome.changed is False


def test_correction_marks_outcome_changed() -> None:
    claimed = claim(_task(), "alice", now=NOW, ttl=TTL)
    _, verdict, outcome = _resolve(claimed, "alice", exception="tax_error", billable=False)
    assert verdict.action == "correct"
    assert outcome is not None
    assert (outcome.exception, outcome.billable, outcome.changed) == ("tax_error", False, True)


def test_submitter_cannot_claim_or_resolve() -> None:
    with pytest.raises(ForbiddenError):
        claim(_task(submitted_by="alice"), "alice", now=NOW, ttl=TTL)


def test_four_eyes_needs_two_different_agreeing_reviewers() -> None:
    state, _, outcome = _resolve(claim(_task(required=2), "alice", now=NOW, ttl=TTL), "alice")
    assert outcome is None
    assert state.status == "open"
    with pytest.raises(ReviewConflictError, match="second"):
        claim(state, "alice", now=NOW, ttl=TTL)
    state, _, outcome = _resolve(claim(state, "bob", now=NOW, ttl=TTL), "bob")
    assert outcome is not None
    assert outcome.reviewers == ["alice", "bob"]
    assert state.status == "resolved"


def test_four_eyes_disagreement_waits_for_a_tiebreaker() -> None:
    state, _, _ = _resolve(claim(_task(required=2), "alice", now=NOW, ttl=TTL), "alice")
    state, _, outcome = _resolve(
        claim(state, "bob", now=NOW, ttl=TTL), "bob", exception="tax_error"
    )
    assert outcome is None
    assert state.status == "open"
    state, _, outcome = _resolve(
        claim(state, "carol", now=NOW, ttl=TTL), "carol", exception="tax_error"
    )
    assert outcome is not None
    assert outcome.reviewers == ["bob", "carol"]
    assert outcome.exception == "tax_error"
    assert outcome.changed is True


def test_resolved_task_cannot_be_claimed() -> None:
    state, _, _ = _resolve(claim(_task(), "alice", now=NOW, ttl=TTL), "alice")
    with pytest.raises(ReviewConflictError, match="resolved"):
        claim(state, "bob", now=NOW, ttl=TTL)
