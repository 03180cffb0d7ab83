"""An innovation, its links to the proposals that entered calls, its team, its history and the
files kept as its evidence."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.innovations.models.base import Base
from shared.db import UtcDateTime
from shared.outbox import utcnow

STAGES = ("inisiatif", "uji_coba", "penerapan")


class Innovation(Base):
    """One innovation of the region, one record across the years (the profil inovasi)."""

    __tablename__ = "innovations"
    # One innovation per title in an agency: a proposal of the same title links to it, and two
    # consumers racing to create it cannot make two.
    __table_args__ = (UniqueConstraint("opd_code", "title_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    # The title folded for finding the same innovation again (case, spaces, punctuation).
    title_key: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    opd_code: Mapped[str] = mapped_column(String(40), index=True)
    opd_name: Mapped[str] = mapped_column(String(200), default="")
    initiator: Mapped[str] = mapped_column(String(60), default="")  # inisiator (DOMAIN §2)
    kind: Mapped[str] = mapped_column(String(20), default="")  # jenis: Digital / Non Digital
    form: Mapped[str] = mapped_column(String(120), default="")  # bentuk
    urusan: Mapped[list[str]] = mapped_column(JSON, default=list)
    theme: Mapped[str] = mapped_column(String(120), default="")  # tematik
    sdgs: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Everything else of the profile (tujuan, manfaat, hasil, rancang bangun …), by its key.
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    stage: Mapped[str] = mapped_column(String(20), default="inisiatif", index=True)
    started_on: Mapped[date | None] = mapped_column(Date)  # first year/day as an initiative
    trial_on: Mapped[date | None] = mapped_column(Date)  # waktu uji coba
    implemented_on: Mapped[date | None] = mapped_column(Date)  # waktu penerapan
    # Shown in the public catalogue only when the innovator (or an operator) says so; the
    # team's names only when they agreed to it as well.
    public: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    public_names: Mapped[bool] = mapped_column(Boolean, default=False)
    results: Mapped[str] = mapped_column(Text, default="")  # hasil, for the catalogue
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class InnovationProposal(Base):
    """A proposal submitted to a call, linked to its innovation: never to two."""

    __tablename__ = "innovation_proposals"

    proposal_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    call_id: Mapped[int | None] = mapped_column(Integer)
    call_name: Mapped[str] = mapped_column(String(200), default="")
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(300), default="")
    decision: Mapped[str | None] = mapped_column(String(20))
    # How the link was made: "created" (a new innovation from this proposal), "same_title"
    # (the agency's innovation of the same title), "merged" (an operator said so).
    linked_by: Mapped[str] = mapped_column(String(20), default="created")
    linked_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class InnovationCall(Base):
    """A call as `call.published` names it: pages and the catalogue say "KIPP 2027", not an id."""

    __tablename__ = "innovation_calls"

    call_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)


class InnovationMember(Base):
    """A person of the innovation's team."""

    __tablename__ = "innovation_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    role: Mapped[str] = mapped_column(String(20), default="anggota")  # ketua / anggota


class InnovationHistory(Base):
    """One line of the innovation's history: registered, linked to a proposal, a stage reached,
    a decision, a document, a report, a visit … `detail` holds what the line names."""

    __tablename__ = "innovation_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    event_id: Mapped[str | None] = mapped_column(String(36), unique=True)  # from an event: once


class Evidence(Base):
    """A file kept as evidence (bukti dukung, a photo of a visit, a berita acara …): checked as
    proposal attachments are, stored under a random name."""

    __tablename__ = "innovation_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    innovation_id: Mapped[int | None] = mapped_column(ForeignKey("innovations.id"), index=True)
    area: Mapped[str] = mapped_column(String(30))  # report, visit, iid, stage, region
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[int | None] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
