"""Numbers and dates in Indonesian words, as a berita acara writes them. Pure."""

from __future__ import annotations

from datetime import date

from services.documents.formatting import format_date

_ONES = (
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas",
)  # fmt: skip


def terbilang(n: int) -> str:
    """`2020` → `dua ribu dua puluh`; `11` → `sebelas`; `100` → `seratus`."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_ONES[tens]} puluh" + (f" {_ONES[rest]}" if rest else "")
    for size, word, single in (
        (1_000_000_000, "miliar", None), (1_000_000, "juta", None), (1000, "ribu", "seribu"),
        (100, "ratus", "seratus"),
    ):  # fmt: skip
        if n >= size:
            head, rest = divmod(n, size)
            words = single if head == 1 and single else f"{terbilang(head)} {word}"
            return words + (f" {terbilang(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover


def tanggal_terbilang(value: date) -> str:
    """`hari Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh`."""
    weekday, _, _ = format_date(value).partition(",")
    month = format_date(value, weekday=False).split()[1]
    return (
        f"hari {weekday} tanggal {terbilang(value.day)} bulan {month} tahun {terbilang(value.year)}"
    )
