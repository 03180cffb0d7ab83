"""What submission knows of identity's users and agencies, from its own copy of them (fed by
identity's `account.changed` and `agency.changed`): names for events and pages, people for the
events they carry, a user found by e-mail."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from services.submission.models import DIRECTORY
from shared import directory, runtime
from shared.events import Person

AGENCY_NAME_TTL = 60.0
_agency_names: dict[str, tuple[float, str]] = {}


@dataclass(frozen=True)
class Account:
    """A user as an invitation needs them: who, with which role, still active or not."""

    person: Person
    role: str
    active: bool


def _person(account: directory.Account) -> Person:
    return Person(id=account.id, name=account.name, email=account.email, language=account.language)


def agency_name(code: str) -> str | None:
    """The agency's name, remembered by this process for a minute: agencies change only by an
    import, and every submit and check puts the name in its event."""
    now = time.monotonic()
    remembered = _agency_names.get(code)
    if remembered is not None and now - remembered[0] < AGENCY_NAME_TTL:
        return remembered[1]
    found = agency(code)
    if found is None:
        return None
    _agency_names[code] = (now, found[1])
    return found[1]


def agency(code: str) -> tuple[str, str] | None:
    """One agency as (code, name), read now."""
    with runtime.database("submission").session() as s:
        found = directory.agency(s, DIRECTORY, code)
        return (found.code, found.name) if found else None


def agencies() -> list[tuple[str, str]]:
    """Every agency as (code, name), by name."""
    with runtime.database("submission").session() as s:
        return [(a.code, a.name) for a in directory.agencies(s, DIRECTORY)]


def agency_names() -> dict[str, str]:
    """Every agency's name by its code."""
    with runtime.database("submission").session() as s:
        return directory.agency_names(s, DIRECTORY)


def people(ids: Iterable[int]) -> dict[int, Person]:
    """The users with these ids, as events carry them (absent ones left out)."""
    with runtime.database("submission").session() as s:
        return {i: _person(a) for i, a in directory.people(s, DIRECTORY, ids).items()}


def user_by_email(email: str) -> Account | None:
    """The account with this e-mail address, if there is one."""
    with runtime.database("submission").session() as s:
        found = directory.account_by_email(s, DIRECTORY, email)
        return Account(_person(found), found.role, found.active) if found else None
