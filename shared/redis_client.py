"""Redis clients that report at once when Redis is away.

redis-py (6 and later) retries a failed command ten times with a growing pause: a refused
connection reports after about 4.6 s, a server that does not answer after more. Where SIPINDA
talks to Redis outside Celery, it knows what to do when Redis is away — let the request through
(rate limits), say "unknown" (/readyz, the system page, metrics), pace locally (mail) — so it
asks once and goes on, rather than holding a request or a worker for seconds."""

from __future__ import annotations

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry


def asking_once(url: str, timeout: float = 0.5) -> redis.Redis:
    """A client for `url` that waits `timeout` seconds at most to connect and for each answer,
    and never retries."""
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )
