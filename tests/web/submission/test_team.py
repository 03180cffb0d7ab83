"""Co-innovators: invited by e-mail, they see and edit the proposal once they accept, are named
in the submitted snapshot, cannot manage the team, and lose access when removed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from services.submission import clock
from tests.support.submission import OPENS, complete_proposal, events, make_call, token

COLLEAGUE = "inovator.disdukcapil@sipinda.test"


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def test_invite_accept_edit_submit_remove(client: FlaskClient) -> None:
    call_id = make_call(client, token(client, "admin@sipinda.test"))
    owner = token(client, "inovator.dinkes@sipinda.test")
    colleague = token(client, COLLEAGUE)
    proposal_id = complete_proposal(client, owner, call_id, "Kerja Tim")
    base = f"/api/v1/proposals/{proposal_id}"

    unknown = client.post(f"{base}/team", json={"email": "siapa@x.test"}, headers=owner)
    assert unknown.status_code == 201  # answered as any invitation: no account is revealed
    assert unknown.json["user_id"] is None
    self_invite = client.post(
        f"{base}/team", json={"email": "inovator.dinkes@sipinda.test"}, headers=owner
    )
    assert self_invite.status_code == 422
    invited = client.post(f"{base}/team", json={"email": COLLEAGUE.upper()}, headers=owner)
    assert invited.status_code == 201
    assert invited.json["email"] == COLLEAGUE
    assert invited.json.keys() == unknown.json.keys()
    assert invited.json["user_id"] is None
    again = client.post(f"{base}/team", json={"email": COLLEAGUE}, headers=owner)
    assert again.status_code == 409
    # The invitee is told by e-mail (notifications hears team.invited), once; the unknown
    # address is mailed nothing.
    (told,) = events("team.invited", proposal_id)
    assert told["invitee"]["email"] == COLLEAGUE
    assert told["title"] == "Kerja Tim"
    assert told["accept_path"] == "/proposals"

    assert client.get(base, headers=colleague).status_code == 404  # not before accepting
    pending = client.get("/api/v1/invitations", headers=colleague).json
    assert [i["title"] for i in pending if i["proposal_id"] == proposal_id] == ["Kerja Tim"]
    stranger = token(client, "inovator.kelcibeber@sipinda.test")
    member_id = invited.json["id"]
    assert client.post(f"/api/v1/invitations/{member_id}/accept", headers=stranger).status_code == (
        404
    )
    accepted = client.post(f"/api/v1/invitations/{member_id}/accept", headers=colleague)
    assert accepted.json["accepted"] is True
    still = client.get("/api/v1/invitations", headers=colleague).json
    assert proposal_id not in {i["proposal_id"] for i in still}

    assert proposal_id in {p["id"] for p in client.get("/api/v1/proposals", headers=colleague).json}
    edit = client.patch(
        base, json={"sections": {"uraian": "Ditulis bersama tim."}}, headers=colleague
    )
    assert edit.status_code == 200
    no_manage = client.post(
        f"{base}/team", json={"email": "inovator.kelcibeber@sipinda.test"}, headers=colleague
    )
    assert no_manage.status_code == 403
    assert client.post(f"{base}/submit", headers=colleague).status_code == 202
    team = events("proposal.submitted", proposal_id)[0]["team"]
    assert [p["email"] for p in team] == [COLLEAGUE]

    assert client.delete(f"{base}/team/{member_id}", headers=owner).status_code == 204
    assert client.get(base, headers=colleague).status_code == 404


def test_the_team_on_the_page(client: FlaskClient) -> None:
    import re

    from tests.support.submission import PASSWORD

    call_id = make_call(client, token(client, "admin@sipinda.test"))
    owner = token(client, "inovator.dinkes@sipinda.test")
    proposal_id = complete_proposal(client, owner, call_id, "Tim Di Halaman")
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    client.post("/login", data={"email": COLLEAGUE, "password": PASSWORD,
                                "csrf_token": csrf.group(1)})  # fmt: skip
    client.post(f"/api/v1/proposals/{proposal_id}/team", json={"email": COLLEAGUE}, headers=owner)
    listing = client.get("/proposals").get_data(as_text=True)
    assert "Undangan tim untuk Anda" in listing
    assert "Tim Di Halaman" in listing
    member_id = next(
        i["id"]
        for i in client.get("/api/v1/invitations", headers=token(client, COLLEAGUE)).json
        if i["proposal_id"] == proposal_id
    )
    assert f'action="/invitations/{member_id}/accept"' in listing
    token_now = re.search(r'name="csrf_token" value="([^"]+)"', listing)
    assert token_now
    accepted = client.post(f"/invitations/{member_id}/accept",
                           data={"csrf_token": token_now.group(1)})  # fmt: skip
    assert accepted.status_code == 302
    shown = client.get(accepted.headers["Location"]).get_data(as_text=True)
    assert "Tim inovasi" in shown
    assert f'{COLLEAGUE} <span class="muted">· anggota</span>' in shown
    assert 'id="draft-form"' in shown  # a co-innovator edits
    assert 'id="invite-email"' not in shown  # but does not manage the team
