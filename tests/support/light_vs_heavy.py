"""A Celery app for the topology test: a render that holds its slot until released, and a
confirmation, routed by SIPINDA's own rules (shared.celery) to the queues they really use."""

from __future__ import annotations

import time

import redis
from celery import shared_task

from shared import runtime

app = runtime.celery_app()
LOG = "topology:log"
RELEASE = "topology:release"


def _client() -> redis.Redis:
    settings = runtime.settings()
    assert settings.redis_url is not None
    return redis.Redis.from_url(settings.redis_url)


@shared_task(name="documents.render_held")  # type: ignore[untyped-decorator]
def render_held(label: str) -> None:
    client = _client()
    client.rpush(LOG, f"render-started:{label}")
    deadline = time.monotonic() + 120
    while not client.exists(RELEASE) and time.monotonic() < deadline:
        time.sleep(0.05)
    client.rpush(LOG, f"render-done:{label}")


@shared_task(name="submission.confirm_delivery")  # type: ignore[untyped-decorator]
def confirm(event_id: str) -> None:
    _client().rpush(LOG, f"confirmed:{event_id}")
