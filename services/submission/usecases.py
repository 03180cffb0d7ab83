"""What the API and the pages both do: authorise, open one transaction, call an operation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select

from services.submission import operations
from services.submission.access import agency_name, check_agency, describe, load
from services.submission.models import Proposal
from services.submission.schemas import ProposalOut, SubmitAccepted, TimelineItem
from shared import runtime
from shared.events import Person
from shared.identity.store import get_user
from shared.web.auth import CurrentUser
from shared.web.errors import ApiError

T = TypeVar("T")


def _guard(action: Callable[[], T]) -> T:
    try:
        return action()
    except operations.TransitionError as exc:
        raise ApiError(409, exc.code, exc.message_key) from exc


def create(user: CurrentUser, title: str, summary: str, opd_code: str | None) -> ProposalOut:
    code, _ = check_agency(user, opd_code)
    with runtime.database("submission").session() as s:
        proposal = operations.create_draft(
            s, title=title, summary=summary, opd_code=code, innovator_id=user.id
        )
        return ProposalOut.of(proposal)


def visible(user: CurrentUser, limit: int = 500) -> list[ProposalOut]:
    query = select(Proposal).order_by(Proposal.updated_at.desc(), Proposal.id.desc()).limit(limit)
    if user.role == "operator":
        query = query.where(Proposal.opd_code == user.opd_code)
    elif user.role not in {"admin", "verifier"}:
        query = query.where(Proposal.innovator_id == user.id)
    with runtime.database("submission").session() as s:
        return [ProposalOut.of(p) for p in s.scalars(query)]


def show(user: CurrentUser, proposal_id: int) -> ProposalOut:
    with runtime.database("submission").session() as s:
        return ProposalOut.of(load(s, proposal_id, user))


def update(user: CurrentUser, proposal_id: int, changes: dict[str, Any]) -> ProposalOut:
    if changes.get("opd_code") is not None:
        check_agency(user, changes["opd_code"])
    with runtime.database("submission").session() as s:
        proposal = load(s, proposal_id, user, edit=True)
        _guard(lambda: operations.update_draft(s, proposal, changes))
        return ProposalOut.of(proposal)


def submit(user: CurrentUser, proposal_id: int) -> SubmitAccepted:
    with runtime.database("submission").session() as s:
        proposal = load(s, proposal_id, user, edit=True)
        innovator = _innovator(proposal.innovator_id)
        name = agency_name(proposal.opd_code) or proposal.opd_code
        version = _guard(lambda: operations.submit(s, proposal, innovator=innovator, opd_name=name))
        return SubmitAccepted(id=proposal.id, status=proposal.status, version_no=version.version_no)


def timeline(user: CurrentUser, proposal_id: int) -> list[TimelineItem]:
    with runtime.database("submission").session() as s:
        load(s, proposal_id, user)
        return [TimelineItem.of(e, describe(e)) for e in operations.timeline(s, proposal_id)]


def _innovator(user_id: int) -> Person:
    """The proposal's innovator as events carry them (an operator may submit for them)."""
    with runtime.database("identity").session() as s:
        owner = get_user(s, user_id)
        if owner is None:
            raise ApiError(404, "not_found", "error.not_found")
        return Person(id=owner.id, name=owner.name, email=owner.email, language=owner.language)
