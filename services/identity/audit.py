"""The admin's audit log of accounts: who invited, changed, deactivated or reactivated whom, or
sent them a link, when, from where, and why when a reason was given. The same shape as
submission's `audit.py`; the console's audit page reads both (`services/platform/console`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from services.identity.models import AuditEntry, User
from shared.logs import origin_provider


def target_of(user_id: int) -> str:
    return f"user:{user_id}"


def record(
    session: Session,
    *,
    actor_id: int,
    action: str,
    user: User,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Record the admin's `action` on `user`'s account (with the account's e-mail as it was, so
    the entry still says whom it was about), and where it came from: the request's origin."""
    provider = origin_provider.get()
    origin = provider() if provider is not None else None
    where = {"ip": origin.ip, "role": origin.role} if origin is not None else {}
    session.add(
        AuditEntry(
            actor_id=actor_id,
            action=action,
            target=target_of(user.id),
            reason=reason,
            details={**(details or {}), "email": user.email, **where},
        )
    )
