"""The outbox's audit columns arrive by migration on every service, and the events written
before it get their user and proposal from their envelopes (on SQLite, and on PostgreSQL when
DATABASE_URL names one)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import insert, select

from services.review.models import MIGRATIONS, OUTBOX
from shared.db import create_db_engine
from shared.migrations import upgrade
from tests.support.bulk import outbox_event
from tests.support.environment import postgres_database

BEFORE = "f2b6d8a4c1e9"  # review's revision before the audit columns


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'review.db'}"
        return
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgresql"):
        pytest.skip("DATABASE_URL names no PostgreSQL server")
    with postgres_database(server) as found:
        yield found


def test_events_written_before_the_columns_get_them(url: str) -> None:
    command.upgrade(MIGRATIONS.config(url), BEFORE)
    at = datetime(2026, 5, 1, tzinfo=UTC)
    rows = [outbox_event("review", at, 41, 42), outbox_event("review", at, None, None)]
    engine = create_db_engine(url)
    events = OUTBOX.events
    with engine.begin() as connection:
        # the columns the table had then
        old = ("event_id", "name", "envelope", "created_at")
        connection.execute(insert(events), [{k: r[k] for k in old} for r in rows])
    upgrade(MIGRATIONS, url)
    with engine.connect() as connection:
        found = dict(
            (event_id, (user, proposal))
            for event_id, user, proposal in connection.execute(
                select(events.c.event_id, events.c.user_id, events.c.proposal_id)
            )
        )
    engine.dispose()
    assert found == {rows[0]["event_id"]: (41, 42), rows[1]["event_id"]: (None, None)}
