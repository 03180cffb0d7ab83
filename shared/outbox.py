"""The transactional outbox: publish = insert, in the same transaction as the state change.

Each publishing service has two tables in its own database:
- `<service>_outbox`: one row per event (the envelope, as JSON, and beside it the user who made
  the change and the proposal it is about, so the audit log filters by them in SQL);
- `<service>_outbox_deliveries`: one row per (event, subscriber), pending until the subscriber
  confirms it has committed the event's effect. The relay sends pending deliveries again, with
  backoff, until they are confirmed, so an event survives Redis losing every message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    update,
)
from sqlalchemy.orm import Session

from shared.db import UtcDateTime
from shared.events import SUBSCRIBERS, Envelope, Event
from shared.logs import correlation_id as current_correlation_id
from shared.logs import origin_provider


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class OutboxTables:
    service: str
    events: Table
    deliveries: Table


def outbox_tables(metadata: MetaData, service: str, *, audit_columns: bool = False) -> OutboxTables:
    """The service's two tables. `audit_columns` once its migrations have added them
    (`shared.outbox_columns`): the user and the proposal beside each envelope."""
    audited = (
        Column("user_id", Integer, index=True),  # the envelope's origin's user, if any
        Column("proposal_id", Integer, index=True),  # the payload's proposal, if any
    )
    events = Table(
        f"{service}_outbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("name", String(100), nullable=False),
        Column("envelope", Text, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
        *(audited if audit_columns else ()),
    )
    deliveries = Table(
        f"{service}_outbox_deliveries",
        metadata,
        Column(
            "event_id",
            String(36),
            ForeignKey(f"{service}_outbox.event_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("consumer", String(40), primary_key=True),
        Column("attempts", Integer, nullable=False, default=0),
        Column("next_attempt_at", UtcDateTime(), nullable=False, index=True),
        Column("sent_at", UtcDateTime()),
        Column("confirmed_at", UtcDateTime(), index=True),
    )
    return OutboxTables(service, events, deliveries)


def audit_keys(wire: Mapping[str, Any]) -> dict[str, int | None]:
    """The envelope's (as on the wire) signed-in user and the proposal its event is about, as
    the outbox stores them beside it for the audit log: whole numbers, or None."""

    def whole(value: object) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    origin, payload = wire.get("origin") or {}, wire.get("payload") or {}
    return {
        "user_id": whole(origin.get("user_id")),
        "proposal_id": whole(payload.get("proposal_id")),
    }


def publish(
    session: Session,
    tables: OutboxTables,
    event: Event,
    correlation_id: str | None = None,
) -> Envelope:
    """Record `event` for every subscriber. Call inside the transaction of the state change.
    The envelope carries `correlation_id`, by default the one of the request or event at hand."""
    return publish_all(session, tables, (event,), correlation_id)[0]


def publish_all(
    session: Session,
    tables: OutboxTables,
    events: Sequence[Event],
    correlation_id: str | None = None,
) -> list[Envelope]:
    """`publish` for several events of one state change, in one insert per table."""
    provider = origin_provider.get()
    origin = provider() if provider is not None else None
    correlation = correlation_id or current_correlation_id.get()
    envelopes = [Envelope.wrap(e, tables.service, correlation, origin) for e in events]
    now = utcnow()
    wires = [e.to_wire() for e in envelopes]
    audited = "user_id" in tables.events.c
    session.execute(
        tables.events.insert(),
        [
            {
                "event_id": e.event_id,
                "name": e.name,
                "envelope": json.dumps(wire),
                "created_at": now,
                **(audit_keys(wire) if audited else {}),
            }
            for e, wire in zip(envelopes, wires, strict=True)
        ],
    )
    deliveries = [
        {"event_id": e.event_id, "consumer": c, "attempts": 0, "next_attempt_at": now}
        for e in envelopes
        for c in SUBSCRIBERS.get(e.name, ())
    ]
    if deliveries:
        session.execute(tables.deliveries.insert(), deliveries)
    return envelopes


def confirm(session: Session, tables: OutboxTables, event_id: str, consumer: str) -> bool:
    """Mark one delivery as done; returns False when it was already confirmed (or unknown)."""
    result = session.execute(
        update(tables.deliveries)
        .where(
            tables.deliveries.c.event_id == event_id,
            tables.deliveries.c.consumer == consumer,
            tables.deliveries.c.confirmed_at.is_(None),
        )
        .values(confirmed_at=utcnow())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
