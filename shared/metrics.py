"""Prometheus metrics: what each web process and worker counts, and what is read at scrape time.

Counted in the process that does the work (requests, tasks). Under gunicorn and Celery's prefork
pool one service runs as several processes: with `PROMETHEUS_MULTIPROC_DIR` set (by the launcher,
before this module is imported) they write to files there and a scrape adds them up. Without it,
as in tests and single-process runs, the default registry is used.

Read at scrape time, from the source of truth: queue lengths (the Redis lists), the outbox lag
(the oldest delivery no consumer has confirmed) and what each service adds (`add_collector`).
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

import redis
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.core import REGISTRY, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from shared import runtime
from shared.config import SERVICES
from shared.outbox import OutboxTables
from shared.redis_client import asking_once

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

HTTP_REQUESTS = Counter(
    "sipinda_http_requests_total",
    "HTTP requests answered, by service, route and status.",
    ["service", "method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "sipinda_http_request_duration_seconds",
    "Time to answer an HTTP request, by service and route.",
    ["service", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASKS = Counter(
    "sipinda_tasks_total",
    "Celery tasks finished, by name and outcome (success, failure, retry).",
    ["task", "outcome"],
)
TASK_DURATION = Histogram(
    "sipinda_task_duration_seconds",
    "Run time of Celery tasks, by name.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


def multiprocess_mode() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


# --- read at scrape time -----------------------------------------------------------------------


class QueueLengths(Collector):
    """The length of each service's Celery queue (a Redis list named prefix + queue)."""

    def __init__(self, services: Iterable[str] = SERVICES) -> None:
        self.services = list(services)

    def collect(self) -> Iterator[Metric]:
        family = GaugeMetricFamily(
            "sipinda_queue_length", "Messages waiting in each queue.", labels=["queue"]
        )
        settings = runtime.settings()
        if settings.redis_url:
            try:
                client = asking_once(settings.redis_url, timeout=1)
                for queue in self.services:
                    length = client.llen(f"{settings.redis_prefix}{queue}")
                    family.add_metric([queue], float(length))
            except redis.RedisError:
                pass  # /readyz says Redis is away; the series is just absent here
        yield family


class OutboxLag(Collector):
    """Per producing service: deliveries not yet confirmed, and the age of the oldest one."""

    def __init__(self, outboxes: Callable[[], list[tuple[str, OutboxTables]]]) -> None:
        self.outboxes = outboxes

    def collect(self) -> Iterator[Metric]:
        pending = GaugeMetricFamily(
            "sipinda_outbox_pending", "Event deliveries not yet confirmed.", labels=["service"]
        )
        lag = GaugeMetricFamily(
            "sipinda_outbox_lag_seconds",
            "Age of the oldest event delivery not yet confirmed (0 when none).",
            labels=["service"],
        )
        now = datetime.now(UTC)
        for service, tables in self.outboxes():
            deliveries = tables.deliveries
            query = select(func.count(), func.min(tables.events.c.created_at)).select_from(
                deliveries.join(tables.events)
            )
            try:
                with runtime.database(service).session() as session:
                    count, oldest = session.execute(
                        query.where(deliveries.c.confirmed_at.is_(None))
                    ).one()
            except Exception:  # noqa: S112 - a scrape must not fail for one database
                continue
            if isinstance(oldest, str):  # SQLite through a bare func.min
                oldest = datetime.fromisoformat(oldest)
            if oldest is not None and oldest.tzinfo is None:
                oldest = oldest.replace(tzinfo=UTC)
            pending.add_metric([service], float(count or 0))
            lag.add_metric([service], (now - oldest).total_seconds() if oldest else 0.0)
        yield pending
        yield lag


class Extra(Collector):
    """Gauges a service reads from its own data (deliveries by outcome, …)."""

    def __init__(self, sources: list[Callable[[], Iterable[Metric]]]) -> None:
        self.sources = sources

    def collect(self) -> Iterator[Metric]:
        for source in self.sources:
            try:
                yield from source()
            except Exception:  # noqa: S112 - one broken source must not hide the rest
                continue


def scrape(collectors: Iterable[Collector]) -> bytes:
    """The text exposition of this process (or of all its siblings) plus the scrape-time ones."""
    if multiprocess_mode():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = CollectorRegistry()
        registry.register(_Default())
    for collector in collectors:
        registry.register(collector)
    return generate_latest(registry)


class _Default(Collector):
    """The process's own default registry (requests, tasks), re-exposed in a scrape registry."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def allowed(remote_addr: str | None, authorization: str | None) -> bool:
    """Who may read /metrics: a bearer of METRICS_TOKEN when one is set, otherwise only
    loopback and private addresses (the scraper inside the deployment, not the internet)."""
    token = os.environ.get("METRICS_TOKEN")
    if token:
        return authorization == f"Bearer {token}"
    try:
        address = ipaddress.ip_address(remote_addr or "")
    except ValueError:
        return False
    return address.is_loopback or address.is_private


# --- Celery workers ------------------------------------------------------------------------------

_started: dict[str, float] = {}


def task_started(task_id: str) -> None:
    _started[task_id] = time.monotonic()


def task_finished(task_id: str, name: str, state: str | None) -> None:
    began = _started.pop(task_id, None)
    outcome = {"SUCCESS": "success", "RETRY": "retry"}.get(state or "", "failure")
    TASKS.labels(name, outcome).inc()
    if began is not None:
        TASK_DURATION.labels(name).observe(time.monotonic() - began)


def serve_worker_metrics(port: int, collectors: Iterable[Collector]) -> None:
    """Expose a worker's metrics (all its pool processes) on `port`, from its main process."""
    registry = CollectorRegistry()
    if multiprocess_mode():
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_Default())
    for collector in collectors:
        registry.register(collector)
    start_http_server(port, registry=registry)
