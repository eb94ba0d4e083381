"""Process intelligence: how much flows through automatically, how reviews go, how wrong we are.

Computed from the decisions, review tasks and review actions of a time window
(decisions created in it). The error estimate among auto-continued cases
comes only from the policy's random audit sample: those cases would have been
auto-continued, so the share a reviewer changed is an unbiased estimate of
the error rate of automation, reported with an exact (Clopper-Pearson) 95 %
interval because the sample is small.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from triage.storage.tables import DecisionRow, ReviewActionRow, ReviewRow

VERDICTS = ("confirm", "correct")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Rate(_Out):
    count: int
    total: int
    rate: float | None


class ErrorEstimate(_Out):
    sampled: int
    errors: int
    rate: float | None
    ci_low: float
    ci_high: float
    confidence: float = 0.95
    method: str = "Clopper-Pearson exact binomial interval over the random audit sample"


class ReviewerAgreement(_Out):
    reviewer: str
    verdicts: int
    agreed_with_final: int
    rate: float | None
    overrides: int


class FourEyesAgreement(_Out):
    cases: int
    agreed: int
    rate: float | None
    kappa_exception: float | None


class DayPoint(_Out):
    day: date
    decisions: int
    automation_rate: float | None
    exception_rate: float | None
    reviews_resolved: int
    override_rate: float | None
    latency_p50_seconds: float | None


class MetricsSummary(_Out):
    since: datetime
    until: datetime
    decisions: int
    automation_rate: Rate
    exception_rate: Rate
    exception_by_label: dict[str, int]
    exception_rate_by_workflow: dict[str, Rate]
    exception_rate_by_customer: dict[str, Rate]
    reviews_open: int
    reviews_resolved: int
    review_latency_p50_seconds: float | None
    review_latency_p90_seconds: float | None
    manual_touches_per_case: float | None
    manual_touches_per_reviewed_case: float | None
    override_rate: Rate
    agreement_per_reviewer: list[ReviewerAgreement]
    four_eyes: FourEyesAgreement
    auto_continue_error: ErrorEstimate
    over_time: list[DayPoint]


def _rate(count: int, total: int) -> Rate:
    return Rate(count=count, total=total, rate=count / total if total else None)


def _changed(review: ReviewRow) -> bool:
    return bool(review.outcome and review.outcome.get("changed"))


def summary(
    session: Session, *, since: datetime, until: datetime, top_customers: int = 10
) -> MetricsSummary:
    from triage.review import stats  # imports scipy.stats: 0.5 s and ~20 MB at service start

    decisions = session.scalars(
        select(DecisionRow).where(DecisionRow.created_at >= since, DecisionRow.created_at < until)
    ).all()
    ids = [d.decision_id for d in decisions]
    reviews = (
        session.scalars(select(ReviewRow).where(ReviewRow.decision_id.in_(ids))).all()
        if ids
        else []
    )
    review_ids = [r.review_id for r in reviews]
    actions = (
        session.scalars(
            select(ReviewActionRow)
            .where(ReviewActionRow.review_id.in_(review_ids))
            .order_by(ReviewActionRow.id)
        ).all()
        if review_ids
        else []
    )
    by_review: dict[str, list[ReviewActionRow]] = defaultdict(list)
    for action in actions:
        by_review[action.review_id].append(action)

    total = len(decisions)
    auto = sum(d.route == "auto_continue" for d in decisions)
    exceptions = [d for d in decisions if d.exception_label != "none"]
    by_workflow: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_customer: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in decisions:
        for table, key in ((by_workflow, d.workflow or "unknown"), (by_customer, d.customer_id)):
            table[key or "unknown"][1] += 1
            table[key or "unknown"][0] += d.exception_label != "none"
    busiest = sorted(by_customer.items(), key=lambda kv: (-kv[1][1], kv[0]))[:top_customers]

    resolved = [r for r in reviews if r.status == "resolved" and r.resolved_at is not None]
    latencies = [(r.resolved_at - r.created_at).total_seconds() for r in resolved if r.resolved_at]
    touches = [len(by_review[r.review_id]) for r in resolved]
    audited = [r for r in resolved if r.audit_sample]
    audit_errors = sum(_changed(r) for r in audited)
    low, high = stats.clopper_pearson(audit_errors, len(audited))

    return MetricsSummary(
        since=since,
        until=until,
        decisions=total,
        automation_rate=_rate(auto, total),
        exception_rate=_rate(len(exceptions), total),
        exception_by_label=dict(Counter(d.exception_label for d in decisions).most_common()),
        exception_rate_by_workflow={k: _rate(*v) for k, v in sorted(by_workflow.items())},
        exception_rate_by_customer={k: _rate(*v) for k, v in busiest},
        reviews_open=sum(r.status != "resolved" for r in reviews),
        reviews_resolved=len(resolved),
        review_latency_p50_seconds=stats.percentile(latencies, 50),
        review_latency_p90_seconds=stats.percentile(latencies, 90),
        manual_touches_per_case=sum(touches) / total if total else None,
        manual_touches_per_reviewed_case=sum(touches) / len(touches) if touches else None,
        override_rate=_rate(sum(_changed(r) for r in resolved), len(resolved)),
        agreement_per_reviewer=_per_reviewer(resolved, by_review),
        four_eyes=_four_eyes(resolved, by_review),
        auto_continue_error=ErrorEstimate(
            sampled=len(audited),
            errors=audit_errors,
            rate=audit_errors / len(audited) if audited else None,
            ci_low=low,
            ci_high=high,
        ),
        over_time=_days(decisions, resolved),
    )


def _per_reviewer(
    resolved: list[ReviewRow], by_review: dict[str, list[ReviewActionRow]]
) -> list[ReviewerAgreement]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for review in resolved:
        outcome = review.outcome or {}
        for action in by_review[review.review_id]:
            if action.action not in VERDICTS:
                continue
            entry = counts[action.actor]
            entry[0] += 1
            entry[1] += (action.exception_label, action.billable) == (
                outcome.get("exception"),
                outcome.get("billable"),
            )
            entry[2] += action.action == "correct"
    return [
        ReviewerAgreement(
            reviewer=name, verdicts=n, agreed_with_final=ok, rate=ok / n if n else None, overrides=c
        )
        for name, (n, ok, c) in sorted(counts.items())
    ]


def _four_eyes(
    resolved: list[ReviewRow], by_review: dict[str, list[ReviewActionRow]]
) -> FourEyesAgreement:
    from triage.review import stats

    pairs: list[tuple[str, str]] = []
    agreed = 0
    for review in resolved:
        if review.required_approvals < 2:
            continue
        verdicts = [a for a in by_review[review.review_id] if a.action in VERDICTS][:2]
        if len(verdicts) < 2:
            continue
        first, second = verdicts
        pairs.append((first.exception_label or "", second.exception_label or ""))
        agreed += (first.exception_label, first.billable) == (
            second.exception_label,
            second.billable,
        )
    return FourEyesAgreement(
        cases=len(pairs),
        agreed=agreed,
        rate=agreed / len(pairs) if pairs else None,
        kappa_exception=stats.cohen_kappa(pairs),
    )


def _days(decisions: Any, resolved: list[ReviewRow]) -> list[DayPoint]:
    from triage.review import stats

    made: dict[date, list[DecisionRow]] = defaultdict(list)
    for d in decisions:
        made[d.created_at.astimezone(UTC).date()].append(d)
    done: dict[date, list[ReviewRow]] = defaultdict(list)
    for r in resolved:
        if r.resolved_at is not None:
            done[r.resolved_at.astimezone(UTC).date()].append(r)
    points = []
    for day in sorted(set(made) | set(done)):
        ds, rs = made[day], done[day]
        latencies = [(r.resolved_at - r.created_at).total_seconds() for r in rs if r.resolved_at]
        points.append(
            DayPoint(
                day=day,
                decisions=len(ds),
                automation_rate=(
                    sum(d.route == "auto_continue" for d in ds) / len(ds) if ds else None
                ),
                exception_rate=(
                    sum(d.exception_label != "none" for d in ds) / len(ds) if ds else None
                ),
                reviews_resolved=len(rs),
                override_rate=sum(_changed(r) for r in rs) / len(rs) if rs else None,
                latency_p50_seconds=stats.percentile(latencies, 50),
            )
        )
    return points


def default_window(now: datetime | None = None, days: int = 30) -> tuple[datetime, datetime]:
    """The last `days` days up to now (plus a second, so a decision made now is inside)."""
    end = (now or datetime.now(UTC)) + timedelta(seconds=1)
    return end - timedelta(days=days), end
