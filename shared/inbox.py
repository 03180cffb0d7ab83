"""Idempotent consumption: each service records the events it has handled.

`<service>_inbox` holds one row per handled `event_id`, written in the same transaction as the
event's effect. A redelivered event finds its row and changes nothing.
"""

from __future__ import annotations

from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.orm import Session

from shared.db import UtcDateTime
from shared.events import Envelope
from shared.outbox import utcnow


def inbox_table(metadata: MetaData, service: str) -> Table:
    return Table(
        f"{service}_inbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("name", String(100), nullable=False),
        Column("producer", String(40), nullable=False),
        Column("handled_at", UtcDateTime(), nullable=False),
    )


def seen(session: Session, inbox: Table, event_id: str) -> bool:
    return (
        session.execute(select(inbox.c.event_id).where(inbox.c.event_id == event_id)).first()
        is not None
    )


def record(session: Session, inbox: Table, envelope: Envelope) -> None:
    session.execute(
        inbox.insert().values(
            event_id=envelope.event_id,
            name=envelope.name,
            producer=envelope.producer,
            handled_at=utcnow(),
        )
    )
