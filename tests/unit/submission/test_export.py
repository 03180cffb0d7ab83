"""The export table: CSV and XLSX (pure)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from services.submission import export
from services.submission.schemas import ProposalOut

HEADS = ["No", "ID", "Judul inovasi", *(f"K{n}" for n in range(10))]


def proposal(**kw: object) -> ProposalOut:
    now = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    base = {"id": 7, "title": "T", "summary": "", "opd_code": "dinkes", "status": "submitted",
            "version_no": 1, "innovator_id": 1, "created_at": now, "updated_at": now,
            "submitted_at": now}  # fmt: skip
    return ProposalOut.model_validate({**base, **kw})


def table() -> list[list[export.Cell]]:
    return export.rows(
        [proposal(), proposal(id=8, title="@SUM(A1)", status="decided", decision="winner")],
        agency=lambda code: {"dinkes": "Dinas Kesehatan"}[code],
        call_name=lambda call_id: "",
        label=lambda key: {"status.submitted": "Terkirim", "status.decided": "Diputuskan",
                           "decision.winner": "Pemenang"}[key],
    )  # fmt: skip


def test_csv_is_excel_friendly_and_defused() -> None:
    text = export.to_csv(table(), HEADS).decode("utf-8")
    assert text.startswith("\ufeffNo;ID;Judul inovasi;")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[1][:4] == ["1", "7", "T", "Dinas Kesehatan"]
    assert rows[1][10] == "2030-01-02 10:04:05"  # WIB
    assert rows[2][2] == "'@SUM(A1)"
    assert rows[2][12] == "Pemenang"


def test_xlsx_has_the_same_table() -> None:
    sheet = load_workbook(io.BytesIO(export.to_xlsx(table(), HEADS))).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == tuple(HEADS)
    assert values[1][:3] == (1, 7, "T")
    assert values[2][2] == "'@SUM(A1)"
