"""The admin's view of what could not be delivered: failed notifications (e-mail, then webhook)
with the server's last answer, and every attempt of one notification."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.notifications.errors import Forbidden
from services.notifications.models import Delivery, Notification, Status, WebhookDelivery

ADMIN = "admin"


def authorize(role: str) -> None:
    """Failed deliveries are the admin's to see: `Forbidden` for anyone else."""
    if role != ADMIN:
        raise Forbidden("failed deliveries")


@dataclass(frozen=True)
class Failed:
    id: int
    kind: str
    recipient_email: str
    subject: str
    attempts: int
    server_answer: str
    last_attempt_at: datetime | None
    channel: str


def failed(session: Session, limit: int = 200) -> list[Failed]:
    """Failed deliveries (e-mail, then webhook), newest first, with the last answer."""
    return [*failed_mail(session, limit), *failed_webhooks(session, limit)]


def failed_webhooks(session: Session, limit: int) -> list[Failed]:
    """Failed webhook posts, newest first."""
    rows = session.execute(
        select(WebhookDelivery, Notification)
        .join(Notification, Notification.id == WebhookDelivery.notification_id)
        .where(WebhookDelivery.status == Status.FAILED)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    ).all()
    return [
        Failed(n.id, n.kind, n.recipient_email, n.subject, w.attempts, w.last_error or "",
               _last_attempt(session, n.id, "webhook"), "webhook")
        for w, n in rows
    ]  # fmt: skip


def failed_mail(session: Session, limit: int) -> list[Failed]:
    """Failed e-mails, newest first."""
    rows = session.scalars(
        select(Notification)
        .where(Notification.status == Status.FAILED)
        .order_by(Notification.id.desc())
        .limit(limit)
    ).all()
    return [
        Failed(n.id, n.kind, n.recipient_email, n.subject, n.attempts, n.last_error or "",
               _last_attempt(session, n.id, "email"), "email")
        for n in rows
    ]  # fmt: skip


def _last_attempt(session: Session, notification_id: int, channel: str) -> datetime | None:
    return session.scalar(
        select(Delivery.at)
        .where(Delivery.notification_id == notification_id, Delivery.channel == channel)
        .order_by(Delivery.id.desc())
        .limit(1)
    )


def attempts(session: Session, notification_id: int) -> list[tuple[datetime, str, str, str]]:
    """Every attempt of one notification: (time, channel, outcome, server answer)."""
    rows = session.execute(
        select(Delivery.at, Delivery.channel, Delivery.outcome, Delivery.server_answer)
        .where(Delivery.notification_id == notification_id)
        .order_by(Delivery.id)
    )
    return [(at, channel, outcome, answer) for at, channel, outcome, answer in rows]
