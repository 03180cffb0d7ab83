"""A service's own read model of identity: accounts and agencies, fed by identity's events.

Every service adds the two tables to its MetaData (`directory_tables`), routes `AccountChanged`
and `AgencyChanged` to `handlers(...)` in its consumer, and reads people and agencies with the
functions below, over its own database: no service reads identity's tables. Request
authentication checks signed claims against `account(...)` (see `shared.web.auth`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from shared.db import Database, UtcDateTime
from shared.events import AccountChanged, AgencyChanged, Envelope, Event


@dataclass(frozen=True)
class DirectoryTables:
    service: str
    accounts: Table
    agencies: Table


@dataclass(frozen=True)
class Account:
    """A person as identity last announced them."""

    id: int
    email: str
    name: str
    role: str
    opd_code: str | None
    language: str
    active: bool
    session_epoch: int


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    kind: str
    parent_code: str | None


def directory_tables(metadata: MetaData, service: str) -> DirectoryTables:
    """`<service>_directory_accounts` and `<service>_directory_agencies` in `metadata`."""
    accounts = Table(
        f"{service}_directory_accounts",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("email", String(254), nullable=False, index=True),
        Column("name", String(200), nullable=False),
        Column("role", String(20), nullable=False, index=True),
        Column("opd_code", String(80)),
        Column("language", String(5), nullable=False),
        Column("active", Boolean, nullable=False),
        Column("session_epoch", Integer, nullable=False),
        # When identity published the state held: an older event arriving late changes nothing.
        Column("changed_at", UtcDateTime(), nullable=False),
    )
    agencies = Table(
        f"{service}_directory_agencies",
        metadata,
        Column("code", String(80), primary_key=True),
        Column("name", String(200), nullable=False),
        Column("kind", String(30), nullable=False),
        # No self foreign key: the events arrive in whatever order the relay hands them over.
        Column("parent_code", String(80), index=True),
        Column("changed_at", UtcDateTime(), nullable=False),
    )
    return DirectoryTables(service, accounts, agencies)


@cache
def tables_of(service: str) -> DirectoryTables:
    """The tables of `service`'s read model, for code that does not hold its models."""
    return directory_tables(MetaData(), service)


# --- filling it from events -----------------------------------------------------------------


def _upsert(session: Session, table: Table, key: str, values: dict[str, Any], at: datetime) -> bool:
    column = table.c[key]
    stored = session.execute(
        select(table.c.changed_at).where(column == values[key]).with_for_update()
    ).first()
    if stored is None:
        session.execute(table.insert().values(**values, changed_at=at))
        return True
    if stored.changed_at is not None and stored.changed_at > at:
        return False
    session.execute(table.update().where(column == values[key]).values(**values, changed_at=at))
    return True


def record_account(
    session: Session, tables: DirectoryTables, event: AccountChanged, at: datetime
) -> bool:
    """Hold the account's state as of `at`; False when a newer state is already held."""
    values = {
        "id": event.id,
        "email": event.email,
        "name": event.full_name,
        "role": event.role,
        "opd_code": event.opd_code,
        "language": event.language,
        "active": event.active,
        "session_epoch": event.session_epoch,
    }
    return _upsert(session, tables.accounts, "id", values, at)


def record_agency(
    session: Session, tables: DirectoryTables, event: AgencyChanged, at: datetime
) -> bool:
    """Hold the agency's state as of `at`; False when a newer state is already held."""
    values = {
        "code": event.code,
        "name": event.agency_name,
        "kind": event.kind,
        "parent_code": event.parent_code,
    }
    return _upsert(session, tables.agencies, "code", values, at)


Handler = Callable[[Session, Any, Envelope], None]


def handlers(
    tables: DirectoryTables, on_agency: Callable[[Session, AgencyChanged], object] | None = None
) -> dict[type[Event], Handler]:
    """The consumer handlers that keep the read model; `on_agency` runs after an agency is held
    (review keeps its conflict tree with it)."""

    def on_account_changed(session: Session, event: AccountChanged, envelope: Envelope) -> None:
        record_account(session, tables, event, envelope.occurred_at)

    def on_agency_changed(session: Session, event: AgencyChanged, envelope: Envelope) -> None:
        if record_agency(session, tables, event, envelope.occurred_at) and on_agency is not None:
            on_agency(session, event)

    return {AccountChanged: on_account_changed, AgencyChanged: on_agency_changed}


# --- reading it -----------------------------------------------------------------------------


def _account(row: Row[Any]) -> Account:
    return Account(
        row.id, row.email, row.name, row.role, row.opd_code, row.language, row.active,
        row.session_epoch,
    )  # fmt: skip


def _agency(row: Row[Any]) -> Agency:
    return Agency(row.code, row.name, row.kind, row.parent_code)


def account(session: Session, tables: DirectoryTables, user_id: int) -> Account | None:
    row = session.execute(select(tables.accounts).where(tables.accounts.c.id == user_id)).first()
    return _account(row) if row is not None else None


def account_lookup(database: Callable[[], Database], service: str) -> AccountLookup:
    """`uid → Account | None` over `service`'s read table, one row through a bare connection
    (request authentication asks it on every request)."""
    tables = tables_of(service)
    query = select(tables.accounts)

    def lookup(user_id: int) -> Account | None:
        with database().engine.connect() as connection:
            row = connection.execute(query.where(tables.accounts.c.id == user_id)).first()
        return _account(row) if row is not None else None

    return lookup


AccountLookup = Callable[[int], Account | None]


def account_by_email(session: Session, tables: DirectoryTables, email: str) -> Account | None:
    accounts = tables.accounts
    query = select(accounts).where(accounts.c.email == email.strip().lower())
    row = session.execute(query).first()
    return _account(row) if row is not None else None


def people(session: Session, tables: DirectoryTables, ids: Iterable[int]) -> dict[int, Account]:
    """The accounts among `ids` that this service has heard of, by id."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(tables.accounts).where(tables.accounts.c.id.in_(wanted)))
    return {row.id: _account(row) for row in rows}


def accounts_with_role(
    session: Session, tables: DirectoryTables, role: str, *, active: bool = True
) -> list[Account]:
    """Every account of `role` (only the active ones unless `active` is False), by id."""
    accounts = tables.accounts
    query = select(accounts).where(accounts.c.role == role).order_by(accounts.c.id)
    if active:
        query = query.where(accounts.c.active.is_(True))
    return [_account(row) for row in session.execute(query)]


def agency(session: Session, tables: DirectoryTables, code: str) -> Agency | None:
    row = session.execute(select(tables.agencies).where(tables.agencies.c.code == code)).first()
    return _agency(row) if row is not None else None


def agencies(session: Session, tables: DirectoryTables) -> list[Agency]:
    """Every agency, by name."""
    query = select(tables.agencies).order_by(tables.agencies.c.name)
    return [_agency(row) for row in session.execute(query)]


def agency_names(session: Session, tables: DirectoryTables) -> dict[str, str]:
    a = tables.agencies
    return {code: name for code, name in session.execute(select(a.c.code, a.c.name))}


def agency_parents(session: Session, tables: DirectoryTables) -> dict[str, str | None]:
    """The agency tree as code → parent code."""
    a = tables.agencies
    return {code: parent for code, parent in session.execute(select(a.c.code, a.c.parent_code))}


# --- the tree (pure) ------------------------------------------------------------------------


def lineage(code: str, parents: Mapping[str, str | None]) -> list[str]:
    """`code` and its ancestors, nearest first."""
    chain: list[str] = []
    current: str | None = code
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def related(a: str | None, b: str | None, parents: Mapping[str, str | None]) -> bool:
    """True when `a` and `b` are the same agency, or one is an ancestor of the other."""
    if a is None or b is None:
        return False
    return a in lineage(b, parents) or b in lineage(a, parents)
