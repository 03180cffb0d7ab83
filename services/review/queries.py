"""Reads the review service's application layer and pages share. No writes here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from services.review.models import (
    OPEN_REVIEW_STATES,
    WAITING,
    Assignment,
    Conflict,
    Evaluator,
    Invitation,
    ReviewAgency,
    ReviewCall,
    ReviewProposal,
)
from services.review.scoring import CallSettings
from shared.db import serialise


def assignments_of(session: Session, proposal_id: int, version_no: int) -> list[Assignment]:
    """A proposal version's assignments (released ones too), in the order they were made."""
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


ASSIGNMENT_LOCK = 0x5E1E_C7  # the advisory lock key that serialises assignments


def lock_evaluators(session: Session) -> None:
    """Serialise assignments for the rest of the transaction, so concurrent ones compute loads
    one after the other and `max_load` holds: a transaction-scoped advisory lock on PostgreSQL
    (one lock, not a row lock per evaluator); SQLite serialises writers by itself."""
    serialise(session, ASSIGNMENT_LOCK)


def call_pool(session: Session, call_id: int | None, *, lock: bool = False) -> dict[int, Evaluator]:
    """The evaluators who may review in a call: those who accepted its invitation, or every
    active evaluator while the call has invited no one."""
    everyone = active_evaluators(session, lock=lock)
    if call_id is None:
        return everyone
    rows = session.execute(
        select(Invitation.evaluator_id, Invitation.status).where(Invitation.call_id == call_id)
    ).all()
    if not rows:
        return everyone
    accepted = {evaluator_id for evaluator_id, status in rows if status == "accepted"}
    return {i: e for i, e in everyone.items() if i in accepted}


PoolRow = tuple[int, str | None, str, str, str, int]


def pool_rows(session: Session, call_id: int | None) -> list[PoolRow]:
    """The call's pool as plain rows (id, agency, topics as JSON text, expertise, kind,
    max_load), by id: cheap to read and to compare, so the vectorised pool is only rebuilt
    when one of them changed. Same membership rule as `call_pool`."""
    query = (
        select(
            Evaluator.id, Evaluator.opd_code, cast(Evaluator.topics, Text),
            Evaluator.expertise, Evaluator.kind, Evaluator.max_load,
        )
        .where(Evaluator.active.is_(True))
        .order_by(Evaluator.id)
    )  # fmt: skip
    if call_id is not None:
        invited = select(Invitation.id).where(Invitation.call_id == call_id).limit(1)
        if session.scalar(invited) is not None:
            query = query.where(
                Evaluator.id.in_(
                    select(Invitation.evaluator_id).where(
                        Invitation.call_id == call_id, Invitation.status == "accepted"
                    )
                )
            )
    return [
        (int(i), opd, topics or "[]", expertise or "", kind, int(max_load))
        for i, opd, topics, expertise, kind, max_load in session.execute(query)
    ]


def loads(session: Session, call_id: int | None = None) -> dict[int, int]:
    """Evaluator id → reviews held (not released), within `call_id` when it is given."""
    query = select(Assignment.evaluator_id, func.count()).where(Assignment.status != "released")
    if call_id is not None:
        query = query.where(Assignment.call_id == call_id)
    rows = session.execute(query.group_by(Assignment.evaluator_id))
    return {evaluator_id: count for evaluator_id, count in rows}


def agency_parents(session: Session) -> dict[str, str | None]:
    """Review's copy of the agency tree as code → parent code."""
    return {a.code: a.parent_code for a in session.scalars(select(ReviewAgency))}


def declared_conflicts(session: Session, proposal_id: int) -> set[int]:
    return set(
        session.scalars(select(Conflict.evaluator_id).where(Conflict.proposal_id == proposal_id))
    )


def waiting_proposals(session: Session) -> Sequence[ReviewProposal]:
    """Proposal versions still short of evaluators, oldest first."""
    return session.scalars(
        select(ReviewProposal)
        .where(ReviewProposal.status == WAITING)
        .order_by(ReviewProposal.received_at, ReviewProposal.proposal_id)
    ).all()


def call_settings(
    session: Session, call_id: int | None, version_no: int | None = None, default_k: int = 3
) -> CallSettings:
    """The call version's settings (the latest when `version_no` is None), or the defaults."""
    if call_id is None:
        return CallSettings(k=default_k)
    query = select(ReviewCall).where(ReviewCall.call_id == call_id)
    if version_no is not None:
        query = query.where(ReviewCall.version_no == version_no)
    row = session.scalars(query.order_by(ReviewCall.version_no.desc()).limit(1)).first()
    if row is None:
        return CallSettings(call_id=call_id, k=default_k)
    return CallSettings.from_data(
        call_id=row.call_id,
        version_no=row.version_no,
        name=row.name,
        k=row.k,
        blind=row.blind,
        scale_min=row.scale_min,
        scale_max=row.scale_max,
        aspects=row.aspects,
        review_days=row.review_days,
        settings=row.settings,
    )


def open_reviews_due_before(session: Session, moment: datetime) -> Sequence[Assignment]:
    """Reviews not yet submitted whose due date is before `moment`, soonest first."""
    return session.scalars(
        select(Assignment)
        .where(
            Assignment.status.in_(OPEN_REVIEW_STATES),
            Assignment.due_at.is_not(None),
            Assignment.due_at < moment,
        )
        .order_by(Assignment.due_at, Assignment.id)
    ).all()


def submitted_in_call(session: Session, call_id: int) -> list[Assignment]:
    """Every submitted review of a call, by proposal and version."""
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.call_id == call_id, Assignment.status == "submitted")
            .order_by(Assignment.proposal_id, Assignment.version_no, Assignment.id)
        )
    )
