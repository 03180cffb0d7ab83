"""Per-service SQLAlchemy engines and sessions.

Each service owns a `MetaData` and reaches its tables through its own `Database`, built from
`Settings.database_url(service)`. One deployment may point every service at one database; a
larger one splits them without code changes (table names never collide).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, MetaData, create_engine, event, or_, text, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Dialect, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING)


class UtcDateTime(TypeDecorator[datetime]):
    """A moment, stored in UTC and always read back timezone-aware. PostgreSQL keeps the zone;
    SQLite keeps none, and a naive time read back would be taken for local time (a browser
    would show it seven hours early in Cilegon)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime cannot be stored: {value!r}")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


# Seconds a job waits for the database: a locked SQLite file, a PostgreSQL connection. Web
# requests wait less (`DATABASE_REQUEST_WAIT`): a person gets 503 and Retry-After, not a hang.
JOB_WAIT = 30.0


def _sqlite_pragmas(wait: float) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return on_connect


def _sqlite_transactional_savepoint(connection: Any, _name: str) -> None:
    """pysqlite begins a transaction only before a write, never before SAVEPOINT. A savepoint
    opened first (``session.begin_nested()`` after reads only) would then run outside any
    transaction, and its RELEASE would commit for good whatever the unit of work decides
    later. Begin first, so the savepoint nests inside the unit of work as on PostgreSQL."""
    dbapi_connection = connection.connection.dbapi_connection
    if not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN")


def create_db_engine(url: str, wait: float = JOB_WAIT, pool_size: int | None = None) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": wait, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas(wait))
        event.listen(engine, "savepoint", _sqlite_transactional_savepoint)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    return create_engine(
        url, connect_args={"connect_timeout": max(1, round(wait))}, **_pool(wait, pool_size)
    )


def _pool(wait: float, size: int | None = None) -> dict[str, Any]:
    """Idle connections kept per database and process (`size`, else `DATABASE_POOL_SIZE`,
    default 5; 0 keeps none: each unit of work connects, as when many processes share a small
    server)."""
    size = int(os.environ.get("DATABASE_POOL_SIZE", "5")) if size is None else size
    if size <= 0:
        return {"poolclass": NullPool}
    return {"pool_pre_ping": True, "pool_size": size, "max_overflow": 2 * size,
            "pool_timeout": wait}  # fmt: skip


class Database:
    """One service's engine and session factory."""

    def __init__(
        self, name: str, url: str, wait: float = JOB_WAIT, pool_size: int | None = None
    ) -> None:
        self.name = name
        self.url = url
        self.engine = create_db_engine(url, wait, pool_size)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends, rolls back on any exception."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()


def transition(
    session: Session,
    row: object,
    expected: Mapping[str, Collection[object]],
    values: Mapping[str, object],
) -> bool:
    """Move a loaded row to `values` only if each column of `expected` still holds one of its
    allowed values: one conditional ``UPDATE … WHERE state IN (…)``. Of two racing transitions
    exactly one wins: PostgreSQL makes the later UPDATE wait for the earlier one's row lock and
    then re-reads the row (the state moved on: no row matches); SQLite has one writer at a time
    and an UPDATE always reads the row as committed. Returns whether this one won; the loser
    changed nothing and must publish nothing. The row in memory takes the new values."""
    mapper = sa_inspect(row).mapper
    entity = mapper.class_
    keys = mapper.primary_key_from_instance(row)
    where = [column == key for column, key in zip(mapper.primary_key, keys, strict=True)]
    for name, allowed in expected.items():
        column = getattr(entity, name)
        options = list(allowed)
        nulls = [o for o in options if o is None]
        present = column.in_([o for o in options if o is not None])
        where.append(or_(present, column.is_(None)) if nulls else present)
    won = session.execute(
        update(entity).where(*where).values(**values).execution_options(synchronize_session=False)
    )
    if getattr(won, "rowcount", 0) != 1:
        return False
    for name, value in values.items():
        set_committed_value(row, name, value)
    return True


def serialise(session: Session, *key: int) -> None:
    """Hold `key` (one int, or two) until this transaction ends, so transactions naming the same
    key run one after the other and each sees what the one before committed: a transaction-scoped
    advisory lock on PostgreSQL; SQLite has one writer at a time by itself."""
    if session.get_bind().dialect.name != "postgresql":
        return
    if len(key) == 1:
        session.execute(text("SELECT pg_advisory_xact_lock(:a)"), {"a": key[0]})
    else:
        a, b = key
        session.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": a, "b": b})
