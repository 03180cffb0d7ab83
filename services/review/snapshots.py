"""The proposal snapshot: from `proposal.admitted` into review's table, and back into events.

Kept apart from operations so the mapping between the contracts and the row is in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from services.review.models import Evaluator, ReviewProposal
from shared.events import Assignee, Person, ProposalAdmitted, ReviewAssigned


def snapshot(proposal: ReviewProposal, event: ProposalAdmitted) -> None:
    """Copy what later events need from `event` into `proposal`."""
    proposal.proposal_id, proposal.version_no = event.proposal_id, event.version_no
    proposal.title, proposal.summary = event.title, event.summary
    proposal.opd_code, proposal.opd_name = event.opd_code, event.opd_name
    proposal.innovator_id = event.innovator.id
    proposal.innovator_name = event.innovator.name
    proposal.innovator_email = event.innovator.email
    proposal.innovator_language = event.innovator.language
    proposal.call_id = event.call_id
    proposal.submitted_at = event.submitted_at


def resubmission(proposal: ReviewProposal) -> ProposalAdmitted:
    """The event a stored snapshot came from, to run the assignment again."""
    return ProposalAdmitted(
        proposal_id=proposal.proposal_id,
        version_no=proposal.version_no,
        title=proposal.title,
        summary=proposal.summary,
        opd_code=proposal.opd_code,
        opd_name=proposal.opd_name,
        innovator=Person(
            id=proposal.innovator_id,
            name=proposal.innovator_name,
            email=proposal.innovator_email,
            language=proposal.innovator_language,
        ),
        call_id=proposal.call_id,
        submitted_at=_aware(proposal.submitted_at),
    )


def announcement(event: ProposalAdmitted, evaluators: Sequence[Evaluator]) -> ReviewAssigned:
    """`review.assigned` for `event`'s proposal and the chosen evaluators, in choice order."""
    return ReviewAssigned(
        proposal_id=event.proposal_id,
        version_no=event.version_no,
        title=event.title,
        summary=event.summary,
        opd_code=event.opd_code,
        opd_name=event.opd_name,
        innovator=event.innovator,
        evaluators=tuple(
            Assignee(
                evaluator_id=e.id,
                name=e.name,
                email=e.email,
                opd_code=e.opd_code,
                language=e.language,
            )
            for e in evaluators
        ),
        submitted_at=event.submitted_at,
    )


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were stored in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
