"""The Celery application factory: one queue per service, JSON only, late acks.

Routing is by task-name prefix (`<service>.<verb_noun>` → queue `<service>`), in one place.
Documents renders PDFs on its own queue with prefetch 1, so mail never waits behind rendering;
every confirmation of a delivery goes to the `confirmations` queue, so none waits there either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import redis
from celery import Celery
from celery.signals import task_failure, task_retry
from kombu.entity import Exchange, Queue

from shared import trouble
from shared.config import CONFIRMATIONS, QUEUE_OF, QUEUES, SERVICES, Settings
from shared.redis_client import asking_once

log = logging.getLogger(__name__)

VISIBILITY_TIMEOUT = 3600  # seconds; above the longest task's hard time limit
TASK_TIME_LIMIT = 300
TASK_SOFT_TIME_LIMIT = 240


def celery_config(settings: Settings, broker_url: str) -> dict[str, Any]:
    transport = {
        "visibility_timeout": VISIBILITY_TIMEOUT,
        "global_keyprefix": settings.redis_prefix,
        # Fail fast when Redis is away: the outbox keeps the event and the relay tries again.
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    }
    return {
        "broker_url": broker_url,
        "broker_transport_options": transport,
        "broker_connection_retry_on_startup": True,
        "broker_connection_timeout": 2,
        "task_serializer": "json",
        "accept_content": ["json"],
        "result_serializer": "json",
        "task_ignore_result": True,
        "result_backend": None,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": True,
        "worker_prefetch_multiplier": 1,
        "task_time_limit": TASK_TIME_LIMIT,
        "task_soft_time_limit": TASK_SOFT_TIME_LIMIT,
        "task_publish_retry": True,
        "task_publish_retry_policy": {
            "max_retries": 1,
            "interval_start": 0,
            "interval_step": 0.2,
            "interval_max": 0.5,
        },
        "task_queues": [
            Queue(name, Exchange(name), routing_key=name)  # type: ignore[no-untyped-call]
            for name in QUEUES
        ],
        "task_default_queue": "submission",
        "task_routes": {  # in order: the first pattern that matches a task's name wins
            "*.confirm_delivery": {"queue": CONFIRMATIONS, "routing_key": CONFIRMATIONS},
            **{
                f"{name}.*": {"queue": queue_of(name), "routing_key": queue_of(name)}
                for name in (*SERVICES, *QUEUE_OF)
            },
        },
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "task_send_sent_event": False,
        "enable_utc": True,
        "timezone": "Asia/Jakarta",
    }


def create_celery(settings: Settings, include: list[str] | None = None) -> Celery:
    app = Celery("sipinda", include=include or [])
    app.conf.update(celery_config(settings, settings.redis_url or "redis://127.0.0.1:6379/0"))
    _count_trouble(settings)
    return app


_trouble_board: dict[str, Any] = {}  # the Redis and key prefix of this process's latest app


def _count_trouble(settings: Settings) -> None:
    """Every retry and failure of a task of this process: counted for /admin/system and logged
    at the level it means (shared.trouble). Connected once; the board follows the latest app."""
    _trouble_board["client"] = asking_once(settings.redis_url or "redis://127.0.0.1:6379/0")
    _trouble_board["prefix"] = settings.redis_prefix
    task_retry.connect(_on_retry, weak=False, dispatch_uid="sipinda.trouble.retry")
    task_failure.connect(_on_failure, weak=False, dispatch_uid="sipinda.trouble.failure")


def note_trouble(task: str, state: str, reason: str) -> None:
    """Count trouble that is not a task's own retry or failure (a document that cannot be
    rendered, recorded as handled): on the same board, when this process has an app."""
    if "client" in _trouble_board:
        trouble.record(_trouble_board["client"], _trouble_board["prefix"], task, state, reason)


def _on_retry(sender: Any = None, reason: Any = None, **_: Any) -> None:
    # `reason` is Celery's Retry; the exception that caused it is its `exc`.
    exc = getattr(reason, "exc", None)
    exc = exc if isinstance(exc, BaseException) else None
    text = trouble.reason_of(exc) if exc is not None else str(reason)[: trouble.REASON_CHARS]
    name = getattr(sender, "name", str(sender))
    log.log(trouble.level_of(trouble.RETRYING, exc), "%s will be retried: %s", name, text)
    trouble.record(_trouble_board["client"], _trouble_board["prefix"], name, trouble.RETRYING,
                   text)  # fmt: skip


def _on_failure(sender: Any = None, exception: BaseException | None = None, **_: Any) -> None:
    name = getattr(sender, "name", str(sender))
    trouble.record(_trouble_board["client"], _trouble_board["prefix"], name, trouble.FAILED,
                   trouble.reason_of(exception))  # fmt: skip


def queue_of(service: str) -> str:
    """The queue a service's tasks run on: its own, or the one it borrows (`QUEUE_OF`)."""
    return QUEUE_OF.get(service, service)


def handle_event_task(service: str) -> str:
    """The name of the task that feeds one envelope to a service's consumer."""
    return f"{service}.handle_event"


def confirm_delivery_task(service: str) -> str:
    """The name of the task by which a consumer confirms a delivery to its producer."""
    return f"{service}.confirm_delivery"


def queue_backlog(settings: Settings) -> Callable[[str], int]:
    """How many messages wait in a service's queue: the length of its Redis list (SIPINDA sends
    no priorities, so kombu keeps each queue in one list under the key prefix). The relay holds
    back a redelivery while it is long. 0 when Redis cannot tell at once: the send that follows
    finds out."""
    client = asking_once(settings.redis_url or "redis://127.0.0.1:6379/0")

    def backlog(queue: str) -> int:
        try:
            return int(client.llen(f"{settings.redis_prefix}{queue}"))
        except redis.RedisError:
            return 0

    return backlog
