"""What notifications knows of identity's people: the active admins its digest goes to, read
from notifications' own copy of the accounts (fed by identity's `account.changed`)."""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.models import DIRECTORY
from shared import directory, runtime
from shared.roles import Role


@dataclass(frozen=True)
class Admin:
    id: int
    email: str
    name: str
    language: str


def active_admins() -> list[Admin]:
    """Every active admin, by id."""
    with runtime.database("notifications").session() as session:
        admins = directory.accounts_with_role(session, DIRECTORY, Role.ADMIN.value)
        return [Admin(a.id, a.email, a.name, a.language) for a in admins]
