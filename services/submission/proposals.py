"""Proposals: a draft is created and edited, submitted as a frozen version, withdrawn, given a
later deadline; its versions and timeline are read by whoever may read it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from services.submission import (
    access,
    audit,
    calls,
    clock,
    compare,
    confirmations,
    content,
    directory,
    ratelimit,
    states,
    team,
)
from services.submission import timeline as lines
from services.submission import versions as frozen
from services.submission.access import actor, check_agency, owned, require
from services.submission.definition import CallDefinition, attachment_title
from services.submission.errors import Conflict, Invalid, NotFound, TransitionRefused, invalid
from services.submission.models import OUTBOX, Call, Proposal, ProposalVersion
from services.submission.moves import move
from services.submission.rules import can_manage_calls, can_move_agency
from services.submission.schemas import (
    ProposalCreate,
    ProposalOut,
    SubmitAccepted,
    TimelineItem,
    VersionOut,
)
from shared import formats, runtime
from shared.db import Database
from shared.events import (
    Event,
    Person,
    ProposalAdmitted,
    ProposalSubmitted,
    ProposalWithdrawn,
)
from shared.outbox import publish, publish_all, utcnow
from shared.timezone import to_wib
from shared.web.auth import CurrentUser
from shared.web.i18n import current_language, translate

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


def _db() -> Database:
    return runtime.database("submission")


def out(session: Session, proposal: Proposal) -> ProposalOut:
    """The proposal as the API shows it, with the deadline that applies to it."""
    definition = calls.definition_for(session, proposal)
    deadline = definition.deadline(proposal.deadline_override) if definition else None
    return ProposalOut.of(proposal, to_wib(deadline) if deadline else None)


# --- drafts ----------------------------------------------------------------------------------


def create(user: CurrentUser, body: ProposalCreate) -> ProposalOut:
    """Create a draft, in a call (checked against its form) or outside any."""
    code, _ = check_agency(user, body.opd_code)
    fields = body.model_dump(exclude={"title", "summary", "opd_code", "call_id"}, exclude_none=True)
    with _db().session() as s:
        call = None
        if body.call_id is not None:
            call = s.get(Call, body.call_id)
            if call is None:
                raise invalid("call_id", "proposal.unknown_call")
            definition = calls.definition_of(call)
            if clock.now().replace(microsecond=0) > definition.closes_at:
                raise Conflict("call_closed", "proposal.call_closed")
            problems = content.check_shape(
                definition, fields.get("sections", {}), fields.get("profile", {})
            )
            if problems:
                raise Invalid(problems)
        elif body.sections or body.profile:
            raise invalid("sections" if body.sections else "profile", "field.unknown")
        elif not body.summary:
            raise invalid("summary", "field.required")
        proposal = record_draft(
            s,
            title=body.title,
            summary=body.summary,
            opd_code=code,
            innovator_id=user.id,
            call=call,
            fields=fields,
        )
        return out(s, proposal)


def record_draft(
    session: Session,
    *,
    title: str,
    summary: str,
    opd_code: str,
    innovator_id: int,
    call: Call | None = None,
    fields: dict[str, Any] | None = None,
) -> Proposal:
    """Add a draft in the caller's transaction, its rules already checked."""
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


def form_definition(user: CurrentUser, proposal_id: int) -> CallDefinition | None:
    """The call version the proposal's form and rules come from (None without a call)."""
    with _db().session() as s:
        return calls.definition_for(s, access.load(s, proposal_id, user))


def show(user: CurrentUser, proposal_id: int) -> ProposalOut:
    """One proposal the user may read."""
    with _db().session() as s:
        return out(s, access.load(s, proposal_id, user))


def hold_for_edit(session: Session, proposal: Proposal) -> None:
    """Take the draft for this unit of work, or refuse with `not_editable` when it is no longer
    one: a conditional update, so an edit and a submit racing each other are put in order. On
    PostgreSQL the later one waits for the earlier one's row lock, then sees its result (a submit
    claimed first refuses the edit; an edit held first is in the version the submit freezes);
    SQLite has one writer at a time. It returns the content as it stands under the hold, so a
    partial update merges into what another edit committed a moment before, not into what this
    request read."""
    held = session.execute(
        sql_update(Proposal)
        .where(Proposal.id == proposal.id, Proposal.status.in_(states.TRANSITIONS["edit"]))
        .values(updated_at=utcnow())
        .returning(Proposal.updated_at, *frozen.FROZEN)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if held is None:
        raise TransitionRefused("not_editable", "proposal.not_editable")
    for key, value in held._asdict().items():
        set_committed_value(proposal, key, value)


def update(user: CurrentUser, proposal_id: int, changes: dict[str, Any]) -> ProposalOut:
    """Edit a draft or a returned proposal; `sections` and `profile` merge (autosave sends
    one field)."""
    with _db().session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        hold_for_edit(s, proposal)
        if changes.get("opd_code") not in (None, proposal.opd_code):
            if not can_move_agency(actor(user), owned(proposal), proposal.status):
                raise invalid("opd_code", "proposal.agency_owner_only")
            check_agency(user, changes["opd_code"])
        definition = calls.definition_for(s, proposal)
        if definition is not None:
            problems = content.check_shape(
                definition,
                {**proposal.sections, **(changes.get("sections") or {})},
                {**proposal.profile, **(changes.get("profile") or {})},
            )
            if problems:
                raise Invalid(problems)
        if not states.allowed(proposal.status, "edit"):
            raise TransitionRefused("not_editable", "proposal.not_editable")
        for name in CONTENT_FIELDS:
            if name in changes and changes[name] is not None:
                value = changes[name]
                if name in {"sections", "profile"}:
                    value = {**getattr(proposal, name), **value}
                setattr(proposal, name, value)
        proposal.updated_at = utcnow()
        s.flush()
        return out(s, proposal)


# --- submit, withdraw, extend ----------------------------------------------------------------


def submit(user: CurrentUser, proposal_id: int) -> SubmitAccepted:
    """Submit (or resubmit) when the call is open and the proposal complete: a frozen version,
    `proposal.submitted` (and `proposal.admitted` when the call has no check) in the outbox."""
    now = clock.now()
    with _db().session() as s:
        proposal, members = access.load_with_team(s, proposal_id, user, edit=True)
        ratelimit.check_submit(user.id, proposal_id)
        call = confirmations.submittable(s, proposal, now)
        innovator, people = team.people(user, proposal.innovator_id, members)
        name = directory.agency_name(proposal.opd_code) or proposal.opd_code
        version = record_submit(
            s, proposal, innovator=innovator, opd_name=name, call=call, now=now, team=people
        )
        return SubmitAccepted(id=proposal.id, status=proposal.status, version_no=version.version_no)


def record_submit(
    session: Session,
    proposal: Proposal,
    *,
    innovator: Person,
    opd_name: str,
    call: Call | None,
    now: datetime,
    team: tuple[Person, ...] = (),
) -> ProposalVersion:
    """Freeze a numbered version and publish `proposal.submitted` in the caller's transaction;
    when the call has no administrative check, `proposal.admitted` too."""
    definition = calls.definition_of(call) if call else None
    check = definition is not None and definition.check.enabled
    after = states.SUBMITTED if check else states.ADMITTED
    version = frozen.claim(
        session, proposal, status=after, call=call, now=now, definition=definition
    )
    if version is None:
        raise TransitionRefused("already_submitted", "proposal.already_submitted")
    fields = frozen.snapshot(version, definition, innovator=innovator, opd_name=opd_name, team=team)
    events: list[Event] = [ProposalSubmitted(**fields)]
    if not check:
        events.append(ProposalAdmitted(**fields))
    envelope = publish_all(session, OUTBOX, events)[0]
    lines.append(
        session,
        proposal_id=proposal.id,
        envelope=envelope,
        detail_key="timeline.submitted",
        detail_values={"version": version.version_no},
    )
    return version


def withdraw(user: CurrentUser, proposal_id: int) -> ProposalOut:
    """Withdraw before review starts; a submitted one publishes `proposal.withdrawn`."""
    with _db().session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        innovator, _ = team.people(user, proposal.innovator_id, ())
        if not states.allowed(proposal.status, "withdraw"):
            raise TransitionRefused("not_withdrawable", "proposal.not_withdrawable")
        was_submitted = proposal.version_no > 0
        move(s, proposal, "withdraw")
        audit.record(
            s, actor_id=user.id, action="proposal.withdraw", target=f"proposal:{proposal.id}"
        )
        if was_submitted:
            withdrawn = ProposalWithdrawn(
                proposal_id=proposal.id, title=proposal.title, innovator=innovator
            )
            lines.append(
                s,
                proposal_id=proposal.id,
                envelope=publish(s, OUTBOX, withdrawn),
                detail_key="timeline.withdrawn",
            )
        s.flush()
        return out(s, proposal)


def extend_proposal(
    user: CurrentUser, proposal_id: int, until: datetime, reason: str
) -> ProposalOut:
    """Give one proposal a later deadline, with a reason (admin)."""
    require(can_manage_calls(actor(user)))
    with _db().session() as s:
        proposal = access.load(s, proposal_id, user)
        if proposal.call_id is None:
            raise Conflict("no_call", "proposal.no_call")
        proposal.deadline_override = until
        proposal.updated_at = utcnow()
        audit.record(
            s,
            actor_id=user.id,
            action="proposal.extend",
            target=f"proposal:{proposal.id}",
            reason=reason,
            details={"until": until.isoformat()},
        )
        s.flush()
        return out(s, proposal)


# --- versions and timeline -------------------------------------------------------------------


def versions(user: CurrentUser, proposal_id: int) -> list[VersionOut]:
    """Every submitted version, frozen."""
    with _db().session() as s:
        access.load(s, proposal_id, user)
        return [VersionOut.of(v) for v in frozen.every(s, proposal_id)]


def version(user: CurrentUser, proposal_id: int, version_no: int) -> VersionOut:
    """One submitted version."""
    for v in versions(user, proposal_id):
        if v.version_no == version_no:
            return v
    raise NotFound()


def kind_label(kind: str, definition: CallDefinition | None) -> str:
    """An attachment kind in words: the call's label for a required file, "Supporting file:
    <aspect>" for an aspect's, "Other file" otherwise; never the code."""
    title = attachment_title(definition, kind)
    if title is not None and kind.startswith("aspect:"):
        return f"{translate('ui.supporting')}: {title}"
    return title or translate("ui.other_file")


def compare_rows(
    left: VersionOut | None, right: VersionOut | None, definition: CallDefinition | None
) -> list[compare.Row]:
    """Two versions side by side, labelled in the user's language."""
    return compare.rows(
        left.model_dump() if left else None,
        right.model_dump() if right else None,
        definition,
        labels={k: translate(f"ui.{k}") for k in compare.FIXED},
        kind_label=lambda kind: kind_label(kind, definition),
    )


def timeline(user: CurrentUser, proposal_id: int) -> list[TimelineItem]:
    """The proposal's timeline as the user reads it."""
    with _db().session() as s:
        access.load(s, proposal_id, user)
        language = current_language()
        return [
            TimelineItem.of(e, lines.describe(e), formats.moment(e.at, language))
            for e in lines.entries(s, proposal_id)
        ]
