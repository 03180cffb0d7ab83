"""One isolated SIPINDA environment per test run: its own databases, Redis key space and
mailbox, so two runs on one machine never collide and nothing shared is ever flushed."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis
from sqlalchemy.engine import make_url

from shared.config import DATABASES
from tests.support.servers import Process, RedisServer, free_port, python_argv, wait_until


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh database on the given server, dropped afterwards."""
    url = make_url(server_url)
    name = f"sipinda_test_{secrets.token_hex(4)}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_keys(url: str, prefix: str) -> None:
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}*", count=500):
        client.delete(key)


@dataclass
class Environment:
    vars: dict[str, str]
    base: Path
    redis: RedisServer | None  # set when this environment runs its own Redis


@contextmanager
def sipinda_environment(
    base: Path, *, own_redis: bool = False, database_server: str | None = None
) -> Iterator[Environment]:
    """Databases, Redis and an SMTP sink for one SIPINDA. `own_redis` starts a private Redis even
    where the machine has one (fault tests stop and restart it); `database_server` replaces
    `DATABASE_URL`'s server (a PostgreSQL URL, or "sqlite" for SQLite files whatever it says)."""
    env: dict[str, str] = {
        "SIPINDA_ENV": "test",
        "SIPINDA_VAR_DIR": str(base / "var"),
        "SECRET_KEY": secrets.token_hex(32),
        "DEMO_PASSWORD": "rahasia-demo",
        "OUTBOX_REDELIVER_AFTER": "3",
        "RELAY_INTERVAL": "0.1",
        "DOCUMENT_LETTER_DELAY_SECONDS": "2",  # a burst of assignments: one letter each, sooner
        "BASE_URL": "http://sipinda.test",
        "SIPINDA_REDIS_PREFIX": f"sipinda-test-{secrets.token_hex(4)}:",
    }
    redis_server: RedisServer | None = None
    server_db = os.environ.get("DATABASE_URL", "") if database_server is None else database_server
    if server_db == "sqlite":
        for name in DATABASES:
            env[f"{name.upper()}_DATABASE_URL"] = f"sqlite:///{base / 'var' / name}.db"
    system_redis = os.environ.get("REDIS_URL")
    mailbox = base / "var" / "mailbox"  # where the dev mailbox page reads it
    with _database(server_db) as database_url:
        if database_url:
            env["DATABASE_URL"] = database_url
        if system_redis and not own_redis:
            env["REDIS_URL"] = system_redis
        else:
            redis_server = RedisServer(base / "redis").start()
            env["REDIS_URL"] = redis_server.url
        smtp_port = free_port()
        env["SMTP_URL"] = f"smtp://127.0.0.1:{smtp_port}"
        sink = Process(
            "smtp",
            python_argv(
                "-m",
                "services.platform.cli",
                "smtp-sink",
                "--port",
                str(smtp_port),
                "--dir",
                str(mailbox),
            ),
            {**os.environ, **env},
            base / "logs" / "smtp.log",
        ).start()
        wait_until(lambda: _listening(smtp_port), timeout=20, what="the SMTP sink")
        try:
            yield Environment(env, base, redis_server)
        finally:
            sink.stop()
            if redis_server is not None:
                redis_server.stop()
            else:
                drop_keys(env["REDIS_URL"], env["SIPINDA_REDIS_PREFIX"])


@contextmanager
def _database(server_url: str) -> Iterator[str | None]:
    if server_url.startswith("postgresql"):
        with postgres_database(server_url) as url:
            yield url
    else:
        yield None


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0
