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

from services.review import queries, snapshots, workbench
from services.review import reasons as why
from services.review.errors import Forbidden, NotFound
from services.review.models import Assignment, Invitation, ReviewProposal
from services.review.scoring import CallSettings
from services.review.snapshots import aware
from shared.web.auth import CurrentUser
from shared.web.i18n import current_language

STAFF = ("admin", "verifier")


def require(user: CurrentUser, *roles: str) -> None:
    """Forbidden unless the user holds one of `roles`."""
    if user.role not in roles:
        raise Forbidden()


def readable_assignment(session: Session, user: CurrentUser, assignment_id: int) -> Assignment:
    """The assignment if `user` may read it: staff any, an evaluator their own not released."""
    require(user, "evaluator", *STAFF)
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or (
        user.role == "evaluator"
        and (assignment.evaluator_id != user.id or assignment.status == "released")
    ):
        raise NotFound()
    return assignment


def own_assignment(session: Session, user: CurrentUser, assignment_id: int) -> Assignment:
    """The evaluator's own open or submitted assignment: only they may score it."""
    require(user, "evaluator")
    return readable_assignment(session, user, assignment_id)


def assignment_in_call(session: Session, call_id: int, assignment_id: int) -> Assignment:
    """An assignment of the call the admin is looking at; one of another call is not found."""
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or assignment.call_id != call_id:
        raise NotFound()
    return assignment


def own_invitation(session: Session, user: CurrentUser, invitation_id: int) -> Invitation:
    """The evaluator's own invitation; anyone else's is "not found"."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or user.role != "evaluator" or invitation.evaluator_id != user.id:
        raise NotFound()
    return invitation


def settings_of(session: Session, proposal: ReviewProposal, k_default: int) -> CallSettings:
    """The settings of the call version the proposal entered."""
    return queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)


def proposal_of(session: Session, assignment: Assignment) -> ReviewProposal:
    """The proposal version of an assignment (not found when it is missing)."""
    proposal = session.get(ReviewProposal, (assignment.proposal_id, assignment.version_no))
    if proposal is None:
        raise NotFound()
    return proposal


def hides_names(user: CurrentUser, proposal: ReviewProposal, call: CallSettings) -> bool:
    """Whether `user` reads the proposal blind (everyone but the staff, in a blind call)."""
    return user.role not in STAFF and (call.blind or proposal.blind)


def assignment_view(
    session: Session, user: CurrentUser, assignment: Assignment, k_default: int
) -> dict[str, Any]:
    """The assignment as `user` may read it: the proposal (names hidden when blind), the rubric,
    the saved scores."""
    proposal = proposal_of(session, assignment)
    call = settings_of(session, proposal, k_default)
    blind = hides_names(user, proposal, call)
    clean = snapshots.blind_masker(proposal).text if blind else str
    view: dict[str, Any] = {
        "id": assignment.id,
        "proposal_id": proposal.proposal_id,
        "version_no": proposal.version_no,
        "title": clean(proposal.title),
        "summary": clean(proposal.summary),
        "text": clean(proposal.text),
        # An aspect's own text (its key names its section), the rest of the proposal apart.
        "sections": {
            str(s["key"]): clean(str(s.get("text") or "")) for s in proposal.sections or ()
        },
        "category": proposal.category,
        "status": assignment.status,
        "due_at": aware(assignment.due_at).isoformat() if assignment.due_at else None,
        "blind": blind,
        "innovator": None if blind else proposal.innovator_name,
        "opd_code": None if blind else proposal.opd_code,
        "opd_name": None if blind else proposal.opd_name,
        "scale": {"min": call.scale_min, "max": call.scale_max},
        "bands": [vars(b) for b in workbench.bands(call)],
        "files": {
            aspect: [vars(f) for f in found]
            for aspect, found in workbench.files_by_aspect(
                proposal.files or (), proposal.proposal_id, blind
            ).items()
        },
        "reveals_others": workbench.reveals(call),
        "aspects": [
            {"key": a.key, "title": a.title, "weight": a.weight, "scored": a.weight > 0}
            for a in call.aspects
        ],
        "scores": assignment.scores or {},
        "total": assignment.total,
    }
    if user.role in STAFF:
        view["evaluator_id"] = assignment.evaluator_id
        view["reason"] = why.describe(assignment.reason, current_language())
        view["reasons"] = why.as_data(assignment.reason)
    return view


def other_reviews(
    session: Session, user: CurrentUser, proposal_id: int, version_no: int
) -> list[dict[str, Any]]:
    """Submitted reviews of a version. An evaluator must hold a submitted review of it (not
    assigned: not found; assigned but not submitted: forbidden); they see the others without
    names, when the call shows them (else their own alone)."""
    require(user, "evaluator", *STAFF)
    held = queries.assignments_of(session, proposal_id, version_no)
    if user.role == "evaluator":
        mine = [a for a in held if a.evaluator_id == user.id and a.status != "released"]
        if not mine:
            raise NotFound()
        if mine[0].status != "submitted":
            raise Forbidden("review.submit_first", code="submit_first")
        if not workbench.reveals(settings_of(session, proposal_of(session, mine[0]), 3)):
            held = mine
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
