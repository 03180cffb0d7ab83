"""The review service's Celery tasks: the event tasks and the beat's two periodic scans.

The beat only wakes the scans every few minutes; what is due lives in the database
(`assignments.due_at`, `reminded_at`), so nothing waits in the broker with a long ETA and a
changed due date takes effect at the next scan.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from services.review import batch, operations
from services.review.consumers import CONSUMER
from services.review.models import OUTBOX
from shared import runtime
from shared.outbox import utcnow
from shared.tasks import TRANSIENT, define_event_tasks

SCAN_SECONDS = 300.0

handle_event, confirm_delivery = define_event_tasks(
    "review", CONSUMER, OUTBOX, lambda: runtime.database("review")
)


@shared_task(name="review.send_reminders", acks_late=True, autoretry_for=TRANSIENT,  # type: ignore[untyped-decorator]
             retry_backoff=True, max_retries=3)  # fmt: skip
def send_reminders() -> int:
    with runtime.database("review").session() as session:
        return operations.send_reminders(
            session, utcnow(), runtime.settings().evaluators_per_proposal
        )


@shared_task(name="review.release_overdue", acks_late=True, autoretry_for=TRANSIENT,  # type: ignore[untyped-decorator]
             retry_backoff=True, max_retries=3)  # fmt: skip
def release_overdue() -> int:
    """Release overdue reviews (each replaced at once), then retry proposals left waiting."""
    k = runtime.settings().evaluators_per_proposal
    with runtime.database("review").session() as session:
        released = operations.release_overdue(session, utcnow(), k)
        operations.assign_waiting(session, k)
        return released


@shared_task(name="review.plan_batch", acks_late=True, autoretry_for=TRANSIENT,  # type: ignore[untyped-decorator]
             retry_backoff=True, max_retries=3)  # fmt: skip
def plan_batch(run_id: int) -> str:
    """Plan a batch run in the background (progress and cancel live in its row)."""
    return batch.plan(
        runtime.database("review").session, run_id, runtime.settings().evaluators_per_proposal
    )


# For `celery beat` (`app.conf.beat_schedule.update(BEAT_SCHEDULE)`): short, fixed intervals.
BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "review-reminders": {"task": "review.send_reminders", "schedule": SCAN_SECONDS},
    "review-overdue": {"task": "review.release_overdue", "schedule": SCAN_SECONDS},
}
