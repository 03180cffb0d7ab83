"""Every read of identity's data by review, in one place: accounts by e-mail, the agency rule.

A later step serves these from a read model fed by identity's events; callers stay the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from shared import runtime
from shared.identity.agencies import related
from shared.identity.store import find_user_by_email


def user_ids_by_email(emails: Iterable[str]) -> dict[str, int]:
    """E-mail → id of identity's account with it; e-mails without an account are left out."""
    found: dict[str, int] = {}
    with runtime.database("identity").session() as session:
        for email in emails:
            user = find_user_by_email(session, email)
            if user is not None:
                found[email] = user.id
    return found


def agencies_related(
    first: str | None, second: str | None, parents: Mapping[str, str | None]
) -> bool:
    """True when both are the same agency, or one is an ancestor of the other (pure)."""
    return related(first, second, parents)
