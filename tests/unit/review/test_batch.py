"""Batch mode (plan with progress and cancel, preview, deploy, stale plans) and manual override,
on a real SQLite database."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import assignment, batch, evaluators, reviews
from services.review.errors import Refused
from services.review.models import OUTBOX, Assignment, BatchRun, Override
from services.review.reasons import describe
from shared.db import Database
from tests.support.review import holder
from tests.support.review_data import make_call, make_evaluators, make_submitted


def events(session: Session, name: str) -> list[dict]:
    named = OUTBOX.events.c.name == name
    rows = session.scalars(
        select(OUTBOX.events.c.envelope).where(named).order_by(OUTBOX.events.c.created_at)
    )
    return [json.loads(r) for r in rows]


@pytest.fixture
def call_db(db: Database) -> Database:
    make_evaluators(db, None, None, None, None, "bpkad")
    with db.session() as session:
        evaluators.record_call(session, make_call())
    return db


def expert_joins(db: Database) -> None:
    """Evaluator 5 declares expertise in what the proposals are about, after they were assigned."""
    with db.session() as session:
        evaluators.upsert_evaluator(
            session, id=5, name="Ahli", email="ahli@t.test", kind="academic",
            topics=["kesehatan"], expertise="lansia obat antar layanan",
        )  # fmt: skip


def admit_all(db: Database, count: int) -> None:
    with db.session() as session:
        for pid in range(1, count + 1):
            assignment.assign(session, make_submitted(pid), k=2)


def test_plan_preview_and_deploy_move_only_unstarted_reviews(call_db: Database) -> None:
    admit_all(call_db, 3)
    with call_db.session() as session:
        [first, _] = assignment.assign(session, make_submitted(4), k=2)
        reviews.save(session, holder(first), first.id, {"kebaruan": {"score": 5}}, submit=False)
    expert_joins(call_db)
    with call_db.session() as session:
        before = {(a.proposal_id, a.evaluator_id) for a in session.scalars(select(Assignment))}
        run = batch.start(session, 1, admin_id=99)
        run_id = run.id
    assert batch.plan(call_db.session, run_id, 3) == "ready"
    with call_db.session() as session:
        run = session.get(BatchRun, run_id)
        assert run is not None
        view = batch.preview(run)
        assert (view["status"], view["progress"]) == ("ready", 100)
        assert [p["proposal_id"] for p in view["proposals"]] == [1, 2, 3]  # 4 has started
        for row in view["proposals"]:
            assert len(row["keep"]) + len(row["add"]) == 2
            assert all(x["reasons"] for x in row["planned"])
        assert view["changes"] >= 1
        assert all(5 in row["keep"] + row["add"] for row in view["proposals"])
        changed = batch.deploy(session, run, 3)
        assert changed == view["changes"]
        after = {
            (a.proposal_id, a.evaluator_id)
            for a in session.scalars(select(Assignment).where(Assignment.status != "released"))
        }
        released = events(session, "review.released")
    assert (4, first.evaluator_id) in after  # the started review stayed
    planned = {(p["proposal_id"], x["evaluator_id"]) for p in view["proposals"]
               for x in p["planned"]}  # fmt: skip
    assert {pair for pair in after if pair[0] != 4} == planned
    assert len(released) == len({pair for pair in before if pair[0] != 4} - planned)
    assert all(e["payload"]["reason"] == "reassigned" for e in released)
    with call_db.session() as session:
        run = session.get(BatchRun, run_id)
        assert run is not None
        with pytest.raises(Refused):
            batch.deploy(session, run, 3)  # once only


def test_a_stale_plan_is_refused_whole(call_db: Database) -> None:
    admit_all(call_db, 2)
    with call_db.session() as session:
        run_id = batch.start(session, 1, admin_id=99).id
    batch.plan(call_db.session, run_id, 3)
    with call_db.session() as session:
        a = session.scalars(select(Assignment).where(Assignment.proposal_id == 2)).first()
        assert a is not None
        reviews.save(session, holder(a), a.id, {"kebaruan": {"score": 4}}, submit=False)
    with call_db.session() as session:
        run = session.get(BatchRun, run_id)
        assert run is not None
        with pytest.raises(Refused, match=r"review\.batch_stale"):
            batch.deploy(session, run, 3)


def test_a_cancelled_run_stops_and_cannot_deploy(call_db: Database) -> None:
    admit_all(call_db, 1)
    with call_db.session() as session:
        run = batch.start(session, 1, admin_id=99)
        batch.cancel(session, run)
        run_id = run.id
    assert batch.plan(call_db.session, run_id, 3) == "stopped"
    with call_db.session() as session:
        run = session.get(BatchRun, run_id)
        assert run is not None
        assert (run.status, run.plan) == ("cancelled", {})
        with pytest.raises(Refused):
            batch.deploy(session, run, 3)


def test_a_run_cut_short_is_resumed_and_a_late_redelivery_changes_nothing(
    call_db: Database,
) -> None:
    admit_all(call_db, 2)
    with call_db.session() as session:
        run = batch.start(session, 1, admin_id=99)
        run.status, run.progress = "running", 30  # its worker was killed mid-plan
        run_id = run.id
    with call_db.session() as session:
        assert batch.unfinished(session) == [run_id]
    assert batch.plan(call_db.session, run_id, 3) == "ready"
    with call_db.session() as session:
        assert batch.unfinished(session) == []
        run = session.get(BatchRun, run_id)
        assert run is not None
        batch.deploy(session, run, 3)
    # The killed worker's task comes back from Redis an hour later: the run stays deployed.
    assert batch.plan(call_db.session, run_id, 3) == "stopped"
    with call_db.session() as session:
        run = session.get(BatchRun, run_id)
        assert run is not None
        assert run.status == "deployed"


def test_manual_override_is_checked_and_audited(call_db: Database) -> None:
    with call_db.session() as session:
        [a, b] = assignment.assign(session, make_submitted(1), k=2)
        with pytest.raises(Refused) as refused:
            batch.override(session, a, b.evaluator_id, "alasan", 99, 3)
        assert "sudah pernah ditugaskan" in refused.value.values["reasons"]
        evaluators.upsert_evaluator(session, id=6, name="Dinkes", email="d@t.test",
                                    kind="government", opd_code="dinkes")  # fmt: skip
        with pytest.raises(Refused) as agency:
            batch.override(session, a, 6, "alasan", 99, 3)
        assert "konflik instansi" in agency.value.values["reasons"]
        with pytest.raises(Refused, match=r"review\.reason_required"):
            batch.override(session, a, 4, " ", 99, 3)
        free = next(i for i in (3, 4, 5) if i not in (a.evaluator_id, b.evaluator_id))
        new = batch.override(session, a, free, "permintaan ketua tim", 99, 3)
        audit = session.scalars(select(Override)).one()
        assigned = events(session, "review.assigned")
    assert a.status == "released"
    assert a.released_reason == "admin"
    assert new.evaluator_id == free
    assert describe(new.reason, "id") == "penetapan manual: permintaan ketua tim"
    assert describe(new.reason, "en") == "set by hand: permintaan ketua tim"
    assert (audit.released_assignment_id, audit.new_assignment_id, audit.admin_id) == (
        a.id, new.id, 99,
    )  # fmt: skip
    assert assigned[-1]["payload"]["replacement"] is True
