"""What innovations hears: proposals submitted (linked to their innovation), decisions and
documents (in the innovation's history), accounts and agencies (its read model)."""

from __future__ import annotations

from services.innovations import bootstrap, linking
from services.innovations.models import DIRECTORY, INBOX
from shared import directory
from shared.consumer import Consumer, Handler
from shared.events import DecisionMade, DocumentReady, Event, ProposalSubmitted

HANDLERS: dict[type[Event], Handler] = {
    ProposalSubmitted: linking.on_submitted,
    DecisionMade: linking.on_decided,
    DocumentReady: linking.on_document,
    **directory.handlers(DIRECTORY),
}

CONSUMER = Consumer(
    service="innovations",
    database=bootstrap.database,
    inbox=INBOX,
    handlers=HANDLERS,
)
