"""Dates as Indonesian official documents write them ("Senin, 7 Desember 2020"), and in English.

Pure: the names come from Babel's CLDR data and no process locale is touched, because the process
locale of a worker is not something a document's wording may depend on.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from shared.formats import day
from shared.timezone import WIB, to_wib


def format_date(value: date, *, language: str = "id", weekday: bool = True) -> str:
    """`Senin, 7 Desember 2020` / `Monday, 7 December 2020` (Babel's CLDR names); an unknown
    language reads as "id"."""
    return day(value, language, weekday)


def tanggal_indonesia(value: date, *, weekday: bool = True) -> str:
    """`Senin, 7 Desember 2020`, or `7 Desember 2020` with `weekday=False`."""
    return format_date(value, language="id", weekday=weekday)


def local_time(moment: datetime, zone: timezone = WIB) -> datetime:
    """`moment` in the document's time zone; a naive datetime is taken to be UTC (as SQLite
    hands back columns declared with a time zone)."""
    return to_wib(moment).astimezone(zone)


def pukul(moment: datetime, zone: timezone = WIB) -> str:
    """The clock time as Indonesian documents write it: `pukul 14.30 WIB`."""
    local = local_time(moment, zone)
    return f"pukul {local:%H.%M} {local.tzname()}"
