"""Progress reports (laporan kemajuan): the admin's schedules, what each reader owes, a report
sent with its figures and evidence files, and the reminders (`innovation.report_due`).

A report adds a line to its innovation's history: kind "report", detail
`{"report_id": int, "schedule": str (the schedule's title), "by": str (who sent it)}`, shown
with the catalogue's `innovations.history.report` sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.innovations import evidence, reminders, report_forms, report_rules
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import Forbidden, Invalid, NotFound, TransitionRefused
from services.innovations.models import (
    Evidence,
    Innovation,
    ProgressReport,
    ReportFigure,
    ReportFile,
    ReportSchedule,
)
from services.innovations.registry import load, note, visible
from services.innovations.report_forms import Problems
from services.innovations.report_rules import Figure
from shared.web import paging
from shared.web.auth import CurrentUser

MAX_FILES = 10
REPORTERS = ("innovator", "operator")  # the innovation's team, or its agency's operator


@dataclass(frozen=True)
class Owed:
    schedule_id: int
    schedule_title: str
    innovation_id: int
    innovation_title: str
    due_on: date
    state: str  # report_rules.state: overdue, due_soon, upcoming


@dataclass(frozen=True)
class FileView:
    id: int
    filename: str
    size: int


@dataclass(frozen=True)
class ReportView:
    id: int
    innovation_id: int
    innovation_title: str
    schedule_id: int
    schedule_title: str
    due_on: date
    done: str
    beneficiaries: str
    figures: tuple[Figure, ...]
    files: tuple[FileView, ...]
    submitter_name: str
    submitted_at: datetime


# --- schedules (the admin) ----------------------------------------------------------------


def _admin(user: CurrentUser) -> None:
    if user.role != "admin":
        raise Forbidden()


def save_schedule(user: CurrentUser, data: report_forms.ScheduleData, now: datetime) -> int:
    """A new schedule; the reminders already due for it go at once (not at the next beat)."""
    _admin(user)
    with unit_of_work() as s:
        row = ReportSchedule(title=data.title, stage=data.stage, year=data.year,
                             due_on=data.due_on, remind_days=data.remind_days,
                             created_by=user.id)  # fmt: skip
        s.add(row)
        s.flush()
        reminders.remind(s, now, schedule_ids=(row.id,))
        return row.id


def schedules(user: CurrentUser, window: paging.Window) -> paging.Page[ReportSchedule]:
    _admin(user)
    with unit_of_work() as s:
        query = select(ReportSchedule).order_by(ReportSchedule.due_on.desc(),
                                                ReportSchedule.id.desc())  # fmt: skip
        found = paging.paginate(s, query, window)
        s.expunge_all()
        return found


def tally(user: CurrentUser, rows: Sequence[ReportSchedule]) -> dict[int, tuple[int, int]]:
    """Per schedule: how many reports were sent, and how many innovations still owe one (none
    for a closed schedule)."""
    _admin(user)
    found: dict[int, tuple[int, int]] = {}
    with unit_of_work() as s:
        for row in rows:
            sent = s.scalar(select(func.count()).where(ProgressReport.schedule_id == row.id))
            owing = 0
            if row.active:
                owing = s.scalar(
                    select(func.count())
                    .select_from(Innovation)
                    .where(Innovation.stage.in_(report_rules.stages_of(row.stage)))
                    .where(~exists().where(ProgressReport.innovation_id == Innovation.id,
                                           ProgressReport.schedule_id == row.id))
                ) or 0  # fmt: skip
            found[row.id] = (sent or 0, owing)
    return found


def schedule_of(user: CurrentUser, schedule_id: int) -> ReportSchedule:
    """One schedule, for the admin (closed ones too)."""
    _admin(user)
    with unit_of_work() as s:
        row = s.get(ReportSchedule, schedule_id)
        if row is None:
            raise NotFound("innovations.reports.schedule_not_found")
        s.expunge(row)
        return row


def close_schedule(user: CurrentUser, schedule_id: int) -> str:
    """Close a schedule: no more reminders, owed by nobody; the reports sent for it stay.
    Returns its title; closing a closed one changes nothing."""
    _admin(user)
    with unit_of_work() as s:
        row = s.get(ReportSchedule, schedule_id)
        if row is None:
            raise NotFound("innovations.reports.schedule_not_found")
        row.active = False
        return row.title


def _schedule(s: Session, schedule_id: int) -> ReportSchedule:
    row = s.get(ReportSchedule, schedule_id)
    if row is None or not row.active:
        raise NotFound("innovations.reports.schedule_not_found")
    return row


def _reported(s: Session, innovation_id: int, schedule_id: int) -> int | None:
    return s.scalar(
        select(ProgressReport.id).where(
            ProgressReport.innovation_id == innovation_id,
            ProgressReport.schedule_id == schedule_id,
        )
    )


# --- what a reader owes ---------------------------------------------------------------------


def owed(user: CurrentUser, today: date, window: paging.Window) -> paging.Page[Owed]:
    """The reports the user's innovations owe, the soonest due first."""
    with unit_of_work() as s:
        mine = visible(user).subquery()
        rows = s.execute(
            select(ReportSchedule, mine.c.id, mine.c.title, mine.c.stage)
            .join(mine, mine.c.stage.in_(report_rules.REPORTING_STAGES))
            .where(ReportSchedule.active.is_(True))
            .where(~exists().where(ProgressReport.innovation_id == mine.c.id,
                                   ProgressReport.schedule_id == ReportSchedule.id))
            .order_by(ReportSchedule.due_on, ReportSchedule.id, mine.c.id)
        ).all()  # fmt: skip
        found = [
            Owed(sch.id, sch.title, iid, title, sch.due_on,
                 report_rules.state(today, sch.due_on, sch.remind_days))
            for sch, iid, title, stage in rows
            if report_rules.owes(stage, sch.stage, reported=False)
        ]  # fmt: skip
    return paging.slice_page(found, window)


def form_of(user: CurrentUser, innovation_id: int, schedule_id: int) -> tuple[str, ReportSchedule]:
    """The innovation's title and the schedule a new report answers; refused when the user may
    not report for it or it was already sent."""
    with unit_of_work() as s:
        row, schedule = _reportable(s, user, innovation_id, schedule_id)
        s.expunge(schedule)
        return row.title, schedule


def _reportable(
    s: Session, user: CurrentUser, innovation_id: int, schedule_id: int, *, named: bool = False
) -> tuple[Innovation, ReportSchedule]:
    """The innovation and the schedule a report answers, once the user may send it. With
    `named` (a schedule named in a body, not in the address), an unknown one is bad input."""
    row = load(s, innovation_id, user)
    if user.role not in REPORTERS:
        raise Forbidden("innovations.reports.team_only")
    row = load(s, innovation_id, user, edit=True)
    try:
        schedule = _schedule(s, schedule_id)
    except NotFound as exc:
        if named:
            raise Invalid(problems={"schedule_id": (exc.key, {})}) from None
        raise
    if row.stage not in report_rules.stages_of(schedule.stage):
        raise TransitionRefused("innovations.reports.not_for_stage")
    if _reported(s, innovation_id, schedule_id) is not None:
        raise TransitionRefused("innovations.reports.already_sent")
    return row, schedule


# --- a report -------------------------------------------------------------------------------


def hold(
    user: CurrentUser, innovation_id: int, schedule_id: int, files: Sequence[tuple[str, bytes]]
) -> tuple[list[FileView], Problems]:
    """Keep the files of a report being written (each checked; a bad one named in the problems),
    so that a form shown again with its errors loses none: `submit` links them by id."""
    kept: list[FileView] = []
    problems: Problems = {}
    with unit_of_work() as s:
        row, _ = _reportable(s, user, innovation_id, schedule_id)
        for name, data in files:
            if not name and not data:
                continue  # an empty file input
            try:
                with s.begin_nested():
                    e = evidence.keep(s, area="report", filename=name, data=data, field="files",
                                      innovation_id=row.id, user_id=user.id)  # fmt: skip
                kept.append(FileView(e.id, e.filename, e.size))
            except Invalid as exc:
                problems.update(exc.problems)
    return kept, problems


def held(user: CurrentUser, innovation_id: int, ids: Iterable[int]) -> list[FileView]:
    """The files this user kept for a report of the innovation not sent yet, among `ids`."""
    with unit_of_work() as s:
        return [FileView(e.id, e.filename, e.size) for e in _held(s, user, innovation_id, ids)]


def _held(s: Session, user: CurrentUser, innovation_id: int, ids: Iterable[int]) -> list[Evidence]:
    wanted = sorted({i for i in ids if i > 0})[: MAX_FILES + 1]
    if not wanted:
        return []
    return list(s.scalars(
        select(Evidence).where(
            Evidence.id.in_(wanted), Evidence.innovation_id == innovation_id,
            Evidence.area == "report", Evidence.uploaded_by == user.id,
            ~exists().where(ReportFile.evidence_id == Evidence.id),
        ).order_by(Evidence.id)
    ))  # fmt: skip


def submit(
    user: CurrentUser,
    innovation_id: int,
    schedule_id: int,
    data: report_forms.ReportData,
    kept_ids: Iterable[int] = (),
    *,
    named: bool = False,
) -> int:
    """Send a report: its figures, the files `hold` kept for it, a line in the history."""
    problems = report_forms.report(data.done, data.beneficiaries, data.figures)
    if not data.figures:
        problems["figures"] = ("innovations.reports.figures_required", {})
    if problems:
        raise Invalid(problems=problems)
    with unit_of_work() as s:
        row, schedule = _reportable(s, user, innovation_id, schedule_id, named=named)
        files = _held(s, user, row.id, kept_ids)
        if len(files) > MAX_FILES:
            raise Invalid(problems={"files": ("innovations.reports.files_too_many",
                                              {"limit": MAX_FILES})})  # fmt: skip
        report = ProgressReport(innovation_id=row.id, schedule_id=schedule.id, done=data.done,
                                beneficiaries=data.beneficiaries, submitted_by=user.id,
                                submitter_name=user.name)  # fmt: skip
        s.add(report)
        try:
            s.flush()
        except IntegrityError:  # the same report sent twice at once: the first stands
            raise TransitionRefused("innovations.reports.already_sent") from None
        for n, f in enumerate(data.figures):
            s.add(ReportFigure(report_id=report.id, position=n, label=f.label, value=f.value,
                               unit=f.unit))  # fmt: skip
        for e in files:
            s.add(ReportFile(report_id=report.id, evidence_id=e.id))
        note(s, row.id, "report", {"report_id": report.id, "schedule": schedule.title,
                                   "by": user.name}, actor_id=user.id)  # fmt: skip
        return report.id


def _view(s: Session, report: ProgressReport, title: str) -> ReportView:
    schedule = s.get(ReportSchedule, report.schedule_id)
    figures = s.scalars(select(ReportFigure).where(ReportFigure.report_id == report.id)
                        .order_by(ReportFigure.position))  # fmt: skip
    files = s.scalars(select(Evidence).join(ReportFile, ReportFile.evidence_id == Evidence.id)
                      .where(ReportFile.report_id == report.id).order_by(Evidence.id))  # fmt: skip
    return ReportView(
        report.id, report.innovation_id, title, report.schedule_id,
        schedule.title if schedule else "", schedule.due_on if schedule else date.min,
        report.done, report.beneficiaries,
        tuple(Figure(f.label, f.value, f.unit) for f in figures),
        tuple(FileView(f.id, f.filename, f.size) for f in files),
        report.submitter_name, report.submitted_at,
    )  # fmt: skip


def get(user: CurrentUser, innovation_id: int, report_id: int) -> ReportView:
    with unit_of_work() as s:
        row = load(s, innovation_id, user)
        report = s.get(ProgressReport, report_id)
        if report is None or report.innovation_id != row.id:
            raise NotFound()
        return _view(s, report, row.title)


def of_innovation(user: CurrentUser, innovation_id: int) -> list[ReportView]:
    """Every report of the innovation, the latest first."""
    with unit_of_work() as s:
        row = load(s, innovation_id, user)
        found = s.scalars(select(ProgressReport).where(ProgressReport.innovation_id == row.id)
                          .order_by(ProgressReport.submitted_at.desc(),
                                    ProgressReport.id.desc()))  # fmt: skip
        return [_view(s, r, row.title) for r in found]


def opened_file(
    user: CurrentUser, innovation_id: int, report_id: int, evidence_id: int
) -> evidence.Opened:
    """A report's evidence file, for whoever may read the innovation."""
    with unit_of_work() as s:
        row = load(s, innovation_id, user)
        found = s.scalar(
            select(Evidence).join(ReportFile, ReportFile.evidence_id == Evidence.id)
            .join(ProgressReport, ProgressReport.id == ReportFile.report_id)
            .where(ReportFile.report_id == report_id, Evidence.id == evidence_id,
                   ProgressReport.innovation_id == row.id)
        )  # fmt: skip
        if found is None:
            raise NotFound()
        return evidence.opened(found)
