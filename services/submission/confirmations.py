"""What a submit or a withdrawal will do, told before it is done: the same checks as the act
itself (an incomplete or late proposal is refused here, not on the confirmation page), and a
summary of what is being sent or given up. Nothing is changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from services.submission import access, calls, clock, content, states
from services.submission import versions as frozen
from services.submission.definition import CallDefinition
from services.submission.errors import Conflict, Invalid, TransitionRefused
from services.submission.models import Call, Proposal
from shared import runtime
from shared.timezone import to_wib
from shared.web.auth import CurrentUser


@dataclass(frozen=True)
class SubmitPreview:
    id: int
    title: str
    version_no: int  # the version this submit freezes
    resubmit: bool  # sent again after the verifier returned it
    fixes: tuple[str, ...]  # what the verifier asked to fix, when it was returned
    call_name: str | None
    deadline: datetime | None  # in WIB
    checked: bool  # the verifier checks it first (else it goes straight to the evaluators)
    aspects_filled: int
    aspects_total: int
    files: tuple[tuple[str, str], ...]  # (kind, file name) of each attachment, oldest first
    definition: CallDefinition | None  # the call's settings the proposal is checked against


@dataclass(frozen=True)
class WithdrawPreview:
    id: int
    title: str
    status: str
    submitted: bool  # a version was sent: the withdrawal is announced (and mailed)
    reviewing: bool  # passed the check: evaluators may already be assigned
    call_name: str | None


def submittable(session: Session, proposal: Proposal, now: datetime) -> Call | None:
    """The proposal's call when it may be submitted now (in a state that submits, within the
    call's dates, complete); else the domain refusal the submit would give."""
    if not states.allowed(proposal.status, "submit"):
        raise TransitionRefused("already_submitted", "proposal.already_submitted")
    call = session.get(Call, proposal.call_id) if proposal.call_id else None
    if call is not None:
        definition = calls.definition_of(call)
        _check_deadline(definition, proposal, now)
        kinds = [a.kind for a in frozen.attachments(session, proposal.id)]
        problems = content.check_complete(
            definition,
            proposal.sections,
            proposal.profile,
            kinds,
            category=proposal.category,
            group=proposal.group,
        )
        if problems:
            raise Invalid(problems)
    return call


def _check_deadline(definition: CallDefinition, proposal: Proposal, now: datetime) -> None:
    """Within the call's dates, to the second: at hh:mm:59 of the deadline still in time."""
    second = now.replace(microsecond=0)
    if second < definition.opens_at:
        raise Conflict("call_not_open", "proposal.call_not_open")
    if second > definition.deadline(proposal.deadline_override):
        raise Conflict("deadline_passed", "proposal.deadline_passed")


def submit_preview(user: CurrentUser, proposal_id: int) -> SubmitPreview:
    """What submitting would send, if the user may submit it now."""
    with runtime.database("submission").session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        call = submittable(s, proposal, clock.now())
        definition = calls.definition_of(call) if call is not None else None
        aspects = definition.aspects if definition is not None else ()
        filled = [a for a in aspects if str(proposal.sections.get(a.key) or "").strip()]
        return SubmitPreview(
            id=proposal.id,
            title=proposal.title,
            version_no=proposal.version_no + 1,
            resubmit=proposal.status == states.RETURNED,
            fixes=tuple(proposal.fixes or ()) if proposal.status == states.RETURNED else (),
            call_name=call.name if call is not None else None,
            deadline=(
                to_wib(definition.deadline(proposal.deadline_override)) if definition else None
            ),
            checked=definition is not None and definition.check.enabled,
            aspects_filled=len(filled),
            aspects_total=len(aspects),
            files=tuple((a.kind, a.filename) for a in frozen.attachments(s, proposal.id)),
            definition=definition,
        )


def withdraw_preview(user: CurrentUser, proposal_id: int) -> WithdrawPreview:
    """What withdrawing would end, if the user may withdraw it now."""
    with runtime.database("submission").session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        if not states.allowed(proposal.status, "withdraw"):
            raise TransitionRefused("not_withdrawable", "proposal.not_withdrawable")
        call = s.get(Call, proposal.call_id) if proposal.call_id else None
        return WithdrawPreview(
            id=proposal.id,
            title=proposal.title,
            status=proposal.status,
            submitted=proposal.version_no > 0,
            reviewing=proposal.status == states.ADMITTED,
            call_name=call.name if call is not None else None,
        )
