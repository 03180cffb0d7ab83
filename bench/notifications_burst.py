"""A burst of 1,000 notices through the notifications service to a real SMTP server (aiosmtpd)
that answers 421 to anything over its per-second limit: how fast it drains, paced and unpaced,
against bare SMTP sends of the same messages (the baseline, measured in the same run).

    .venv/bin/python -m bench.notifications_burst
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from services.notifications import delivery, queueing
from services.notifications.composer import build_message
from services.notifications.config import NotifySettings
from services.notifications.delivery import claim
from services.notifications.mailer import MailError, SmtpMailer
from services.notifications.models import Base, Notification
from services.notifications.pacing import LocalCounter, Pacer
from shared.config import Settings
from shared.db import Database
from shared.events import Assignee, Envelope, Person, ReviewAssigned
from shared.outbox import utcnow

COUNT = 1000
RATE = 50  # the service's pace, per second (SMTP_RATE)
LIMIT = 2 * RATE  # the server's limit, per wall-clock second


class Limited:
    def __init__(self) -> None:
        self.per_second: dict[int, int] = {}
        self.accepted = self.refused = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        second = int(time.time())
        self.per_second[second] = self.per_second.get(second, 0) + 1
        if self.per_second[second] > LIMIT:
            self.refused += 1
            return "421 4.7.0 slow down"
        self.accepted += 1
        return "250 OK"


def burst(folder: Path, name: str) -> tuple[Database, Settings]:
    db = Database("bench", f"sqlite:///{folder / (name + '.db')}")
    Base.metadata.create_all(db.engine)
    settings = Settings.from_env({"SIPINDA_VAR_DIR": str(folder), "BASE_URL": "https://x.test"})
    people = tuple(
        Assignee(evaluator_id=i, name=f"E {i}", email=f"e{i}@x.test", opd_code=None)
        for i in range(COUNT - 1)
    )
    event = ReviewAssigned(
        proposal_id=1, version_no=1, title="Burst", summary="s", opd_code="o", opd_name="O",
        innovator=Person(id=1, name="I", email="i@x.test"), evaluators=people,
        submitted_at=utcnow(),
    )  # fmt: skip
    with db.session() as session:
        queueing.queue_event(session, event, Envelope.wrap(event, "bench"), settings)
    return db, settings


def drain(folder: Path, name: str, mailer: SmtpMailer, rate: float) -> float:
    db, settings = burst(folder, name)
    notify = NotifySettings(reply_to="r@x.test", smtp_rate=rate)
    pace = Pacer(rate, LocalCounter())
    start = time.perf_counter()
    while delivery.deliver_due(db, mailer, settings, notify=notify, pace=pace):
        pass
    elapsed = time.perf_counter() - start
    with db.session() as session:
        sent = session.scalar(select(func.count()).where(Notification.status == "sent"))
    assert sent == COUNT, sent
    return COUNT / elapsed


def bare(folder: Path, mailer: SmtpMailer) -> float:
    db, settings = burst(folder, "bare")
    claims = [claim(db, i, settings.mail_from) for i in range(1, COUNT + 1)]
    start = time.perf_counter()
    for claimed in claims:
        assert claimed is not None
        letter = claimed.letter
        with contextlib.suppress(MailError):  # counted by the server as refused
            mailer.send(build_message(letter, settings.mail_from))
    return COUNT / (time.perf_counter() - start)


def next_second() -> None:
    """Sleep into the next wall-clock second (50 ms into it)."""
    time.sleep(1.05 - time.time() % 1)


def run() -> list[str]:
    handler = Limited()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mailer = SmtpMailer.from_url(f"smtp://127.0.0.1:{port}")
        with tempfile.TemporaryDirectory() as folder:
            base = bare(Path(folder), mailer)
            refused_before = handler.refused
            next_second()  # the server counts per wall-clock second: a second of its own
            paced = drain(Path(folder), "paced", mailer, RATE)
            paced_refused = handler.refused - refused_before
    finally:
        controller.stop()
    return [
        f"notifications: a burst of {COUNT} to an SMTP server limited to {LIMIT}/s (SQLite)",
        f"  {'bare SMTP sends, no database, unpaced':<52} {base:10.1f}/s      base"
        f"   421 answers: {refused_before}",
        f"  {f'deliver_due paced at SMTP_RATE={RATE}':<52} {paced:10.1f}/s   {paced / base:6.2f}×"
        f"   421 answers: {paced_refused}",
    ]


if __name__ == "__main__":
    os.environ.setdefault("SIPINDA_ENV", "development")
    for line in run():
        print(line)
