"""Uji publik's rules, pure: when a call's objection window ends, whether a filing is still in
it (to the second), what an objection must say. No session, no clock, no Flask."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from shared.timezone import WIB

DEFAULT_DAYS = 5
MIN_REASON = 30  # characters: a reason, not a word
MAX_REASON = 5000
MAX_NAME = 200
OUTCOMES = ("upheld", "dismissed")
SHOWN = ("finalist", "winner")  # the decisions the public page lists (and one may object to)


def window_end(opened_at: datetime, days: int) -> datetime:
    """The window's last second, in UTC: `days` calendar days after the day it opened (on the
    WIB clock), at 23:59:59 WIB. Opened on 29 January with 5 days: 3 February, 23:59:59 WIB."""
    if days < 1:
        raise ValueError("an objection window lasts at least one day")
    day = opened_at.astimezone(WIB).date() + timedelta(days=days)
    return datetime.combine(day, time(23, 59, 59), tzinfo=WIB).astimezone(UTC)


def still_open(now: datetime, closes_at: datetime) -> bool:
    """A filing is in the window while its second is not past the last one: 23:59:59.999 is
    in, 00:00:00 the next day is out."""
    return now.replace(microsecond=0) <= closes_at


def reason_problem(reason: str) -> tuple[str, dict[str, int]] | None:
    """The message key (and its values) when the reason is too short or too long."""
    length = len(reason.strip())
    if length < MIN_REASON:
        return "review.objection.reason_short", {"n": MIN_REASON}
    if length > MAX_REASON:
        return "review.objection.reason_long", {"n": MAX_REASON}
    return None


def name_problem(name: str) -> tuple[str, dict[str, int]] | None:
    if not name.strip():
        return "review.objection.name_needed", {}
    if len(name.strip()) > MAX_NAME:
        return "review.objection.name_long", {"n": MAX_NAME}
    return None


def email_problem(email: str) -> tuple[str, dict[str, int]] | None:
    """A plausible address (one `@`, a dot after it, no spaces); the mailed link proves it."""
    local, at, domain = email.partition("@")
    if not at or not local or "." not in domain.strip(".") or " " in email or len(email) > 254:
        return "review.objection.email_invalid", {}
    return None
