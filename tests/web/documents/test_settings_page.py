"""The admin's document settings page (issue 21 item 5): the kop surat, the signatories and the
legal bases as versions of the installation. Only the admin sees or saves them; each save is a
new version with who and when; a form with errors keeps what was typed and says beside each
field what is wrong; a logo that is not a PNG or JPEG image is refused and nothing is stored."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from services.documents.models import Logo, SettingsVersion
from shared import runtime
from tests.support.documents import settings_form
from tests.support.pages import csrf_of, sign_in

PAGE = "/documents/settings"


def counts() -> tuple[int, int]:
    """(settings versions, stored logos)."""
    with runtime.database("documents").session() as s:
        versions = s.scalar(select(func.count()).select_from(SettingsVersion)) or 0
        logos = s.scalar(select(func.count()).select_from(Logo)) or 0
        return versions, logos


def newest() -> SettingsVersion:
    with runtime.database("documents").session() as s:
        row = s.scalars(select(SettingsVersion).order_by(SettingsVersion.id.desc())).first()
        assert row is not None
        s.expunge(row)
        return row


def png(size: tuple[int, int] = (60, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (180, 20, 40)).save(out, "PNG")
    return out.getvalue()


def post(client: FlaskClient, form: dict[str, str], logo: tuple[bytes, str] | None = None) -> Any:
    csrf = csrf_of(client.get(PAGE).get_data(as_text=True))
    data: MultiDict[str, Any] = MultiDict({**form, "csrf_token": csrf})
    if logo is not None:
        data["logo"] = FileStorage(io.BytesIO(logo[0]), logo[1])
    # Encoded here in memory: the test client's own encoder leaves a temporary file open for
    # bodies over 500 KB.
    boundary, body = encode_multipart(data)
    return client.post(PAGE, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_only_the_admin_sees_or_saves_the_settings(client: FlaskClient) -> None:
    for email in ("verifikator@sipinda.test", "inovator.dinkes@sipinda.test",
                  "evaluator.akademisi1@sipinda.test"):  # fmt: skip
        csrf = sign_in(client, email)
        before = counts()
        assert client.get(PAGE).status_code == 403, email
        refused = client.post(PAGE, data={**settings_form(), "csrf_token": csrf})
        assert refused.status_code == 403, email
        assert counts() == before
        client.post("/logout", data={"csrf_token": csrf})


def test_the_page_shows_the_seeded_kop_of_cilegon(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    page = client.get(PAGE).get_data(as_text=True)
    for words in ("Pengaturan dokumen", "Kop surat", 'value="Jl. Jend. Sudirman No. 2, Cilegon"',
                  "Surat tugas evaluator", "Sertifikat penghargaan", "Dasar surat tugas",
                  "Peraturan Pemerintah Nomor 38 Tahun 2017",
                  "Simpan sebagai versi baru"):  # fmt: skip
        assert words in page, words
    assert "documents.settings" not in page  # no raw key


def test_a_save_is_a_new_version_with_who_and_when(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    versions, _ = counts()
    saved = post(client, settings_form())
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert counts()[0] == versions + 1
    row = newest()
    assert row.saved_by_name == "Admin Bappedalitbang"
    assert row.saved_at is not None
    assert row.values["signatories"]["surat_tugas"] == {
        "name": "Dr. Ratna Perencana, M.Si.", "nip": "197001011990031001",
        "position": "Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan "
        "Kota Cilegon",
    }  # fmt: skip
    assert row.values["bases"]["surat_tugas"][0].startswith("Peraturan Pemerintah Nomor 38")
    page = client.get(PAGE).get_data(as_text=True)
    assert f"Pengaturan dokumen tersimpan sebagai versi {row.id}" in page
    assert f"Berlaku: versi {row.id}, disimpan oleh Admin Bappedalitbang" in page
    assert 'value="19700101 199003 1 001"' in page  # kept as digits, shown grouped
    # Saved again, changed: one more version, the older one untouched.
    assert post(client, settings_form(phone="(0254) 999000")).status_code == 302
    assert newest().id == row.id + 1
    with runtime.database("documents").session() as s:
        assert s.get(SettingsVersion, row.id).values["phone"] == "(0254) 391234"  # type: ignore[union-attr]


def test_an_invalid_form_keeps_what_was_typed_with_each_error_beside_its_field(
    client: FlaskClient,
) -> None:
    sign_in(client, "admin@sipinda.test")
    before = counts()
    typed = settings_form(**{
        "email": "bukan-surel", "surat_tugas-nip": "1970 0101", "rekap-nip": "19700101199003100X",
        "berita_acara-name": "", "berita_acara-nip": "19700101 199003 1 001",
        "sertifikat-position": "", "address": "Jl. Baru No. 9",
    })  # fmt: skip
    refused = post(client, typed)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert counts() == before
    assert "Pengaturan belum disimpan. Perbaiki isian yang ditandai di bawah." in html
    for value in ('value="bukan-surel"', 'value="1970 0101"', 'value="Jl. Baru No. 9"',
                  'value="19700101199003100X"'):  # fmt: skip
        assert value in html, value
    beside = {
        "email": "Alamat surel tidak valid.",
        "surat_tugas-nip": "NIP harus 18 angka (spasi boleh), atau kosong.",
        "rekap-nip": "NIP harus 18 angka (spasi boleh), atau kosong.",
        "berita_acara-name": "Isi nama pemilik NIP ini.",
        "sertifikat-position": "Wajib diisi.",
    }
    for field, message in beside.items():
        error = f'<p class="field-error" id="f-{field}-error">{message}'
        assert error in html, field
        assert f'id="f-{field}" name="{field}"' in html
    assert 'id="f-phone-error"' not in html  # a valid field carries no error


def test_the_errors_are_in_the_readers_language(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    client.get("/lang/en")
    try:
        html = post(client, settings_form(**{"surat_tugas-nip": "123"})).get_data(as_text=True)
        assert "A NIP must be 18 digits (spaces allowed), or empty." in html
        assert "Document settings" in html
        assert "Simpan" not in html
    finally:
        client.get("/lang/id")


def test_a_logo_that_is_not_an_image_is_refused_and_nothing_is_stored(
    client: FlaskClient,
) -> None:
    sign_in(client, "admin@sipinda.test")
    before = counts()
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    for content, name in ((pdf, "logo.png"), (b"ini bukan gambar\n", "logo.png")):
        refused = post(client, settings_form(), (content, name))
        assert refused.status_code == 422, name
        html = refused.get_data(as_text=True)
        assert (
            '<p class="field-error" id="f-logo-error">Berkas ini bukan gambar PNG atau JPEG' in html
        )
        assert counts() == before
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    html = post(client, settings_form(), (svg, "logo.svg")).get_data(as_text=True)
    assert "Logo SVG tidak diterima. Unggah logo sebagai PNG atau JPEG." in html
    broken = png()[:-30]  # cut short: the header says PNG, the pixels are missing
    html = post(client, settings_form(), (broken, "logo.png")).get_data(as_text=True)
    assert "Gambar logo rusak atau tidak lengkap" in html
    huge = png() + b"\0" * (1024 * 1024)
    html = post(client, settings_form(), (huge, "logo.png")).get_data(as_text=True)
    assert "Berkas logo lebih dari 1 MB." in html
    assert counts() == before


def test_a_real_png_is_accepted_and_kept_by_the_next_versions(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    image = png((120, 80))
    assert post(client, settings_form(), (image, "pemkot.png")).status_code == 302
    row = newest()
    with runtime.database("documents").session() as s:
        logo = s.get(Logo, row.logo_sha256)
        assert logo is not None
        assert (logo.media_type, logo.width, logo.height, logo.data) == (
            "image/png",
            120,
            80,
            image,
        )
    page = client.get(PAGE).get_data(as_text=True)
    assert 'src="data:image/png;base64,' in page
    assert post(client, settings_form(city="Kota Cilegon")).status_code == 302  # no file chosen
    assert newest().logo_sha256 == row.logo_sha256
    removed = post(client, {**settings_form(), "logo_remove": "1"})
    assert removed.status_code == 302
    assert newest().logo_sha256 is None


def test_the_results_and_admin_pages_link_to_the_settings(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    assert 'href="/documents/settings"' in client.get("/admin").get_data(as_text=True)
    assert 'href="/documents/settings"' in client.get("/documents/calls/1").get_data(as_text=True)


def test_a_good_logo_beside_a_wrong_field_is_not_kept_and_the_page_says_so(
    client: FlaskClient,
) -> None:
    sign_in(client, "admin@sipinda.test")
    before = counts()
    refused = post(client, settings_form(email="salah"), (png(), "pemkot.png"))
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "Pilih berkas logo lagi setelah memperbaikinya." in html
    assert counts() == before
    empty = post(client, settings_form(), (b"", "kosong.png"))
    assert "Berkas logo kosong." in empty.get_data(as_text=True)
    assert counts() == before
