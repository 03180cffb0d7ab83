"""An innovation's stage changes: each stage reached, its day, who recorded it and the signed
berita acara kept as evidence."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.innovations.models.base import Base
from shared.db import UtcDateTime
from shared.outbox import utcnow


class InnovationStage(Base):
    """One stage reached (uji coba, penerapan) with its day and its signed berita acara."""

    __tablename__ = "innovation_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    previous: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column(Date)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("innovation_evidence.id"))
    recorded_by: Mapped[int | None] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
