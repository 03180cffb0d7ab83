"""Western Indonesian Time: Cilegon's clock (UTC+7 all year, no daylight saving)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")


def to_wib(moment: datetime) -> datetime:
    """`moment` on the WIB clock; a naive datetime is taken as UTC (how the databases store it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB)


def stamp(moment: datetime) -> str:
    """`28-11-2026 12:38:09 WIB`, as the web pages show a moment."""
    return to_wib(moment).strftime("%d-%m-%Y %H:%M:%S WIB")
