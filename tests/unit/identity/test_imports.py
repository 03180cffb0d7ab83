"""`sipinda import agencies|users FILE [--dry-run]` on the test databases: a dry run writes
nothing, bad rows import nothing, a real run upserts (twice is a no-op) and reaches review."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from services.identity.models import Agency, User
from services.identity.passwords import verify_password
from services.platform.cli import main
from services.review.models import Evaluator, ReviewAgency
from shared import runtime


def count(model: type, name: str = "identity") -> int:
    with runtime.database(name).session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["import", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_agencies_dry_run_then_real_run_then_again(
    sipinda_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tag = secrets.token_hex(3)
    path = tmp_path / "opd.csv"
    path.write_text(
        "code,name,kind,parent_code\n"
        f"kel-{tag},Kelurahan Uji {tag},kelurahan,kec-{tag}\n"
        f"kec-{tag},Kecamatan Uji {tag},kecamatan,\n"
        "dinkes,Dinas Kesehatan,dinas,\n",
        encoding="utf-8",
    )
    before = count(Agency)
    code, out, _ = run(capsys, "agencies", str(path), "--dry-run")
    assert code == 0
    assert "2 baru, 0 diubah, 1 tetap" in out
    assert count(Agency) == before
    code, out, _ = run(capsys, "agencies", str(path))
    assert code == 0
    assert "2 baru" in out
    assert count(Agency) == before + 2
    with runtime.database("review").session() as s:
        copy = s.get(ReviewAgency, f"kel-{tag}")
        assert copy is not None
        assert copy.parent_code == f"kec-{tag}"
    code, out, _ = run(capsys, "agencies", str(path))
    assert code == 0
    assert "0 baru, 0 diubah, 3 tetap" in out
    assert count(Agency) == before + 2


def test_agencies_with_bad_rows_import_nothing_and_name_each_row(
    sipinda_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tag = secrets.token_hex(3)
    path = tmp_path / "opd.csv"
    path.write_text(
        "code,name,kind,parent_code\n"
        f"baik-{tag},Baik,dinas,\n"
        f"buruk-{tag},,dinas,\n"
        f"induk-{tag},Induk Hilang,dinas,tidak-ada-{tag}\n",
        encoding="utf-8",
    )
    before = count(Agency)
    for dry in ([], ["--dry-run"]):
        code, _, err = run(capsys, "agencies", str(path), *dry)
        assert code == 1
        assert "baris 3, kolom name: wajib diisi" in err
        assert "baris 4, kolom parent_code:" in err
        assert "tidak ada yang diimpor" in err
    assert count(Agency) == before


def test_users_from_xlsx_upsert_by_email_and_reach_review(
    sipinda_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tag = secrets.token_hex(3)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Email", "Nama", "Peran", "Kode OPD", "Jenis Evaluator"])
    sheet.append([f"ani-{tag}@dinkes.go.id", "Ani", "inovator", "dinkes", None])
    sheet.append([f"eva-{tag}@univ.ac.id", "Eva", "evaluator", None, "akademisi"])
    path = tmp_path / "pengguna.xlsx"
    book.save(path)
    before = count(User)
    code, out, _ = run(capsys, "users", str(path), "--dry-run")
    assert code == 0
    assert "2 baru" in out
    assert count(User) == before
    code, out, _ = run(capsys, "users", str(path))
    assert code == 0
    assert count(User) == before + 2
    with runtime.database("identity").session() as s:
        ani = s.scalars(select(User).where(User.email == f"ani-{tag}@dinkes.go.id")).one()
        assert ani.role == "innovator"
        assert ani.opd_code == "dinkes"
        assert not verify_password(ani.password_hash, "")  # no password until a reset link
        eva_id = s.scalars(select(User.id).where(User.email == f"eva-{tag}@univ.ac.id")).one()
    with runtime.database("review").session() as s:
        evaluator = s.get(Evaluator, eva_id)
        assert evaluator is not None
        assert evaluator.kind == "academic"
    # A changed name updates the same account; nothing new is created.
    sheet.cell(row=2, column=2, value="Ani Lestari")
    book.save(path)
    code, out, _ = run(capsys, "users", str(path))
    assert "0 baru, 1 diubah, 1 tetap" in out
    assert count(User) == before + 2


def test_users_with_bad_rows_import_nothing(
    sipinda_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pengguna.csv"
    path.write_text(
        "email,name,role,opd_code\n"
        "baik@dinkes.go.id,Baik,inovator,dinkes\n"
        "bukan-email,Buruk,inovator,dinkes\n"
        "c@dinkes.go.id,Cici,inovator,opd-fiktif\n",
        encoding="utf-8",
    )
    before = count(User)
    code, _, err = run(capsys, "users", str(path))
    assert code == 1
    assert "baris 3, kolom email: format email tidak valid" in err
    assert "baris 4, kolom opd_code: OPD 'opd-fiktif' tidak dikenal" in err
    assert count(User) == before


def test_an_unreadable_file_exits_2(
    sipinda_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "users", str(tmp_path / "tidak-ada.csv"))
    assert code == 2
    assert "tidak dapat dibaca" in err


def test_evaluators_dry_run_then_real_run_fill_the_review_registry(
    sipinda_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "evaluator.csv"
    path.write_text(
        "name,email,kind,opd_code,topics,max_load\n"
        'Praktisi Uji,evaluator.praktisi@sipinda.test,praktisi,,"ekonomi; umkm",5\n',
        encoding="utf-8",
    )

    def registry() -> tuple[list[str], int]:
        with runtime.database("review").session() as s:
            row = s.scalars(
                select(Evaluator).where(Evaluator.email == "evaluator.praktisi@sipinda.test")
            ).one()
            return list(row.topics), row.max_load

    before = registry()
    code, out, _ = run(capsys, "evaluators", str(path), "--dry-run")
    assert code == 0
    assert "uji coba" in out
    assert registry() == before
    code, out, _ = run(capsys, "evaluators", str(path))
    assert code == 0
    assert registry() == (["ekonomi", "umkm"], 5)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email,kind\nSiapa,tidak-ada@x.test,akademisi\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluators", str(bad))
    assert code == 1
    assert "baris 2" in err
