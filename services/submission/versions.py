"""A proposal's submitted versions: frozen at each submit, never changed, and the fields of the
events that carry one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from services.submission import states
from services.submission.definition import CallDefinition, attachment_title
from services.submission.models import Attachment, Call, Proposal, ProposalVersion
from shared.events import FileRef, Person, Section

# What a submitted version freezes of its proposal.
FROZEN = (
    Proposal.version_no, Proposal.title, Proposal.summary, Proposal.opd_code, Proposal.call_id,
    Proposal.category, Proposal.group, Proposal.sdgs, Proposal.sections, Proposal.profile,
    Proposal.video_url,
)  # fmt: skip


def attachments(session: Session, proposal_id: int) -> list[Attachment]:
    """The proposal's files, oldest first."""
    return list(
        session.scalars(
            select(Attachment).where(Attachment.proposal_id == proposal_id).order_by(Attachment.id)
        )
    )


def claim(
    session: Session,
    proposal: Proposal,
    *,
    status: str,
    call: Call | None,
    now: datetime,
    definition: CallDefinition | None,
) -> ProposalVersion | None:
    """Move the proposal to `status` and freeze its next version, or None when it was no
    longer submittable. A conditional update, so two racing submits cannot both pass the state
    check; it returns the row as it claimed it, and the version freezes that (an edit committed
    a moment before too)."""
    values: dict[str, Any] = {
        "status": status,
        "call_version": call.version_no if call else None,
        "submitted_at": now,
        "updated_at": now,
        "fixes": [],
    }
    claimed = session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id, Proposal.status.in_(states.TRANSITIONS["submit"]))
        .values(version_no=Proposal.version_no + 1, **values)
        .returning(*FROZEN)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if claimed is None:
        return None
    frozen = claimed._asdict()
    for key, value in {**values, **frozen}.items():
        set_committed_value(proposal, key, value)
    if not proposal.summary and definition and definition.aspects:
        proposal.summary = frozen["summary"] = str(
            proposal.sections.get(definition.aspects[0].key, "")
        )
    row = {
        **frozen,
        "proposal_id": proposal.id,
        "submitted_at": now,
        "call_version": values["call_version"],
        "sdgs": list(frozen["sdgs"]),
        "sections": dict(frozen["sections"]),
        "profile": dict(frozen["profile"]),
        "attachments": [
            {
                "id": a.id,
                "kind": a.kind,
                "filename": a.filename,
                "sha256": a.sha256,
                "size": a.size,
                "content_type": a.content_type,
            }
            for a in attachments(session, proposal.id)
        ],
    }
    session.execute(insert(ProposalVersion), [row])
    return ProposalVersion(**row)  # as the event carries it; the row is in already


def latest(session: Session, proposal_id: int) -> ProposalVersion | None:
    """The proposal's newest submitted version."""
    return session.scalar(
        select(ProposalVersion)
        .where(ProposalVersion.proposal_id == proposal_id)
        .order_by(ProposalVersion.version_no.desc())
        .limit(1)
    )


def every(session: Session, proposal_id: int) -> list[ProposalVersion]:
    """The proposal's submitted versions, oldest first."""
    return list(
        session.scalars(
            select(ProposalVersion)
            .where(ProposalVersion.proposal_id == proposal_id)
            .order_by(ProposalVersion.version_no)
        )
    )


def snapshot(
    version: ProposalVersion,
    definition: CallDefinition | None,
    *,
    innovator: Person,
    opd_name: str,
    team: tuple[Person, ...] = (),
) -> dict[str, Any]:
    """The fields of a `ProposalSnapshot` event for a frozen version."""
    titles = {a.key: a.title for a in definition.aspects} if definition else {}
    titles |= {f.key: f.label for f in definition.profile} if definition else {}
    sections = [
        Section(key=k, title=titles.get(k, k), text=str(v))
        for k, v in {**version.sections, **_profile_texts(version.profile)}.items()
    ]
    return {
        "proposal_id": version.proposal_id,
        "version_no": version.version_no,
        "title": version.title,
        "summary": version.summary,
        "opd_code": version.opd_code,
        "opd_name": opd_name,
        "innovator": innovator,
        "team": team,
        "call_id": version.call_id,
        "call_version": version.call_version,
        "submitted_at": version.submitted_at,
        "category": version.category,
        "group": version.group,
        "sdgs": tuple(version.sdgs),
        # The profile's urusan (a list of choices) name the proposal's topics for matching.
        "urusan": tuple(str(u) for u in _listed(version.profile.get("urusan"))),
        "sections": tuple(sections),
        "attachments": tuple(a["filename"] for a in version.attachments),
        "files": tuple(
            FileRef(
                id=a["id"],
                kind=a["kind"],
                filename=a["filename"],
                content_type=a.get("content_type") or "",
                size=a.get("size") or 0,
                label=attachment_title(definition, a["kind"]) or "",
            )
            for a in version.attachments
        ),
        "blind": definition.blind if definition else False,
        "profile": {k: v for k, v in version.profile.items() if v not in (None, "", [])},
    }


def _listed(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    return [value] if value else []


def _profile_texts(profile: dict[str, Any]) -> dict[str, str]:
    return {k: ", ".join(v) if isinstance(v, list) else str(v) for k, v in profile.items() if v}
