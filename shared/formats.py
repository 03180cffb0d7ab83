"""Numbers, percentages, dates and times as a person reads them in their language, through Babel
(CLDR): "7,27", "15 %", "3 Desember 2026, 15.41 WIB" in Indonesian; "7.27", "15%",
"3 December 2026, 15:41 WIB" in English.

Pure: the language is an argument (a page passes the request's, a mail its recipient's, a PDF
its document's), and no process locale is touched. Every moment is shown in WIB (Asia/Jakarta,
UTC+7 all year, so a fixed offset is exact). The web pages reach these through Jinja filters
(`shared/web/app.py`): `number`, `percent`, `moment` (also `wib`), `day`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal, format_percent

from shared.timezone import WIB, to_wib

LANGUAGES = ("id", "en")
NBSP = "\u00a0"
# Indonesian writes a space before the percent sign (it stays on the line of its number).
_PERCENT = {"id": f"#,##0{NBSP}%", "en": "#,##0%"}
_MOMENT = {"id": "d MMMM y, HH.mm", "en": "d MMMM y, HH:mm"}
_SECONDS = {"id": "d MMMM y, HH.mm.ss", "en": "d MMMM y, HH:mm:ss"}


def _lang(language: str | None) -> str:
    return language if language in LANGUAGES else "id"


def number(value: float | Decimal, language: str = "id", digits: int | None = None) -> str:
    """`value` with the language's separators ("1.234,5" / "1,234.5"); `digits` fixes the number
    of decimals ("7,20"), else up to three are shown as needed."""
    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_lang(language))


def percent(fraction: float | int, language: str = "id", digits: int | None = None) -> str:
    """A fraction as a percentage: 0.15 → "15 %" (id) / "15%" (en), 0.125 → "12,5 %"; `digits`
    fixes the number of decimals (0: "13 %"), else up to two are shown as needed."""
    lang = _lang(language)
    decimals = ".##" if digits is None else ("." + "0" * digits if digits else "")
    pattern = _PERCENT[lang].replace("#,##0", "#,##0" + decimals)
    return format_percent(fraction, format=pattern, locale=lang)


def moment(value: datetime, language: str = "id", seconds: bool = False) -> str:
    """A moment in WIB: "3 Desember 2026, 15.41 WIB" / "3 December 2026, 15:41 WIB"; a naive
    datetime is taken to be UTC (as SQLite hands back columns declared with a time zone)."""
    lang = _lang(language)
    pattern = (_SECONDS if seconds else _MOMENT)[lang]
    return f"{format_datetime(to_wib(value), pattern, tzinfo=WIB, locale=lang)} WIB"


def clock(value: datetime, language: str = "id") -> str:
    """The time of day in WIB, without the zone: "15.41.05" (id) / "15:41:05" (en)."""
    lang = _lang(language)
    return format_time(to_wib(value), _SECONDS[lang].split(", ")[1], tzinfo=WIB, locale=lang)


def day(value: date, language: str = "id", weekday: bool = False) -> str:
    """A date: "3 Desember 2026", with `weekday` "Kamis, 3 Desember 2026" / "Thursday, …"."""
    pattern = "EEEE, d MMMM y" if weekday else "d MMMM y"
    return format_date(value, pattern, locale=_lang(language))
