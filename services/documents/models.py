"""The documents service's tables: one row per rendered file, plus its outbox and inbox."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import JSON, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.db import UtcDateTime, make_metadata
from shared.inbox import inbox_table
from shared.migrations import MigrationSet
from shared.outbox import outbox_tables, utcnow


class Base(DeclarativeBase):
    metadata = make_metadata()


class Document(Base):
    """A rendered, stored PDF and who may read it.

    One per (kind, proposal, version): the unique constraint is what makes a redelivered or
    concurrent event unable to create a second dossier. Readers are kept here, from the event,
    because this service may not ask review who the evaluators are.
    """

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("kind", "proposal_id", "version_no"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    proposal_id: Mapped[int] = mapped_column(index=True)
    version_no: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    storage_key: Mapped[str] = mapped_column(String(200))
    size_bytes: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    owner_user_id: Mapped[int] = mapped_column(index=True)
    owner_opd_code: Mapped[str] = mapped_column(String(80), index=True)
    # Evaluators assigned to the proposal: confidential, never printed, allowed to read.
    reader_user_ids: Mapped[list[int]] = mapped_column(JSON, default=list)


OUTBOX = outbox_tables(Base.metadata, "documents")
INBOX = inbox_table(Base.metadata, "documents")
MIGRATIONS = MigrationSet("documents", Path(__file__).parent / "migrations", Base.metadata)
