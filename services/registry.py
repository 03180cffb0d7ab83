"""The composition root's map of the services: the one place that imports all of them."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from flask import Flask

from shared import runtime
from shared.config import SERVICES
from shared.identity.models import MIGRATIONS as IDENTITY_MIGRATIONS
from shared.metrics import OutboxLag, QueueLengths
from shared.migrations import MigrationSet
from shared.relay import Source
from shared.web.observe import add_collectors, add_metric_source

TASK_MODULES = [f"services.{name}.tasks" for name in SERVICES]


def module(service: str, part: str) -> ModuleType:
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}; known: {', '.join(SERVICES)}")
    return import_module(f"services.{service}.{part}")


def migration_sets() -> list[MigrationSet]:
    return [IDENTITY_MIGRATIONS, *(module(s, "models").MIGRATIONS for s in SERVICES)]


def outbox_sources() -> list[Source]:
    return [Source(runtime.database(s), module(s, "models").OUTBOX) for s in SERVICES]


def create_web_app(service: str = "all") -> Flask:
    """One service's web app, or (`all`) every service's routes in one app (embedded mode)."""
    from services.console import routes as console

    if service != "all":
        app: Flask = module(service, "app").create_app()
        if service == "submission":  # the admin's console lives on the portal's web
            console.register(app)
        return observed(app, (service,))
    app = module("submission", "app").create_app()
    for other in SERVICES[1:]:
        module(other, "app").register(app)
    console.register(app)
    return observed(app, SERVICES)


def observed(app: Flask, services: tuple[str, ...]) -> Flask:
    """Add the scrape-time gauges of the services this app serves: their queues, outboxes and
    what a service reads from its own data (`services/<svc>/metrics.py`, when it has one)."""
    add_collectors(
        app,
        [
            QueueLengths(services),
            OutboxLag(lambda: [(s, module(s, "models").OUTBOX) for s in services]),
        ],
    )
    for service in services:
        try:
            own = import_module(f"services.{service}.metrics")
        except ModuleNotFoundError as exc:
            if exc.name != f"services.{service}.metrics":
                raise
            continue
        add_metric_source(app, own.families)
    return app
