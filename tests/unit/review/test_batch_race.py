"""A batch run's moves when two admins act on it at once: both read it ready, one deploys it or
cancels it, the other is refused whole — its plan applied once, its events published once (on a
real SQLite database; tests/abuse/test_races.py races review's other moves through the web)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.review import assignment, batch, evaluators
from services.review.errors import TransitionRefused
from services.review.models import OUTBOX, BatchRun
from shared.db import Database
from tests.support.review_data import make_call, make_evaluators, make_submitted


@pytest.fixture
def ready(db: Database) -> int:
    make_evaluators(db, None, None, None, None, "bpkad")
    with db.session() as session:
        evaluators.record_call(session, make_call())
        for pid in (1, 2, 3):
            assignment.assign(session, make_submitted(pid), k=2)
        evaluators.upsert_evaluator(
            session, id=5, name="Ahli", email="ahli@t.test", kind="academic",
            topics=["kesehatan"], expertise="lansia obat antar layanan",
        )  # fmt: skip
        run_id = batch.start(session, 1, admin_id=99).id
    assert batch.plan(db.session, run_id, 3) == "ready"
    return run_id


def outbox_size(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(OUTBOX.events)) or 0)


@pytest.mark.parametrize("second", ["deploy", "cancel"])
def test_of_two_admins_acting_on_one_ready_run_the_first_wins(
    db: Database, ready: int, second: str
) -> None:
    with db.session() as first, db.session() as other:
        mine, theirs = first.get(BatchRun, ready), other.get(BatchRun, ready)
        assert mine is not None
        assert theirs is not None
        assert mine.status == theirs.status == "ready"  # both read it ready
        batch.deploy(first, mine, 3)
        first.commit()
        after_first = outbox_size(db)

        def act() -> object:
            return (
                batch.deploy(other, theirs, 3)
                if second == "deploy"
                else batch.cancel(other, theirs)
            )

        with pytest.raises(TransitionRefused):
            act()
        other.rollback()
    assert outbox_size(db) == after_first  # the loser published nothing
    with db.session() as session:
        run = session.get(BatchRun, ready)
        assert run is not None
        assert run.status == "deployed"
