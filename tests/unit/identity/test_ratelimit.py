"""The Redis rate limiter on a real Redis: counting, windows, keys without personal data, two
clients (as two processes would be) sharing one count, and a Redis outage letting requests by."""

from __future__ import annotations

import secrets

import redis

from shared import runtime
from shared.redis_client import asking_once
from shared.web.ratelimit import Limit, RateLimiter
from tests.support.servers import free_port, wait_until


def fresh_limiter() -> RateLimiter:
    settings = runtime.settings()
    assert settings.redis_url
    prefix = f"{settings.redis_prefix}rl-test-{secrets.token_hex(3)}:"
    return RateLimiter(redis.Redis.from_url(settings.redis_url), prefix)


def test_allows_up_to_the_count_then_refuses(sipinda_env: dict[str, str]) -> None:
    limiter = fresh_limiter()
    limit = Limit("uji", 3, 600)
    decisions = [limiter.hit(limit, "ani@dinkes.go.id") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert 0 < decisions[-1].retry_after <= 600
    assert limiter.hit(limit, "budi@dinkes.go.id").allowed  # another key has its own count


def test_peek_does_not_count(sipinda_env: dict[str, str]) -> None:
    limiter = fresh_limiter()
    limit = Limit("uji", 2, 600)
    for _ in range(5):
        assert limiter.peek(limit, "k").allowed
    limiter.hit(limit, "k")
    limiter.hit(limit, "k")
    assert not limiter.peek(limit, "k").allowed


def test_two_clients_share_one_count(sipinda_env: dict[str, str]) -> None:
    one = fresh_limiter()
    two = RateLimiter(redis.Redis.from_url(runtime.settings().redis_url or ""), one.prefix)
    limit = Limit("bersama", 2, 600)
    assert one.hit(limit, "10.0.0.1").allowed
    assert two.hit(limit, "10.0.0.1").allowed
    assert not one.hit(limit, "10.0.0.1").allowed


def test_the_window_ends(sipinda_env: dict[str, str]) -> None:
    limiter = fresh_limiter()
    limit = Limit("singkat", 1, 1)
    limiter.hit(limit, "k")
    assert not limiter.peek(limit, "k").allowed
    wait_until(lambda: limiter.peek(limit, "k").allowed, timeout=10, what="the window to end")
    assert limiter.hit(limit, "k").allowed


def test_keys_hold_no_personal_data(sipinda_env: dict[str, str]) -> None:
    limiter = fresh_limiter()
    limiter.hit(Limit("login-account", 5, 600), "ani@dinkes.go.id")
    keys = [k.decode() for k in limiter.client.scan_iter(match=f"{limiter.prefix}*")]
    assert len(keys) == 1
    assert "ani" not in keys[0]
    assert "dinkes" not in keys[0]
    limiter.reset(Limit("login-account", 5, 600), "ani@dinkes.go.id")
    assert list(limiter.client.scan_iter(match=f"{limiter.prefix}*")) == []


def test_redis_away_lets_requests_through() -> None:
    down = asking_once(f"redis://127.0.0.1:{free_port()}/0", timeout=0.2)  # as the app's
    limiter = RateLimiter(down, "sipinda-test-down:")
    limit = Limit("uji", 1, 60)
    assert all(limiter.hit(limit, "k").allowed for _ in range(3))
    assert limiter.peek(limit, "k").allowed
