"""Prometheus metrics; multiprocess-safe when `PROMETHEUS_MULTIPROC_DIR` is set (workers > 1).

Counters and histograms live in this process-wide registry (or the multiprocess
directory); the review-queue gauges are read from the database at scrape time,
so every worker reports the same figures.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as prom_multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric

REGISTRY = CollectorRegistry(auto_describe=True)

REQUEST_SECONDS = Histogram(
    "triage_http_request_duration_seconds",
    "HTTP request latency by route template",
    ["method", "route", "status"],
    buckets=(0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
    registry=REGISTRY,
)
DECISIONS = Counter(
    "triage_decisions_total",
    "Decisions made, by route and predicted exception label",
    ["route", "label"],
    registry=REGISTRY,
)
IDEMPOTENT_REPLAYS = Counter(
    "triage_idempotent_replays_total",
    "Score requests answered from a stored decision (same Idempotency-Key and body)",
    registry=REGISTRY,
)
BATCH_SIZE = Histogram(
    "triage_predict_batch_size",
    "Cases per micro-batch sent to the model",
    buckets=(1, 2, 4, 8, 16, 32, 64),
    registry=REGISTRY,
)

CONTENT_TYPE = CONTENT_TYPE_LATEST


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    REQUEST_SECONDS.labels(method=method, route=route, status=str(status)).observe(seconds)


def record_decision(*, route: str, label: str) -> None:
    DECISIONS.labels(route=route, label=label).inc()


def render(*, queue_depth: int, oldest_open_seconds: float) -> bytes:
    """The exposition text: process metrics (or all workers') plus the database gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        prom_multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        process_text = generate_latest(registry)
    else:
        process_text = generate_latest(REGISTRY)
    gauges: list[Metric] = [
        GaugeMetricFamily(
            "triage_review_queue_depth",
            "Review tasks waiting for a reviewer (open or claimed)",
            value=queue_depth,
        ),
        GaugeMetricFamily(
            "triage_review_oldest_open_seconds",
            "Age of the oldest unresolved review task, in seconds",
            value=oldest_open_seconds,
        ),
    ]
    return process_text + generate_latest(_Static(gauges))


class _Static(CollectorRegistry):
    """A registry of ready-made metric families (no value files even in multiprocess mode)."""

    def __init__(self, families: list[Metric]) -> None:
        super().__init__(auto_describe=False)
        self._families = families

    def collect(self) -> Iterator[Metric]:
        yield from self._families
