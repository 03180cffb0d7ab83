"""Submission's Celery tasks: hearing events, confirming the deliveries of its own."""

from services.submission.consumers import CONSUMER
from services.submission.models import OUTBOX
from shared import runtime
from shared.tasks import define_event_tasks

handle_event, confirm_delivery = define_event_tasks(
    "submission", CONSUMER, OUTBOX, lambda: runtime.database("submission")
)
