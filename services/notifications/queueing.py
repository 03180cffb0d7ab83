"""Queuing notices: a notification per recipient and kind of each event, exactly once.

Runs inside the consumer's transaction (beside the inbox row), so an event queues its notices
exactly once. Sending them is `delivery.py`'s, after commit.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.notifications import composer, drafting, notices
from services.notifications.config import notify_settings
from services.notifications.models import Notification, OptOut, Status, WebhookDelivery
from services.notifications.notices import Draft
from services.notifications.unsubscribe import unsubscribe_url
from shared.config import Settings
from shared.events import Envelope, Event
from shared.outbox import utcnow

PREFERENCES = "/notifications/preferences"


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
    webhook_on = bool(notify_settings(settings).webhook_url)
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


def opted_out(session: Session, draft: Draft) -> bool:
    """Whether the draft's recipient turned this kind of notice off."""
    if draft.user_id is None:
        return False
    found = session.scalar(
        select(OptOut.id).where(OptOut.user_id == draft.user_id, OptOut.kind == draft.kind)
    )
    return found is not None
