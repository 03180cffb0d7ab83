"""What submission hears from the other services: each event moves the proposal's timeline
(and, where the state machine allows, its state)."""

from __future__ import annotations

from services.submission import timeline
from services.submission.models import DIRECTORY, INBOX
from shared import directory, runtime
from shared.consumer import Consumer, Handlers
from shared.events import (
    DecisionMade,
    DocumentFailed,
    DocumentReady,
    NotificationSent,
    ProposalScored,
    ReviewAssigned,
    ReviewReleased,
    ReviewSubmitted,
)

HANDLERS: Handlers = {
    ReviewAssigned: timeline.on_review_assigned,
    ReviewReleased: timeline.on_review_released,
    DocumentReady: timeline.on_document_ready,
    DocumentFailed: timeline.on_document_failed,
    NotificationSent: timeline.on_notification_sent,
    ReviewSubmitted: timeline.on_review_submitted,
    ProposalScored: timeline.on_scored,
    DecisionMade: timeline.on_decided,
    **directory.handlers(DIRECTORY),
}

CONSUMER = Consumer(
    service="submission",
    database=lambda: runtime.database("submission"),
    inbox=INBOX,
    handlers=HANDLERS,
)
