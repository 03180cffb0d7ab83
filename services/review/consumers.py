"""The review service's event handlers: each calls the application function of its event."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.review import assignment, bootstrap, evaluators
from services.review.models import DIRECTORY, INBOX
from shared import directory
from shared.consumer import Consumer
from shared.events import (
    AgencyChanged,
    CallPublished,
    Envelope,
    ProposalAdmitted,
    ProposalWithdrawn,
)


def on_call_published(session: Session, event: CallPublished, envelope: Envelope) -> None:
    """Keep the call version's settings (k, blind, scale, rubric, review days) as data."""
    evaluators.record_call(session, event)


def on_proposal_admitted(session: Session, event: ProposalAdmitted, envelope: Envelope) -> None:
    """Assign evaluators; too few of them leaves the proposal waiting, never a failed task."""
    assignment.assign(session, event, bootstrap.k_default())


def on_proposal_withdrawn(session: Session, event: ProposalWithdrawn, envelope: Envelope) -> None:
    """Release every open review of the withdrawn proposal; nothing is replaced."""
    assignment.withdraw(session, event.proposal_id)


def on_agency_changed(session: Session, event: AgencyChanged) -> None:
    """Keep review's tree for conflicts of interest (`review_agencies`) with the read model."""
    evaluators.sync_agencies(session, [event])


CONSUMER = Consumer(
    service="review",
    database=bootstrap.database,
    inbox=INBOX,
    handlers={
        CallPublished: on_call_published,
        ProposalAdmitted: on_proposal_admitted,
        ProposalWithdrawn: on_proposal_withdrawn,
        **directory.handlers(DIRECTORY, on_agency=on_agency_changed),
    },
)
