"""Every state change of the review service: one function per verb, events through the outbox.

Each function runs inside the caller's transaction and publishes its events there, so a state
change and its events commit together or not at all.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import queries
from services.review.incremental import (
    NotEnoughEvaluators,
    Pick,
    Pool,
    assign_one,
    build_pool,
    cached_pool,
)
from services.review.matching import Reviewer
from services.review.models import (
    ASSIGNED,
    DECIDED,
    DECISIONS,
    EVALUATOR_KINDS,
    OPEN_REVIEW_STATES,
    OUTBOX,
    SCORED,
    WAITING,
    WITHDRAWN,
    Assignment,
    Conflict,
    Evaluator,
    Invitation,
    ReviewAgency,
    ReviewCall,
    ReviewProposal,
)
from services.review.scoring import (
    CallSettings,
    aggregate,
    calibration,
    check_scores,
    rank,
    weighted_total,
)
from services.review.snapshots import (
    announcement,
    assignee,
    aware,
    innovator,
    matching_proposal,
    snapshot,
)
from shared.events import (
    AspectScore,
    CallPublished,
    DecisionMade,
    EvaluatorInvited,
    Person,
    ProposalAdmitted,
    ProposalScored,
    ReviewDue,
    ReviewReleased,
    ReviewSubmitted,
)
from shared.outbox import publish, utcnow

log = logging.getLogger(__name__)


class ReviewStateError(ValueError):
    """The action does not fit the object's state; `key` is the message to show."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values: dict[str, Any] = values


class AgencyLike(Protocol):
    """What `sync_agencies` reads from a row (shared `AgencyRow` or identity's `Agency`)."""

    @property
    def code(self) -> str: ...

    @property
    def parent_code(self) -> str | None: ...


# --- the registry -------------------------------------------------------------------------------


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
    min_load: int = 0,
    active: bool = True,
    topics: Sequence[str] = (),
    expertise: str = "",
) -> Evaluator:
    """Create or update the evaluator whose identity user id is `id`."""
    if kind not in EVALUATOR_KINDS:
        raise ValueError(f"jenis evaluator tidak dikenal / unknown evaluator kind: {kind!r}")
    if max_load < 0 or min_load < 0 or min_load > max_load:
        raise ValueError(
            f"beban tidak sah / invalid loads: min {min_load}, max {max_load} (0 ≤ min ≤ max)"
        )
    evaluator = session.get(Evaluator, id)
    if evaluator is None:
        evaluator = Evaluator(id=id)
        session.add(evaluator)
    evaluator.name, evaluator.email, evaluator.kind = name, email, kind
    evaluator.opd_code, evaluator.language = opd_code, language
    evaluator.max_load, evaluator.min_load, evaluator.active = max_load, min_load, active
    evaluator.topics, evaluator.expertise = [str(t) for t in topics], expertise
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


def record_call(session: Session, event: CallPublished) -> ReviewCall:
    """Store one version of a call's settings (idempotent per call and version)."""
    row = session.get(ReviewCall, (event.call_id, event.version_no))
    if row is None:
        row = ReviewCall(call_id=event.call_id, version_no=event.version_no)
        session.add(row)
    row.name, row.k, row.blind = event.call_name, event.evaluators_per_proposal, event.blind
    row.scale_min, row.scale_max = event.scale_min, event.scale_max
    row.aspects = [{"key": a.key, "title": a.title, "weight": a.weight} for a in event.aspects]
    row.review_days, row.settings = event.review_days, dict(event.settings)
    row.received_at = utcnow()
    session.flush()
    return row


def invite(
    session: Session, call_id: int, evaluator_ids: Sequence[int], correlation_id: str | None = None
) -> list[Invitation]:
    """Invite evaluators to a call (publishes `evaluator.invited`); an invitation already
    answered or sent is left as it is."""
    call = queries.call_settings(session, call_id)
    if call.version_no == 0:
        raise ReviewStateError("review.call_unknown", call_id=call_id)
    invitations = []
    for evaluator_id in evaluator_ids:
        evaluator = session.get(Evaluator, evaluator_id)
        if evaluator is None:
            raise ReviewStateError("review.evaluator_unknown", evaluator_id=evaluator_id)
        existing = session.scalars(
            select(Invitation).where(
                Invitation.call_id == call_id, Invitation.evaluator_id == evaluator_id
            )
        ).first()
        if existing is not None:
            invitations.append(existing)
            continue
        invitation = Invitation(call_id=call_id, evaluator_id=evaluator_id, invited_at=utcnow())
        session.add(invitation)
        session.flush()
        invitations.append(invitation)
        publish(
            session,
            OUTBOX,
            EvaluatorInvited(
                invitation_id=invitation.id,
                call_id=call_id,
                call_name=call.name,
                evaluator=Person(
                    id=evaluator.id,
                    name=evaluator.name,
                    email=evaluator.email,
                    language=evaluator.language,
                ),
                accept_path=f"/review/invitations/{invitation.id}",
            ),
            correlation_id,
        )
    return invitations


def answer_invitation(
    session: Session, invitation: Invitation, accept: bool, k_default: int = 3
) -> Invitation:
    """Accept or decline; accepting may give proposals left waiting their evaluators."""
    if invitation.status != "invited":
        raise ReviewStateError("review.invitation_answered")
    invitation.status = "accepted" if accept else "declined"
    invitation.answered_at = utcnow()
    session.flush()
    if accept:
        assign_waiting(session, k_default)
    return invitation


# --- assignment ---------------------------------------------------------------------------------


def assign(
    session: Session, event: ProposalAdmitted, k: int, correlation_id: str | None = None
) -> list[Assignment]:
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
    return fill(session, proposal, k, correlation_id)


def fill(
    session: Session,
    proposal: ReviewProposal,
    k_default: int,
    correlation_id: str | None = None,
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
    assignments = _insert(session, proposal, picks, call, replacement, now or utcnow())
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
        correlation_id,
    )
    return assignments


def add_evaluator(
    session: Session,
    proposal: ReviewProposal,
    k_default: int = 3,
    correlation_id: str | None = None,
) -> list[Assignment]:
    """One more evaluator for a version (the admin's answer to a disagreement); the version is
    scored again once the extra review is in."""
    if proposal.status not in (ASSIGNED, SCORED):
        raise ReviewStateError("review.not_open")
    proposal.extra_evaluators += 1
    added = fill(session, proposal, k_default, correlation_id)
    if not added:
        proposal.extra_evaluators -= 1
        raise ReviewStateError("review.no_evaluator_left")
    proposal.status = ASSIGNED
    session.flush()
    return added


def withdraw(session: Session, proposal_id: int, correlation_id: str | None = None) -> int:
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
                release(session, a, "withdrawn", correlation_id=correlation_id)
                released += 1
    return released


def _pool(rows: Sequence[queries.PoolRow], parents: Mapping[str, str | None]) -> Pool:
    reviewers = [
        Reviewer(str(i), opd, tuple(json.loads(topics)), expertise, kind, 0, max_load, opd)
        for i, opd, topics, expertise, kind, max_load in rows
    ]
    return build_pool(reviewers, parents)


def assign_waiting(session: Session, k: int) -> int:
    """Try again every proposal left waiting; returns how many got evaluators."""
    return sum(1 for proposal in queries.waiting_proposals(session) if fill(session, proposal, k))


def _store(session: Session, event: ProposalAdmitted) -> ReviewProposal:
    proposal = session.get(ReviewProposal, (event.proposal_id, event.version_no))
    if proposal is None:
        proposal = ReviewProposal(received_at=utcnow(), status=WAITING)
        session.add(proposal)
    snapshot(proposal, event)
    session.flush()
    return proposal


def _insert(
    session: Session,
    proposal: ReviewProposal,
    picks: Sequence[Pick],
    call: CallSettings,
    replacement: bool,
    now: datetime,
) -> list[Assignment]:
    assignments = [
        Assignment(
            proposal_id=proposal.proposal_id,
            version_no=proposal.version_no,
            evaluator_id=int(p.reviewer),
            status="assigned",
            assigned_at=now,
            load_at_assignment=p.load,
            reason="; ".join(p.reasons),
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


def release(
    session: Session,
    assignment: Assignment,
    reason: str,
    k_default: int = 3,
    correlation_id: str | None = None,
    now: datetime | None = None,
    *,
    replace: bool = True,
) -> list[Assignment]:
    """Take an open review off its evaluator (`conflict`, `overdue`, `declined`, `admin`),
    publish `review.released`, and (unless `replace` is false) assign a replacement at once.
    Returns the replacements."""
    if assignment.status not in OPEN_REVIEW_STATES:
        raise ReviewStateError("review.not_open")
    proposal = _proposal(session, assignment)
    call = queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)
    assignment.status, assignment.released_reason = "released", reason
    assignment.released_at = now or utcnow()
    session.flush()
    evaluator = session.get(Evaluator, assignment.evaluator_id)
    assert evaluator is not None  # a foreign key
    publish(
        session,
        OUTBOX,
        ReviewReleased(
            review_id=assignment.id,
            proposal_id=proposal.proposal_id,
            title=proposal.title,
            evaluator=assignee(evaluator),
            reason=reason,
            blind=call.blind,
        ),
        correlation_id,
    )
    if not replace:
        return []
    return fill(session, proposal, k_default, correlation_id, replacement=True, now=now)


def declare_conflict(
    session: Session,
    assignment: Assignment,
    reason: str,
    *,
    source: str = "evaluator",
    k_default: int = 3,
    correlation_id: str | None = None,
) -> list[Assignment]:
    """The evaluator (or the admin) declares a conflict on an open review: it is recorded
    with its reason, the review is released and a replacement is assigned."""
    reason = reason.strip()
    if not reason:
        raise ReviewStateError("review.reason_required")
    if assignment.status not in OPEN_REVIEW_STATES:
        raise ReviewStateError("review.not_open")
    session.add(
        Conflict(
            proposal_id=assignment.proposal_id,
            evaluator_id=assignment.evaluator_id,
            source=source,
            reason=reason[:2000],
            declared_at=utcnow(),
        )
    )
    session.flush()
    return release(session, assignment, "conflict", k_default, correlation_id)


def declare_admin_conflict(
    session: Session,
    proposal_id: int,
    evaluator_id: int,
    reason: str,
    k_default: int = 3,
    correlation_id: str | None = None,
) -> int:
    """The admin records a conflict between an evaluator and a proposal (every version): the
    evaluator is never assigned to it, and open reviews of it are released and replaced.
    Returns how many reviews were released."""
    reason = reason.strip()
    if not reason:
        raise ReviewStateError("review.reason_required")
    if session.get(Evaluator, evaluator_id) is None:
        raise ReviewStateError("review.evaluator_unknown", evaluator_id=evaluator_id)
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
        release(session, assignment, "conflict", k_default, correlation_id)
    return len(held)


# --- reviewing ----------------------------------------------------------------------------------


def save_review(
    session: Session,
    assignment: Assignment,
    scores: Mapping[str, Mapping[str, Any]],
    *,
    submit: bool,
    k_default: int = 3,
    correlation_id: str | None = None,
) -> Assignment:
    """Save a draft, or submit (publishes `review.submitted`; the last review of a version
    also aggregates it and publishes `proposal.scored`). Raises `ScoreError` on bad scores,
    with nothing stored."""
    if assignment.status not in OPEN_REVIEW_STATES:
        raise ReviewStateError("review.not_open")
    proposal = _proposal(session, assignment)
    call = queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)
    saved: dict[str, Mapping[str, Any]] = {
        k: v for k, v in (assignment.scores or {}).items() if isinstance(v, Mapping)
    }
    merged = dict(scores) if submit else {**saved, **scores}
    checked = check_scores(call, merged, complete=submit)
    assignment.scores = {a.key: {"score": a.score, "comment": a.comment} for a in checked}
    if not submit:
        assignment.status = "draft"
        session.flush()
        return assignment
    now = utcnow()
    assignment.status, assignment.submitted_at = "submitted", now
    assignment.total = weighted_total(call, checked)
    session.flush()
    evaluator = session.get(Evaluator, assignment.evaluator_id)
    assert evaluator is not None
    publish(
        session,
        OUTBOX,
        ReviewSubmitted(
            review_id=assignment.id,
            proposal_id=proposal.proposal_id,
            version_no=proposal.version_no,
            title=proposal.title,
            evaluator=assignee(evaluator),
            call_id=proposal.call_id,
            blind=call.blind,
            scale_min=call.scale_min,
            scale_max=call.scale_max,
            scores=tuple(
                AspectScore(
                    key=a.key, title=a.title, weight=a.weight, score=a.score, comment=a.comment
                )
                for a in checked
            ),
            total=assignment.total,
            submitted_at=now,
        ),
        correlation_id,
    )
    _score_if_complete(session, proposal, call, correlation_id)
    return assignment


def _score_if_complete(
    session: Session, proposal: ReviewProposal, call: CallSettings, correlation_id: str | None
) -> None:
    held = [
        a
        for a in queries.assignments_of(session, proposal.proposal_id, proposal.version_no)
        if a.status != "released"
    ]
    done = [a for a in held if a.status == "submitted" and a.total is not None]
    if len(done) < call.k or len(done) < len(held):
        return
    z = calibrated_scores(session, proposal.call_id)
    result = aggregate(
        call,
        [a.total for a in done if a.total is not None],
        [z.get(a.id, 0.0) for a in done],
    )
    proposal.mean, proposal.median = result.mean, result.median
    proposal.calibrated, proposal.disagreement = result.calibrated, result.disagreement
    proposal.status = SCORED
    session.flush()
    publish(
        session,
        OUTBOX,
        ProposalScored(
            proposal_id=proposal.proposal_id,
            version_no=proposal.version_no,
            title=proposal.title,
            mean=result.mean,
            median=result.median,
            reviews=result.reviews,
            disagreement=result.disagreement,
        ),
        correlation_id,
    )


def calibrated_scores(session: Session, call_id: int | None) -> dict[int, float]:
    """Review id → its total standardised within its evaluator's submitted totals in the call."""
    rows = session.execute(
        select(Assignment.id, Assignment.evaluator_id, Assignment.total).where(
            Assignment.status == "submitted",
            Assignment.total.is_not(None),
            Assignment.call_id.is_(None) if call_id is None else Assignment.call_id == call_id,
        )
    ).all()
    z = calibration([(e, str(i), float(t or 0.0)) for i, e, t in rows])
    return {int(key): value for (_, key), value in z.items()}


@dataclass(frozen=True)
class RankingRow:
    proposal_id: int
    version_no: int
    title: str
    category: str
    group: str
    rank: int  # within the category
    group_rank: int  # within the group, across categories
    mean: float
    median: float
    calibrated: float
    disagreement: bool
    decision: str | None


def ranking(session: Session, call_id: int) -> list[RankingRow]:
    """Scored (and decided) proposals of a call ranked per category and per group, by mean
    then calibrated score; calibration recomputed from every review submitted so far."""
    proposals = session.scalars(
        select(ReviewProposal).where(
            ReviewProposal.call_id == call_id, ReviewProposal.status.in_((SCORED, DECIDED))
        )
    ).all()
    z = calibrated_scores(session, call_id)
    by_key = {(p.proposal_id, p.version_no): p for p in proposals}
    calibrated: dict[tuple[int, int], float] = {}
    for key, p in by_key.items():
        values = [
            z.get(a.id, 0.0)
            for a in queries.assignments_of(session, p.proposal_id, p.version_no)
            if a.status == "submitted"
        ]
        calibrated[key] = round(sum(values) / len(values), 4) if values else 0.0
    by_category = rank(
        [(pid, ver, p.category, p.mean or 0.0, calibrated[(pid, ver)])
         for (pid, ver), p in by_key.items()]
    )  # fmt: skip
    by_group = {
        (r.proposal_id, r.version_no): r.rank
        for r in rank(
            [(pid, ver, p.group_name, p.mean or 0.0, calibrated[(pid, ver)])
             for (pid, ver), p in by_key.items()]
        )
    }  # fmt: skip
    rows = []
    for r in by_category:
        p = by_key[(r.proposal_id, r.version_no)]
        rows.append(
            RankingRow(
                r.proposal_id, r.version_no, p.title, r.category, p.group_name or "", r.rank,
                by_group[(r.proposal_id, r.version_no)], r.mean, p.median or 0.0, r.calibrated,
                p.disagreement, p.decision,
            )
        )  # fmt: skip
    return rows


def decide(
    session: Session,
    decisions: Sequence[tuple[int, int, str]],
    correlation_id: str | None = None,
) -> list[ReviewProposal]:
    """Decide scored proposals in bulk: (proposal, version, finalist|not_selected|winner);
    each publishes `decision.made`. All or nothing: one bad line refuses the lot."""
    rows = []
    for proposal_id, version_no, decision in decisions:
        if decision not in DECISIONS:
            raise ReviewStateError("review.decision_unknown", decision=decision)
        proposal = session.get(ReviewProposal, (proposal_id, version_no))
        if proposal is None:
            raise ReviewStateError("review.proposal_unknown", proposal_id=proposal_id)
        if proposal.status not in (SCORED, DECIDED):
            raise ReviewStateError("review.not_scored", proposal_id=proposal_id)
        rows.append((proposal, decision))
    places: dict[tuple[int, int], int] = {}
    for call_id in {p.call_id for p, _ in rows if p.call_id is not None}:
        places |= {(r.proposal_id, r.version_no): r.rank for r in ranking(session, call_id)}
    now = utcnow()
    for proposal, decision in rows:
        proposal.decision, proposal.decided_at, proposal.status = decision, now, DECIDED
        publish(
            session,
            OUTBOX,
            DecisionMade(
                proposal_id=proposal.proposal_id,
                version_no=proposal.version_no,
                title=proposal.title,
                innovator=innovator(proposal),
                opd_code=proposal.opd_code,
                opd_name=proposal.opd_name,
                call_id=proposal.call_id,
                decision=decision,
                rank=places.get((proposal.proposal_id, proposal.version_no)),
                score=proposal.mean,
                decided_at=now,
            ),
            correlation_id,
        )
    session.flush()
    return [p for p, _ in rows]


# --- the beat: reminders and overdue reviews ----------------------------------------------------


def send_reminders(session: Session, now: datetime, k_default: int = 3) -> int:
    """`review.due` once for every open review whose due date is within its call's
    `remind_days`; returns how many were sent. The due dates live in the database."""
    sent = 0
    horizon = now + timedelta(days=30)
    for assignment in queries.open_reviews_due_before(session, horizon):
        due = aware(assignment.due_at) if assignment.due_at else None
        if assignment.reminded_at is not None or due is None or due <= now:
            continue
        proposal = _proposal(session, assignment)
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
                title=proposal.title,
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
    overdue = list(queries.open_reviews_due_before(session, now))
    for assignment in overdue:
        release(session, assignment, "overdue", k_default, now=now)
    return len(overdue)


def _proposal(session: Session, assignment: Assignment) -> ReviewProposal:
    proposal = session.get(ReviewProposal, (assignment.proposal_id, assignment.version_no))
    assert proposal is not None  # a foreign key
    return proposal
