"""One migration step every publishing service takes: its outbox gains `user_id` and
`proposal_id` (`shared.outbox.audit_keys`), indexed, and the events already written get them
from their envelopes, a batch at a time. Imported by migrations only."""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from shared.outbox import audit_keys

BATCH = 1_000


def add_audit_columns(service: str) -> None:
    name = f"{service}_outbox"
    with op.batch_alter_table(name) as batch:
        batch.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("proposal_id", sa.Integer(), nullable=True))
        batch.create_index(f"ix_{name}_user_id", ["user_id"], unique=False)
        batch.create_index(f"ix_{name}_proposal_id", ["proposal_id"], unique=False)
    events = sa.table(
        name,
        sa.column("event_id", sa.String()),
        sa.column("envelope", sa.Text()),
        sa.column("user_id", sa.Integer()),
        sa.column("proposal_id", sa.Integer()),
    )
    bind, last = op.get_bind(), ""
    while True:
        rows = bind.execute(
            sa.select(events.c.event_id, events.c.envelope)
            .where(events.c.event_id > last)
            .order_by(events.c.event_id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for event_id, envelope in rows:
            keys = audit_keys(json.loads(envelope))
            if any(v is not None for v in keys.values()):
                bind.execute(events.update().where(events.c.event_id == event_id).values(**keys))
        last = rows[-1][0]


def drop_audit_columns(service: str) -> None:
    name = f"{service}_outbox"
    with op.batch_alter_table(name) as batch:
        batch.drop_index(f"ix_{name}_proposal_id")
        batch.drop_index(f"ix_{name}_user_id")
        batch.drop_column("proposal_id")
        batch.drop_column("user_id")
