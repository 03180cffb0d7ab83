"""Who owes which progress report, and when its reminders go. Pure: no session, no clock.

A schedule names a stage (uji coba or penerapan; "" for both): every innovation at that stage
owes one report for it until it has sent it. Its reminders, on Jakarta dates:
- step 0, `remind_days` before the due date (the due date itself when it is 0);
- step 1, the day after the due date (overdue);
- step 2, 3 … weekly after that (due + 8, due + 15 …), at most `MAX_OVERDUE` overdue ones
  (two months), then the team is no longer chased by mail (the page still shows it overdue).
The beat runs daily: a day it missed sends only the latest step due, never a burst of old ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from shared.timezone import WIB

REPORTING_STAGES = ("uji_coba", "penerapan")
DEFAULT_REMIND_DAYS = 7
MAX_REMIND_DAYS = 90
MAX_OVERDUE = 8
WEEK = 7


def today_in_jakarta(now: datetime) -> date:
    """The date on Cilegon's clock at `now` (a naive `now` is UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(WIB).date()


def stages_of(schedule_stage: str) -> tuple[str, ...]:
    """The stages whose innovations owe the schedule's report."""
    return (schedule_stage,) if schedule_stage in REPORTING_STAGES else REPORTING_STAGES


def owes(innovation_stage: str, schedule_stage: str, reported: bool) -> bool:
    return not reported and innovation_stage in stages_of(schedule_stage)


def step_date(due_on: date, remind_days: int, step: int) -> date:
    """The day reminder `step` goes."""
    if step == 0:
        return due_on - timedelta(days=max(remind_days, 0))
    return due_on + timedelta(days=1 + WEEK * (step - 1))


def step_on(today: date, due_on: date, remind_days: int) -> int | None:
    """The latest reminder step due by `today` (None before the first one)."""
    if today < step_date(due_on, remind_days, 0):
        return None
    if today <= due_on:
        return 0
    late = (today - due_on).days  # 1 the day after the due date
    return min(1 + (late - 1) // WEEK, MAX_OVERDUE)


def state(today: date, due_on: date, remind_days: int) -> str:
    """How a report owed looks today: "overdue", "due_soon" (the reminder went) or "upcoming"."""
    if today > due_on:
        return "overdue"
    return "due_soon" if today >= step_date(due_on, remind_days, 0) else "upcoming"


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    unit: str


LABEL_MAX, VALUE_MAX, UNIT_MAX = 200, 40, 40
MAX_FIGURES = 20


def figures(
    labels: Sequence[str], values: Sequence[str], units: Sequence[str]
) -> tuple[list[Figure], dict[str, tuple[str, Mapping[str, Any]]]]:
    """The figures of a report from its form's rows (blank rows dropped), and the problems by
    field (`figures` as a whole, `figure-<n>` for row n, counted from 1)."""
    rows: list[Figure] = []
    problems: dict[str, tuple[str, Mapping[str, Any]]] = {}
    count = max(len(labels), len(values), len(units))
    for n in range(count):
        label = (labels[n] if n < len(labels) else "").strip()
        value = (values[n] if n < len(values) else "").strip()
        unit = (units[n] if n < len(units) else "").strip()
        if not (label or value or unit):
            continue
        if not label or not value:
            problems[f"figure-{n + 1}"] = ("innovations.reports.figure_incomplete", {"n": n + 1})
        elif len(label) > LABEL_MAX or len(value) > VALUE_MAX or len(unit) > UNIT_MAX:
            problems[f"figure-{n + 1}"] = ("innovations.reports.figure_too_long", {"n": n + 1})
        else:
            rows.append(Figure(label, value, unit))
    if not rows and not problems:
        problems["figures"] = ("innovations.reports.figures_required", {})
    if len(rows) > MAX_FIGURES:
        problems["figures"] = ("innovations.reports.figures_too_many", {"limit": MAX_FIGURES})
    return rows, problems
