"""Sending notifications: every due one of an event (`deliver_pending`) or of all (`deliver_due`,
the beat's), each by claim, send, record.

Each step is its own short transaction around the SMTP call, so a slow or absent mail server
never holds a database transaction (or a SQLite write lock) open.

    pending ──claim──▶ sending ──250──▶ sent (+ delivery row + notification.sent, one commit)
    (when due)            │  ├─5xx───▶ failed (last_error = the server's answer)
                          │  └─other─▶ pending, due again after a backoff (failed after 24 h)
                          └─worker died: claimable again once the lease is over, and sent
                            with the same Message-ID, so a receiver recognises a repeat
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from services.notifications import attachments, composer, retry
from services.notifications.config import NotifySettings, notify_settings
from services.notifications.mailer import Mailer, PermanentMailError, TransientMailError
from services.notifications.models import OUTBOX, Delivery, Notification, Status
from services.notifications.reconcile import Reconciler, reconciler_for
from shared.config import Settings
from shared.db import Database, transition
from shared.events import NotificationSent
from shared.outbox import publish, utcnow

log = logging.getLogger(__name__)

# A "sending" row older than this was left by a worker that died mid-send. The SMTP timeout
# is far shorter, so a live worker never loses its claim to another one (NOTIFY_LEASE_SECONDS).
LEASE = timedelta(minutes=5)
RETRY_WINDOW = timedelta(hours=24)
T = TypeVar("T")
Pace = Callable[[], None]


def deliver_one(
    database: Database,
    notification_id: int,
    mailer: Mailer,
    mail_from: str,
    *,
    reply_to: str | None = None,
    retry_for: timedelta = RETRY_WINDOW,
    retry_first: timedelta = retry.FIRST_DELAY,
    pace: Callable[[], None] | None = None,
    reconciler: Reconciler | None = None,
    storage_url: str | None = None,
    lease: timedelta = LEASE,
) -> int:
    """Returns 1 when this call sent it, 0 when there was nothing to do or it failed (a
    transient failure is recorded with its next attempt; the caller need not retry it).
    `pace` is called just before the mail server is, to keep to its sending rate; `reconciler`
    is asked, before a mail left "sending" by a dead worker is sent again, whether it arrived."""
    claimed = claim(database, notification_id, mail_from, reply_to, lease)
    if claimed is None:
        return 0  # not due, sent, failed, or being sent by a live worker
    letter, orphaned = claimed.letter, claimed.orphaned
    if claimed.attachment is not None and storage_url:
        name, sha256 = claimed.attachment
        data = attachments.load(storage_url, sha256)  # outside any transaction
        letter = replace(letter, attachment=(name, data)) if data is not None else letter
    if orphaned and reconciler is not None and _arrived(reconciler, letter.message_id):
        # Its sender died after the server had accepted it: record, do not send again.
        answer = f"reconciled: {letter.message_id} found at the mail server"
        return record_sent(database, notification_id, answer)
    patience = lease / 2
    try:
        if pace is not None:
            pace()
        answer = mailer.send(composer.build_message(letter, mail_from))
    except PermanentMailError as exc:
        log.warning("notification %s refused for good: %s", notification_id, exc.answer)
        outcome, answer = "permanent", exc.answer
    except Exception as exc:
        log.warning("notification %s not sent, will retry: %s", notification_id, exc)
        outcome = "transient"
        answer = getattr(exc, "answer", None) or f"{type(exc).__name__}: {exc}"
    else:
        return _persist(lambda: record_sent(database, notification_id, answer), patience)
    _persist(
        lambda: record_failure(database, notification_id, outcome, answer, retry_for, retry_first),
        patience,
    )
    return 0


def _persist(record: Callable[[], T], patience: timedelta, first_wait: float = 0.5) -> T:
    """Record an outcome only this worker knows, waiting out a database that is away for a
    while (a restart, a failover) for up to `patience`, half the lease. Given up sooner, the
    mail would stay "sending" until its lease ran out, and only then be looked up at the mail
    server or sent again: minutes late, for a mail that went out at once."""
    give_up = time.monotonic() + patience.total_seconds()
    wait = first_wait
    while True:
        try:
            return record()
        except OperationalError as exc:
            if time.monotonic() + wait > give_up:
                raise
            log.warning("outcome not recorded yet, database unavailable: %s", exc.orig)
            time.sleep(wait)
            wait = min(wait * 2, 10.0)


def _arrived(reconciler: Reconciler, message_id: str) -> bool:
    try:
        return reconciler.delivered(message_id)
    except OSError as exc:  # cannot tell: send again, under the same Message-ID
        log.warning("could not look up %s: %s", message_id, exc)
        return False


def claimable(now: datetime, lease: timedelta = LEASE) -> ColumnElement[bool]:
    """Due for an attempt: pending and its time has come, or left "sending" past its lease."""
    return or_(
        and_(
            Notification.status == Status.PENDING,
            or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now),
        ),
        and_(Notification.status == Status.SENDING, Notification.claimed_at < now - lease),
    )


@dataclass(frozen=True)
class Claim:
    letter: composer.Letter
    orphaned: bool  # taken over from a worker that died sending it
    attachment: tuple[str, str] | None  # (file name, sha256) of a stored document


def claim(
    database: Database,
    notification_id: int,
    mail_from: str,
    reply_to: str | None = None,
    lease: timedelta = LEASE,
) -> Claim | None:
    """Mark it "sending" and count the attempt, committed before the mail server is called."""
    now = utcnow()
    with database.session() as session:
        before = session.scalar(
            select(Notification.status).where(Notification.id == notification_id)
        )
        claimed = session.execute(
            update(Notification)
            .where(Notification.id == notification_id, claimable(now, lease))
            .values(status=Status.SENDING, attempts=Notification.attempts + 1, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        n = _load(session, notification_id)
        letter = composer.Letter(
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
            reply_to=reply_to,
            unsubscribe_url=n.unsubscribe_url,
        )
        attachment = (
            (n.attachment_name or "lampiran.pdf", n.attachment_sha256)
            if n.attachment_sha256
            else None
        )
        return Claim(letter, before == Status.SENDING, attachment)


def record_failure(
    database: Database,
    notification_id: int,
    outcome: str,
    answer: str,
    retry_for: timedelta,
    retry_first: timedelta = retry.FIRST_DELAY,
) -> None:
    """Log the attempt; a transient failure is due again after a backoff, until the window is
    over; a permanent one (or the window's end) fails it, and it stays in the in-app inbox."""
    now = utcnow()
    with database.session() as session:
        n = _load(session, notification_id)
        if n.status != Status.SENDING:
            return  # outlived its lease: whoever holds it now records the outcome
        due = None
        if outcome == "transient":
            created = composer.as_utc(n.created_at)
            due = retry.next_attempt(created, now, n.attempts, retry_for, retry_first)
            if due is None:
                answer = f"gave up after {retry_for}: {answer}"
        outcome_values = {
            "status": Status.PENDING if due is not None else Status.FAILED,
            "next_attempt_at": due,
            "last_error": answer,
            "claimed_at": None,
        }
        held: dict[str, list[object]] = {"status": [Status.SENDING], "attempts": [n.attempts]}
        if not transition(session, n, held, outcome_values):
            return  # claimed again meanwhile (its lease ran out): the new holder records it
        session.add(
            Delivery(notification_id=notification_id, outcome=outcome, server_answer=answer)
        )


def record_sent(database: Database, notification_id: int, answer: str) -> int:
    """Sent, logged and announced in one transaction."""
    with database.session() as session:
        marked = session.execute(
            update(Notification)
            .where(Notification.id == notification_id, Notification.status == Status.SENDING)
            .values(
                status=Status.SENT,
                sent_at=utcnow(),
                last_error=None,
                claimed_at=None,
                next_attempt_at=None,
            )
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
        publish(session, OUTBOX, event)
    return 1


def _load(session: Session, notification_id: int) -> Notification:
    return session.get_one(Notification, notification_id, populate_existing=True)


class MailInFlight(TransientMailError):  # noqa: N818 - a state, not an error of the mail
    """Some mail of this event is in another attempt's hands: ask again later."""

    expected = True  # a designed wait, logged as INFO without a traceback (shared.trouble)


def deliver_pending(
    database: Database,
    event_id: str,
    mailer: Mailer,
    settings: Settings,
    *,
    notify: NotifySettings | None = None,
    pace: Pace | None = None,
) -> int:
    """Send every due notification of one event; returns how many were sent now.

    Safe to call any number of times. A failure is recorded on its notification (transient:
    with its next attempt, which `deliver_due` makes; permanent: failed). A mail still "sending"
    under someone else's lease (maybe a worker that died handing it over) raises `MailInFlight`:
    the event stays unconfirmed, and comes back, until that attempt is settled.
    """
    notify = notify or notify_settings(settings)
    sent = 0
    for notification_id in _of_event(database, event_id, (Status.PENDING, Status.SENDING)):
        sent += _deliver(database, notification_id, mailer, settings, notify, pace)
    if still := _of_event(database, event_id, (Status.SENDING,)):
        raise MailInFlight(f"{len(still)} notification(s) of event {event_id} are being sent")
    return sent


def deliver_due(
    database: Database,
    mailer: Mailer,
    settings: Settings,
    *,
    notify: NotifySettings | None = None,
    pace: Pace | None = None,
    limit: int = 500,
) -> int:
    """The beat's job: send what is due (retries, leases run out), oldest first."""
    notify = notify or notify_settings(settings)
    with database.session() as session:
        due = list(
            session.scalars(
                select(Notification.id)
                .where(claimable(utcnow(), notify.lease))
                .order_by(Notification.id)
                .limit(limit)
            )
        )
    return sum(
        _deliver(database, notification_id, mailer, settings, notify, pace)
        for notification_id in due
    )


def _deliver(
    database: Database,
    notification_id: int,
    mailer: Mailer,
    settings: Settings,
    notify: NotifySettings,
    pace: Pace | None,
) -> int:
    return deliver_one(
        database,
        notification_id,
        mailer,
        settings.mail_from,
        reply_to=notify.reply_to,
        retry_for=notify.retry_for,
        retry_first=notify.retry_first,
        pace=pace,
        reconciler=reconciler_for(settings, notify.reconcile),
        storage_url=settings.storage_url,
        lease=notify.lease,
    )


def _of_event(database: Database, event_id: str, statuses: tuple[Status, ...]) -> list[int]:
    with database.session() as session:
        return list(
            session.scalars(
                select(Notification.id)
                .where(Notification.event_id == event_id, Notification.status.in_(statuses))
                .order_by(Notification.id)
            )
        )
