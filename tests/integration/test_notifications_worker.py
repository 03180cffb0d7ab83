"""The notifications worker as a real Celery process on a real Redis and database, with the beat
it runs: an SMTP server down, then up, gets each mail exactly once; a 421 is retried."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
class Worker:
    """The module's notifications database, migrated once, and its mail worker."""

    env: dict[str, str]
    db: Database
    smtp_port: int
    process: Process


@dataclass
class Rig:
    env: dict[str, str]
    db: Database
    smtp: SmtpServer
    worker: Process
    before: int  # the last notification of the tests before: none of them is this test's

    def publish(self, wire: dict[str, object]) -> None:
        app = create_celery(Settings.from_env(self.env))
        app.send_task("notifications.handle_event", args=[wire], queue="notifications")

    def statuses(self) -> list[str]:
        with self.db.session() as session:
            query = select(Notification.status).where(Notification.id > self.before)
            return list(session.scalars(query.order_by(Notification.id)))

    def all_tried(self) -> bool:
        with self.db.session() as session:
            untried = session.scalar(
                select(func.count()).where(
                    Notification.id > self.before, Notification.attempts == 0
                )
            )
            return untried == 0

    def beats(self) -> int:
        """How many times the deliver-due entry has fired: its last run, in seconds."""
        with self.db.session() as session:
            entry = session.get_one(ScheduleEntry, "deliver-due", populate_existing=True)
            return int(entry.last_run_at.timestamp()) if entry.last_run_at else 0


@pytest.fixture(scope="module")
def mail_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    """Migrated and started once for the module (a migration is most of a test's time); each
    test brings its own SMTP server to the port the worker sends to."""
    base = tmp_path_factory.mktemp("notifications")
    port = free_port()
    with sipinda_environment(base) as environment:
        env = {
            **environment.vars,
            "SMTP_URL": SmtpServer(port).url,
            "NOTIFY_RETRY_FIRST": "1",
        }
        migrate = Process("migrate", python_argv("-m", "services.platform.cli", "migrate"), env,
                          base / "logs" / "migrate.log").start()  # fmt: skip
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
        process = worker(env, base / "logs", "notifications", "mail").start()
        try:
            yield Worker(env, db, port, process)
        finally:
            process.stop()
            db.dispose()


@pytest.fixture
def rig(mail_worker: Worker) -> Iterator[Rig]:
    smtp = SmtpServer(mail_worker.smtp_port)  # not listening until the test starts it
    with mail_worker.db.session() as session:
        before = session.scalar(select(func.max(Notification.id))) or 0
    try:
        yield Rig(mail_worker.env, mail_worker.db, smtp, mail_worker.process, before)
    finally:
        smtp.stop()


def test_smtp_down_then_up_delivers_every_mail_exactly_once(rig: Rig) -> None:
    wire = envelope_of(review_assigned(*EVALUATORS)).to_wire()
    rig.publish(wire)
    wait_until(lambda: rig.statuses() == ["pending"] * 4 and rig.all_tried(), timeout=60,
               what="every mail to be tried while the server is down")  # fmt: skip
    rig.publish(wire)  # and the same event again, for good measure

    rig.smtp.start()
    wait_until(lambda: rig.statuses() == ["sent"] * 4, timeout=60, what="the beat to send")
    fired = rig.beats()
    wait_until(lambda: rig.beats() >= fired + 3, timeout=60, what="three more beats")

    ids = [m["Message-ID"] for m in rig.smtp.messages]
    assert len(ids) == len(set(ids)) == 4
    assert "notifications beat started" in rig.worker.log.read_text(errors="replace")


def test_421_then_success_through_the_worker(rig: Rig) -> None:
    rig.smtp.start()
    rig.smtp.recorder.answer = "421 4.3.2 Service shutting down, try later"
    # Another proposal than the other test's: the two share the module's database.
    event = review_assigned(*EVALUATORS[:1]).model_copy(update={"proposal_id": 43})
    rig.publish(envelope_of(event).to_wire())
    wait_until(lambda: rig.all_tried() and len(rig.statuses()) == 2, timeout=60,
               what="a first attempt")  # fmt: skip
    rig.smtp.recorder.answer = "250 2.0.0 Ok"

    wait_until(lambda: rig.statuses() == ["sent"] * 2, timeout=60, what="the retry")
    assert len(rig.smtp.messages) == 2
