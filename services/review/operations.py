"""Every state change of the review service: one function per verb, events through the outbox."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import queries
from services.review.assignment import Candidate, Choice, NotEnoughEvaluators, choose_evaluators
from services.review.models import (
    ASSIGNED,
    EVALUATOR_KINDS,
    OUTBOX,
    WAITING,
    Assignment,
    Evaluator,
    ReviewAgency,
    ReviewProposal,
)
from services.review.snapshots import announcement, resubmission, snapshot
from shared.events import ProposalAdmitted
from shared.outbox import publish, utcnow

log = logging.getLogger(__name__)


class AgencyLike(Protocol):
    """What `sync_agencies` reads from a row (shared `AgencyRow` or identity's `Agency`)."""

    @property
    def code(self) -> str: ...

    @property
    def parent_code(self) -> str | None: ...


def upsert_evaluator(
    session: Session,
    *,
    id: int,  # the identity user id, named as the column is
    name: str,
    email: str,
    kind: str,
    opd_code: str | None = None,
    language: str = "id",
    max_load: int = 10,
    active: bool = True,
) -> Evaluator:
    """Create or update the evaluator whose identity user id is `id`."""
    if kind not in EVALUATOR_KINDS:
        raise ValueError(f"jenis evaluator tidak dikenal / unknown evaluator kind: {kind!r}")
    if max_load < 0:
        raise ValueError(f"beban maksimum negatif / max_load must not be negative: {max_load}")
    evaluator = session.get(Evaluator, id)
    if evaluator is None:
        evaluator = Evaluator(id=id)
        session.add(evaluator)
    evaluator.name, evaluator.email, evaluator.kind = name, email, kind
    evaluator.opd_code, evaluator.language = opd_code, language
    evaluator.max_load, evaluator.active = max_load, active
    session.flush()
    return evaluator


def sync_agencies(session: Session, rows: Iterable[AgencyLike]) -> int:
    """Add or update review's copy of the agency tree; returns how many rows changed.

    Never deletes: an agency gone from identity may still be some evaluator's home agency.
    """
    known = {a.code: a for a in session.scalars(select(ReviewAgency))}
    changed = 0
    for row in rows:
        agency = known.get(row.code)
        if agency is None:
            agency = known[row.code] = ReviewAgency(code=row.code)
            session.add(agency)
        elif agency.parent_code == row.parent_code:
            continue
        agency.parent_code = row.parent_code
        changed += 1
    session.flush()
    return changed


def assign(
    session: Session, event: ProposalAdmitted, k: int, correlation_id: str | None = None
) -> list[Assignment]:
    """Assign `k` evaluators to the submitted proposal version and publish `review.assigned`.

    Idempotent: a version that already has assignments gets them back and nothing is published.
    With too few eligible evaluators the proposal is kept "waiting" and nothing is raised, so
    the event is consumed; `assign_waiting` tries again later.
    """
    # Lock first, so two deliveries racing on PostgreSQL see each other's assignments.
    pool = queries.active_evaluators(session, lock=True)
    existing = queries.assignments_of(session, event.proposal_id, event.version_no)
    if existing:
        return existing
    proposal = _store(session, event)
    candidates = [Candidate(e.id, e.opd_code, e.max_load) for e in pool.values()]
    try:
        choices = choose_evaluators(
            proposal.opd_code,
            candidates,
            queries.loads(session),
            queries.agency_parents(session),
            k,
        )
    except NotEnoughEvaluators as exc:
        proposal.status = WAITING
        log.warning("proposal %s v%s waits: %s", event.proposal_id, event.version_no, exc)
        session.flush()
        return []
    assignments = _insert(session, proposal, choices)
    proposal.status = ASSIGNED
    chosen = [pool[c.evaluator_id] for c in choices]
    publish(session, OUTBOX, announcement(event, chosen), correlation_id)
    return assignments


def assign_waiting(session: Session, k: int) -> int:
    """Try again every proposal left waiting; returns how many are now assigned."""
    waiting = queries.waiting_proposals(session)
    return sum(1 for proposal in waiting if assign(session, resubmission(proposal), k))


def _store(session: Session, event: ProposalAdmitted) -> ReviewProposal:
    proposal = session.get(ReviewProposal, (event.proposal_id, event.version_no))
    if proposal is None:
        proposal = ReviewProposal(received_at=utcnow(), status=WAITING)
        session.add(proposal)
    snapshot(proposal, event)
    session.flush()
    return proposal


def _insert(
    session: Session, proposal: ReviewProposal, choices: Sequence[Choice]
) -> list[Assignment]:
    now = utcnow()
    assignments = [
        Assignment(
            proposal_id=proposal.proposal_id,
            version_no=proposal.version_no,
            evaluator_id=c.evaluator_id,
            status="assigned",
            assigned_at=now,
            load_at_assignment=c.load,
            reason=c.reason,
        )
        for c in choices
    ]
    session.add_all(assignments)
    session.flush()
    return assignments
