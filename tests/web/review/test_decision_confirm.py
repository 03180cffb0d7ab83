"""Decisions ask first (issue 21): the admin's choice shows a page that lists each proposal, its
decision now and what it becomes; nothing is decided until they confirm, and then the message
says what was done and how to change it."""

from __future__ import annotations

from flask.testing import FlaskClient

from services.review.models import ReviewProposal
from shared import runtime
from tests.support.pages import sign_in
from tests.support.review import CALL, admit
from tests.support.submission import token


def scored(client: FlaskClient, emails: dict[int, str]) -> int:
    assignments, proposal_id = admit(emails)
    for a in assignments:
        body = {"scores": {"kebaruan": {"score": 7, "comment": ""},
                           "dampak": {"score": 8, "comment": ""}}, "submit": True}  # fmt: skip
        done = client.put(f"/api/v1/review/assignments/{a.id}/review", json=body,
                          headers=token(client, emails[a.evaluator_id]))  # fmt: skip
        assert done.status_code == 200, done.json
    return proposal_id


def decision_of(proposal_id: int) -> str | None:
    with runtime.database("review").session() as s:
        found = s.get(ReviewProposal, (proposal_id, 1))
        assert found is not None
        return found.decision


def test_a_decision_is_confirmed_before_it_is_saved(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    proposal_id = scored(client, emails)
    csrf = sign_in(client, "admin@sipinda.test")
    page = f"/review/admin/calls/{CALL}/decisions"
    form = {"csrf_token": csrf, f"decision_{proposal_id}_1": "winner"}
    asked = client.post(page, data=form)
    assert asked.status_code == 200
    html = asked.get_data(as_text=True)
    assert "Periksa keputusan sebelum disimpan" in html
    assert f"Inovasi Uji {proposal_id}" in html
    assert "<strong>Pemenang</strong>" in html
    assert "Ya, simpan 1 keputusan" in html
    assert decision_of(proposal_id) is None  # nothing yet
    done = client.post(page, data={**form, "confirm": "yes"})
    assert done.status_code == 302
    assert decision_of(proposal_id) == "winner"
    after = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Untuk mengubahnya, pilih keputusan lain" in after
