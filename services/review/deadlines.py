"""How far a review's due date is, in words: "3 hari lagi", "besok", "hari ini", "terlambat 2
hari". Pure: the moment "now" is given; days are counted on the calendar in WIB, as the due date
is shown."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_timedelta

from shared.timezone import to_wib


def days_left(due_at: datetime, now: datetime) -> int:
    """Calendar days from today to the due day in WIB: 0 on the day, negative once past."""
    return (to_wib(due_at).date() - to_wib(now).date()).days


def due_words(due_at: datetime, now: datetime, language: str) -> str:
    from shared.web.i18n import translate_in  # the words, only when shown

    days = days_left(due_at, now)
    if days == 0:
        passed = "review.due_words.late_today" if due_at < now else "review.due_words.today"
        return translate_in(language, passed)
    if days == 1:
        return translate_in(language, "review.due_words.tomorrow")
    span = format_timedelta(timedelta(days=abs(days)), granularity="day", threshold=10_000,
                            locale=language if language in ("id", "en") else "id")  # fmt: skip
    key = "review.due_words.in" if days > 0 else "review.due_words.late"
    return translate_in(language, key, span=span)
