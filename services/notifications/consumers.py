"""Event handlers: queue notices inside the consumer's transaction, send them after commit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.notifications import delivery, digest, queueing, webhook
from services.notifications.config import notify_settings
from services.notifications.mailer import mailer_from_url
from services.notifications.models import DIRECTORY, INBOX
from services.notifications.pacing import pace_for
from shared import directory, runtime
from shared.consumer import Consumer, FollowUp, Handler
from shared.events import (
    DecisionMade,
    DocumentReady,
    Envelope,
    EvaluatorInvited,
    Event,
    IidEvidenceReturned,
    InnovationStageChanged,
    MonevVisitRecorded,
    ObjectionEmailRequested,
    ObjectionsOpened,
    ProposalRefused,
    ProposalReturned,
    ProposalScored,
    ProposalSubmitted,
    ProposalWithdrawn,
    ReportDue,
    ResultsAnnounced,
    ReviewAssigned,
    ReviewDue,
    ReviewReleased,
    TeamInvited,
)

NOTIFYING = (
    ProposalSubmitted,
    ProposalReturned,
    ProposalRefused,
    ProposalWithdrawn,
    ReviewAssigned,
    ReviewReleased,
    ReviewDue,
    DecisionMade,
    ResultsAnnounced,
    ObjectionsOpened,
    ObjectionEmailRequested,
    EvaluatorInvited,
    TeamInvited,
    DocumentReady,
    ReportDue,
    IidEvidenceReturned,
    InnovationStageChanged,
    MonevVisitRecorded,
)


def on_event(session: Session, event: Event, envelope: Envelope) -> None:
    """Queue its notices (one per recipient and kind), and note it for the admin's digest."""
    queueing.queue_event(session, event, envelope, runtime.settings())
    digest.note(session, event, envelope)


def on_scored(session: Session, event: ProposalScored, envelope: Envelope) -> None:
    """Note a disagreement for the admin's digest (a score tells nobody at once)."""
    digest.note(session, event, envelope)


def deliver(envelope: Envelope) -> None:
    """Runs after commit, for every delivery of the event (redeliveries too): sends whatever of
    it is due. Failures are recorded and retried by the beat; only a mail mid-send elsewhere
    raises, so that the event stays unconfirmed until that attempt is settled."""
    settings = runtime.settings()
    notify = notify_settings(settings)
    delivery.deliver_pending(
        runtime.database("notifications"),
        envelope.event_id,
        mailer_from_url(settings.smtp_url),
        settings,
        notify=notify,
        pace=pace_for(settings, notify),
    )
    webhook.deliver_due(
        runtime.database("notifications"), notify, settings.base_url, event_id=envelope.event_id
    )


HANDLERS: dict[type[Event], Handler] = {c: on_event for c in NOTIFYING}
HANDLERS[ProposalScored] = on_scored
HANDLERS.update(directory.handlers(DIRECTORY))
FOLLOW_UPS: dict[type[Event], FollowUp] = {c: deliver for c in NOTIFYING}

CONSUMER = Consumer(
    service="notifications",
    database=lambda: runtime.database("notifications"),
    inbox=INBOX,
    handlers=HANDLERS,
    follow_ups=FOLLOW_UPS,
)
