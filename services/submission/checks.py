"""The verifier's administrative check of a submitted version: what the system reads of it
(the checklist, look-alike proposals), and the verdict: admitted to review, or returned with a
fix-list the innovator works through before submitting again."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.submission import (
    access,
    audit,
    calls,
    content,
    directory,
    proposals,
    states,
    team,
)
from services.submission import timeline as lines
from services.submission import versions as frozen
from services.submission.access import actor, require
from services.submission.definition import CallDefinition
from services.submission.errors import Invalid, SubmissionError, TransitionRefused, invalid
from services.submission.models import OUTBOX, Call, CheckRecord, Proposal, ProposalVersion
from services.submission.moves import move
from services.submission.rules import can_check
from services.submission.schemas import CheckIn, CheckOut, CheckSuggestion, Duplicate, ProposalOut
from services.submission.similarity import Candidate, similar
from shared import runtime
from shared.events import Event, ProposalAdmitted, ProposalRefused, ProposalReturned
from shared.outbox import publish
from shared.web.auth import CurrentUser
from shared.web.i18n import translate

CHECK_ITEMS = ("complete", "eligible_age", "decree_attached", "no_duplicate_title")


def check_suggestion(user: CurrentUser, proposal_id: int) -> CheckSuggestion:
    """What the system can tell the verifier: the checklist as it reads, and look-alikes."""
    require(can_check(actor(user)))
    with runtime.database("submission").session() as s:
        proposal = access.load(s, proposal_id, user)
        latest = frozen.latest(s, proposal_id)
        if latest is None:
            raise TransitionRefused("not_checkable", "proposal.not_checkable")
        definition = calls.definition_for(s, proposal)
        kinds = [a["kind"] for a in latest.attachments]
        problems: list[content.Problem] = []
        items: dict[str, bool | None] = dict.fromkeys(CHECK_ITEMS)
        if definition is not None:
            problems = content.check_complete(
                definition,
                latest.sections,
                latest.profile,
                kinds,
                category=latest.category,
                group=latest.group,
            )
            settings = definition.check
            started = latest.profile.get(settings.started_field or "")
            age = content.age_years(
                started if isinstance(started, str) else None, definition.closes_at.date()
            )
            items["eligible_age"] = None if age is None else age >= settings.min_age_years
            if settings.decree_attachment:
                items["decree_attached"] = settings.decree_attachment in kinds
        items["complete"] = not problems
        duplicates = _duplicates(s, proposal, latest, definition)
        items["no_duplicate_title"] = not any(d.same_title for d in duplicates)
        history = s.scalars(
            select(CheckRecord)
            .where(CheckRecord.proposal_id == proposal_id)
            .order_by(CheckRecord.id)
        )
        return CheckSuggestion(
            proposal_id=proposal_id,
            version_no=latest.version_no,
            items=items,
            problems={f: translate(k, **v) for f, k, v in problems},
            duplicates=duplicates,
            history=[CheckOut.of(r) for r in history],
        )


def _duplicates(
    s: Session, proposal: Proposal, latest: ProposalVersion, definition: CallDefinition | None
) -> list[Duplicate]:
    """Submitted proposals of this call or of calls in the last years that read alike."""
    query = select(Proposal).where(
        Proposal.id != proposal.id,
        Proposal.version_no > 0,
        Proposal.status != states.WITHDRAWN,
    )
    if definition is not None:
        years = definition.check.duplicate_years
        window = select(Call.id).where(
            Call.year >= definition.year - years, Call.year <= definition.year
        )
        query = query.where((Proposal.call_id.in_(window)) | (Proposal.call_id.is_(None)))
    others = list(s.scalars(query))
    text = " ".join([latest.summary, *map(str, latest.sections.values())])
    found = similar(
        latest.title,
        text,
        [
            Candidate(o.id, o.title, " ".join([o.summary, *map(str, o.sections.values())]))
            for o in others
        ],
    )
    by_id = {o.id: o for o in others}
    return [
        Duplicate(
            proposal_id=m.proposal_id,
            title=m.title,
            score=m.score,
            same_title=m.same_title,
            call_id=by_id[m.proposal_id].call_id,
        )
        for m in found
    ]


# decision -> the state machine's action, and the audit log's name of it
ACTIONS = {"pass": "pass_check", "return": "return", "refuse": "refuse"}


def _validate(body: CheckIn) -> None:
    """What a verdict needs before anything is read: known checklist items, all of them ticked
    to pass, a fix-list to return, a reason to refuse."""
    unknown = set(body.items) - set(CHECK_ITEMS)
    if unknown:
        raise Invalid([(f"items.{k}", "field.unknown", {}) for k in sorted(unknown)])
    if body.decision == "pass" and not all(body.items.get(k, False) for k in CHECK_ITEMS):
        raise invalid("items", "check.all_items_needed")
    if body.decision == "return" and not body.fixes:
        raise invalid("fixes", "check.fixes_needed")
    if body.decision == "refuse" and not body.reason:
        raise invalid("reason", "check.reason_needed")


def record_check(user: CurrentUser, proposal_id: int, body: CheckIn) -> ProposalOut:
    """The verifier's verdict on the submitted version, in one transaction of its own:
    `proposal.admitted`, `proposal.returned` with its fix-list, or `proposal.refused` with its
    reason (final); each with its check record, its audit entry and its timeline line."""
    require(can_check(actor(user)))
    _validate(body)
    passed = body.decision == "pass"
    refused = body.decision == "refuse"
    with runtime.database("submission").session() as s:
        proposal, members = access.load_with_team(s, proposal_id, user)
        innovator, people = team.people(user, proposal.innovator_id, members)
        name = directory.agency_name(proposal.opd_code) or proposal.opd_code
        definition = calls.definition_for(s, proposal)
        action = ACTIONS[body.decision]
        if not states.allowed(proposal.status, action):
            raise TransitionRefused("not_checkable", "proposal.not_checkable")
        version = frozen.latest(s, proposal.id)
        assert version is not None  # a submitted proposal always has one
        fixes = list(body.fixes) if body.decision == "return" else []
        move(s, proposal, action, fixes=fixes)
        note = body.reason if refused else body.note
        s.add(
            CheckRecord(
                proposal_id=proposal.id,
                version_no=version.version_no,
                verifier_id=user.id,
                passed=passed,
                verdict=body.decision,
                items=body.items,
                fixes=fixes,
                note=note,
            )
        )
        audit.record(
            s,
            actor_id=user.id,
            action=f"proposal.check.{body.decision}",
            target=f"proposal:{proposal.id}",
            reason=note,
            details={"version": version.version_no, "fixes": len(fixes)},
        )
        event: Event
        values: dict[str, object]
        if passed:
            event = ProposalAdmitted(
                **frozen.snapshot(
                    version, definition, innovator=innovator, opd_name=name, team=people
                )
            )
            key, values = "timeline.admitted", {"version": version.version_no}
        elif refused:
            event = ProposalRefused(
                proposal_id=proposal.id,
                version_no=version.version_no,
                title=version.title,
                innovator=innovator,
                reason=body.reason,
            )
            key = "timeline.refused"
            values = {"version": version.version_no, "reason": body.reason}
        else:
            event = ProposalReturned(
                proposal_id=proposal.id,
                version_no=version.version_no,
                title=version.title,
                innovator=innovator,
                fixes=tuple(fixes),
                note=body.note,
            )
            key, values = "timeline.returned", {"version": version.version_no,
                                                "count": len(fixes)}  # fmt: skip
        lines.append(
            s,
            proposal_id=proposal.id,
            envelope=publish(s, OUTBOX, event),
            detail_key=key,
            detail_values=values,
        )
        s.flush()
        return proposals.out(s, proposal)


@dataclass(frozen=True)
class Outcome:
    """What one proposal of a bulk check came to: checked, or refused (the refusal's message
    key and values, for the page to say in the reader's words)."""

    proposal_id: int
    title: str
    error: str | None = None
    values: dict[str, object] = field(default_factory=dict)


def record_checks(user: CurrentUser, chosen: list[ProposalOut], body: CheckIn) -> list[Outcome]:
    """The same verdict on each chosen proposal, each through `record_check` in a transaction
    of its own: one refused (another verifier was first, the proposal moved on) leaves the
    others checked, and says why."""
    require(can_check(actor(user)))
    _validate(body)
    done: list[Outcome] = []
    for proposal in chosen:
        try:
            record_check(user, proposal.id, body)
        except SubmissionError as exc:
            done.append(Outcome(proposal.id, proposal.title, exc.message_key, dict(exc.values)))
        else:
            done.append(Outcome(proposal.id, proposal.title))
    return done
