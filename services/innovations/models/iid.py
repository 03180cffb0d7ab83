"""The IID: each year's structure (one row per version, the structure as JSON), the answers
(the parameter an indicator reaches, for an innovation or for the region) with their status and
the verifier's reason, and the evidence files attached to each answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.innovations.models.base import Base
from shared.db import UtcDateTime
from shared.outbox import utcnow

REGION = "region"
# draft: saved, not yet sent; submitted: waiting for the verifier; accepted; returned (reason).
ANSWER_STATES = ("draft", "submitted", "accepted", "returned")


class IidStructure(Base):
    """One version of a year's structure: indicators, parameters, the formula's figures and the
    predikat bands. A change is a new version; the newest one scores the year."""

    __tablename__ = "innovation_iid_structures"
    __table_args__ = (UniqueConstraint("year", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class IidAnswer(Base):
    """The parameter one indicator reaches for one innovation (SID) or the region (SPD), under
    the structure version it was answered in."""

    __tablename__ = "innovation_iid_answers"
    # `unit` is "region" or the innovation's id as text: one answer per indicator and unit.
    __table_args__ = (UniqueConstraint("year", "unit", "indicator_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    unit: Mapped[str] = mapped_column(String(20))
    innovation_id: Mapped[int | None] = mapped_column(ForeignKey("innovations.id"), index=True)
    indicator_no: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    level: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why the verifier returned it
    answered_by: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    verified_by: Mapped[int | None] = mapped_column(Integer)
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class IidAnswerFile(Base):
    """An evidence file (bukti dukung) attached to an answer; several per answer."""

    __tablename__ = "innovation_iid_answer_files"
    __table_args__ = (UniqueConstraint("answer_id", "evidence_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("innovation_iid_answers.id"), index=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("innovation_evidence.id"))
