"""Identity's Celery task: the consumers' confirmations of its outbox deliveries.

Identity consumes no event, and has no queue of its own: its task runs on the portal's queue
(`shared.celery.queue_of`), which every deployment's workers already consume.
"""

from __future__ import annotations

from celery import shared_task

from services.identity.models import OUTBOX
from shared import outbox, runtime
from shared.tasks import TRANSIENT


@shared_task(  # type: ignore[untyped-decorator]
    name="identity.confirm_delivery",
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=8,
)
def confirm_delivery(event_id: str, consumer_name: str) -> bool:
    with runtime.database("identity").session() as session:
        return outbox.confirm(session, OUTBOX, event_id, consumer_name)
