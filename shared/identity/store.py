"""Reading and writing users and agencies (the identity database)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.identity.agencies import AgencyRow
from shared.identity.models import Agency, User
from shared.identity.passwords import hash_password


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == email.strip().lower())).first()


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_agency(session: Session, code: str) -> Agency | None:
    return session.get(Agency, code)


def agency_parents(session: Session) -> dict[str, str | None]:
    return {
        code: parent for code, parent in session.execute(select(Agency.code, Agency.parent_code))
    }


def upsert_agencies(session: Session, rows: Iterable[AgencyRow]) -> int:
    """Insert missing agencies and update changed ones; rows come parents first."""
    count = 0
    for row in rows:
        agency = session.get(Agency, row.code)
        if agency is None:
            session.add(
                Agency(code=row.code, name=row.name, kind=row.kind, parent_code=row.parent_code)
            )
            session.flush()
            count += 1
        else:
            agency.name, agency.kind, agency.parent_code = row.name, row.kind, row.parent_code
    return count


def ensure_user(
    session: Session,
    *,
    email: str,
    name: str,
    role: str,
    password: str,
    opd_code: str | None,
    language: str = "id",
) -> tuple[User, bool]:
    """The user with this e-mail, created when missing; returns (user, created)."""
    user = find_user_by_email(session, email)
    if user is not None:
        return user, False
    user = User(
        email=email.strip().lower(),
        name=name,
        role=role,
        password_hash=hash_password(password),
        opd_code=opd_code,
        language=language,
    )
    session.add(user)
    session.flush()
    return user, True
