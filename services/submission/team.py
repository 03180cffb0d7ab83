"""The innovation team: the innovator invites registered innovators by e-mail; who accepts
reads and edits the proposal like its innovator."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.submission import access, directory
from services.submission.access import actor, require
from services.submission.errors import Conflict, NotFound, invalid
from services.submission.models import OUTBOX, Proposal, TeamMember
from services.submission.rules import can_manage_team
from services.submission.schemas import InvitationOut, TeamMemberOut
from shared import runtime
from shared.db import Database, transition
from shared.events import Person, TeamInvited
from shared.outbox import publish, utcnow
from shared.web.auth import CurrentUser


def _db() -> Database:
    return runtime.database("submission")


def people(
    user: CurrentUser, innovator_id: int, team: tuple[int, ...]
) -> tuple[Person, tuple[Person, ...]]:
    """The proposal's innovator and accepted co-innovators as events carry them (an operator
    may act for the innovator), in at most one read of the directory: none when the current
    user is the innovator and works alone."""
    known = {user.id: Person(id=user.id, name=user.name, email=user.email, language=user.language)}
    wanted = {innovator_id, *team} - known.keys()
    if wanted:
        known.update(directory.people(wanted))
    if innovator_id not in known:
        raise NotFound()
    return known[innovator_id], tuple(known[i] for i in team if i in known)


def team(user: CurrentUser, proposal_id: int) -> list[TeamMemberOut]:
    """The co-innovators and the open invitations of a proposal the user may read."""
    with _db().session() as s:
        access.load(s, proposal_id, user)
        rows = s.scalars(
            select(TeamMember).where(TeamMember.proposal_id == proposal_id).order_by(TeamMember.id)
        )
        return [TeamMemberOut.of(m) for m in rows]


def _may_manage(s: Session, proposal: Proposal, user: CurrentUser) -> None:
    require(can_manage_team(actor(user), access.owned(proposal, access.team_ids(s, proposal.id))))


def manages_team(user: CurrentUser, proposal_id: int) -> bool:
    """Whether this user may invite and remove co-innovators."""
    with _db().session() as s:
        proposal = access.load(s, proposal_id, user)
        owned = access.owned(proposal, access.team_ids(s, proposal_id))
        return can_manage_team(actor(user), owned)


def invite(user: CurrentUser, proposal_id: int, email: str) -> TeamMemberOut:
    """Invite a registered innovator by e-mail; they see the invitation on their list and accept
    it there (and are mailed, through notifications)."""
    invitee = directory.user_by_email(email)
    with _db().session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        _may_manage(s, proposal, user)
        if invitee is None or not invitee.active or invitee.role not in {"innovator", "operator"}:
            raise invalid("email", "team.unknown_user")
        if invitee.person.id == proposal.innovator_id:
            raise invalid("email", "team.is_owner")
        taken = s.scalar(
            select(TeamMember).where(
                TeamMember.proposal_id == proposal_id, TeamMember.email == email
            )
        )
        if taken is not None:
            raise Conflict("already_invited", "team.already_invited")
        person = invitee.person
        member = TeamMember(
            proposal_id=proposal.id, email=person.email, user_id=person.id, invited_by=user.id
        )
        s.add(member)
        s.flush()
        invited = TeamInvited(
            proposal_id=proposal.id,
            title=proposal.title,
            invitee=person,
            inviter_name=user.name,
            accept_path="/proposals",
        )
        publish(s, OUTBOX, invited)
        return TeamMemberOut.of(member)


def remove_member(user: CurrentUser, proposal_id: int, member_id: int) -> None:
    """Remove a co-innovator or an invitation."""
    with _db().session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        _may_manage(s, proposal, user)
        member = s.get(TeamMember, member_id)
        if member is None or member.proposal_id != proposal_id:
            raise NotFound()
        s.delete(member)


def invitations(user: CurrentUser) -> list[InvitationOut]:
    """Invitations to this user not yet accepted."""
    with _db().session() as s:
        rows = s.execute(
            select(TeamMember, Proposal.title)
            .join(Proposal, Proposal.id == TeamMember.proposal_id)
            .where(TeamMember.user_id == user.id, TeamMember.accepted.is_(False))
            .order_by(TeamMember.id)
        )
        return [InvitationOut(**TeamMemberOut.of(m).model_dump(), title=title) for m, title in rows]


def accept_invitation(user: CurrentUser, member_id: int) -> TeamMemberOut:
    """Accept an invitation: become a co-innovator."""
    with _db().session() as s:
        member = s.get(TeamMember, member_id)
        if member is None or member.user_id != user.id:
            raise NotFound()
        if not transition(s, member, {"accepted": [False]},
                          {"accepted": True, "accepted_at": utcnow()}):  # fmt: skip
            raise Conflict("already_accepted", "team.already_accepted")
        s.flush()
        return TeamMemberOut.of(member)
