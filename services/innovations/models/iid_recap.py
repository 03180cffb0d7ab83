"""The IID recap PDFs made for a year: documents renders each from `iid.recap_requested`, and
its `document.ready` is kept here (a year's recap is the region's, not an innovation's history)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.innovations.models.base import Base
from shared.db import UtcDateTime
from shared.outbox import utcnow


class IidRecap(Base):
    """One recap PDF of a year, as documents announced it (a newer revision is a new row)."""

    __tablename__ = "innovation_iid_recaps"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    document_id: Mapped[int] = mapped_column(Integer, unique=True)
    number: Mapped[str] = mapped_column(String(120), default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    download_path: Mapped[str] = mapped_column(String(300))
    made_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
