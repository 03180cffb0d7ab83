"""The relay: moves pending outbox deliveries to the consumers' Celery queues.

Every pending delivery whose time has come is sent (`send_task` by name, JSON) and its next
attempt is pushed back with exponential backoff. A redelivery waits while its consumer's queue
holds more than `BACKLOG_LIMIT` messages: after a burst or a consumer outage the first copy is
most likely still in that queue, and another would only lengthen it; a copy Redis lost goes again
as soon as the backlog falls under the limit. Nothing is deleted or marked done here: only the
consumer's confirmation ends a delivery. So a relay killed between sending and marking, or Redis
losing its data, costs at most a duplicate, which the consumer's inbox turns into a no-op.
On PostgreSQL several relays may run side by side (`FOR UPDATE SKIP LOCKED`).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from shared.celery import handle_event_task
from shared.db import Database
from shared.logs import get_logger
from shared.outbox import OutboxTables, utcnow

log = logging.getLogger(__name__)
events_log = get_logger("sipinda.events")

Sender = Callable[[str, str, dict[str, Any]], None]  # (task name, queue, envelope)
Backlog = Callable[[str], int]  # queue → messages waiting in it
# The longest pause between two sends of an unconfirmed delivery. `OUTBOX_REDELIVER_MAX` is a
# test setting (the fault rigs' database outage: deliveries back within seconds of its end).
MAX_BACKOFF = float(os.environ.get("OUTBOX_REDELIVER_MAX", "600"))
BACKLOG_LIMIT = 100


@dataclass(frozen=True)
class Source:
    database: Database
    tables: OutboxTables


class BrokerUnavailableError(Exception):
    """The broker refused a send; what was sent before it is recorded, the rest waits."""

    def __init__(self, sent: int, cause: Exception) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.sent = sent


def next_attempt(now: datetime, attempts: int, base: float) -> datetime:
    """When to send again if no confirmation comes: base, 2×base, 4×base … capped."""
    return now + timedelta(seconds=min(base * (2 ** max(attempts - 1, 0)), MAX_BACKOFF))


def relay_once(
    source: Source,
    send: Sender,
    redeliver_after: float,
    batch: int = 200,
    backlog: Backlog | None = None,
) -> int:
    """Send the due deliveries of one outbox; returns how many were sent. Raises
    `BrokerUnavailableError` when the broker refuses one (after recording those sent before).
    With `backlog`, a redelivery to a queue longer than `BACKLOG_LIMIT` waits `redeliver_after`
    more seconds instead (its attempts unchanged)."""
    d, e = source.tables.deliveries, source.tables.events
    now = utcnow()
    query = (
        select(d.c.event_id, d.c.consumer, d.c.attempts, e.c.envelope)
        .join(e, e.c.event_id == d.c.event_id)
        .where(d.c.confirmed_at.is_(None), d.c.next_attempt_at <= now)
        .order_by(d.c.next_attempt_at)
        .limit(batch)
    )
    if source.database.is_postgres:
        query = query.with_for_update(skip_locked=True, of=d)
    sent, refused = 0, None
    queued: dict[str, bool] = {}
    with source.database.session() as session:
        for event_id, consumer, attempts, envelope in session.execute(query).all():
            if attempts and backlog is not None:
                if consumer not in queued:
                    queued[consumer] = backlog(consumer) > BACKLOG_LIMIT
                if queued[consumer]:
                    session.execute(
                        update(d)
                        .where(d.c.event_id == event_id, d.c.consumer == consumer)
                        .values(next_attempt_at=now + timedelta(seconds=redeliver_after))
                    )
                    continue
            wire = json.loads(envelope)
            try:
                send(handle_event_task(consumer), consumer, wire)
            except Exception as exc:
                refused = exc
                break
            session.execute(
                update(d)
                .where(d.c.event_id == event_id, d.c.consumer == consumer)
                .values(
                    attempts=attempts + 1,
                    sent_at=now,
                    next_attempt_at=next_attempt(now, attempts + 1, redeliver_after),
                )
            )
            sent += 1
            events_log.info(
                "event sent",
                event_name=wire.get("name"),
                event_id=event_id,
                consumer=consumer,
                attempt=attempts + 1,
                correlation_id=wire.get("correlation_id"),
            )
    if refused is not None:
        raise BrokerUnavailableError(sent, refused) from refused
    return sent


def run_relay(
    sources: Sequence[Source],
    send: Sender,
    redeliver_after: float,
    interval: float,
    stop: threading.Event,
    backlog: Backlog | None = None,
) -> None:
    """Relay until `stop` is set; sleeps `interval` only when there was nothing to send. A broker
    outage is logged once when it starts and once when it ends, not at every attempt."""
    outage_since: datetime | None = None
    while not stop.is_set():
        busy = refused = False
        for source in sources:
            try:
                busy = relay_once(source, send, redeliver_after, backlog=backlog) > 0 or busy
            except BrokerUnavailableError as exc:
                refused = True
                if outage_since is None:
                    outage_since = utcnow()
                    log.warning("relay: broker unavailable (%s); retrying until it is back", exc)
            except Exception:  # a database hiccup must not end the relay
                log.exception("relay: %s outbox failed", source.tables.service)
        if outage_since is not None and not refused:
            seconds = (utcnow() - outage_since).total_seconds()
            log.warning("relay: broker reachable again after %.1f s", seconds)
            outage_since = None
        if refused or not busy:
            stop.wait(interval)
