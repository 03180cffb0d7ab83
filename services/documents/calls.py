"""The calls documents has heard of (`call.published`), kept for the headers it prints."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from services.documents.models import CallInfo
from shared.events import CallPublished


def call_info(session: Session, call_id: int | None) -> dict[str, Any] | None:
    """What the latest `call.published` said of the call, or None when none was heard."""
    row = session.get(CallInfo, call_id) if call_id is not None else None
    return dict(row.payload) if row is not None else None


def record_call(session: Session, event: CallPublished) -> None:
    """Keep the call's newest version (an older one arriving late changes nothing)."""
    row = session.get(CallInfo, event.call_id)
    if row is not None and row.version_no >= event.version_no:
        return
    payload = {
        "call_name": event.call_name, "year": event.year, "blind": event.blind,
        "scale_min": event.scale_min, "scale_max": event.scale_max,
        "disagreement": event.settings.get("disagreement"),
    }  # fmt: skip
    if row is None:
        session.add(CallInfo(call_id=event.call_id, version_no=event.version_no, payload=payload))
    else:
        row.version_no, row.payload = event.version_no, payload
