"""The calibrated score: the one definition the ranking page, its API and the score recap PDF
all use, so a secretariat reads the same number everywhere. Pure.

Calibration removes each evaluator's leniency: a review's total becomes that evaluator's z-score
(against their own mean and spread over the call), and a proposal's calibrated score is the
call's overall mean plus the overall spread times the mean of its reviews' z-scores, on the
rubric's own scale. An evaluator with one review, or with no spread, contributes a z-score of 0
(nothing is known of their leniency), so calibration never divides by zero.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def _spread(values: list[float]) -> float:
    return statistics.pstdev(values) if len(values) > 1 else 0.0


def calibrated(reviews: Iterable[tuple[K, int, float]]) -> dict[K, float]:
    """(proposal, evaluator, total) of every review submitted in a call → each proposal's
    calibrated score, unrounded."""
    reviews = list(reviews)
    if not reviews:
        return {}
    by_evaluator: dict[int, list[float]] = defaultdict(list)
    for _, evaluator, total in reviews:
        by_evaluator[evaluator].append(total)
    moments = {e: (statistics.fmean(v), _spread(v)) for e, v in by_evaluator.items()}
    everything = [total for _, _, total in reviews]
    mean, spread = statistics.fmean(everything), _spread(everything)
    z: dict[K, list[float]] = defaultdict(list)
    for proposal, evaluator, total in reviews:
        e_mean, e_spread = moments[evaluator]
        z[proposal].append((total - e_mean) / e_spread if e_spread > 0 else 0.0)
    return {p: mean + spread * statistics.fmean(v) for p, v in z.items()}


# Reviews disagree when their totals spread over more than this share of the scale's width
# (0.3 on a 1–10 scale: totals 2.7 points apart).
DISAGREEMENT = 0.3


def disagrees(
    totals: Iterable[float],
    scale_min: int,
    scale_max: int,
    threshold: float = DISAGREEMENT,
    aspects: Iterable[Iterable[float]] = (),
) -> bool:
    """Whether a proposal's reviews disagree: their totals, or their scores of any one aspect,
    lie more than `threshold` of the scale's width apart (4 against 9 on one aspect, say). The
    one flag the ranking page, its API and the score recap PDF all show."""

    def apart(values: Iterable[float]) -> bool:
        found = list(values)
        return len(found) >= 2 and max(found) - min(found) > limit

    limit = threshold * max(scale_max - scale_min, 1)
    return apart(totals) or any(apart(scores) for scores in aspects)
