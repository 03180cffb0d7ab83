"""Plumbing for the spreadsheets services export: a cell a spreadsheet would run as a formula."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def defused(cell: T) -> T | str:
    """A text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    if isinstance(cell, str) and cell[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + cell
    return cell
