"""A proposal's reviews side by side (issue 22): the spread of each aspect, flagged past the
call's threshold, which is a share of the scale's width."""

from __future__ import annotations

import pytest

from services.review.scoring import Aspect, CallSettings
from services.review.spread import limit_of, side_by_side

CALL = CallSettings(
    aspects=(Aspect("ringkasan", "Ringkasan", 0.0), Aspect("kebaruan", "Kebaruan", 0.5),
             Aspect("dampak", "Dampak", 0.5)),
    disagreement=0.3,
)  # fmt: skip


def test_scores_of_4_and_9_on_one_aspect_pass_a_threshold_of_30_percent() -> None:
    table = side_by_side(CALL, [
        ("Ani", {"kebaruan": {"score": 4}, "dampak": {"score": 7}}, 5.5),
        ("Budi", {"kebaruan": {"score": 9}, "dampak": {"score": 8}}, 8.5),
    ])  # fmt: skip
    assert limit_of(CALL) == pytest.approx(2.7)
    assert table.reviewers == ("Ani", "Budi")
    assert [(r.key, r.scores, r.spread, r.flagged) for r in table.aspects] == [
        ("kebaruan", (4.0, 9.0), 5.0, True),
        ("dampak", (7.0, 8.0), 1.0, False),
    ]  # the summary, weight 0, is not scored and not shown
    assert (table.total_spread, table.total_flagged) == (3.0, True)


def test_a_single_review_or_a_missing_score_has_no_spread() -> None:
    table = side_by_side(CALL, [("Ani", {"kebaruan": {"score": 4}}, None)])
    assert [(r.scores, r.spread, r.flagged) for r in table.aspects] == [
        ((4.0,), None, False), ((None,), None, False),
    ]  # fmt: skip
    assert (table.total_spread, table.total_flagged) == (None, False)
