"""The notifications service's Celery tasks: `notifications.handle_event` (sending is the
follow-up of handling an event), and the beat's `notifications.deliver_due` and
`notifications.send_digest` (its confirmations: services/platform/confirmations.py)."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from celery.signals import worker_ready

from services.notifications import beat, delivery, digest, webhook
from services.notifications.config import notify_settings
from services.notifications.consumers import CONSUMER
from services.notifications.mailer import mailer_from_url
from services.notifications.pacing import pace_for
from shared import runtime
from shared.tasks import define_handle_event

log = logging.getLogger(__name__)

handle_event = define_handle_event("notifications", CONSUMER)


@shared_task(name="notifications.deliver_due", acks_late=True)  # type: ignore[untyped-decorator]
def deliver_due() -> int:
    settings = runtime.settings()
    notify = notify_settings(settings)
    database = runtime.database("notifications")
    sent = delivery.deliver_due(
        database,
        mailer_from_url(settings.smtp_url),
        settings,
        notify=notify,
        pace=pace_for(settings, notify),
    )
    return sent + webhook.deliver_due(database, notify, settings.base_url)


@shared_task(name="notifications.send_digest", acks_late=True)  # type: ignore[untyped-decorator]
def send_digest() -> int:
    queued = digest.queue_digest(runtime.database("notifications"), runtime.settings())
    deliver_due.delay()
    return queued


@worker_ready.connect  # type: ignore[untyped-decorator]
def _start_beat(sender: Any = None, **_: object) -> None:
    """Every worker that consumes the notifications queue runs the beat (firings are claimed
    in the database, so several beats fire each run once). `NOTIFY_BEAT=0` turns it off, for
    a deployment that runs `sipinda notifications-beat` on its own."""
    try:
        queues = set(sender.app.amqp.queues.consume_from)
    except AttributeError:
        return
    if "notifications" not in queues or not notify_settings().beat_in_worker:
        return
    app = runtime.celery_app()
    beat.start_thread(
        runtime.database("notifications"),
        lambda task: app.send_task(task, queue="notifications"),
    )
    log.info("notifications beat started")
