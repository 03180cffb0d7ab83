"""Who owes a progress report and when its reminders go (issue 24), on Jakarta dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.innovations import report_forms, report_rules
from services.innovations.report_rules import MAX_OVERDUE, Figure, step_on

DUE = date(2027, 6, 30)


def test_jakarta_s_date_turns_at_17_utc() -> None:
    assert report_rules.today_in_jakarta(datetime(2027, 6, 29, 16, 59, tzinfo=UTC)) == date(
        2027, 6, 29
    )
    assert report_rules.today_in_jakarta(datetime(2027, 6, 29, 17, 0, tzinfo=UTC)) == DUE
    assert report_rules.today_in_jakarta(datetime(2027, 6, 29, 17, 0)) == DUE  # naive is UTC


@pytest.mark.parametrize(
    ("today", "step"),
    [
        (date(2027, 6, 22), None),  # 8 days before: nothing yet
        (date(2027, 6, 23), 0),  # 7 days before: the reminder
        (DUE, 0),  # the due date itself: still the same reminder
        (date(2027, 7, 1), 1),  # the day after: overdue
        (date(2027, 7, 7), 1),
        (date(2027, 7, 8), 2),  # a week after the first overdue one
        (date(2027, 7, 15), 3),
        (date(2028, 6, 30), MAX_OVERDUE),  # never more than MAX_OVERDUE
    ],
)
def test_the_reminder_step_due_by_a_day(today: date, step: int | None) -> None:
    assert step_on(today, DUE, 7) == step


def test_a_reminder_on_the_due_date_itself_when_no_days_before() -> None:
    assert step_on(date(2027, 6, 29), DUE, 0) is None
    assert step_on(DUE, DUE, 0) == 0


def test_the_days_each_step_goes() -> None:
    assert [report_rules.step_date(DUE, 7, n) for n in range(4)] == [
        date(2027, 6, 23), date(2027, 7, 1), date(2027, 7, 8), date(2027, 7, 15)
    ]  # fmt: skip


def test_who_owes_a_schedule() -> None:
    assert report_rules.owes("penerapan", "penerapan", reported=False)
    assert not report_rules.owes("penerapan", "penerapan", reported=True)
    assert not report_rules.owes("uji_coba", "penerapan", reported=False)
    assert report_rules.owes("uji_coba", "", reported=False)  # both stages
    assert not report_rules.owes("inisiatif", "", reported=False)


def test_the_state_shown() -> None:
    assert report_rules.state(date(2027, 6, 1), DUE, 7) == "upcoming"
    assert report_rules.state(date(2027, 6, 25), DUE, 7) == "due_soon"
    assert report_rules.state(date(2027, 7, 1), DUE, 7) == "overdue"


def test_figures_from_rows_blank_rows_dropped_half_rows_named() -> None:
    rows, problems = report_rules.figures(
        ["Warga terlayani", "", "Waktu dihemat", "Tanpa nilai"], ["1.250", "", "2", ""],
        ["orang", "", "jam", ""],
    )  # fmt: skip
    assert rows == [
        Figure("Warga terlayani", "1.250", "orang"),
        Figure("Waktu dihemat", "2", "jam"),
    ]
    assert problems == {"figure-4": ("innovations.reports.figure_incomplete", {"n": 4})}
    assert report_rules.figures(["", ""], ["", ""], ["", ""])[1] == {
        "figures": ("innovations.reports.figures_required", {})
    }


def test_a_schedule_from_the_form() -> None:
    data, problems = report_forms.schedule(
        {"title": "Laporan kemajuan uji coba 2027", "stage": "uji_coba", "year": "2027",
         "due_on": "2027-06-30", "remind_days": ""}
    )  # fmt: skip
    assert problems == {}
    assert data is not None
    assert (data.stage, data.due_on, data.remind_days) == ("uji_coba", DUE, 7)
    wrong = {"title": "ab", "stage": "x", "year": "27", "due_on": "2027-02-30",
             "remind_days": "400"}  # fmt: skip
    bad, problems = report_forms.schedule(wrong)
    assert bad is None
    assert set(problems) == {"title", "stage", "year", "due_on", "remind_days"}
