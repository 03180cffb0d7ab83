"""Conflicts declared by the evaluator or the admin, on a real SQLite database: recorded,
released and replaced."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.review import assignment, conflicts, evaluators, reviews
from services.review.errors import Refused
from services.review.models import (
    Conflict,
    ReviewProposal,
)
from shared.db import Database
from tests.support.review import holder
from tests.support.review_data import (
    events,
    good_scores,
    make_call,
    make_evaluators,
    make_submitted,
)


def test_declared_conflict_releases_and_replaces_at_once(call_db: Database) -> None:
    with call_db.session() as session:
        first = assignment.assign(session, make_submitted(1), k=2)
        gone = first[0]
        _, new = conflicts.declare_conflict(
            session, holder(gone), gone.id, "Saudara kandung inovator"
        )
        released = events(session, "review.released")
        assigned = events(session, "review.assigned")
        conflict = session.scalars(select(Conflict)).one()
    assert gone.status == "released"
    assert gone.released_reason == "conflict"
    assert len(new) == 1
    assert new[0].replacement
    assert new[0].evaluator_id not in {a.evaluator_id for a in first}
    assert released[0]["payload"]["reason"] == "conflict"
    assert released[0]["payload"]["evaluator"]["evaluator_id"] == gone.evaluator_id
    assert assigned[-1]["payload"]["replacement"] is True
    assert [e["evaluator_id"] for e in assigned[-1]["payload"]["evaluators"]] == [
        new[0].evaluator_id
    ]
    assert (conflict.evaluator_id, conflict.source) == (gone.evaluator_id, "evaluator")


def test_a_conflict_needs_a_reason_and_an_open_review(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _] = assignment.assign(session, make_submitted(1), k=2)
        with pytest.raises(Refused, match=r"review\.reason_required"):
            conflicts.declare_conflict(session, holder(a), a.id, "  ")
        reviews.save(session, holder(a), a.id, good_scores(), submit=True)
        with pytest.raises(Refused, match=r"review\.not_open"):
            conflicts.declare_conflict(session, holder(a), a.id, "terlambat")


def test_replacement_without_anyone_left_leaves_the_proposal_waiting(db: Database) -> None:
    make_evaluators(db, None, None)
    with db.session() as session:
        evaluators.record_call(session, make_call())
        [a, _] = assignment.assign(session, make_submitted(1), k=2)
        assert conflicts.declare_conflict(session, holder(a), a.id, "kenal dekat")[1] == []
        proposal = session.get(ReviewProposal, (1, 1))
        assert proposal is not None
        assert proposal.status == "waiting"
    make_evaluators(db, None, None, None)  # a third evaluator joins
    with db.session() as session:
        assert assignment.assign_waiting(session, 2) == 1
        assert (
            events(session, "review.assigned")[-1]["payload"]["evaluators"][0]["evaluator_id"] == 3
        )


def test_an_admin_conflict_releases_replaces_and_bars_later_versions(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _] = assignment.assign(session, make_submitted(1), k=2)
        with pytest.raises(Refused):
            conflicts.declare_admin_conflict(session, 1, a.evaluator_id, " ")
        assert conflicts.declare_admin_conflict(session, 1, a.evaluator_id, "kerabat") == 1
        assert conflicts.declare_admin_conflict(session, 1, a.evaluator_id, "kerabat") == 0
        later = assignment.assign(session, make_submitted(1, version_no=2), k=2)
        conflict = session.scalars(select(Conflict)).one()
    assert a.status == "released"
    assert a.evaluator_id not in {x.evaluator_id for x in later}
    assert (conflict.source, conflict.reason) == ("admin", "kerabat")
