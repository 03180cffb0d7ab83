"""The calibrated score has one definition (shared.calibration): the ranking page and API of
review and the score recap PDF of documents show the same number (issue 22)."""

from __future__ import annotations

import pytest

from services.documents import recap
from shared.calibration import calibrated, disagrees

# (proposal, evaluator, total): evaluator 1 is lenient, evaluator 2 strict.
REVIEWS = [(10, 1, 9.0), (11, 1, 8.0), (12, 1, 7.0), (10, 2, 6.0), (11, 2, 4.0), (12, 2, 5.0)]


def test_the_calibrated_score_is_on_the_rubric_s_scale() -> None:
    found = calibrated(REVIEWS)
    assert set(found) == {10, 11, 12}
    assert all(4.0 <= v <= 9.0 for v in found.values())
    # Both put 10 first; 11 is the lenient one's second and the strict one's last, 12 the
    # reverse: with leniency removed they tie.
    assert found[10] > found[11]
    assert found[11] == pytest.approx(found[12])
    assert found[10] == pytest.approx(6.5 + 1.707825 * 1.224745, abs=1e-4)


def test_the_recap_pdf_rounds_the_same_number() -> None:
    scores = [recap.Score(p, e, f"E{e}", t) for p, e, t in REVIEWS]
    assert recap.calibrate(scores) == {p: round(v, 2) for p, v in calibrated(REVIEWS).items()}


def test_an_evaluator_with_one_review_or_no_spread_tells_nothing_of_leniency() -> None:
    assert calibrated([(1, 1, 7.0)]) == {1: 7.0}
    same = calibrated([(1, 1, 7.0), (2, 1, 7.0)])
    assert same == {1: 7.0, 2: 7.0}
    assert calibrated([]) == {}


def test_reviews_disagree_on_their_totals_or_on_any_one_aspect() -> None:
    assert disagrees([4.0, 9.0], 1, 10)  # 5 points apart on a 1–10 scale: past 2.7
    assert not disagrees([6.5, 6.5], 1, 10)
    assert disagrees([6.5, 6.5], 1, 10, aspects=[[4.0, 9.0], [9.0, 4.0]])  # one aspect apart
    assert not disagrees([7.0, 8.0], 1, 10, aspects=[[7.0, 8.0]])
    assert not disagrees([3.0], 1, 10, aspects=[[1.0]])  # one review disagrees with nobody
