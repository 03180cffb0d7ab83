"""Dates as Indonesian official documents write them, and in English."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from services.documents.formatting import format_date, local_time, pukul, tanggal_indonesia


def test_tanggal_indonesia_with_weekday() -> None:
    assert tanggal_indonesia(date(2020, 12, 7)) == "Senin, 7 Desember 2020"


def test_tanggal_indonesia_without_weekday() -> None:
    assert tanggal_indonesia(date(2020, 12, 7), weekday=False) == "7 Desember 2020"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2021, 1, 1), "Jumat, 1 Januari 2021"),
        (date(2023, 8, 17), "Kamis, 17 Agustus 2023"),
        (date(2024, 2, 29), "Kamis, 29 Februari 2024"),
        (date(2025, 5, 4), "Minggu, 4 Mei 2025"),
        (date(2025, 3, 1), "Sabtu, 1 Maret 2025"),
    ],
)
def test_every_weekday_and_month_name(value: date, expected: str) -> None:
    assert tanggal_indonesia(value) == expected


def test_english_dates() -> None:
    assert format_date(date(2020, 12, 7), language="en") == "Monday, 7 December 2020"
    assert format_date(date(2020, 12, 7), language="en", weekday=False) == "7 December 2020"


def test_unknown_language_reads_as_indonesian() -> None:
    assert format_date(date(2020, 12, 7), language="jv") == "Senin, 7 Desember 2020"


def test_utc_evening_is_the_next_day_in_cilegon() -> None:
    moment = datetime(2020, 12, 6, 18, 0, tzinfo=UTC)
    assert tanggal_indonesia(local_time(moment)) == "Senin, 7 Desember 2020"
    assert pukul(moment) == "pukul 01.00 WIB"


def test_naive_datetime_is_taken_as_utc() -> None:
    assert pukul(datetime(2020, 12, 7, 7, 30)) == "pukul 14.30 WIB"


def test_other_time_zone_is_converted() -> None:
    wita = timezone(timedelta(hours=8))
    assert pukul(datetime(2020, 12, 7, 15, 30, tzinfo=wita)) == "pukul 14.30 WIB"
