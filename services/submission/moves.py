"""A proposal's state moves as conditional updates (`shared.db.transition`): of two requests
racing to move the same proposal, exactly one moves it and the other is refused with 409 and
publishes nothing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.submission import states
from services.submission.errors import TransitionRefused
from services.submission.models import Proposal
from shared.db import transition
from shared.outbox import utcnow

# action -> (code, message key) of the refusal when the proposal is no longer where it may move
REFUSALS = {
    "pass_check": ("not_checkable", "proposal.not_checkable"),
    "return": ("not_checkable", "proposal.not_checkable"),
    "refuse": ("not_checkable", "proposal.not_checkable"),
    "withdraw": ("not_withdrawable", "proposal.not_withdrawable"),
}


def advance(session: Session, proposal: Proposal, action: str, **values: object) -> bool:
    """Move the proposal by `action` from the state this request read, with `values` besides,
    if it is still in that state in the database; False, and nothing changed, when the move
    is not allowed from there or another request moved the proposal first."""
    if not states.allowed(proposal.status, action):
        return False
    target = states.next_state(proposal.status, action)
    return transition(
        session,
        proposal,
        {"status": [proposal.status]},
        {"status": target, "updated_at": utcnow(), **values},
    )


def move(session: Session, proposal: Proposal, action: str, **values: object) -> None:
    """`advance`, or `TransitionRefused` (409) when another request moved the proposal first."""
    if not advance(session, proposal, action, **values):
        code, key = REFUSALS[action]
        raise TransitionRefused(code, key)
