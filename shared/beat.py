"""A beat whose schedule is kept in the database: periodic tasks of one service.

Each second it fires the entries that are due by sending their Celery task to the service's
queue. A firing is claimed with a conditional UPDATE of `next_run_at`, so any number of beats
(one in each of the service's workers, by default) fire each run exactly once, and a restart
neither skips nor repeats one. The schedule is data: an UPDATE changes it, a restart keeps it.
Short tasks only: what is due (a retry, a reminder) is a row with its own time, never a Celery ETA.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, select, update
from sqlalchemy.exc import IntegrityError

from shared.db import Database, UtcDateTime
from shared.outbox import utcnow
from shared.timezone import WIB

log = logging.getLogger(__name__)
Send = Callable[[str], None]


def schedule_table(metadata: MetaData, name: str) -> Table:
    """A service's schedule: one row per periodic task."""
    return Table(
        name,
        metadata,
        Column("name", String(60), primary_key=True),
        Column("task", String(100), nullable=False),
        Column("every_seconds", Integer, nullable=False),
        Column("next_run_at", UtcDateTime(), nullable=False),
        Column("enabled", Boolean, nullable=False, default=True),
        Column("last_run_at", UtcDateTime()),
    )


@dataclass(frozen=True)
class Default:
    """An entry the beat adds when it is missing (never over one someone edited)."""

    name: str
    task: str
    every: timedelta
    first: Callable[[datetime], datetime] = lambda now: now


def next_wib_hour(hour: int) -> Callable[[datetime], datetime]:
    def first(now: datetime) -> datetime:
        local = now.astimezone(WIB)
        at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        return at if at > local else at + timedelta(days=1)

    return first


@dataclass(frozen=True)
class Beat:
    service: str
    table: Table
    defaults: Sequence[Default]

    def ensure_schedule(self, database: Database, now: datetime | None = None) -> None:
        now = now or utcnow()
        t = self.table
        for default in self.defaults:
            try:
                with database.session() as session:
                    present = session.scalar(select(t.c.name).where(t.c.name == default.name))
                    if present is None:
                        session.execute(
                            t.insert().values(
                                name=default.name,
                                task=default.task,
                                every_seconds=int(default.every.total_seconds()),
                                next_run_at=default.first(now),
                                enabled=True,
                            )
                        )
            except IntegrityError:
                continue  # another beat added it first

    def tick(self, database: Database, send: Send, now: datetime | None = None) -> list[str]:
        """Fire every due entry once; returns the names of the ones this call fired."""
        now = now or utcnow()
        t = self.table
        with database.session() as session:
            due = session.execute(
                select(t.c.name, t.c.task, t.c.every_seconds, t.c.next_run_at).where(
                    t.c.enabled.is_(True), t.c.next_run_at <= now
                )
            ).all()
        fired = []
        for name, task, every, at in due:
            step = timedelta(seconds=max(every, 1))
            following = at + step
            if following <= now:  # the beat was away: one run for the missed ones, then on time
                following = now + step - (now - at) % step
            with database.session() as session:
                claimed = session.execute(
                    update(t)
                    .where(t.c.name == name, t.c.next_run_at == at)
                    .values(next_run_at=following, last_run_at=now)
                )
                if claimed.rowcount != 1:  # type: ignore[attr-defined]
                    continue  # another beat fired it
            try:
                send(task)
                fired.append(name)
            except Exception as exc:  # broker away: the next run comes on schedule
                log.warning("beat could not send %s: %s", task, exc)
        return fired

    def run(
        self, database: Database, send: Send, stop: threading.Event, interval: float = 1.0
    ) -> None:
        self.ensure_schedule(database)
        while not stop.is_set():
            try:
                self.tick(database, send)
            except Exception as exc:  # database away: try again next second
                log.warning("%s beat tick failed: %s", self.service, exc)
            stop.wait(interval)

    def start_in_worker(
        self, sender: Any, queue: str, database: Callable[[], Database], app: Callable[[], Any]
    ) -> threading.Event | None:
        """From Celery's `worker_ready` signal: start this beat in a worker that consumes
        `queue`, its tasks sent to that queue; any other worker (or no worker) starts nothing,
        nor opens the service's database. Returns the started beat's stop event."""
        try:
            consumed = set(sender.app.amqp.queues.consume_from)
        except AttributeError:
            return None
        if queue not in consumed:
            return None
        celery = app()
        stop = self.start_thread(database(), lambda task: celery.send_task(task, queue=queue))
        log.info("%s beat started", self.service)
        return stop

    def start_thread(self, database: Database, send: Send) -> threading.Event:
        stop = threading.Event()
        threading.Thread(
            target=self.run,
            args=(database, send, stop),
            name=f"{self.service}-beat",
            daemon=True,
        ).start()
        return stop
