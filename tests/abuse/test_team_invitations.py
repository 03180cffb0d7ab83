"""Team invitations tell nobody who has an account, mail only registered innovators, and are
limited per inviter: an invitation box is not a way to probe addresses or to send mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from services.submission import clock
from services.submission.team import INVITES
from tests.support.pages import sign_in
from tests.support.submission import OPENS, complete_proposal, events, make_call, token


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def test_an_invitation_answers_alike_for_a_known_and_an_unknown_address(
    client: FlaskClient,
) -> None:
    owner = token(client, "inovator.dinkes@sipinda.test")
    proposal_id = complete_proposal(
        client, owner, make_call(client, token(client, "admin@sipinda.test")), "Sama Saja"
    )
    base = f"/api/v1/proposals/{proposal_id}/team"
    replies = {
        email: client.post(base, json={"email": email}, headers=owner)
        for email in (
            "inovator.disdukcapil@sipinda.test",
            "tidak.ada@contoh.test",
            "admin@sipinda.test",
        )
    }
    shapes = {
        email: (r.status_code, tuple(sorted(r.json)), r.json["user_id"], r.json["accepted"])
        for email, r in replies.items()
    }
    assert len(set(shapes.values())) == 1, shapes
    listed = client.get(base, headers=owner).json
    assert {m["email"] for m in listed} == set(replies)
    assert {m["user_id"] for m in listed} == {None}
    # Only the registered innovator is mailed (through team.invited); nothing for the others.
    assert [e["invitee"]["email"] for e in events("team.invited", proposal_id)] == [
        "inovator.disdukcapil@sipinda.test"
    ]


def test_invitations_are_limited_per_inviter(client: FlaskClient) -> None:
    owner = token(client, "inovator.kelcibeber@sipinda.test")
    proposal_id = complete_proposal(
        client, owner, make_call(client, token(client, "admin@sipinda.test")), "Batas Undangan"
    )
    base = f"/api/v1/proposals/{proposal_id}/team"
    statuses = [
        client.post(base, json={"email": f"orang{i}@contoh.test"}, headers=owner).status_code
        for i in range(INVITES.count + 1)
    ]
    assert statuses[: INVITES.count] == [201] * INVITES.count
    assert statuses[-1] == 429
    assert len(client.get(base, headers=owner).json) == INVITES.count  # the refused one: no row


def test_only_the_owner_moves_a_draft_to_another_agency(client: FlaskClient) -> None:
    """The agency decides conflicts of interest and which operator sees the proposal: a
    co-innovator, an operator or anyone after the first submit cannot move it."""
    admin = token(client, "admin@sipinda.test")
    owner = token(client, "inovator.dinkes@sipinda.test")
    colleague_email = "inovator.disdukcapil@sipinda.test"
    colleague = token(client, colleague_email)
    proposal_id = complete_proposal(client, owner, make_call(client, admin), "Pindah Instansi")
    base = f"/api/v1/proposals/{proposal_id}"
    member = client.post(f"{base}/team", json={"email": colleague_email}, headers=owner).json
    accepted = client.post(f"/api/v1/invitations/{member['id']}/accept", headers=colleague)
    assert accepted.status_code == 200, accepted.json
    moved = client.patch(base, json={"opd_code": "disdukcapil"}, headers=colleague)
    assert moved.status_code == 422
    assert "hanya dapat diubah oleh pemiliknya" in moved.json["error"]["fields"]["opd_code"]
    assert client.get(base, headers=owner).json["opd_code"] == "dinkes"
    # The colleague may still edit the content, and may send the agency unchanged.
    same = client.patch(base, json={"opd_code": "dinkes", "title": "Tetap"}, headers=colleague)
    assert same.status_code == 200, same.json
    assert client.post(f"{base}/submit", headers=owner).status_code == 202
    assert client.post(f"{base}/withdraw", headers=owner).status_code in {200, 202}
    after = client.patch(base, json={"opd_code": "disdukcapil"}, headers=admin)
    assert after.status_code in {409, 422}
    assert client.get(base, headers=owner).json["opd_code"] == "dinkes"


def test_the_edit_form_moves_no_proposal_to_another_agency(app: Flask) -> None:
    """The page form is the other write path: whatever `opd_code` a co-innovator (or the
    owner) posts with it, the agency stays; only the owner's API edit of a draft moves it."""
    api = app.test_client()
    owner = token(api, "inovator.dinkes@sipinda.test")
    colleague_email = "inovator.disdukcapil@sipinda.test"
    proposal_id = complete_proposal(
        api, owner, make_call(api, token(api, "admin@sipinda.test")), "Form Instansi"
    )
    base = f"/api/v1/proposals/{proposal_id}"
    member = api.post(f"{base}/team", json={"email": colleague_email}, headers=owner).json
    accepted = api.post(
        f"/api/v1/invitations/{member['id']}/accept", headers=token(api, colleague_email)
    )
    assert accepted.status_code == 200, accepted.json
    for email in (colleague_email, "inovator.dinkes@sipinda.test"):
        browser = app.test_client()
        csrf = sign_in(browser, email)
        saved = browser.post(
            f"/proposals/{proposal_id}/edit",
            data={"title": "Form Instansi", "opd_code": "disdukcapil", "csrf_token": csrf},
        )
        assert saved.status_code == 302, email  # the form was taken: the edit was saved
        assert api.get(base, headers=owner).json["opd_code"] == "dinkes"
