"""The documents service's Celery tasks: `documents.handle_event` (rendering happens while
handling events, on the documents queue), `documents.confirm_delivery`, and
`documents.run_job` for the admin's on-demand documents."""

from __future__ import annotations

import gc
import logging
from typing import Any

from celery import shared_task
from celery.signals import worker_init

from services.documents import jobs, rendering
from services.documents.bootstrap import press
from services.documents.consumers import CONSUMER
from services.documents.models import OUTBOX
from services.documents.weasy import FAST_FONT_SUBSETTING, font_subsetting
from shared import runtime
from shared.tasks import TRANSIENT, define_event_tasks

# A batch of a few hundred certificates renders each one and then the merged PDF: longer than
# the default task limit, well below the broker's visibility timeout.
JOB_TIME_LIMIT = 1800
log = logging.getLogger(__name__)

handle_event, confirm_delivery = define_event_tasks(
    "documents", CONSUMER, OUTBOX, lambda: runtime.database("documents")
)


@shared_task(  # type: ignore[untyped-decorator]
    name="documents.run_job", acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True,
    max_retries=5, time_limit=JOB_TIME_LIMIT, soft_time_limit=JOB_TIME_LIMIT - 60,
)  # fmt: skip
def run_job(job_id: int) -> str:
    return jobs.run(runtime.database("documents"), job_id, press())


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
