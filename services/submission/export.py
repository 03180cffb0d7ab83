"""The proposal list as a spreadsheet: CSV and XLSX, headed in the reader's language (pure)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from services.submission.schemas import ProposalOut
from shared.spreadsheet import defused
from shared.timezone import to_wib

# The columns' message keys, in order: the headings are written in the reader's language.
COLUMNS = (
    "export.column.no",
    "export.column.id",
    "export.column.title",
    "export.column.agency",
    "export.column.agency_code",
    "export.column.call",
    "export.column.category",
    "export.column.group",
    "export.column.status",
    "export.column.version",
    "export.column.submitted_at",
    "export.column.updated_at",
    "export.column.decision",
)
Cell = str | int | None
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _moment(value: datetime | None) -> str:
    return to_wib(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def rows(
    proposals: Sequence[ProposalOut],
    *,
    agency: Callable[[str], str],
    call_name: Callable[[int | None], str],
    label: Callable[[str], str],
) -> list[list[Cell]]:
    return [
        [
            n,
            p.id,
            p.title,
            agency(p.opd_code),
            p.opd_code,
            call_name(p.call_id),
            p.category or "",
            p.group or "",
            label(f"status.{p.status}"),
            p.version_no,
            _moment(p.submitted_at),
            _moment(p.updated_at),
            label(f"decision.{p.decision}") if p.decision else "",
        ]
        for n, p in enumerate(proposals, start=1)
    ]


def headings(label: Callable[[str], str]) -> list[str]:
    return [label(key) for key in COLUMNS]


def to_csv(table: Sequence[Sequence[Cell]], heads: Sequence[str]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the accents), `;`-separated as Excel in an
    Indonesian locale expects."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(heads)
    for row in table:
        writer.writerow(["" if c is None else defused(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(
    table: Sequence[Sequence[Cell]], heads: Sequence[str], title: str = "Proposal"
) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(heads))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append([defused(c) for c in row])
    sheet.freeze_panes = "A2"
    for column, width in zip(
        "ABCDEFGHIJKLM", (5, 7, 45, 35, 14, 35, 30, 16, 20, 7, 20, 20, 14), strict=True
    ):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
