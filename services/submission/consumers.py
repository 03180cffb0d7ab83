"""The timeline: submission hears what the other services did and tells the innovator."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.submission.models import INBOX, Proposal
from services.submission.operations import append_timeline
from services.submission.rules import SUBMITTED, UNDER_REVIEW
from shared import runtime
from shared.consumer import Consumer
from shared.events import DocumentReady, Envelope, Event, NotificationSent, ReviewAssigned


def on_review_assigned(session: Session, event: Event, envelope: Envelope) -> None:
    assert isinstance(event, ReviewAssigned)
    proposal = session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    proposal.evaluator_ids = sorted(
        {*proposal.evaluator_ids, *(e.evaluator_id for e in event.evaluators)}
    )
    if proposal.status == SUBMITTED and proposal.version_no == event.version_no:
        proposal.status = UNDER_REVIEW
    append_timeline(
        session,
        proposal_id=proposal.id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key="timeline.assigned",
        detail_values={"count": len(event.evaluators)},
    )


def on_document_ready(session: Session, event: Event, envelope: Envelope) -> None:
    assert isinstance(event, DocumentReady)
    if session.get(Proposal, event.proposal_id) is None:
        return
    append_timeline(
        session,
        proposal_id=event.proposal_id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key=f"timeline.document.{event.kind}",
        detail_values={"version": event.version_no},
        link=event.download_path,
    )


def on_notification_sent(session: Session, event: Event, envelope: Envelope) -> None:
    assert isinstance(event, NotificationSent)
    if event.proposal_id is None or session.get(Proposal, event.proposal_id) is None:
        return
    append_timeline(
        session,
        proposal_id=event.proposal_id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key=f"timeline.notified.{event.recipient_role}",
        detail_values={"channel": event.channel},
    )


CONSUMER = Consumer(
    service="submission",
    database=lambda: runtime.database("submission"),
    inbox=INBOX,
    handlers={
        ReviewAssigned.name: on_review_assigned,
        DocumentReady.name: on_document_ready,
        NotificationSent.name: on_notification_sent,
    },
)
