"""The review service's Celery tasks: the event tasks and the beat's two periodic scans.

The beat only wakes the scans every few minutes; what is due lives in the database
(`assignments.due_at`, `reminded_at`), so nothing waits in the broker with a long ETA and a
changed due date takes effect at the next scan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from celery import shared_task
from celery.signals import worker_ready

from services.review import assignment, batch, bootstrap, objections
from services.review.consumers import CONSUMER
from services.review.models import SCHEDULE
from shared import runtime
from shared.beat import Beat, Default
from shared.outbox import utcnow
from shared.tasks import TRANSIENT, define_handle_event

SCAN_SECONDS = 300.0
log = logging.getLogger(__name__)

handle_event = define_handle_event("review", CONSUMER)


@shared_task(name="review.send_reminders", acks_late=True, autoretry_for=TRANSIENT,  # type: ignore[untyped-decorator]
             retry_backoff=True, max_retries=3)  # fmt: skip
def send_reminders() -> int:
    with bootstrap.session() as session:
        return assignment.send_reminders(session, utcnow(), bootstrap.k_default())


@shared_task(name="review.release_overdue", acks_late=True, autoretry_for=TRANSIENT,  # type: ignore[untyped-decorator]
             retry_backoff=True, max_retries=3)  # fmt: skip
def release_overdue() -> int:
    """Release overdue reviews (each replaced at once), then retry proposals left waiting."""
    k = bootstrap.k_default()
    with bootstrap.session() as session:
        released = assignment.release_overdue(session, utcnow(), k)
        assignment.assign_waiting(session, k)
        return released


@shared_task(name="review.finalize_objections", acks_late=True, autoretry_for=TRANSIENT,  # type: ignore[untyped-decorator]
             retry_backoff=True, max_retries=3)  # fmt: skip
def finalize_objections() -> int:
    """Publish the held decisions of every call whose objection window has closed with each
    objection resolved (one transaction per call; a second beat's run finds nothing to claim)."""
    finalized = 0
    with bootstrap.session() as session:
        calls = objections.due(session, utcnow())
    for call_id in calls:
        with bootstrap.session() as session:
            if objections.finalize(session, call_id, utcnow()) is not None:
                finalized += 1
    return finalized


@shared_task(name="review.plan_batch", acks_late=True, autoretry_for=TRANSIENT,  # type: ignore[untyped-decorator]
             retry_backoff=True, max_retries=3)  # fmt: skip
def plan_batch(run_id: int) -> str:
    """Plan a batch run in the background (progress and cancel live in its row)."""
    return batch.plan(bootstrap.session, run_id, bootstrap.k_default())


# The review beat (`shared/beat.py`): the scans run every few minutes from `review_schedule`,
# in every worker that consumes the review queue (firings are claimed in the database).
BEAT = Beat(
    "review",
    SCHEDULE,
    (
        Default("review-reminders", "review.send_reminders", timedelta(seconds=SCAN_SECONDS)),
        Default("review-overdue", "review.release_overdue", timedelta(seconds=SCAN_SECONDS)),
        # Uji publik: a closed window's decisions become final within a minute.
        Default("review-objections", "review.finalize_objections", timedelta(seconds=60)),
    ),
)


@worker_ready.connect  # type: ignore[untyped-decorator]
def _start_beat(sender: Any = None, **_: object) -> None:
    if BEAT.start_in_worker(sender, "review", bootstrap.database, runtime.celery_app) is None:
        return
    app = runtime.celery_app()
    resume_batches(lambda run_id: app.send_task("review.plan_batch", args=[run_id], queue="review"))


def resume_batches(send: Callable[[int], object]) -> list[int]:
    """Queue again every batch run not planned yet: one whose worker was killed mid-plan holds
    its task unacknowledged in Redis for an hour. A run still being planned by a live worker
    is planned twice; both write the same plan."""
    try:
        with bootstrap.session() as session:
            runs = batch.unfinished(session)
        for run_id in runs:
            send(run_id)
            log.info("batch run %s resumed", run_id)
    except Exception as exc:  # the database or Redis away at start: the admin may start another
        log.warning("could not resume batch runs: %s", exc)
        return []
    return runs
