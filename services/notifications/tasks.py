"""The notifications service's Celery tasks: `notifications.handle_event` and
`notifications.confirm_delivery` (sending mail is the follow-up of handling an event)."""

from __future__ import annotations

from services.notifications.consumers import CONSUMER
from services.notifications.models import OUTBOX
from shared import runtime
from shared.tasks import define_event_tasks

handle_event, confirm_delivery = define_event_tasks(
    "notifications", CONSUMER, OUTBOX, lambda: runtime.database("notifications")
)
