"""Every state change of calls and proposals: mutate, append to the timeline, publish — all in
the caller's one transaction. Authorisation and input parsing happen before (usecases)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from services.submission import states
from services.submission.definition import CallDefinition
from services.submission.models import (
    OUTBOX,
    Attachment,
    AuditEntry,
    Call,
    CallVersion,
    CheckRecord,
    Proposal,
    ProposalVersion,
    TeamMember,
    TimelineEntry,
)
from shared.consumer import correlation_id
from shared.events import (
    CallPublished,
    Envelope,
    Event,
    Person,
    ProposalAdmitted,
    ProposalReturned,
    ProposalSubmitted,
    ProposalWithdrawn,
    RubricAspect,
    Section,
    TeamInvited,
)
from shared.logs import origin_provider
from shared.outbox import publish, publish_all, utcnow

CONTENT_FIELDS = (
    "title",
    "summary",
    "opd_code",
    "category",
    "group",
    "sdgs",
    "sections",
    "profile",
    "video_url",
)


class TransitionError(Exception):
    """The proposal is not in a state that allows this action."""

    def __init__(self, code: str, message_key: str) -> None:
        super().__init__(code)
        self.code = code
        self.message_key = message_key


def _publish(session: Session, event: Event) -> Envelope:
    return publish(session, OUTBOX, event, correlation_id=correlation_id.get())


def audit(
    session: Session,
    *,
    actor_id: int,
    action: str,
    target: str,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Record an admin's action with its reason, and where it came from (the request's
    origin, when there is one)."""
    provider = origin_provider.get()
    origin = provider() if provider is not None else None
    where = {"ip": origin.ip, "role": origin.role} if origin is not None else {}
    session.add(
        AuditEntry(
            actor_id=actor_id,
            action=action,
            target=target,
            reason=reason,
            details={**(details or {}), **where},
        )
    )


# --- calls -----------------------------------------------------------------------------------


def definition_of(call: Call) -> CallDefinition:
    return CallDefinition.model_validate(call.definition)


def version_definition(session: Session, call_id: int, version_no: int) -> CallDefinition | None:
    row = session.scalar(
        select(CallVersion).where(
            CallVersion.call_id == call_id, CallVersion.version_no == version_no
        )
    )
    return CallDefinition.model_validate(row.definition) if row else None


def _write_version(session: Session, call: Call, definition: CallDefinition, actor_id: int) -> None:
    stored = definition.model_dump(mode="json")
    call.name, call.year = definition.name, definition.year
    call.opens_at, call.closes_at = definition.opens_at, definition.closes_at
    call.definition = stored
    call.updated_at = utcnow()
    session.flush()
    session.add(
        CallVersion(
            call_id=call.id, version_no=call.version_no, definition=stored, created_by=actor_id
        )
    )
    _publish(
        session,
        CallPublished(
            call_id=call.id,
            version_no=call.version_no,
            call_name=definition.name,
            year=definition.year,
            opens_at=definition.opens_at,
            closes_at=definition.closes_at,
            evaluators_per_proposal=definition.evaluators_per_proposal,
            blind=definition.blind,
            scale_min=definition.scale_min,
            scale_max=definition.scale_max,
            aspects=tuple(
                RubricAspect(
                    key=a.key,
                    title=a.title,
                    weight=a.weight,
                    max_words=a.max_words,
                    min_words=a.min_words,
                )
                for a in definition.aspects
            ),
            categories=definition.categories,
            groups=definition.groups,
            review_days=definition.review_days,
            settings={"check": definition.check.model_dump(mode="json")},
        ),
    )


def create_call(session: Session, definition: CallDefinition, *, actor_id: int) -> Call:
    call = Call(version_no=1, definition={})
    session.add(call)
    _write_version(session, call, definition, actor_id)
    audit(session, actor_id=actor_id, action="call.create", target=f"call:{call.id}")
    return call


def edit_call(
    session: Session,
    call: Call,
    definition: CallDefinition,
    *,
    actor_id: int,
    reason: str = "",
    action: str = "call.edit",
) -> Call:
    """A new version of the call; proposals submitted under earlier versions keep theirs."""
    before = call.definition
    call.version_no += 1
    _write_version(session, call, definition, actor_id)
    changed = sorted(k for k, v in call.definition.items() if before.get(k) != v)
    audit(
        session,
        actor_id=actor_id,
        action=action,
        target=f"call:{call.id}",
        reason=reason,
        details={"version": call.version_no, "changed": changed},
    )
    return call


def extend_call(
    session: Session, call: Call, closes_at: datetime, *, actor_id: int, reason: str
) -> Call:
    definition = definition_of(call).model_copy(update={"closes_at": closes_at})
    return edit_call(
        session, call, definition, actor_id=actor_id, reason=reason, action="call.extend"
    )


def extend_proposal(
    session: Session, proposal: Proposal, until: datetime, *, actor_id: int, reason: str
) -> Proposal:
    proposal.deadline_override = until
    proposal.updated_at = utcnow()
    audit(
        session,
        actor_id=actor_id,
        action="proposal.extend",
        target=f"proposal:{proposal.id}",
        reason=reason,
        details={"until": until.isoformat()},
    )
    session.flush()
    return proposal


# --- proposals -------------------------------------------------------------------------------


def create_draft(
    session: Session,
    *,
    title: str,
    summary: str,
    opd_code: str,
    innovator_id: int,
    call: Call | None = None,
    fields: dict[str, Any] | None = None,
) -> Proposal:
    proposal = Proposal(
        title=title,
        summary=summary,
        opd_code=opd_code,
        innovator_id=innovator_id,
        status=states.DRAFT,
        call_id=call.id if call else None,
        sdgs=[],
        sections={},
        profile={},
        fixes=[],
        evaluator_ids=[],
    )
    for name, value in (fields or {}).items():
        if name in CONTENT_FIELDS and value is not None:
            setattr(proposal, name, value)
    session.add(proposal)
    session.flush()
    return proposal


# What a submitted version freezes of its proposal.
FROZEN = (
    Proposal.version_no, Proposal.title, Proposal.summary, Proposal.opd_code, Proposal.call_id,
    Proposal.category, Proposal.group, Proposal.sdgs, Proposal.sections, Proposal.profile,
    Proposal.video_url,
)  # fmt: skip


def hold_for_edit(session: Session, proposal: Proposal) -> None:
    """Take the draft for this unit of work, or refuse with `not_editable` when it is no longer
    one: a conditional update, so an edit and a submit racing each other are put in order. On
    PostgreSQL the later one waits for the earlier one's row lock, then sees its result (a submit
    claimed first refuses the edit; an edit held first is in the version the submit freezes);
    SQLite has one writer at a time. It returns the content as it stands under the hold, so a
    partial update merges into what another edit committed a moment before, not into what this
    request read."""
    held = session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id, Proposal.status.in_(states.TRANSITIONS["edit"]))
        .values(updated_at=utcnow())
        .returning(Proposal.updated_at, *FROZEN)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if held is None:
        raise TransitionError("not_editable", "proposal.not_editable")
    for key, value in held._asdict().items():
        set_committed_value(proposal, key, value)


def update_draft(session: Session, proposal: Proposal, changes: dict[str, Any]) -> Proposal:
    """Apply a draft's changes; the caller holds it (`hold_for_edit`)."""
    if not states.allowed(proposal.status, "edit"):
        raise TransitionError("not_editable", "proposal.not_editable")
    for name in CONTENT_FIELDS:
        if name in changes and changes[name] is not None:
            value = changes[name]
            if name in {"sections", "profile"}:  # a partial update merges (autosave sends one)
                value = {**getattr(proposal, name), **value}
            setattr(proposal, name, value)
    proposal.updated_at = utcnow()
    session.flush()
    return proposal


def attachments(session: Session, proposal_id: int) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment).where(Attachment.proposal_id == proposal_id).order_by(Attachment.id)
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
        "sections": tuple(sections),
        "attachments": tuple(a["filename"] for a in version.attachments),
        "blind": definition.blind if definition else False,
    }


def _profile_texts(profile: dict[str, Any]) -> dict[str, str]:
    return {k: ", ".join(v) if isinstance(v, list) else str(v) for k, v in profile.items() if v}


def submit(
    session: Session,
    proposal: Proposal,
    *,
    innovator: Person,
    opd_name: str,
    call: Call | None,
    now: datetime,
    team: tuple[Person, ...] = (),
) -> ProposalVersion:
    """Freeze a numbered version and publish `proposal.submitted`; when the call has no
    administrative check, `proposal.admitted` too."""
    definition = definition_of(call) if call else None
    check = definition is not None and definition.check.enabled
    after = states.SUBMITTED if check else states.ADMITTED
    # A conditional update, so two racing submits cannot both pass the state check. It returns
    # the row as it claimed it: the version freezes that, an edit committed a moment before too.
    values: dict[str, Any] = {
        "status": after,
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
        raise TransitionError("already_submitted", "proposal.already_submitted")
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
            {"id": a.id, "kind": a.kind, "filename": a.filename, "sha256": a.sha256, "size": a.size}
            for a in attachments(session, proposal.id)
        ],
    }
    session.execute(insert(ProposalVersion), [row])
    version = ProposalVersion(**row)  # as the event carries it; the row is in already
    fields = snapshot(version, definition, innovator=innovator, opd_name=opd_name, team=team)
    events: list[Event] = [ProposalSubmitted(**fields)]
    if not check:
        events.append(ProposalAdmitted(**fields))
    envelope = publish_all(session, OUTBOX, events, correlation_id=correlation_id.get())[0]
    append_timeline(
        session,
        proposal_id=proposal.id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key="timeline.submitted",
        detail_values={"version": version.version_no},
    )
    return version


def latest_version(session: Session, proposal_id: int) -> ProposalVersion | None:
    return session.scalar(
        select(ProposalVersion)
        .where(ProposalVersion.proposal_id == proposal_id)
        .order_by(ProposalVersion.version_no.desc())
        .limit(1)
    )


def record_check(
    session: Session,
    proposal: Proposal,
    *,
    verifier_id: int,
    passed: bool,
    items: dict[str, bool],
    fixes: list[str],
    note: str,
    innovator: Person,
    opd_name: str,
    definition: CallDefinition | None,
    team: tuple[Person, ...] = (),
) -> CheckRecord:
    """The verifier's verdict on the submitted version: admitted to review, or returned with a
    fix-list (the innovator edits and submits again)."""
    action = "pass_check" if passed else "return"
    if not states.allowed(proposal.status, action):
        raise TransitionError("not_checkable", "proposal.not_checkable")
    version = latest_version(session, proposal.id)
    assert version is not None  # a submitted proposal always has one
    proposal.status = states.next_state(proposal.status, action)
    proposal.fixes = [] if passed else list(fixes)
    proposal.updated_at = utcnow()
    record = CheckRecord(
        proposal_id=proposal.id,
        version_no=version.version_no,
        verifier_id=verifier_id,
        passed=passed,
        items=items,
        fixes=list(fixes),
        note=note,
    )
    session.add(record)
    if passed:
        event: Event = ProposalAdmitted(
            **snapshot(version, definition, innovator=innovator, opd_name=opd_name, team=team)
        )
        key, values = "timeline.admitted", {"version": version.version_no}
    else:
        event = ProposalReturned(
            proposal_id=proposal.id,
            version_no=version.version_no,
            title=version.title,
            innovator=innovator,
            fixes=tuple(fixes),
            note=note,
        )
        key, values = "timeline.returned", {"version": version.version_no, "count": len(fixes)}
    envelope = _publish(session, event)
    append_timeline(
        session,
        proposal_id=proposal.id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key=key,
        detail_values=values,
    )
    session.flush()
    return record


def withdraw(session: Session, proposal: Proposal, *, innovator: Person, actor_id: int) -> None:
    if not states.allowed(proposal.status, "withdraw"):
        raise TransitionError("not_withdrawable", "proposal.not_withdrawable")
    was_submitted = proposal.version_no > 0
    proposal.status = states.WITHDRAWN
    proposal.updated_at = utcnow()
    audit(session, actor_id=actor_id, action="proposal.withdraw", target=f"proposal:{proposal.id}")
    if not was_submitted:
        session.flush()
        return
    envelope = _publish(
        session,
        ProposalWithdrawn(proposal_id=proposal.id, title=proposal.title, innovator=innovator),
    )
    append_timeline(
        session,
        proposal_id=proposal.id,
        event_id=envelope.event_id,
        event=envelope.name,
        detail_key="timeline.withdrawn",
    )
    session.flush()


def add_attachment(session: Session, attachment: Attachment) -> Attachment:
    session.add(attachment)
    session.flush()
    return attachment


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
    session.execute(
        insert(TimelineEntry),
        [
            {
                "proposal_id": proposal_id,
                "event_id": event_id,
                "event": event,
                "at": utcnow(),
                "detail_key": detail_key,
                "detail_values": detail_values or {},
                "link": link,
            }
        ],
    )


def timeline(session: Session, proposal_id: int) -> list[TimelineEntry]:
    return list(
        session.scalars(
            select(TimelineEntry)
            .where(TimelineEntry.proposal_id == proposal_id)
            .order_by(TimelineEntry.at, TimelineEntry.id)
        )
    )


def invite(
    session: Session, proposal: Proposal, *, invitee: Person, inviter_name: str, by: int
) -> TeamMember:
    """Add the invitee to the team, not yet accepted, and mail them (through notifications)."""
    member = TeamMember(
        proposal_id=proposal.id, email=invitee.email, user_id=invitee.id, invited_by=by
    )
    session.add(member)
    session.flush()
    invited = TeamInvited(
        proposal_id=proposal.id,
        title=proposal.title,
        invitee=invitee,
        inviter_name=inviter_name,
        accept_path="/proposals",
    )
    publish(session, OUTBOX, invited)
    return member


def accept(session: Session, member: TeamMember) -> TeamMember:
    member.accepted = True
    member.accepted_at = utcnow()
    session.flush()
    return member
