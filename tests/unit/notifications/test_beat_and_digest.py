"""The beat fires from a schedule kept in the database, each run once however many beats run;
the admin's daily digest it triggers reports what happened and what failed."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from services.identity.accounts import ensure_user
from services.identity.models import Base as IdentityBase
from services.notifications import beat, operations
from services.notifications.consumers import CONSUMER
from services.notifications.models import ScheduleEntry
from shared import runtime
from shared.config import Settings
from shared.db import Database
from shared.events import Envelope, ProposalScored
from tests.support.servers import Process, python_argv, wait_until
from tests.unit.notifications.support import SmtpServer, envelope_of, every_notice, free_port

NOW = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)  # 10:00 WIB


def ignore(envelope: Envelope, consumer: str) -> None:
    pass


def test_default_schedule_is_written_once_and_fires_each_run_once(database: Database) -> None:
    beat.ensure_schedule(database, NOW)
    beat.ensure_schedule(database, NOW)
    sent: list[str] = []

    assert beat.tick(database, sent.append, NOW) == ["deliver-due"]
    assert beat.tick(database, sent.append, NOW) == []
    assert beat.tick(database, sent.append, NOW + timedelta(seconds=15)) == ["deliver-due"]
    assert sent == ["notifications.deliver_due"] * 2
    with database.session() as session:
        digest = session.get_one(ScheduleEntry, "admin-digest")
        assert digest.next_run_at == datetime(2025, 3, 11, 0, 0, tzinfo=UTC)  # 07:00 WIB


def test_several_beats_fire_a_due_run_once(database: Database) -> None:
    beat.ensure_schedule(database, NOW)
    later = datetime(2025, 3, 11, 0, 0, 1, tzinfo=UTC)
    sent: list[str] = []
    lock = threading.Lock()

    def send(task: str) -> None:
        with lock:
            sent.append(task)

    beats = [threading.Thread(target=beat.tick, args=(database, send, later)) for _ in range(4)]
    for b in beats:
        b.start()
    for b in beats:
        b.join()

    assert sorted(sent) == ["notifications.deliver_due", "notifications.send_digest"]


def test_schedule_changed_in_the_database_is_obeyed(database: Database) -> None:
    beat.ensure_schedule(database, NOW)
    with database.session() as session:
        session.execute(
            update(ScheduleEntry)
            .where(ScheduleEntry.name == "deliver-due")
            .values(every_seconds=3600)
        )
        session.execute(
            update(ScheduleEntry).where(ScheduleEntry.name == "admin-digest").values(enabled=False)
        )
    sent: list[str] = []

    beat.tick(database, sent.append, NOW)
    beat.tick(database, sent.append, NOW + timedelta(minutes=59))
    beat.tick(database, sent.append, NOW + timedelta(days=2))

    assert sent == ["notifications.deliver_due"] * 2
    with database.session() as session:
        entry = session.get_one(ScheduleEntry, "deliver-due")
        assert entry.next_run_at > NOW + timedelta(days=2)  # missed runs are not replayed


def test_daily_digest_reports_submissions_overdue_disagreement_and_failures(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    identity = runtime.database("identity")
    IdentityBase.metadata.create_all(identity.engine)
    with identity.session() as session:
        ensure_user(session, email="admin@sipinda.test", name="Admin", role="admin",
                    password="x" * 12, opd_code=None, language="en")  # fmt: skip
    events = {k: e for k, e, _ in every_notice("id")}
    for kind in ("submission_received", "review_overdue", "review_reminder"):
        CONSUMER.handle(envelope_of(events[kind]).to_wire(), ignore)
    scored = ProposalScored(
        proposal_id=42, version_no=2, title="Pedes", mean=70, median=71.5, reviews=3,
        disagreement=True,
    )  # fmt: skip
    CONSUMER.handle(envelope_of(scored).to_wire(), ignore)
    smtp_server.recorder.answer = "550 5.1.1 User unknown"
    CONSUMER.handle(envelope_of(events["proposal_withdrawn"]).to_wire(), ignore)
    smtp_server.recorder.answer = "250 OK"
    settings = runtime.settings()
    later = datetime.now(UTC) + timedelta(minutes=1)

    assert operations.queue_digest(live_runtime, identity, settings, later) == 1
    assert operations.queue_digest(live_runtime, identity, settings, later) == 0
    from services.notifications.tasks import deliver_due

    deliver_due.run()

    (digest,) = [
        m for m in smtp_server.messages if m["To"].addresses[0].addr_spec == "admin@sipinda.test"
    ]
    assert str(digest["Subject"]).startswith("SIPINDA daily digest")
    body = digest.get_body(("plain",))
    assert body is not None
    text = str(body.get_content())
    assert "New submissions (1):" in text
    assert "Overdue reviews (1):" in text
    assert "Evaluators disagree (1):" in text
    assert "#42 Pedes (median 71.50)" in text
    assert "Failed deliveries (1):" in text
    assert "550 5.1.1 User unknown" in text
    with live_runtime.session() as session:
        assert session.scalar(select(ScheduleEntry.name)) is None  # no beat ran here


def test_the_beat_command_writes_its_schedule_and_stops_on_sigterm(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "NOTIFICATIONS_DATABASE_URL": settings.database_url("notifications"),
        "SIPINDA_VAR_DIR": str(tmp_path / "var"),
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",  # nobody there: sends fail, logged
    }
    beat_process = Process(
        "beat", python_argv("-m", "services.cli", "notifications-beat"), env, tmp_path / "beat.log"
    ).start()
    try:
        wait_until(lambda: fired(database), timeout=60, what="the beat to fire deliver-due")
    finally:
        beat_process.stop()
    assert beat_process.popen is not None
    assert beat_process.popen.returncode == 0, beat_process.tail()


def fired(database: Database) -> bool:
    with database.session() as session:
        entry = session.get(ScheduleEntry, "deliver-due", populate_existing=True)
        return entry is not None and entry.last_run_at is not None
