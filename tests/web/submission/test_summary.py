"""The proposals in figures for the admin's dashboard: its JSON and its card, the admin's only;
a draft and a submission move exactly the counts they should."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from services.submission import clock
from tests.support.pages import sign_in
from tests.support.submission import OPENS, complete_proposal, make_call, token

API = "/api/v1/admin/summary/submission"
CARD = "/admin/summary/proposals"


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def summary(client: FlaskClient, admin: dict[str, str], language: str = "id") -> dict[str, Any]:
    reply = client.get(API, headers={**admin, "Accept-Language": language})
    assert reply.status_code == 200, reply.json
    return dict(reply.json)


def test_a_draft_and_a_submission_move_the_counts(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    innovator = token(client, "inovator.dinkes@sipinda.test")
    call_id = make_call(client, admin)
    before = summary(client, admin)
    first = complete_proposal(client, innovator, call_id, "Dasbor satu")
    complete_proposal(client, innovator, call_id, "Dasbor dua")
    reply = client.post(f"/api/v1/proposals/{first}/submit", headers=innovator)
    assert reply.status_code == 202, reply.json

    after = summary(client, admin)
    moved = {s: after["by_status"][s] - before["by_status"][s] for s in after["by_status"]}
    assert moved == {**dict.fromkeys(moved, 0), "draft": 1, "submitted": 1}
    assert after["submitted"] - before["submitted"] == 1
    assert after["waiting_check"] - before["waiting_check"] == 1
    # The call opened a day ago and closes on 30 June 2030: 179 days on the calendar.
    (open_call,) = [c for c in after["open_calls"] if c["id"] == call_id]
    assert open_call["days_left"] == 179
    assert open_call["closes_in"] == "ditutup dalam 179 hari"
    english = summary(client, admin, "en")
    assert [c["closes_in"] for c in english["open_calls"] if c["id"] == call_id] == [
        "closes in 179 days"
    ]


def test_the_card_says_it_in_words_in_both_languages(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    make_call(client, admin)
    sign_in(client, "admin@sipinda.test")
    card = client.get(CARD, headers={"Accept-Language": "id"})
    assert card.status_code == 200
    # Only this site's pages may frame it, and nobody keeps a copy.
    assert card.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in card.headers["Content-Security-Policy"]
    assert "no-store" in card.headers["Cache-Control"]
    html = card.get_data(as_text=True)
    # (the two calls closing soonest are named: other tests' calls may close before this one)
    for words in ("Usulan per tahap", "Draf", "Terkirim", "ditutup dalam "):
        assert words in html, html
    assert "summary." not in html  # no raw key shows
    assert "status." not in html
    assert 'href="/proposals?status=submitted" target="_top"' in html
    english = client.get(CARD, headers={"Accept-Language": "en"}).get_data(as_text=True)
    for words in ("Proposals by stage", "Submitted", "closes in 179 days"):
        assert words in english


@pytest.mark.parametrize(
    "email",
    ["inovator.dinkes@sipinda.test", "verifikator@sipinda.test", "operator.dinkes@sipinda.test"],
)
def test_nobody_but_the_admin_reads_them(client: FlaskClient, email: str) -> None:
    assert client.get(API, headers=token(client, email)).status_code == 403
    sign_in(client, email)
    assert client.get(CARD).status_code == 403


def test_a_stranger_is_asked_to_sign_in(client: FlaskClient) -> None:
    assert client.get(API).status_code == 401
    reply = client.get(CARD)
    assert reply.status_code == 302
    assert reply.headers["Location"].startswith("/login")


def test_between_calls_the_card_names_the_next_one(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS - timedelta(days=10))
    admin = token(client, "admin@sipinda.test")
    make_call(client, admin)  # opens on OPENS: ten days ahead, or a call opens sooner
    found = summary(client, admin)
    upcoming = found["next_call"]
    assert upcoming is not None
    assert 1 < upcoming["days_to_open"] <= 10
    assert upcoming["opens_in"] == f"dibuka dalam {upcoming['days_to_open']} hari"
    sign_in(client, "admin@sipinda.test")
    html = client.get(CARD, headers={"Accept-Language": "id"}).get_data(as_text=True)
    # Named as the next one when no call is open (another test's call, on a database shared
    # with other suites, may be: the open ones are listed then).
    if not found["open_calls"]:
        assert "Periode berikutnya:" in html
        assert upcoming["opens_in"] in html


def test_the_card_names_two_open_calls_and_links_to_the_rest(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    for _ in range(3):
        make_call(client, admin)
    sign_in(client, "admin@sipinda.test")
    html = client.get(CARD, headers={"Accept-Language": "id"}).get_data(as_text=True)
    listed = html.split('class="figure-calls"')[1].split("</ul>")[0]
    assert listed.count("<li>") == 2
    assert "periode lain yang dibuka" in html
