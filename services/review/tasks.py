"""The review service's Celery tasks: `review.handle_event` and `review.confirm_delivery`."""

from __future__ import annotations

from services.review.consumers import CONSUMER
from services.review.models import OUTBOX
from shared import runtime
from shared.tasks import define_event_tasks

handle_event, confirm_delivery = define_event_tasks(
    "review", CONSUMER, OUTBOX, lambda: runtime.database("review")
)
