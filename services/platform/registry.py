"""The composition root's map of the services: the one place that imports all of them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import import_module
from types import ModuleType

from sqlalchemy import select

from shared import outbox, runtime
from shared.config import CONFIRMATIONS, PRODUCERS, QUEUES, SERVICES, Settings
from shared.events import Envelope
from shared.migrations import MigrationSet, upgrade
from shared.relay import Source

CONFIRMATIONS_MODULE = "services.platform.confirmations"
TASK_MODULES = [*(f"services.{name}.tasks" for name in SERVICES), CONFIRMATIONS_MODULE]


def task_modules(queues: Iterable[str] | None) -> list[str]:
    """The task modules a worker consuming `queues` imports: each service's own for its queue,
    the confirmations for theirs. The documents worker then loads no SciPy and the light ones no
    WeasyPrint (about 50 MB each, issue 25). Every module when the queues are unknown (none
    given, or one SIPINDA does not route to)."""
    wanted = set(queues or ())
    if not wanted or not wanted <= set(QUEUES):
        return list(TASK_MODULES)
    own = [f"services.{name}.tasks" for name in SERVICES if name in wanted]
    return [*own, *([CONFIRMATIONS_MODULE] if CONFIRMATIONS in wanted else [])]


def module(service: str, part: str) -> ModuleType:
    """A service's module by name (`module("review", "models")`); an unknown service is refused."""
    if service not in PRODUCERS:
        raise ValueError(f"unknown service {service!r}; known: {', '.join(PRODUCERS)}")
    return import_module(f"services.{service}.{part}")


def migration_sets() -> list[MigrationSet]:
    """Every database's migrations: identity's, then each service's."""
    return [module(s, "models").MIGRATIONS for s in PRODUCERS]


def migrate_all(settings: Settings) -> None:
    """Bring every service's database to its head revision (`sipinda migrate`, `make run`)."""
    for migrations in migration_sets():
        upgrade(migrations, settings.database_url(migrations.name))
    print("migrations: every database is at head")


def outbox_sources() -> list[Source]:
    """Every producer's outbox on its own database, for the relay."""
    return [Source(runtime.database(s), module(s, "models").OUTBOX) for s in PRODUCERS]


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
