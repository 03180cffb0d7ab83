"""Sending one notification: claim, send, record. The state changes behind `deliver_pending`.

Each step is its own short transaction around the SMTP call, so a slow or absent mail server
never holds a database transaction (or a SQLite write lock) open.

    pending ──claim──▶ sending ──250──▶ sent (+ delivery row + notification.sent, one commit)
                          │  ├─5xx───▶ failed (last_error = the server's answer)
                          │  └─other─▶ pending again (last_error), the error re-raised
                          └─worker died: claimable again once the lease is over
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session

from services.notifications import composer
from services.notifications.mailer import Mailer, PermanentMailError
from services.notifications.models import OUTBOX, Delivery, Notification, Status
from shared.db import Database
from shared.events import NotificationSent
from shared.outbox import publish, utcnow

log = logging.getLogger(__name__)

# A "sending" row older than this was left by a worker that died mid-send. The SMTP timeout
# is far shorter, so a live worker never loses its claim to another one.
LEASE = timedelta(minutes=5)


def deliver_one(
    database: Database,
    notification_id: int,
    mailer: Mailer,
    mail_from: str,
    correlation_id: str | None = None,
) -> int:
    """Returns 1 when this call sent it, 0 when there was nothing to do or it failed for good."""
    letter = claim(database, notification_id, mail_from)
    if letter is None:
        return 0  # sent, failed, or being sent by a live worker
    try:
        answer = mailer.send(composer.build_message(letter, mail_from))
    except PermanentMailError as exc:
        log.warning("notification %s refused for good: %s", notification_id, exc.answer)
        record_failure(database, notification_id, Status.FAILED, "permanent", exc.answer)
        return 0
    except Exception as exc:
        log.warning("notification %s not sent, will retry: %s", notification_id, exc)
        answer = getattr(exc, "answer", None) or f"{type(exc).__name__}: {exc}"
        record_failure(database, notification_id, Status.PENDING, "transient", answer)
        raise
    return record_sent(database, notification_id, answer, correlation_id)


def claim(database: Database, notification_id: int, mail_from: str) -> composer.Letter | None:
    """Mark it "sending" and count the attempt, committed before the mail server is called."""
    now = utcnow()
    claimable = or_(
        Notification.status == Status.PENDING,
        and_(Notification.status == Status.SENDING, Notification.claimed_at < now - LEASE),
    )
    with database.session() as session:
        claimed = session.execute(
            update(Notification)
            .where(Notification.id == notification_id, claimable)
            .values(status=Status.SENDING, attempts=Notification.attempts + 1, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        n = _load(session, notification_id)
        return composer.Letter(
            recipient_name=n.recipient_name,
            recipient_email=n.recipient_email,
            language=n.language,
            subject=n.subject,
            text=n.body_text,
            html=n.body_html,
            # Always set when queued; derived the same way should a row ever lack it.
            message_id=n.message_id
            or composer.message_id(n.id, n.event_id, n.recipient_email, mail_from),
            created_at=n.created_at,
        )


def record_failure(
    database: Database, notification_id: int, status: Status, outcome: str, answer: str
) -> None:
    with database.session() as session:
        session.execute(
            update(Notification)
            .where(Notification.id == notification_id, Notification.status == Status.SENDING)
            .values(status=status, last_error=answer, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        session.add(
            Delivery(notification_id=notification_id, outcome=outcome, server_answer=answer)
        )


def record_sent(
    database: Database, notification_id: int, answer: str, correlation_id: str | None
) -> int:
    """Sent, logged and announced in one transaction."""
    with database.session() as session:
        marked = session.execute(
            update(Notification)
            .where(Notification.id == notification_id, Notification.status == Status.SENDING)
            .values(status=Status.SENT, sent_at=utcnow(), last_error=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        session.add(Delivery(notification_id=notification_id, outcome="sent", server_answer=answer))
        if marked.rowcount != 1:  # type: ignore[attr-defined]
            return 0  # it outlived its lease and another worker sent it too: one announcement
        n = _load(session, notification_id)
        event = NotificationSent(
            notification_id=n.id,
            proposal_id=n.proposal_id,
            channel="email",
            recipient_email=n.recipient_email,
            recipient_role=n.recipient_role,
            subject=n.subject,
        )
        publish(session, OUTBOX, event, correlation_id=correlation_id)
    return 1


def _load(session: Session, notification_id: int) -> Notification:
    return session.get_one(Notification, notification_id, populate_existing=True)
