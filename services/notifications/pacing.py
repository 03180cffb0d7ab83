"""Keeping to a mail server's sending rate: at most `rate` messages per second per server,
counted across every worker in Redis (one counter per server and second), or in this process
when there is no Redis. A sender over the budget waits for the next second; nothing is refused.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import redis

from services.notifications.config import NotifySettings
from shared.config import Settings
from shared.redis_client import asking_once

log = logging.getLogger(__name__)
Counter = Callable[[str], int]  # adds one to the named counter, returns its new value


@dataclass
class Pacer:
    """Fixed one-second windows: the n-th send of a second waits for the next one if n > rate."""

    rate: float
    count: Counter
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep

    def __call__(self) -> None:
        if self.rate <= 0:
            return
        while True:
            now = self.clock()
            second = math.floor(now)
            if self.count(str(second)) <= self.rate:
                return
            self.sleep(max(second + 1 - now, 0.001))


@dataclass
class LocalCounter:
    """Counts in this process only (several workers then each keep to the rate)."""

    counts: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, key: str) -> int:
        with self.lock:
            for old in [k for k in self.counts if k < key]:
                del self.counts[old]  # windows only move forward
            self.counts[key] = self.counts.get(key, 0) + 1
            return self.counts[key]


@dataclass
class RedisCounter:
    client: redis.Redis
    prefix: str
    fallback: LocalCounter = field(default_factory=LocalCounter)

    def __call__(self, key: str) -> int:
        name = f"{self.prefix}{key}"
        try:
            pipe = self.client.pipeline()
            pipe.incr(name)
            pipe.expire(name, 5)
            value, _ = pipe.execute()
            return int(value)
        except redis.RedisError as exc:  # Redis away: pace locally rather than not send
            log.warning("rate counter unavailable, pacing locally: %s", exc)
            return self.fallback(key)


def server_of(smtp_url: str | None) -> str:
    parts = urlsplit(smtp_url or "")
    return f"{parts.hostname or 'none'}:{parts.port or ''}"


_pacers: dict[tuple[str, float], Pacer] = {}


def pace_for(settings: Settings, notify: NotifySettings) -> Pacer:
    """One pacer per server and rate in this process, sharing the counter."""
    key = (server_of(settings.smtp_url), notify.smtp_rate)
    if key not in _pacers:
        counter: Counter = LocalCounter()
        if settings.redis_url:
            client = asking_once(settings.redis_url, timeout=2)
            prefix = f"{settings.redis_prefix}notify:rate:{key[0]}:"
            counter = RedisCounter(client, prefix)
        _pacers[key] = Pacer(notify.smtp_rate, counter)
    return _pacers[key]
