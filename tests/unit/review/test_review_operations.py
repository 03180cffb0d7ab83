"""The review operations on a real SQLite database."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.identity.agencies import cilegon_agencies
from services.review import operations
from services.review.models import OUTBOX, Assignment, Evaluator, ReviewAgency, ReviewProposal
from shared.db import Database
from shared.events import ProposalAdmitted

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
    with db.session() as session:
        assignments = operations.assign(session, submitted(1), k=3, correlation_id="req-1")
    assert [a.evaluator_id for a in assignments] == [1, 2, 3]
    assert {a.reason for a in assignments} == {
        "kemiripan teks 0.000, skor 0.000; beban 0 dari 10; tanpa konflik instansi"
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
        first = [a.id for a in operations.assign(session, submitted(1), k=3)]
    with db.session() as session:
        second = [a.id for a in operations.assign(session, submitted(1), k=3)]
        events = session.scalar(select(func.count()).select_from(OUTBOX.events))
        total = session.scalar(select(func.count()).select_from(Assignment))
    assert second == first
    assert (events, total) == (1, 3)


def test_new_version_of_a_proposal_gets_its_own_assignments(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, None, None, None)
    with db.session() as session:
        operations.assign(session, submitted(1, version_no=1), k=3)
        again = operations.assign(session, submitted(1, version_no=2), k=3)
    # Evaluator 4 held nothing, so it leads the second round.
    assert [a.evaluator_id for a in again] == [4, 1, 2]


def test_conflicted_evaluators_are_skipped_by_the_operation(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators("kec-cilegon", "kel-bagendung", "setda", None, "dinkes")
    with db.session() as session:
        assignments = operations.assign(session, submitted(1, opd_code="kel-bagendung"), k=3)
    assert [a.evaluator_id for a in assignments] == [3, 4, 5]


def test_loads_balance_across_ten_proposals(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, "dpupr", "bpkad", None, "dindikbud", None, "bkpp")
    for proposal_id in range(1, 11):
        with db.session() as session:
            operations.assign(session, submitted(proposal_id, opd_code="dinkes"), k=3)
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
        operations.assign(session, submitted(1), k=2)
        second = operations.assign(session, submitted(2), k=2)
    assert [a.load_at_assignment for a in second] == [1, 1]
    assert second[0].reason.endswith("beban 1 dari 10; tanpa konflik instansi")


def test_max_load_and_inactive_evaluators_are_respected(
    db: Database, add_evaluators: AddEvaluators, submitted: Admitted
) -> None:
    add_evaluators(None, None, None, max_load=1)
    with db.session() as session:
        operations.upsert_evaluator(
            session, id=3, name="Cuti", email="cuti@univ.test", kind="academic", active=False
        )
        first = operations.assign(session, submitted(1), k=2)
        second = operations.assign(session, submitted(2), k=2)
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
        assert operations.assign(session, submitted(1, opd_code="dinkes"), k=3) == []
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
        operations.assign(session, submitted(1, opd_code="dinkes"), k=3)
    add_evaluators("dinkes", None, None, "dpupr")
    with db.session() as session:
        assert operations.assign_waiting(session, k=3) == 1
        assert operations.assign_waiting(session, k=3) == 0
    with db.session() as session:
        [envelope] = outbox_envelopes(session)
        proposal = session.get(ReviewProposal, (1, 1))
    assert proposal is not None
    assert proposal.status == "assigned"
    payload = envelope["payload"]
    assert isinstance(payload, dict)
    assert [e["evaluator_id"] for e in payload["evaluators"]] == [2, 3, 4]
    assert payload["submitted_at"] == "2025-03-01T09:30:00Z"


def test_upsert_evaluator_updates_in_place_and_refuses_unknown_kinds(
    db: Database, add_evaluators: AddEvaluators
) -> None:
    add_evaluators(None)
    with db.session() as session:
        operations.upsert_evaluator(
            session,
            id=1,
            name="Dr. Baru",
            email="baru@univ.test",
            kind="practitioner",
            opd_code="dinkes",
            max_load=4,
        )
        with pytest.raises(ValueError, match="unknown evaluator kind"):
            operations.upsert_evaluator(session, id=2, name="X", email="x@t.test", kind="dukun")
    with db.session() as session:
        evaluators = session.scalars(select(Evaluator)).all()
    assert [(e.id, e.name, e.kind, e.opd_code, e.max_load) for e in evaluators] == [
        (1, "Dr. Baru", "practitioner", "dinkes", 4)
    ]


def test_sync_agencies_copies_the_tree_once_and_follows_changes(db: Database) -> None:
    rows = cilegon_agencies()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ReviewAgency)) == len(rows)
        assert operations.sync_agencies(session, rows) == 0
        moved = [r for r in rows if r.code == "kel-bagendung"]
        moved = [type(moved[0])(r.code, r.name, r.kind, "kec-cibeber") for r in moved]
        assert operations.sync_agencies(session, moved) == 1
        agency = session.get(ReviewAgency, "kel-bagendung")
    assert agency is not None
    assert agency.parent_code == "kec-cibeber"
