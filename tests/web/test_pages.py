"""The HTML path without JavaScript: sign in, write a draft, submit it, see its timeline."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.support.pages import sign_in


def test_innovator_writes_and_submits_a_proposal_with_plain_forms(client: FlaskClient) -> None:
    token = sign_in(client, "inovator.dinkes@sipinda.test")
    form = client.get("/proposals/new").get_data(as_text=True)
    assert '<option value="dinkes" selected>Dinas Kesehatan</option>' in form

    fields = {
        "title": "Klinik Keliling",
        "summary": "Layanan <b>jemput</b> bola.",
        "opd_code": "dinkes",
    }
    created = client.post("/proposals/new", data={**fields, "csrf_token": token})
    assert created.status_code == 302
    page_url = created.headers["Location"]
    page = client.get(page_url).get_data(as_text=True)
    assert "Layanan &lt;b&gt;jemput&lt;/b&gt; bola." in page  # user text is shown, never run

    submitted = client.post(f"{page_url}/submit", data={"csrf_token": token, "confirm": "yes"})
    assert submitted.status_code == 302
    page = client.get(page_url).get_data(as_text=True)
    assert "Proposal dikirim (versi 1)." in page
    assert "Lolos administrasi" in page  # no call, no check: admitted at submit


def test_form_errors_keep_what_was_typed(client: FlaskClient) -> None:
    token = sign_in(client, "inovator.dinkes@sipinda.test")
    reply = client.post(
        "/proposals/new", data={"title": "ab", "summary": "Tetap di sini", "csrf_token": token}
    )
    html = reply.get_data(as_text=True)
    assert reply.status_code == 422
    assert 'aria-invalid="true"' in html
    assert "Tetap di sini" in html


def test_a_form_without_its_csrf_token_is_refused(client: FlaskClient) -> None:
    sign_in(client, "inovator.dinkes@sipinda.test")
    reply = client.post("/proposals/new", data={"title": "Tanpa token", "summary": "x"})
    assert reply.status_code == 400
    assert "Formulir kedaluwarsa" in reply.get_data(as_text=True)


def test_pages_need_a_sign_in(client: FlaskClient) -> None:
    reply = client.get("/proposals")
    assert reply.status_code == 302
    assert reply.headers["Location"].startswith("/login")
