"""Rubrics, review scores and their aggregation: pure, no database, no I/O.

A call's rubric is data (`CallSettings`, stored per version from `call.published`). A review
gives each aspect a score on the call's scale and a comment; the comment is required for an
extreme score (the scale's minimum or maximum). The weighted total is on the same scale.
Aggregation per proposal: mean, median, the calibrated score (each evaluator's totals
standardised within the call, then averaged) and a disagreement flag when the spread of the
totals passes a threshold (a fraction of the scale's range).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.review.problem import Rule
from shared.calibration import DISAGREEMENT, disagrees


@dataclass(frozen=True)
class Aspect:
    key: str
    title: str
    weight: float


DEFAULT_ASPECTS = (Aspect("nilai", "Nilai keseluruhan", 1.0),)


@dataclass(frozen=True)
class CallSettings:
    """What review needs of a call version; the defaults apply to a call review never heard of."""

    call_id: int | None = None
    version_no: int = 0
    name: str = ""
    k: int = 3
    blind: bool = False
    scale_min: int = 1
    scale_max: int = 10
    aspects: tuple[Aspect, ...] = DEFAULT_ASPECTS
    review_days: int = 14
    remind_days: int = 2
    topic_weight: float = 0.5
    text_weight: float = 0.5
    disagreement: float = DISAGREEMENT  # spread / (scale_max - scale_min) past which they disagree
    composition: tuple[Rule, ...] = ()
    one_per_institution: bool = False  # at most one evaluator of an agency per proposal
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(
        cls,
        *,
        call_id: int,
        version_no: int,
        name: str,
        k: int,
        blind: bool,
        scale_min: int,
        scale_max: int,
        aspects: Sequence[Mapping[str, Any]],
        review_days: int,
        settings: Mapping[str, Any],
    ) -> CallSettings:
        parsed = tuple(
            Aspect(str(a["key"]), str(a.get("title") or a["key"]), float(a["weight"]))
            for a in aspects
        )
        rules = tuple(
            Rule(str(r["kind"]), int(r.get("min") or 0), _opt_int(r.get("max")))
            for r in settings.get("composition") or ()
        )
        return cls(
            call_id=call_id,
            version_no=version_no,
            name=name,
            k=k,
            blind=blind,
            scale_min=scale_min,
            scale_max=scale_max,
            aspects=parsed or DEFAULT_ASPECTS,
            review_days=review_days,
            remind_days=int(settings.get("remind_days", 2)),
            topic_weight=float(settings.get("topic_weight", 0.5)),
            text_weight=float(settings.get("text_weight", 0.5)),
            disagreement=float(settings.get("disagreement", DISAGREEMENT)),
            composition=rules,
            one_per_institution=bool(settings.get("one_per_institution", False)),
            extra=dict(settings),
        )


def _opt_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


class ScoreError(ValueError):
    """Bad scores; `fields` maps `scores.<aspect>` to a message key and its values."""

    def __init__(self, fields: dict[str, tuple[str, dict[str, object]]]) -> None:
        super().__init__(", ".join(f"{k}: {v[0]}" for k, v in fields.items()))
        self.fields = fields


@dataclass(frozen=True)
class AspectResult:
    key: str
    title: str
    weight: float
    score: float
    comment: str


def check_scores(
    call: CallSettings, given: Mapping[str, Mapping[str, Any]], *, complete: bool
) -> tuple[AspectResult, ...]:
    """The scores of `given` checked against the rubric, in the rubric's order.

    `complete` (on submit) requires every scored aspect; a draft may leave some out. An aspect
    of weight 0 (the summary, say) is read, not scored: it is never required, and a score given
    to it is still checked but counts for nothing. Raises `ScoreError` naming every bad field.
    """
    errors: dict[str, tuple[str, dict[str, object]]] = {}
    known = {a.key for a in call.aspects}
    for key in given:
        if key not in known:
            errors[f"scores.{key}"] = ("review.aspect_unknown", {})
    results = []
    for aspect in call.aspects:
        name = f"scores.{aspect.key}"
        entry = given.get(aspect.key)
        if entry is None:
            if complete and aspect.weight > 0:
                errors[name] = ("field.required", {})
            continue
        raw, comment = entry.get("score"), str(entry.get("comment") or "").strip()
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            errors[name] = ("review.score_number", {})
            continue
        low, high = call.scale_min, call.scale_max
        if not low <= raw <= high:
            errors[name] = ("review.score_range", {"low": low, "high": high})
            continue
        if raw in (low, high) and not comment:
            errors[name] = ("review.comment_extreme", {})
            continue
        if len(comment) > 4000:
            errors[name] = ("field.too_long", {"limit": 4000})
            continue
        results.append(AspectResult(aspect.key, aspect.title, aspect.weight, float(raw), comment))
    if errors:
        raise ScoreError(errors)
    return tuple(results)


def weighted_total(call: CallSettings, scores: Sequence[AspectResult]) -> float:
    """Σ weight·score / Σ weight over the rubric, on the call's scale, to 4 decimals."""
    weights = sum(a.weight for a in call.aspects)
    if weights <= 0:
        return 0.0
    return round(sum(s.weight * s.score for s in scores) / weights, 4)


@dataclass(frozen=True)
class Aggregate:
    mean: float
    median: float
    calibrated: float
    disagreement: bool
    reviews: int


def calibration(totals: Sequence[tuple[int, str, float]]) -> dict[tuple[int, str], float]:
    """(evaluator, review key, total) → the total standardised within that evaluator's totals.

    An evaluator with one review, or with all totals equal, gets 0 (no information on their
    scale).
    """
    by_evaluator: dict[int, list[float]] = defaultdict(list)
    for evaluator, _, total in totals:
        by_evaluator[evaluator].append(total)
    out = {}
    for evaluator, key, total in totals:
        mine = by_evaluator[evaluator]
        sd = statistics.pstdev(mine) if len(mine) > 1 else 0.0
        out[(evaluator, key)] = (total - statistics.fmean(mine)) / sd if sd > 0 else 0.0
    return out


def aggregate(
    call: CallSettings,
    totals: Sequence[float],
    z_scores: Sequence[float],
    aspect_scores: Sequence[Sequence[float]] = (),
) -> Aggregate:
    """`aspect_scores`: per scored aspect, the reviews' scores of it (`aspect_columns`)."""
    if not totals:
        raise ValueError("no reviews to aggregate")
    return Aggregate(
        mean=round(statistics.fmean(totals), 4),
        median=round(statistics.median(totals), 4),
        calibrated=round(statistics.fmean(z_scores), 4) if z_scores else 0.0,
        disagreement=disagrees(
            totals, call.scale_min, call.scale_max, call.disagreement, aspect_scores
        ),
        reviews=len(totals),
    )


@dataclass(frozen=True)
class Ranked:
    proposal_id: int
    version_no: int
    category: str
    rank: int
    mean: float
    calibrated: float


def rank(rows: Sequence[tuple[int, int, str | None, float, float]]) -> list[Ranked]:
    """(proposal, version, category, mean, calibrated) → ranks per category by mean, then
    calibrated, then the smaller proposal id. Equal means and calibrations share a rank."""
    by_category: dict[str, list[tuple[int, int, str | None, float, float]]] = defaultdict(list)
    for row in rows:
        by_category[row[2] or ""].append(row)
    out = []
    for category in sorted(by_category):
        ordered = sorted(by_category[category], key=lambda r: (-r[3], -r[4], r[0]))
        previous: tuple[float, float] | None = None
        place = 0
        for position, (pid, version, _, mean, calibrated) in enumerate(ordered, start=1):
            if (mean, calibrated) != previous:
                place, previous = position, (mean, calibrated)
            out.append(Ranked(pid, version, category, place, mean, calibrated))
    return out


def aspect_columns(call: CallSettings, reviews: Sequence[Mapping[str, Any]]) -> list[list[float]]:
    """Per scored aspect of the rubric, the score each review gave it (those it gave)."""
    columns = []
    for aspect in call.aspects:
        if aspect.weight <= 0:
            continue
        given = [(r.get(aspect.key) or {}).get("score") for r in reviews]
        columns.append([float(g) for g in given if isinstance(g, int | float)])
    return columns
