"""Reviews on a real SQLite database: drafts, submission, bad scores, aggregation."""

from __future__ import annotations

import pytest

from services.review import assignment, reviews
from services.review.errors import Invalid
from services.review.models import (
    Assignment,
    ReviewProposal,
)
from shared.db import Database
from tests.support.review import holder
from tests.support.review_data import events, good_scores, make_submitted


def test_bad_scores_store_nothing_and_name_each_field(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _] = assignment.assign(session, make_submitted(1), k=2)
        with pytest.raises(Invalid) as caught:
            reviews.save(
                session,
                holder(a),
                a.id,
                {"kebaruan": {"score": 11}, "dampak": {"score": 10}, "lain": {"score": 3}},
                submit=True,
            )
    assert caught.value.problems == {
        "scores.lain": ("review.aspect_unknown", {}),
        "scores.kebaruan": ("review.score_range", {"low": 1, "high": 10}),
        "scores.dampak": ("review.comment_extreme", {}),
    }
    with call_db.session() as session:
        stored = session.get(Assignment, a.id)
        assert stored is not None
        assert (stored.status, stored.scores) == ("assigned", {})
        assert events(session, "review.submitted") == []


def test_draft_then_submit_then_aggregate(call_db: Database) -> None:
    with call_db.session() as session:
        [a, b] = assignment.assign(session, make_submitted(1), k=2)
        reviews.save(session, holder(a), a.id, {"kebaruan": {"score": 8}}, submit=False)
        assert a.status == "draft"
        assert a.total is None
        reviews.save(session, holder(a), a.id, good_scores(8, 6), submit=True)
        assert a.total == pytest.approx(7.2)  # 0.6·8 + 0.4·6
        assert events(session, "proposal.scored") == []
        reviews.save(session, holder(b), b.id, good_scores(2 if False else 3, 3), submit=True)
        [submitted_a, _] = events(session, "review.submitted")
        [scored] = events(session, "proposal.scored")
        proposal = session.get(ReviewProposal, (1, 1))
    assert submitted_a["payload"]["total"] == pytest.approx(7.2)
    assert submitted_a["payload"]["scores"][0] == {
        "key": "kebaruan", "title": "Kebaruan", "weight": 0.6, "score": 8.0, "comment": "baik",
    }  # fmt: skip
    assert scored["payload"]["mean"] == pytest.approx(5.1)
    assert scored["payload"]["median"] == pytest.approx(5.1)
    assert scored["payload"]["reviews"] == 2
    assert scored["payload"]["disagreement"] is True  # 4.2 apart on a range of 9 > 0.3
    assert proposal is not None
    assert proposal.status == "scored"
