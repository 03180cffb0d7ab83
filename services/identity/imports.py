"""Importing agencies and users from CSV or XLSX: read, check every row, then upsert.

Nothing is written when any row is bad (`checks`). Upserts are by agency code and by e-mail,
so importing the same file twice changes nothing; each agency or account created or changed is
announced to the other services. Imported users get no password: they set one with the
"forgot password" link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.identity import accounts
from services.identity import agencies as agency_changes
from services.identity.agencies import AgencyRow
from services.identity.checks import (
    UNUSABLE_PASSWORD,
    Problem,
    UserRow,
    check_agencies,
    check_users,
)
from services.identity.models import Agency, User
from services.identity.tables import ImportFileError, Table, read_csv_text, read_table

__all__ = [
    "UNUSABLE_PASSWORD",
    "ImportFileError",
    "Problem",
    "Report",
    "Summary",
    "Table",
    "UserRow",
    "import_agencies",
    "import_users",
    "read_csv_text",
    "read_table",
    "user_ids",
]


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


# --- writing -------------------------------------------------------------------------------


def stored_agencies(session: Session) -> dict[str, str | None]:
    return {
        code: parent for code, parent in session.execute(select(Agency.code, Agency.parent_code))
    }


def upsert_agency_rows(session: Session, rows: Iterable[AgencyRow], write: bool) -> Summary:
    summary = Summary()
    touched: list[Agency] = []
    for row in rows:
        agency = session.get(Agency, row.code)
        if agency is None:
            summary.created += 1
            if write:
                agency = Agency(
                    code=row.code, name=row.name, kind=row.kind, parent_code=row.parent_code
                )
                session.add(agency)
                session.flush()
                touched.append(agency)
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
                touched.append(agency)
    if write:
        session.flush()
        agency_changes.announce(session, touched)
    return summary


def upsert_user_rows(session: Session, rows: Iterable[UserRow], write: bool) -> Summary:
    summary = Summary()
    touched: list[User] = []
    for row in rows:
        user = session.scalars(select(User).where(User.email == row.email)).first()
        values = (row.name, row.role, row.opd_code, row.language, row.active)
        if user is None:
            summary.created += 1
            if write:
                user = User(
                    email=row.email, name=row.name, role=row.role, opd_code=row.opd_code,
                    language=row.language, active=row.active, password_hash=UNUSABLE_PASSWORD,
                    session_epoch=0,
                )  # fmt: skip
                session.add(user)
                touched.append(user)
        elif (user.name, user.role, user.opd_code, user.language, user.active) == values:
            summary.unchanged += 1
        else:
            summary.updated += 1
            if write:
                user.name, user.role, user.opd_code, user.language, user.active = values
                touched.append(user)
    if write:
        accounts.announce(session, touched)
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
