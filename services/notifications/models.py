"""The notifications service's tables, in its own MetaData."""

from __future__ import annotations

import enum
from datetime import datetime
from pathlib import Path

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.db import UtcDateTime, make_metadata
from shared.inbox import inbox_table
from shared.migrations import MigrationSet
from shared.outbox import outbox_tables, utcnow


class Base(DeclarativeBase):
    metadata = make_metadata()


class Status(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a worker; a crash leaves it here until the lease ends
    SENT = "sent"
    FAILED = "failed"  # the server refused it for good (5xx); never retried


class Kind(enum.StrEnum):
    EVALUATOR_ASSIGNED = "evaluator_assigned"
    DOSSIER_READY = "dossier_ready"


class Notification(Base):
    """One message to one recipient about one event, rendered when it was queued.

    The content is stored, not re-rendered at send time, so a retry sends exactly what was
    queued and the record shows what the recipient received.
    """

    __tablename__ = "notifications"
    # One event never makes two notifications of one kind for one recipient, whatever the
    # number of deliveries or workers.
    __table_args__ = (UniqueConstraint("event_id", "recipient_email", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    recipient_user_id: Mapped[int | None] = mapped_column(index=True)
    recipient_email: Mapped[str] = mapped_column(String(254))
    recipient_name: Mapped[str] = mapped_column(String(200))
    recipient_role: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5), default="id")
    proposal_id: Mapped[int | None] = mapped_column(index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=Status.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Needs the id, so it is set right after the insert, in the same transaction.
    message_id: Mapped[str | None] = mapped_column(String(250))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Delivery(Base):
    """One attempt to hand a notification to the mail server, and what the server said."""

    __tablename__ = "notification_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    outcome: Mapped[str] = mapped_column(String(20))  # "sent", "transient", "permanent"
    server_answer: Mapped[str] = mapped_column(Text, default="")


OUTBOX = outbox_tables(Base.metadata, "notifications")
INBOX = inbox_table(Base.metadata, "notifications")
MIGRATIONS = MigrationSet("notifications", Path(__file__).parent / "migrations", Base.metadata)
