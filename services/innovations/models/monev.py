"""Monitoring and evaluation (monev): the admin's monitoring teams of a year, the innovations
assigned to each, and the visits their members record."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.innovations.models.base import Base
from shared.db import UtcDateTime
from shared.outbox import utcnow


class MonitoringTeam(Base):
    """A monitoring team of a year (Cilegon had five in 2023)."""

    __tablename__ = "innovation_monitoring_teams"
    __table_args__ = (UniqueConstraint("year", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer, index=True)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class MonitoringTeamMember(Base):
    """A member of a monitoring team: an account with the role verifier, evaluator or admin;
    the name and agency as the directory knew them when the team was formed."""

    __tablename__ = "innovation_monitoring_members"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("innovation_monitoring_teams.id"), index=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    opd_code: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20), default="anggota")  # ketua / anggota


class MonitoringAssignment(Base):
    """An innovation a team must visit: one team per innovation and year."""

    __tablename__ = "innovation_monitoring_assignments"
    __table_args__ = (UniqueConstraint("innovation_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("innovation_monitoring_teams.id"), index=True)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    assigned_by: Mapped[int | None] = mapped_column(Integer)
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class MonitoringVisit(Base):
    """A visit a member recorded: where and when, what was found (temuan), what is recommended
    (rekomendasi) and by when it should be followed up. Its photos are `Evidence` rows of area
    "visit" listed in `photo_ids`."""

    __tablename__ = "innovation_monitoring_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("innovation_monitoring_teams.id"), index=True)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    visited_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300))
    findings: Mapped[str] = mapped_column(Text)
    recommendations: Mapped[str] = mapped_column(Text)
    follow_up_by: Mapped[date | None] = mapped_column(Date)
    photo_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    recorded_by: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The monev report once documents has rendered it (from its document.ready).
    document_path: Mapped[str | None] = mapped_column(String(200))
    document_number: Mapped[str | None] = mapped_column(String(120))
