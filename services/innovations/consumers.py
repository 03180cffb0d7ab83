"""What innovations hears: proposals submitted (linked to their innovation), decisions and
documents (in the innovation's history; the IID recap on its year's page), accounts and
agencies (its read model)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.innovations import bootstrap, iid_recap, linking, monev
from services.innovations.models import DIRECTORY, INBOX
from shared import directory
from shared.consumer import Consumer, Handler
from shared.events import (
    CallPublished,
    DecisionMade,
    DocumentReady,
    Envelope,
    Event,
    ProposalSubmitted,
)


def on_document(s: Session, event: DocumentReady, envelope: Envelope) -> None:
    """In the innovation's history; a monev report also on its visit; the IID recap under its
    year."""
    linking.on_document(s, event, envelope)
    monev.on_document(s, event, envelope)
    iid_recap.keep(s, event)


HANDLERS: dict[type[Event], Handler] = {
    CallPublished: linking.on_call_published,
    ProposalSubmitted: linking.on_submitted,
    DecisionMade: linking.on_decided,
    DocumentReady: on_document,
    **directory.handlers(DIRECTORY),
}

CONSUMER = Consumer(
    service="innovations",
    database=bootstrap.database,
    inbox=INBOX,
    handlers=HANDLERS,
)
