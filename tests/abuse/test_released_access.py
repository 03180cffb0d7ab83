"""Who may read follows the current assignments: an evaluator taken off a proposal (declined,
conflict declared by them or by the admin, overdue, admin override: one code path) no longer
reads the proposal (page and API), its attachments (downloaded or opened inline), its dossier or
any other document of it.

The chain is the real one: a call and a proposal made through submission's API, the verifier's
pass, review's assignment from `proposal.admitted`, and every event the services publish handed
to the consumers the routing table names (notifications aside), as the relay would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select, update

from services.review import assignment
from services.review.models import Assignment
from services.submission import clock
from shared import runtime
from tests.support.chain import (
    OWNER,
    POOL,
    admit_and_assign,
    email_of,
    open_call,
    pump,
    user_id,
)
from tests.support.submission import OPENS, complete_proposal, token


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


@pytest.fixture(scope="module")
def call(app: Any) -> int:
    return open_call(app.test_client(), name="Lomba Akses")


def assigned(client: FlaskClient, call_id: int) -> tuple[int, Assignment]:
    """A proposal passed by the verifier and assigned by review: its id and one open review."""
    owner = token(client, OWNER)
    proposal_id = complete_proposal(client, owner, call_id, "Akses Mengikuti Penugasan")
    return proposal_id, admit_and_assign(client, call_id, proposal_id)[0]


def reachable(client: FlaskClient, proposal_id: int, who: dict[str, str]) -> dict[str, int]:
    """The status of every resource of the proposal an evaluator could ask for."""
    owner = token(client, OWNER)
    path = f"/api/v1/proposals/{proposal_id}"
    attachments = client.get(f"{path}/attachments", headers=owner).json
    documents = client.get(f"{path}/documents", headers=owner).json
    assert attachments
    assert documents
    doc_ids = [d["id"] for d in documents]
    found = {
        "api": client.get(path, headers=who).status_code,
        "page": client.get(f"/proposals/{proposal_id}", headers=who).status_code,
        "attachments": client.get(f"{path}/attachments", headers=who).status_code,
    }
    listed = client.get(f"{path}/documents", headers=who)
    # A list answers with what the reader may read: nothing is as good as not found.
    found["documents"] = 200 if listed.status_code == 200 and listed.json else 404
    for a in attachments:
        found[f"attachment {a['id']}"] = client.get(
            f"{path}/attachments/{a['id']}", headers=who
        ).status_code
        # as the score form opens it, beside its aspect
        found[f"attachment {a['id']} inline"] = client.get(
            f"/proposals/{proposal_id}/attachments/{a['id']}/view", headers=who
        ).status_code
    for d in doc_ids:
        found[f"document {d}"] = client.get(f"/documents/{d}/download", headers=who).status_code
    return found


def _decline(client: FlaskClient, a: Assignment, who: dict[str, str]) -> None:
    reply = client.post(f"/api/v1/review/assignments/{a.id}/decline", headers=who)
    assert reply.status_code == 200, reply.json


def _conflict(client: FlaskClient, a: Assignment, who: dict[str, str]) -> None:
    reply = client.post(
        f"/api/v1/review/assignments/{a.id}/conflict",
        json={"reason": "Saya pernah membimbing tim ini."},
        headers=who,
    )
    assert reply.status_code == 200, reply.json


def _admin_conflict(client: FlaskClient, a: Assignment, who: dict[str, str]) -> None:
    admin = token(client, "admin@sipinda.test")
    reply = client.post(
        f"/api/v1/review/proposals/{a.proposal_id}/conflicts",
        json={"evaluator_id": a.evaluator_id, "reason": "Kerabat inovator."},
        headers=admin,
    )
    assert reply.status_code == 200, reply.json


def _overdue(client: FlaskClient, a: Assignment, who: dict[str, str]) -> None:
    past = datetime.now(UTC) - timedelta(days=1)
    with runtime.database("review").session() as s:
        s.execute(update(Assignment).where(Assignment.id == a.id).values(due_at=past))
    with runtime.database("review").session() as s:
        assert assignment.release_overdue(s, datetime.now(UTC), 2) >= 1
    with runtime.database("review").session() as s:
        held = s.get(Assignment, a.id)
        assert held is not None
        assert held.status == "released"


def _override(client: FlaskClient, a: Assignment, who: dict[str, str]) -> None:
    admin = token(client, "admin@sipinda.test")
    with runtime.database("review").session() as s:
        taken = set(
            s.scalars(
                select(Assignment.evaluator_id).where(Assignment.proposal_id == a.proposal_id)
            )
        )
    newcomer = next(user_id(e) for e in POOL if user_id(e) not in taken)
    reply = client.post(
        f"/api/v1/review/assignments/{a.id}/override",
        json={"evaluator_id": newcomer, "reason": "Beban kerja dipindah."},
        headers=admin,
    )
    assert reply.status_code == 200, reply.json


RELEASES: dict[str, Callable[[FlaskClient, Assignment, dict[str, str]], None]] = {
    "declined": _decline,
    "conflict": _conflict,
    "admin_conflict": _admin_conflict,
    "overdue": _overdue,
    "override": _override,
}


@pytest.mark.parametrize("path", list(RELEASES))
def test_a_released_evaluator_reads_nothing_of_the_proposal_any_more(
    client: FlaskClient, call: int, path: str
) -> None:
    proposal_id, review = assigned(client, call)
    who = token(client, email_of(review.evaluator_id))
    before = reachable(client, proposal_id, who)
    assert set(before.values()) == {200}, before  # the assignment opened all of it

    RELEASES[path](client, review, who)
    pump(proposal_id, call)

    after = reachable(client, proposal_id, who)
    assert set(after.values()) == {404}, after
    assert client.get(f"/api/v1/review/assignments/{review.id}", headers=who).status_code == 404
    # A second delivery of the release changes nothing; the evaluators still on it still read.
    pump(proposal_id, call)
    assert set(reachable(client, proposal_id, who).values()) == {404}
    with runtime.database("review").session() as s:
        others = s.scalars(
            select(Assignment.evaluator_id).where(
                Assignment.proposal_id == proposal_id, Assignment.status != "released"
            )
        ).all()
    assert others
    for other in others:
        still = reachable(client, proposal_id, token(client, email_of(other)))
        assert set(still.values()) == {200}, still
