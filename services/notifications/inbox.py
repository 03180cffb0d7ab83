"""The in-app inbox: a user's notices, their unread count, marking them read.

Every notification is listed in its recipient's inbox, whatever became of its e-mail, so a mail
the server refused (or one the user turned off) is still read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from services.notifications.errors import NotFound
from services.notifications.models import Notification
from shared.outbox import utcnow
from shared.web.paging import Page, Window, paginate


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
    language: str = "id"  # what the notice is written in: the page marks it so


def items(
    session: Session,
    user_id: int,
    window: Window,
    *,
    unread_only: bool = False,
    clamp: bool = True,
) -> Page[Item]:
    """One page of the user's notices, newest first."""
    query = select(Notification).where(Notification.recipient_user_id == user_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    found = paginate(session, query.order_by(Notification.id.desc()), window, clamp=clamp)
    return found.map(
        lambda n: Item(n.id, n.kind, n.subject, n.body_text, n.link, n.created_at,
                       n.read_at is not None, n.mandatory, n.status, n.language or "id")
    )  # fmt: skip


def unread(session: Session, user_id: int) -> int:
    """How many of the user's notices are unread."""
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
    """Whether the notice is the user's."""
    found = session.scalar(
        select(Notification.id).where(
            Notification.id == notification_id, Notification.recipient_user_id == user_id
        )
    )
    return found is not None


def read(session: Session, user_id: int, notification_id: int) -> None:
    """Mark one of the user's notices read; `NotFound` for another's, as for one that does not
    exist."""
    if not owns(session, user_id, notification_id):
        raise NotFound(f"notification {notification_id}")
    mark_read(session, user_id, notification_id)
