"""Fixtures for the notifications service: a real SMTP server on a free port, a real database
(SQLite in tmp_path; a fresh PostgreSQL database when DATABASE_URL names a server), and settings
(or the process runtime) pointing at both."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.notifications.models import Base
from shared import runtime
from shared.config import Settings
from shared.db import Database
from tests.support.environment import postgres_database
from tests.unit.notifications.support import SmtpServer, environment, free_port


@pytest.fixture
def database_url() -> Iterator[str | None]:
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgresql"):
        yield None
        return
    with postgres_database(server) as url:
        yield url


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path: Path, smtp_server: SmtpServer, database_url: str | None) -> Settings:
    return Settings.from_env(environment(tmp_path, smtp_server.url, database_url))


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = Database("notifications", settings.database_url("notifications"))
    Base.metadata.create_all(db.engine)
    yield db
    db.dispose()


@pytest.fixture
def live_runtime(
    tmp_path: Path,
    smtp_server: SmtpServer,
    database_url: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Database]:
    """The process-wide runtime (what the real consumer uses) pointed at this test's SQLite
    file and SMTP server; returns its notifications database, tables created."""
    for name, value in environment(tmp_path, smtp_server.url, database_url).items():
        monkeypatch.setenv(name, value)
    runtime.reset()
    db = runtime.database("notifications")
    Base.metadata.create_all(db.engine)
    yield db
    runtime.reset()
