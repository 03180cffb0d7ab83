"""Reads the review service's operations (and, later, its pages) share. No writes here."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.review.models import WAITING, Assignment, Evaluator, ReviewAgency, ReviewProposal


def assignments_of(session: Session, proposal_id: int, version_no: int) -> list[Assignment]:
    """A proposal version's assignments, in the order they were made."""
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.proposal_id == proposal_id, Assignment.version_no == version_no)
            .order_by(Assignment.id)
        )
    )


def active_evaluators(session: Session, *, lock: bool = False) -> dict[int, Evaluator]:
    """Active evaluators by id. `lock` takes their rows FOR UPDATE (PostgreSQL) so concurrent
    assignments compute loads one after the other and `max_load` holds; SQLite serialises
    writers by itself and ignores the clause."""
    query = select(Evaluator).where(Evaluator.active.is_(True)).order_by(Evaluator.id)
    if lock:
        query = query.with_for_update()
    return {e.id: e for e in session.scalars(query)}


def loads(session: Session) -> dict[int, int]:
    """Evaluator id → assignments held. Every assignment counts, whatever its later status."""
    rows = session.execute(
        select(Assignment.evaluator_id, func.count()).group_by(Assignment.evaluator_id)
    )
    return {evaluator_id: count for evaluator_id, count in rows}


def agency_parents(session: Session) -> dict[str, str | None]:
    """Review's copy of the agency tree as code → parent code."""
    return {a.code: a.parent_code for a in session.scalars(select(ReviewAgency))}


def waiting_proposals(session: Session) -> Sequence[ReviewProposal]:
    """Proposal versions still without evaluators, oldest first."""
    return session.scalars(
        select(ReviewProposal)
        .where(ReviewProposal.status == WAITING)
        .order_by(ReviewProposal.received_at, ReviewProposal.proposal_id)
    ).all()
