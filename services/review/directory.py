"""What review knows of identity's people and agencies, from its own copy of them (fed by
identity's `account.changed` and `agency.changed`): accounts by e-mail, the agency rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.review import bootstrap
from services.review.models import DIRECTORY
from shared import directory


def user_ids_by_email(emails: Iterable[str]) -> dict[str, int]:
    """E-mail → id of the account with it; e-mails without an account are left out."""
    found: dict[str, int] = {}
    with bootstrap.session() as session:
        for email in emails:
            account = directory.account_by_email(session, DIRECTORY, email)
            if account is not None:
                found[email] = account.id
    return found


def agencies_related(
    first: str | None, second: str | None, parents: Mapping[str, str | None]
) -> bool:
    """True when both are the same agency, or one is an ancestor of the other (pure)."""
    return directory.related(first, second, parents)


def account(user_id: int) -> directory.Account | None:
    """The account with this id, as identity last announced it."""
    with bootstrap.session() as session:
        return directory.account(session, DIRECTORY, user_id)


def evaluator_accounts() -> list[directory.Account]:
    """The active evaluator accounts, by name: who the admin can put in the registry."""
    with bootstrap.session() as session:
        found = directory.accounts_with_role(session, DIRECTORY, "evaluator")
    return sorted(found, key=lambda a: (a.name.casefold(), a.id))


def agency_choices() -> list[tuple[str, str]]:
    """Every agency as (code, name), by name."""
    with bootstrap.session() as session:
        return [(a.code, a.name) for a in directory.agencies(session, DIRECTORY)]
