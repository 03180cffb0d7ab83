"""The report schedule's and the report's input, read from a form or a JSON body into checked
values, or the problems by field. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.innovations.report_rules import (
    DEFAULT_REMIND_DAYS,
    MAX_REMIND_DAYS,
    REPORTING_STAGES,
    Figure,
)

Problems = dict[str, tuple[str, Mapping[str, Any]]]
TEXT_MAX = 20000
SCHEDULE_STAGES = ("", *REPORTING_STAGES)  # "" is both stages


@dataclass(frozen=True)
class ScheduleData:
    title: str
    stage: str
    year: int
    due_on: date
    remind_days: int


@dataclass(frozen=True)
class ReportData:
    done: str
    beneficiaries: str
    figures: tuple[Figure, ...]


def _whole(raw: str) -> int | None:
    raw = raw.strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else None


def schedule(form: Mapping[str, str]) -> tuple[ScheduleData | None, Problems]:
    """A schedule from the admin's form: the values, or None and the problems by field."""
    problems: Problems = {}
    title = form.get("title", "").strip()
    if not 3 <= len(title) <= 200:
        problems["title"] = ("innovations.reports.title_length", {"min": 3, "max": 200})
    stage = form.get("stage", "").strip()
    if stage not in SCHEDULE_STAGES:
        problems["stage"] = ("innovations.reports.stage_unknown", {})
    year = _whole(form.get("year", ""))
    if year is None or not 2000 <= year <= 2100:
        problems["year"] = ("innovations.reports.year_invalid", {})
    due_on = None
    try:
        due_on = date.fromisoformat(form.get("due_on", "").strip())
    except ValueError:
        problems["due_on"] = ("innovations.reports.due_invalid", {})
    raw_days = form.get("remind_days", "").strip()
    days = _whole(raw_days) if raw_days else DEFAULT_REMIND_DAYS
    if days is None or days > MAX_REMIND_DAYS:
        problems["remind_days"] = ("innovations.reports.remind_invalid", {"max": MAX_REMIND_DAYS})
    if problems or year is None or due_on is None or days is None:
        return None, problems
    return ScheduleData(title, stage, year, due_on, days), {}


def report(done: str, beneficiaries: str, figures: tuple[Figure, ...]) -> Problems:
    """The problems of a report's texts (its figures were checked by `report_rules.figures`)."""
    problems: Problems = {}
    if not done.strip():
        problems["done"] = ("innovations.reports.done_required", {})
    elif len(done) > TEXT_MAX:
        problems["done"] = ("innovations.reports.too_long", {"max": TEXT_MAX})
    if len(beneficiaries) > TEXT_MAX:
        problems["beneficiaries"] = ("innovations.reports.too_long", {"max": TEXT_MAX})
    return problems
