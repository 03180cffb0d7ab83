"""Progress-report reminders (issue 24): the innovations beat fires its daily scan at 07:00
Jakarta time, only in a worker of the innovations queue; the scan publishes
`innovation.report_due` once per schedule, innovation and step, to the team, and never for a
report already sent or an innovation at another stage."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from services.innovations import reminders
from services.innovations.beat import BEAT, REMINDERS_TASK
from services.innovations.models import (
    OUTBOX,
    Base,
    Innovation,
    InnovationMember,
    ProgressReport,
    ReportSchedule,
)
from shared.db import Database
from shared.events import Envelope, ReportDue

DUE = date(2027, 6, 30)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database("innovations", f"sqlite:///{tmp_path / 'innovations.db'}")
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def at_wib(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour - 7, tzinfo=UTC)


def published(db: Database) -> list[ReportDue]:
    with db.session() as s:
        wires = s.scalars(select(OUTBOX.events.c.envelope).order_by(OUTBOX.events.c.created_at))
        events = [Envelope.model_validate_json(w).open() for w in wires]
    return [e for e in events if isinstance(e, ReportDue)]


def seed(db: Database, stage: str = "penerapan") -> tuple[int, int]:
    with db.session() as s:
        row = Innovation(title=f"Sehat {stage}", title_key=f"sehat {stage}", opd_code="dinkes",
                         stage=stage)  # fmt: skip
        schedule = ReportSchedule(title="Laporan tahunan penerapan 2027", stage="penerapan",
                                  year=2027, due_on=DUE, remind_days=7)  # fmt: skip
        s.add_all([row, schedule])
        s.flush()
        s.add(InnovationMember(innovation_id=row.id, user_id=7, name="Ani",
                               email="ani@sipinda.test", role="ketua"))  # fmt: skip
        return row.id, schedule.id


def remind(db: Database, day: date) -> int:
    with db.session() as s:
        return reminders.remind(s, at_wib(day))


def test_each_reminder_goes_once_before_then_after_the_due_date(db: Database) -> None:
    innovation_id, schedule_id = seed(db)
    assert remind(db, date(2027, 6, 22)) == 0  # eight days before: nothing yet
    assert remind(db, date(2027, 6, 23)) == 1  # seven days before
    assert remind(db, date(2027, 6, 23)) == 0  # the same day again (a second beat, a restart)
    assert remind(db, DUE) == 0  # still the same step
    assert remind(db, date(2027, 7, 1)) == 1  # the day after: overdue
    assert remind(db, date(2027, 7, 7)) == 0
    assert remind(db, date(2027, 7, 8)) == 1  # a week later
    sent = published(db)
    assert [(e.step, e.overdue) for e in sent] == [(0, False), (1, True), (2, True)]
    first = sent[0]
    assert (first.innovation_id, first.schedule_id, first.due_on) == (innovation_id, schedule_id,
                                                                      DUE)  # fmt: skip
    assert [p.email for p in first.team] == ["ani@sipinda.test"]
    assert first.report_path == f"/innovations/{innovation_id}/reports/new?schedule={schedule_id}"


def test_nothing_for_a_report_sent_or_another_stage(db: Database) -> None:
    innovation_id, schedule_id = seed(db)
    with db.session() as s:
        s.add(Innovation(title="Uji", title_key="uji", opd_code="dinkes", stage="uji_coba"))
        s.add(ProgressReport(innovation_id=innovation_id, schedule_id=schedule_id, done="ok"))
    assert remind(db, DUE) == 0
    assert published(db) == []


def test_the_jakarta_date_decides_the_day(db: Database) -> None:
    seed(db)
    with db.session() as s:  # 16:59 UTC on the 22nd is 23:59 WIB: still the 22nd
        assert reminders.remind(s, datetime(2027, 6, 22, 16, 59, tzinfo=UTC)) == 0
    with db.session() as s:  # 17:00 UTC is midnight of the 23rd in Cilegon
        assert reminders.remind(s, datetime(2027, 6, 22, 17, 0, tzinfo=UTC)) == 1


def worker(*queues: str) -> Any:
    return SimpleNamespace(app=SimpleNamespace(amqp=SimpleNamespace(queues=SimpleNamespace(
        consume_from={q: None for q in queues}))))  # fmt: skip


def test_the_beat_fires_the_scan_daily_at_seven_in_jakarta(db: Database) -> None:
    now = datetime(2027, 6, 22, 3, 0, tzinfo=UTC)  # 10:00 WIB: the next scan is tomorrow 07:00
    BEAT.ensure_schedule(db, now)
    sent: list[str] = []
    assert BEAT.tick(db, sent.append, now) == []
    seven = datetime(2027, 6, 23, 0, 0, tzinfo=UTC)  # 07:00 WIB
    assert BEAT.tick(db, sent.append, seven) == ["report-reminders"]
    assert BEAT.tick(db, sent.append, seven) == []
    assert sent == [REMINDERS_TASK]
    opened: list[str] = []

    def database() -> Database:
        opened.append("innovations")
        return db

    assert BEAT.start_in_worker(worker("review", "documents"), "innovations", database,
                                lambda: None) is None  # fmt: skip
    assert opened == []
