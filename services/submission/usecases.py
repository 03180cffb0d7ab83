"""What the API and the pages both do: authorise, check the rules, open one transaction, call an
operation. Every refusal is an `ApiError` with a message in the user's language."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.identity.accounts import find_user_by_email
from services.identity.models import Agency, User
from services.submission import (
    access,
    clock,
    compare,
    content,
    filenames,
    files,
    operations,
    ratelimit,
    sniff,
    states,
)
from services.submission import export as exporting
from services.submission.access import (
    actor,
    agency_name,
    check_agency,
    describe,
    load,
    load_with_team,
)
from services.submission.definition import CallDefinition
from services.submission.models import (
    Attachment,
    AuditEntry,
    Call,
    CheckRecord,
    Proposal,
    ProposalVersion,
    TeamMember,
)
from services.submission.rules import can_check, can_manage_calls, can_manage_team
from services.submission.schemas import (
    AttachmentOut,
    AuditOut,
    CallOut,
    CallSummary,
    CheckIn,
    CheckOut,
    CheckSuggestion,
    Duplicate,
    InvitationOut,
    ProposalCreate,
    ProposalOut,
    SubmitAccepted,
    TeamMemberOut,
    TimelineItem,
    VersionOut,
)
from services.submission.similarity import Candidate, similar
from shared import runtime
from shared.events import Person
from shared.timezone import WIB, to_wib
from shared.web.auth import CurrentUser
from shared.web.errors import ApiError
from shared.web.i18n import translate, translate_in

T = TypeVar("T")
MB = 1024 * 1024
CHECK_ITEMS = ("complete", "eligible_age", "decree_attached", "no_duplicate_title")


def _db() -> Any:
    return runtime.database("submission")


def _guard(action: Callable[[], T]) -> T:
    try:
        return action()
    except operations.TransitionError as exc:
        raise ApiError(409, exc.code, exc.message_key) from exc


def _invalid(problems: Sequence[content.Problem]) -> ApiError:
    return ApiError(
        422,
        "validation",
        "error.validation",
        {field: translate(key, **values) for field, key, values in problems},
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise ApiError(403, "forbidden", "error.forbidden")


# --- calls -----------------------------------------------------------------------------------


def _get_call(s: Session, call_id: int) -> Call:
    call = s.get(Call, call_id)
    if call is None:
        raise ApiError(404, "not_found", "error.not_found")
    return call


def list_calls() -> list[CallSummary]:
    now = clock.now()
    with _db().session() as s:
        calls = s.scalars(select(Call).order_by(Call.year.desc(), Call.id.desc()))
        return [CallSummary.of(c, now) for c in calls]


def get_call(call_id: int) -> CallOut:
    with _db().session() as s:
        return CallOut.full(_get_call(s, call_id), clock.now())


def create_call(user: CurrentUser, definition: CallDefinition) -> CallOut:
    _require(can_manage_calls(actor(user)))
    with _db().session() as s:
        return CallOut.full(operations.create_call(s, definition, actor_id=user.id), clock.now())


def edit_call(user: CurrentUser, call_id: int, definition: CallDefinition, reason: str) -> CallOut:
    _require(can_manage_calls(actor(user)))
    with _db().session() as s:
        call = _get_call(s, call_id)
        operations.edit_call(s, call, definition, actor_id=user.id, reason=reason)
        return CallOut.full(call, clock.now())


def extend_call(user: CurrentUser, call_id: int, closes_at: datetime, reason: str) -> CallOut:
    _require(can_manage_calls(actor(user)))
    with _db().session() as s:
        call = _get_call(s, call_id)
        if closes_at <= call.opens_at:
            raise ApiError(
                422,
                "validation",
                "error.validation",
                {"closes_at": translate("call.deadline_before_open")},
            )
        operations.extend_call(s, call, closes_at, actor_id=user.id, reason=reason)
        return CallOut.full(call, clock.now())


def call_version(call_id: int, version_no: int) -> CallDefinition:
    with _db().session() as s:
        definition = operations.version_definition(s, call_id, version_no)
        if definition is None:
            raise ApiError(404, "not_found", "error.not_found")
        return definition


def audit_log(user: CurrentUser, target: str | None = None, limit: int = 500) -> list[AuditOut]:
    _require(can_manage_calls(actor(user)))
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if target:
        query = query.where(AuditEntry.target == target)
    with _db().session() as s:
        return [
            AuditOut(
                at=e.at,
                actor_id=e.actor_id,
                action=e.action,
                target=e.target,
                reason=e.reason,
                details=e.details,
            )
            for e in s.scalars(query)
        ]


# --- proposals -------------------------------------------------------------------------------


def _definition(s: Session, proposal: Proposal) -> CallDefinition | None:
    """The call version a proposal is judged against: the one it was submitted under, else (a
    draft) the call's current one."""
    if proposal.call_id is None:
        return None
    if proposal.call_version:
        frozen = operations.version_definition(s, proposal.call_id, proposal.call_version)
        if frozen is not None and proposal.status not in states.EDITABLE:
            return frozen
    call = s.get(Call, proposal.call_id)
    return operations.definition_of(call) if call else None


def _out(s: Session, proposal: Proposal) -> ProposalOut:
    definition = _definition(s, proposal)
    deadline = definition.deadline(proposal.deadline_override) if definition else None
    return ProposalOut.of(proposal, to_wib(deadline) if deadline else None)


def create(user: CurrentUser, body: ProposalCreate) -> ProposalOut:
    code, _ = check_agency(user, body.opd_code)
    fields = body.model_dump(exclude={"title", "summary", "opd_code", "call_id"}, exclude_none=True)
    with _db().session() as s:
        call = None
        if body.call_id is not None:
            call = s.get(Call, body.call_id)
            if call is None:
                raise ApiError(
                    422,
                    "validation",
                    "error.validation",
                    {"call_id": translate("proposal.unknown_call")},
                )
            definition = operations.definition_of(call)
            if clock.now().replace(microsecond=0) > definition.closes_at:
                raise ApiError(409, "call_closed", "proposal.call_closed")
            problems = content.check_shape(
                definition, fields.get("sections", {}), fields.get("profile", {})
            )
            if problems:
                raise _invalid(problems)
        elif body.sections or body.profile:
            field = "sections" if body.sections else "profile"
            raise ApiError(
                422, "validation", "error.validation", {field: translate("field.unknown")}
            )
        elif not body.summary:
            raise ApiError(
                422, "validation", "error.validation", {"summary": translate("field.required")}
            )
        proposal = operations.create_draft(
            s,
            title=body.title,
            summary=body.summary,
            opd_code=code,
            innovator_id=user.id,
            call=call,
            fields=fields,
        )
        return _out(s, proposal)


def visible_query(user: CurrentUser) -> Any:
    query = select(Proposal).order_by(Proposal.updated_at.desc(), Proposal.id.desc())
    if user.role == "operator":
        query = query.where(Proposal.opd_code == user.opd_code)
    elif user.role not in {"admin", "verifier"}:
        mine = select(TeamMember.proposal_id).where(
            TeamMember.user_id == user.id, TeamMember.accepted.is_(True)
        )
        query = query.where((Proposal.innovator_id == user.id) | Proposal.id.in_(mine))
    return query


def visible(user: CurrentUser, limit: int = 500, **filters: Any) -> list[ProposalOut]:
    query = visible_query(user).limit(limit)
    for name in ("status", "call_id", "opd_code", "category"):
        if filters.get(name) is not None:
            query = query.where(getattr(Proposal, name) == filters[name])
    with _db().session() as s:
        return [ProposalOut.of(p) for p in s.scalars(query)]


def export(user: CurrentUser, kind: str, **filters: Any) -> tuple[bytes, str, str]:
    """The filtered list the user may read as (bytes, mimetype, file name)."""
    listed = visible(user, limit=100_000, **filters)
    with _db().session() as s:
        names = {c.id: c.name for c in s.scalars(select(Call))}
    with runtime.database("identity").session() as s:
        agencies = {a.code: a.name for a in s.scalars(select(Agency))}
    table = exporting.rows(
        listed,
        agency=lambda code: agencies.get(code, code),
        call_name=lambda call_id: names.get(call_id, "") if call_id else "",
        label=lambda key: translate_in("id", key),
    )
    stamp = clock.now().astimezone(WIB).strftime("%Y%m%d-%H%M")
    if kind == "xlsx":
        return exporting.to_xlsx(table), exporting.XLSX_TYPE, f"proposal-{stamp}.xlsx"
    return exporting.to_csv(table), "text/csv; charset=utf-8", f"proposal-{stamp}.csv"


def form_definition(user: CurrentUser, proposal_id: int) -> CallDefinition | None:
    """The call version the proposal's form and rules come from (None without a call)."""
    with _db().session() as s:
        return _definition(s, load(s, proposal_id, user))


def compare_rows(
    left: VersionOut | None, right: VersionOut | None, definition: CallDefinition | None
) -> list[compare.Row]:
    return compare.rows(
        left.model_dump() if left else None,
        right.model_dump() if right else None,
        definition,
        labels={k: translate(f"ui.{k}") for k in compare.FIXED},
    )


def show(user: CurrentUser, proposal_id: int) -> ProposalOut:
    with _db().session() as s:
        return _out(s, load(s, proposal_id, user))


def update(user: CurrentUser, proposal_id: int, changes: dict[str, Any]) -> ProposalOut:
    if changes.get("opd_code") is not None:
        check_agency(user, changes["opd_code"])
    with _db().session() as s:
        proposal = load(s, proposal_id, user, edit=True)
        _guard(lambda: operations.hold_for_edit(s, proposal))
        definition = _definition(s, proposal)
        if definition is not None:
            problems = content.check_shape(
                definition,
                {**proposal.sections, **(changes.get("sections") or {})},
                {**proposal.profile, **(changes.get("profile") or {})},
            )
            if problems:
                raise _invalid(problems)
        _guard(lambda: operations.update_draft(s, proposal, changes))
        return _out(s, proposal)


def submit(user: CurrentUser, proposal_id: int) -> SubmitAccepted:
    now = clock.now()
    with _db().session() as s:
        proposal, team = load_with_team(s, proposal_id, user, edit=True)
        ratelimit.check_submit(user.id, proposal_id)
        if not states.allowed(proposal.status, "submit"):
            raise ApiError(409, "already_submitted", "proposal.already_submitted")
        call = s.get(Call, proposal.call_id) if proposal.call_id else None
        if call is not None:
            definition = operations.definition_of(call)
            _check_deadline(definition, proposal, now)
            kinds = [a.kind for a in operations.attachments(s, proposal.id)]
            problems = content.check_complete(
                definition,
                proposal.sections,
                proposal.profile,
                kinds,
                category=proposal.category,
                group=proposal.group,
            )
            if problems:
                raise _invalid(problems)
        innovator, people = _people(user, proposal.innovator_id, team)
        name = agency_name(proposal.opd_code) or proposal.opd_code
        version = _guard(
            lambda: operations.submit(
                s, proposal, innovator=innovator, opd_name=name, call=call, now=now, team=people
            )
        )
        return SubmitAccepted(id=proposal.id, status=proposal.status, version_no=version.version_no)


def _check_deadline(definition: CallDefinition, proposal: Proposal, now: datetime) -> None:
    """Within the call's dates, to the second: at hh:mm:59 of the deadline still in time."""
    second = now.replace(microsecond=0)
    if second < definition.opens_at:
        raise ApiError(409, "call_not_open", "proposal.call_not_open")
    if second > definition.deadline(proposal.deadline_override):
        raise ApiError(409, "deadline_passed", "proposal.deadline_passed")


def withdraw(user: CurrentUser, proposal_id: int) -> ProposalOut:
    with _db().session() as s:
        proposal = load(s, proposal_id, user, edit=True)
        innovator, _ = _people(user, proposal.innovator_id, ())
        _guard(lambda: operations.withdraw(s, proposal, innovator=innovator, actor_id=user.id))
        return _out(s, proposal)


def extend_proposal(
    user: CurrentUser, proposal_id: int, until: datetime, reason: str
) -> ProposalOut:
    _require(can_manage_calls(actor(user)))
    with _db().session() as s:
        proposal = load(s, proposal_id, user)
        if proposal.call_id is None:
            raise ApiError(409, "no_call", "proposal.no_call")
        operations.extend_proposal(s, proposal, until, actor_id=user.id, reason=reason)
        return _out(s, proposal)


def versions(user: CurrentUser, proposal_id: int) -> list[VersionOut]:
    with _db().session() as s:
        load(s, proposal_id, user)
        rows = s.scalars(
            select(ProposalVersion)
            .where(ProposalVersion.proposal_id == proposal_id)
            .order_by(ProposalVersion.version_no)
        )
        return [VersionOut.of(v) for v in rows]


def version(user: CurrentUser, proposal_id: int, version_no: int) -> VersionOut:
    for v in versions(user, proposal_id):
        if v.version_no == version_no:
            return v
    raise ApiError(404, "not_found", "error.not_found")


def timeline(user: CurrentUser, proposal_id: int) -> list[TimelineItem]:
    with _db().session() as s:
        load(s, proposal_id, user)
        return [TimelineItem.of(e, describe(e)) for e in operations.timeline(s, proposal_id)]


# --- attachments -----------------------------------------------------------------------------


def refuse_oversized_body(user: CurrentUser, proposal_id: int, length: int | None) -> None:
    """413 before a byte of the body is read when its announced length already exceeds the
    call's per-file limit (plus room for the multipart framing)."""
    definition = form_definition(user, proposal_id)  # also: may this user see it
    each_mb = definition.max_file_mb if definition else 10
    if (length or 0) > each_mb * MB + 64 * 1024:
        raise _file_error("file", "file.too_large", limit=each_mb, status=413)


def upload(
    user: CurrentUser, proposal_id: int, kind: str, filename: str, data: bytes
) -> AttachmentOut:
    """Keep an uploaded file when its content is an allowed type within the call's limits."""
    with _db().session() as s:
        proposal = load(s, proposal_id, user, edit=True)
        if not states.allowed(proposal.status, "edit"):
            raise ApiError(409, "not_editable", "proposal.not_editable")
        definition = _definition(s, proposal)
        each_mb, total_mb = (
            (definition.max_file_mb, definition.max_total_mb) if definition else (10, 50)
        )
        kinds = {"other"}
        if definition is not None:
            kinds |= {a.key for a in definition.attachments}
            kinds |= {f"aspect:{a.key}" for a in definition.aspects if a.supporting_files}
        if kind not in kinds:
            raise _file_error("kind", "file.unknown_kind")
        if not data:
            raise _file_error("file", "file.empty")
        if len(data) > each_mb * MB:
            raise _file_error("file", "file.too_large", limit=each_mb, status=413)
        used = sum(a.size for a in operations.attachments(s, proposal.id))
        if used + len(data) > total_mb * MB:
            raise _file_error("file", "file.total_too_large", limit=total_mb, status=413)
        found = sniff.sniff(data)
        if found in _REFUSED:
            raise _file_error("file", _REFUSED[found], name=filenames.cleaned(filename))
        if found not in sniff.ALLOWED:
            raise _file_error("file", "file.type_not_allowed", name=filenames.cleaned(filename))
        shown = filenames.display_name(filename, sniff.EXTENSIONS[found])
        stored = files.store(data, sniff.EXTENSIONS[found])
        try:  # held only now: a long check above does not keep other writers waiting on SQLite
            _guard(lambda: operations.hold_for_edit(s, proposal))
        except ApiError:
            files.remove(stored)
            raise
        attachment = operations.add_attachment(
            s,
            Attachment(
                proposal_id=proposal.id,
                kind=kind,
                filename=shown,
                stored_name=stored,
                content_type=found,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                uploaded_by=user.id,
            ),
        )
        return AttachmentOut.of(attachment)


_REFUSED = {
    sniff.EXECUTABLE: "file.executable",
    sniff.ARCHIVE_BOMB: "file.archive_bomb",
    sniff.ACTIVE_CONTENT: "file.active_content",
}


def _file_error(field: str, key: str, status: int = 422, **values: object) -> ApiError:
    return ApiError(status, "bad_file", key, {field: translate(key, **values)}, **values)


def attachment_list(user: CurrentUser, proposal_id: int) -> list[AttachmentOut]:
    with _db().session() as s:
        load(s, proposal_id, user)
        return [AttachmentOut.of(a) for a in operations.attachments(s, proposal_id)]


def attachment_file(
    user: CurrentUser, proposal_id: int, attachment_id: int
) -> tuple[bytes, str, str]:
    """(bytes, download name, content type) of an attachment the user may read."""
    with _db().session() as s:
        load(s, proposal_id, user)
        a = s.get(Attachment, attachment_id)
        if a is None or a.proposal_id != proposal_id:
            raise ApiError(404, "not_found", "error.not_found")
        stored, filename, content_type = a.stored_name, a.filename, a.content_type
    try:
        return files.read(stored), filename, content_type
    except KeyError:
        raise ApiError(404, "not_found", "error.not_found") from None


def delete_attachment(user: CurrentUser, proposal_id: int, attachment_id: int) -> None:
    with _db().session() as s:
        proposal = load(s, proposal_id, user, edit=True)
        a = s.get(Attachment, attachment_id)
        if a is None or a.proposal_id != proposal_id:
            raise ApiError(404, "not_found", "error.not_found")
        _guard(lambda: operations.hold_for_edit(s, proposal))
        stored = a.stored_name
        s.delete(a)
    files.remove(stored)  # after the commit: a failed commit keeps file and row together


# --- administrative check --------------------------------------------------------------------


def check_suggestion(user: CurrentUser, proposal_id: int) -> CheckSuggestion:
    """What the system can tell the verifier: the checklist as it reads, and look-alikes."""
    _require(can_check(actor(user)))
    with _db().session() as s:
        proposal = load(s, proposal_id, user)
        latest = operations.latest_version(s, proposal_id)
        if latest is None:
            raise ApiError(409, "not_checkable", "proposal.not_checkable")
        definition = _definition(s, proposal)
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
        calls = select(Call.id).where(
            Call.year >= definition.year - years, Call.year <= definition.year
        )
        query = query.where((Proposal.call_id.in_(calls)) | (Proposal.call_id.is_(None)))
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
    _require(can_check(actor(user)))
    passed = body.decision == "pass"
    unknown = set(body.items) - set(CHECK_ITEMS)
    if unknown:
        raise ApiError(
            422,
            "validation",
            "error.validation",
            {f"items.{k}": translate("field.unknown") for k in sorted(unknown)},
        )
    if passed and not all(body.items.get(k, False) for k in CHECK_ITEMS):
        raise ApiError(
            422, "validation", "error.validation", {"items": translate("check.all_items_needed")}
        )
    if not passed and not body.fixes:
        raise ApiError(
            422, "validation", "error.validation", {"fixes": translate("check.fixes_needed")}
        )
    with _db().session() as s:
        proposal, team = load_with_team(s, proposal_id, user)
        innovator, people = _people(user, proposal.innovator_id, team)
        name = agency_name(proposal.opd_code) or proposal.opd_code
        definition = _definition(s, proposal)
        _guard(
            lambda: operations.record_check(
                s,
                proposal,
                verifier_id=user.id,
                passed=passed,
                items=body.items,
                fixes=body.fixes,
                note=body.note,
                innovator=innovator,
                opd_name=name,
                definition=definition,
                team=people,
            )
        )
        return _out(s, proposal)


def _people(
    user: CurrentUser, innovator_id: int, team: tuple[int, ...]
) -> tuple[Person, tuple[Person, ...]]:
    """The proposal's innovator and accepted co-innovators as events carry them (an operator
    may act for the innovator), in at most one read of the identity database: none when the
    current user is the innovator and works alone."""
    known = {user.id: Person(id=user.id, name=user.name, email=user.email, language=user.language)}
    wanted = {innovator_id, *team} - known.keys()
    if wanted:
        with runtime.database("identity").session() as s:
            for u in s.scalars(select(User).where(User.id.in_(wanted))):
                known[u.id] = Person(id=u.id, name=u.name, email=u.email, language=u.language)
    if innovator_id not in known:
        raise ApiError(404, "not_found", "error.not_found")
    return known[innovator_id], tuple(known[i] for i in team if i in known)


# --- the innovation team ---------------------------------------------------------------------


def team(user: CurrentUser, proposal_id: int) -> list[TeamMemberOut]:
    with _db().session() as s:
        load(s, proposal_id, user)
        rows = s.scalars(
            select(TeamMember).where(TeamMember.proposal_id == proposal_id).order_by(TeamMember.id)
        )
        return [TeamMemberOut.of(m) for m in rows]


def _may_manage_team(s: Session, proposal: Proposal, user: CurrentUser) -> None:
    _require(can_manage_team(actor(user), access.owned(proposal, access.team_ids(s, proposal.id))))


def manages_team(user: CurrentUser, proposal_id: int) -> bool:
    with _db().session() as s:
        proposal = load(s, proposal_id, user)
        owned = access.owned(proposal, access.team_ids(s, proposal_id))
        return can_manage_team(actor(user), owned)


def invite(user: CurrentUser, proposal_id: int, email: str) -> TeamMemberOut:
    """Invite a registered innovator by e-mail; they see the invitation on their list and accept
    it there."""
    with runtime.database("identity").session() as ident:
        invitee = find_user_by_email(ident, email)
        found = (invitee.id, invitee.role, invitee.active) if invitee else None
        person = (
            Person(id=invitee.id, name=invitee.name, email=invitee.email,
                   language=invitee.language)
            if invitee else None
        )  # fmt: skip
    with _db().session() as s:
        proposal = load(s, proposal_id, user, edit=True)
        _may_manage_team(s, proposal, user)
        if found is None or not found[2] or found[1] not in {"innovator", "operator"}:
            raise ApiError(422, "validation", "error.validation",
                           {"email": translate("team.unknown_user")})  # fmt: skip
        if found[0] == proposal.innovator_id:
            raise ApiError(422, "validation", "error.validation",
                           {"email": translate("team.is_owner")})  # fmt: skip
        taken = s.scalar(
            select(TeamMember).where(
                TeamMember.proposal_id == proposal_id, TeamMember.email == email
            )
        )
        if taken is not None:
            raise ApiError(409, "already_invited", "team.already_invited")
        assert person is not None
        member = operations.invite(s, proposal, invitee=person, inviter_name=user.name, by=user.id)
        return TeamMemberOut.of(member)


def remove_member(user: CurrentUser, proposal_id: int, member_id: int) -> None:
    with _db().session() as s:
        proposal = load(s, proposal_id, user, edit=True)
        _may_manage_team(s, proposal, user)
        member = s.get(TeamMember, member_id)
        if member is None or member.proposal_id != proposal_id:
            raise ApiError(404, "not_found", "error.not_found")
        s.delete(member)


def invitations(user: CurrentUser) -> list[InvitationOut]:
    """Invitations to this user not yet accepted."""
    with _db().session() as s:
        rows = s.execute(
            select(TeamMember, Proposal.title)
            .join(Proposal, Proposal.id == TeamMember.proposal_id)
            .where(TeamMember.user_id == user.id, TeamMember.accepted.is_(False))
            .order_by(TeamMember.id)
        )
        return [InvitationOut(**TeamMemberOut.of(m).model_dump(), title=title) for m, title in rows]


def accept_invitation(user: CurrentUser, member_id: int) -> TeamMemberOut:
    with _db().session() as s:
        member = s.get(TeamMember, member_id)
        if member is None or member.user_id != user.id:
            raise ApiError(404, "not_found", "error.not_found")
        return TeamMemberOut.of(operations.accept(s, member))
