"""A review's due date in words, counted in calendar days in WIB (issue 22: "3 hari lagi",
"terlambat 2 hari")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.review.deadlines import days_left, due_words

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # 10.00 WIB, Thursday 3 December


@pytest.mark.parametrize(
    ("due", "indonesian", "english"),
    [
        (datetime(2026, 12, 6, 10, 0, tzinfo=UTC), "3 hari lagi", "in 3 days"),
        (datetime(2026, 12, 4, 10, 0, tzinfo=UTC), "besok", "tomorrow"),
        (datetime(2026, 12, 3, 10, 0, tzinfo=UTC), "hari ini", "today"),
        (datetime(2026, 12, 3, 1, 0, tzinfo=UTC), "hari ini (sudah lewat)", "today (passed)"),
        (datetime(2026, 12, 2, 10, 0, tzinfo=UTC), "terlambat 1 hari", "1 day late"),
        (datetime(2026, 11, 30, 10, 0, tzinfo=UTC), "terlambat 3 hari", "3 days late"),
    ],
)
def test_the_due_date_in_words(due: datetime, indonesian: str, english: str) -> None:
    assert due_words(due, NOW, "id") == indonesian
    assert due_words(due, NOW, "en") == english


def test_days_are_counted_on_the_calendar_in_wib() -> None:
    """18.00 UTC on the 3rd is already 01.00 WIB on the 4th: tomorrow, not today."""
    assert days_left(datetime(2026, 12, 3, 18, 0, tzinfo=UTC), NOW) == 1
    assert days_left(datetime(2026, 12, 3, 16, 59, tzinfo=UTC), NOW) == 0
