"""Importing agencies and users from CSV or XLSX: read, check every row, then upsert.

Checking is pure (a table in, rows and problems out) and reports every bad row with its row
number as the spreadsheet shows it (the header is row 1), the column and the reason in
Bahasa Indonesia. Nothing is written when any row is bad. Upserts are by agency code and by
e-mail, so importing the same file twice changes nothing. Imported users get no password:
they set one with the "forgot password" link.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.identity.agencies import AgencyRow
from shared.identity.models import Agency, Role, User

MAX_ROWS = 20_000
UNUSABLE_PASSWORD = "!import"  # noqa: S105 - never verifies: the user sets one by reset link
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
AGENCY_KINDS = (
    "sekretariat",
    "bagian",
    "badan",
    "dinas",
    "satuan",
    "inspektorat",
    "rsud",
    "kecamatan",
    "kelurahan",
    "desa",
    "puskesmas",
    "sekolah",
    "lainnya",
)
# The review service's evaluator kinds (services/review/models.py CheckConstraint).
EVALUATOR_KINDS = ("academic", "practitioner", "government")
ROLE_ALIASES = {
    "inovator": Role.INNOVATOR,
    "verifikator": Role.VERIFIER,
    "admin": Role.ADMIN,
    **{role.value: role for role in Role},
}
EVALUATOR_ALIASES = {
    "akademisi": "academic",
    "praktisi": "practitioner",
    "pemerintah": "government",
    **{k: k for k in EVALUATOR_KINDS},
}
TRUE = {"1", "ya", "y", "true", "aktif", "yes"}
FALSE = {"0", "tidak", "t", "false", "nonaktif", "no"}
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
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"baris {self.row}, kolom {self.column}: {self.message}"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[int, Mapping[str, str]], ...]  # (row number, column → text)


@dataclass(frozen=True)
class UserRow:
    row: int
    email: str
    name: str
    role: str
    opd_code: str | None
    language: str
    active: bool
    evaluator_kind: str | None


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


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


# --- checking (pure) -------------------------------------------------------------------------


def _missing_columns(table: Table, required: Iterable[str]) -> list[Problem]:
    return [Problem(1, c, "kolom wajib tidak ada") for c in required if c not in table.columns]


def check_agencies(
    table: Table, existing: Mapping[str, str | None]
) -> tuple[list[AgencyRow], list[Problem]]:
    """The agency rows, parents first, and every problem. `existing` maps the codes already
    stored to their parents (a parent may be in the file or already stored)."""
    problems = _missing_columns(table, ("code", "name", "kind"))
    if problems:
        return [], problems
    rows: list[AgencyRow] = []
    numbers: dict[str, int] = {}
    for number, cells in table.rows:
        code, name = cells.get("code", "").lower(), cells.get("name", "")
        kind, parent = cells.get("kind", "").lower(), cells.get("parent_code", "").lower()
        bad = False
        if not code:
            problems.append(Problem(number, "code", "wajib diisi"))
            bad = True
        elif not CODE.match(code):
            problems.append(
                Problem(
                    number,
                    "code",
                    "hanya huruf kecil, angka dan tanda hubung (maksimal 80 karakter)",
                )
            )
            bad = True
        elif code in numbers:
            problems.append(
                Problem(number, "code", f"kode ganda: sudah ada di baris {numbers[code]}")
            )
            bad = True
        if not name:
            problems.append(Problem(number, "name", "wajib diisi"))
        elif len(name) > 200:
            problems.append(Problem(number, "name", "terlalu panjang (maksimal 200 karakter)"))
        if not kind:
            problems.append(Problem(number, "kind", "wajib diisi"))
        elif kind not in AGENCY_KINDS:
            problems.append(
                Problem(
                    number,
                    "kind",
                    f"jenis tidak dikenal; pilih salah satu: {', '.join(AGENCY_KINDS)}",
                )
            )
        if parent and parent == code:
            problems.append(Problem(number, "parent_code", "tidak boleh induk dirinya sendiri"))
        if not bad:
            numbers[code] = number
            rows.append(AgencyRow(code, name, kind, parent or None))
    parents = {**existing, **{r.code: r.parent_code for r in rows}}
    for row in rows:
        number = numbers[row.code]
        if row.parent_code is None or row.parent_code == row.code:
            continue
        if row.parent_code not in parents:
            problems.append(
                Problem(
                    number,
                    "parent_code",
                    f"kode induk '{row.parent_code}' tidak ada di berkas maupun di basis data",
                )
            )
        elif _cycles(row.code, parents):
            problems.append(Problem(number, "parent_code", "induk membentuk lingkaran"))
    return _parents_first(rows, set(existing)), problems


def _cycles(code: str, parents: Mapping[str, str | None]) -> bool:
    seen = {code}
    current = parents.get(code)
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _parents_first(rows: list[AgencyRow], stored: set[str]) -> list[AgencyRow]:
    placed = set(stored)
    ordered: list[AgencyRow] = []
    pending = list(rows)
    while pending:
        ready = [
            r
            for r in pending
            if r.parent_code is None
            or r.parent_code in placed
            or r.parent_code not in {p.code for p in pending}
        ]
        if not ready:
            return ordered + pending  # a cycle: reported as a problem, never written
        ordered += ready
        placed |= {r.code for r in ready}
        pending = [r for r in pending if r not in ready]
    return ordered


def check_users(table: Table, agency_codes: set[str]) -> tuple[list[UserRow], list[Problem]]:
    problems = _missing_columns(table, ("email", "name", "role"))
    if problems:
        return [], problems
    rows: list[UserRow] = []
    numbers: dict[str, int] = {}
    for number, cells in table.rows:
        before = len(problems)
        email = cells.get("email", "").strip().lower()
        name = cells.get("name", "")
        role_text = cells.get("role", "").lower()
        opd = cells.get("opd_code", "").lower() or None
        language = cells.get("language", "").lower() or "id"
        active_text = cells.get("active", "").lower()
        kind_text = cells.get("evaluator_kind", "").lower()

        if not email:
            problems.append(Problem(number, "email", "wajib diisi"))
        elif len(email) > 254 or not EMAIL.match(email):
            problems.append(Problem(number, "email", "format email tidak valid"))
        elif email in numbers:
            problems.append(
                Problem(number, "email", f"email ganda: sudah ada di baris {numbers[email]}")
            )
        if not name:
            problems.append(Problem(number, "name", "wajib diisi"))
        elif len(name) > 200:
            problems.append(Problem(number, "name", "terlalu panjang (maksimal 200 karakter)"))
        role = ROLE_ALIASES.get(role_text)
        if not role_text:
            problems.append(Problem(number, "role", "wajib diisi"))
        elif role is None:
            problems.append(
                Problem(
                    number,
                    "role",
                    "peran tidak dikenal; pilih salah satu: "
                    "inovator, operator, verifikator, evaluator, admin",
                )
            )
        if opd is None and role in (Role.INNOVATOR, Role.OPERATOR):
            problems.append(Problem(number, "opd_code", "wajib diisi untuk inovator dan operator"))
        elif opd is not None and opd not in agency_codes:
            problems.append(
                Problem(number, "opd_code", f"OPD '{opd}' tidak dikenal; impor OPD terlebih dahulu")
            )
        if language not in ("id", "en"):
            problems.append(Problem(number, "language", "pilih id atau en"))
        active = True
        if active_text in FALSE:
            active = False
        elif active_text and active_text not in TRUE:
            problems.append(Problem(number, "active", "isi ya atau tidak"))
        kind = EVALUATOR_ALIASES.get(kind_text) if kind_text else None
        if role == Role.EVALUATOR and not kind_text:
            problems.append(
                Problem(
                    number,
                    "evaluator_kind",
                    "wajib diisi untuk evaluator (akademisi, praktisi, pemerintah)",
                )
            )
        elif kind_text and kind is None:
            problems.append(
                Problem(number, "evaluator_kind", "pilih akademisi, praktisi atau pemerintah")
            )
        elif kind_text and role != Role.EVALUATOR:
            problems.append(Problem(number, "evaluator_kind", "hanya untuk peran evaluator"))
        if len(problems) == before and role is not None:
            numbers[email] = number
            rows.append(UserRow(number, email, name, role.value, opd, language, active, kind))
    return rows, problems


# --- writing -------------------------------------------------------------------------------


def stored_agencies(session: Session) -> dict[str, str | None]:
    return {
        code: parent for code, parent in session.execute(select(Agency.code, Agency.parent_code))
    }


def upsert_agency_rows(session: Session, rows: Iterable[AgencyRow], write: bool) -> Summary:
    summary = Summary()
    for row in rows:
        agency = session.get(Agency, row.code)
        if agency is None:
            summary.created += 1
            if write:
                session.add(
                    Agency(code=row.code, name=row.name, kind=row.kind, parent_code=row.parent_code)
                )
                session.flush()
        elif (agency.name, agency.kind, agency.parent_code) == (
            row.name,
            row.kind,
            row.parent_code,
        ):
            summary.unchanged += 1
        else:
            summary.updated += 1
            if write:
                agency.name, agency.kind, agency.parent_code = row.name, row.kind, row.parent_code
    if write:
        session.flush()
    return summary


def upsert_user_rows(session: Session, rows: Iterable[UserRow], write: bool) -> Summary:
    summary = Summary()
    for row in rows:
        user = session.scalars(select(User).where(User.email == row.email)).first()
        values = (row.name, row.role, row.opd_code, row.language, row.active)
        if user is None:
            summary.created += 1
            if write:
                session.add(
                    User(
                        email=row.email,
                        name=row.name,
                        role=row.role,
                        opd_code=row.opd_code,
                        language=row.language,
                        active=row.active,
                        password_hash=UNUSABLE_PASSWORD,
                    )
                )
        elif (user.name, user.role, user.opd_code, user.language, user.active) == values:
            summary.unchanged += 1
        else:
            summary.updated += 1
            if write:
                user.name, user.role, user.opd_code, user.language, user.active = values
    if write:
        session.flush()
    return summary


def import_agencies(
    session: Session, table: Table, *, dry_run: bool
) -> tuple[Report, list[AgencyRow]]:
    rows, problems = check_agencies(table, stored_agencies(session))
    report = Report(problems)
    if problems:
        return report, []
    report.summary = upsert_agency_rows(session, rows, write=not dry_run)
    report.written = not dry_run
    return report, rows


def import_users(session: Session, table: Table, *, dry_run: bool) -> tuple[Report, list[UserRow]]:
    rows, problems = check_users(table, set(stored_agencies(session)))
    report = Report(problems)
    if problems:
        return report, []
    report.summary = upsert_user_rows(session, rows, write=not dry_run)
    report.written = not dry_run
    return report, rows


def user_ids(session: Session, emails: Iterable[str]) -> dict[str, int]:
    wanted = list(emails)
    found = session.execute(select(User.email, User.id).where(User.email.in_(wanted)))
    return {email: user_id for email, user_id in found}
