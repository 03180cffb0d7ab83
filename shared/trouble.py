"""Work that is retrying or has failed, counted where an operator looks (/admin/system).

Each task that retries or fails is counted per (task, state) with its last reason and time, in
Redis hashes that live a day after their last write: a window onto the last day's trouble, not a
record of truth (the outboxes and each service's own rows are that). Recording never fails the
work it describes: with Redis away it only logs.

The log level says what a retry means: a designed wait (a `TransientError` whose `expected` is
true, such as a mail still being sent under another worker's lease) is INFO without a
traceback; a retry after a real failure is a WARNING with its reason; a task that gave up is an
ERROR.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

import redis

log = logging.getLogger("sipinda.trouble")

RETRYING, FAILED = "retrying", "failed"
WINDOW_SECONDS = 24 * 3600
REASON_CHARS = 300


@dataclass(frozen=True)
class Trouble:
    task: str
    state: str  # RETRYING or FAILED
    count: int
    reason: str
    at: float  # seconds since the epoch, of the last one


def _keys(prefix: str) -> tuple[str, str]:
    return f"{prefix}trouble:count", f"{prefix}trouble:last"


def reason_of(exc: BaseException | None) -> str:
    if exc is None:
        return ""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text[:REASON_CHARS]


def level_of(state: str, exc: BaseException | None) -> int:
    """What a retry or a failure is to an operator (pure)."""
    if state == FAILED:
        return logging.ERROR
    return logging.INFO if getattr(exc, "expected", False) else logging.WARNING


def record(client: redis.Redis, prefix: str, task: str, state: str, reason: str) -> None:
    """Count one retry or failure of `task`, keeping its reason."""
    counts, last = _keys(prefix)
    field = f"{task}|{state}"
    try:
        pipe = client.pipeline()
        pipe.hincrby(counts, field, 1)
        pipe.hset(last, field, json.dumps({"reason": reason, "at": time.time()}))
        pipe.expire(counts, WINDOW_SECONDS)
        pipe.expire(last, WINDOW_SECONDS)
        pipe.execute()
    except redis.RedisError as error:
        log.warning("could not count %s %s (%s): %s", task, state, error, reason)


def board(client: redis.Redis, prefix: str) -> list[Trouble] | None:
    """Every task that retried or failed in the window, the failed first; None without Redis."""
    counts, last = _keys(prefix)
    try:
        numbers = client.hgetall(counts)
        details = client.hgetall(last)
    except redis.RedisError:
        return None
    found = []
    for raw, n in numbers.items():
        field = raw.decode() if isinstance(raw, bytes) else str(raw)
        task, _, state = field.partition("|")
        detail = json.loads(details.get(raw) or details.get(field) or "{}")
        found.append(Trouble(task, state, int(n), detail.get("reason", ""), detail.get("at", 0.0)))
    return sorted(found, key=lambda t: (t.state != FAILED, -t.at))
