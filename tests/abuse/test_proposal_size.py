"""What one proposal may carry is bounded in characters, on the server: sections of 50,000
characters (a dossier that took the documents worker two minutes) are refused at the API and on
the page, with the limit in the user's language, and nothing of them is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from services.submission import clock
from tests.support.pages import csrf_of, sign_in
from tests.support.submission import OPENS, complete_proposal, make_call, token

OWNER = "inovator.dinkes@sipinda.test"
HUGE = " ".join(["a" * 49_999])  # one 50,000-character "word": within any word limit


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def test_a_50000_character_section_is_refused_and_nothing_is_kept(client: FlaskClient) -> None:
    owner = token(client, OWNER)
    proposal_id = complete_proposal(
        client, owner, make_call(client, token(client, "admin@sipinda.test")), "Terlalu Panjang"
    )
    path = f"/api/v1/proposals/{proposal_id}"
    before = client.get(path, headers=owner).json["sections"]
    for sections in ({"uraian": HUGE}, {"ringkasan": HUGE}):
        reply = client.patch(path, json={"sections": sections}, headers=owner)
        assert reply.status_code == 422, reply.json
        (field,) = sections
        assert "karakter" in reply.json["error"]["fields"][f"sections.{field}"]
    assert client.get(path, headers=owner).json["sections"] == before
    english = client.patch(path, json={"sections": {"uraian": HUGE}},
                           headers={**owner, "Accept-Language": "en"})  # fmt: skip
    assert "characters" in english.json["error"]["fields"]["sections.uraian"]


def test_the_form_shows_and_holds_the_limit(client: FlaskClient) -> None:
    owner = token(client, OWNER)
    proposal_id = complete_proposal(
        client, owner, make_call(client, token(client, "admin@sipinda.test")), "Batas Karakter"
    )
    sign_in(client, OWNER)
    page = client.get(f"/proposals/{proposal_id}").get_data(as_text=True)
    assert 'maxlength="' in page
    assert "karakter" in page
    form = {"csrf_token": csrf_of(page), "title": "Batas Karakter", "sections.uraian": HUGE}
    reply = client.post(f"/proposals/{proposal_id}/edit", data=form)
    assert reply.status_code in {200, 422}
    assert "Paling banyak" in reply.get_data(as_text=True)
    api = client.get(f"/api/v1/proposals/{proposal_id}", headers=owner).json
    assert api["sections"]["uraian"] != HUGE
