"""The in-app inbox and the preferences: a user's notices, unread count, mark read, opt-outs.

Every notification is listed in its recipient's inbox, whatever became of its e-mail, so a mail
the server refused (or one the user turned off) is still read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from services.notifications import notices
from services.notifications.models import (
    Delivery,
    Notification,
    OptOut,
    Status,
    WebhookDelivery,
)
from shared.outbox import utcnow


@dataclass(frozen=True)
class Item:
    id: int
    kind: str
    subject: str
    text: str
    link: str
    created_at: datetime
    read: bool
    mandatory: bool
    email_status: str


def items(
    session: Session, user_id: int, *, unread_only: bool = False, limit: int = 50
) -> list[Item]:
    query = select(Notification).where(Notification.recipient_user_id == user_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    rows = session.scalars(query.order_by(Notification.id.desc()).limit(limit))
    return [
        Item(n.id, n.kind, n.subject, n.body_text, n.link, n.created_at, n.read_at is not None,
             n.mandatory, n.status)
        for n in rows
    ]  # fmt: skip


def unread(session: Session, user_id: int) -> int:
    count = session.scalar(
        select(func.count(Notification.id)).where(
            Notification.recipient_user_id == user_id, Notification.read_at.is_(None)
        )
    )
    return int(count or 0)


def mark_read(session: Session, user_id: int, notification_id: int | None = None) -> int:
    """Marks one (or, without an id, every) notice of the user read; returns how many changed.
    Someone else's notice is never touched: 0, as for one that does not exist."""
    query = update(Notification).where(
        Notification.recipient_user_id == user_id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    done = session.execute(
        query.values(read_at=utcnow()).execution_options(synchronize_session=False)
    )
    return int(done.rowcount)  # type: ignore[attr-defined]


def owns(session: Session, user_id: int, notification_id: int) -> bool:
    found = session.scalar(
        select(Notification.id).where(
            Notification.id == notification_id, Notification.recipient_user_id == user_id
        )
    )
    return found is not None


class MandatoryNotice(ValueError):  # noqa: N818 - a refusal, named for what is refused
    """A mandatory notice cannot be turned off."""


def preferences(session: Session, user_id: int) -> dict[str, bool]:
    """Every kind of notice and whether the user gets it by e-mail."""
    off = set(session.scalars(select(OptOut.kind).where(OptOut.user_id == user_id)))
    return {kind.value: kind.value not in off for kind in notices.Kind}


def set_preference(session: Session, user_id: int, kind: str, enabled: bool) -> None:
    """Raises `KeyError` for an unknown kind, `MandatoryNotice` to turn a mandatory one off."""
    if kind not in {k.value for k in notices.Kind}:
        raise KeyError(kind)
    if notices.mandatory(kind):
        if not enabled:
            raise MandatoryNotice(kind)
        return
    present = session.scalar(
        select(OptOut.id).where(OptOut.user_id == user_id, OptOut.kind == kind)
    )
    if enabled and present is not None:
        session.execute(delete(OptOut).where(OptOut.id == present))
    elif not enabled and present is None:
        session.add(OptOut(user_id=user_id, kind=kind))
        session.flush()


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
