"""Loading a proposal for the current user: not found when it is not theirs to see (no
existence leak), forbidden when they may see but not change it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.submission import directory
from services.submission.errors import Forbidden, NotFound, invalid
from services.submission.models import Call, Proposal, TeamMember
from services.submission.rules import Actor, Owned, can_create, can_edit, can_read
from shared.web.auth import CurrentUser


def actor(user: CurrentUser) -> Actor:
    """The user as the rules see them."""
    return Actor(user.id, user.role, user.opd_code)


def require(allowed: bool) -> None:
    """Refuse unless `allowed`."""
    if not allowed:
        raise Forbidden()


def owned(p: Proposal, team_ids: tuple[int, ...] = ()) -> Owned:
    """The proposal as the rules see it."""
    return Owned(p.innovator_id, p.opd_code, tuple(p.evaluator_ids or ()), team_ids)


def team_ids(session: Session, proposal_id: int) -> tuple[int, ...]:
    """The co-innovators who accepted: they read and edit like the innovator."""
    return tuple(
        session.scalars(
            select(TeamMember.user_id).where(
                TeamMember.proposal_id == proposal_id, TeamMember.accepted.is_(True)
            )
        )
    )


def load(session: Session, proposal_id: int, user: CurrentUser, *, edit: bool = False) -> Proposal:
    """The proposal if this user may read it (and change it, with `edit`)."""
    return load_with_team(session, proposal_id, user, edit=edit)[0]


def load_with_team(
    session: Session, proposal_id: int, user: CurrentUser, *, edit: bool = False
) -> tuple[Proposal, tuple[int, ...]]:
    """`load`, with the ids of the accepted co-innovators it read to decide."""
    proposal = session.get(Proposal, proposal_id)
    team = team_ids(session, proposal_id) if proposal is not None else ()
    if proposal is None or not can_read(actor(user), owned(proposal, team)):
        raise NotFound()
    if user.role == "evaluator" and _blind(session, proposal):
        # A blind review: the evaluator reads the anonymous dossier, never this page.
        raise NotFound()
    if edit and not can_edit(actor(user), owned(proposal, team)):
        raise Forbidden()
    return proposal, team


def load_evidence(session: Session, proposal_id: int, user: CurrentUser) -> tuple[Proposal, bool]:
    """The proposal whose files `user` is opening, and whether they read it blind: an assigned
    evaluator of a blind call reaches its supporting files (masked), never its page."""
    proposal = session.get(Proposal, proposal_id)
    team = team_ids(session, proposal_id) if proposal is not None else ()
    if proposal is None or not can_read(actor(user), owned(proposal, team)):
        raise NotFound()
    return proposal, user.role == "evaluator" and _blind(session, proposal)


def _blind(session: Session, proposal: Proposal) -> bool:
    call = session.get(Call, proposal.call_id) if proposal.call_id else None
    return bool(call and call.definition.get("blind"))


def agency_choices(user: CurrentUser) -> list[tuple[str, str]]:
    """The agencies this user may file a proposal under, as (code, name): their own, or every
    agency for an admin."""
    if user.role == "admin":
        return directory.agencies()
    found = directory.agency(user.opd_code) if user.opd_code else None
    return [found] if found else []


def check_agency(user: CurrentUser, opd_code: str | None) -> tuple[str, str]:
    """The agency a proposal is filed under: (code, name), or the refusal that says why not."""
    if user.role not in {"innovator", "operator", "admin"}:
        raise Forbidden()
    code = opd_code or user.opd_code
    if code is None:
        raise invalid("opd_code", "proposal.no_agency")
    name = directory.agency_name(code)
    if name is None:
        raise invalid("opd_code", "proposal.unknown_agency")
    if not can_create(actor(user), code):
        raise Forbidden()
    return code, name
