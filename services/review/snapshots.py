"""The proposal snapshot: from `proposal.admitted` into review's table, and back into events.

Kept apart from the application layer: the mapping between contracts and rows is in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from services.review.models import Assignment, Evaluator, ReviewProposal
from services.review.problem import Proposal
from shared.blind import Masker, identity_names, masker
from shared.events import Assignee, Person, ProposalAdmitted, ReviewAssigned


def snapshot(proposal: ReviewProposal, event: ProposalAdmitted) -> None:
    """Copy what later events and the assignment need from `event` into `proposal`."""
    proposal.proposal_id, proposal.version_no = event.proposal_id, event.version_no
    proposal.title, proposal.summary = event.title, event.summary
    proposal.opd_code, proposal.opd_name = event.opd_code, event.opd_name
    proposal.innovator_id = event.innovator.id
    proposal.innovator_name = event.innovator.name
    proposal.innovator_email = event.innovator.email
    proposal.innovator_language = event.innovator.language
    proposal.call_id = event.call_id
    proposal.call_version = event.call_version
    proposal.submitted_at = event.submitted_at
    proposal.category, proposal.group_name = event.category, event.group
    proposal.topics = [*event.urusan, *([event.category] if event.category else [])]
    proposal.text = "\n".join(
        [event.title, event.summary, *(f"{s.title}\n{s.text}" for s in event.sections)]
    )
    proposal.sections = [s.model_dump(mode="json") for s in event.sections]
    proposal.files = [f.model_dump(mode="json") for f in event.files]
    proposal.team_ids = sorted({event.innovator.id, *(p.id for p in event.team)})
    proposal.team_names = [p.name for p in event.team]
    proposal.blind = event.blind


def blind_masker(proposal: ReviewProposal) -> Masker:
    """Masks who wrote the proposal (innovator, team, agency) for a blind reader."""
    return masker(
        identity_names(
            proposal.innovator_name, proposal.team_names or (), proposal.opd_name,
            proposal.opd_code,
        )
    )  # fmt: skip


def matching_proposal(proposal: ReviewProposal) -> Proposal:
    return Proposal(
        id=f"{proposal.proposal_id}/{proposal.version_no}",
        opd=proposal.opd_code,
        topics=tuple(proposal.topics or ()),
        text=proposal.text or f"{proposal.title}\n{proposal.summary}",
    )


def innovator(proposal: ReviewProposal) -> Person:
    return Person(
        id=proposal.innovator_id,
        name=proposal.innovator_name,
        email=proposal.innovator_email,
        language=proposal.innovator_language,
    )


def assignee(evaluator: Evaluator) -> Assignee:
    return Assignee(
        evaluator_id=evaluator.id,
        name=evaluator.name,
        email=evaluator.email,
        opd_code=evaluator.opd_code,
        language=evaluator.language,
    )


def announcement(
    proposal: ReviewProposal,
    evaluators: Sequence[Evaluator],
    assignments: Sequence[Assignment],
    *,
    blind: bool,
    replacement: bool = False,
) -> ReviewAssigned:
    """`review.assigned` for the chosen evaluators, in choice order."""
    dues = [a.due_at for a in assignments if a.due_at is not None]
    return ReviewAssigned(
        proposal_id=proposal.proposal_id,
        version_no=proposal.version_no,
        title=proposal.title,
        summary=proposal.summary,
        opd_code=proposal.opd_code,
        opd_name=proposal.opd_name,
        innovator=innovator(proposal),
        evaluators=tuple(assignee(e) for e in evaluators),
        submitted_at=aware(proposal.submitted_at),
        call_id=proposal.call_id,
        due_at=aware(min(dues)) if dues else None,
        blind=blind,
        replacement=replacement,
        team_names=tuple(proposal.team_names or ()),
    )


def aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were stored in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def evaluator_title(proposal: ReviewProposal, blind: bool) -> str:
    """The title as an evaluator reads it in a mail or a page (names masked when blind)."""
    return (
        blind_masker(proposal).text(proposal.title) if blind or proposal.blind else proposal.title
    )
