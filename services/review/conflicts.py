"""Conflicts of interest declared by hand: by the evaluator on their review, or by the admin
between an evaluator and a proposal. Each releases the reviews concerned and replaces them.

Each function runs inside the caller's unit of work and publishes its events there.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import access, queries
from services.review.assignment import release
from services.review.errors import Forbidden, Invalid, TransitionRefused
from services.review.models import OPEN_REVIEW_STATES, Assignment, Conflict, Evaluator
from shared.outbox import utcnow
from shared.web.auth import CurrentUser


def declare_conflict(
    session: Session, user: CurrentUser, assignment_id: int, reason: str, k_default: int = 3
) -> tuple[Assignment, list[Assignment]]:
    """The evaluator (or the admin) declares a conflict on an open review: it is recorded
    with its reason, the review is released and a replacement is assigned. Returns the review
    and its replacements."""
    assignment = access.readable_assignment(session, user, assignment_id)
    if user.role not in ("evaluator", "admin"):
        raise Forbidden()
    reason = reason.strip()
    if not reason:
        raise TransitionRefused("review.reason_required")
    if assignment.status not in OPEN_REVIEW_STATES:
        raise TransitionRefused("review.not_open")
    session.add(
        Conflict(
            proposal_id=assignment.proposal_id,
            evaluator_id=assignment.evaluator_id,
            source="evaluator" if user.role == "evaluator" else "admin",
            reason=reason[:2000],
            declared_at=utcnow(),
        )
    )
    session.flush()
    return assignment, release(session, assignment, "conflict", k_default)


def declare_admin_conflict(
    session: Session, proposal_id: int, evaluator_id: int, reason: str, k_default: int = 3
) -> int:
    """The admin records a conflict between an evaluator and a proposal (every version): the
    evaluator is never assigned to it, and open reviews of it are released and replaced.
    Returns how many reviews were released."""
    reason = reason.strip()
    if not reason:
        raise Invalid("review.reason_required")
    if session.get(Evaluator, evaluator_id) is None:
        raise Invalid("review.evaluator_unknown", evaluator_id=evaluator_id)
    if evaluator_id not in queries.declared_conflicts(session, proposal_id):
        session.add(
            Conflict(
                proposal_id=proposal_id,
                evaluator_id=evaluator_id,
                source="admin",
                reason=reason[:2000],
                declared_at=utcnow(),
            )
        )
        session.flush()
    held = session.scalars(
        select(Assignment).where(
            Assignment.proposal_id == proposal_id,
            Assignment.evaluator_id == evaluator_id,
            Assignment.status.in_(OPEN_REVIEW_STATES),
        )
    ).all()
    for assignment in held:
        release(session, assignment, "conflict", k_default)
    return len(held)
