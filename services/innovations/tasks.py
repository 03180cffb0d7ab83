"""The innovations service's Celery tasks: `innovations.handle_event` and the beat's daily
`innovations.send_report_reminders` (its confirmations: services/platform/confirmations.py)."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.signals import worker_ready

from services.innovations import bootstrap, reminders
from services.innovations.beat import BEAT, REMINDERS_TASK
from services.innovations.consumers import CONSUMER
from shared import runtime
from shared.outbox import utcnow
from shared.tasks import TRANSIENT, define_handle_event

handle_event = define_handle_event("innovations", CONSUMER)


@shared_task(name=REMINDERS_TASK, acks_late=True, autoretry_for=TRANSIENT,  # type: ignore[untyped-decorator]
             retry_backoff=True, max_retries=3)  # fmt: skip
def send_report_reminders() -> int:
    """Publish the progress-report reminders due today (each once)."""
    with bootstrap.session() as session:
        return reminders.remind(session, utcnow())


@worker_ready.connect  # type: ignore[untyped-decorator]
def _start_beat(sender: Any = None, **_: object) -> None:
    BEAT.start_in_worker(sender, "innovations", bootstrap.database, runtime.celery_app)
