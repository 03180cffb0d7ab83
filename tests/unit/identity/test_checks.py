"""Checking import files (pure): every bad row is reported with its row, column and reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from services.identity.checks import EVALUATOR_KINDS, Problem, check_agencies, check_users
from services.identity.tables import ImportFileError, read_csv_text, read_table

STORED = {"setda": None, "dinkes": None, "kec-cibeber": None}


def test_agency_rows_come_parents_first_with_aliases_in_indonesian() -> None:
    table = read_csv_text(
        "Kode;Nama;Jenis;Kode Induk\n"
        "kel-baru;Kelurahan Baru;kelurahan;kec-baru\n"
        "kec-baru;Kecamatan Baru;kecamatan;\n"
    )
    rows, problems = check_agencies(table, STORED)
    assert problems == []
    assert [r.code for r in rows] == ["kec-baru", "kel-baru"]
    assert rows[1].parent_code == "kec-baru"


def test_every_bad_agency_row_is_reported() -> None:
    table = read_csv_text(
        "code,name,kind,parent_code\n"
        "ok-satu,Satu,dinas,setda\n"
        ",Tanpa Kode,dinas,\n"  # row 3
        "Huruf Besar,Nama,dinas,\n"  # row 4
        "ok-satu,Ganda,dinas,\n"  # row 5
        "dua,,planet,\n"  # row 6
        "tiga,Tiga,dinas,tidak-ada\n"  # row 7
        "a,A,dinas,b\n"  # row 8
        "b,B,dinas,a\n"  # row 9
    )
    _, problems = check_agencies(table, STORED)
    where = {(p.row, p.column) for p in problems}
    assert {(3, "code"), (4, "code"), (5, "code"), (6, "name"), (6, "kind"), (7, "parent_code"),
            (8, "parent_code"), (9, "parent_code")} == where  # fmt: skip
    assert "baris 5, kolom code: kode ganda: sudah ada di baris 2" in [str(p) for p in problems]
    assert any("lingkaran" in p.message for p in problems)


def test_missing_columns_are_reported_on_the_header_row() -> None:
    _, problems = check_agencies(read_csv_text("code,nama\nx,X\n"), STORED)
    assert problems == [Problem(1, "kind", "kolom wajib tidak ada")]


def test_every_bad_user_row_is_reported() -> None:
    table = read_csv_text(
        "email,nama,peran,kode_opd,bahasa,jenis_evaluator,aktif\n"
        "Ani@Dinkes.go.id,Ani,inovator,dinkes,id,,ya\n"  # 2 fine (normalised)
        "bukan-email,Budi,inovator,dinkes,,,\n"  # 3
        "ani@dinkes.go.id,Ani Lagi,operator,dinkes,,,\n"  # 4 duplicate
        "c@x.id,Cici,raja,dinkes,,,\n"  # 5 role
        "d@x.id,Dodi,inovator,,,,\n"  # 6 agency required
        "e@x.id,Eka,operator,dinas-hilang,fr,,mungkin\n"  # 7 agency, language, active
        "f@x.id,Fajar,evaluator,,,,\n"  # 8 kind required
        "g@x.id,Gita,admin,,,akademisi,\n"  # 9 kind not for admin
        "h@x.id,Hadi,evaluator,,en,praktisi,tidak\n"  # 10 fine
    )
    rows, problems = check_users(table, set(STORED))
    where = sorted((p.row, p.column) for p in problems)
    assert where == [(3, "email"), (4, "email"), (5, "role"), (6, "opd_code"), (7, "active"),
                     (7, "language"), (7, "opd_code"), (8, "evaluator_kind"),
                     (9, "evaluator_kind")]  # fmt: skip
    good = {r.email: r for r in rows}
    assert good["ani@dinkes.go.id"].role == "innovator"
    assert good["h@x.id"].evaluator_kind == "practitioner"
    assert good["h@x.id"].active is False
    assert good["h@x.id"].language == "en"


def test_xlsx_rows_are_numbered_as_the_sheet_shows_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "name", "kind", "parent_code"])
    sheet.append(["x-satu", "Satu", "dinas", None])
    sheet.append([None, None, None, None])  # a blank row is skipped, not renumbered
    sheet.append([12345, "Angka", "dinas", None])
    sheet.append(["y", "Y", "bukan-jenis", None])
    path = tmp_path / "opd.xlsx"
    book.save(path)
    rows, problems = check_agencies(read_table(path), STORED)
    assert [r.code for r in rows] == ["x-satu", "12345", "y"]
    assert [(p.row, p.column) for p in problems] == [(5, "kind")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"code\n", "jenis berkas"),
        ("a.csv", b"\xff\xfe\x00code", "UTF-8"),
        ("a.xlsx", b"bukan zip", "XLSX"),
        ("a.csv", b"", "kosong"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        read_table(path)


def test_evaluator_kinds_match_the_review_service() -> None:
    from services.review.models import EVALUATOR_KINDS as REVIEW_KINDS

    assert set(EVALUATOR_KINDS) == set(REVIEW_KINDS)
