"""Submit and withdraw ask first, without JavaScript: the proposal's buttons open a page saying
what will happen; nothing changes until its form is posted with `confirm=yes`; the message
afterwards says what was done and what comes next. In Indonesian and in English."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from services.submission import clock
from tests.support.pages import csrf_of, sign_in
from tests.support.submission import OPENS, complete_proposal, counts, events, make_call, token

INNOVATOR = "inovator.dinkes@sipinda.test"


def text(reply: object) -> str:
    return html.unescape(reply.get_data(as_text=True))  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def a_draft(client: FlaskClient, title: str = "Klinik Keliling") -> int:
    """A complete draft of the Dinas Kesehatan innovator in a call with the verifier's check."""
    call_id = make_call(client, token(client, "admin@sipinda.test"))
    return complete_proposal(client, token(client, INNOVATOR), call_id, title)


def status_of(client: FlaskClient, proposal_id: int) -> str:
    reply = client.get(f"/api/v1/proposals/{proposal_id}", headers=token(client, INNOVATOR))
    return str(reply.json["status"])


def test_the_proposal_s_buttons_lead_to_the_confirmations(client: FlaskClient) -> None:
    proposal_id = a_draft(client)
    sign_in(client, INNOVATOR)
    page = text(client.get(f"/proposals/{proposal_id}"))
    # Links, not forms: opening the question changes nothing.
    assert f'id="submit-proposal" href="/proposals/{proposal_id}/submit">Kirim proposal</a>' in page
    assert f'href="/proposals/{proposal_id}/withdraw">Tarik proposal</a>' in page
    assert f'action="/proposals/{proposal_id}/submit"' not in page


def test_submit_asks_first_with_a_summary_of_what_is_sent(client: FlaskClient) -> None:
    proposal_id = a_draft(client, "Klinik Keliling")
    sign_in(client, INNOVATOR)
    before = counts()
    reply = client.get(f"/proposals/{proposal_id}/submit")
    assert reply.status_code == 200
    page = text(reply)
    assert '<h1 id="confirm-title">Kirim proposal ini?</h1>' in page
    assert "Klinik Keliling" in page
    assert "Lomba Uji" in page  # the call
    assert "30 Juni 2030" in page  # its deadline
    assert "2 dari 2 aspek terisi" in page
    assert "2 berkas terlampir" in page
    assert "dibekukan sebagai versi 1" in page
    assert "verifikator Bappedalitbang" in page
    assert "tidak dapat diubah lagi, kecuali verifikator mengembalikannya" in page
    assert 'name="confirm" value="yes"' in page
    assert csrf_of(page)
    assert '<button type="submit" class="primary" id="confirm-submit">Ya, kirim proposal' in page
    assert f'<a class="button" href="/proposals/{proposal_id}">Batal</a>' in page
    # Asking changed nothing, and neither does a post without the confirmation.
    again = client.post(f"/proposals/{proposal_id}/submit", data={"csrf_token": csrf_of(page)})
    assert again.status_code == 200
    assert "Ya, kirim proposal" in text(again)
    assert counts() == before
    assert status_of(client, proposal_id) == "draft"


def test_a_confirmed_submit_sends_it_and_says_what_comes_next(client: FlaskClient) -> None:
    proposal_id = a_draft(client)
    csrf = sign_in(client, INNOVATOR)
    reply = client.post(
        f"/proposals/{proposal_id}/submit", data={"csrf_token": csrf, "confirm": "yes"}
    )
    assert reply.status_code == 302
    assert reply.headers["Location"] == f"/proposals/{proposal_id}"
    assert status_of(client, proposal_id) == "submitted"
    assert len(events("proposal.submitted", proposal_id)) == 1
    page = text(client.get(f"/proposals/{proposal_id}"))
    assert (
        "Proposal dikirim (versi 1). Verifikator Bappedalitbang akan memeriksanya; "
        "Anda diberi tahu lewat surel."
    ) in page
    # Sent: no second question, the page says why.
    assert client.get(f"/proposals/{proposal_id}/submit").status_code == 409


def test_a_call_without_a_check_says_the_evaluators_come_next(client: FlaskClient) -> None:
    call_id = make_call(client, token(client, "admin@sipinda.test"), check={"enabled": False})
    proposal_id = complete_proposal(client, token(client, INNOVATOR), call_id, "Tanpa Periksa")
    csrf = sign_in(client, INNOVATOR)
    page = text(client.get(f"/proposals/{proposal_id}/submit"))
    assert "langsung diteruskan ke evaluator" in page
    assert "kecuali verifikator" not in page
    client.post(f"/proposals/{proposal_id}/submit", data={"csrf_token": csrf, "confirm": "yes"})
    assert "Proposal dikirim (versi 1) dan diteruskan ke evaluator untuk dinilai" in text(
        client.get(f"/proposals/{proposal_id}")
    )


def test_withdraw_asks_first_and_says_it_cannot_be_undone(client: FlaskClient) -> None:
    proposal_id = a_draft(client)
    csrf = sign_in(client, INNOVATOR)
    client.post(f"/proposals/{proposal_id}/submit", data={"csrf_token": csrf, "confirm": "yes"})
    before = counts()
    reply = client.get(f"/proposals/{proposal_id}/withdraw")
    assert reply.status_code == 200
    page = text(reply)
    assert "Tarik proposal ini?</h1>" in page
    assert "Proposal keluar dari kompetisi" in page
    assert "Penarikan tidak dapat dibatalkan" in page
    assert "Anda menerima surel" in page  # it was sent: the withdrawal is mailed
    assert "Evaluator yang sudah ditugaskan" not in page  # not past the check yet
    assert '<button type="submit" class="danger" id="confirm-withdraw">Ya, tarik proposal' in page
    assert f'href="/proposals/{proposal_id}">Batal, tetap ikut kompetisi</a>' in page
    unconfirmed = client.post(f"/proposals/{proposal_id}/withdraw", data={"csrf_token": csrf})
    assert unconfirmed.status_code == 200
    assert counts() == before
    assert status_of(client, proposal_id) == "submitted"

    done = client.post(
        f"/proposals/{proposal_id}/withdraw", data={"csrf_token": csrf, "confirm": "yes"}
    )
    assert done.status_code == 302
    assert status_of(client, proposal_id) == "withdrawn"
    assert len(events("proposal.withdrawn", proposal_id)) == 1
    shown = text(client.get(f"/proposals/{proposal_id}"))
    assert "Proposal ditarik dan tidak lagi ikut kompetisi." in shown
    assert "Tarik proposal</a>" not in shown
    again = client.get(f"/proposals/{proposal_id}/withdraw")  # withdrawn: nothing to ask
    assert again.status_code == 303
    assert "tidak dapat ditarik." in text(client.get(again.headers["Location"]))


def test_withdrawing_a_draft_mentions_no_mail(client: FlaskClient) -> None:
    proposal_id = a_draft(client)
    sign_in(client, INNOVATOR)
    page = text(client.get(f"/proposals/{proposal_id}/withdraw"))
    assert "Penarikan tidak dapat dibatalkan" in page
    assert "Anda menerima surel" not in page


def test_the_confirmations_in_english(client: FlaskClient) -> None:
    proposal_id = a_draft(client)
    sign_in(client, INNOVATOR)
    english = {"Accept-Language": "en"}
    submit = text(client.get(f"/proposals/{proposal_id}/submit", headers=english))
    assert "Submit this proposal?</h1>" in submit
    assert "2 of 2 aspects filled in" in submit
    assert "It goes to the Bappedalitbang verifier" in submit
    assert "Yes, submit the proposal" in submit
    assert ">Cancel</a>" in submit
    withdraw = text(client.get(f"/proposals/{proposal_id}/withdraw", headers=english))
    assert "Withdraw this proposal?</h1>" in withdraw
    assert "A withdrawal cannot be undone" in withdraw
    assert "Yes, withdraw the proposal" in withdraw
    assert "Kirim" not in submit.split("<main", 1)[-1].split("</main>", 1)[0]


def test_someone_who_may_not_submit_is_not_asked(client: FlaskClient) -> None:
    proposal_id = a_draft(client)
    sign_in(client, "verifikator@sipinda.test")
    assert client.get(f"/proposals/{proposal_id}/submit").status_code == 403
    assert client.get(f"/proposals/{proposal_id}/withdraw").status_code == 403
    assert status_of(client, proposal_id) == "draft"


def test_what_stops_a_submit_is_named_in_words_and_links_to_its_field(
    client: FlaskClient,
) -> None:
    call_id = make_call(client, token(client, "admin@sipinda.test"))
    made = client.post(
        "/api/v1/proposals",
        json={"call_id": call_id, "title": "Belum Lengkap"},
        headers=token(client, INNOVATOR),
    )
    sign_in(client, INNOVATOR)
    reply = client.get(f"/proposals/{made.json['id']}/submit")
    assert reply.status_code == 422
    page = text(reply)
    assert '<a href="#attachments">SK inovator</a>: Lampiran wajib ini belum diunggah.' in page
    assert '<a href="#f-sections-uraian" lang="id">Uraian</a>: ' in page
    assert '<a href="#category">Kategori</a>: ' in page
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "sections." not in summary
    assert "attachments." not in summary


def test_a_second_submit_says_why_without_a_field_code(client: FlaskClient) -> None:
    proposal_id = a_draft(client)
    csrf = sign_in(client, INNOVATOR)
    client.post(f"/proposals/{proposal_id}/submit", data={"csrf_token": csrf, "confirm": "yes"})
    reply = client.get(f"/proposals/{proposal_id}/submit")
    assert reply.status_code == 409
    summary = text(reply).split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "<li>Proposal" in summary
    assert "form" not in summary


def test_a_resubmit_asks_again_beside_the_verifier_s_fix_list(client: FlaskClient) -> None:
    proposal_id = a_draft(client)
    csrf = sign_in(client, INNOVATOR)
    client.post(f"/proposals/{proposal_id}/submit", data={"csrf_token": csrf, "confirm": "yes"})
    checker = sign_in(client, "verifikator@sipinda.test")
    returned = client.post(
        f"/proposals/{proposal_id}/check",
        data={"csrf_token": checker, "decision": "return", "fixes": "Tambahkan data 2029."},
    )
    assert returned.status_code == 302
    sign_in(client, INNOVATOR)
    assert 'id="submit-proposal" href' in text(client.get(f"/proposals/{proposal_id}"))
    page = text(client.get(f"/proposals/{proposal_id}/submit"))
    assert "Kirim ulang proposal ini?</h1>" in page
    assert "Perbaikan yang diminta verifikator" in page
    assert "<li>Tambahkan data 2029.</li>" in page
    assert "dibekukan sebagai versi 2" in page
