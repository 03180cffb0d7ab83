"""The verifier's administrative check of a submitted version: what the system reads of it
(the checklist, look-alike proposals), and the verdict: admitted to review, or returned with a
fix-list the innovator works through before submitting again."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.submission import access, calls, content, directory, proposals, states, team
from services.submission import timeline as lines
from services.submission import versions as frozen
from services.submission.access import actor, require
from services.submission.definition import CallDefinition
from services.submission.errors import Invalid, TransitionRefused, invalid
from services.submission.models import OUTBOX, Call, CheckRecord, Proposal, ProposalVersion
from services.submission.moves import move
from services.submission.rules import can_check
from services.submission.schemas import CheckIn, CheckOut, CheckSuggestion, Duplicate, ProposalOut
from services.submission.similarity import Candidate, similar
from shared import runtime
from shared.events import Event, ProposalAdmitted, ProposalReturned
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


def record_check(user: CurrentUser, proposal_id: int, body: CheckIn) -> ProposalOut:
    """The verifier's verdict on the submitted version: `proposal.admitted`, or
    `proposal.returned` with its fix-list."""
    require(can_check(actor(user)))
    passed = body.decision == "pass"
    unknown = set(body.items) - set(CHECK_ITEMS)
    if unknown:
        raise Invalid([(f"items.{k}", "field.unknown", {}) for k in sorted(unknown)])
    if passed and not all(body.items.get(k, False) for k in CHECK_ITEMS):
        raise invalid("items", "check.all_items_needed")
    if not passed and not body.fixes:
        raise invalid("fixes", "check.fixes_needed")
    with runtime.database("submission").session() as s:
        proposal, members = access.load_with_team(s, proposal_id, user)
        innovator, people = team.people(user, proposal.innovator_id, members)
        name = directory.agency_name(proposal.opd_code) or proposal.opd_code
        definition = calls.definition_for(s, proposal)
        action = "pass_check" if passed else "return"
        if not states.allowed(proposal.status, action):
            raise TransitionRefused("not_checkable", "proposal.not_checkable")
        version = frozen.latest(s, proposal.id)
        assert version is not None  # a submitted proposal always has one
        move(s, proposal, action, fixes=[] if passed else list(body.fixes))
        s.add(
            CheckRecord(
                proposal_id=proposal.id,
                version_no=version.version_no,
                verifier_id=user.id,
                passed=passed,
                items=body.items,
                fixes=list(body.fixes),
                note=body.note,
            )
        )
        if passed:
            event: Event = ProposalAdmitted(
                **frozen.snapshot(
                    version, definition, innovator=innovator, opd_name=name, team=people
                )
            )
            key, values = "timeline.admitted", {"version": version.version_no}
        else:
            event = ProposalReturned(
                proposal_id=proposal.id,
                version_no=version.version_no,
                title=version.title,
                innovator=innovator,
                fixes=tuple(body.fixes),
                note=body.note,
            )
            key, values = "timeline.returned", {"version": version.version_no,
                                                "count": len(body.fixes)}  # fmt: skip
        lines.append(
            s,
            proposal_id=proposal.id,
            envelope=publish(s, OUTBOX, event),
            detail_key=key,
            detail_values=values,
        )
        s.flush()
        return proposals.out(s, proposal)
