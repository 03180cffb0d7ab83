"""Gathering the health snapshot: Redis queue lengths, every outbox, the workers. The console
reads the outboxes as the relay does (an operator's view); it never reads a service's own data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import redis
from sqlalchemy import func, select

from services.platform.console.health import Pending, Snapshot
from services.platform.registry import module
from shared import runtime
from shared.config import QUEUES, SERVICES
from shared.outbox import OutboxTables
from shared.redis_client import asking_once
from shared.trouble import Trouble, board

FailedCount = Callable[[], int | None]


def trouble_board() -> list[Trouble] | None:
    settings = runtime.settings()
    if not settings.redis_url:
        return None
    client = asking_once(settings.redis_url, timeout=1)
    return board(client, settings.redis_prefix)


def queue_lengths() -> dict[str, int] | None:
    settings = runtime.settings()
    if not settings.redis_url:
        return None
    try:
        client = asking_once(settings.redis_url, timeout=1)
        return {q: int(client.llen(f"{settings.redis_prefix}{q}")) for q in QUEUES}
    except redis.RedisError:
        return None


def pending(service: str, tables: OutboxTables) -> Pending | None:
    d, e = tables.deliveries, tables.events
    unconfirmed = d.c.confirmed_at.is_(None)
    try:
        with runtime.database(service).session() as session:
            count = session.scalar(select(func.count()).select_from(d).where(unconfirmed)) or 0
            oldest = session.execute(
                select(d.c.consumer, e.c.name, e.c.created_at)
                .join(e, e.c.event_id == d.c.event_id)
                .where(unconfirmed)
                .order_by(e.c.created_at)
                .limit(1)
            ).first()
    except Exception:
        return None
    if oldest is None:
        return Pending(0)
    age = (datetime.now(UTC) - oldest.created_at).total_seconds()
    return Pending(int(count), max(age, 0.0), oldest.name, oldest.consumer)


def workers(timeout: float = 1.0) -> list[str] | None:
    try:
        replies = runtime.celery_app().control.ping(timeout=timeout)
    except Exception:  # no broker: unknown, and said so on the page
        return None
    return sorted(name for reply in replies for name in reply)


def snapshot(failed: FailedCount | None = None, worker_timeout: float = 1.0) -> Snapshot:
    return Snapshot(
        queues=queue_lengths(),
        outboxes={s: pending(s, module(s, "models").OUTBOX) for s in SERVICES},
        workers=workers(worker_timeout),
        failed_deliveries=failed() if failed is not None else None,
        expected_queues=QUEUES,
        trouble=trouble_board(),
    )
