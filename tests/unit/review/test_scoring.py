"""The rubric's check of a review (services/review/scoring.py): an aspect of weight 0, like the
summary, is read but not scored (issue 22)."""

from __future__ import annotations

import pytest

from services.review.scoring import Aspect, CallSettings, ScoreError, check_scores, weighted_total

CALL = CallSettings(
    aspects=(Aspect("ringkasan", "Ringkasan", 0.0), Aspect("kebaruan", "Kebaruan", 0.4),
             Aspect("dampak", "Dampak", 0.6)),
)  # fmt: skip


def test_a_review_is_complete_without_the_aspects_of_weight_zero() -> None:
    given = {"kebaruan": {"score": 8, "comment": ""}, "dampak": {"score": 6, "comment": ""}}
    results = check_scores(CALL, given, complete=True)
    assert [r.key for r in results] == ["kebaruan", "dampak"]
    assert weighted_total(CALL, results) == pytest.approx(6.8)


def test_a_scored_aspect_is_still_required_on_submit() -> None:
    with pytest.raises(ScoreError) as refused:
        check_scores(CALL, {"kebaruan": {"score": 8, "comment": ""}}, complete=True)
    assert set(refused.value.fields) == {"scores.dampak"}


def test_a_score_given_to_an_unscored_aspect_is_checked_and_counts_for_nothing() -> None:
    given = {"ringkasan": {"score": 9, "comment": ""}, "kebaruan": {"score": 8, "comment": ""},
             "dampak": {"score": 6, "comment": ""}}  # fmt: skip
    assert weighted_total(CALL, check_scores(CALL, given, complete=True)) == pytest.approx(6.8)
    with pytest.raises(ScoreError):
        check_scores(CALL, {"ringkasan": {"score": 99, "comment": ""}}, complete=False)
