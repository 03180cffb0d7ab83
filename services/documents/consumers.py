"""Event handlers: `review.assigned` → the proposal dossier, inside the consumer's transaction."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import Session

from services.documents import letterhead, operations
from services.documents.models import INBOX
from services.documents.storage import Storage, storage_from_url
from shared import runtime
from shared.consumer import Consumer
from shared.events import Envelope, Event, ReviewAssigned


@cache
def _storage(url: str) -> Storage:
    return storage_from_url(url)


def storage() -> Storage:
    """This process's storage, built once per STORAGE_URL."""
    return _storage(runtime.settings().storage_url)


def on_review_assigned(session: Session, event: Event, envelope: Envelope) -> None:
    assert isinstance(event, ReviewAssigned)
    operations.render_dossier(
        session,
        event,
        storage(),
        letterhead.load(),
        correlation_id=envelope.correlation_id or envelope.event_id,
    )


CONSUMER = Consumer(
    service="documents",
    database=lambda: runtime.database("documents"),
    inbox=INBOX,
    handlers={ReviewAssigned.name: on_review_assigned},
)
