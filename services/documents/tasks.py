"""The documents service's Celery tasks: `documents.handle_event` (rendering happens while
handling `review.assigned`, on the documents queue) and `documents.confirm_delivery`."""

from __future__ import annotations

from services.documents.consumers import CONSUMER
from services.documents.models import OUTBOX
from shared import runtime
from shared.tasks import define_event_tasks

handle_event, confirm_delivery = define_event_tasks(
    "documents", CONSUMER, OUTBOX, lambda: runtime.database("documents")
)
