"""Numbers, percentages, dates and times as each language writes them (Babel, CLDR)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared import formats

NBSP = "\u00a0"


def test_scores_take_the_language_s_decimal_separator() -> None:
    assert formats.number(7.27, "id", 2) == "7,27"
    assert formats.number(7.27, "en", 2) == "7.27"
    assert formats.number(0, "id", 3) == "0,000"
    assert formats.number(7.2, "id", 2) == "7,20"  # fixed decimals
    assert formats.number(1234.5, "id") == "1.234,5"  # as many as needed, grouped
    assert formats.number(1234.5, "en") == "1,234.5"
    assert formats.number(12, "id", 0) == "12"


def test_weights_stored_as_fractions_read_as_percentages() -> None:
    assert formats.percent(0.15, "id") == f"15{NBSP}%"
    assert formats.percent(0.15, "en") == "15%"
    assert formats.percent(0.125, "id") == f"12,5{NBSP}%"
    assert formats.percent(0.125, "en") == "12.5%"
    assert formats.percent(1, "id") == f"100{NBSP}%"
    assert formats.percent(0.8734, "id", 0) == f"87{NBSP}%"
    assert formats.percent(0.8734, "en", 1) == "87.3%"


def test_moments_are_shown_in_wib() -> None:
    utc = datetime(2026, 12, 3, 8, 41, 5, tzinfo=UTC)
    assert formats.moment(utc, "id") == "3 Desember 2026, 15.41 WIB"
    assert formats.moment(utc, "en") == "3 December 2026, 15:41 WIB"
    assert formats.moment(utc, "id", seconds=True) == "3 Desember 2026, 15.41.05 WIB"
    naive = datetime(2026, 12, 31, 20, 0)  # taken as UTC, as SQLite returns it
    assert formats.moment(naive, "id") == "1 Januari 2027, 03.00 WIB"
    assert formats.clock(utc, "id") == "15.41.05"
    assert formats.clock(utc, "en") == "15:41:05"


def test_dates_with_and_without_their_weekday() -> None:
    assert formats.day(date(2020, 12, 7), "id") == "7 Desember 2020"
    assert formats.day(date(2020, 12, 7), "id", weekday=True) == "Senin, 7 Desember 2020"
    assert formats.day(date(2020, 12, 7), "en", weekday=True) == "Monday, 7 December 2020"


def test_an_unknown_language_reads_as_indonesian() -> None:
    assert formats.number(7.27, "fr", 2) == "7,27"
    assert formats.percent(0.15, "xx") == f"15{NBSP}%"
