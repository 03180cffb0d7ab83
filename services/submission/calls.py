"""Calls (periods) as versioned data: create, edit, extend; each version is published as
`call.published`, and a proposal is judged by the version it was submitted under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.submission import audit, clock, directory, states
from services.submission.access import actor, require
from services.submission.definition import CallDefinition
from services.submission.errors import Conflict, NotFound, invalid
from services.submission.models import OUTBOX, AuditEntry, Call, CallVersion, Proposal
from services.submission.rules import can_manage_calls
from services.submission.schemas import CallOut, CallSummary
from shared import runtime
from shared.db import Database, transition
from shared.events import CallPublished, RubricAspect
from shared.outbox import publish, utcnow
from shared.web.auth import CurrentUser


def _db() -> Database:
    return runtime.database("submission")


def definition_of(call: Call) -> CallDefinition:
    """The call's current settings."""
    return CallDefinition.stored(call.definition)


def version_definition(session: Session, call_id: int, version_no: int) -> CallDefinition | None:
    """The call's settings at one version, if it has that version."""
    row = session.scalar(
        select(CallVersion).where(
            CallVersion.call_id == call_id, CallVersion.version_no == version_no
        )
    )
    return CallDefinition.stored(row.definition) if row else None


def definition_for(session: Session, proposal: Proposal) -> CallDefinition | None:
    """The call version a proposal is judged against: the one it was submitted under, else (a
    draft) the call's current one."""
    if proposal.call_id is None:
        return None
    if proposal.call_version:
        frozen = version_definition(session, proposal.call_id, proposal.call_version)
        if frozen is not None and proposal.status not in states.EDITABLE:
            return frozen
    call = session.get(Call, proposal.call_id)
    return definition_of(call) if call else None


def _get(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise NotFound()
    return call


def list_calls() -> list[CallSummary]:
    """Every call, newest first."""
    now = clock.now()
    with _db().session() as s:
        calls = s.scalars(select(Call).order_by(Call.year.desc(), Call.id.desc()))
        return [CallSummary.of(c, now) for c in calls]


def get_call(call_id: int) -> CallOut:
    """One call with its form definition."""
    with _db().session() as s:
        return CallOut.full(_get(s, call_id), clock.now())


def call_version(call_id: int, version_no: int) -> CallDefinition:
    """A call's settings at one version."""
    with _db().session() as s:
        definition = version_definition(s, call_id, version_no)
        if definition is None:
            raise NotFound()
        return definition


@dataclass(frozen=True)
class VersionSummary:
    """One version of a call as its page lists it: when, by whom, why, and how many proposals
    were submitted under it (and so are judged against it)."""

    version_no: int
    created_at: datetime
    author: str | None
    reason: str
    proposals: int


# Proposals that were submitted and not taken back: those a version's rules judge.
_NOT_JUDGED = (states.DRAFT, states.WITHDRAWN)


def versions(call_id: int) -> list[VersionSummary]:
    """The call's versions, newest first, with the count of proposals submitted under each."""
    with _db().session() as s:
        _get(s, call_id)
        rows = s.scalars(
            select(CallVersion)
            .where(CallVersion.call_id == call_id)
            .order_by(CallVersion.version_no.desc())
        ).all()
        counted = s.execute(
            select(Proposal.call_version, func.count())
            .where(Proposal.call_id == call_id, Proposal.status.not_in(_NOT_JUDGED))
            .group_by(Proposal.call_version)
        )
        counts = {version: n for version, n in counted}
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.target == f"call:{call_id}").order_by(AuditEntry.id)
        )
        reasons = {e.details.get("version"): e.reason for e in entries}
    people = directory.people({r.created_by for r in rows if r.created_by is not None})
    return [
        VersionSummary(
            version_no=r.version_no,
            created_at=r.created_at,
            author=people[r.created_by].name if r.created_by in people else None,
            reason=reasons.get(r.version_no, ""),
            proposals=counts.get(r.version_no, 0),
        )
        for r in rows
    ]


def create_call(user: CurrentUser, definition: CallDefinition) -> CallOut:
    """Create a call at version 1 (admin)."""
    require(can_manage_calls(actor(user)))
    with _db().session() as s:
        return CallOut.full(create(s, definition, actor_id=user.id), clock.now())


def create(session: Session, definition: CallDefinition, *, actor_id: int) -> Call:
    """Create a call in the caller's transaction (the seed's way in)."""
    call = Call(version_no=1, definition={})
    session.add(call)
    _write_version(session, call, definition, actor_id)
    audit.record(session, actor_id=actor_id, action="call.create", target=f"call:{call.id}")
    return call


def edit_call(user: CurrentUser, call_id: int, definition: CallDefinition, reason: str) -> CallOut:
    """A new version of the call; proposals submitted under earlier versions keep theirs."""
    require(can_manage_calls(actor(user)))
    with _db().session() as s:
        call = _get(s, call_id)
        _new_version(s, call, definition, actor_id=user.id, reason=reason)
        return CallOut.full(call, clock.now())


def extend_call(user: CurrentUser, call_id: int, closes_at: datetime, reason: str) -> CallOut:
    """Move the call's deadline, with a reason (admin)."""
    require(can_manage_calls(actor(user)))
    with _db().session() as s:
        call = _get(s, call_id)
        if closes_at <= call.opens_at:
            raise invalid("closes_at", "call.deadline_before_open")
        definition = definition_of(call).model_copy(update={"closes_at": closes_at})
        _new_version(s, call, definition, actor_id=user.id, reason=reason, action="call.extend")
        return CallOut.full(call, clock.now())


def _new_version(
    session: Session,
    call: Call,
    definition: CallDefinition,
    *,
    actor_id: int,
    reason: str = "",
    action: str = "call.edit",
) -> None:
    before, seen = call.definition, call.version_no
    if not transition(session, call, {"version_no": [seen]}, {"version_no": seen + 1}):
        raise Conflict("call_changed", "call.changed_meanwhile")  # another edit came first
    _write_version(session, call, definition, actor_id)
    changed = sorted(k for k, v in call.definition.items() if before.get(k) != v)
    audit.record(
        session,
        actor_id=actor_id,
        action=action,
        target=f"call:{call.id}",
        reason=reason,
        details={"version": call.version_no, "changed": changed},
    )


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
    publish(
        session,
        OUTBOX,
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
                    weight=a.scored_weight,
                    max_words=a.max_words,
                    min_words=a.min_words,
                )
                for a in definition.aspects
            ),
            categories=definition.categories,
            groups=definition.groups,
            review_days=definition.review_days,
            settings={
                "check": definition.check.model_dump(mode="json"),
                "bands": [b.model_dump(mode="json") for b in definition.bands],
                "reveal_scores": definition.reveal_scores,
                "public_objection": definition.public_objection,
                "objection_days": definition.objection_days,
            },
        ),
    )
