"""One-time password-reset links: a random token mailed to the user, only its hash stored.

A token works once, until it expires, and only the newest one a user asked for works.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.identity.models import PasswordReset, User
from services.identity.passwords import hash_password
from shared.db import transition

RESET_TTL = timedelta(hours=1)
MIN_PASSWORD = 10
MAX_PASSWORD = 200


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh token and its hash."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def password_problem(password: str, email: str) -> str | None:
    """Pure: the message key of what is wrong with a new password, or None."""
    if len(password) < MIN_PASSWORD:
        return "account.password_too_short"
    if len(password) > MAX_PASSWORD:
        return "account.password_too_long"
    if password.strip().lower() == email.strip().lower():
        return "account.password_is_email"
    return None


def create_reset(session: Session, user: User, now: datetime, ttl: timedelta = RESET_TTL) -> str:
    """A new link for `user`; earlier unused links stop working. Returns the token (to mail)."""
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    token, digest = new_token()
    session.add(
        PasswordReset(user_id=user.id, token_hash=digest, created_at=now, expires_at=now + ttl)
    )
    session.flush()
    return token


def valid_reset(session: Session, token: str, now: datetime) -> PasswordReset | None:
    """The unused, unexpired link of an active user that `token` names, or None."""
    if not token or len(token) > 100:
        return None
    reset = session.scalars(
        select(PasswordReset).where(PasswordReset.token_hash == token_hash(token))
    ).first()
    if reset is None or reset.used_at is not None or reset.expires_at <= now:
        return None
    user = session.get(User, reset.user_id)
    return reset if user is not None and user.active else None


def consume_reset(session: Session, token: str, password: str, now: datetime) -> User | None:
    """Use the link once: set the new password and return the user; None when the link is
    unknown, used or expired. Two concurrent uses: exactly one wins (a conditional UPDATE)."""
    reset = valid_reset(session, token, now)
    if reset is None:
        return None
    if not transition(session, reset, {"used_at": [None]}, {"used_at": now}):
        return None
    user = session.get(User, reset.user_id)
    assert user is not None
    user.password_hash = hash_password(password)
    session.flush()
    return user
