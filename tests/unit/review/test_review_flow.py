"""The review flow on a real SQLite database: call settings, conflicts and replacement,
invitations, scoring, aggregation, decisions, reminders and overdue reviews."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import operations
from services.review.models import OUTBOX, Assignment, Conflict, Invitation, ReviewProposal
from services.review.scoring import ScoreError
from shared.db import Database
from shared.events import Person
from shared.outbox import utcnow
from tests.unit.review.conftest import make_call, make_evaluators, make_submitted


def events(session: Session, name: str | None = None) -> list[dict]:
    rows = session.execute(select(OUTBOX.events.c.envelope).order_by(OUTBOX.events.c.created_at))
    out = [json.loads(r) for r in rows.scalars()]
    return [e for e in out if name is None or e["name"] == name]


def good_scores(a: float = 8, b: float = 6) -> dict[str, dict[str, object]]:
    return {"kebaruan": {"score": a, "comment": "baik"}, "dampak": {"score": b, "comment": ""}}


@pytest.fixture
def call_db(db: Database) -> Database:
    make_evaluators(db, None, "dpupr", "bpkad", "dindikbud", "bkpp")
    with db.session() as session:
        operations.record_call(session, make_call())
    return db


def test_the_calls_settings_drive_k_due_date_and_blind(call_db: Database) -> None:
    before = utcnow()
    with call_db.session() as session:
        assignments = operations.assign(session, make_submitted(1), k=3, correlation_id="c")
        [event] = events(session, "review.assigned")
    assert len(assignments) == 2  # the call's k, not the default
    payload = event["payload"]
    assert payload["blind"] is True
    assert payload["call_id"] == 1
    assert payload["replacement"] is False
    due = assignments[0].due_at
    assert due is not None
    assert timedelta(days=10) <= due - before < timedelta(days=10, minutes=1)


def test_a_newer_call_version_replaces_the_settings(call_db: Database) -> None:
    with call_db.session() as session:
        operations.record_call(session, make_call(version_no=2, k=3, blind=False))
        operations.record_call(session, make_call(version_no=2, k=3, blind=False))  # redelivery
        assert len(operations.assign(session, make_submitted(1), k=2)) == 3


def test_expertise_wins_over_id_order(db: Database) -> None:
    with db.session() as session:
        for i, (topics, words) in enumerate(
            [(["pendidikan"], "sekolah guru"), (["kesehatan"], "lansia obat layanan"), ([], "")],
            start=1,
        ):
            operations.upsert_evaluator(
                session, id=i, name=f"E{i}", email=f"e{i}@t.test", kind="academic",
                topics=topics, expertise=words,
            )  # fmt: skip
        event = make_submitted(1).model_copy(update={"urusan": ("kesehatan",)})
        [first] = operations.assign(session, event, k=1)
    assert first.evaluator_id == 2
    assert first.reason.startswith("topik sama: kesehatan; kemiripan teks")


def test_team_members_are_never_their_own_evaluators(call_db: Database) -> None:
    team = (Person(id=1, name="Evaluator 1", email="evaluator1@univ.test"),)
    with call_db.session() as session:
        event = make_submitted(1).model_copy(update={"team": team})
        chosen = [a.evaluator_id for a in operations.assign(session, event, k=2)]
    assert 1 not in chosen


def test_declared_conflict_releases_and_replaces_at_once(call_db: Database) -> None:
    with call_db.session() as session:
        first = operations.assign(session, make_submitted(1), k=2)
        gone = first[0]
        new = operations.declare_conflict(session, gone, "Saudara kandung inovator")
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
        [a, _] = operations.assign(session, make_submitted(1), k=2)
        with pytest.raises(operations.ReviewStateError, match=r"review\.reason_required"):
            operations.declare_conflict(session, a, "  ")
        operations.save_review(session, a, good_scores(), submit=True)
        with pytest.raises(operations.ReviewStateError, match=r"review\.not_open"):
            operations.declare_conflict(session, a, "terlambat")


def test_replacement_without_anyone_left_leaves_the_proposal_waiting(db: Database) -> None:
    make_evaluators(db, None, None)
    with db.session() as session:
        operations.record_call(session, make_call())
        [a, _] = operations.assign(session, make_submitted(1), k=2)
        assert operations.declare_conflict(session, a, "kenal dekat") == []
        proposal = session.get(ReviewProposal, (1, 1))
        assert proposal is not None
        assert proposal.status == "waiting"
    make_evaluators(db, None, None, None)  # a third evaluator joins
    with db.session() as session:
        assert operations.assign_waiting(session, 2) == 1
        assert (
            events(session, "review.assigned")[-1]["payload"]["evaluators"][0]["evaluator_id"] == 3
        )


def test_invited_evaluators_form_the_calls_pool_once_someone_accepts(call_db: Database) -> None:
    with call_db.session() as session:
        invitations = operations.invite(session, 1, [4, 5], correlation_id="inv")
        again = operations.invite(session, 1, [4])
        invited = events(session, "evaluator.invited")
        operations.answer_invitation(session, invitations[0], True)
        operations.answer_invitation(session, invitations[1], True)
        with pytest.raises(operations.ReviewStateError):
            operations.answer_invitation(session, invitations[1], False)
        chosen = {a.evaluator_id for a in operations.assign(session, make_submitted(1), k=2)}
        statuses = session.scalars(select(Invitation.status)).all()
    assert again[0].id == invitations[0].id
    assert [e["payload"]["evaluator"]["id"] for e in invited] == [4, 5]
    assert invited[0]["payload"]["accept_path"] == f"/review/invitations/{invitations[0].id}"
    assert invited[0]["payload"]["call_name"] == "KIPP Cilegon 2025"
    assert chosen == {4, 5}
    assert statuses == ["accepted", "accepted"]


def test_invitation_to_an_unknown_call_is_refused(db: Database) -> None:
    make_evaluators(db, None)
    with db.session() as session, pytest.raises(operations.ReviewStateError):
        operations.invite(session, 99, [1])


def test_bad_scores_store_nothing_and_name_each_field(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _] = operations.assign(session, make_submitted(1), k=2)
        with pytest.raises(ScoreError) as caught:
            operations.save_review(
                session,
                a,
                {"kebaruan": {"score": 11}, "dampak": {"score": 10}, "lain": {"score": 3}},
                submit=True,
            )
    assert caught.value.fields == {
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
        [a, b] = operations.assign(session, make_submitted(1), k=2)
        operations.save_review(session, a, {"kebaruan": {"score": 8}}, submit=False)
        assert a.status == "draft"
        assert a.total is None
        operations.save_review(session, a, good_scores(8, 6), submit=True)
        assert a.total == pytest.approx(7.2)  # 0.6·8 + 0.4·6
        assert events(session, "proposal.scored") == []
        operations.save_review(session, b, good_scores(2 if False else 3, 3), submit=True)
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


def test_ranking_per_category_and_bulk_decisions(call_db: Database) -> None:
    with call_db.session() as session:
        for pid, (x, y), category in [(1, (8, 8), "A"), (2, (5, 5), "A"), (3, (6, 6), "B")]:
            group = "Masyarakat" if pid == 2 else "OPD"
            event = make_submitted(pid, opd_code="dinkes").model_copy(
                update={"category": category, "group": group}
            )
            for a in operations.assign(session, event, k=2):
                operations.save_review(session, a, good_scores(x, y), submit=True)
        table = operations.ranking(session, 1)
        with pytest.raises(operations.ReviewStateError):
            operations.decide(session, [(1, 1, "winner"), (2, 1, "juara")])
        assert events(session, "decision.made") == []
        operations.decide(session, [(1, 1, "winner"), (2, 1, "not_selected")], "d")
        made = events(session, "decision.made")
    assert [(r.category, r.proposal_id, r.rank) for r in table] == [
        ("A", 1, 1), ("A", 2, 2), ("B", 3, 1),
    ]  # fmt: skip
    assert [(r.group, r.group_rank) for r in table] == [("OPD", 1), ("Masyarakat", 1), ("OPD", 2)]
    assert [(m["payload"]["proposal_id"], m["payload"]["decision"], m["payload"]["rank"])
            for m in made] == [(1, "winner", 1), (2, "not_selected", 2)]  # fmt: skip


def test_unscored_proposals_cannot_be_decided(call_db: Database) -> None:
    with call_db.session() as session:
        operations.assign(session, make_submitted(1), k=2)
        with pytest.raises(operations.ReviewStateError, match=r"review\.not_scored"):
            operations.decide(session, [(1, 1, "finalist")])


def test_reminder_once_before_due_then_overdue_release_and_replacement(
    call_db: Database,
) -> None:
    with call_db.session() as session:
        [a, b] = operations.assign(session, make_submitted(1), k=2)
        operations.save_review(session, b, good_scores(), submit=True)
        due = a.due_at
        assert due is not None
        assert operations.send_reminders(session, due - timedelta(days=5)) == 0
        assert operations.send_reminders(session, due - timedelta(days=1)) == 1
        assert operations.send_reminders(session, due - timedelta(hours=2)) == 0  # once only
        assert operations.release_overdue(session, due - timedelta(minutes=1)) == 0
        assert operations.release_overdue(session, due + timedelta(minutes=1)) == 1
        assert operations.release_overdue(session, due + timedelta(minutes=2)) == 0
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
        [a, b] = operations.assign(session, make_submitted(1), k=2)
        operations.save_review(session, a, good_scores(9, 9), submit=True)
        operations.save_review(session, b, good_scores(2, 2), submit=True)
        proposal = session.get(ReviewProposal, (1, 1))
        assert proposal is not None
        assert proposal.disagreement
        [c] = operations.add_evaluator(session, proposal)
        assert proposal.status == "assigned"
        assert c.evaluator_id not in (a.evaluator_id, b.evaluator_id)
        operations.save_review(session, c, good_scores(5, 5), submit=True)
        scored = events(session, "proposal.scored")
    assert [e["payload"]["reviews"] for e in scored] == [2, 3]
    assert scored[-1]["payload"]["median"] == pytest.approx(5.0)


def test_withdrawal_releases_open_reviews_without_replacement(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _b] = operations.assign(session, make_submitted(1), k=2)
        operations.save_review(session, a, {"kebaruan": {"score": 5}}, submit=False)
        assert operations.withdraw(session, 1) == 2
        assert operations.withdraw(session, 1) == 0
        released = events(session, "review.released")
        proposal = session.get(ReviewProposal, (1, 1))
        assert proposal is not None
        assert proposal.status == "withdrawn"
        assert operations.assign_waiting(session, 2) == 0
    assert [e["payload"]["reason"] for e in released] == ["withdrawn", "withdrawn"]
    assert len(events(session, "review.assigned")) == 1


def test_an_admin_conflict_releases_replaces_and_bars_later_versions(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _] = operations.assign(session, make_submitted(1), k=2)
        with pytest.raises(operations.ReviewStateError):
            operations.declare_admin_conflict(session, 1, a.evaluator_id, " ")
        assert operations.declare_admin_conflict(session, 1, a.evaluator_id, "kerabat") == 1
        assert operations.declare_admin_conflict(session, 1, a.evaluator_id, "kerabat") == 0
        later = operations.assign(session, make_submitted(1, version_no=2), k=2)
        conflict = session.scalars(select(Conflict)).one()
    assert a.status == "released"
    assert a.evaluator_id not in {x.evaluator_id for x in later}
    assert (conflict.source, conflict.reason) == ("admin", "kerabat")


def test_declining_releases_and_replaces(call_db: Database) -> None:
    with call_db.session() as session:
        [a, _] = operations.assign(session, make_submitted(1), k=2)
        [new] = operations.release(session, a, "declined")
        [released] = events(session, "review.released")
    assert released["payload"]["reason"] == "declined"
    assert new.replacement
