"""The audit log: every state change, who made it, when, from where.

Every state change of SIPINDA publishes an event through its service's outbox, in the same
transaction, and each envelope carries its origin (the signed-in user and the client's address)
and its correlation id. The outboxes are therefore an append-only record of what happened; this
module reads them (as the relay does) and lays them out as an audit trail. Nothing here writes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ColumnElement, Select, Table, cast, false, func, select, type_coerce
from sqlalchemy.dialects.postgresql import JSONB

from services.platform.registry import module
from shared import directory, runtime
from shared.config import SERVICES
from shared.timezone import stamp
from shared.web.paging import Page, Window, settle

ADMIN = "admin."  # the admin's recorded actions read as "admin.<action>"


@dataclass(frozen=True)
class Entry:
    at: datetime
    service: str
    action: str
    user_id: int | None
    role: str | None
    ip: str | None
    proposal_id: int | None
    correlation_id: str | None
    event_id: str
    reason: str = ""
    target: str = ""  # whom an admin's action on an account was about (their e-mail)


@dataclass(frozen=True)
class Filters:
    action: str | None = None
    user_id: int | None = None
    proposal_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None

    def keep(self, entry: Entry) -> bool:
        return (
            (self.action is None or entry.action.startswith(self.action))
            and (self.user_id is None or entry.user_id == self.user_id)
            and (self.proposal_id is None or entry.proposal_id == self.proposal_id)
            and (self.since is None or entry.at >= self.since)
            and (self.until is None or entry.at <= self.until)
        )


def entry_of(service: str, envelope_json: str, created_at: datetime) -> Entry:
    """One outbox row as an audit entry (pure)."""
    envelope = json.loads(envelope_json)
    origin = envelope.get("origin") or {}
    payload = envelope.get("payload") or {}
    proposal = payload.get("proposal_id")
    return Entry(
        at=created_at,
        service=service,
        action=str(envelope.get("name")),
        user_id=origin.get("user_id"),
        role=origin.get("role"),
        ip=origin.get("ip"),
        proposal_id=proposal if isinstance(proposal, int) else None,
        correlation_id=envelope.get("correlation_id"),
        event_id=str(envelope.get("event_id")),
    )


def newest_first(streams: Iterable[Iterable[Entry]], filters: Filters, limit: int) -> list[Entry]:
    """The streams (each newest first) merged newest first; entries of the same moment keep
    their stream's order (a stable sort), so the newest k of the merge are among the newest k
    of each stream."""
    kept = [e for stream in streams for e in stream if filters.keep(e)]
    return sorted(kept, key=lambda e: e.at, reverse=True)[:limit]


def names_of(user_ids: Iterable[int | None]) -> dict[int, str]:
    """The names of the users an audit page shows, from submission's read model of accounts
    (the composition root may read it; every service keeps the same copy)."""
    wanted = {i for i in user_ids if i}
    if not wanted:
        return {}
    with runtime.database("submission").session() as session:
        found = directory.people(session, directory.tables_of("submission"), wanted)
    return {i: account.name for i, account in found.items()}


def _service_query(service: str, filters: Filters) -> Select[*tuple[Any, ...]]:
    """A service's outbox events the filters select, newest first (the event id, as in
    `newest_first`, breaking ties): the user and the proposal from the columns the outbox keeps
    beside each envelope (`shared.outbox.audit_keys`)."""
    events = module(service, "models").OUTBOX.events
    query = select(events.c.envelope, events.c.created_at).order_by(
        events.c.created_at.desc(), events.c.event_id.desc()
    )
    if filters.since is not None:
        query = query.where(events.c.created_at >= filters.since)
    if filters.until is not None:
        query = query.where(events.c.created_at <= filters.until)
    if filters.action:
        query = query.where(events.c.name.startswith(filters.action))
    if filters.user_id is not None:
        query = query.where(number_of(events, "user_id", _dialect(service)) == filters.user_id)
    if filters.proposal_id is not None:
        wanted = filters.proposal_id
        query = query.where(number_of(events, "proposal_id", _dialect(service)) == wanted)
    return query


# Where the envelope holds what an outbox without its audit columns (yet) is filtered by.
IN_ENVELOPE = {"user_id": ("origin", "user_id"), "proposal_id": ("payload", "proposal_id")}


def _dialect(service: str) -> str:
    return runtime.database(service).engine.dialect.name


def number_of(events: Table, name: str, dialect: str) -> ColumnElement[Any]:
    """The outbox's `user_id` or `proposal_id` column; in an outbox whose migrations have not
    added it, the same number read from each envelope by the database's JSON functions."""
    if name in events.c:
        return events.c[name]
    postgres = dialect == "postgresql"
    document = cast(events.c.envelope, JSONB) if postgres else type_coerce(events.c.envelope, JSON)
    found: ColumnElement[Any] = document[IN_ENVELOPE[name]].as_integer()
    return found


def read_service(service: str, filters: Filters, limit: int) -> Iterator[Entry]:
    with runtime.database(service).session() as session:
        rows = session.execute(_service_query(service, filters).limit(limit)).all()
    for envelope, created_at in rows:
        yield entry_of(service, envelope, created_at)


# The admin's recorded actions, each service's `audit_log` of the same shape: submission's (calls,
# proposals) and identity's (accounts). The console lives on the portal, which serves both.
ADMIN_LOGS = ("submission", "identity")


def _admin_query(filters: Filters, service: str = "submission") -> Select[*tuple[Any, ...]]:
    audit_entry = module(service, "models").AuditEntry
    query = select(audit_entry).order_by(audit_entry.at.desc(), audit_entry.id.desc())
    if filters.since is not None:
        query = query.where(audit_entry.at >= filters.since)
    if filters.until is not None:
        query = query.where(audit_entry.at <= filters.until)
    wanted = filters.action or ""
    if wanted.startswith(ADMIN):  # "admin.call.extend": the recorded action "call.extend"
        query = query.where(audit_entry.action.startswith(wanted.removeprefix(ADMIN)))
    elif not ADMIN.startswith(wanted):  # "proposal.": no admin action
        query = query.where(false())
    if filters.user_id is not None:
        query = query.where(audit_entry.actor_id == filters.user_id)
    if filters.proposal_id is not None:
        query = query.where(audit_entry.target == f"proposal:{filters.proposal_id}")
    return query


def admin_actions(filters: Filters, limit: int, service: str = "submission") -> Iterator[Entry]:
    """The admin's recorded actions with their reasons (deadline extensions, call edits; on
    identity's, accounts invited, changed, deactivated …): kept by the portal this console is
    part of."""
    with runtime.database(service).session() as session:
        rows = session.scalars(_admin_query(filters, service).limit(limit)).all()
        for row in rows:
            kind, _, number = row.target.partition(":")
            yield Entry(
                at=row.at,
                service=service,
                action=f"{ADMIN}{row.action}",
                user_id=row.actor_id,
                role=row.details.get("role") or "admin",
                ip=row.details.get("ip"),
                proposal_id=int(number) if kind == "proposal" and number.isdigit() else None,
                correlation_id=None,
                event_id=f"audit-{row.id}"
                if service == "submission"
                else f"audit-{service}-{row.id}",
                reason=row.reason,
                target=str(row.details.get("email") or "") if kind == "user" else "",
            )


def read(filters: Filters, limit: int = 200) -> list[Entry]:
    """The newest `limit` entries the filters select, of every source."""
    streams = [
        *(read_service(s, filters, limit) for s in SERVICES),
        *(admin_actions(filters, limit, s) for s in ADMIN_LOGS),
    ]
    return newest_first(streams, filters, limit)


def _counted(service: str, query: Select[*tuple[Any, ...]]) -> int:
    with runtime.database(service).session() as session:
        found = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return int(found or 0)


def read_page(filters: Filters, window: Window, *, clamp: bool = True) -> Page[Entry]:
    """One page of the log, newest first: every filter applied in SQL, each source counted
    whole, and only its newest entries down to the page's last read (the page's entries are
    among them, since each source is read in the merge's order). Nothing is left out: an old
    entry a filter finds is counted, and reached page by page."""
    total = sum(_counted(s, _service_query(s, filters)) for s in SERVICES)
    total += sum(_counted(s, _admin_query(filters, s)) for s in ADMIN_LOGS)
    at = settle(window, total, clamp)
    entries = read(filters, limit=at.offset + at.per_page)
    return Page(entries[at.offset :], total, at.page, at.per_page)


# The CSV's columns' message keys: the words first, then the codes an admin filters by.
COLUMNS = (
    "audit.col.at", "audit.col.action", "audit.col.user", "audit.col.role", "audit.col.ip",
    "audit.col.proposal", "audit.col.target", "audit.col.reason", "audit.col.action_code",
    "audit.col.user_id", "audit.col.service", "audit.col.correlation", "audit.col.event",
)  # fmt: skip


def _cell(text: str) -> str:
    """A free-text cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(
    entries: Sequence[Entry],
    label: Callable[[str], str],
    action_label: Callable[[str], str],
    names: Mapping[int, str],
) -> str:
    """The entries as CSV in the reader's language: actions and roles in words, people by name,
    each followed by the code or id an admin searches for."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label(key) for key in COLUMNS])
    for e in entries:
        writer.writerow([
            stamp(e.at), action_label(e.action),
            names.get(e.user_id, "") if e.user_id else label("audit.system"),
            label(f"role.{e.role}") if e.role else label("audit.system"), e.ip or "",
            e.proposal_id or "", e.target, _cell(e.reason), e.action, e.user_id or "", e.service,
            e.correlation_id or "", e.event_id,
        ])  # fmt: skip
    return out.getvalue()
