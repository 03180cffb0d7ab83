"""The notifications service's tables, in its own MetaData."""

from __future__ import annotations

import enum
from datetime import datetime
from pathlib import Path

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.notifications.notices import Kind
from shared.db import UtcDateTime, make_metadata
from shared.directory import directory_tables
from shared.inbox import inbox_table
from shared.migrations import MigrationSet
from shared.outbox import outbox_tables, utcnow

__all__ = ["Kind"]


class Base(DeclarativeBase):
    metadata = make_metadata()


class Status(enum.StrEnum):
    PENDING = "pending"  # waiting for its first attempt, or for `next_attempt_at`
    SENDING = "sending"  # claimed by a worker; a crash leaves it here until the lease ends
    SENT = "sent"
    FAILED = "failed"  # refused for good (5xx), or still failing after the retry window
    OPTED_OUT = "opted_out"  # an optional notice its recipient turned off: in-app only


class Notification(Base):
    """One notice to one recipient about one event, rendered when it was queued. It is the
    in-app message (listed in the recipient's inbox) and, unless opted out, an e-mail.

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
    mandatory: Mapped[bool] = mapped_column(default=True)
    link: Mapped[str] = mapped_column(String(500), default="")  # path of the object it is about
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # A stored document to attach (the evaluator's letter of assignment), by content hash.
    attachment_sha256: Mapped[str | None] = mapped_column(String(64))
    attachment_name: Mapped[str | None] = mapped_column(String(120))


class Delivery(Base):
    """One attempt to hand a notification over (mail server or webhook), and the answer."""

    __tablename__ = "notification_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    outcome: Mapped[str] = mapped_column(String(20))  # "sent", "transient", "permanent"
    server_answer: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(10), default="email")


class OptOut(Base):
    """A user turned off one optional kind of notice (mandatory kinds cannot be)."""

    __tablename__ = "notification_opt_outs"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Activity(Base):
    """What the admin's daily digest reports, as heard from events (one row per event)."""

    __tablename__ = "notification_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    topic: Mapped[str] = mapped_column(String(30), index=True)  # "new_submission", …
    proposal_id: Mapped[int | None]
    title: Mapped[str] = mapped_column(String(300))
    value: Mapped[float | None] = mapped_column(
        Float
    )  # a disagreement's median, written in each reader's language
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)


class ScheduleEntry(Base):
    """One periodic task of the beat: its schedule lives here, not in code or memory, so it is
    changed with an UPDATE and survives restarts. `next_run_at` is claimed with a conditional
    UPDATE, so several beats fire each run once."""

    __tablename__ = "notification_schedule"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    task: Mapped[str] = mapped_column(String(100))
    every_seconds: Mapped[int]
    next_run_at: Mapped[datetime] = mapped_column(UtcDateTime())
    enabled: Mapped[bool] = mapped_column(default=True)
    last_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class WebhookDelivery(Base):
    """A notification's copy for the webhook channel: retried like mail, on its own."""

    __tablename__ = "notification_webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(10), default=Status.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


OUTBOX = outbox_tables(Base.metadata, "notifications", audit_columns=True)
INBOX = inbox_table(Base.metadata, "notifications")
# Accounts and agencies as identity announces them (shared.directory).
DIRECTORY = directory_tables(Base.metadata, "notifications")
MIGRATIONS = MigrationSet("notifications", Path(__file__).parent / "migrations", Base.metadata)
