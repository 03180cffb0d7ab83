"""Assignment: evaluators given to an admitted proposal version, one more after a disagreement,
released (declined, withdrawn, overdue) and replaced, reminders of due reviews, and proposals
left waiting retried.

Each function runs inside the caller's unit of work and publishes its events there, so a state
change and its events commit together or not at all.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import access, queries, snapshots
from services.review import reasons as why
from services.review.errors import NotFound, TransitionRefused
from services.review.incremental import (
    NotEnoughEvaluators,
    Pick,
    Pool,
    assign_one,
    build_pool,
    cached_pool,
)
from services.review.models import (
    ASSIGNED,
    DECIDED,
    OPEN_REVIEW_STATES,
    OUTBOX,
    SCORED,
    WAITING,
    WITHDRAWN,
    Assignment,
    Evaluator,
    ReviewProposal,
)
from services.review.problem import Reviewer
from services.review.scoring import CallSettings
from services.review.snapshots import announcement, assignee, aware, matching_proposal, snapshot
from shared.db import transition
from shared.events import ProposalAdmitted, ReviewDue, ReviewReleased
from shared.outbox import publish, utcnow
from shared.web.auth import CurrentUser

log = logging.getLogger(__name__)


def assign(session: Session, event: ProposalAdmitted, k: int) -> list[Assignment]:
    """Give the admitted proposal version its evaluators and publish `review.assigned`.

    `k` applies when review has no settings of the event's call. Idempotent: a version that
    already has assignments gets them back and nothing is published. With too few eligible
    evaluators the proposal is kept "waiting" and nothing is raised, so the event is consumed;
    `assign_waiting` tries again later.
    """
    # Lock first, so two deliveries racing on PostgreSQL see each other's assignments.
    queries.lock_evaluators(session)
    existing = queries.assignments_of(session, event.proposal_id, event.version_no)
    if existing:
        return existing
    proposal = _store(session, event)
    return fill(session, proposal, k)


def fill(
    session: Session,
    proposal: ReviewProposal,
    k_default: int,
    *,
    replacement: bool = False,
    now: datetime | None = None,
) -> list[Assignment]:
    """Assign evaluators until the version has its call's `k` open or submitted reviews.

    Evaluators once on this version (released too), declared conflicts, the team and agency
    conflicts are never chosen. Returns the new assignments; none (and "waiting") when too
    few evaluators are left.
    """
    call = queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)
    held = queries.assignments_of(session, proposal.proposal_id, proposal.version_no)
    if proposal.status == WITHDRAWN:
        return []
    need = call.k + proposal.extra_evaluators - sum(1 for a in held if a.status != "released")
    if need <= 0:
        return []
    queries.lock_evaluators(session)
    rows = queries.pool_rows(session, proposal.call_id)
    parents = queries.agency_parents(session)
    excluded = {str(a.evaluator_id) for a in held}
    excluded |= {str(i) for i in queries.declared_conflicts(session, proposal.proposal_id)}
    excluded |= {str(i) for i in proposal.team_ids or ()}
    loads = {str(i): n for i, n in queries.loads(session, proposal.call_id).items()}
    try:
        picks = assign_one(
            cached_pool(
                (tuple(rows), tuple(sorted(parents.items()))), lambda: _pool(rows, parents)
            ),
            matching_proposal(proposal),
            need,
            loads,
            excluded,
            call.composition,
            call.topic_weight,
            call.text_weight,
            call.one_per_institution,
        )
    except NotEnoughEvaluators as exc:
        proposal.status = WAITING
        log.warning("proposal %s v%s waits: %s", proposal.proposal_id, proposal.version_no, exc)
        session.flush()
        return []
    assignments = insert(session, proposal, picks, call, replacement, now or utcnow())
    proposal.status = ASSIGNED
    chosen = [session.get(Evaluator, int(p.reviewer)) for p in picks]
    publish(
        session,
        OUTBOX,
        announcement(
            proposal,
            [e for e in chosen if e is not None],
            assignments,
            blind=call.blind,
            replacement=replacement,
        ),
    )
    return assignments


def add_evaluator(
    session: Session,
    proposal_id: int,
    version_no: int,
    k_default: int = 3,
    *,
    call_id: int | None = None,
) -> list[Assignment]:
    """One more evaluator for a version (the admin's answer to a disagreement); the version is
    scored again once the extra review is in. With `call_id`, a version of another call is
    not found."""
    proposal = session.get(ReviewProposal, (proposal_id, version_no))
    if proposal is None or (call_id is not None and proposal.call_id != call_id):
        raise NotFound()
    if proposal.status not in (ASSIGNED, SCORED):
        raise TransitionRefused("review.not_open")
    extra = proposal.extra_evaluators
    if not transition(session, proposal, {"status": [proposal.status], "extra_evaluators": [extra]},
                      {"extra_evaluators": extra + 1}):  # fmt: skip
        raise TransitionRefused("review.changed_meanwhile")
    added = fill(session, proposal, k_default)
    if not added:
        raise TransitionRefused("review.no_evaluator_left")  # the whole unit of work rolls back
    proposal.status = ASSIGNED
    session.flush()
    return added


def withdraw(session: Session, proposal_id: int) -> int:
    """The innovator withdrew the proposal: every open review of it is released (reason
    `withdrawn`, no replacement); returns how many."""
    released = 0
    versions = session.scalars(
        select(ReviewProposal).where(ReviewProposal.proposal_id == proposal_id)
    ).all()
    for proposal in versions:
        if proposal.status in (SCORED, DECIDED):
            continue
        proposal.status = WITHDRAWN
        session.flush()
        for a in queries.assignments_of(session, proposal.proposal_id, proposal.version_no):
            if a.status in OPEN_REVIEW_STATES:
                release(session, a, "withdrawn")
                released += 1
    return released


def assign_waiting(session: Session, k: int) -> int:
    """Try again every proposal left waiting; returns how many got evaluators."""
    return sum(1 for proposal in queries.waiting_proposals(session) if fill(session, proposal, k))


def release(
    session: Session,
    assignment: Assignment,
    reason: str,
    k_default: int = 3,
    now: datetime | None = None,
    *,
    replace: bool = True,
) -> list[Assignment]:
    """Take an open review off its evaluator (`conflict`, `overdue`, `declined`, `admin`),
    publish `review.released`, and (unless `replace` is false) assign a replacement at once.
    Returns the replacements."""
    released = {"status": "released", "released_reason": reason, "released_at": now or utcnow()}
    if not transition(session, assignment, {"status": OPEN_REVIEW_STATES}, released):
        raise TransitionRefused("review.not_open")  # submitted or released meanwhile
    proposal = proposal_of(session, assignment)
    call = queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)
    evaluator = session.get(Evaluator, assignment.evaluator_id)
    assert evaluator is not None  # a foreign key
    publish(
        session,
        OUTBOX,
        ReviewReleased(
            review_id=assignment.id,
            proposal_id=proposal.proposal_id,
            title=snapshots.evaluator_title(proposal, call.blind),
            evaluator=assignee(evaluator),
            reason=reason,
            blind=call.blind,
            version_no=proposal.version_no,
        ),
    )
    if not replace:
        return []
    return fill(session, proposal, k_default, replacement=True, now=now)


def decline(
    session: Session, user: CurrentUser, assignment_id: int, k_default: int = 3
) -> tuple[Assignment, list[Assignment]]:
    """The evaluator declines their open review: it is released and replaced; returns it and
    its replacements."""
    assignment = access.own_assignment(session, user, assignment_id)
    return assignment, release(session, assignment, "declined", k_default)


def send_reminders(session: Session, now: datetime, k_default: int = 3) -> int:
    """`review.due` once for every open review whose due date is within its call's
    `remind_days`; returns how many were sent. The due dates live in the database."""
    sent = 0
    horizon = now + timedelta(days=30)
    for assignment in queries.open_reviews_due_before(session, horizon):
        due = aware(assignment.due_at) if assignment.due_at else None
        if assignment.reminded_at is not None or due is None or due <= now:
            continue
        proposal = proposal_of(session, assignment)
        call = queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)
        if due - now > timedelta(days=call.remind_days):
            continue
        evaluator = session.get(Evaluator, assignment.evaluator_id)
        assert evaluator is not None
        publish(
            session,
            OUTBOX,
            ReviewDue(
                review_id=assignment.id,
                proposal_id=proposal.proposal_id,
                title=snapshots.evaluator_title(proposal, call.blind),
                evaluator=assignee(evaluator),
                due_at=due,
                overdue=False,
                blind=call.blind,
            ),
        )
        assignment.reminded_at = now
        sent += 1
    session.flush()
    return sent


def release_overdue(session: Session, now: datetime, k_default: int = 3) -> int:
    """Release every open review past its due date (reason `overdue`) and assign the next best
    evaluator; returns how many were released."""
    released = 0
    for assignment in list(queries.open_reviews_due_before(session, now)):
        try:
            with session.begin_nested():  # a review submitted meanwhile stays submitted
                release(session, assignment, "overdue", k_default, now=now)
        except TransitionRefused:
            continue
        released += 1
    return released


def insert(
    session: Session,
    proposal: ReviewProposal,
    picks: Sequence[Pick],
    call: CallSettings,
    replacement: bool,
    now: datetime,
) -> list[Assignment]:
    """Store the picked evaluators' assignments of a version, due after the call's days."""
    assignments = [
        Assignment(
            proposal_id=proposal.proposal_id,
            version_no=proposal.version_no,
            evaluator_id=int(p.reviewer),
            status="assigned",
            assigned_at=now,
            load_at_assignment=p.load,
            reason=why.encode(p.reasons),
            call_id=proposal.call_id,
            due_at=now + timedelta(days=call.review_days),
            replacement=replacement,
            scores={},
        )
        for p in picks
    ]
    session.add_all(assignments)
    session.flush()
    return assignments


def proposal_of(session: Session, assignment: Assignment) -> ReviewProposal:
    """The proposal version an assignment belongs to."""
    proposal = session.get(ReviewProposal, (assignment.proposal_id, assignment.version_no))
    assert proposal is not None  # a foreign key
    return proposal


def _pool(rows: Sequence[queries.PoolRow], parents: Mapping[str, str | None]) -> Pool:
    reviewers = [
        Reviewer(str(i), opd, tuple(json.loads(topics)), expertise, kind, 0, max_load, opd)
        for i, opd, topics, expertise, kind, max_load in rows
    ]
    return build_pool(reviewers, parents)


def _store(session: Session, event: ProposalAdmitted) -> ReviewProposal:
    proposal = session.get(ReviewProposal, (event.proposal_id, event.version_no))
    if proposal is None:
        proposal = ReviewProposal(received_at=utcnow(), status=WAITING)
        session.add(proposal)
    snapshot(proposal, event)
    session.flush()
    return proposal
