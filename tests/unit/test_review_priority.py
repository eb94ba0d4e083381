"""Review priority: money at risk × uncertainty plus age against the SLA."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from triage.review.priority import PriorityInputs, priority, risk, sort_key, uncertainty

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def _inputs(amount: float, conf: float = 0.6, billable: float = 0.9) -> PriorityInputs:
    return PriorityInputs(
        amount=amount,
        reference_amount=10_000.0,
        exception_confidence=conf,
        billable_probability=billable,
        sla_hours=24.0,
    )


def test_uncertainty_uses_weaker_confidence() -> None:
    assert uncertainty(0.95, 0.5) == 0.5
    assert abs(uncertainty(0.7, 0.99) - 0.3) < 1e-12
    assert abs(uncertainty(0.99, 0.02) - 0.02) < 1e-12


def test_risk_scales_with_money_and_uncertainty() -> None:
    assert risk(_inputs(20_000)) > risk(_inputs(10_000))
    assert risk(_inputs(10_000, conf=0.5)) > risk(_inputs(10_000, conf=0.9))
    assert abs(risk(_inputs(10_000, conf=0.6)) - 0.4) < 1e-9


def test_priority_grows_one_point_per_sla_period() -> None:
    inputs = _inputs(10_000)
    later = priority(inputs, created_at=T0, now=T0 + timedelta(hours=24))
    assert abs(later - priority(inputs, created_at=T0, now=T0) - 1.0) < 1e-9


def test_old_cheap_task_overtakes_fresh_expensive_task() -> None:
    cheap_old = _inputs(500)
    rich_new = _inputs(30_000)
    now = T0 + timedelta(hours=48)
    assert priority(cheap_old, created_at=T0, now=now) > priority(rich_new, created_at=now, now=now)


def test_sort_key_orders_like_priority_at_any_time() -> None:
    tasks = [
        (_inputs(a, c), T0 + timedelta(hours=h))
        for a, c, h in [(500, 0.5, 0), (30_000, 0.8, 20), (12_000, 0.6, 5), (1_000, 0.9, 30)]
    ]
    by_key = sorted(range(len(tasks)), key=lambda i: sort_key(tasks[i][0], created_at=tasks[i][1]))
    for hours in (30, 50, 200):
        now = T0 + timedelta(hours=hours)
        by_priority = sorted(
            range(len(tasks)), key=lambda i: -priority(tasks[i][0], created_at=tasks[i][1], now=now)
        )
        assert by_key == by_priority
