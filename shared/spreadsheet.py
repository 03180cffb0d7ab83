"""Plumbing for the spreadsheets services export: a cell a spreadsheet would run as a formula,
and one sheet filled with a bold, frozen header row and columns as wide as their text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

T = TypeVar("T")


def defused(cell: T) -> T | str:
    """A text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    if isinstance(cell, str) and cell[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + cell
    return cell


def fill(sheet: Worksheet, heads: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """`heads` in bold and frozen above `rows` (each cell defused); each column as wide as its
    longest text, between 8 and 50 characters."""
    sheet.append(list(heads))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([defused(c) for c in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        letter = column[0].column_letter
        longest = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[letter].width = min(max(longest + 2, 8), 50)
