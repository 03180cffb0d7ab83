"""The pure policies of sign-in failures: per address (`address_backoff`) and per account
(`next_state`): an address past its budget is told to wait longer and longer, never refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.identity.lockout import (
    DEFAULT_POLICY,
    AddressPolicy,
    address_backoff,
    next_state,
)

POLICY = AddressPolicy(budget=30, first_wait=2, max_wait=900)


def test_within_the_budget_no_wait() -> None:
    assert [address_backoff(n, POLICY) for n in (0, 1, 29, 30)] == [None] * 4


def test_past_the_budget_the_wait_doubles_up_to_the_window() -> None:
    waits = [address_backoff(n, POLICY) for n in range(31, 42)]
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]
    assert address_backoff(10**9, POLICY) == 900  # no overflow, whatever the count


def test_the_account_locks_after_its_own_failures_only() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    failures, lock = 0, None
    for i in range(DEFAULT_POLICY.max_failures - 1):
        failures, lock = next_state(failures, now if i else None, now, DEFAULT_POLICY)
        assert lock is None
    failures, lock = next_state(failures, now, now, DEFAULT_POLICY)
    assert lock == now + DEFAULT_POLICY.lock_for
    later = now + DEFAULT_POLICY.forget_after + timedelta(seconds=1)
    assert next_state(5, now, later, DEFAULT_POLICY) == (1, None)  # old failures forgotten
