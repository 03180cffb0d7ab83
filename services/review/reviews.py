"""Reviews: the evaluator's queue, a review read, saved and submitted, the version aggregated
once its last review is in, calibration and the call's ranking.

Each function runs inside the caller's unit of work and publishes its events there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import access, queries, snapshots
from services.review.assignment import proposal_of
from services.review.errors import Invalid, TransitionRefused
from services.review.models import (
    DECIDED,
    OPEN_REVIEW_STATES,
    OUTBOX,
    SCORED,
    WITHDRAWN,
    Assignment,
    Evaluator,
    ReviewProposal,
)
from services.review.scoring import (
    CallSettings,
    ScoreError,
    aggregate,
    aspect_columns,
    calibration,
    check_scores,
    rank,
    weighted_total,
)
from services.review.snapshots import assignee, aware
from shared.calibration import calibrated as calibrated_on_scale
from shared.db import transition
from shared.events import AspectScore, ProposalScored, ReviewSubmitted
from shared.outbox import publish, utcnow
from shared.web.auth import CurrentUser
from shared.web.paging import Page, Window, paginate


@dataclass(frozen=True)
class QueueRow:
    """One line of the evaluator's queue."""

    id: int
    proposal_id: int
    version_no: int
    title: str
    evaluator_id: int
    status: str
    assigned_at: datetime
    due_at: datetime | None
    category: str | None = None


def queue(
    session: Session, user: CurrentUser, window: Window, *, clamp: bool = True
) -> Page[QueueRow]:
    """One page of the evaluator's own reviews not released, newest first; of every review
    for the staff."""
    access.require(user, "evaluator", *access.STAFF)
    query = (
        select(Assignment, ReviewProposal)
        .join(
            ReviewProposal,
            (ReviewProposal.proposal_id == Assignment.proposal_id)
            & (ReviewProposal.version_no == Assignment.version_no),
        )
        .order_by(Assignment.assigned_at.desc(), Assignment.id.desc())
    )
    if user.role == "evaluator":
        query = query.where(Assignment.evaluator_id == user.id, Assignment.status != "released")
    found = paginate(session, query, window, clamp=clamp, scalars=False)
    return found.map(
        lambda row: QueueRow(
            id=row[0].id,
            proposal_id=row[0].proposal_id,
            version_no=row[0].version_no,
            title=_title_for(session, user, row[1]),
            evaluator_id=row[0].evaluator_id,
            status=row[0].status,
            assigned_at=aware(row[0].assigned_at),
            due_at=aware(row[0].due_at) if row[0].due_at else None,
            category=row[1].category,
        )
    )


def _title_for(session: Session, user: CurrentUser, proposal: ReviewProposal) -> str:
    """The title as `user` may read it (names masked when blind; the call's blind flag does
    not depend on k)."""
    if access.hides_names(user, proposal, access.settings_of(session, proposal, 3)):
        return snapshots.blind_masker(proposal).text(proposal.title)
    return proposal.title


def read(session: Session, user: CurrentUser, assignment_id: int, k_default: int) -> dict[str, Any]:
    """One review as `user` may read it: the proposal (names hidden when blind), the rubric,
    the saved scores."""
    assignment = access.readable_assignment(session, user, assignment_id)
    return access.assignment_view(session, user, assignment, k_default)


def others(
    session: Session, user: CurrentUser, proposal_id: int, version_no: int
) -> list[dict[str, Any]]:
    """Submitted reviews of a version; an evaluator sees them only after submitting theirs."""
    return access.other_reviews(session, user, proposal_id, version_no)


def save(
    session: Session,
    user: CurrentUser,
    assignment_id: int,
    scores: Mapping[str, Mapping[str, Any]],
    *,
    submit: bool,
    k_default: int = 3,
) -> Assignment:
    """The evaluator saves a draft of their review, or submits it (publishes `review.submitted`;
    the last review of a version also aggregates it and publishes `proposal.scored`). Bad
    scores are `Invalid` with a problem per aspect, and nothing is stored."""
    assignment = access.own_assignment(session, user, assignment_id)
    if assignment.status not in OPEN_REVIEW_STATES:
        raise TransitionRefused("review.not_open")
    proposal = proposal_of(session, assignment)
    call = queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)
    saved: dict[str, Mapping[str, Any]] = {
        k: v for k, v in (assignment.scores or {}).items() if isinstance(v, Mapping)
    }
    merged = dict(scores) if submit else {**saved, **scores}
    try:
        checked = check_scores(call, merged, complete=submit)
    except ScoreError as exc:
        raise Invalid("error.validation", exc.fields) from exc
    stored = {a.key: {"score": a.score, "comment": a.comment} for a in checked}
    now = utcnow()
    values = (
        {"status": "submitted", "submitted_at": now, "total": weighted_total(call, checked)}
        if submit
        else {"status": "draft"}
    )
    if not transition(session, assignment, {"status": OPEN_REVIEW_STATES},
                      {"scores": stored, **values}):  # fmt: skip
        raise TransitionRefused("review.not_open")  # released or submitted meanwhile
    if not submit:
        return assignment
    evaluator = session.get(Evaluator, assignment.evaluator_id)
    assert evaluator is not None
    publish(
        session,
        OUTBOX,
        ReviewSubmitted(
            review_id=assignment.id,
            proposal_id=proposal.proposal_id,
            version_no=proposal.version_no,
            title=snapshots.evaluator_title(proposal, call.blind),  # the evaluator's sheet
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
    )
    _score_if_complete(session, proposal, call)
    return assignment


def _score_if_complete(session: Session, proposal: ReviewProposal, call: CallSettings) -> None:
    # The version's row, locked and read again: two last reviews submitted at once are counted
    # one after the other, so the version is scored once, not never (nor twice).
    session.refresh(proposal, with_for_update=True)
    if proposal.status in (SCORED, DECIDED, WITHDRAWN):
        return
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
        aspect_columns(call, [a.scores or {} for a in done]),
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
    """One scored proposal in the call's ranking."""

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
    then calibrated score; the calibrated score (`shared.calibration`, as the recap PDF's) from
    every review submitted in the call so far."""
    proposals = session.execute(  # the columns it shows, not whole rows: thousands are read
        select(ReviewProposal.proposal_id, ReviewProposal.version_no, ReviewProposal.title,
               ReviewProposal.category, ReviewProposal.group_name, ReviewProposal.mean,
               ReviewProposal.median, ReviewProposal.disagreement, ReviewProposal.decision)
        .where(ReviewProposal.call_id == call_id, ReviewProposal.status.in_((SCORED, DECIDED)))
    ).all()  # fmt: skip
    by_key = {(p.proposal_id, p.version_no): p for p in proposals}
    reviewed = session.execute(
        select(Assignment.proposal_id, Assignment.version_no, Assignment.evaluator_id,
               Assignment.total)
        .where(Assignment.call_id == call_id, Assignment.status == "submitted",
               Assignment.total.is_not(None))
    ).all()  # fmt: skip
    on_scale = calibrated_on_scale(((p, v), e, float(t or 0.0)) for p, v, e, t in reviewed)
    calibrated = {key: round(on_scale.get(key, 0.0), 2) for key in by_key}
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
