"""The reviews in figures for the admin's dashboard, per call: reviews done of those held,
those past their due date, and the disagreements still waiting for the admin's decision.
Counted here (pure), queried in `figures()`, served as JSON and as the dashboard's card (a
fragment the console's page frames: the console never reads this service's tables)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from flask import Blueprint, Response, jsonify, render_template
from pydantic import BaseModel
from sqlalchemy import select

from services.review import bootstrap
from services.review.models import (
    OPEN_REVIEW_STATES,
    SCORED,
    Assignment,
    ReviewCall,
    ReviewProposal,
)
from shared.outbox import utcnow
from shared.web.auth import api_login_required, page_login_required, require_role, require_user
from shared.web.fragments import fragment
from shared.web.openapi import documented

bp = Blueprint("review_summary", __name__)
SHOWN = 2  # calls on the card, the newest first; the review admin lists them all


@dataclass(frozen=True)
class CallReviews:
    call_id: int | None  # None: proposals sent in outside any call
    name: str
    held: int  # reviews assigned and not released
    done: int  # submitted
    overdue: int  # still open past their due date
    disagreements: int  # scored proposals whose reviews disagree, with no decision yet


def per_call(
    assignments: Iterable[tuple[int | None, str, datetime | None]],
    disagreeing: Iterable[tuple[int | None, int]],
    names: dict[int, str],
    now: datetime,
) -> list[CallReviews]:
    """(call, status, due) of every assignment and (call, proposal) of every scored, undecided,
    disagreeing proposal → one line per call, the newest call first, then the proposals outside
    any call (call None, no name)."""
    held: dict[int | None, list[int]] = {}
    for call_id, status, due in assignments:
        if not (status == "submitted" or status in OPEN_REVIEW_STATES):
            continue
        line = held.setdefault(call_id, [0, 0, 0])
        line[0] += 1
        line[1] += status == "submitted"
        line[2] += status in OPEN_REVIEW_STATES and due is not None and due < now
    unsettled: dict[int | None, set[int]] = {}
    for call_id, proposal_id in disagreeing:
        unsettled.setdefault(call_id, set()).add(proposal_id)
    lines = []
    for c in sorted(set(held) | set(unsettled), key=lambda c: (c is None, -(c or 0))):
        count, done, late = held.get(c, [0, 0, 0])
        name = "" if c is None else names.get(c, str(c))
        lines.append(CallReviews(c, name, count, done, late, len(unsettled.get(c, ()))))
    return lines


def figures() -> list[CallReviews]:
    with bootstrap.session() as session:
        assignments = session.execute(
            select(Assignment.call_id, Assignment.status, Assignment.due_at)
        ).all()
        disagreeing = session.execute(
            select(ReviewProposal.call_id, ReviewProposal.proposal_id).where(
                ReviewProposal.disagreement.is_(True),
                ReviewProposal.decision.is_(None),
                ReviewProposal.status == SCORED,
            )
        ).all()
        calls = session.execute(
            select(ReviewCall.call_id, ReviewCall.name).order_by(ReviewCall.version_no)
        ).all()
    names = {c.call_id: c.name for c in calls}  # the newest version's name wins
    return per_call(
        ((a.call_id, a.status, a.due_at) for a in assignments),
        ((d.call_id, d.proposal_id) for d in disagreeing), names, utcnow(),
    )  # fmt: skip


class CallReviewsOut(BaseModel):
    call_id: int | None  # null: proposals sent in outside any call
    name: str
    held: int
    done: int
    overdue: int
    disagreements: int


@bp.get("/api/v1/review/admin/summary")
@api_login_required
@documented("The reviews in figures per call, the newest first: held, done, overdue, and "
            "disagreements still waiting for a decision (admin)",
            tags=("review",), responses={200: list[CallReviewsOut]})  # fmt: skip
def summary_api() -> Response:
    require_role(require_user(), "admin")
    return jsonify([asdict(line) for line in figures()])


@bp.get("/review/admin/summary")
@page_login_required
def summary_card() -> Response:
    """The dashboard's card of reviews, framed by the console's page."""
    require_role(require_user(), "admin")
    lines = figures()
    return fragment(render_template("review/admin/summary_card.html", lines=lines[:SHOWN],
                                    more=max(len(lines) - SHOWN, 0)))  # fmt: skip
