"""The beat: periodic tasks whose schedule is kept in the database (`notification_schedule`).

Each second it fires the entries that are due by sending their Celery task. A firing is claimed
with a conditional UPDATE of `next_run_at`, so any number of beats (one per notifications worker,
by default) fire each run exactly once, and a restart neither skips nor repeats one. Short tasks
only: a retry is a row with `next_attempt_at`, never a long Celery ETA.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from services.notifications.models import ScheduleEntry
from shared.db import Database
from shared.outbox import utcnow
from shared.timezone import WIB

log = logging.getLogger(__name__)
Send = Callable[[str], None]


@dataclass(frozen=True)
class Default:
    name: str
    task: str
    every: timedelta
    first: Callable[[datetime], datetime]


def next_wib_hour(hour: int) -> Callable[[datetime], datetime]:
    def first(now: datetime) -> datetime:
        local = now.astimezone(WIB)
        at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        return at if at > local else at + timedelta(days=1)

    return first


DEFAULTS = (
    Default("deliver-due", "notifications.deliver_due", timedelta(seconds=15), lambda now: now),
    Default("admin-digest", "notifications.send_digest", timedelta(days=1), next_wib_hour(7)),
)


def ensure_schedule(database: Database, now: datetime | None = None) -> None:
    """Add the default entries that are missing; never changes an entry someone edited."""
    now = now or utcnow()
    for default in DEFAULTS:
        try:
            with database.session() as session:
                if session.get(ScheduleEntry, default.name) is None:
                    session.add(
                        ScheduleEntry(
                            name=default.name,
                            task=default.task,
                            every_seconds=int(default.every.total_seconds()),
                            next_run_at=default.first(now),
                            enabled=True,
                        )
                    )
        except IntegrityError:
            continue  # another beat added it first


def tick(database: Database, send: Send, now: datetime | None = None) -> list[str]:
    """Fire every due entry once; returns the names of the ones this call fired."""
    now = now or utcnow()
    with database.session() as session:
        due = session.execute(
            select(ScheduleEntry.name, ScheduleEntry.task, ScheduleEntry.every_seconds,
                   ScheduleEntry.next_run_at)
            .where(ScheduleEntry.enabled, ScheduleEntry.next_run_at <= now)
        ).all()  # fmt: skip
    fired = []
    for name, task, every, at in due:
        step = timedelta(seconds=max(every, 1))
        following = at + step
        if following <= now:  # beat was away: one run for the missed ones, then on schedule
            following = now + step - (now - at) % step
        with database.session() as session:
            claimed = session.execute(
                update(ScheduleEntry)
                .where(ScheduleEntry.name == name, ScheduleEntry.next_run_at == at)
                .values(next_run_at=following, last_run_at=now)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                continue  # another beat fired it
        try:
            send(task)
            fired.append(name)
        except Exception as exc:  # broker away: the next run comes on schedule
            log.warning("beat could not send %s: %s", task, exc)
    return fired


def run(database: Database, send: Send, stop: threading.Event, interval: float = 1.0) -> None:
    ensure_schedule(database)
    while not stop.is_set():
        try:
            tick(database, send)
        except Exception as exc:  # database away: try again next second
            log.warning("beat tick failed: %s", exc)
        stop.wait(interval)


def start_thread(database: Database, send: Send) -> threading.Event:
    stop = threading.Event()
    thread = threading.Thread(
        target=run, args=(database, send, stop), name="notifications-beat", daemon=True
    )
    thread.start()
    return stop
