"""Pure parts: Indonesian numbers and dates in words, the recap's calibration and ranking,
numbers and verification codes, the deployment's settings, the blind dossier's masking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from services.documents import codes, contexts, letterhead, recap
from services.documents.words import tanggal_terbilang, terbilang
from tests.support.documents import make_review, make_submitted


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
        (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"), (100, "seratus"),
        (111, "seratus sebelas"), (250, "dua ratus lima puluh"), (1000, "seribu"),
        (1999, "seribu sembilan ratus sembilan puluh sembilan"), (2020, "dua ribu dua puluh"),
        (1_000_000, "satu juta"),
    ],
)  # fmt: skip
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_date_in_words_as_a_berita_acara_writes_it() -> None:
    assert tanggal_terbilang(date(2020, 12, 7)) == (
        "hari Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh"
    )


def S(p: int, e: int, total: float) -> recap.Score:  # noqa: N802 - a short constructor
    return recap.Score(p, e, f"E{e}", total)


def test_calibration_removes_an_evaluators_leniency() -> None:
    # Evaluator 2 gives everyone two points more; both agree that proposal 1 is better.
    scores = [S(1, 1, 8), S(2, 1, 6), S(1, 2, 10), S(2, 2, 8), S(3, 1, 7), S(3, 2, 9)]
    calibrated = recap.calibrate(scores)
    assert calibrated[1] > calibrated[3] > calibrated[2]
    # A proposal scored only by the lenient evaluator gains nothing from the leniency.
    lone = recap.calibrate([*scores, S(4, 2, 9)])
    assert lone[4] == pytest.approx(lone[3], abs=0.5)


def test_calibration_with_one_review_per_evaluator_does_not_divide_by_zero() -> None:
    assert recap.calibrate([S(1, 1, 7)]) == {1: 7.0}
    assert recap.calibrate([]) == {}


def test_recap_ranks_per_category_and_leaves_unscored_unranked() -> None:
    entries = [
        recap.Entry(1, "A", "Dinas A", "Pelayanan"), recap.Entry(2, "B", "Dinas B", "Pelayanan"),
        recap.Entry(3, "C", "Dinas C", "Tata Kelola"), recap.Entry(4, "D", "Dinas D", ""),
    ]  # fmt: skip
    table = recap.recap_rows(entries, [S(1, 1, 6), S(2, 1, 9), S(3, 1, 7)])
    by_name = {c["name"]: c for c in table["categories"]}
    assert [r["proposal_id"] for r in by_name["Pelayanan"]["rows"]] == [2, 1]
    assert [r["rank"] for r in by_name["Pelayanan"]["rows"]] == [1, 2]
    assert by_name["Tata Kelola"]["rows"][0]["rank"] == 1
    # no category: a name the templates word ("Umum / General"), listed last
    assert list(by_name) == ["Pelayanan", "Tata Kelola", ""]
    assert by_name[""]["rows"][0]["rank"] is None
    assert by_name[""]["rows"][0]["scores"] == ["–"]
    assert len(by_name["Pelayanan"]["chart"]["bars"]) == 2


def test_score_sheet_weighs_every_aspect() -> None:
    sheet = contexts.lembar_penilaian(make_review(), "Cilegon")
    assert [(a["weight"], a["score"], a["weighted"]) for a in sheet["aspects"]] == [
        ("25\u00a0%", "8,00", "2,00"),
        ("35\u00a0%", "7,00", "2,45"),
        ("20\u00a0%", "9,00", "1,80"),
        ("20\u00a0%", "6,00", "1,20"),
    ]  # fmt: skip  (Indonesian: decimal comma, a space before %)
    assert (sheet["weight_total"], sheet["total"]) == ("100\u00a0%", "7,45")


def test_blind_dossier_masks_names_written_in_the_text() -> None:
    source = contexts.dossier(make_submitted(), None, blind=True)
    assert source["innovator_name"] == source["opd_name"] == ""
    assert source["team"] == []
    assert source["sections"][1]["paragraphs"] == [
        "[disamarkan] dari [disamarkan] memadukan posyandu dan ponsel."
    ]


def test_open_dossier_keeps_every_field() -> None:
    source = contexts.dossier(make_submitted(), {"call_name": "KID"}, blind=False)
    assert source["team"] == ["Budi Anggota Tim"]
    assert [s["title"] for s in source["sections"]] == ["Latar Belakang", "Kebaruan", "Manfaat"]
    assert source["attachments"] == ["foto-kegiatan.jpg", "sk-kepala-dinas.pdf"]
    assert source["call_name"] == "KID"


def test_paragraphs_split_on_blank_lines_and_keep_single_breaks() -> None:
    assert contexts.paragraphs("  Satu\r\nbaris dua\r\n\r\n\n  Tiga  \n \n") == [
        "Satu\nbaris dua", "Tiga",
    ]  # fmt: skip


def test_document_numbers_follow_the_deployments_format() -> None:
    fmt, unit = letterhead.number_format({})
    number = codes.document_number(fmt, kind="surat_tugas", seq=7, unit=unit, year=2020, month=12)
    assert number == "800.1.11.1/007/BAPPEDALITBANG/XII/2020"
    other = codes.document_number(
        "{unit}-{code}-{seq}-{year}", kind="rekap", seq=3, unit="BRIDA", year=2024, month=1
    )
    assert other == "BRIDA-REKAP-3-2024"


def test_verification_codes_are_fixed_for_fixed_data_and_read_back_loosely() -> None:
    code = codes.verification_code("rekap", "call:3", 1, "abc")
    assert code == codes.verification_code("rekap", "call:3", 1, "abc")
    assert code != codes.verification_code("rekap", "call:3", 2, "abc")
    assert len(code) == 10
    assert set(code) <= set(codes.CODE_ALPHABET)
    assert codes.normalise_code(codes.pretty_code(code).lower()) == code


def test_deployment_settings_default_to_kota_cilegon_and_follow_the_environment() -> None:
    default = letterhead.settings({})
    assert default["letterhead"]["government"] == "PEMERINTAH KOTA CILEGON"  # type: ignore[index]
    assert default["city"] == "Cilegon"
    banten = letterhead.settings(
        {"LETTERHEAD_GOVERNMENT": "PEMERINTAH PROVINSI BANTEN", "LETTERHEAD_CITY": "Serang",
         "SIGNATORY_HEAD_NAME": "Dr. Kepala", "SIGNATORY_HEAD_NIP": "19700101 199001 1 001"}
    )  # fmt: skip
    assert banten["letterhead"]["government"] == "PEMERINTAH PROVINSI BANTEN"  # type: ignore[index]
    assert banten["city"] == "Serang"
    for kind in ("surat_tugas", "rekap", "berita_acara"):
        assert banten["signatories"][kind] == {
            "name": "Dr. Kepala", "title": letterhead.DEFAULTS["SIGNATORY_HEAD_TITLE"],
            "nip": "19700101 199001 1 001",
        }  # fmt: skip
    # Nobody named yet: the position alone, never "NIP. -".
    assert default["signatories"]["sertifikat"] == {
        "name": "", "title": "Wali Kota Cilegon", "nip": "",
    }  # fmt: skip
    assert letterhead.load({"LETTERHEAD_AGENCY": ""})["agency"] == letterhead.CILEGON["agency"]


def test_deployment_logo_is_embedded_from_its_file(tmp_path: Path) -> None:
    logo = tmp_path / "pemkot.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    deploy = letterhead.settings({"LETTERHEAD_LOGO": str(logo)})
    assert str(deploy["logo"]).startswith("data:image/svg+xml;base64,")
    assert letterhead.settings({})["logo"] == "sipinda-asset:logo.svg"
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        letterhead.settings({"LETTERHEAD_LOGO": str(tmp_path / "logo.gif")})


@pytest.mark.parametrize(
    ("name", "year", "written"),
    [
        (
            "Kompetisi Inovasi Daerah Kota Cilegon 2026",
            2026,
            "Kompetisi Inovasi Daerah Kota Cilegon",
        ),
        ("Lomba Inovasi (2026)", 2026, "Lomba Inovasi (2026)"),
        ("KIPP 2025 - 2026", 2026, "KIPP 2025"),
        ("Lomba Inovasi", 2026, "Lomba Inovasi"),
        ("2026", 2026, "2026"),
    ],
)
def test_a_call_named_with_its_year_is_not_written_with_it_twice(
    name: str, year: int, written: str
) -> None:
    """Issue 21: "Kompetisi … 2026 Tahun 2026" on the letters, minutes and certificates."""
    assert contexts.call_named({"call_name": name, "year": year}, 1999) == {
        "call_name": written, "year": year,
    }  # fmt: skip
    assert contexts.call_named(None, 2027) == {
        "call_name": "Kompetisi Inovasi Daerah",
        "year": 2027,
    }
