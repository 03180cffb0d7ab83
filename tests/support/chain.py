"""The services' chain in one process: a proposal made through submission's API, passed by the
verifier, assigned by review, and every event handed to the consumers the routing table names
(notifications aside: tests read its drafts), as the relay would."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from services.documents.consumers import CONSUMER as DOCUMENTS
from services.documents.models import OUTBOX as DOCUMENTS_OUTBOX
from services.identity.accounts import find_user_by_email
from services.review import evaluators
from services.review.consumers import CONSUMER as REVIEW
from services.review.models import OUTBOX as REVIEW_OUTBOX
from services.review.models import Assignment
from services.submission.consumers import CONSUMER as SUBMISSION
from services.submission.models import OUTBOX as SUBMISSION_OUTBOX
from shared import runtime
from shared.consumer import Consumer
from shared.events.routing import SUBSCRIBERS
from tests.support.review import evaluator
from tests.support.submission import make_call, token

CONSUMERS: dict[str, Consumer] = {
    "submission": SUBMISSION,
    "review": REVIEW,
    "documents": DOCUMENTS,
}
OUTBOXES = {"submission": SUBMISSION_OUTBOX, "review": REVIEW_OUTBOX, "documents": DOCUMENTS_OUTBOX}
POOL = [
    "evaluator.akademisi1@sipinda.test",
    "evaluator.akademisi2@sipinda.test",
    "evaluator.praktisi@sipinda.test",
    "evaluator.rsud@sipinda.test",
    "evaluator.kominfo@sipinda.test",
    "evaluator.setda@sipinda.test",
]
OWNER = "inovator.dinkes@sipinda.test"


def user_id(email: str) -> int:
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, email)
        assert user is not None
        return user.id


def user_name(email: str) -> str:
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, email)
        assert user is not None
        return user.name


def email_of(evaluator_id: int) -> str:
    return next(e for e in POOL if user_id(e) == evaluator_id)


def published(proposal_id: int | None, call_id: int) -> list[dict[str, Any]]:
    """Every envelope the services published about this proposal (or this call)."""
    found = []
    for service, outbox in OUTBOXES.items():
        with runtime.database(service).session() as s:
            rows = s.scalars(select(outbox.events.c.envelope)).all()
        for raw in rows:
            wire: dict[str, Any] = json.loads(raw)
            about = wire["payload"].get("proposal_id")
            if about is None and wire["payload"].get("call_id") != call_id:
                continue
            if about is not None and about != proposal_id:
                continue
            found.append(wire)
    return found


def pump(proposal_id: int | None, call_id: int) -> None:
    """Hand every event about this proposal (or call) to its consumers until none is new; the
    consumers' inboxes make a second delivery a duplicate."""
    for _ in range(6):
        for wire in published(proposal_id, call_id):
            for subscriber in SUBSCRIBERS.get(wire["name"], ()):
                if subscriber in CONSUMERS:
                    CONSUMERS[subscriber].handle(wire, lambda _e, _s: None)


def open_call(client: FlaskClient, **overrides: Any) -> int:
    """A call published to review and documents, its evaluator pool exactly POOL."""
    call_id = make_call(client, token(client, "admin@sipinda.test"), **overrides)
    pump(None, call_id)
    with runtime.database("review").session() as s:
        for invitation in evaluators.invite(s, call_id, sorted(user_id(e) for e in POOL)):
            if invitation.status == "invited":
                evaluators.answer_invitation(
                    s, evaluator(invitation.evaluator_id), invitation.id, accept=True
                )
    return call_id


def admit_and_assign(client: FlaskClient, call_id: int, proposal_id: int) -> list[Assignment]:
    """Submit the draft, pass the verifier's check, and let review assign it: its open
    reviews."""
    path = f"/api/v1/proposals/{proposal_id}"
    assert client.post(f"{path}/submit", headers=token(client, OWNER)).status_code == 202
    verifier = token(client, "verifikator@sipinda.test")
    items = dict.fromkeys(client.get(f"{path}/check", headers=verifier).json["items"], True)
    decision = {"decision": "pass", "items": items}
    passed = client.post(f"{path}/check", json=decision, headers=verifier)
    assert passed.status_code == 200, passed.json
    pump(proposal_id, call_id)
    with runtime.database("review").session() as s:
        held = list(
            s.scalars(
                select(Assignment).where(
                    Assignment.proposal_id == proposal_id, Assignment.status != "released"
                )
            )
        )
        s.expunge_all()
    assert held, "review assigned nobody"
    return held
