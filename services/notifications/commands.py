"""The notifications service's command: `sipinda notifications-beat` runs the beat alone (for a
deployment that sets `NOTIFY_BEAT=0` on its workers)."""

from __future__ import annotations

import argparse
import signal
import threading
from typing import Any

from services.notifications import beat
from shared import runtime


def cmd_beat(_: argparse.Namespace) -> int:
    app = runtime.celery_app()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("notifications beat: schedule from the database", flush=True)
    beat.run(
        runtime.database("notifications"),
        lambda task: app.send_task(task, queue="notifications"),
        stop,
    )
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("notifications-beat", help="fire the notifications' periodic tasks")
    p.set_defaults(fn=cmd_beat)
