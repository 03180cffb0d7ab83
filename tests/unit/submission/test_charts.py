"""What the admin's submission charts count: pure functions over rows."""

from __future__ import annotations

from datetime import UTC, datetime

from services.submission import charts


def test_counts_in_words() -> None:
    rows = [("dinkes", "submitted"), ("dinkes", "under_review"), ("disdik", "submitted")]
    names = {"dinkes": "Dinas Kesehatan", "disdik": "Dinas Pendidikan"}
    bars = charts.per_agency(rows, names)
    assert [(b.label, b.value) for b in bars] == [("Dinas Kesehatan", 2), ("Dinas Pendidikan", 1)]
    stages = {b.label: b.value for b in charts.per_stage(s for _, s in rows)}
    assert stages["Terkirim"] == 2
    assert stages["Dalam penilaian"] == 1
    assert stages["Ditarik"] == 0
    categories = charts.per_category(["Umum", None, "Umum"])
    assert [(b.label, b.value) for b in categories] == [("Umum", 2), ("Tanpa kategori", 1)]


def test_many_agencies_fold_into_others() -> None:
    rows = [(f"opd{i:02d}", "submitted") for i in range(20) for _ in range(i + 1)]
    bars = charts.per_agency(rows, {})
    assert len(bars) == charts.TOP + 1
    assert bars[0].label == "opd19"
    assert bars[-1].label == "5 OPD lainnya"
    assert sum(b.value for b in bars) == len(rows)


def test_only_open_calls_have_deadlines() -> None:
    now = datetime(2026, 11, 28, tzinfo=UTC)
    calls = [
        ("Lalu", datetime(2026, 1, 1, tzinfo=UTC)),
        ("Depan", datetime(2026, 12, 8, tzinfo=UTC)),
    ]
    (bar,) = charts.deadlines(calls, now)
    assert (bar.label, bar.value) == ("Depan", 10.0)
    assert "WIB" in bar.note
