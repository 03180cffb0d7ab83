"""Reading the evaluator registry from CSV and XLSX, and checking it line by line."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

from openpyxl import Workbook

from services.review.registry_import import parse, read_table

AGENCIES = {"dinkes", "setda", "bag-hukum"}


def test_csv_with_semicolons_and_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "\ufeffName;Email;Kind;OPD_code;Topics;Max_load\n"
        'Dr. Sari;SARI@univ.test;akademisi;;"kesehatan; gizi";4;sisa\n',
        encoding="utf-8",
    )
    parsed = parse(read_table(path), AGENCIES)
    assert parsed.errors == []
    [row] = parsed.rows
    assert (row.email, row.kind, row.opd_code, row.max_load) == (
        "sari@univ.test",
        "academic",
        None,
        4,
    )
    assert row.topics == ("kesehatan", "gizi")


def test_xlsx_first_sheet_is_read(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "email", "kind", "opd_code", "topics", "expertise", "active"])
    sheet.append(
        ["Budi", "budi@pemda.test", "pemerintah", "setda", "hukum;tata kelola", "perda", "ya"]
    )
    sheet.append(["Cuti", "cuti@pemda.test", "praktisi", None, None, None, "tidak"])
    path = tmp_path / "e.xlsx"
    book.save(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parsed = parse(read_table(path), AGENCIES)
        gc.collect()
    # The workbook is closed: no open file left for the collector to meet during a later test
    # (one did, on CI, as a ResourceWarning in an unrelated test's setup).
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert parsed.errors == []
    assert [(r.name, r.kind, r.topics, r.active) for r in parsed.rows] == [
        ("Budi", "government", ("hukum", "tata kelola"), True),
        ("Cuti", "practitioner", (), False),
    ]


def test_every_bad_row_is_named_with_its_line_and_all_its_problems() -> None:
    rows = [
        {"name": "A", "email": "a@t.test"},
        {"name": "", "email": "salah", "kind": "dukun"},
        {"name": "B", "email": "a@t.test"},
        {"name": "C", "email": "c@t.test", "opd_code": "dinas-fiktif", "min_load": "5",
         "max_load": "2", "language": "fr", "active": "mungkin"},
    ]  # fmt: skip
    parsed = parse(rows, AGENCIES)
    assert [r.email for r in parsed.rows] == ["a@t.test"]
    assert [line for line, _ in parsed.errors] == [3, 4, 5]
    assert parsed.errors[0][1] == (
        "email tidak sah / invalid e-mail; nama wajib diisi / name is required; "
        "jenis tidak dikenal / unknown kind: dukun"
    )
    assert parsed.errors[1][1] == "email ganda / duplicate e-mail"
    for part in ("unknown agency: dinas-fiktif", "invalid loads", "unknown language: fr",
                 "invalid active: mungkin"):  # fmt: skip
        assert part in parsed.errors[2][1]
