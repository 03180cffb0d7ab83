"""Every request: a correlation id, one structured log line, and its metrics; and /metrics."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from flask import Flask, Response, g, has_request_context, request
from prometheus_client.core import Metric
from prometheus_client.registry import Collector
from werkzeug.exceptions import NotFound

from shared import metrics
from shared.events import Origin
from shared.logs import correlation_id, get_logger, new_correlation_id, origin_provider

log = get_logger("sipinda.http")
QUIET = {"/healthz", "/readyz", "/metrics"}  # probes and scrapes: counted, not logged


def install_observability(app: Flask) -> None:
    app.extensions["sipinda.collectors"] = []
    service = app.config["SIPINDA_APP_NAME"]

    @app.before_request
    def _begin() -> None:
        g.started = time.perf_counter()
        g.correlation_token = correlation_id.set(
            new_correlation_id(request.headers.get("X-Request-ID"))
        )
        g.origin_token = origin_provider.set(_origin)

    @app.after_request
    def _measure(response: Response) -> Response:
        started = g.pop("started", None)
        if started is None:
            return response
        elapsed = time.perf_counter() - started
        route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
        metrics.HTTP_REQUESTS.labels(
            service, request.method, route, str(response.status_code)
        ).inc()
        metrics.HTTP_LATENCY.labels(service, route).observe(elapsed)
        current = correlation_id.get()
        if current:
            response.headers["X-Request-ID"] = current
        if request.path not in QUIET:
            log.info(
                "request",
                method=request.method,
                route=route,
                status=response.status_code,
                ms=round(elapsed * 1000, 1),
            )
        return response

    @app.teardown_request
    def _end(_: BaseException | None) -> None:
        token = g.pop("correlation_token", None)
        if token is not None:
            correlation_id.reset(token)
        origin = g.pop("origin_token", None)
        if origin is not None:
            origin_provider.reset(origin)

    @app.get("/metrics")
    def prometheus_metrics() -> Response:
        if not metrics.allowed(request.remote_addr, request.headers.get("Authorization")):
            raise NotFound()  # no hint that there is something here
        body = metrics.scrape(app.extensions["sipinda.collectors"])
        return Response(body, mimetype=None, content_type=metrics.CONTENT_TYPE)


def _origin() -> Origin | None:
    """The user this request authenticated as (if it did) and the client's address."""
    if not has_request_context():
        return None
    user = g.get("user")
    return Origin(
        user_id=getattr(user, "id", None),
        role=getattr(user, "role", None),
        ip=request.remote_addr,
    )


def add_collectors(app: Flask, collectors: Iterable[Collector]) -> None:
    """Gauges this app reads at scrape time (queues, outbox lag, a service's own data)."""
    app.extensions["sipinda.collectors"].extend(collectors)


def add_metric_source(app: Flask, source: Callable[[], Iterable[Metric]]) -> None:
    app.extensions["sipinda.collectors"].append(metrics.Extra([source]))
