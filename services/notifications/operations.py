"""Every state change of the notifications service: queue a notice per recipient, deliver them.

Queuing runs inside the consumer's transaction (beside the inbox row), so an event queues its
notices exactly once. Delivery runs after commit (`delivery.py` has the steps) and may run any
number of times: what was sent stays sent. A notice not sent at once waits for its next attempt,
which the beat's `deliver_due` makes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.notifications import composer, delivery, digest, drafting, notices
from services.notifications.config import NotifySettings
from services.notifications.mailer import Mailer, TransientMailError
from services.notifications.models import Notification, OptOut, Status, WebhookDelivery
from services.notifications.notices import Draft
from services.notifications.reconcile import reconciler_for
from services.notifications.unsubscribe import unsubscribe_url
from shared.config import Settings
from shared.db import Database
from shared.events import Envelope, Event
from shared.outbox import utcnow
from shared.timezone import to_wib

PREFERENCES = "/notifications/preferences"
Pace = Callable[[], None]


def queue_event(
    session: Session, event: Event, envelope: Envelope, settings: Settings
) -> list[Notification]:
    """Every notice `event` makes; returns only the ones new to this call."""
    drafts = drafting.drafts_for(event, settings.base_url)
    return queue(session, drafts, envelope.event_id, settings)


def queue(
    session: Session, drafts: list[Draft], event_id: str, settings: Settings
) -> list[Notification]:
    """A notification per draft not queued before (and its webhook copy, when configured)."""
    webhook_on = bool(NotifySettings.from_env(settings.mail_from).webhook_url)
    queued = []
    for draft in drafts:
        email = draft.email.strip().lower()
        # The unique constraint guards concurrent writers; this check spares the usual case an
        # IntegrityError (and catches an event that names one person twice).
        existing = session.scalar(
            select(Notification.id).where(
                Notification.event_id == event_id,
                Notification.recipient_email == email,
                Notification.kind == draft.kind,
            )
        )
        if existing is not None:
            continue
        optional = not notices.mandatory(draft.kind)
        unsubscribe = (
            unsubscribe_url(settings, draft.user_id, draft.kind)
            if optional and draft.user_id is not None
            else None
        )
        context = {
            **draft.context,
            "optional": optional,
            "preferences_url": composer.absolute(settings.base_url, PREFERENCES),
        }
        rendered = composer.render(draft.kind, draft.language, context)
        notification = Notification(
            event_id=event_id,
            kind=draft.kind,
            recipient_user_id=draft.user_id,
            recipient_email=email,
            recipient_name=draft.name,
            recipient_role=draft.role,
            language=composer.language_of(draft.language),
            proposal_id=draft.proposal_id,
            subject=rendered.subject,
            body_text=rendered.text,
            body_html=rendered.html,
            status=Status.OPTED_OUT if optional and opted_out(session, draft) else Status.PENDING,
            attempts=0,
            created_at=utcnow(),
            mandatory=not optional,
            link=draft.link,
            unsubscribe_url=unsubscribe,
            attachment_sha256=draft.attachment[0] if draft.attachment else None,
            attachment_name=draft.attachment[1] if draft.attachment else None,
        )
        session.add(notification)
        session.flush()  # the Message-ID carries the id
        notification.message_id = composer.message_id(
            notification.id, event_id, email, settings.mail_from
        )
        if webhook_on and notification.status != Status.OPTED_OUT:
            session.add(WebhookDelivery(notification_id=notification.id, status=Status.PENDING))
        queued.append(notification)
    return queued


def queue_digest(
    database: Database, identity: Database, settings: Settings, now: datetime | None = None
) -> int:
    """The admins' digest of the 24 hours before `now`; once a day whatever the firings."""
    now = now or utcnow()
    since = now - timedelta(days=1)
    with database.session() as session:
        context = digest.digest_context(session, since, now)
    with identity.session() as session:
        drafts = digest.drafts(session, context, since, settings.base_url)
    day = to_wib(now).strftime("%Y-%m-%d")
    with database.session() as session:
        return len(queue(session, drafts, f"digest-{day}", settings))


def opted_out(session: Session, draft: Draft) -> bool:
    if draft.user_id is None:
        return False
    found = session.scalar(
        select(OptOut.id).where(OptOut.user_id == draft.user_id, OptOut.kind == draft.kind)
    )
    return found is not None


class MailInFlight(TransientMailError):  # noqa: N818 - a state, not an error of the mail
    """Some mail of this event is in another attempt's hands: ask again later."""


def deliver_pending(
    database: Database,
    event_id: str,
    mailer: Mailer,
    settings: Settings,
    *,
    correlation_id: str | None = None,
    notify: NotifySettings | None = None,
    pace: Pace | None = None,
) -> int:
    """Send every due notification of one event; returns how many were sent now.

    Safe to call any number of times. A failure is recorded on its notification (transient:
    with its next attempt, which `deliver_due` makes; permanent: failed). A mail still "sending"
    under someone else's lease (maybe a worker that died handing it over) raises `MailInFlight`:
    the event stays unconfirmed, and comes back, until that attempt is settled.
    """
    notify = notify or NotifySettings.from_env(settings.mail_from)
    sent = 0
    for notification_id in _of_event(database, event_id, (Status.PENDING, Status.SENDING)):
        sent += _deliver(database, notification_id, mailer, settings, notify, correlation_id, pace)
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
    notify = notify or NotifySettings.from_env(settings.mail_from)
    with database.session() as session:
        due = list(
            session.scalars(
                select(Notification.id)
                .where(delivery.claimable(utcnow(), notify.lease))
                .order_by(Notification.id)
                .limit(limit)
            )
        )
    return sum(
        _deliver(database, notification_id, mailer, settings, notify, None, pace)
        for notification_id in due
    )


def _deliver(
    database: Database,
    notification_id: int,
    mailer: Mailer,
    settings: Settings,
    notify: NotifySettings,
    correlation_id: str | None,
    pace: Pace | None,
) -> int:
    return delivery.deliver_one(
        database,
        notification_id,
        mailer,
        settings.mail_from,
        correlation_id,
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
