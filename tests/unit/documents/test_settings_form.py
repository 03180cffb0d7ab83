"""The document settings form, field by field: what was typed kept, each error beside its field,
and the values a valid form saves."""

from __future__ import annotations

from services.documents import letterhead, settings_form
from tests.support.documents import settings_form as valid_form


def test_a_valid_form_saves_the_shape_the_templates_read() -> None:
    typed = settings_form.read(valid_form())
    assert typed.valid, typed.errors
    values = settings_form.values_of(typed)
    assert values["signatories"]["rekap"]["nip"] == "197001011990031001"  # digits, no spaces
    assert values["bases"]["keputusan"] == [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"
    ]
    shown = letterhead.deploy(values, letterhead.PACKAGED_LOGO)
    assert shown["signatories"]["rekap"]["nip"] == "19700101 199003 1 001"
    assert settings_form.fields_of(values)["rekap-nip"] == "19700101 199003 1 001"


def test_each_error_is_beside_its_field_and_what_was_typed_stays() -> None:
    typed = settings_form.read(valid_form(**{
        "email": "admin@", "phone": "0254-39 abc", "surat_tugas-nip": "1970010119900310012",
        "rekap-nip": "19700101 199003 1 00X", "berita_acara-name": "",
        "berita_acara-nip": "197001011990031001", "agency": "  ", "city": "x" * 101,
        "sertifikat-position": "",
    }))  # fmt: skip
    assert typed.errors == {
        "email": "documents.settings.error.email",
        "phone": "documents.settings.error.phone",
        "surat_tugas-nip": "documents.settings.error.nip",
        "rekap-nip": "documents.settings.error.nip",
        "berita_acara-name": "documents.settings.error.nip_without_name",
        "agency": "documents.settings.error.required",
        "city": "documents.settings.error.too_long",
        "sertifikat-position": "documents.settings.error.required",
    }
    assert typed.fields["phone"] == "0254-39 abc"
    assert typed.fields["rekap-nip"] == "19700101 199003 1 00X"


def test_a_nip_and_a_name_may_both_be_empty_and_blank_lines_of_bases_are_dropped() -> None:
    typed = settings_form.read(valid_form(**{
        "keputusan-name": "", "keputusan-nip": "", "email": "", "phone": "",
        "surat_tugas-bases": "\r\n  Satu;  \r\n\r\nDua;\n   \n",
    }))  # fmt: skip
    assert typed.valid, typed.errors
    assert settings_form.values_of(typed)["bases"]["surat_tugas"] == ["Satu;", "Dua;"]


def test_too_many_or_too_long_bases_are_refused() -> None:
    many = "\n".join(f"Dasar {n};" for n in range(21))
    assert settings_form.read(valid_form(**{"keputusan-bases": many})).errors == {
        "keputusan-bases": "documents.settings.error.bases_many"
    }
    long = "Peraturan " + "x" * 500
    assert settings_form.read(valid_form(**{"surat_tugas-bases": long})).errors == {
        "surat_tugas-bases": "documents.settings.error.basis_long"
    }
