"""Event handlers: queue mail inside the consumer's transaction, send it after commit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.notifications import operations
from services.notifications.mailer import mailer_from_url
from services.notifications.models import INBOX
from shared import runtime
from shared.consumer import Consumer
from shared.events import DocumentReady, Envelope, Event, ReviewAssigned


def on_review_assigned(session: Session, event: Event, envelope: Envelope) -> None:
    assert isinstance(event, ReviewAssigned)
    operations.queue_for_assignment(session, event, envelope, runtime.settings())


def on_document_ready(session: Session, event: Event, envelope: Envelope) -> None:
    assert isinstance(event, DocumentReady)
    operations.queue_for_document(session, event, envelope, runtime.settings())


def deliver(envelope: Envelope) -> None:
    """Runs after commit, for every delivery of the event (redeliveries too): sends whatever of
    it is still unsent. A transient SMTP error propagates, so the event task retries."""
    settings = runtime.settings()
    operations.deliver_pending(
        runtime.database("notifications"),
        envelope.event_id,
        mailer_from_url(settings.smtp_url),
        settings,
        correlation_id=envelope.correlation_id or envelope.event_id,
    )


CONSUMER = Consumer(
    service="notifications",
    database=lambda: runtime.database("notifications"),
    inbox=INBOX,
    handlers={ReviewAssigned.name: on_review_assigned, DocumentReady.name: on_document_ready},
    follow_ups={ReviewAssigned.name: deliver, DocumentReady.name: deliver},
)
