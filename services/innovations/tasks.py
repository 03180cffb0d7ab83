"""The innovations service's Celery tasks: `innovations.handle_event` and
`innovations.confirm_delivery`."""

from __future__ import annotations

from services.innovations import bootstrap
from services.innovations.consumers import CONSUMER
from services.innovations.models import OUTBOX
from shared.tasks import define_event_tasks

handle_event, confirm_delivery = define_event_tasks(
    "innovations", CONSUMER, OUTBOX, bootstrap.database
)
