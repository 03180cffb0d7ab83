"""The innovation team: the innovator invites co-innovators by e-mail address; who accepts
reads and edits the proposal like its innovator."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select
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
from shared.web.ratelimit import Limit, enforce


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


INVITES = Limit("team-invite", 20, 3600)  # new invitations per inviter: a team, not a list


def invite(user: CurrentUser, proposal_id: int, email: str) -> TeamMemberOut:
    """Invite a co-innovator by e-mail address. The answer is the same whether an innovator has
    that address or not (nobody learns who has an account); only a registered innovator is
    mailed (through notifications) and sees it on their list. An address with no account yet
    is kept: whoever later signs in with it as an innovator finds the invitation."""
    email = email.strip().lower()
    invitee = directory.user_by_email(email)
    if invitee is not None and (not invitee.active or invitee.role not in INVITABLE):
        invitee = None
    with _db().session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        _may_manage(s, proposal, user)
        owner = invitee is not None and invitee.person.id == proposal.innovator_id
        if owner or email == user.email.lower():
            raise invalid("email", "team.is_owner")
        taken = s.scalar(
            select(TeamMember).where(
                TeamMember.proposal_id == proposal_id, TeamMember.email == email
            )
        )
        if taken is not None:
            raise Conflict("already_invited", "team.already_invited")
        enforce(INVITES, str(user.id))  # counts the invitations made, not the refused
        member = TeamMember(
            proposal_id=proposal.id,
            email=email,
            user_id=invitee.person.id if invitee else None,
            invited_by=user.id,
        )
        s.add(member)
        s.flush()
        if invitee is None:
            return TeamMemberOut.of(member)
        person = invitee.person
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


INVITABLE = frozenset({"innovator", "operator"})


def _addressed_to(user: CurrentUser) -> ColumnElement[bool]:
    """Invitations that reached this account, or named its address before it existed."""
    if user.role not in INVITABLE:
        return TeamMember.user_id == user.id
    by_address = and_(TeamMember.user_id.is_(None), TeamMember.email == user.email.lower())
    return or_(TeamMember.user_id == user.id, by_address)


def invitations(user: CurrentUser) -> list[InvitationOut]:
    """Invitations to this user not yet accepted."""
    with _db().session() as s:
        rows = s.execute(
            select(TeamMember, Proposal.title)
            .join(Proposal, Proposal.id == TeamMember.proposal_id)
            .where(_addressed_to(user), TeamMember.accepted.is_(False))
            .order_by(TeamMember.id)
        )
        return [InvitationOut(**TeamMemberOut.of(m).model_dump(), title=title) for m, title in rows]


def accept_invitation(user: CurrentUser, member_id: int) -> TeamMemberOut:
    """Accept an invitation: become a co-innovator."""
    with _db().session() as s:
        member = s.scalar(select(TeamMember).where(TeamMember.id == member_id, _addressed_to(user)))
        if member is None:
            raise NotFound()
        accepted = {"accepted": True, "accepted_at": utcnow(), "user_id": user.id}
        if not transition(s, member, {"accepted": [False]}, accepted):
            raise Conflict("already_accepted", "team.already_accepted")
        s.flush()
        return TeamMemberOut.of(member)
