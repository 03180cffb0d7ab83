"""Checking import rows (pure): a table in, rows and every problem out, with the row number as
the spreadsheet shows it (the header is row 1), the column and the reason in Bahasa Indonesia."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.identity.agencies import AgencyRow
from services.identity.tables import Table
from shared.roles import Role

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


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"baris {self.row}, kolom {self.column}: {self.message}"


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
