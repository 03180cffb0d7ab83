"""The beat fires from a schedule kept in the database, each run once however many beats run, and
obeys a schedule changed there; its command stops on SIGTERM."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import update

from services.notifications import beat
from services.notifications.models import ScheduleEntry
from shared.config import Settings
from shared.db import Database
from tests.support.notifications import free_port
from tests.support.servers import Process, python_argv, wait_until

NOW = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)  # 10:00 WIB


def fired(database: Database) -> bool:
    with database.session() as session:
        entry = session.get(ScheduleEntry, "deliver-due", populate_existing=True)
        return entry is not None and entry.last_run_at is not None


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
        "beat",
        python_argv("-m", "services.platform.cli", "notifications-beat"),
        env,
        tmp_path / "beat.log",
    ).start()
    try:
        wait_until(lambda: fired(database), timeout=60, what="the beat to fire deliver-due")
    finally:
        beat_process.stop()
    assert beat_process.popen is not None
    assert beat_process.popen.returncode == 0, beat_process.tail()
