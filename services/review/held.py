"""Decisions held back by uji publik: a call with an objection window publishes its
`decision.made` events only once the window has closed with every objection resolved
(`objections.finalize`); until then `decide` keeps each one here."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review.models import HeldDecision, ObjectionWindow
from services.review.queries import call_settings
from shared.events import DecisionMade
from shared.outbox import utcnow


def uses_objections(session: Session, call_id: int | None) -> bool:
    """Whether the call has uji publik (its `call.published` settings said so)."""
    if call_id is None:
        return False
    return bool(call_settings(session, call_id).extra.get("public_objection", False))


def window_of(session: Session, call_id: int) -> ObjectionWindow | None:
    return session.scalars(
        select(ObjectionWindow).where(ObjectionWindow.call_id == call_id)
    ).first()


def holds(session: Session, call_id: int | None) -> bool:
    """Whether a decision of the call is held now: uji publik, not finalized yet."""
    if call_id is None or not uses_objections(session, call_id):
        return False
    window = window_of(session, call_id)
    return window is None or window.finalized_at is None


def hold(session: Session, event: DecisionMade) -> None:
    """Keep the decision's event to publish once the call's decisions are final (a changed
    decision replaces the one held before)."""
    row = session.get(HeldDecision, (event.proposal_id, event.version_no))
    data = event.model_dump(mode="json")
    if row is None:
        session.add(HeldDecision(proposal_id=event.proposal_id, version_no=event.version_no,
                                 call_id=event.call_id, event=data, held_at=utcnow()))  # fmt: skip
    else:
        row.event, row.held_at, row.published_at = data, utcnow(), None
    session.flush()
