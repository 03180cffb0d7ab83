"""The admin's results documents page (issue 21): the recap, the minutes and the certificates
made from buttons, each as a background job whose progress the page shows, then opened or
downloaded; a minutes form without its date keeps what was typed and says what is missing."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from services.documents import bootstrap, calls, jobs, letters
from services.documents.models import Document, Job
from shared import runtime
from tests.support.documents import ASSIGNED_AT, make_call, make_review
from tests.support.pages import csrf_of, sign_in

CALL = 9104


def prepared() -> None:
    with runtime.database("documents").session() as s:
        if calls.call_info(s, CALL) is None:
            calls.record_call(s, make_call(call_id=CALL))
            letters.issue_score_sheet(
                s, make_review(review_id=9104, proposal_id=9104, call_id=CALL), bootstrap.press()
            )


def last_job(kind: str) -> Job:
    with runtime.database("documents").session() as s:
        job = s.scalars(
            select(Job).where(Job.call_id == CALL, Job.kind == kind).order_by(Job.id.desc())
        ).first()
        assert job is not None
        s.expunge(job)
        return job


def test_the_admin_makes_the_recap_from_a_button_and_opens_it(client: FlaskClient) -> None:
    prepared()
    sign_in(client, "admin@sipinda.test")
    page = client.get(f"/documents/calls/{CALL}").get_data(as_text=True)
    for words in ("Rekapitulasi nilai", "Berita acara hasil penilaian", "Sertifikat penghargaan",
                  "Belum dibuat.", "Buat rekapitulasi nilai"):  # fmt: skip
        assert words in page, words
    made = client.post(f"/documents/calls/{CALL}/recap", data={"csrf_token": csrf_of(page)})
    assert made.status_code == 302
    job = last_job("recap")
    assert job.status == "queued"
    waiting = client.get(f"/documents/calls/{CALL}").get_data(as_text=True)
    assert "Rekapitulasi nilai sedang dibuat di latar belakang" in waiting
    assert "Menunggu giliran dibuat" in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting  # the page follows the job
    # The worker's part, run here: the task body is this one call.
    assert jobs.run(runtime.database("documents"), job.id, bootstrap.press(), ASSIGNED_AT) == "done"
    done = client.get(f"/documents/calls/{CALL}").get_data(as_text=True)
    assert "Selesai dibuat." in done
    assert "Buat ulang rekapitulasi nilai (revisi baru)" in done
    assert 'http-equiv="refresh"' not in done
    document_id = last_job("recap").document_id
    assert f'href="/documents/{document_id}/view"' in done
    opened = client.get(f"/documents/{document_id}/view")
    assert opened.status_code == 200
    assert opened.data.startswith(b"%PDF")
    with runtime.database("documents").session() as s:
        assert s.get(Document, document_id).kind == "rekap"  # type: ignore[union-attr]


def test_minutes_without_a_date_keep_what_was_typed_and_start_nothing(
    client: FlaskClient,
) -> None:
    prepared()
    sign_in(client, "admin@sipinda.test")
    csrf = csrf_of(client.get(f"/documents/calls/{CALL}").get_data(as_text=True))
    with runtime.database("documents").session() as s:
        before = len(s.scalars(select(Job).where(Job.kind == "minutes")).all())
    refused = client.post(f"/documents/calls/{CALL}/minutes", data={
        "csrf_token": csrf, "held_on": "", "place": "Aula Bappedalitbang",
        "panel_name": ["Dr. Siti", ""], "panel_role": ["chair", "member"],
    })  # fmt: skip
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "Isi tanggal rapat penilaian." in html
    assert 'value="Aula Bappedalitbang"' in html
    assert 'value="Dr. Siti"' in html
    with runtime.database("documents").session() as s:
        assert len(s.scalars(select(Job).where(Job.kind == "minutes")).all()) == before
    made = client.post(f"/documents/calls/{CALL}/minutes", data={
        "csrf_token": csrf, "held_on": "2026-12-03", "place": "Aula Bappedalitbang",
        "panel_name": ["Dr. Siti", "Ir. Budi"], "panel_role": ["chair", "member"],
    })  # fmt: skip
    assert made.status_code == 302
    assert last_job("minutes").params["panel"] == [
        {"name": "Dr. Siti", "role": "chair"}, {"name": "Ir. Budi", "role": "member"},
    ]  # fmt: skip


def test_only_the_admin_sees_or_starts_them(client: FlaskClient) -> None:
    prepared()
    csrf = sign_in(client, "verifikator@sipinda.test")
    assert client.get(f"/documents/calls/{CALL}").status_code == 403
    refused = client.post(f"/documents/calls/{CALL}/recap", data={"csrf_token": csrf})
    assert refused.status_code == 403


def test_the_admin_chooses_certificates_per_proposal_or_per_team_member(
    client: FlaskClient,
) -> None:
    prepared()
    sign_in(client, "admin@sipinda.test")
    said = {
        "id": ("Satu sertifikat per proposal (untuk inovator)",
               "Satu sertifikat untuk setiap anggota tim", "Sertifikat yang dibuat"),
        "en": ("One certificate per proposal (for the innovator)",
               "One certificate for each team member", "Certificates to make"),
    }  # fmt: skip
    for language, words in said.items():
        client.set_cookie("lang", language)
        page = client.get(f"/documents/calls/{CALL}").get_data(as_text=True)
        for word in words:
            assert word in page, (language, word)
    client.delete_cookie("lang")
    assert 'name="per" value="proposal" checked' in page  # the first by default
    assert 'name="per" value="member">' in page
    csrf = csrf_of(page)
    assert client.post(f"/documents/calls/{CALL}/certificates",
                       data={"csrf_token": csrf}).status_code == 302  # fmt: skip
    assert last_job("certificates").params["per"] == "proposal"
    assert client.post(f"/documents/calls/{CALL}/certificates",
                       data={"csrf_token": csrf, "per": "member"}).status_code == 302  # fmt: skip
    assert last_job("certificates").params["per"] == "member"
