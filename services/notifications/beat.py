"""The notifications' beat (`shared/beat.py`), its schedule in `notification_schedule`:
deliveries that are due (retries, leases run out) every 15 s, the admin's digest at 07:00 WIB."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from services.notifications.models import ScheduleEntry
from shared.beat import Beat, Default, Send, next_wib_hour
from shared.db import Database

DEFAULTS = (
    Default("deliver-due", "notifications.deliver_due", timedelta(seconds=15)),
    Default("admin-digest", "notifications.send_digest", timedelta(days=1), next_wib_hour(7)),
)
BEAT = Beat("notifications", ScheduleEntry.__table__, DEFAULTS)  # type: ignore[arg-type]


def ensure_schedule(database: Database, now: datetime | None = None) -> None:
    BEAT.ensure_schedule(database, now)


def tick(database: Database, send: Send, now: datetime | None = None) -> list[str]:
    return BEAT.tick(database, send, now)


def run(database: Database, send: Send, stop: threading.Event, interval: float = 1.0) -> None:
    BEAT.run(database, send, stop, interval)


def start_thread(database: Database, send: Send) -> threading.Event:
    return BEAT.start_thread(database, send)
