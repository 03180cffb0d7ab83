"""The composition root's map of the services: the one place that imports all of them."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from shared import runtime
from shared.config import SERVICES, Settings
from shared.identity.models import MIGRATIONS as IDENTITY_MIGRATIONS
from shared.migrations import MigrationSet, upgrade
from shared.relay import Source

TASK_MODULES = [f"services.{name}.tasks" for name in SERVICES]


def module(service: str, part: str) -> ModuleType:
    """A service's module by name (`module("review", "models")`); an unknown service is refused."""
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}; known: {', '.join(SERVICES)}")
    return import_module(f"services.{service}.{part}")


def migration_sets() -> list[MigrationSet]:
    """Every database's migrations: identity's, then each service's."""
    return [IDENTITY_MIGRATIONS, *(module(s, "models").MIGRATIONS for s in SERVICES)]


def migrate_all(settings: Settings) -> None:
    """Bring every service's database to its head revision (`sipinda migrate`, `make run`)."""
    for migrations in migration_sets():
        upgrade(migrations, settings.database_url(migrations.name))
    print("migrations: every database is at head")


def outbox_sources() -> list[Source]:
    """Every service's outbox on its own database, for the relay."""
    return [Source(runtime.database(s), module(s, "models").OUTBOX) for s in SERVICES]
