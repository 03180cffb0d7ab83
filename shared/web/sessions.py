"""Ending a signed-in session for good. The session cookie is signed, not stored: a copy taken
before logout (a shared computer, a stolen backup) would sign its holder in until it expires.
Each sign-in therefore names its session with a random id; logout records the id in Redis as
ended until the cookie would have expired anyway, and a cookie naming an ended id (or none)
signs nobody in. A bearer token carries an id of its own, ended the same way when its holder
revokes it (`DELETE /api/v1/auth/token`).

An account's sessions and tokens end all together when identity moves its session epoch on (a
deactivation, a new role or agency, a new password): identity records the account's new epoch
here (`end_account`), and every service, whichever its read table still says, refuses claims
signed with an older epoch from the next request on (`is_ended`), so a deactivated person is out
of every service at once rather than once `account.changed` reaches it.

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


def end_account(uid: int, epoch: int, lifetime: timedelta = LIFETIME) -> None:
    """End every session and token of account `uid` signed with an epoch below `epoch`, on
    every service, for as long as any of them could still be used (`lifetime`: a session's or a
    token's whole life, 12 hours both). A later, higher epoch replaces a lower one."""
    current = limiter()
    if current is None:
        return
    key = _account_key(current.prefix, uid)
    try:
        current.client.eval(_RAISE, 1, key, epoch, int(lifetime.total_seconds()))
    except redis.RedisError as exc:
        log.warning("ended account %s not recorded, Redis unavailable: %s", uid, exc)


# Keep the highest epoch recorded (two changes at once, their writes in either order).
_RAISE = """
local held = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > held then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1
"""


def is_ended(sid: str, uid: int | None = None, epoch: int | None = None) -> bool:
    """Whether session (or token) `sid` was ended, or, given its account `uid` and the `epoch`
    it was signed with, whether that account's sessions of an older epoch were (one round
    trip either way)."""
    current = limiter()
    if current is None:
        return False
    keys = [_key(current.prefix, sid)]
    if uid is not None:
        keys.append(_account_key(current.prefix, uid))
    try:
        found = current.client.mget(keys)
    except redis.RedisError as exc:
        log.warning("ended sessions not checked, Redis unavailable: %s", exc)
        return False
    if found[0] is not None:
        return True
    if uid is None or epoch is None or found[1] is None:
        return False
    try:
        return epoch < int(found[1])
    except ValueError:
        return False


def _key(prefix: str, sid: str) -> str:
    return f"{prefix}session-ended:{hashlib.sha256(sid.encode()).hexdigest()[:32]}"


def _account_key(prefix: str, uid: int) -> str:
    return f"{prefix}account-epoch:{uid}"
