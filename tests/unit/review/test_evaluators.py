"""The registry on a real SQLite database: evaluators, the agency tree, the calls' settings,
invitations and their answers."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.identity.agencies import cilegon_agencies
from services.review import assignment, evaluators
from services.review.errors import Refused
from services.review.models import (
    OUTBOX,
    Evaluator,
    Invitation,
    ReviewAgency,
)
from shared.db import Database
from shared.events import ProposalAdmitted
from tests.support.review import evaluator
from tests.support.review_data import events, make_call, make_evaluators, make_submitted

Admitted = Callable[..., ProposalAdmitted]


AddEvaluators = Callable[..., list[int]]


def outbox_envelopes(session: Session) -> list[dict[str, object]]:
    query = select(OUTBOX.events.c.envelope).order_by(OUTBOX.events.c.created_at)
    rows = session.execute(query).scalars()
    return [json.loads(row) for row in rows]


def test_upsert_evaluator_updates_in_place_and_refuses_unknown_kinds(
    db: Database, add_evaluators: AddEvaluators
) -> None:
    add_evaluators(None)
    with db.session() as session:
        evaluators.upsert_evaluator(
            session,
            id=1,
            name="Dr. Baru",
            email="baru@univ.test",
            kind="practitioner",
            opd_code="dinkes",
            max_load=4,
        )
        with pytest.raises(ValueError, match="unknown evaluator kind"):
            evaluators.upsert_evaluator(session, id=2, name="X", email="x@t.test", kind="dukun")
    with db.session() as session:
        rows = session.scalars(select(Evaluator)).all()
    assert [(e.id, e.name, e.kind, e.opd_code, e.max_load) for e in rows] == [
        (1, "Dr. Baru", "practitioner", "dinkes", 4)
    ]


def test_sync_agencies_copies_the_tree_once_and_follows_changes(db: Database) -> None:
    rows = cilegon_agencies()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ReviewAgency)) == len(rows)
        assert evaluators.sync_agencies(session, rows) == 0
        moved = [r for r in rows if r.code == "kel-bagendung"]
        moved = [type(moved[0])(r.code, r.name, r.kind, "kec-cibeber") for r in moved]
        assert evaluators.sync_agencies(session, moved) == 1
        agency = session.get(ReviewAgency, "kel-bagendung")
    assert agency is not None
    assert agency.parent_code == "kec-cibeber"


def test_a_newer_call_version_replaces_the_settings(call_db: Database) -> None:
    with call_db.session() as session:
        evaluators.record_call(session, make_call(version_no=2, k=3, blind=False))
        evaluators.record_call(session, make_call(version_no=2, k=3, blind=False))  # redelivery
        assert len(assignment.assign(session, make_submitted(1), k=2)) == 3


def test_invited_evaluators_form_the_calls_pool_once_someone_accepts(call_db: Database) -> None:
    with call_db.session() as session:
        invitations = evaluators.invite(session, 1, [4, 5])
        again = evaluators.invite(session, 1, [4])
        invited = events(session, "evaluator.invited")
        evaluators.answer_invitation(
            session, evaluator(invitations[0].evaluator_id), invitations[0].id, True
        )
        evaluators.answer_invitation(
            session, evaluator(invitations[1].evaluator_id), invitations[1].id, True
        )
        with pytest.raises(Refused):
            evaluators.answer_invitation(
                session, evaluator(invitations[1].evaluator_id), invitations[1].id, False
            )
        chosen = {a.evaluator_id for a in assignment.assign(session, make_submitted(1), k=2)}
        statuses = session.scalars(select(Invitation.status)).all()
    assert again[0].id == invitations[0].id
    assert [e["payload"]["evaluator"]["id"] for e in invited] == [4, 5]
    assert invited[0]["payload"]["accept_path"] == f"/review/invitations/{invitations[0].id}"
    assert invited[0]["payload"]["call_name"] == "KIPP Cilegon 2025"
    assert chosen == {4, 5}
    assert statuses == ["accepted", "accepted"]


def test_invitation_to_an_unknown_call_is_refused(db: Database) -> None:
    make_evaluators(db, None)
    with db.session() as session, pytest.raises(Refused):
        evaluators.invite(session, 99, [1])
