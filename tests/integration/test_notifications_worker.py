"""The notifications worker as a real Celery process on a real Redis and database, with the beat
it runs: an SMTP server down, then up, gets each mail exactly once; a 421 is retried."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from services.notifications import beat
from services.notifications.models import Notification, ScheduleEntry
from shared.celery import create_celery
from shared.config import Settings
from shared.db import Database
from tests.support.environment import sipinda_environment
from tests.support.notifications import (
    EVALUATORS,
    SmtpServer,
    envelope_of,
    free_port,
    review_assigned,
)
from tests.support.servers import Process, python_argv, wait_until
from tests.support.stack import worker

pytestmark = pytest.mark.integration


@dataclass
class Rig:
    env: dict[str, str]
    db: Database
    smtp: SmtpServer
    worker: Process

    def publish(self, wire: dict[str, object]) -> None:
        app = create_celery(Settings.from_env(self.env))
        app.send_task("notifications.handle_event", args=[wire], queue="notifications")

    def statuses(self) -> list[str]:
        with self.db.session() as session:
            return list(session.scalars(select(Notification.status).order_by(Notification.id)))

    def beats(self) -> int:
        """How many times the deliver-due entry has fired: its last run, in seconds."""
        with self.db.session() as session:
            entry = session.get_one(ScheduleEntry, "deliver-due", populate_existing=True)
            return int(entry.last_run_at.timestamp()) if entry.last_run_at else 0


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    smtp = SmtpServer(free_port())
    with sipinda_environment(tmp_path) as environment:
        env = {
            **environment.vars,
            "SMTP_URL": smtp.url,
            "NOTIFY_RETRY_FIRST": "1",
        }
        migrate = Process("migrate", python_argv("-m", "services.platform.cli", "migrate"), env,
                          tmp_path / "logs" / "migrate.log").start()  # fmt: skip
        assert migrate.popen is not None
        assert migrate.popen.wait() == 0, migrate.tail()
        db = Database("notifications", Settings.from_env(env).database_url("notifications"))
        # The schedule lives in the database: this deployment checks for due mail every second.
        beat.ensure_schedule(db)
        with db.session() as session:
            session.execute(
                update(ScheduleEntry)
                .where(ScheduleEntry.name == "deliver-due")
                .values(every_seconds=1)
            )
        mail_worker = worker(env, tmp_path / "logs", "notifications", "mail").start()
        try:
            yield Rig(env, db, smtp, mail_worker)
        finally:
            mail_worker.stop()
            smtp.stop()
            db.dispose()


def test_smtp_down_then_up_delivers_every_mail_exactly_once(rig: Rig) -> None:
    wire = envelope_of(review_assigned(*EVALUATORS)).to_wire()
    rig.publish(wire)
    wait_until(lambda: rig.statuses() == ["pending"] * 4 and all_tried(rig.db), timeout=60,
               what="every mail to be tried while the server is down")  # fmt: skip
    rig.publish(wire)  # and the same event again, for good measure

    rig.smtp.start()
    wait_until(lambda: rig.statuses() == ["sent"] * 4, timeout=60, what="the beat to send")
    fired = rig.beats()
    wait_until(lambda: rig.beats() >= fired + 3, timeout=60, what="three more beats")

    ids = [m["Message-ID"] for m in rig.smtp.messages]
    assert len(ids) == len(set(ids)) == 4
    assert "notifications beat started" in rig.worker.tail(400)


def test_421_then_success_through_the_worker(rig: Rig) -> None:
    rig.smtp.start()
    rig.smtp.recorder.answer = "421 4.3.2 Service shutting down, try later"
    rig.publish(envelope_of(review_assigned(*EVALUATORS[:1])).to_wire())
    wait_until(lambda: all_tried(rig.db) and len(rig.statuses()) == 2, timeout=60,
               what="a first attempt")  # fmt: skip
    rig.smtp.recorder.answer = "250 2.0.0 Ok"

    wait_until(lambda: rig.statuses() == ["sent"] * 2, timeout=60, what="the retry")
    assert len(rig.smtp.messages) == 2


def all_tried(db: Database) -> bool:
    with db.session() as session:
        untried = session.scalar(select(func.count()).where(Notification.attempts == 0))
        return untried == 0
