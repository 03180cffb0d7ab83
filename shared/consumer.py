"""Running one event through a service's handler, exactly once in effect.

1. In one transaction: skip if the inbox has the event; otherwise run the handler (its writes,
   and any events it publishes through the outbox) and record the event in the inbox.
2. After commit, the optional follow-up (e.g. deliver the e-mails the handler queued); it must be
   idempotent by state, since it also runs for a redelivered event whose first run died.
3. Confirm the delivery to the producer, which stops re-sending it. If the confirmation is
   lost, the producer sends the event again and step 1 makes that a no-op.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared import inbox
from shared.db import Database
from shared.events import CONTRACTS, Envelope, Event
from shared.logs import correlation_id as correlation_id  # re-exported: older imports
from shared.logs import get_logger

log = logging.getLogger(__name__)
events_log = get_logger("sipinda.events")


Handler = Callable[[Session, Any, Envelope], None]
"""`(session, event, envelope)`: the typed event its key names, and the envelope it came in (its
id, name, time and origin). The correlation id is in the logging context, not an argument."""
FollowUp = Callable[[Envelope], None]
Confirmer = Callable[[Envelope, str], None]
Handlers = Mapping[type[Event], Handler]
"""Handlers keyed by event class (`{ReviewAssigned: on_review_assigned}`); each receives the
event of its key's class, so none narrows with `isinstance`."""


def contract(envelope: Envelope) -> type[Event] | None:
    """The event class an envelope names, None for a name this code does not know."""
    return CONTRACTS.get(envelope.name)


@dataclass(frozen=True)
class Consumer:
    service: str
    database: Callable[[], Database]
    inbox: Table
    handlers: Handlers
    follow_ups: Mapping[type[Event], FollowUp] = field(default_factory=dict)

    def handle(self, wire: Mapping[str, object], confirm: Confirmer) -> str:
        """Handle one delivered envelope; returns "handled", "duplicate" or "ignored"."""
        envelope = Envelope.model_validate(wire)
        token = correlation_id.set(envelope.correlation_id or envelope.event_id)
        try:
            outcome = self._apply(envelope)
            events_log.info(
                "event handled",
                event_name=envelope.name,
                event_id=envelope.event_id,
                consumer=self.service,
                outcome=outcome,
            )
            kind = contract(envelope)
            follow_up = self.follow_ups.get(kind) if kind is not None else None
            if follow_up is not None:
                follow_up(envelope)
        finally:
            correlation_id.reset(token)
        confirm(envelope, self.service)
        return outcome

    def _apply(self, envelope: Envelope) -> str:
        kind = contract(envelope)
        handler = self.handlers.get(kind) if kind is not None else None
        db = self.database()
        try:
            with db.session() as session:
                if inbox.seen(session, self.inbox, envelope.event_id):
                    return "duplicate"
                if handler is not None:
                    handler(session, envelope.open(), envelope)
                inbox.record(session, self.inbox, envelope)
        except IntegrityError:
            # A concurrent delivery of the same event committed first; ours rolled back whole.
            with db.session() as session:
                if inbox.seen(session, self.inbox, envelope.event_id):
                    return "duplicate"
            raise
        if handler is None:
            log.info("%s ignores %s", self.service, envelope.name)
            return "ignored"
        return "handled"
