"""Every state change of a proposal: mutate, append to the timeline, publish — one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.submission.models import OUTBOX, Proposal, ProposalVersion, TimelineEntry
from services.submission.rules import DRAFT, SUBMITTED
from shared.consumer import correlation_id
from shared.events import Person, ProposalAdmitted, ProposalSubmitted
from shared.outbox import publish, utcnow


class TransitionError(Exception):
    """The proposal is not in a state that allows this action."""

    def __init__(self, code: str, message_key: str) -> None:
        super().__init__(code)
        self.code = code
        self.message_key = message_key


def create_draft(
    session: Session, *, title: str, summary: str, opd_code: str, innovator_id: int
) -> Proposal:
    proposal = Proposal(
        title=title, summary=summary, opd_code=opd_code, innovator_id=innovator_id, status=DRAFT
    )
    session.add(proposal)
    session.flush()
    return proposal


def update_draft(session: Session, proposal: Proposal, changes: dict[str, Any]) -> Proposal:
    if proposal.status != DRAFT:
        raise TransitionError("not_editable", "proposal.not_editable")
    for name in ("title", "summary", "opd_code"):
        if name in changes and changes[name] is not None:
            setattr(proposal, name, changes[name])
    proposal.updated_at = utcnow()
    session.flush()
    return proposal


def submit(
    session: Session, proposal: Proposal, *, innovator: Person, opd_name: str
) -> ProposalVersion:
    """Freeze a numbered version and publish `proposal.submitted` with it."""
    now = utcnow()
    # A conditional update, so two racing submits cannot both pass the state check.
    claimed = session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id, Proposal.status == DRAFT)
        .values(
            status=SUBMITTED,
            version_no=Proposal.version_no + 1,
            submitted_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        raise TransitionError("already_submitted", "proposal.already_submitted")
    session.refresh(proposal)
    version = ProposalVersion(
        proposal_id=proposal.id,
        version_no=proposal.version_no,
        title=proposal.title,
        summary=proposal.summary,
        opd_code=proposal.opd_code,
        submitted_at=now,
    )
    session.add(version)
    submitted = ProposalSubmitted(
        proposal_id=proposal.id,
        version_no=version.version_no,
        title=version.title,
        summary=version.summary,
        opd_code=version.opd_code,
        opd_name=opd_name,
        innovator=innovator,
        submitted_at=now,
    )
    envelope = publish(session, OUTBOX, submitted, correlation_id=correlation_id.get())
    # No administrative check yet: every submitted version goes straight to review.
    admitted = ProposalAdmitted(**dict(submitted))
    publish(session, OUTBOX, admitted, correlation_id=correlation_id.get())
    append_timeline(
        session,
        proposal_id=proposal.id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key="timeline.submitted",
        detail_values={"version": version.version_no},
    )
    session.flush()
    return version


def append_timeline(
    session: Session,
    *,
    proposal_id: int,
    event_id: str,
    event: str,
    detail_key: str,
    detail_values: dict[str, Any] | None = None,
    link: str | None = None,
) -> None:
    session.add(
        TimelineEntry(
            proposal_id=proposal_id,
            event_id=event_id,
            event=event,
            at=utcnow(),
            detail_key=detail_key,
            detail_values=detail_values or {},
            link=link,
        )
    )


def timeline(session: Session, proposal_id: int) -> list[TimelineEntry]:
    return list(
        session.scalars(
            select(TimelineEntry)
            .where(TimelineEntry.proposal_id == proposal_id)
            .order_by(TimelineEntry.at, TimelineEntry.id)
        )
    )
