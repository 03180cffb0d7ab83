"""Uji publik's rules: the window's end on the WIB clock (across a month's and a year's end) and
a filing in it to the second."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.review import objection_rules as rules
from shared.timezone import WIB


def test_the_window_ends_n_calendar_days_later_at_the_last_second_wib() -> None:
    opened = datetime(2026, 1, 29, 10, 0, tzinfo=WIB)
    assert rules.window_end(opened, 5) == datetime(2026, 2, 3, 23, 59, 59, tzinfo=WIB)


def test_the_window_crosses_a_month_end_on_the_wib_day_not_the_utc_day() -> None:
    # 31 March 20:00 UTC is already 1 April 03:00 WIB: the days count from 1 April.
    opened = datetime(2026, 3, 31, 20, 0, tzinfo=UTC)
    end = rules.window_end(opened, 5)
    assert end == datetime(2026, 4, 6, 23, 59, 59, tzinfo=WIB)
    assert end.tzinfo == UTC
    assert end == datetime(2026, 4, 6, 16, 59, 59, tzinfo=UTC)


def test_the_window_crosses_a_year_end_and_february() -> None:
    assert rules.window_end(datetime(2026, 12, 30, 9, tzinfo=WIB), 5) == datetime(
        2027, 1, 4, 23, 59, 59, tzinfo=WIB
    )
    assert rules.window_end(datetime(2028, 2, 27, 9, tzinfo=WIB), 2) == datetime(
        2028, 2, 29, 23, 59, 59, tzinfo=WIB
    )


def test_a_window_of_no_days_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        rules.window_end(datetime(2026, 1, 1, tzinfo=UTC), 0)


def test_filing_is_allowed_to_the_last_second_and_refused_one_second_later() -> None:
    end = rules.window_end(datetime(2026, 1, 29, 10, tzinfo=WIB), 5)
    assert rules.still_open(end - timedelta(seconds=1), end)
    assert rules.still_open(end, end)
    assert rules.still_open(end + timedelta(microseconds=999_999), end)  # still 23:59:59
    assert not rules.still_open(end + timedelta(seconds=1), end)  # 00:00:00 the next day


def test_a_reason_needs_enough_words_and_a_name_and_an_address() -> None:
    assert rules.reason_problem("terlalu pendek") == ("review.objection.reason_short", {"n": 30})
    assert rules.reason_problem("x" * rules.MIN_REASON) is None
    assert rules.reason_problem("   " + "x" * 29 + "   ") is not None  # spaces are not a reason
    assert rules.name_problem("  ") == ("review.objection.name_needed", {})
    assert rules.email_problem("warga@contoh.id") is None
    for bad in ("warga", "warga@", "@contoh.id", "warga@contoh", "wa rga@contoh.id"):
        assert rules.email_problem(bad) is not None, bad
