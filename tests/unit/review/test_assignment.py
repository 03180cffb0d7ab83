"""Assignment on a real SQLite database: k evaluators per admitted version, conflicts and
loads respected, waiting and retried, released and replaced, reminders and overdue reviews."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.review import assignment, evaluators, reviews
from services.review.models import (
    OUTBOX,
    Assignment,
    ReviewProposal,
)
from services.review.reasons import describe
from shared.db import Database
from shared.events import Person, ProposalAdmitted
from shared.outbox import utcnow
from tests.support.review import correlated, holder
from tests.support.review_data import events, good_scores, make_submitted

Admitted = Callable[..., ProposalAdmitted]


AddEvaluators = Callable[..., list[int]]


def outbox_envelopes(session: Session) -> list[dict[str, object]]:
    query = select(OUTBOX.events.c.envelope).order_by(OUTBOX.events.c.created_at)
    rows = session.execute(query).scalars()
    return [json.loads(row) for row in rows]


def test_assign_creates_k_assignments_and_one_event_for_every_subscriber(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, "dpupr", "bpkad", "dindikbud")
    with db.session() as session, correlated("req-1"):
        assignments = assignment.assign(session, submitted(1), k=3)
    assert [a.evaluator_id for a in assignments] == [1, 2, 3]
    assert {describe(a.reason, "id") for a in assignments} == {
        "kemiripan teks 0,000, skor 0,000; beban 0 dari 10; tanpa konflik instansi"
    }
    assert {describe(a.reason, "en") for a in assignments} == {
        "text similarity 0.000, score 0.000; load 0 of 10; no conflict with the agency"
    }

    with db.session() as session:
        [envelope] = outbox_envelopes(session)
        consumers = session.execute(select(OUTBOX.deliveries.c.consumer)).scalars().all()
        proposal = session.get(ReviewProposal, (1, 1))
    assert sorted(consumers) == ["documents", "notifications", "submission"]
    assert envelope["name"] == "review.assigned"
    assert envelope["correlation_id"] == "req-1"
    payload = envelope["payload"]
    assert isinstance(payload, dict)
    assert [e["evaluator_id"] for e in payload["evaluators"]] == [1, 2, 3]
    assert payload["evaluators"][1] == {
        "evaluator_id": 2,
        "name": "Evaluator 2",
        "email": "evaluator2@univ.test",
        "opd_code": "dpupr",
        "language": "id",
    }
    assert payload["innovator"]["email"] == "siti@cilegon.test"
    assert payload["opd_name"] == "Instansi dinkes"
    assert proposal is not None
    assert (proposal.status, proposal.innovator_id, proposal.title) == (
        "assigned",
        901,
        "Inovasi nomor 1",
    )


def test_second_assign_of_the_same_version_returns_the_same_and_publishes_nothing(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, None, None, None)
    with db.session() as session:
        first = [a.id for a in assignment.assign(session, submitted(1), k=3)]
    with db.session() as session:
        second = [a.id for a in assignment.assign(session, submitted(1), k=3)]
        events = session.scalar(select(func.count()).select_from(OUTBOX.events))
        total = session.scalar(select(func.count()).select_from(Assignment))
    assert second == first
    assert (events, total) == (1, 3)


def test_new_version_of_a_proposal_gets_its_own_assignments(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, None, None, None)
    with db.session() as session:
        assignment.assign(session, submitted(1, version_no=1), k=3)
        again = assignment.assign(session, submitted(1, version_no=2), k=3)
    # Evaluator 4 held nothing, so it leads the second round.
    assert [a.evaluator_id for a in again] == [4, 1, 2]


def test_conflicted_evaluators_are_skipped_by_the_operation(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators("kec-cilegon", "kel-bagendung", "setda", None, "dinkes")
    with db.session() as session:
        assignments = assignment.assign(session, submitted(1, opd_code="kel-bagendung"), k=3)
    assert [a.evaluator_id for a in assignments] == [3, 4, 5]


def test_loads_balance_across_ten_proposals(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, "dpupr", "bpkad", None, "dindikbud", None, "bkpp")
    for proposal_id in range(1, 11):
        with db.session() as session:
            assignment.assign(session, submitted(proposal_id, opd_code="dinkes"), k=3)
    with db.session() as session:
        loads = Counter(session.scalars(select(Assignment.evaluator_id)))
        events = session.scalar(select(func.count()).select_from(OUTBOX.events))
    assert sum(loads.values()) == 30
    assert len(loads) == 7
    assert max(loads.values()) - min(loads.values()) <= 1
    assert events == 10


def test_assignment_records_the_load_the_evaluator_had(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, None)
    with db.session() as session:
        assignment.assign(session, submitted(1), k=2)
        second = assignment.assign(session, submitted(2), k=2)
    assert [a.load_at_assignment for a in second] == [1, 1]
    assert describe(second[0].reason, "id").endswith("beban 1 dari 10; tanpa konflik instansi")


def test_max_load_and_inactive_evaluators_are_respected(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, None, None, max_load=1)
    with db.session() as session:
        evaluators.upsert_evaluator(
            session, id=3, name="Cuti", email="cuti@univ.test", kind="academic", active=False
        )
        first = assignment.assign(session, submitted(1), k=2)
        second = assignment.assign(session, submitted(2), k=2)
    assert [a.evaluator_id for a in first] == [1, 2]
    assert second == []


def test_too_few_evaluators_leaves_the_proposal_waiting_without_raising(
    db: Database,
    caplog: pytest.LogCaptureFixture,
    add_evaluators: AddEvaluators,
    submitted: Admitted,
) -> None:
    add_evaluators("dinkes", None, None)
    with db.session() as session:
        assert assignment.assign(session, submitted(1, opd_code="dinkes"), k=3) == []
    with db.session() as session:
        proposal = session.get(ReviewProposal, (1, 1))
        events = session.scalar(select(func.count()).select_from(OUTBOX.events))
    assert proposal is not None
    assert proposal.status == "waiting"
    assert events == 0
    assert "hanya 2 evaluator tanpa konflik tersedia, dibutuhkan 3" in caplog.text


def test_waiting_proposal_is_assigned_once_evaluators_exist(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators("dinkes", None, None)
    with db.session() as session:
        assignment.assign(session, submitted(1, opd_code="dinkes"), k=3)
    add_evaluators("dinkes", None, None, "dpupr")
    with db.session() as session:
        assert assignment.assign_waiting(session, k=3) == 1
        assert assignment.assign_waiting(session, k=3) == 0
    with db.session() as session:
        [envelope] = outbox_envelopes(session)
        proposal = session.get(ReviewProposal, (1, 1))
    assert proposal is not None
    assert proposal.status == "assigned"
    payload = envelope["payload"]
    assert isinstance(payload, dict)
    assert [e["evaluator_id"] for e in payload["evaluators"]] == [2, 3, 4]
    assert payload["submitted_at"] == "2025-03-01T09:30:00Z"


def test_the_calls_settings_drive_k_due_date_and_blind(call_db: Database) -> None:
    before = utcnow()
    with call_db.session() as session:
        assignments = assignment.assign(session, make_submitted(1), k=3)
        [event] = events(session, "review.assigned")
    assert len(assignments) == 2  # the call's k, not the default
    payload = event["payload"]
    assert payload["blind"] is True
    assert payload["call_id"] == 1
    assert payload["replacement"] is False
    due = assignments[0].due_at
    assert due is not None
    assert timedelta(days=10) <= due - before < timedelta(days=10, minutes=1)


def test_expertise_wins_over_id_order(db: Database) -> None:
    with db.session() as session:
        for i, (topics, words) in enumerate(
            [(["pendidikan"], "sekolah guru"), (["kesehatan"], "lansia obat layanan"), ([], "")],
            start=1,
        ):
            evaluators.upsert_evaluator(
                session, id=i, name=f"E{i}", email=f"e{i}@t.test", kind="academic",
                topics=topics, expertise=words,
            )  # fmt: skip
        event = make_submitted(1).model_copy(update={"urusan": ("kesehatan",)})
        [first] = assignment.assign(session, event, k=1)
    assert first.evaluator_id == 2
    assert describe(first.reason, "id").startswith("topik sama: kesehatan; kemiripan teks")
    assert describe(first.reason, "en").startswith("topics in common: kesehatan; text similarity")


def test_team_members_are_never_their_own_evaluators(call_db: Database) -> None:
    team = (Person(id=1, name="Evaluator 1", email="evaluator1@univ.test"),)
    with call_db.session() as session:
        event = make_submitted(1).model_copy(update={"team": team})
        chosen = [a.evaluator_id for a in assignment.assign(session, event, k=2)]
    assert 1 not in chosen


def test_reminder_once_before_due_then_overdue_release_and_replacement(
    call_db: Database,
) -> None:
    with call_db.session() as session:
        [a, b] = assignment.assign(session, make_submitted(1), k=2)
        reviews.save(session, holder(b), b.id, good_scores(), submit=True)
        due = a.due_at
        assert due is not None
        assert assignment.send_reminders(session, due - timedelta(days=5)) == 0
        assert assignment.send_reminders(session, due - timedelta(days=1)) == 1
        assert assignment.send_reminders(session, due - timedelta(hours=2)) == 0  # once only
        assert assignment.release_overdue(session, due - timedelta(minutes=1)) == 0
        assert assignment.release_overdue(session, due + timedelta(minutes=1)) == 1
        assert assignment.release_overdue(session, due + timedelta(minutes=2)) == 0
        [reminder] = events(session, "review.due")
        [released] = events(session, "review.released")
        replacement = events(session, "review.assigned")[-1]
        held = session.scalars(select(Assignment).order_by(Assignment.id)).all()
    assert reminder["payload"]["overdue"] is False
    assert reminder["payload"]["evaluator"]["evaluator_id"] == a.evaluator_id
    assert released["payload"]["reason"] == "overdue"
    assert replacement["payload"]["replacement"] is True
    assert [h.status for h in held] == ["released", "submitted", "assigned"]
    assert held[2].evaluator_id not in {a.evaluator_id, b.evaluator_id}


def test_an_extra_evaluator_after_a_disagreement_scores_the_version_again(
    call_db: Database,
) -> None:
    with call_db.session() as session:
        [a, b] = assignment.assign(session, make_submitted(1), k=2)
        reviews.save(session, holder(a), a.id, good_scores(9, 9), submit=True)
        reviews.save(session, holder(b), b.id, good_scores(2, 2), submit=True)
        proposal = session.get(ReviewProposal, (1, 1))
        assert proposal is not None
        assert proposal.disagreement
        [c] = assignment.add_evaluator(session, proposal.proposal_id, proposal.version_no)
        assert proposal.status == "assigned"
        assert c.evaluator_id not in (a.evaluator_id, b.evaluator_id)
        reviews.save(session, holder(c), c.id, good_scores(5, 5), submit=True)
        scored = events(session, "proposal.scored")
    assert [e["payload"]["reviews"] for e in scored] == [2, 3]
    assert scored[-1]["payload"]["median"] == pytest.approx(5.0)


def test_withdrawal_releases_open_reviews_without_replacement(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _b] = assignment.assign(session, make_submitted(1), k=2)
        reviews.save(session, holder(a), a.id, {"kebaruan": {"score": 5}}, submit=False)
        assert assignment.withdraw(session, 1) == 2
        assert assignment.withdraw(session, 1) == 0
        released = events(session, "review.released")
        proposal = session.get(ReviewProposal, (1, 1))
        assert proposal is not None
        assert proposal.status == "withdrawn"
        assert assignment.assign_waiting(session, 2) == 0
    assert [e["payload"]["reason"] for e in released] == ["withdrawn", "withdrawn"]
    assert len(events(session, "review.assigned")) == 1


def test_declining_releases_and_replaces(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _] = assignment.assign(session, make_submitted(1), k=2)
        [new] = assignment.release(session, a, "declined")
        [released] = events(session, "review.released")
    assert released["payload"]["reason"] == "declined"
    assert new.replacement
