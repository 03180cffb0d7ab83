"""Progress reports (laporan kemajuan): the admin's schedules of when each is due, the reports
the innovations' teams send, their figures and files, the reminders sent (each once), and the
innovations beat's own schedule of periodic jobs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.innovations.models.base import Base
from shared.beat import schedule_table
from shared.db import UtcDateTime
from shared.outbox import utcnow

# The innovations beat's periodic jobs (shared/beat.py): the daily reminder scan.
SCHEDULE = schedule_table(Base.metadata, "innovation_beat_schedule")


class ReportSchedule(Base):
    """When a report is due: every innovation at `stage` owes one by `due_on` (a Jakarta
    date); its team is reminded `remind_days` before, then the day after and weekly after."""

    __tablename__ = "innovation_report_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(20), index=True)
    year: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    remind_days: Mapped[int] = mapped_column(Integer, default=7)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ProgressReport(Base):
    """One report of an innovation for one schedule (a second for the same schedule is
    refused: the first stands)."""

    __tablename__ = "innovation_reports"
    __table_args__ = (UniqueConstraint("innovation_id", "schedule_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("innovation_report_schedules.id"))
    done: Mapped[str] = mapped_column(Text)  # what was done in the period
    beneficiaries: Mapped[str] = mapped_column(Text, default="")
    submitted_by: Mapped[int | None] = mapped_column(Integer)
    submitter_name: Mapped[str] = mapped_column(String(200), default="")
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ReportFigure(Base):
    """One figure of a report: "Warga terlayani" 1.250 "orang" (the value as the team wrote
    it: Indonesian and English write numbers differently, and a figure may be "± 2")."""

    __tablename__ = "innovation_report_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("innovation_reports.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(40), default="")


class ReportFile(Base):
    """A file kept as evidence of a report (the file itself is an `Evidence`, area "report")."""

    __tablename__ = "innovation_report_files"

    report_id: Mapped[int] = mapped_column(ForeignKey("innovation_reports.id"), primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("innovation_evidence.id"), primary_key=True)


class ReminderSent(Base):
    """A reminder published: once per schedule, innovation and step (0 before the due date,
    1 the day after it, 2 a week later …), whatever the beat's restarts."""

    __tablename__ = "innovation_report_reminders"
    __table_args__ = (UniqueConstraint("schedule_id", "innovation_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("innovation_report_schedules.id"))
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"))
    step: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
