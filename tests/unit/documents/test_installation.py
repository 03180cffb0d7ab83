"""The installation's document settings in the PDFs (issue 21 item 5): after the admin saves
them, a surat tugas, a certificate and the recap, rendered for real and parsed with pypdf, carry
the signatory's name and NIP, the legal bases and the kop's contacts, and never "NIP. -"; before
any name is set a signature shows the position alone; a new version makes the same data a new
revision, while the documents rendered before keep what they were rendered with."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from PIL import Image
from sqlalchemy import select

from services.documents import call_documents, calls, installation, letterhead, letters
from services.documents.issuing import Press
from services.documents.models import Document
from shared.db import Database
from shared.storage import InMemoryStorage
from tests.support.documents import (
    ADMIN,
    ASSIGNED_AT,
    BASE_URL,
    assign_now,
    flat_text,
    make_assigned,
    make_call,
    make_decision,
    make_press,
    make_review,
    settings_form,
)

HEAD = "Dr. Ratna Perencana, M.Si."


@dataclass(frozen=True)
class Asker:
    id: int = 1
    name: str = "Admin Bappedalitbang"
    role: str = "admin"


def save(db: Database, logo: bytes | None = None, **changes: str) -> int:
    saved = installation.save(db, Asker(), settings_form(**changes), logo, False)
    assert isinstance(saved, int), saved
    return saved


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (90, 90), (20, 60, 160)).save(out, "JPEG")
    return out.getvalue()


def pdf_of(db: Database, press: Press, kind: str) -> tuple[Document, bytes]:
    with db.session() as s:
        doc = s.scalars(
            select(Document).where(Document.kind == kind).order_by(Document.id.desc())
        ).first()
        assert doc is not None
        s.expunge(doc)
    return doc, press.storage.get(doc.storage_key)


def test_saved_settings_print_on_the_letter_the_certificate_and_the_recap(db: Database) -> None:
    storage = InMemoryStorage()
    press = make_press(storage)
    version = save(db, jpeg())
    with db.session() as s:
        calls.record_call(s, make_call())
        assign_now(s, make_assigned(), press, ASSIGNED_AT)
        letters.issue_score_sheet(s, make_review(), press)
        letters.issue_certificate(s, make_decision(), press)
        call_documents.issue_recap(s, 3, ADMIN, ASSIGNED_AT, press)
    texts = {}
    for kind in ("surat_tugas", "sertifikat", "rekap"):
        doc, pdf = pdf_of(db, press, kind)
        assert doc.settings_version == version
        texts[kind] = flat_text(pdf)
        assert "NIP. -" not in texts[kind], kind
        assert "Jl. Jend. Sudirman No. 2, Cilegon" in texts[kind] or kind == "sertifikat"
    letter = texts["surat_tugas"]
    assert f"{HEAD} NIP. 19700101 199003 1 001" in letter
    assert "1. Peraturan Pemerintah Nomor 38 Tahun 2017 tentang Inovasi Daerah;" in letter
    assert "2. Peraturan Wali Kota Cilegon Nomor 7 Tahun 2026 tentang Kompetisi Inovasi;" in letter
    assert "3. Penyelenggaraan Kompetisi Inovasi Daerah Kota Cilegon Tahun 2020." in letter
    assert "Telp. (0254) 391234 · Pos-el bappedalitbang@cilegon.go.id" in letter
    assert letter.count(HEAD) == 1  # nothing doubled
    assert "Wali Kota Cilegon H. Wali Contoh, S.T." in texts["sertifikat"]
    assert "NIP" not in texts["sertifikat"]  # the mayor has none: no NIP line at all
    assert f"{HEAD} NIP. 19700101 199003 1 001" in texts["rekap"]


def test_a_signatory_not_named_yet_is_the_position_alone(db: Database) -> None:
    storage = InMemoryStorage()
    unnamed = Press(storage=storage, base_url=BASE_URL, deploy=letterhead.settings({}),
                    number_format=letterhead.number_format({}))  # fmt: skip
    with db.session() as s:
        calls.record_call(s, make_call())
        assign_now(s, make_assigned(), unnamed, ASSIGNED_AT)
        letters.issue_certificate(s, make_decision(), unnamed)
    letter = flat_text(pdf_of(db, unnamed, "surat_tugas")[1])
    assert "Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan" in letter
    assert "NIP" not in letter
    certificate = flat_text(pdf_of(db, unnamed, "sertifikat")[1])
    assert "Wali Kota Cilegon" in certificate
    assert certificate.count("Wali Kota Cilegon") == 1  # the position, not again as a name


def test_a_new_version_applies_from_then_on_and_older_documents_keep_theirs(
    db: Database,
) -> None:
    storage = InMemoryStorage()
    press = make_press(storage)
    first = save(db)
    with db.session() as s:
        calls.record_call(s, make_call())
        letters.issue_certificate(s, make_decision(), press)
        assert letters.issue_certificate(s, make_decision(), press) is None  # same data
    old, old_pdf = pdf_of(db, press, "sertifikat")
    second = save(db, **{"sertifikat-name": "Hj. Wali Pengganti, S.H."})
    assert second == first + 1
    with db.session() as s:
        assert letters.issue_certificate(s, make_decision(), press) is not None
    new, new_pdf = pdf_of(db, press, "sertifikat")
    assert (old.settings_version, new.settings_version) == (first, second)
    assert new.revision == old.revision + 1
    assert "Hj. Wali Pengganti, S.H." in flat_text(new_pdf)
    assert "Hj. Wali Pengganti, S.H." not in flat_text(old_pdf)
    assert storage.get(old.storage_key) == old_pdf  # the issued file is never rewritten
    with db.session() as s:
        status = s.get(Document, old.id).status  # type: ignore[union-attr]
    assert status == "superseded"


@pytest.mark.parametrize("kind", ["surat_tugas", "rekap", "berita_acara", "sertifikat"])
def test_nip_is_printed_in_the_civil_service_grouping(kind: str) -> None:
    values = letterhead.values_from_env({})
    values["signatories"][kind] |= {"name": "Dr. Contoh", "nip": "197001011990031001"}
    shown = letterhead.deploy(values, letterhead.PACKAGED_LOGO)["signatories"][kind]
    assert shown["nip"] == "19700101 199003 1 001"
    values["signatories"][kind]["name"] = ""
    assert letterhead.deploy(values, "")["signatories"][kind]["nip"] == ""  # no name, no NIP


def test_the_seed_is_cilegons_kop_with_no_names_and_never_overwrites(db: Database) -> None:
    with db.session() as s:
        assert installation.seed(s, {}) is True
        first = installation.newest(s)
        assert first is not None
        assert first.values["address"] == "Jl. Jend. Sudirman No. 2, Cilegon"
        assert first.saved_by_id is None
        people = first.values["signatories"]
        assert {p["name"] for p in people.values()} == {""}  # the admin names them
        assert people["sertifikat"]["position"] == "Wali Kota Cilegon"
        assert first.values["bases"]["surat_tugas"][0].startswith("Peraturan Pemerintah Nomor 38")
    save(db)
    with db.session() as s:
        assert installation.seed(s, {}) is False
        assert installation.newest(s).saved_by_name == "Admin Bappedalitbang"  # type: ignore[union-attr]


def test_a_deployment_configured_by_its_environment_keeps_its_kop_in_the_seed(
    db: Database,
) -> None:
    env = {"LETTERHEAD_GOVERNMENT": "PEMERINTAH PROVINSI BANTEN", "LETTERHEAD_CITY": "Serang",
           "SIGNATORY_HEAD_NAME": "Dr. Kepala Contoh",
           "SIGNATORY_MAYOR_TITLE": "Gubernur Banten"}  # fmt: skip
    with db.session() as s:
        installation.seed(s, env)
        values = installation.newest(s).values  # type: ignore[union-attr]
    assert (values["government"], values["city"]) == ("PEMERINTAH PROVINSI BANTEN", "Serang")
    assert values["address"] == "Jl. Jend. Sudirman No. 2, Cilegon"  # not set: the seed's
    people = values["signatories"]
    assert [people[k]["name"] for k in ("surat_tugas", "rekap", "berita_acara")] == [
        "Dr. Kepala Contoh"
    ] * 3
    assert people["keputusan"] == {"name": "", "nip": "", "position": "Gubernur Banten"}
