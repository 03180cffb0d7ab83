"""An outbox whose migrations have not added the audit columns yet is filtered by the same
numbers read from each envelope with the database's JSON functions (SQLite, and PostgreSQL
when DATABASE_URL names one); one that has them is filtered by its columns."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from services.platform.console.audit import number_of
from shared.db import create_db_engine
from shared.outbox import outbox_tables
from tests.support.bulk import outbox_event
from tests.support.environment import postgres_database

AT = datetime(2026, 5, 1, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'probe.db'}"
        return
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgresql"):
        pytest.skip("DATABASE_URL names no PostgreSQL server")
    with postgres_database(server) as found:
        yield found


@pytest.mark.parametrize("audited", [False, True], ids=["envelope", "columns"])
def test_the_user_and_the_proposal_are_found_with_or_without_the_columns(
    url: str, audited: bool
) -> None:
    tables = outbox_tables(MetaData(), "probe", audit_columns=audited)
    events = tables.events
    rows = [outbox_event("probe", AT, 41, 42), outbox_event("probe", AT, 41, None),
            outbox_event("probe", AT, None, 42), outbox_event("probe", AT, 7, 8)]  # fmt: skip
    engine = create_db_engine(url)
    events.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(events.insert(), [{k: v for k, v in r.items() if k in events.c}
                                             for r in rows])  # fmt: skip
        dialect = engine.dialect.name

        def found(name: str, value: int) -> set[object]:
            query = select(events.c.event_id).where(number_of(events, name, dialect) == value)
            return set(connection.scalars(query))

        assert found("user_id", 41) == {rows[0]["event_id"], rows[1]["event_id"]}
        assert found("proposal_id", 42) == {rows[0]["event_id"], rows[2]["event_id"]}
        assert found("proposal_id", 8) == {rows[3]["event_id"]}
    engine.dispose()
