"""Password hashing with argon2id.

Every environment but the test suite's uses argon2-cffi's defaults, which follow RFC 9106's
recommendation (about 0.15 s of CPU a hash). The test environment (`SIPINDA_ENV=test`) uses the
library's cheapest argon2id profile, as Django's test settings use a fast hasher: the suite signs
in thousands of times, and what it tests is what is done with a hash, not what one costs."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from shared import runtime

NO_SUCH_USER = "sipinda-no-such-user"


@cache
def _hashing(environment: str) -> tuple[PasswordHasher, str]:
    """The hasher for an environment, and the hash an unknown address is verified against: the
    same work either way keeps sign-in time the same whether the account exists or not."""
    hasher = (
        PasswordHasher.from_parameters(profiles.CHEAPEST)
        if environment == "test"
        else PasswordHasher()
    )
    return hasher, hasher.hash(NO_SUCH_USER)


def _current() -> tuple[PasswordHasher, str]:
    return _hashing(runtime.settings().env)


def hash_password(password: str) -> str:
    return _current()[0].hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches. An account without a usable hash (none, or an imported
    account's placeholder) costs the same verification as a real one and never matches."""
    hasher, dummy = _current()
    stored = password_hash if password_hash and password_hash.startswith("$argon2") else None
    try:
        return hasher.verify(stored or dummy, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (rehash at sign-in)."""
    try:
        return _current()[0].check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
