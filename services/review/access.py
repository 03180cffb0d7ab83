"""Who may see which review object, and what a reader sees of it (blind review hides names).

Rules: admins and verifiers see every assignment; an evaluator sees only their own assignments
that were not released (anything else is "not found", so ids reveal nothing); innovators see
nothing of review. Another evaluator's scores show only once the reader's own review of the
same version is submitted. In a blind call an evaluator never sees the innovator, the team or
the agency.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from services.review import queries
from services.review.models import Assignment, ReviewProposal
from services.review.scoring import CallSettings
from services.review.snapshots import aware
from shared.web.auth import CurrentUser, require_role
from shared.web.errors import ApiError

STAFF = ("admin", "verifier")


def readable_assignment(session: Session, user: CurrentUser, assignment_id: int) -> Assignment:
    require_role(user, "evaluator", *STAFF)
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or (
        user.role == "evaluator"
        and (assignment.evaluator_id != user.id or assignment.status == "released")
    ):
        raise ApiError(404, "not_found", "error.not_found")
    return assignment


def own_assignment(session: Session, user: CurrentUser, assignment_id: int) -> Assignment:
    """The evaluator's own open or submitted assignment: only they may score it."""
    require_role(user, "evaluator")
    return readable_assignment(session, user, assignment_id)


def settings_of(session: Session, proposal: ReviewProposal, k_default: int) -> CallSettings:
    return queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)


def proposal_of(session: Session, assignment: Assignment) -> ReviewProposal:
    proposal = session.get(ReviewProposal, (assignment.proposal_id, assignment.version_no))
    if proposal is None:
        raise ApiError(404, "not_found", "error.not_found")
    return proposal


def hides_names(user: CurrentUser, proposal: ReviewProposal, call: CallSettings) -> bool:
    return user.role not in STAFF and (call.blind or proposal.blind)


def assignment_view(
    session: Session, user: CurrentUser, assignment: Assignment, k_default: int
) -> dict[str, Any]:
    """The assignment as `user` may read it: the proposal (names hidden when blind), the rubric,
    the saved scores."""
    proposal = proposal_of(session, assignment)
    call = settings_of(session, proposal, k_default)
    blind = hides_names(user, proposal, call)
    view: dict[str, Any] = {
        "id": assignment.id,
        "proposal_id": proposal.proposal_id,
        "version_no": proposal.version_no,
        "title": proposal.title,
        "summary": proposal.summary,
        "text": proposal.text,
        "category": proposal.category,
        "status": assignment.status,
        "due_at": aware(assignment.due_at).isoformat() if assignment.due_at else None,
        "blind": blind,
        "innovator": None if blind else proposal.innovator_name,
        "opd_code": None if blind else proposal.opd_code,
        "opd_name": None if blind else proposal.opd_name,
        "scale": {"min": call.scale_min, "max": call.scale_max},
        "aspects": [{"key": a.key, "title": a.title, "weight": a.weight} for a in call.aspects],
        "scores": assignment.scores or {},
        "total": assignment.total,
    }
    if user.role in STAFF:
        view["evaluator_id"] = assignment.evaluator_id
        view["reason"] = assignment.reason
    return view


def other_reviews(
    session: Session, user: CurrentUser, proposal_id: int, version_no: int
) -> list[dict[str, Any]]:
    """Submitted reviews of a version. An evaluator must hold a submitted review of it (not
    assigned: not found; assigned but not submitted: forbidden); they see the others without
    names."""
    require_role(user, "evaluator", *STAFF)
    held = queries.assignments_of(session, proposal_id, version_no)
    if user.role == "evaluator":
        mine = [a for a in held if a.evaluator_id == user.id and a.status != "released"]
        if not mine:
            raise ApiError(404, "not_found", "error.not_found")
        if mine[0].status != "submitted":
            raise ApiError(403, "submit_first", "review.submit_first")
    out = []
    for number, a in enumerate((a for a in held if a.status == "submitted"), start=1):
        row: dict[str, Any] = {
            "reviewer": f"Evaluator {number}",
            "scores": a.scores,
            "total": a.total,
            "own": a.evaluator_id == user.id,
        }
        if user.role in STAFF:
            row["evaluator_id"] = a.evaluator_id
        out.append(row)
    return out
