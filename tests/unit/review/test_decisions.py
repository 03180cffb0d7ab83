"""Ranking and decisions on a real SQLite database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.review import assignment, decisions, reviews
from services.review.errors import Refused
from services.review.models import Assignment
from shared.calibration import calibrated
from shared.db import Database
from tests.support.review import holder
from tests.support.review_data import events, good_scores, make_submitted


def test_ranking_per_category_and_bulk_decisions(call_db: Database) -> None:
    with call_db.session() as session:
        for pid, (x, y), category in [(1, (8, 8), "A"), (2, (5, 5), "A"), (3, (6, 6), "B")]:
            group = "Masyarakat" if pid == 2 else "OPD"
            event = make_submitted(pid, opd_code="dinkes").model_copy(
                update={"category": category, "group": group}
            )
            for a in assignment.assign(session, event, k=2):
                reviews.save(session, holder(a), a.id, good_scores(x, y), submit=True)
        table = reviews.ranking(session, 1)
        with pytest.raises(Refused):
            decisions.decide(session, [(1, 1, "winner"), (2, 1, "juara")])
        assert events(session, "decision.made") == []
        decisions.decide(session, [(1, 1, "winner"), (2, 1, "not_selected")])
        made = events(session, "decision.made")
    assert [(r.category, r.proposal_id, r.rank) for r in table] == [
        ("A", 1, 1), ("A", 2, 2), ("B", 3, 1),
    ]  # fmt: skip
    assert [(r.group, r.group_rank) for r in table] == [("OPD", 1), ("Masyarakat", 1), ("OPD", 2)]
    # The calibrated score is the recap PDF's (shared.calibration), on the rubric's scale.
    with call_db.session() as session:
        submitted = session.scalars(select(Assignment).where(Assignment.status == "submitted"))
        expected = calibrated(((a.proposal_id, a.version_no), a.evaluator_id, a.total)
                              for a in submitted)  # fmt: skip
    assert {(r.proposal_id, 1): r.calibrated for r in table} == {
        key: round(value, 2) for key, value in expected.items()
    }
    assert all(5.0 <= r.calibrated <= 8.0 for r in table)
    assert [(m["payload"]["proposal_id"], m["payload"]["decision"], m["payload"]["rank"])
            for m in made] == [(1, "winner", 1), (2, "not_selected", 2)]  # fmt: skip


def test_unscored_proposals_cannot_be_decided(call_db: Database) -> None:
    with call_db.session() as session:
        assignment.assign(session, make_submitted(1), k=2)
        with pytest.raises(Refused, match=r"review\.not_scored"):
            decisions.decide(session, [(1, 1, "finalist")])
