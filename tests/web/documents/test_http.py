"""Documents over HTTP on the whole web app: the public verification page and API (facts of
one document and a byte-for-byte check, nothing else), downloads per role and object with
`attachment` and `nosniff`, and the admin's background jobs with their progress."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from services.documents import (
    bootstrap,
    calls,
    dossiers,
    jobs,
    letters,
)
from services.documents.errors import RenderTimeoutError
from services.documents.models import Document, Job
from services.identity.models import User
from shared import runtime
from shared.events import Person
from tests.support.documents import ASSIGNED_AT, make_call, make_review, make_submitted

PASSWORD = "rahasia-demo"


def token(client: FlaskClient, email: str) -> dict[str, str]:
    reply = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    assert reply.status_code == 200, reply.json
    return {"Authorization": f"Bearer {reply.json['access_token']}"}


def user_id(email: str) -> int:
    with runtime.database("identity").session() as s:
        return int(s.scalars(select(User.id).where(User.email == email)).one())


@pytest.fixture(scope="module")
def dossier(app: object) -> Iterator[dict[str, object]]:
    """A dossier owned by the demo innovator of Dinas Kesehatan, issued into the app's own
    database and storage."""
    owner = Person(id=user_id("inovator.dinkes@sipinda.test"), name="Rina", email="r@x.test")
    event = make_submitted(proposal_id=9041, innovator=owner, call_id=9003)
    with runtime.database("documents").session() as s:
        calls.record_call(s, make_call(call_id=9003))
        (doc,) = dossiers.issue_dossiers(s, event, bootstrap.press())
        facts = {"id": doc.id, "code": doc.verification_code, "number": doc.number,
                 "sha256": doc.sha256, "key": doc.storage_key}  # fmt: skip
    return facts


def pdf_of(facts: dict[str, object]) -> bytes:
    return bootstrap.storage().get(str(facts["key"]))


def test_verification_page_shows_kind_number_date_hash_and_status(
    client: FlaskClient, dossier: dict[str, object]
) -> None:
    page = client.get(f"/verify/{dossier['code']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for expected in (str(dossier["number"]), str(dossier["sha256"]), "<strong>Sah</strong>",
                     "Berkas Proposal Inovasi Daerah", "Senin, 7 Desember 2020"):  # fmt: skip
        assert expected in html, expected
    assert "Kader Posyandu" not in html  # nothing of the proposal itself is public
    assert "Dinas Kesehatan" not in html
    assert "Valid" not in html
    client.set_cookie("lang", "en")
    english = client.get(f"/verify/{dossier['code']}").get_data(as_text=True)
    client.delete_cookie("lang")
    for expected in ("Document verification", "<strong>Valid</strong>", "Monday, 7 December 2020",
                     "Regional Innovation Proposal Dossier"):  # fmt: skip
        assert expected in english, expected
    for indonesian in ("Sah", "Berkas Proposal", "Desember", "Jenis dokumen", "Periksa"):
        assert indonesian not in english, indonesian


def test_verification_api_checks_an_upload_byte_for_byte(
    client: FlaskClient, dossier: dict[str, object]
) -> None:
    code = str(dossier["code"])
    facts = client.get(f"/api/v1/verify/{code[:5].lower()}-{code[5:].lower()}").json
    assert set(facts) == {"kind", "kind_title", "number", "issued", "issued_text", "sha256",
                          "status", "status_text"}  # fmt: skip
    assert (facts["kind"], facts["issued"], facts["status"]) == (
        "proposal_dossier",
        "2020-12-07",
        "valid",
    )
    pdf = pdf_of(dossier)
    same = client.post(f"/api/v1/verify/{code}", data={"file": (io.BytesIO(pdf), "a.pdf")})
    assert same.json["match"] is True
    middle = len(pdf) // 2
    tampered = pdf[:middle] + bytes([pdf[middle] ^ 1]) + pdf[middle + 1 :]
    other = client.post(f"/api/v1/verify/{code}", data={"file": (io.BytesIO(tampered), "a.pdf")})
    assert other.json["match"] is False


def test_verification_of_an_unknown_code_or_without_a_file_is_a_clear_4xx(
    client: FlaskClient, dossier: dict[str, object]
) -> None:
    empty = client.post(f"/api/v1/verify/{dossier['code']}", data={})
    assert empty.status_code == 400
    assert "Unggah satu berkas PDF" in empty.json["error"]["message"]
    said = {"id": "Tidak ada dokumen dengan kode verifikasi ini",
            "en": "No document has this verification code"}  # fmt: skip
    for language, words in said.items():
        client.set_cookie("lang", language)
        page = client.get("/verify/AAAAAAAAAA")
        assert page.status_code == 404
        assert words in page.get_data(as_text=True)
        api = client.get("/api/v1/verify/AAAAAAAAAA")
        assert api.status_code == 404
        assert api.json["error"]["code"] == "not_found"
        assert words in api.json["error"]["message"]
    client.delete_cookie("lang")
    english = client.get("/verify/AAAAAAAAAA", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert said["en"] in english.get_data(as_text=True)  # no cookie: the browser's language


def test_owner_downloads_as_an_attachment_with_nosniff(
    client: FlaskClient, dossier: dict[str, object]
) -> None:
    url = f"/documents/{dossier['id']}/download"
    assert client.get(url).status_code == 401
    reply = client.get(url, headers=token(client, "inovator.dinkes@sipinda.test"))
    assert reply.status_code == 200
    assert reply.headers["Content-Disposition"].startswith("attachment;")
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.mimetype == "application/pdf"
    assert reply.data == pdf_of(dossier)


def test_a_proposal_s_dossier_opens_in_the_browser_s_viewer(
    client: FlaskClient, dossier: dict[str, object]
) -> None:
    """The link a page gives (the evaluator's workbench): the dossier this reader may read,
    shown inline, not saved as a download."""
    owner = token(client, "inovator.dinkes@sipinda.test")
    found = client.get("/documents/proposals/9041/dossier?version=2", headers=owner)
    assert found.status_code == 302
    assert found.headers["Location"].endswith(f"/documents/{dossier['id']}/view")
    shown = client.get(found.headers["Location"], headers=owner)
    assert shown.status_code == 200
    assert shown.headers["Content-Disposition"].startswith("inline;")
    assert shown.headers["X-Content-Type-Options"] == "nosniff"
    assert shown.data == pdf_of(dossier)
    assert client.get("/documents/proposals/9041/dossier", headers=owner).status_code == 302
    for missing in (
        "/documents/proposals/9041/dossier?version=7",
        "/documents/proposals/987654/dossier",  # a proposal no test makes
    ):
        reply = client.get(missing, headers=owner)
        assert reply.status_code == 404, missing
    stranger = token(client, "inovator.disdukcapil@sipinda.test")
    assert client.get("/documents/proposals/9041/dossier", headers=stranger).status_code == 404
    assert client.get(f"/documents/{dossier['id']}/view", headers=stranger).status_code == 404


@pytest.mark.parametrize(
    "email", ["inovator.disdukcapil@sipinda.test", "evaluator.praktisi@sipinda.test"]
)
def test_others_do_not_even_learn_the_document_exists(
    client: FlaskClient, dossier: dict[str, object], email: str
) -> None:
    reply = client.get(f"/documents/{dossier['id']}/download", headers=token(client, email))
    assert reply.status_code == 404


def test_superseded_document_says_so(client: FlaskClient) -> None:
    with runtime.database("documents").session() as s:
        first = letters.issue_score_sheet(s, make_review(review_id=9017), bootstrap.press())
        assert first is not None
        code = first.verification_code
        letters.issue_score_sheet(s, make_review(review_id=9017, total=3.0), bootstrap.press())
    assert client.get(f"/api/v1/verify/{code}").json["status"] == "superseded"


def test_only_the_admin_asks_for_call_documents(client: FlaskClient) -> None:
    innovator = token(client, "inovator.dinkes@sipinda.test")
    assert client.post("/api/v1/calls/9003/documents/recap", headers=innovator).status_code == 403
    admin = token(client, "admin@sipinda.test")
    wrong = client.post("/api/v1/calls/9003/documents/anything", headers=admin)
    assert wrong.status_code == 400
    assert "recap, minutes, certificates" in wrong.json["error"]["message"]
    bad_date = client.post(
        "/api/v1/calls/9003/documents/minutes", json={"held_on": "7 Desember"}, headers=admin
    )
    assert bad_date.status_code == 400
    assert "TTTT-BB-HH" in bad_date.json["error"]["message"]


def test_the_api_asks_for_certificates_per_proposal_or_per_team_member(
    client: FlaskClient,
) -> None:
    admin = token(client, "admin@sipinda.test")
    for body, per in (({}, "proposal"), ({"per": "member"}, "member")):
        queued = client.post("/api/v1/calls/9003/documents/certificates", json=body,
                             headers=admin)  # fmt: skip
        assert queued.status_code == 202, queued.json
        with runtime.database("documents").session() as s:
            job = s.get(Job, queued.json["id"])
            assert job is not None
            assert job.params["per"] == per
    wrong = client.post("/api/v1/calls/9003/documents/certificates", json={"per": "everyone"},
                        headers=admin)  # fmt: skip
    assert wrong.status_code == 422


def test_admin_job_runs_in_the_background_and_reports_progress(
    client: FlaskClient, dossier: dict[str, object]
) -> None:
    admin = token(client, "admin@sipinda.test")
    with runtime.database("documents").session() as s:
        letters.issue_score_sheet(
            s, make_review(review_id=9018, proposal_id=9041, call_id=9003), bootstrap.press()
        )
    queued = client.post(
        "/api/v1/calls/9003/documents/minutes",
        json={"held_on": "2020-12-21", "place": "Aula", "panel": [{"name": "A", "role": "Ketua"}]},
        headers=admin,
    )
    assert queued.status_code == 202, queued.json
    assert queued.json["status"] == "queued"
    job_id = queued.json["id"]
    # The worker's part, run here: the task body is this one call.
    assert jobs.run(runtime.database("documents"), job_id, bootstrap.press(), ASSIGNED_AT) == "done"
    progress = client.get(f"/api/v1/document-jobs/{job_id}", headers=admin).json
    assert progress["status"] == "done"
    assert progress["document_id"] is not None
    with runtime.database("documents").session() as s:
        doc = s.get(Document, progress["document_id"])
        assert doc is not None
        assert doc.kind == "berita_acara"


def test_admin_revokes_a_document_and_the_verification_page_says_so(
    client: FlaskClient, dossier: dict[str, object]
) -> None:
    with runtime.database("documents").session() as s:
        sheet = letters.issue_score_sheet(s, make_review(review_id=9019), bootstrap.press())
        assert sheet is not None
        sheet_id, code = sheet.id, sheet.verification_code
    innovator = token(client, "inovator.dinkes@sipinda.test")
    assert client.post(f"/api/v1/documents/{sheet_id}/revoke", headers=innovator).status_code == 403
    admin = token(client, "admin@sipinda.test")
    assert client.post(f"/api/v1/documents/{sheet_id}/revoke", headers=admin).json["status"] == (
        "revoked"
    )
    assert "<strong>Dicabut</strong>" in client.get(f"/verify/{code}").get_data(as_text=True)


def test_verification_page_form_checks_an_upload(
    client: FlaskClient, dossier: dict[str, object]
) -> None:
    page = client.get(f"/verify/{dossier['code']}").get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"csrf_token": csrf, "file": (io.BytesIO(pdf_of(dossier)), "surat.pdf")}
    reply = client.post(f"/verify/{dossier['code']}", data=form)
    assert reply.status_code == 200
    assert "COCOK byte demi byte" in reply.get_data(as_text=True)
    form = {"csrf_token": csrf, "file": (io.BytesIO(b"%PDF-1.7 palsu"), "surat.pdf")}
    assert "TIDAK COCOK" in client.post(f"/verify/{dossier['code']}", data=form).get_data(
        as_text=True
    )


def test_the_admin_reads_why_a_dossier_could_not_be_rendered_and_no_one_else_does(
    client: FlaskClient,
) -> None:
    """Issue 23 item 5: a dossier that cannot be rendered does not vanish; the admin sees it
    failed, with its reason."""
    owner = Person(id=user_id("inovator.dinkes@sipinda.test"), name="Rina", email="r@x.test")
    event = make_submitted(proposal_id=9077, innovator=owner, call_id=9003)

    def cannot_render(*args: object) -> bytes:
        raise RenderTimeoutError("rendering took longer than 45 s and was stopped")

    press = dataclasses.replace(bootstrap.press(), render=cannot_render)
    with runtime.database("documents").session() as s:
        calls.record_call(s, make_call(call_id=9003))
        with pytest.raises(RenderTimeoutError):
            dossiers.issue_dossiers(s, event, press)
    innovator = token(client, "inovator.dinkes@sipinda.test")
    assert client.get("/api/v1/document-failures", headers=innovator).status_code == 403
    admin = token(client, "admin@sipinda.test")
    listed = client.get("/api/v1/document-failures", headers=admin).json
    (failure,) = [f for f in listed if f["proposal_id"] == 9077]
    assert (failure["kind"], failure["status"]) == ("proposal_dossier", "failed")
    assert "45 s" in failure["reason"]
