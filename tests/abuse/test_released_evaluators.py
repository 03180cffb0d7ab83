"""An evaluator taken off a proposal — they decline, declare a conflict, the admin declares
one, the review is overdue, or the admin overrides it — no longer reads the proposal, its
attachments or its dossier: who may read follows the current assignments, removals included."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from services.documents import bootstrap as documents_bootstrap
from services.documents import calls as documents_calls
from services.documents import dossiers as documents_dossiers
from services.documents import letters as documents_letters
from services.documents.consumers import CONSUMER as DOCUMENTS
from services.review import assignment as review_assignment
from services.review import evaluators as review_evaluators
from services.review.models import OUTBOX as REVIEW_OUTBOX
from services.review.models import Assignment
from services.submission import clock
from services.submission.consumers import CONSUMER as SUBMISSION
from shared import runtime
from shared.events import (
    Assignee,
    CallPublished,
    Envelope,
    Person,
    ProposalAdmitted,
    ReviewAssigned,
    RubricAspect,
)
from tests.support.authz_world import EVALUATORS, user_id
from tests.support.documents import ASSIGNED_AT, make_call, make_submitted
from tests.support.submission import OPENS, complete_proposal, pdf_bytes, token, upload
from tests.support.submission import make_call as make_submission_call

OWNER = "inovator.dinkes@sipinda.test"
P = "/api/v1/proposals"


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def handed(consumer: object, event: object, producer: str = "review") -> None:
    consumer.handle(Envelope.wrap(event, producer).to_wire(), lambda _e, _c: None)  # type: ignore[attr-defined]


def assigned_world(client: FlaskClient) -> tuple[int, int, int, str]:
    """A submitted proposal with an attachment, two evaluators assigned by review, heard by
    submission and documents (its dossier open to them): proposal, assignment, its evaluator's
    account id, the dossier's id."""
    admin = token(client, "admin@sipinda.test")
    owner = token(client, OWNER)
    call_id = make_submission_call(client, admin)
    proposal_id = complete_proposal(client, owner, call_id, "Lepas Tugas")
    upload(client, owner, proposal_id, "other", pdf_bytes())
    assert client.post(f"{P}/{proposal_id}/submit", headers=owner).status_code == 202
    innovator = Person(id=user_id(OWNER), name="Inovator", email=OWNER)
    with runtime.database("review").session() as s:
        review_evaluators.record_call(s, CallPublished(
            call_id=call_id, version_no=1, call_name="Uji", year=2030,
            opens_at=datetime(2030, 1, 1, tzinfo=UTC), closes_at=datetime(2030, 6, 1, tzinfo=UTC),
            evaluators_per_proposal=2, blind=False,
            aspects=(RubricAspect(key="uraian", title="Uraian", weight=1.0),),
        ))  # fmt: skip
        admitted = ProposalAdmitted(
            proposal_id=proposal_id, version_no=1, title="Lepas Tugas", summary="Antar obat.",
            opd_code="dinkes", opd_name="Dinas Kesehatan", innovator=innovator, call_id=call_id,
            submitted_at=datetime(2030, 3, 1, tzinfo=UTC),
        )  # fmt: skip
        first, second = review_assignment.assign(s, admitted, k=2)
        ids = [(a.id, a.evaluator_id) for a in (first, second)]
    evaluators = tuple(
        Assignee(evaluator_id=e, name="E", email="e@x.test", opd_code=None) for _, e in ids
    )
    assigned = ReviewAssigned(
        proposal_id=proposal_id, version_no=1, title="Lepas Tugas", summary="s", opd_code="dinkes",
        opd_name="Dinas Kesehatan", innovator=innovator, submitted_at=OPENS, call_id=call_id,
        evaluators=evaluators,
    )  # fmt: skip
    handed(SUBMISSION, assigned)
    press = documents_bootstrap.press()
    with runtime.database("documents").session() as s:
        documents_calls.record_call(s, make_call(call_id=call_id))
        event = make_submitted(proposal_id=proposal_id, version_no=1, innovator=innovator,
                               call_id=call_id)  # fmt: skip
        (doc,) = documents_dossiers.issue_dossiers(s, event, press)
        documents_letters.record_assignment(s, assigned, press, ASSIGNED_AT)
        document_id = doc.id
    assignment_id, evaluator_id = ids[0]
    return proposal_id, assignment_id, evaluator_id, document_id


def released_events_to_the_readers(assignment_id: int) -> None:
    """Hand review's `review.released` for this assignment to submission and documents, as the
    relay and their workers would."""
    with runtime.database("review").session() as s:
        envelopes = [json.loads(w) for w in s.scalars(select(REVIEW_OUTBOX.events.c.envelope))]
    wires = [
        w for w in envelopes
        if w["name"] == "review.released" and w["payload"]["review_id"] == assignment_id
    ]  # fmt: skip
    assert len(wires) == 1, wires
    for consumer in (SUBMISSION, DOCUMENTS):
        consumer.handle(wires[0], lambda _e, _c: None)


def email_of(evaluator_id: int) -> str:
    return next(e for e in EVALUATORS if user_id(e) == evaluator_id)


def by_decline(client: FlaskClient, assignment_id: int, evaluator: dict[str, str]) -> None:
    reply = client.post(f"/api/v1/review/assignments/{assignment_id}/decline", headers=evaluator)
    assert reply.status_code == 200, reply.json


def by_conflict(client: FlaskClient, assignment_id: int, evaluator: dict[str, str]) -> None:
    reply = client.post(f"/api/v1/review/assignments/{assignment_id}/conflict",
                        json={"reason": "Saudara pengusul."}, headers=evaluator)  # fmt: skip
    assert reply.status_code == 200, reply.json


def by_admin_conflict(client: FlaskClient, assignment_id: int, _e: dict[str, str]) -> None:
    with runtime.database("review").session() as s:
        a = s.get(Assignment, assignment_id)
        assert a is not None
        proposal_id, evaluator_id = a.proposal_id, a.evaluator_id
    reply = client.post(f"/api/v1/review/proposals/{proposal_id}/conflicts",
                        json={"evaluator_id": evaluator_id, "reason": "Mantan atasan."},
                        headers=token(client, "admin@sipinda.test"))  # fmt: skip
    assert reply.status_code == 200, reply.json


def by_overdue(_client: FlaskClient, assignment_id: int, _e: dict[str, str]) -> None:
    with runtime.database("review").session() as s:
        a = s.get(Assignment, assignment_id)
        assert a is not None
        review_assignment.release(s, a, "overdue")


def by_override(client: FlaskClient, assignment_id: int, _e: dict[str, str]) -> None:
    with runtime.database("review").session() as s:
        a = s.get(Assignment, assignment_id)
        assert a is not None
        taken = set(s.scalars(select(Assignment.evaluator_id).where(
            Assignment.proposal_id == a.proposal_id)))  # fmt: skip
    other = next(user_id(e) for e in EVALUATORS if user_id(e) not in taken)
    reply = client.post(f"/api/v1/review/assignments/{assignment_id}/override",
                        json={"evaluator_id": other, "reason": "Beban kerja."},
                        headers=token(client, "admin@sipinda.test"))  # fmt: skip
    assert reply.status_code == 200, reply.json


@pytest.mark.parametrize(
    "release", [by_decline, by_conflict, by_admin_conflict, by_overdue, by_override]
)
def test_a_released_evaluator_reads_nothing_of_the_proposal(
    client: FlaskClient, release: Callable[[FlaskClient, int, dict[str, str]], None]
) -> None:
    proposal_id, assignment_id, evaluator_id, document_id = assigned_world(client)
    evaluator = token(client, email_of(evaluator_id))
    owner = token(client, OWNER)
    attachments = client.get(f"{P}/{proposal_id}/attachments", headers=owner).json
    reads = [
        f"{P}/{proposal_id}",
        f"{P}/{proposal_id}/attachments",
        f"{P}/{proposal_id}/attachments/{attachments[0]['id']}",
        f"/documents/{document_id}/download",
    ]
    assert [client.get(path, headers=evaluator).status_code for path in reads] == [200] * 4

    release(client, assignment_id, evaluator)
    released_events_to_the_readers(assignment_id)

    assert all(client.get(path, headers=evaluator).status_code in {403, 404} for path in reads)
    # The owner still reads everything; a second delivery of the release changes nothing.
    assert [client.get(path, headers=owner).status_code for path in reads] == [200] * 4
    released_events_to_the_readers(assignment_id)
