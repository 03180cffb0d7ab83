"""The admin's view of what could not be delivered: failed notifications (e-mail, then webhook)
with the server's last answer, and every attempt of one notification."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from services.notifications.errors import Forbidden
from services.notifications.models import Delivery, Notification, Status, WebhookDelivery
from shared.web import paging
from shared.web.paging import Page, Window

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


def failed(session: Session, window: Window, *, clamp: bool = True) -> Page[Failed]:
    """One page of the failed deliveries: e-mails, then webhook posts, each newest first, with
    the last answer. The two lists are read as one: a page may end the e-mails and start the
    webhooks, and each table is asked only for the rows the page shows."""
    mail = select(Notification).where(Notification.status == Status.FAILED)
    hooks = (
        select(WebhookDelivery, Notification)
        .join(Notification, Notification.id == WebhookDelivery.notification_id)
        .where(WebhookDelivery.status == Status.FAILED)
    )
    mails = _count(session, mail)
    total = mails + _count(session, hooks)
    at = paging.settle(window, total, clamp)
    size = max(min(at.per_page, total - at.offset), 0)
    rows = failed_mail(session, mail, at.offset, min(size, max(mails - at.offset, 0)))
    rows += failed_webhooks(session, hooks, max(at.offset - mails, 0), size - len(rows))
    return Page(rows, total, at.page, at.per_page)


def _count(session: Session, query: Select[*tuple[Any, ...]]) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def failed_webhooks(
    session: Session, query: Select[*tuple[Any, ...]], offset: int, limit: int
) -> list[Failed]:
    """Failed webhook posts, newest first."""
    if limit <= 0:
        return []
    rows = session.execute(
        query.order_by(WebhookDelivery.id.desc()).offset(offset).limit(limit)
    ).all()
    return [
        Failed(n.id, n.kind, n.recipient_email, n.subject, w.attempts, w.last_error or "",
               _last_attempt(session, n.id, "webhook"), "webhook")
        for w, n in rows
    ]  # fmt: skip


def failed_mail(
    session: Session, query: Select[*tuple[Any, ...]], offset: int, limit: int
) -> list[Failed]:
    """Failed e-mails, newest first."""
    if limit <= 0:
        return []
    rows = session.scalars(query.order_by(Notification.id.desc()).offset(offset).limit(limit))
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
