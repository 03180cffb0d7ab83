"""The timeline: submission hears what the other services did and tells the innovator."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.submission import states
from services.submission.models import DIRECTORY, INBOX, Proposal
from services.submission.operations import append_timeline
from shared import directory, runtime
from shared.consumer import Consumer
from shared.events import (
    DecisionMade,
    DocumentReady,
    Envelope,
    NotificationSent,
    ProposalScored,
    ReviewAssigned,
    ReviewSubmitted,
)


def _advance(proposal: Proposal, action: str, version_no: int) -> None:
    """Move the proposal on when the event is about its current version and the move is one the
    state machine allows (a late or repeated event changes nothing)."""
    if proposal.version_no == version_no and states.allowed(proposal.status, action):
        proposal.status = states.next_state(proposal.status, action)


def on_review_assigned(session: Session, event: ReviewAssigned, envelope: Envelope) -> None:
    proposal = session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    proposal.evaluator_ids = sorted(
        {*proposal.evaluator_ids, *(e.evaluator_id for e in event.evaluators)}
    )
    _advance(proposal, "assigned", event.version_no)
    append_timeline(
        session,
        proposal_id=proposal.id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key="timeline.assigned",
        detail_values={"count": len(event.evaluators)},
    )


def on_document_ready(session: Session, event: DocumentReady, envelope: Envelope) -> None:
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


def on_notification_sent(session: Session, event: NotificationSent, envelope: Envelope) -> None:
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


def on_review_submitted(session: Session, event: ReviewSubmitted, envelope: Envelope) -> None:
    if session.get(Proposal, event.proposal_id) is None:
        return
    append_timeline(
        session,
        proposal_id=event.proposal_id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key="timeline.review_submitted",
    )


def on_scored(session: Session, event: ProposalScored, envelope: Envelope) -> None:
    proposal = session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    _advance(proposal, "scored", event.version_no)
    append_timeline(
        session,
        proposal_id=proposal.id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key="timeline.scored",
        detail_values={"reviews": event.reviews},
    )


def on_decided(session: Session, event: DecisionMade, envelope: Envelope) -> None:
    proposal = session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    _advance(proposal, "decided", event.version_no)
    if proposal.status == states.DECIDED:
        proposal.decision = event.decision
    append_timeline(
        session,
        proposal_id=proposal.id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key=f"timeline.decision.{event.decision}",
    )


CONSUMER = Consumer(
    service="submission",
    database=lambda: runtime.database("submission"),
    inbox=INBOX,
    handlers={
        ReviewAssigned: on_review_assigned,
        DocumentReady: on_document_ready,
        NotificationSent: on_notification_sent,
        ReviewSubmitted: on_review_submitted,
        ProposalScored: on_scored,
        DecisionMade: on_decided,
        **directory.handlers(DIRECTORY),
    },
)
