"""The admin's audit log: every admin action with its reason and where it came from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.submission.access import actor, require
from services.submission.models import AuditEntry
from services.submission.rules import can_manage_calls
from services.submission.schemas import AuditOut
from shared import runtime
from shared.logs import origin_provider
from shared.web.auth import CurrentUser
from shared.web.paging import Page, Window, paginate


def record(
    session: Session,
    *,
    actor_id: int,
    action: str,
    target: str,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Record an admin's action with its reason, and where it came from (the request's
    origin, when there is one)."""
    provider = origin_provider.get()
    origin = provider() if provider is not None else None
    where = {"ip": origin.ip, "role": origin.role} if origin is not None else {}
    session.add(
        AuditEntry(
            actor_id=actor_id,
            action=action,
            target=target,
            reason=reason,
            details={**(details or {}), **where},
        )
    )


def audit_page(user: CurrentUser, window: Window, target: str | None = None) -> Page[AuditOut]:
    """One page of the entries, newest first, of one target when given (admin)."""
    require(can_manage_calls(actor(user)))
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if target:
        query = query.where(AuditEntry.target == target)
    with runtime.database("submission").session() as s:
        return paginate(s, query, window, clamp=False).map(_out)


def _out(e: AuditEntry) -> AuditOut:
    return AuditOut.model_validate(e, from_attributes=True)
