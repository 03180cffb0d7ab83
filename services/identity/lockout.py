"""Account lock after repeated failed logins, the same for every e-mail address.

Failures are counted per address whether or not an account has it, so a lock (or its absence)
never tells anyone which addresses are registered. The count lives in the identity database:
it is shared by every web process and survives a Redis restart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.identity.models import LoginThrottle


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 10
    lock_for: timedelta = timedelta(minutes=15)
    # Failures further apart than this start counting again from one.
    forget_after: timedelta = timedelta(minutes=15)


DEFAULT_POLICY = LockoutPolicy()


@dataclass(frozen=True)
class AddressPolicy:
    """What failures from one network address (an office behind one NAT, a guesser) earn.
    Never a refusal of a right password: the account's own lock guards each account; past
    `budget` failures in the window, each further wrong password from the address is answered
    429 with a wait that doubles from `first_wait` up to `max_wait` seconds."""

    budget: int = 30
    first_wait: int = 2
    max_wait: int = 900


DEFAULT_ADDRESS_POLICY = AddressPolicy()


def address_backoff(failures: int, policy: AddressPolicy = DEFAULT_ADDRESS_POLICY) -> int | None:
    """Pure: seconds to tell a client whose address has `failures` failed sign-ins in the window
    (this one included) to wait before guessing again; None within the budget."""
    excess = failures - policy.budget
    if excess <= 0:
        return None
    return min(policy.max_wait, policy.first_wait << min(excess - 1, 20))


def email_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def next_state(
    failures: int, updated_at: datetime | None, now: datetime, policy: LockoutPolicy
) -> tuple[int, datetime | None]:
    """Pure: the failure count and lock after one more failure at `now`."""
    if updated_at is None or now - updated_at > policy.forget_after:
        failures = 0
    failures += 1
    if failures >= policy.max_failures:
        return 0, now + policy.lock_for
    return failures, None


def locked_until(session: Session, email: str, now: datetime) -> datetime | None:
    row = session.get(LoginThrottle, email_key(email))
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return row.locked_until


def record_failure(
    session: Session, email: str, now: datetime, policy: LockoutPolicy = DEFAULT_POLICY
) -> datetime | None:
    """Count one failed login for `email`; returns the end of the lock when this one locks.

    Concurrent failures all count: the row is written to first (a row lock on PostgreSQL,
    the database write lock on SQLite), then read and updated under that lock."""
    key = email_key(email)
    if session.get(LoginThrottle, key) is None:
        try:
            with session.begin_nested():
                session.execute(insert(LoginThrottle).values(key_hash=key, failures=0))
        except IntegrityError:  # another process inserted it a moment ago
            pass
    session.execute(update(LoginThrottle).where(LoginThrottle.key_hash == key).values(key_hash=key))
    row = session.get(LoginThrottle, key, populate_existing=True)
    assert row is not None
    row.failures, lock = next_state(row.failures, row.updated_at, now, policy)
    row.updated_at = now
    if lock is not None:
        row.locked_until = lock
    session.flush()
    return lock


def clear(session: Session, email: str) -> None:
    """A successful login or password reset forgets the failures (and lifts a lock)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key_hash == email_key(email)))
