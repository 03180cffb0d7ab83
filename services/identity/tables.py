"""Reading an import file (CSV or XLSX) into a table of text cells, with its row numbers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

MAX_ROWS = 20_000
HEADER_ALIASES = {
    "kode": "code",
    "nama": "name",
    "jenis": "kind",
    "kode_induk": "parent_code",
    "induk": "parent_code",
    "peran": "role",
    "kode_opd": "opd_code",
    "opd": "opd_code",
    "bahasa": "language",
    "jenis_evaluator": "evaluator_kind",
    "aktif": "active",
    "e-mail": "email",
    "surel": "email",
}


class ImportFileError(Exception):
    """The file cannot be read as a table (the message is in Bahasa Indonesia)."""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[int, Mapping[str, str]], ...]  # (row number, column → text)


# --- reading -------------------------------------------------------------------------------


def _header(name: object) -> str:
    text = re.sub(r"\s+", "_", str(name or "").strip().lower())
    return HEADER_ALIASES.get(text, text)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(raw_rows: Iterable[tuple[int, list[object]]]) -> Table:
    iterator = iter(raw_rows)
    try:
        _, header = next(iterator)
    except StopIteration:
        raise ImportFileError("berkas kosong: baris judul kolom tidak ada") from None
    columns = tuple(_header(h) for h in header)
    if not any(columns):
        raise ImportFileError("baris 1 harus berisi judul kolom")
    rows: list[tuple[int, Mapping[str, str]]] = []
    for number, cells in iterator:
        texts = [_text(c) for c in cells]
        if not any(texts):
            continue  # blank lines are not rows
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(f"terlalu banyak baris (maksimal {MAX_ROWS})")
        rows.append(
            (number, {c: (texts[i] if i < len(texts) else "") for i, c in enumerate(columns) if c})
        )
    return Table(columns, tuple(rows))


def read_csv_text(text: str) -> Table:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return _table((reader.line_num, list(row)) for row in reader)


def read_table(path: Path) -> Table:
    """A CSV (UTF-8, comma, semicolon or tab) or XLSX file (its first sheet) as a table."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"berkas tidak dapat dibaca: {exc.strerror or exc}") from exc
    if suffix == ".csv":
        try:
            return read_csv_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ImportFileError("berkas CSV harus berkode UTF-8") from None
    if suffix == ".xlsx":
        return _read_xlsx(data)
    raise ImportFileError("jenis berkas tidak didukung: pakai .csv atau .xlsx")


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(f"berkas XLSX rusak atau bukan XLSX: {exc}") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return _table((i, list(r)) for i, r in enumerate(rows, start=1))
    finally:
        book.close()
