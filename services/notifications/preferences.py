"""Each user's choice of the optional notices they get by e-mail (a notice turned off is still
listed in the inbox). Mandatory notices cannot be turned off."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.notifications import notices
from services.notifications.errors import MandatoryNotice, UnknownKind
from services.notifications.models import OptOut


def preferences(session: Session, user_id: int) -> dict[str, bool]:
    """Every kind of notice and whether the user gets it by e-mail."""
    off = set(session.scalars(select(OptOut.kind).where(OptOut.user_id == user_id)))
    return {kind.value: kind.value not in off for kind in notices.Kind}


def set_preference(session: Session, user_id: int, kind: str, enabled: bool) -> None:
    """Turn an optional kind of notice on or off; `UnknownKind` for a kind that does not exist,
    `MandatoryNotice` to turn a mandatory one off."""
    if kind not in {k.value for k in notices.Kind}:
        raise UnknownKind(kind)
    if notices.mandatory(kind):
        if not enabled:
            raise MandatoryNotice(kind)
        return
    present = session.scalar(
        select(OptOut.id).where(OptOut.user_id == user_id, OptOut.kind == kind)
    )
    if enabled and present is not None:
        session.execute(delete(OptOut).where(OptOut.id == present))
    elif not enabled and present is None:
        session.add(OptOut(user_id=user_id, kind=kind))
        session.flush()
