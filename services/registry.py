"""The composition root's map of the services: the one place that imports all of them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import import_module
from types import ModuleType

from flask import Flask
from sqlalchemy import select

from shared import outbox, runtime
from shared.config import PRODUCERS, SERVICES
from shared.events import Envelope
from shared.metrics import OutboxLag, QueueLengths
from shared.migrations import MigrationSet
from shared.relay import Source
from shared.web.observe import add_collectors, add_metric_source

TASK_MODULES = [f"services.{name}.tasks" for name in PRODUCERS]


def module(service: str, part: str) -> ModuleType:
    if service not in PRODUCERS:
        raise ValueError(f"unknown service {service!r}; known: {', '.join(PRODUCERS)}")
    return import_module(f"services.{service}.{part}")


def migration_sets() -> list[MigrationSet]:
    return [module(s, "models").MIGRATIONS for s in PRODUCERS]


def outbox_sources() -> list[Source]:
    return [Source(runtime.database(s), module(s, "models").OUTBOX) for s in PRODUCERS]


def create_web_app(service: str = "all") -> Flask:
    """One service's web app, or (`all`) every service's routes in one app (embedded mode)."""
    from services.console import routes as console

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


def deliver(producers: Iterable[str] = PRODUCERS, rounds: int = 10) -> int:
    """Run every pending delivery of these producers' outboxes through its consumer, in this
    process, and confirm it, as the relay and a worker would (`Consumer.handle`, its inbox, its
    follow-ups); again while handling publishes more. For seeding and tests, where no relay
    runs. Returns how many deliveries were handled."""
    handled = 0
    for _ in range(rounds):
        before = handled
        for producer in producers:
            source = Source(runtime.database(producer), module(producer, "models").OUTBOX)
            d, e = source.tables.deliveries, source.tables.events
            query = (
                select(d.c.consumer, e.c.envelope)
                .join(e, e.c.event_id == d.c.event_id)
                .where(d.c.confirmed_at.is_(None))
                .order_by(e.c.created_at, d.c.event_id)
            )
            with source.database.session() as session:
                pending = session.execute(query).all()

            def confirm(envelope: Envelope, consumer: str, source: Source = source) -> None:
                with source.database.session() as session:
                    outbox.confirm(session, source.tables, envelope.event_id, consumer)

            for consumer, wire in pending:
                module(consumer, "consumers").CONSUMER.handle(json.loads(wire), confirm)
                handled += 1
        if handled == before:
            break
    return handled
