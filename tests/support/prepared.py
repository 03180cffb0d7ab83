"""Migrated and seeded databases for a deployment, copied from a template.

`sipinda migrate` and `sipinda seed --demo` take a fresh process ten seconds or more (every
service's migrations, the demo accounts' argon2 hashes, the identity events delivered), and
every fault rig, bench rig and session deployment needs the very same result. So the first
deployment of a test process runs both commands for real, into a template of its own; every
deployment then starts from a copy of that template: on PostgreSQL `CREATE DATABASE … TEMPLATE`,
on SQLite a copy of each service's file. Where the databases are neither (one PostgreSQL
database for every service, or one SQLite file per service), or a copy fails, the deployment is
migrated and seeded for real, as before. The templates go when the process ends.

A template is kept per database server and per value of what the seed reads from the
environment (`SEED_INPUTS`: the demo password, the letterhead and signatories); the rest of a
deployment's environment (ports, key prefix, secret key, its timings) is no part of the seed.
"""

from __future__ import annotations

import atexit
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL, make_url

from shared.config import DATABASES, Settings
from tests.support.servers import python_argv

COMMANDS = (("migrate",), ("seed", "--demo"))
# What `sipinda seed` reads from the environment (services/platform/seed.py, documents'
# installation seed), by name or by prefix.
SEED_INPUTS = ("SIPINDA_ENV", "DEMO_PASSWORD", "LETTERHEAD_", "SIGNATORY_")
_templates: dict[str, Template] = {}


def migrate_and_seed(env: Mapping[str, str]) -> None:
    """The real thing: both commands, as `make run` and the compose file's `migrate` run them."""
    for args in COMMANDS:
        subprocess.run(python_argv("-m", "services.platform.cli", *args), env=dict(env),
                       check=True, capture_output=True)  # fmt: skip


def prepare(env: Mapping[str, str]) -> None:
    """Bring the databases `env` names to a migrated, seeded state (see the module's text)."""
    settings = Settings.from_env(env)
    urls = {make_url(settings.database_url(name)) for name in DATABASES}
    inputs = sorted((k, v) for k, v in env.items() if k.startswith(SEED_INPUTS))
    template: Template
    if len(urls) == 1 and next(iter(urls)).get_backend_name() == "postgresql":
        (url,) = urls
        key = repr((url.set(database="").render_as_string(hide_password=False), inputs))
        template = _templates.get(key) or _remember(key, PostgresTemplate(url, env))
    elif all(url.get_backend_name() == "sqlite" and url.database for url in urls):
        key = repr(("sqlite", inputs))
        template = _templates.get(key) or _remember(key, SqliteTemplate(env))
    else:
        migrate_and_seed(env)
        return
    if not template.copy_to(settings):
        migrate_and_seed(env)


class Template:
    def copy_to(self, settings: Settings) -> bool:
        """Replace the (new, empty) databases of `settings` with copies; False when it could not."""
        raise NotImplementedError

    def drop(self) -> None:
        raise NotImplementedError


def _remember(key: str, template: Template) -> Template:
    _templates[key] = template
    atexit.register(template.drop)
    return template


def _admin(url: URL) -> str:
    """A URL to the same server's `postgres` database, from which others are created."""
    return url.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )


class PostgresTemplate(Template):
    def __init__(self, like: URL, env: Mapping[str, str]) -> None:
        self.admin = _admin(like)
        self.name = f"sipinda_template_{secrets.token_hex(4)}"
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        url = like.set(database=self.name).render_as_string(hide_password=False)
        scratch = tempfile.mkdtemp(prefix="sipinda-template-")
        try:
            migrate_and_seed({**_without_database_urls(env), "DATABASE_URL": url,
                              "SIPINDA_VAR_DIR": scratch})  # fmt: skip
        except BaseException:
            self.drop()
            raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def copy_to(self, settings: Settings) -> bool:
        target = make_url(settings.database_url(DATABASES[0])).database
        try:
            with psycopg.connect(self.admin, autocommit=True) as conn:
                # Nothing has connected to the new database yet; were something to, the DROP
                # fails and the deployment is migrated and seeded for real instead.
                conn.execute(f'DROP DATABASE IF EXISTS "{target}"')
                conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{self.name}"')
        except psycopg.Error:
            return False
        return True

    def drop(self) -> None:
        try:
            with psycopg.connect(self.admin, autocommit=True, connect_timeout=5) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        except psycopg.Error:
            pass  # a server of the test's own, gone with it


class SqliteTemplate(Template):
    def __init__(self, env: Mapping[str, str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sipinda-template-"))
        files = {
            f"{name.upper()}_DATABASE_URL": f"sqlite:///{self.folder / name}.db"
            for name in DATABASES
        }
        try:
            migrate_and_seed({**_without_database_urls(env), **files,
                              "SIPINDA_VAR_DIR": str(self.folder / "var")})  # fmt: skip
        except BaseException:
            self.drop()
            raise

    def copy_to(self, settings: Settings) -> bool:
        for name in DATABASES:
            target = make_url(settings.database_url(name)).database
            assert target is not None
            path = Path(target)
            if path.exists():
                return False  # not a new deployment's: leave it alone
            path.parent.mkdir(parents=True, exist_ok=True)
            # The backup API copies the file as SQLite sees it (its write-ahead log included).
            with (
                sqlite3.connect(self.folder / f"{name}.db") as source,
                sqlite3.connect(path) as copy,
            ):
                source.backup(copy)
            source.close()
            copy.close()
        return True

    def drop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _without_database_urls(env: Mapping[str, str]) -> dict[str, str]:
    names = {"DATABASE_URL", *(f"{name.upper()}_DATABASE_URL" for name in DATABASES)}
    return {key: value for key, value in env.items() if key not in names}
