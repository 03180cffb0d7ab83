"""What submission reads of identity's users and agencies, in one place: names for events and
pages, people for the events they carry, a user found by e-mail. Read from identity's tables
today; a later step feeds it from identity's events."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from shared import runtime
from shared.events import Person
from shared.identity.models import Agency, User
from shared.identity.store import find_user_by_email, get_agency

AGENCY_NAME_TTL = 60.0
_agency_names: dict[str, tuple[float, str]] = {}


@dataclass(frozen=True)
class Account:
    """A user as an invitation needs them: who, with which role, still active or not."""

    person: Person
    role: str
    active: bool


def _person(user: User) -> Person:
    return Person(id=user.id, name=user.name, email=user.email, language=user.language)


def agency_name(code: str) -> str | None:
    """The agency's name, remembered by this process for a minute: agencies change only by an
    import, and every submit and check puts the name in its event."""
    now = time.monotonic()
    remembered = _agency_names.get(code)
    if remembered is not None and now - remembered[0] < AGENCY_NAME_TTL:
        return remembered[1]
    with runtime.database("identity").session() as s:
        agency = get_agency(s, code)
        if agency is None:
            return None
        _agency_names[code] = (now, agency.name)
        return agency.name


def agency(code: str) -> tuple[str, str] | None:
    """One agency as (code, name), read now."""
    with runtime.database("identity").session() as s:
        found = get_agency(s, code)
        return (found.code, found.name) if found else None


def agencies() -> list[tuple[str, str]]:
    """Every agency as (code, name), by name."""
    with runtime.database("identity").session() as s:
        return [(a.code, a.name) for a in s.scalars(select(Agency).order_by(Agency.name))]


def agency_names() -> dict[str, str]:
    """Every agency's name by its code."""
    with runtime.database("identity").session() as s:
        return {code: name for code, name in s.execute(select(Agency.code, Agency.name))}


def people(ids: Iterable[int]) -> dict[int, Person]:
    """The users with these ids, as events carry them (absent ones left out)."""
    wanted = set(ids)
    if not wanted:
        return {}
    with runtime.database("identity").session() as s:
        return {u.id: _person(u) for u in s.scalars(select(User).where(User.id.in_(wanted)))}


def user_by_email(email: str) -> Account | None:
    """The account with this e-mail address, if there is one."""
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, email)
        return Account(_person(user), user.role, user.active) if user else None
