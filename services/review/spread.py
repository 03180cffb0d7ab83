"""A proposal's reviews side by side, for the admin: each aspect's scores by evaluator, the
spread, and whether it passes the call's threshold. Pure: the reviews and the call are given.

The threshold is the call's `disagreement`, a share of the scale's width: 0.3 on a 1–10 scale
flags a spread above 2.7 points (scores of 4 and 9 on one aspect)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from services.review.scoring import CallSettings


@dataclass(frozen=True)
class AspectRow:
    key: str
    title: str
    weight: float
    scores: tuple[float | None, ...]  # one per reviewer, in the reviewers' order
    spread: float | None  # highest less lowest, once two reviewers scored it
    flagged: bool


@dataclass(frozen=True)
class SideBySide:
    reviewers: tuple[str, ...]
    aspects: tuple[AspectRow, ...]
    totals: tuple[float | None, ...]
    total_spread: float | None
    total_flagged: bool
    limit: float  # the threshold in points of the scale


def limit_of(call: CallSettings) -> float:
    return call.disagreement * max(call.scale_max - call.scale_min, 1)


def _spread(values: Sequence[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return max(given) - min(given) if len(given) > 1 else None


def side_by_side(
    call: CallSettings, reviews: Sequence[tuple[str, Mapping[str, Any], float | None]]
) -> SideBySide:
    """`reviews`: (reviewer's name, their scores by aspect key, their weighted total)."""
    limit = limit_of(call)
    rows = []
    for aspect in call.aspects:
        if aspect.weight <= 0:
            continue
        scores = tuple(_score(given.get(aspect.key)) for _, given, _ in reviews)
        spread = _spread(scores)
        rows.append(AspectRow(aspect.key, aspect.title, aspect.weight, scores, spread,
                              spread is not None and spread > limit))  # fmt: skip
    totals = tuple(total for _, _, total in reviews)
    total_spread = _spread(totals)
    return SideBySide(
        reviewers=tuple(name for name, _, _ in reviews),
        aspects=tuple(rows),
        totals=totals,
        total_spread=total_spread,
        total_flagged=total_spread is not None and total_spread > limit,
        limit=limit,
    )


def _score(entry: Any) -> float | None:
    if isinstance(entry, Mapping) and isinstance(entry.get("score"), int | float):
        return float(entry["score"])
    return None
