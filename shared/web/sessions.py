"""Ending a signed-in session for good. The session cookie is signed, not stored: a copy taken
before logout (a shared computer, a stolen backup) would sign its holder in until it expires.
Each sign-in therefore names its session with a random id; logout records the id in Redis as
ended until the cookie would have expired anyway, and a cookie naming an ended id (or none)
signs nobody in. A bearer token carries an id of its own, ended the same way when its holder
revokes it (`DELETE /api/v1/auth/token`).

When Redis cannot be reached an ended id is not recorded or not seen (and this is logged), as
with the rate limits: an outage must not sign everybody out; logout still clears the cookie.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

import redis
from flask import session

from shared.web.ratelimit import limiter

log = logging.getLogger(__name__)

KEY = "sid"
LIFETIME = timedelta(hours=12)  # the session cookie's own lifetime (account.SESSION_LIFETIME)


def begin(sid: str | None = None) -> None:
    """Name the session being signed in (its old contents are already cleared): `sid`, the id
    its signed claims carry, or a new one."""
    session[KEY] = sid or secrets.token_urlsafe(24)


def current_id() -> str | None:
    sid = session.get(KEY)
    return sid if isinstance(sid, str) and sid else None


def end() -> None:
    """Record this session as ended, then clear the cookie."""
    sid = current_id()
    if sid is not None:
        end_id(sid, LIFETIME)
    session.clear()


def end_id(sid: str, lifetime: timedelta) -> None:
    """Record `sid` (a session's, or a bearer token's) as ended for `lifetime`, as long as
    what it names could still be used."""
    current = limiter()
    if current is None:
        return
    try:
        current.client.set(_key(current.prefix, sid), b"1", ex=lifetime)
    except redis.RedisError as exc:
        log.warning("ended session not recorded, Redis unavailable: %s", exc)


def is_ended(sid: str) -> bool:
    current = limiter()
    if current is None:
        return False
    try:
        return bool(current.client.exists(_key(current.prefix, sid)))
    except redis.RedisError as exc:
        log.warning("ended sessions not checked, Redis unavailable: %s", exc)
        return False


def _key(prefix: str, sid: str) -> str:
    return f"{prefix}session-ended:{hashlib.sha256(sid.encode()).hexdigest()[:32]}"
