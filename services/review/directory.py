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
