"""The unit of work decides: a savepoint never commits on its own, on SQLite as on PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, String, Table, func, select
from sqlalchemy.exc import StatementError

from shared.db import JOB_WAIT, Database, UtcDateTime, make_metadata
from shared.timezone import WIB

METADATA = make_metadata()
ROWS = Table("rows", METADATA, Column("id", Integer, primary_key=True), Column("name", String))


class OutboxInsertError(Exception):
    """Stands for whatever fails after the savepoint, e.g. the outbox insert."""


def dossier_then_failure(database: Database) -> None:
    with database.session() as session:
        session.execute(select(ROWS.c.id)).all()  # reads only: pysqlite has not begun yet
        with session.begin_nested():
            session.execute(ROWS.insert().values(name="dossier"))
        raise OutboxInsertError


def test_a_released_savepoint_is_undone_with_its_failed_unit_of_work(tmp_path: Path) -> None:
    database = Database("test", f"sqlite:///{tmp_path / 'test.db'}")
    METADATA.create_all(database.engine)
    with pytest.raises(OutboxInsertError):
        dossier_then_failure(database)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(ROWS)) == 0
    database.dispose()


def test_a_released_savepoint_commits_with_its_unit_of_work(tmp_path: Path) -> None:
    database = Database("test", f"sqlite:///{tmp_path / 'test.db'}")
    METADATA.create_all(database.engine)
    with database.session() as session:
        with session.begin_nested():
            session.execute(ROWS.insert().values(name="dossier"))
        session.execute(ROWS.insert().values(name="outbox"))
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(ROWS)) == 2
    database.dispose()


def test_moments_read_back_aware_in_utc(tmp_path: Path) -> None:
    database = Database("test", f"sqlite:///{tmp_path / 'test.db'}")
    moments = Table("moments", make_metadata(), Column("id", Integer, primary_key=True),
                    Column("at", UtcDateTime()))  # fmt: skip
    moments.metadata.create_all(database.engine)
    in_wib = datetime(2026, 11, 28, 14, 42, 54, tzinfo=WIB)
    with database.session() as session:
        session.execute(moments.insert().values(at=in_wib))
        stored = session.scalar(select(moments.c.at))
    assert stored == in_wib
    assert stored is not None
    assert stored.utcoffset() == timedelta(0)
    with pytest.raises(StatementError, match="naive"), database.session() as session:
        session.execute(moments.insert().values(at=datetime(2026, 11, 28)))
    database.dispose()


def test_web_requests_wait_less_for_a_locked_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wait.db'}"
    for wait, expected in ((JOB_WAIT, 30000), (0.25, 250)):
        with Database("wait", url, wait).engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == expected
