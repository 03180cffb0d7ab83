"""The submission pages without JavaScript: a draft in a call with its aspects and counters,
errors that keep what was typed, uploads, the verifier's return, the fix, versions side by side,
withdraw, calls, exports; and the autosave endpoint the page's script uses."""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from services.submission import clock
from tests.support.forms import form_values
from tests.support.pages import sign_in
from tests.support.submission import (
    EXE,
    OPENS,
    complete_proposal,
    make_call,
    pdf_bytes,
    token,
)


def text(reply: object) -> str:
    return reply.get_data(as_text=True)  # type: ignore[attr-defined, no-any-return]


def demo_call(form: str) -> re.Match[str]:
    """The demo call's option in the new draft's form. (It is chosen there only while it is
    the newest open call: a test before, in the same process, may have opened a later one.)"""
    found = re.search(r'<option value="(\d+)" (?:selected)?>Kompetisi Inovasi Daerah Kota', form)
    assert found
    return found


def test_a_draft_in_the_demo_call_shows_its_form(client: FlaskClient) -> None:
    csrf = sign_in(client, "inovator.dinkes@sipinda.test")
    form = text(client.get("/proposals/new"))
    assert "Kompetisi Inovasi Daerah Kota Cilegon" in form
    call_id = demo_call(form)
    created = client.post(
        "/proposals/new",
        data={"title": "Klinik <i>Keliling</i>", "summary": "Layanan <b>jemput</b> bola.",
              "opd_code": "dinkes", "call_id": call_id.group(1), "csrf_token": csrf},
    )  # fmt: skip
    assert created.status_code == 302
    page = text(client.get(created.headers["Location"]))
    assert "Klinik &lt;i&gt;Keliling&lt;/i&gt;" in page
    assert "Layanan &lt;b&gt;jemput&lt;/b&gt; bola." in page  # the summary became the Ringkasan
    assert 'data-max-words="200"' in page
    # The aspect's title is the call's own (Indonesian) word; the weight is the interface's.
    assert (
        '<label for="f-sections-signifikansi"><span lang="id">Signifikansi</span>'
        " (bobot 30\u00a0%)</label>"
    ) in page
    english = text(client.get(created.headers["Location"], headers={"Accept-Language": "en"}))
    assert (
        '<label for="f-sections-signifikansi"><span lang="id">Signifikansi</span> (weight 30%)'
    ) in english
    assert (
        '<label for="f-profile-rancang_bangun"><span lang="id">Rancang bangun dan pokok perubahan'
    ) in page
    assert 'data-min-words="300"' in page
    assert '<option value="sk_inovator">SK penetapan inovator/tim inovasi *</option>' in page
    assert "autosave.js" in page
    assert "Batas waktu pengiriman" in page


def test_a_summary_over_200_words_keeps_what_was_typed(client: FlaskClient) -> None:
    csrf = sign_in(client, "inovator.dinkes@sipinda.test")
    form = text(client.get("/proposals/new"))
    call_id = demo_call(form)
    long = "kata " * 201
    reply = client.post(
        "/proposals/new",
        data={"title": "Terlalu Panjang", "summary": long, "opd_code": "dinkes",
              "call_id": call_id.group(1), "csrf_token": csrf},
    )  # fmt: skip
    assert reply.status_code == 422
    html = text(reply)
    assert "Paling banyak 200 kata (sekarang 201)." in html
    assert 'aria-invalid="true"' in html
    assert "Terlalu Panjang" in html


@pytest.fixture
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def test_the_whole_flow_in_plain_forms(client: FlaskClient, in_the_call: None) -> None:
    admin = token(client, "admin@sipinda.test")
    call_id = make_call(client, admin)
    innovator_api = token(client, "inovator.dinkes@sipinda.test")
    proposal_id = complete_proposal(client, innovator_api, call_id, "Alur Halaman")
    url = f"/proposals/{proposal_id}"

    csrf = sign_in(client, "inovator.dinkes@sipinda.test")
    edited = client.post(
        f"{url}/edit",
        data={"csrf_token": csrf, "title": "Alur Halaman", "category": "Pelayanan publik",
              "sections.ringkasan": "Satu dua tiga", "sections.uraian": "Empat lima enam tujuh",
              "profile.tahapan": "Penerapan", "profile.waktu_penerapan": "2027-01-15"},
    )  # fmt: skip
    assert edited.status_code == 302
    renamed = client.post(
        f"{url}/attachments",
        data={"csrf_token": csrf, "kind": "other", "file": (io.BytesIO(EXE), "proposal.pdf")},
        content_type="multipart/form-data",
    )
    assert renamed.status_code == 422
    assert 'Berkas "proposal.pdf" adalah program (executable)' in html.unescape(text(renamed))
    good = client.post(
        f"{url}/attachments",
        data={"csrf_token": csrf, "kind": "other", "file": (io.BytesIO(pdf_bytes()), "data.pdf")},
        content_type="multipart/form-data",
    )
    assert good.status_code == 302
    assert (
        client.post(f"{url}/submit", data={"csrf_token": csrf, "confirm": "yes"}).status_code == 302
    )
    assert "Terkirim" in text(client.get(url))

    csrf_v = sign_in(client, "verifikator@sipinda.test")
    check_page = text(client.get(url))
    assert "Pemeriksaan administrasi" in check_page
    assert 'name="complete" value="1" checked' in check_page
    returned = client.post(
        f"{url}/check",
        data={"csrf_token": csrf_v, "decision": "return",
              "fixes": "Tambahkan data 2029.\nPerjelas uraian."},
    )  # fmt: skip
    assert returned.status_code == 302

    csrf = sign_in(client, "inovator.dinkes@sipinda.test")
    page = text(client.get(url))
    assert "Perbaikan yang diminta verifikator" in page
    assert "<li>Tambahkan data 2029.</li>" in page
    assert "Kirim ulang" in page
    client.post(
        f"{url}/edit",
        data={"csrf_token": csrf, "title": "Alur Halaman", "category": "Pelayanan publik",
              "sections.ringkasan": "Satu dua tiga", "sections.uraian": "Data 2029 kini lengkap",
              "profile.tahapan": "Penerapan", "profile.waktu_penerapan": "2027-01-15"},
    )  # fmt: skip
    assert (
        client.post(f"{url}/submit", data={"csrf_token": csrf, "confirm": "yes"}).status_code == 302
    )
    versions = text(client.get(f"{url}/versions"))
    assert "Versi 1" in versions
    assert "Versi 2" in versions
    row = re.search(
        r'<tr class="changed"><th scope="row"><span lang="id">Uraian</span>.*?</tr>', versions, re.S
    )
    assert row
    assert "Empat lima enam tujuh" in row.group(0)
    assert "Data 2029 kini lengkap" in row.group(0)

    withdrawn = client.post(f"{url}/withdraw", data={"csrf_token": csrf, "confirm": "yes"})
    assert withdrawn.status_code == 302
    assert "Ditarik" in text(client.get(url))


def test_submit_shows_what_is_missing(client: FlaskClient, in_the_call: None) -> None:
    call_id = make_call(client, token(client, "admin@sipinda.test"))
    api = token(client, "inovator.dinkes@sipinda.test")
    reply = client.post("/api/v1/proposals", json={"call_id": call_id, "title": "Kurang"},
                        headers=api)  # fmt: skip
    csrf = sign_in(client, "inovator.dinkes@sipinda.test")
    url = f"/proposals/{reply.json['id']}/submit"
    # What is missing shows before any question, and a confirmed post is refused the same way.
    for page in (client.get(url), client.post(url, data={"csrf_token": csrf, "confirm": "yes"})):
        assert page.status_code == 422
        html = text(page)
        assert "Proposal belum dapat dikirim:" in html
        assert "Lampiran wajib ini belum diunggah." in html
        assert "Ya, kirim proposal" not in html


def test_autosave_answers_in_json(client: FlaskClient, in_the_call: None) -> None:
    call_id = make_call(client, token(client, "admin@sipinda.test"))
    api = token(client, "inovator.dinkes@sipinda.test")
    proposal_id = complete_proposal(client, api, call_id, "Simpan Otomatis")
    csrf = sign_in(client, "inovator.dinkes@sipinda.test")
    headers = {"X-Autosave": "1", "X-CSRF-Token": csrf}
    saved = client.post(
        f"/proposals/{proposal_id}/edit",
        data={"title": "Simpan Otomatis", "sections.ringkasan": "Dua kata"},
        headers=headers,
    )
    assert saved.status_code == 200
    assert saved.json["saved"] is True
    assert re.fullmatch(r"Tersimpan otomatis pukul \d\d\.\d\d\.\d\d WIB\.", saved.json["message"])
    over = client.post(
        f"/proposals/{proposal_id}/edit",
        data={"title": "Simpan Otomatis", "sections.ringkasan": "a b c d e f"},
        headers=headers,
    )
    assert over.status_code == 422
    assert over.json == {
        "saved": False,
        "fields": {"sections.ringkasan": "Paling banyak 5 kata (sekarang 6)."},
    }
    shown = client.get(f"/api/v1/proposals/{proposal_id}").json
    assert shown["sections"]["ringkasan"] == "Dua kata"


def test_calls_pages_for_the_admin(client: FlaskClient) -> None:
    csrf = sign_in(client, "admin@sipinda.test")
    listing = text(client.get("/calls"))
    assert "Kompetisi Inovasi Daerah Kota Cilegon" in listing
    assert 'value="kipp-kemendagri" checked' in text(client.get("/calls/new"))
    form = text(client.get("/calls/new?start=kipp-kemendagri"))
    assert "Latar Belakang dan Tujuan" in form  # the KIPP template is the starting point
    values = form_values(form, "call-form")
    bad = client.post("/calls/new", data={**values, "year": "{nope"})
    assert bad.status_code == 422
    assert 'value="{nope"' in text(bad)  # what was typed stays
    made = client.post("/calls/new", data=values)
    assert made.status_code == 302
    call_page = text(client.get(made.headers["Location"]))
    assert "Signifikansi" in call_page
    assert "30\u00a0%" in call_page  # the weight 0.3, as Indonesian writes a percentage
    extended = client.post(
        f"{made.headers['Location']}/extend",
        data={"csrf_token": csrf, "closes_at": "2099-01-31T23:59:59", "reason": "Libur panjang"},
    )
    assert extended.status_code == 302
    assert "31 Januari 2099, 23.59 WIB" in text(client.get(made.headers["Location"]))


def test_calls_pages_refuse_other_roles(client: FlaskClient) -> None:
    sign_in(client, "inovator.dinkes@sipinda.test")
    assert client.get("/calls").status_code == 200
    assert client.get("/calls/new").status_code == 403
