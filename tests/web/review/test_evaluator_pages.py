"""The evaluator's way in (issue 22): signing in lands on their queue, a menu entry leads back
to it from every page, and the queue says each due date in words and each status in words."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.support.pages import sign_in
from tests.support.review import CALL, admit, admit_outside_any_call


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


def test_the_score_form_puts_the_evidence_first_and_saves_a_draft_for_the_script(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, _], proposal_id = admit(emails)
    csrf = sign_in(client, emails[a.evaluator_id])
    page = f"/review/assignments/{a.id}"
    html = client.get(page).get_data(as_text=True)
    assert f'href="/documents/proposals/{proposal_id}/dossier?version=1"' in html
    assert f'href="/proposals/{proposal_id}"' not in html  # a blind call: the dossier only
    assert "Penilaian buta" in html
    assert re.search(r"\(<strong>\d+ hari lagi</strong>\)", html)
    saved = client.post(page, data={"csrf_token": csrf, "score_kebaruan": "7,5",
                                    "action": "draft"}, headers={"X-Autosave": "1"})  # fmt: skip
    assert (saved.status_code, saved.get_data()) == (204, b"")
    assert 'value="7.5"' in client.get(page).get_data(as_text=True)
    refused = client.post(page, data={"csrf_token": csrf, "score_kebaruan": "70",
                                      "action": "draft"}, headers={"X-Autosave": "1"})  # fmt: skip
    assert refused.status_code == 422
    assert refused.json == {"errors": {"scores.kebaruan": "Nilai harus antara 1 dan 10."}}
    assert 'value="7.5"' in client.get(page).get_data(as_text=True)  # nothing lost
    # An autosave never submits: "submit" with the header is the button, flashed and redirected.
    done = client.post(page, data={"csrf_token": csrf, "score_kebaruan": "7", "score_dampak": "8",
                                   "action": "submit"}, headers={"X-Autosave": "1"})  # fmt: skip
    assert done.status_code == 302


def test_the_admin_sees_a_proposal_s_reviews_side_by_side(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, b], proposal_id = admit(emails)
    for assignment, (first, second) in ((a, ("4", "7")), (b, ("9", "8"))):
        reviewer = client.application.test_client()
        csrf = sign_in(reviewer, emails[assignment.evaluator_id])
        sent = reviewer.post(
            f"/review/assignments/{assignment.id}",
            data={"csrf_token": csrf, "score_kebaruan": first, "score_dampak": second,
                  "action": "submit"},
        )  # fmt: skip
        assert sent.status_code == 302
    sign_in(client, "admin@sipinda.test")
    page = f"/review/admin/proposals/{proposal_id}/1"
    html = client.get(page).get_data(as_text=True)
    assert "melewati ambang" in html  # 4 and 9 on Kebaruan: a spread of 5 past 2,7 points
    assert "lebih dari 2,7 poin" in html
    assert "Nilai terkalibrasi" in html
    assert "Rata-rata biasa: 7,00" in html
    assert f'href="{page}"' in client.get(f"/review/admin/calls/{CALL}").get_data(as_text=True)
    client.set_cookie("lang", "en")
    english = client.get(page).get_data(as_text=True)
    client.delete_cookie("lang")
    assert "past the threshold" in english
    assert "more than 2.7 points" in english
    assert client.get("/review/admin/proposals/999999/1").status_code == 404
    other = client.application.test_client()
    sign_in(other, emails[a.evaluator_id])
    assert other.get(page).status_code == 403


def test_after_submitting_an_evaluator_sees_their_review_beside_the_others(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, b], _ = admit(emails)
    pages = {}
    for assignment, (first, second) in ((a, ("4", "7")), (b, ("9", "8"))):
        reviewer = client.application.test_client()
        csrf = sign_in(reviewer, emails[assignment.evaluator_id])
        page = f"/review/assignments/{assignment.id}"
        reviewer.post(page, data={"csrf_token": csrf, "score_kebaruan": first,
                                  "score_dampak": second, "action": "submit"})  # fmt: skip
        pages[assignment.id] = (reviewer, page)
    reviewer, page = pages[a.id]
    html = reviewer.get(page).get_data(as_text=True)
    assert '<th scope="col">Anda</th>' in html
    assert '<th scope="col">Evaluator 2</th>' in html
    assert "melewati ambang" in html  # 4 beside 9 on one aspect
    for name in emails.values():  # the others stay nameless
        assert name not in html


def test_the_reviews_of_a_proposal_outside_any_call_lead_back_to_the_review_administration(
    client: FlaskClient,
) -> None:
    """Not every proposal comes through a call (the demo's own do not): its page has no call to
    go back to, and once had a link to one that made it fail with a server error."""
    proposal_id = admit_outside_any_call()
    sign_in(client, "admin@sipinda.test")
    reply = client.get(f"/review/admin/proposals/{proposal_id}/1")
    assert reply.status_code == 200
    html = reply.get_data(as_text=True)
    assert '<a href="/review/admin">← Kembali ke administrasi penilaian</a>' in html
    assert "/review/admin/calls/" not in html
