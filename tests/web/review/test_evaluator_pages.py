"""The evaluator's way in (issue 22): signing in lands on their queue, a menu entry leads back
to it from every page, and the queue says each due date in words and each status in words."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.support.pages import sign_in
from tests.support.review import admit


def test_an_evaluator_lands_on_their_queue_and_the_menu_leads_back(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, _], _ = admit(emails)
    sign_in(client, emails[a.evaluator_id])
    home = client.get("/")
    assert home.status_code == 302
    assert home.headers["Location"].endswith("/review")
    for page in ("/review", "/notifications", f"/review/assignments/{a.id}"):
        html = client.get(page).get_data(as_text=True)
        assert '<a href="/review"' in html, page
        assert "Penilaian saya" in html, page
        assert 'href="/proposals"' not in html, page  # they have no proposals of their own


def test_everyone_else_lands_on_the_proposals(client: FlaskClient) -> None:
    for email in ("inovator.dinkes@sipinda.test", "admin@sipinda.test"):
        other = client.application.test_client()
        sign_in(other, email)
        assert other.get("/").headers["Location"].endswith("/proposals"), email
        assert "Penilaian saya" not in other.get("/proposals").get_data(as_text=True)


def test_the_queue_says_the_due_date_and_status_in_words(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, _], _ = admit(emails)
    sign_in(client, emails[a.evaluator_id])
    indonesian = client.get("/review").get_data(as_text=True)
    assert re.search(r"<strong>\d+ hari lagi</strong>", indonesian)
    assert "Ditugaskan, belum dimulai" in indonesian
    assert ">assigned<" not in indonesian
    client.set_cookie("lang", "en")
    english = client.get("/review").get_data(as_text=True)
    client.delete_cookie("lang")
    assert re.search(r"<strong>in \d+ days</strong>", english)
    assert "My reviews" in english
    assert "hari lagi" not in english
