"""Alembic, once for every service: each has its own script folder and version table.

A service's `migrations/env.py` is two lines that call `run_env()`; what differs (metadata,
version table, URL) is passed in through the Alembic config by `upgrade()` / `revision()`.
Alembic is imported only where it runs: every service's models name their `MigrationSet`, and
processes that never migrate (the relay, the workers) need not hold Alembic in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import MetaData

from shared.db import create_db_engine

if TYPE_CHECKING:
    from alembic.config import Config


@dataclass(frozen=True)
class MigrationSet:
    """A service's migrations. `unmanaged` names what a migration makes outside the models (in
    SQL of one dialect: an FTS5 table, whose shadow tables are named after it, a GIN index):
    autogenerate neither drops nor compares it."""

    name: str
    script_location: Path
    metadata: MetaData
    unmanaged: tuple[str, ...] = ()

    @property
    def version_table(self) -> str:
        return f"alembic_version_{self.name}"

    def include_name(self, name: str | None, type_: str, _parents: object = None) -> bool:
        """Alembic's `include_name` hook: False for an unmanaged table or index."""
        if type_ not in {"table", "index"} or name is None:
            return True
        return not any(name == u or name.startswith(f"{u}_") for u in self.unmanaged)

    def config(self, url: str) -> Config:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(self.script_location))
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        cfg.attributes["metadata"] = self.metadata
        cfg.attributes["version_table"] = self.version_table
        cfg.attributes["include_name"] = self.include_name
        return cfg


def upgrade(migrations: MigrationSet, url: str) -> None:
    from alembic import command

    command.upgrade(migrations.config(url), "head")


def revision(migrations: MigrationSet, url: str, message: str) -> None:
    """Autogenerate a revision against `url` (a scratch database already at head)."""
    from alembic import command

    command.revision(migrations.config(url), message=message, autogenerate=True)


def run_env() -> None:
    """The body of every `migrations/env.py`."""
    from alembic import context

    cfg = context.config
    url = cfg.get_main_option("sqlalchemy.url")
    assert url is not None
    engine = create_db_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=cfg.attributes["metadata"],
            version_table=cfg.attributes["version_table"],
            include_name=cfg.attributes.get("include_name"),
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
