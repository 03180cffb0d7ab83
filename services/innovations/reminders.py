"""Progress-report reminders: `innovation.report_due` for every reminder due today and not
sent yet (`report_rules` says which step is due), each schedule, innovation and step once, to the
innovation's team as the directory knows them (their language, their address)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.innovations import report_rules
from services.innovations.models import (
    DIRECTORY,
    OUTBOX,
    Innovation,
    InnovationMember,
    ProgressReport,
    ReminderSent,
    ReportSchedule,
)
from shared import directory
from shared.events import Person, ReportDue
from shared.outbox import publish


def _team(s: Session, innovation_ids: Iterable[int]) -> dict[int, list[Person]]:
    members = list(s.scalars(select(InnovationMember).where(
        InnovationMember.innovation_id.in_(list(innovation_ids)),
        InnovationMember.user_id.is_not(None))))  # fmt: skip
    accounts = directory.people(s, DIRECTORY, [m.user_id for m in members if m.user_id])
    team: dict[int, list[Person]] = {}
    for m in members:
        known = accounts.get(m.user_id or 0)
        if known is not None and not known.active:
            continue
        email = m.email or (known.email if known else "")
        if not email or m.user_id is None:
            continue
        team.setdefault(m.innovation_id, []).append(
            Person(id=m.user_id, name=m.name, email=email,
                   language=known.language if known else "id")
        )  # fmt: skip
    return team


def remind(s: Session, now: datetime, schedule_ids: Sequence[int] | None = None) -> int:
    """Publish `innovation.report_due` for every reminder due today and not sent yet (each
    schedule, innovation and step once); returns how many were published."""
    today = report_rules.today_in_jakarta(now)
    query = select(ReportSchedule).where(ReportSchedule.active.is_(True))
    if schedule_ids is not None:
        query = query.where(ReportSchedule.id.in_(schedule_ids))
    sent = 0
    for schedule in s.scalars(query).all():
        step = report_rules.step_on(today, schedule.due_on, schedule.remind_days)
        if step is None:
            continue
        owing = s.scalars(
            select(Innovation)
            .where(Innovation.stage.in_(report_rules.stages_of(schedule.stage)))
            .where(~exists().where(ProgressReport.innovation_id == Innovation.id,
                                   ProgressReport.schedule_id == schedule.id))
            .where(~exists().where(ReminderSent.innovation_id == Innovation.id,
                                   ReminderSent.schedule_id == schedule.id,
                                   ReminderSent.step == step))
            .order_by(Innovation.id)
        ).all()  # fmt: skip
        team = _team(s, [i.id for i in owing])
        for innovation in owing:
            try:
                with s.begin_nested():
                    s.add(ReminderSent(schedule_id=schedule.id, innovation_id=innovation.id,
                                       step=step))  # fmt: skip
            except IntegrityError:  # another beat sent it first
                continue
            publish(s, OUTBOX, ReportDue(
                schedule_id=schedule.id, innovation_id=innovation.id, title=innovation.title,
                schedule_title=schedule.title, opd_code=innovation.opd_code,
                due_on=schedule.due_on, overdue=step > 0, step=step,
                report_path=f"/innovations/{innovation.id}/reports/new?schedule={schedule.id}",
                team=tuple(team.get(innovation.id, ())),
            ))  # fmt: skip
            sent += 1
    return sent
