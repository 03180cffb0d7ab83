"""The documents service's Celery tasks: `documents.handle_event` (rendering happens while
handling events, on the documents queue), `documents.run_job` for the admin's on-demand
documents, and `documents.issue_due_letters`, fired by the documents beat, for the letters of
assignment (its confirmations: services/platform/confirmations.py)."""

from __future__ import annotations

import gc
import logging
from datetime import timedelta
from typing import Any

from celery import shared_task
from celery.signals import worker_init, worker_ready

from services.documents import jobs, letters, rendering
from services.documents.bootstrap import press
from services.documents.consumers import CONSUMER
from services.documents.models import SCHEDULE
from services.documents.weasy import FAST_FONT_SUBSETTING, font_subsetting
from shared import runtime
from shared.beat import Beat, Default
from shared.outbox import utcnow
from shared.tasks import TRANSIENT, define_handle_event

# A batch of a few hundred certificates renders each one and then the merged PDF: longer than
# the default task limit, well below the broker's visibility timeout.
JOB_TIME_LIMIT = 1800
LETTER_TICK = 5  # seconds between looks for due letters
log = logging.getLogger(__name__)

handle_event = define_handle_event("documents", CONSUMER)


@shared_task(  # type: ignore[untyped-decorator]
    name="documents.run_job", acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True,
    max_retries=5, time_limit=JOB_TIME_LIMIT, soft_time_limit=JOB_TIME_LIMIT - 60,
)  # fmt: skip
def run_job(job_id: int) -> str:
    return jobs.run(runtime.database("documents"), job_id, press())


@shared_task(  # type: ignore[untyped-decorator]
    name="documents.issue_due_letters", acks_late=True, autoretry_for=TRANSIENT,
    retry_backoff=True, max_retries=3,
)  # fmt: skip
def issue_due_letters() -> int:
    """The evaluators' letters of assignment whose burst is over (services/documents/letters)."""
    return letters.issue_due(runtime.database("documents"), press(), utcnow())


# The documents beat (`shared/beat.py`): due letters every few seconds, from
# `documents_schedule`, in every worker that consumes the documents queue (firings are claimed
# in the database, so any number of workers fire each run once).
BEAT = Beat(
    "documents",
    SCHEDULE,
    (Default("letters-due", "documents.issue_due_letters", timedelta(seconds=LETTER_TICK)),),
)


@worker_ready.connect  # type: ignore[untyped-decorator]
def _start_beat(sender: Any = None, **_: object) -> None:
    BEAT.start_in_worker(
        sender, "documents", lambda: runtime.database("documents"), runtime.celery_app
    )


@worker_init.connect  # type: ignore[untyped-decorator]
def _warm_renderer(sender: Any, **_: object) -> None:
    """In a worker that takes the documents queue, before its pool forks: WeasyPrint's fonts,
    the house style and the templates loaded once, shared by every pool and render child
    (frozen out of the garbage collector's reach, so that their pages stay shared)."""
    if "documents" in sender.app.amqp.queues.consume_from:
        if not FAST_FONT_SUBSETTING:
            log.warning("documents: fonts are subset by %s", font_subsetting())
        rendering.warm_up()
        gc.freeze()
