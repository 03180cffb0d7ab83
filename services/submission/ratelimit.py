"""Rate limit on submit: at most `LIMIT` attempts to submit one proposal by one user in `WINDOW`
seconds, counted in Redis. It fails open: with Redis away, submitting still works (the outbox
keeps every event), only the limit is not counted."""

from __future__ import annotations

import logging
from functools import cache

import redis

from services.submission.errors import RateLimited
from shared import runtime
from shared.redis_client import asking_once

log = logging.getLogger(__name__)
LIMIT = 5
WINDOW = 600


@cache
def _client(url: str) -> redis.Redis:
    return asking_once(url)


def count_attempt(client: redis.Redis, key: str, window: int) -> int:
    """This attempt's number in its window (the window starts at the first attempt)."""
    pipe = client.pipeline()
    pipe.set(key, 0, ex=window, nx=True)  # the first attempt opens the window
    pipe.incr(key)
    _, attempts = pipe.execute()
    return int(attempts)


def check_submit(user_id: int, proposal_id: int) -> None:
    """Count this attempt; refuse it past `LIMIT` in the window."""
    settings = runtime.settings()
    if not settings.redis_url:
        return
    key = f"{settings.redis_prefix}ratelimit:submit:{user_id}:{proposal_id}"
    try:
        attempts = count_attempt(_client(settings.redis_url), key, WINDOW)
    except redis.RedisError as exc:
        log.warning("submit rate limit not counted: %s", exc)
        return
    if attempts > LIMIT:
        raise RateLimited(message_key="proposal.too_many_submits", values={"minutes": WINDOW // 60})
