"""Rate limits kept in Redis, so every web process counts together.

A fixed window per (limit, key): one atomic script increments the counter and starts its
expiry on the first hit. Keys are hashed, so no e-mail address or IP is stored in Redis.
When Redis cannot be reached the request is let through (and logged): the account lock in the
database still bounds password guessing, and a Redis outage must not lock everybody out.

    enforce(Limit("export", 10, 60), str(user.id))  # raises RateLimitError (429) when over

The submission service may reuse it for submit: `enforce(Limit("submit", 20, 60), str(user.id))`.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import redis
from flask import Response, current_app
from flask.sansio.app import App

from shared import runtime
from shared.redis_client import asking_once
from shared.web.errors import ApiError, error_response
from shared.web.i18n import translate

log = logging.getLogger(__name__)

_SCRIPT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
"""


@dataclass(frozen=True)
class Limit:
    """At most `count` hits per `seconds` for one key."""

    name: str
    count: int
    seconds: int


@dataclass(frozen=True)
class Decision:
    allowed: bool
    hits: int
    retry_after: int  # seconds until the window ends


class RateLimitError(ApiError):
    """429 with Retry-After; the message may use `{minutes}` (rounded up)."""

    def __init__(
        self, retry_after: int, code: str = "rate_limited", message_key: str = "error.rate_limited"
    ) -> None:
        minutes = max(1, -(-retry_after // 60))
        super().__init__(429, code, message_key, minutes=minutes)
        self.retry_after = retry_after


class RateLimiter:
    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        self._script = client.register_script(_SCRIPT)

    def key(self, limit: Limit, key: str) -> str:
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        return f"{self.prefix}ratelimit:{limit.name}:{digest}"

    def hit(self, limit: Limit, key: str) -> Decision:
        """Count one hit; allowed while the window holds at most `limit.count` hits."""
        try:
            hits, ttl_ms = self._script(keys=[self.key(limit, key)], args=[limit.seconds * 1000])
        except redis.RedisError as exc:
            log.warning("rate limit %s not checked, Redis unavailable: %s", limit.name, exc)
            return Decision(True, 0, 0)
        retry_after = max(1, -(-int(ttl_ms) // 1000))
        return Decision(int(hits) <= limit.count, int(hits), retry_after)

    def peek(self, limit: Limit, key: str) -> Decision:
        """Whether one more hit would still be allowed, without counting one."""
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.get(self.key(limit, key))
            pipe.pttl(self.key(limit, key))
            raw, ttl_ms = pipe.execute()
        except redis.RedisError as exc:
            log.warning("rate limit %s not checked, Redis unavailable: %s", limit.name, exc)
            return Decision(True, 0, 0)
        hits = int(raw or 0)
        retry_after = max(1, -(-int(ttl_ms) // 1000)) if int(ttl_ms) > 0 else 0
        return Decision(hits < limit.count, hits, retry_after)

    def reset(self, limit: Limit, key: str) -> None:
        try:
            self.client.delete(self.key(limit, key))
        except redis.RedisError as exc:
            log.warning("rate limit %s not reset, Redis unavailable: %s", limit.name, exc)


_limiters: dict[tuple[str, str], RateLimiter] = {}


def limiter() -> RateLimiter | None:
    """This process's limiter for the configured Redis (None when no Redis is configured)."""
    settings = runtime.settings()
    if not settings.redis_url:
        return None
    cache_key = (settings.redis_url, settings.redis_prefix)
    if cache_key not in _limiters:
        client = asking_once(settings.redis_url)
        _limiters[cache_key] = RateLimiter(client, settings.redis_prefix)
    return _limiters[cache_key]


def check(limit: Limit, key: str) -> Decision:
    current = limiter()
    return current.hit(limit, key) if current is not None else Decision(True, 0, 0)


def _enabled() -> bool:
    return current_app.config.get("RATELIMIT_ENABLED", True) is not False


def enforce(limit: Limit, key: str) -> None:
    """Count a hit and raise `RateLimitError` (429 with Retry-After) when over the limit."""
    if _enabled():
        decision = check(limit, key)
        if not decision.allowed:
            raise RateLimitError(decision.retry_after)


def ensure_below(limit: Limit, key: str) -> None:
    """Raise `RateLimitError` when the limit is already reached, without counting a hit (for
    limits that count only failures, with `count_hit` after one)."""
    current = limiter()
    if _enabled() and current is not None:
        decision = current.peek(limit, key)
        if not decision.allowed:
            raise RateLimitError(decision.retry_after)


def count_hit(limit: Limit, key: str) -> Decision | None:
    """Count one hit without refusing; the count as it stands (None when limits are off)."""
    return check(limit, key) if _enabled() else None


def install(app: App) -> None:
    """The 429 answer: the error in the user's language and a Retry-After header."""

    @app.errorhandler(RateLimitError)
    def _limited(exc: RateLimitError) -> Response:
        response = error_response(429, exc.code, translate(exc.message_key, **exc.values))
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
