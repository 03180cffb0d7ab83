"""The JSON shapes of submission's API (they also generate its OpenAPI document)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.submission.definition import CallDefinition, JakartaTime
from services.submission.models import (
    Attachment,
    Call,
    CheckRecord,
    Proposal,
    ProposalVersion,
    TeamMember,
    TimelineEntry,
)
from shared.timezone import to_wib
from shared.web.ids import Id

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
OpdCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Choice = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
LongText = Annotated[str, StringConstraints(max_length=50000)]
Sdg = Annotated[int, Field(ge=1, le=17)]
VideoUrl = Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://\S+$")]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=2000)]
# A profile value is text or a list of choices, checked against the call (`content.py`), which
# names the field in its message; a union here would name pydantic's internals instead.
ProfileValue = Any


class _ProposalFields(BaseModel):
    """What a proposal's author may set, each optional: an update sends only what changed."""

    model_config = ConfigDict(extra="forbid", strict=True)
    opd_code: OpdCode | None = None
    category: Choice | None = None
    group: Choice | None = None
    sdgs: list[Sdg] | None = None
    sections: dict[str, LongText] | None = None
    profile: dict[str, ProfileValue] | None = None
    video_url: VideoUrl | None = None


class ProposalCreate(_ProposalFields):
    title: Title
    summary: Summary = ""
    call_id: Id | None = None


class ProposalUpdate(_ProposalFields):
    title: Title | None = None
    summary: Summary | None = None


class AttachmentOut(BaseModel):
    id: int
    kind: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    download: str

    @classmethod
    def of(cls, a: Attachment) -> AttachmentOut:
        return cls(
            id=a.id,
            kind=a.kind,
            filename=a.filename,
            content_type=a.content_type,
            size=a.size,
            sha256=a.sha256,
            uploaded_at=a.uploaded_at,
            download=f"/api/v1/proposals/{a.proposal_id}/attachments/{a.id}",
        )


class ProposalOut(BaseModel):
    id: int
    title: str
    summary: str
    opd_code: str
    status: str
    version_no: int
    innovator_id: int
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    call_id: int | None = None
    call_version: int | None = None
    category: str | None = None
    group: str | None = None
    sdgs: list[int] = []
    sections: dict[str, Any] = {}
    profile: dict[str, Any] = {}
    video_url: str | None = None
    fixes: list[str] = []
    decision: str | None = None
    deadline: datetime | None = Field(default=None, description="The last second to submit")
    actions: list[str] = Field(default=[], description="What the state machine allows now")

    @classmethod
    def of(cls, p: Proposal, deadline: datetime | None = None) -> ProposalOut:
        from services.submission.states import actions

        return cls(
            id=p.id,
            title=p.title,
            summary=p.summary,
            opd_code=p.opd_code,
            status=p.status,
            version_no=p.version_no,
            innovator_id=p.innovator_id,
            created_at=p.created_at,
            updated_at=p.updated_at,
            submitted_at=p.submitted_at,
            call_id=p.call_id,
            call_version=p.call_version,
            category=p.category,
            group=p.group,
            sdgs=list(p.sdgs or []),
            sections=dict(p.sections or {}),
            profile=dict(p.profile or {}),
            video_url=p.video_url,
            fixes=list(p.fixes or []),
            decision=p.decision,
            deadline=deadline,
            actions=[a for a in actions(p.status) if a in {"edit", "submit", "withdraw"}],
        )


class VersionOut(BaseModel):
    proposal_id: int
    version_no: int
    title: str
    summary: str
    opd_code: str
    submitted_at: datetime
    call_id: int | None
    call_version: int | None
    category: str | None
    group: str | None
    sdgs: list[int]
    sections: dict[str, Any]
    profile: dict[str, Any]
    attachments: list[dict[str, Any]]
    video_url: str | None

    @classmethod
    def of(cls, v: ProposalVersion) -> VersionOut:
        return cls(
            proposal_id=v.proposal_id,
            version_no=v.version_no,
            title=v.title,
            summary=v.summary,
            opd_code=v.opd_code,
            submitted_at=v.submitted_at,
            call_id=v.call_id,
            call_version=v.call_version,
            category=v.category,
            group=v.group,
            sdgs=list(v.sdgs or []),
            sections=dict(v.sections or {}),
            profile=dict(v.profile or {}),
            attachments=list(v.attachments or []),
            video_url=v.video_url,
        )


class SubmitAccepted(BaseModel):
    id: int
    status: str
    version_no: int


class TimelineItem(BaseModel):
    event: str
    at: datetime
    detail: str
    link: str | None = Field(default=None, description="A download or page about this step")
    shown_at: str = Field(default="", description="`at` as the reader's language writes it")

    @classmethod
    def of(cls, entry: TimelineEntry, detail: str, shown_at: str = "") -> TimelineItem:
        return cls(event=entry.event, at=entry.at, detail=detail, link=entry.link,
                   shown_at=shown_at)  # fmt: skip


class CallSummary(BaseModel):
    id: int
    name: str
    year: int
    version_no: int
    opens_at: datetime
    closes_at: datetime
    open: bool

    @classmethod
    def of(cls, c: Call, now: datetime) -> CallSummary:
        return cls(
            id=c.id,
            name=c.name,
            year=c.year,
            version_no=c.version_no,
            opens_at=to_wib(c.opens_at),
            closes_at=to_wib(c.closes_at),
            open=c.opens_at <= now <= c.closes_at,
        )


class CallOut(CallSummary):
    definition: CallDefinition = Field(description="The form: aspects, profile fields, limits")

    @classmethod
    def full(cls, c: Call, now: datetime) -> CallOut:
        return cls(
            **CallSummary.of(c, now).model_dump(),
            definition=CallDefinition.stored(c.definition),
        )


class CallEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    definition: CallDefinition
    reason: str = Field(default="", max_length=2000)


class CallExtend(BaseModel):
    model_config = ConfigDict(extra="forbid")
    closes_at: JakartaTime = Field(description="New deadline; without an offset it is WIB")
    reason: Reason


class ProposalExtend(BaseModel):
    model_config = ConfigDict(extra="forbid")
    until: JakartaTime = Field(description="This proposal's own deadline; WIB without an offset")
    reason: Reason


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    decision: Literal["pass", "return", "refuse"]
    items: dict[str, bool] = {}
    fixes: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
    ] = []
    note: Annotated[str, StringConstraints(max_length=5000)] = ""
    # Why the proposal is refused as ineligible (required with `refuse`; the innovator reads it).
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


class Duplicate(BaseModel):
    proposal_id: int
    title: str
    score: float
    same_title: bool
    call_id: int | None


class CheckSuggestion(BaseModel):
    """What the system found for the checklist; the verifier decides."""

    proposal_id: int
    version_no: int
    items: dict[str, bool | None] = Field(
        description="complete, eligible_age, decree_attached, no_duplicate_title"
    )
    problems: dict[str, str]
    duplicates: list[Duplicate]
    history: list[CheckOut]


class CheckOut(BaseModel):
    version_no: int
    passed: bool
    verdict: Literal["pass", "return", "refuse"]
    items: dict[str, bool]
    fixes: list[str]
    note: str
    at: datetime

    @classmethod
    def of(cls, r: CheckRecord) -> CheckOut:
        verdict = r.verdict or ("pass" if r.passed else "return")
        return cls(
            version_no=r.version_no,
            passed=r.passed,
            verdict=verdict,
            items=dict(r.items),
            fixes=list(r.fixes),
            note=r.note,
            at=r.at,
        )


class AuditOut(BaseModel):
    at: datetime
    actor_id: int
    action: str
    target: str
    reason: str
    details: dict[str, Any]


class TeamInvite(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    email: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=254,
                                            pattern=r"^[^@\s]+@[^@\s]+$")]  # fmt: skip


class TeamMemberOut(BaseModel):
    id: int
    proposal_id: int
    email: str
    user_id: int | None  # the account, once it accepted: an invitation never tells who exists
    accepted: bool
    invited_at: datetime

    @classmethod
    def of(cls, m: TeamMember) -> TeamMemberOut:
        member = m.user_id if m.accepted else None
        return cls(id=m.id, proposal_id=m.proposal_id, email=m.email, user_id=member,
                   accepted=m.accepted, invited_at=m.invited_at)  # fmt: skip


class InvitationOut(TeamMemberOut):
    title: str


class UploadForm(BaseModel):
    """The multipart form of an upload (documentation only: the route reads `request.files`)."""

    file: bytes = Field(
        json_schema_extra={"format": "binary"},
        description="The file; its type is read from its content",
    )
    kind: str = Field(
        default="other",
        description="A required attachment's key, `aspect:<key>`, or `other`",
    )
