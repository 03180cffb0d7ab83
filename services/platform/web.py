"""The web app composed of the services it serves, with the admin's console and the metrics of
what it serves (`services.platform.wsgi`, the test client)."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

from services.platform.console import routes as console
from services.platform.registry import module
from shared.config import SERVICES
from shared.metrics import OutboxLag, QueueLengths
from shared.web.observe import add_collectors, add_metric_source


def create_web_app(service: str = "all") -> Flask:
    """One service's web app, or (`all`) every service's routes in one app (embedded mode)."""
    identity = module("identity", "app")
    if service != "all":
        app: Flask = module(service, "app").create_app()
        if service == "submission":  # sign-in and the admin's console live on the portal's web
            identity.register(app)
            console.register(app)
        return observed(app, (service,))
    app = module("submission", "app").create_app()
    identity.register(app)
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
