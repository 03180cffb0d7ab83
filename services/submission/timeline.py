"""The proposal's timeline: a line for each event of its life, its own and what the other
services did with it, which the innovator watches live. The handlers here are what the
consumer calls, each in the consumer's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.submission import states
from services.submission.models import Proposal, TimelineEntry
from services.submission.moves import advance
from shared.events import (
    DecisionMade,
    DocumentFailed,
    DocumentReady,
    Envelope,
    NotificationSent,
    ProposalScored,
    ReviewAssigned,
    ReviewReleased,
    ReviewSubmitted,
)
from shared.outbox import utcnow
from shared.web.i18n import known, translate


def append(
    session: Session,
    *,
    proposal_id: int,
    envelope: Envelope,
    detail_key: str,
    detail_values: dict[str, Any] | None = None,
    link: str | None = None,
) -> None:
    """Add the line of one event to the proposal's timeline."""
    session.execute(
        insert(TimelineEntry),
        [
            {
                "proposal_id": proposal_id,
                "event_id": envelope.event_id,
                "event": envelope.name,
                "at": utcnow(),
                "detail_key": detail_key,
                "detail_values": detail_values or {},
                "link": link,
            }
        ],
    )


def entries(session: Session, proposal_id: int) -> list[TimelineEntry]:
    """The proposal's lines, oldest first."""
    return list(
        session.scalars(
            select(TimelineEntry)
            .where(TimelineEntry.proposal_id == proposal_id)
            .order_by(TimelineEntry.at, TimelineEntry.id)
        )
    )


# What a line says when its own key has no words (an event of a kind added later): never the key.
FALLBACKS = (("timeline.document.", "timeline.document.other"),
             ("timeline.notified.", "timeline.notified.other"))  # fmt: skip


def describe(entry: TimelineEntry) -> str:
    """The line as the user reads it."""
    key = entry.detail_key
    if not known(key):
        key = next((general for prefix, general in FALLBACKS if key.startswith(prefix)), key)
    return translate(key, **entry.detail_values)


def _advance(session: Session, proposal: Proposal, action: str, version_no: int) -> None:
    """Move the proposal on when the event is about its current version and the move is one the
    state machine allows (a late or repeated event changes nothing)."""
    if proposal.version_no == version_no:
        advance(session, proposal, action)


def on_review_assigned(session: Session, event: ReviewAssigned, envelope: Envelope) -> None:
    """Evaluators were assigned: they may read it, and it is under review."""
    proposal = session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    proposal.evaluator_ids = sorted(
        {*proposal.evaluator_ids, *(e.evaluator_id for e in event.evaluators)}
    )
    _advance(session, proposal, "assigned", event.version_no)
    append(
        session,
        proposal_id=proposal.id,
        envelope=envelope,
        detail_key="timeline.assigned",
        detail_values={"count": len(event.evaluators)},
    )


def on_review_released(session: Session, event: ReviewReleased, envelope: Envelope) -> None:
    """An evaluator was taken off the proposal: they no longer read it or its attachments.
    Removing is idempotent; a late release of an older version leaves alone what a newer
    version's assignment granted (review never re-assigns a released evaluator to its version)."""
    proposal = session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    if event.version_no is not None and event.version_no < proposal.version_no:
        return
    gone = event.evaluator.evaluator_id
    if gone in proposal.evaluator_ids:
        proposal.evaluator_ids = [i for i in proposal.evaluator_ids if i != gone]


def on_document_ready(session: Session, event: DocumentReady, envelope: Envelope) -> None:
    """A document about the proposal was rendered: a line with its download link."""
    if session.get(Proposal, event.proposal_id) is None:
        return
    append(
        session,
        proposal_id=event.proposal_id,
        envelope=envelope,
        detail_key=f"timeline.document.{event.kind}",
        detail_values={"version": event.version_no},
        link=event.download_path,
    )


def on_document_failed(session: Session, event: DocumentFailed, envelope: Envelope) -> None:
    """The proposal's dossier could not be made: a line that says so, and why, in words."""
    if event.kind != "proposal_dossier" or session.get(Proposal, event.proposal_id) is None:
        return
    append(
        session,
        proposal_id=event.proposal_id,
        envelope=envelope,
        detail_key=f"timeline.document.failed.{event.cause}",
        detail_values={"version": event.version_no},
    )


def on_notification_sent(session: Session, event: NotificationSent, envelope: Envelope) -> None:
    """Someone was told about the proposal."""
    if event.proposal_id is None or session.get(Proposal, event.proposal_id) is None:
        return
    append(
        session,
        proposal_id=event.proposal_id,
        envelope=envelope,
        detail_key=f"timeline.notified.{event.recipient_role}",
        detail_values={"channel": event.channel},
    )


def on_review_submitted(session: Session, event: ReviewSubmitted, envelope: Envelope) -> None:
    """An evaluator handed in a review."""
    if session.get(Proposal, event.proposal_id) is None:
        return
    append(
        session,
        proposal_id=event.proposal_id,
        envelope=envelope,
        detail_key="timeline.review_submitted",
    )


def on_scored(session: Session, event: ProposalScored, envelope: Envelope) -> None:
    """The reviews were aggregated into a score."""
    proposal = session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    _advance(session, proposal, "scored", event.version_no)
    append(
        session,
        proposal_id=proposal.id,
        envelope=envelope,
        detail_key="timeline.scored",
        detail_values={"reviews": event.reviews},
    )


def on_decided(session: Session, event: DecisionMade, envelope: Envelope) -> None:
    """The decision on the proposal was made."""
    proposal = session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    _advance(session, proposal, "decided", event.version_no)
    if proposal.status == states.DECIDED:
        proposal.decision = event.decision
    append(
        session,
        proposal_id=proposal.id,
        envelope=envelope,
        detail_key=f"timeline.decision.{event.decision}",
    )
