"""Every state change of the notifications service: queue a mail per recipient, deliver them.

Queuing runs inside the consumer's transaction (beside the inbox row), so an event queues its
mails exactly once. Delivery runs after commit (`delivery.py` has the steps) and may run any
number of times: what was sent stays sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.notifications import composer, delivery
from services.notifications.mailer import Mailer, TransientMailError
from services.notifications.models import Kind, Notification, Status
from shared.config import Settings
from shared.db import Database
from shared.events import DocumentReady, Envelope, ReviewAssigned
from shared.outbox import utcnow

DOSSIER = "proposal_dossier"  # the only document kind its owner is told about, for now


@dataclass(frozen=True)
class Draft:
    """One notification to be: who gets which kind of mail, and what fills its templates."""

    kind: Kind
    proposal_id: int
    user_id: int | None
    email: str
    name: str
    role: str
    language: str
    context: dict[str, object]


def queue_for_assignment(
    session: Session, event: ReviewAssigned, envelope: Envelope, settings: Settings
) -> list[Notification]:
    """One pending mail per assigned evaluator; returns only the ones new to this call."""
    drafts = [
        Draft(
            Kind.EVALUATOR_ASSIGNED, event.proposal_id, a.evaluator_id, a.email, a.name,
            "evaluator", a.language, composer.assignment_context(event, a, settings.base_url),
        )
        for a in event.evaluators
    ]  # fmt: skip
    return _queue(session, settings, envelope.event_id, drafts)


def queue_for_document(
    session: Session, event: DocumentReady, envelope: Envelope, settings: Settings
) -> list[Notification]:
    """Tells the innovator that the proposal dossier is ready; other documents tell nobody."""
    if event.kind != DOSSIER:
        return []
    owner = event.owner
    draft = Draft(
        Kind.DOSSIER_READY, event.proposal_id, owner.id, owner.email, owner.name,
        "innovator", owner.language, composer.dossier_context(event, settings.base_url),
    )  # fmt: skip
    return _queue(session, settings, envelope.event_id, [draft])


def _queue(
    session: Session, settings: Settings, event_id: str, drafts: list[Draft]
) -> list[Notification]:
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
        rendered = composer.render(draft.kind, draft.language, draft.context)
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
            status=Status.PENDING,
            attempts=0,
            created_at=utcnow(),
        )
        session.add(notification)
        session.flush()  # the Message-ID carries the id
        notification.message_id = composer.message_id(
            notification.id, event_id, email, settings.mail_from
        )
        queued.append(notification)
    return queued


class MailInFlight(TransientMailError):  # noqa: N818 - a state, not an error of the mail
    """Some mail of this event is in another attempt's hands: ask again later."""


def deliver_pending(
    database: Database,
    event_id: str,
    mailer: Mailer,
    settings: Settings,
    *,
    correlation_id: str | None = None,
) -> int:
    """Send every unsent notification of one event; returns how many were sent now.

    Safe to call any number of times. A transient error is recorded and re-raised after the
    other recipients had their turn, so the caller's task retries; a permanent one is recorded
    as "failed" and not raised. A mail still "sending" under someone else's lease (maybe a
    worker that died handing it over) raises `MailInFlight`: the event must stay unconfirmed,
    so that it comes back, and the mail is sent, once the lease is over.
    """
    ids = _unsent(database, event_id)
    sent = 0
    first_error: Exception | None = None
    for notification_id in ids:
        try:
            sent += delivery.deliver_one(
                database, notification_id, mailer, settings.mail_from, correlation_id
            )
        except Exception as exc:  # re-raised below, once every recipient had a turn
            first_error = first_error or exc
    if first_error is not None:
        raise first_error
    if still := _unsent(database, event_id):
        raise MailInFlight(f"{len(still)} notification(s) of event {event_id} are being sent")
    return sent


def _unsent(database: Database, event_id: str) -> list[int]:
    with database.session() as session:
        return list(
            session.scalars(
                select(Notification.id)
                .where(
                    Notification.event_id == event_id,
                    Notification.status.in_((Status.PENDING, Status.SENDING)),
                )
                .order_by(Notification.id)
            )
        )
