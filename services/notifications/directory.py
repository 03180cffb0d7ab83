"""What notifications knows of identity's people: the active admins its digest goes to. The one
module of notifications that reads identity (a later step feeds it from identity's events)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shared import runtime
from shared.identity.models import Role, User


@dataclass(frozen=True)
class Admin:
    id: int
    email: str
    name: str
    language: str


def active_admins() -> list[Admin]:
    """Every active admin, by id."""
    with runtime.database("identity").session() as session:
        users = session.scalars(
            select(User).where(User.role == Role.ADMIN, User.active).order_by(User.id)
        )
        return [Admin(u.id, u.email, u.name, u.language) for u in users]
