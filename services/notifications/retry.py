"""When to try a notification again: pure arithmetic, no clock of its own.

Exponential backoff from 30 seconds, doubling, capped at one hour between attempts; after the
retry window (24 hours by default) since the notification was queued, a transient failure
counts as a permanent one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)


def delay_after(attempts: int, first: timedelta = FIRST_DELAY) -> timedelta:
    """The pause after the `attempts`-th failed attempt (1 → 30 s, 2 → 60 s, … ≤ 1 h)."""
    factor = 1 << min(max(attempts - 1, 0), 20)
    return min(first * factor, MAX_DELAY)


def next_attempt(
    created_at: datetime,
    now: datetime,
    attempts: int,
    window: timedelta,
    first: timedelta = FIRST_DELAY,
) -> datetime | None:
    """When to try again, or None when the window is over and it should fail for good."""
    if now - created_at >= window:
        return None
    return min(now + delay_after(attempts, first), created_at + window)
