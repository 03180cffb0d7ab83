"""The two Celery tasks every producer has: feed an event to its consumer (in the service's own
tasks module), confirm a delivery (all of them in `services/platform/confirmations.py`, which
the light worker of the confirmations queue imports without any service's heavier modules)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from celery import shared_task
from sqlalchemy.exc import OperationalError

from shared import outbox, runtime
from shared.celery import confirm_delivery_task
from shared.config import CONFIRMATIONS
from shared.consumer import Consumer
from shared.db import Database
from shared.events import Envelope
from shared.transient import TransientError

log = logging.getLogger(__name__)

TRANSIENT = (OperationalError, ConnectionError, TimeoutError, OSError, TransientError)


def send_confirmation(envelope: Envelope, consumer: str) -> None:
    """Tell the producer that `consumer` has committed this event. Best effort: if it is lost,
    the producer sends the event again and the consumer's inbox makes that a no-op."""
    try:
        runtime.celery_app().send_task(
            confirm_delivery_task(envelope.producer),
            args=[envelope.event_id, consumer],
            queue=CONFIRMATIONS,
        )
    except Exception as exc:
        log.warning("could not confirm %s to %s: %s", envelope.event_id, envelope.producer, exc)


def define_handle_event(service: str, consumer: Consumer) -> Any:
    """`<service>.handle_event`: an event delivered to the service's consumer."""

    @shared_task(  # type: ignore[untyped-decorator]
        name=f"{service}.handle_event",
        acks_late=True,
        autoretry_for=TRANSIENT,
        retry_backoff=True,
        retry_backoff_max=60,
        max_retries=8,
    )
    def handle_event(envelope: dict[str, Any]) -> str:
        return consumer.handle(envelope, send_confirmation)

    return handle_event


def define_confirm_delivery(
    service: str, tables: outbox.OutboxTables, database: Callable[[], Database]
) -> Any:
    """`<service>.confirm_delivery`: a consumer has committed one of the service's events."""

    @shared_task(  # type: ignore[untyped-decorator]
        name=f"{service}.confirm_delivery",
        acks_late=True,
        autoretry_for=TRANSIENT,
        retry_backoff=True,
        max_retries=8,
    )
    def confirm_delivery(event_id: str, consumer_name: str) -> bool:
        with database().session() as session:
            return outbox.confirm(session, tables, event_id, consumer_name)

    return confirm_delivery
