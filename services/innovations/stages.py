"""The stage rule (pure): an innovation moves inisiatif → uji coba → penerapan, never back.
Penerapan comes after uji coba; only the admin records both at once (the trial's date given
too). Each stage's date is a real day, not in the future, and not before the stage before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.innovations.models.innovation import STAGES

TRIAL, IMPLEMENTED = "uji_coba", "penerapan"
Problems = dict[str, str]  # field → message key


@dataclass(frozen=True)
class Move:
    """A stage change asked for: the stage, its day and (admin, straight to penerapan) the
    trial's day."""

    stage: str
    on: date | None
    trial_on: date | None = None


def later_stages(current: str) -> tuple[str, ...]:
    """The stages an innovation at `current` may move to."""
    if current not in STAGES:
        return ()
    return STAGES[STAGES.index(current) + 1 :]


def both_at_once(current: str, stage: str) -> bool:
    """Straight from inisiatif to penerapan: the trial is recorded with it."""
    return stage == IMPLEMENTED and current not in (TRIAL, IMPLEMENTED)


def check(
    current: str, move: Move, *, admin: bool, today: date, since: date | None = None
) -> Problems:
    """What is wrong with `move` from `current` (empty when it may be made). `since` is the day
    the current stage began (a new stage cannot begin before it)."""
    problems: Problems = {}
    if move.stage not in later_stages(current):
        problems["stage"] = (
            "innovations.stage.not_forward" if move.stage in STAGES else "innovations.stage.unknown"
        )
        return problems
    if both_at_once(current, move.stage):
        if not admin:
            problems["stage"] = "innovations.stage.trial_first"
            return problems
        if move.trial_on is None:
            problems["trial_on"] = "innovations.stage.trial_date_needed"
    if move.on is None:
        problems["on"] = "innovations.stage.date_needed"
    elif move.on > today:
        problems["on"] = "innovations.stage.date_future"
    elif since is not None and move.on < since:
        problems["on"] = "innovations.stage.date_before_previous"
    if move.trial_on is not None and move.on is not None and move.trial_on > move.on:
        problems["trial_on"] = "innovations.stage.trial_after_implementation"
    return problems
