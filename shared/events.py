"""Event contracts: typed, versioned, past tense, JSON primitives only.

An event travels as an `Envelope` (`event_id`, `name`, `version`, `occurred_at`, `producer`,
`correlation_id`, `payload`). Payloads carry the state their consumers need, so no service reads
another's tables. Change a contract by adding optional fields; a breaking change is a new
version, read beside the old one.

`SUBSCRIBERS` is the one routing table: which services consume which event. The publisher writes
one pending delivery per subscriber in its outbox, in the same transaction as the state change.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field


class Contract(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Person(Contract):
    """A user as events carry them: enough to address and to authorise."""

    id: int
    name: str
    email: str
    language: str = "id"


class Event(Contract):
    """Base of every payload. `name` and `version` identify the contract on the wire."""

    name: ClassVar[str]
    version: ClassVar[int] = 1


class Section(Contract):
    """One aspect or profile field of a proposal version, as the innovator wrote it."""

    key: str
    title: str
    text: str


class RubricAspect(Contract):
    """One scored aspect of a call's rubric. `weight` is a fraction (0.15 = 15 %)."""

    key: str
    title: str
    weight: float
    max_words: int | None = None
    min_words: int | None = None


class CallPublished(Event):
    """A call (period) was created or edited; a new `version_no` of its settings.

    Producer: submission. Consumers: review (rubric, k, blind, composition), documents
    (titles of the documents). A proposal is judged against the call version it names.
    """

    name: ClassVar[str] = "call.published"
    call_id: int
    version_no: int
    call_name: str
    year: int
    opens_at: datetime
    closes_at: datetime
    evaluators_per_proposal: int = 3
    blind: bool = False
    scale_min: int = 1
    scale_max: int = 10
    aspects: tuple[RubricAspect, ...] = ()
    categories: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    review_days: int = 14
    settings: dict[str, Any] = Field(default_factory=dict)


class ProposalSnapshot(Event):
    """What a submitted proposal version looks like to the services that follow it."""

    proposal_id: int
    version_no: int
    title: str
    summary: str
    opd_code: str
    opd_name: str
    innovator: Person
    call_id: int | None = None
    call_version: int | None = None
    submitted_at: datetime
    category: str | None = None
    group: str | None = None
    urusan: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    team: tuple[Person, ...] = ()
    sections: tuple[Section, ...] = ()
    attachments: tuple[str, ...] = ()
    blind: bool = False


class ProposalSubmitted(ProposalSnapshot):
    """A proposal version was submitted (first time or after a return).

    Producer: submission. Consumers: notifications (receipt), documents (the dossier of the
    version).
    """

    name: ClassVar[str] = "proposal.submitted"


class ProposalAdmitted(ProposalSnapshot):
    """A submitted version passed the administrative check (or the call has none).

    Producer: submission. Consumers: review (assigns evaluators).
    """

    name: ClassVar[str] = "proposal.admitted"


class ProposalReturned(Event):
    """The verifier returned a version for revision with a fix-list.

    Producer: submission. Consumers: notifications.
    """

    name: ClassVar[str] = "proposal.returned"
    proposal_id: int
    version_no: int
    title: str
    innovator: Person
    fixes: tuple[str, ...] = ()
    note: str = ""


class ProposalWithdrawn(Event):
    """The innovator withdrew a proposal before review started.

    Producer: submission. Consumers: review (cancels what is pending), notifications.
    """

    name: ClassVar[str] = "proposal.withdrawn"
    proposal_id: int
    title: str
    innovator: Person


class Assignee(Contract):
    evaluator_id: int
    name: str
    email: str
    opd_code: str | None
    language: str = "id"


class ReviewAssigned(Event):
    """Evaluators were assigned to a proposal version.

    Producer: review. Consumers: documents (letters of assignment, blind dossier),
    notifications (tells the evaluators; tells the innovator it is under review), submission
    (timeline). Carries the proposal snapshot the consumers need. On a replacement
    `evaluators` holds only the newcomers and `replacement` is true.
    """

    name: ClassVar[str] = "review.assigned"
    proposal_id: int
    version_no: int
    title: str
    summary: str
    opd_code: str
    opd_name: str
    innovator: Person
    evaluators: tuple[Assignee, ...]
    submitted_at: datetime
    call_id: int | None = None
    due_at: datetime | None = None
    blind: bool = False
    replacement: bool = False


class ReviewReleased(Event):
    """An evaluator was taken off a proposal (declared conflict, missed due date, declined,
    admin override). Producer: review. Consumers: notifications (tells the evaluator).
    """

    name: ClassVar[str] = "review.released"
    review_id: int
    proposal_id: int
    title: str
    evaluator: Assignee
    reason: str
    blind: bool = False


class ReviewDue(Event):
    """A review is due soon (`overdue` false) or past its due date (`overdue` true).

    Producer: review (beat). Consumers: notifications.
    """

    name: ClassVar[str] = "review.due"
    review_id: int
    proposal_id: int
    title: str
    evaluator: Assignee
    due_at: datetime
    overdue: bool = False
    blind: bool = False


class AspectScore(Contract):
    key: str
    title: str
    weight: float
    score: float
    comment: str = ""


class ReviewSubmitted(Event):
    """An evaluator submitted a review.

    Producer: review. Consumers: documents (lembar penilaian), submission (timeline).
    """

    name: ClassVar[str] = "review.submitted"
    review_id: int
    proposal_id: int
    version_no: int
    title: str
    evaluator: Assignee
    call_id: int | None = None
    blind: bool = False
    scale_min: int = 1
    scale_max: int = 10
    scores: tuple[AspectScore, ...] = ()
    total: float
    submitted_at: datetime


class ProposalScored(Event):
    """Every assigned review of a proposal version is in.

    Producer: review. Consumers: submission (state scored), notifications (admin digest).
    """

    name: ClassVar[str] = "proposal.scored"
    proposal_id: int
    version_no: int
    title: str
    mean: float
    median: float
    reviews: int
    disagreement: bool = False


class DecisionMade(Event):
    """The admin decided a proposal: finalist, not_selected or winner.

    Producer: review. Consumers: submission (state), documents (certificate), notifications.
    """

    name: ClassVar[str] = "decision.made"
    proposal_id: int
    version_no: int
    title: str
    innovator: Person
    opd_code: str
    opd_name: str
    call_id: int | None = None
    decision: str
    rank: int | None = None
    score: float | None = None
    decided_at: datetime


class EvaluatorInvited(Event):
    """An evaluator was invited to a call. Producer: review. Consumers: notifications."""

    name: ClassVar[str] = "evaluator.invited"
    invitation_id: int
    call_id: int
    call_name: str
    evaluator: Person
    accept_path: str


class TeamInvited(Event):
    """An innovator was invited to co-edit a proposal. Producer: submission. Consumers:
    notifications (mails the invitee, who accepts on their proposal list)."""

    name: ClassVar[str] = "team.invited"
    proposal_id: int
    title: str
    invitee: Person
    inviter_name: str
    accept_path: str


class DocumentReady(Event):
    """A PDF was rendered and stored.

    Producer: documents. Consumers: notifications (tells the owner), submission (timeline).
    `kind`: dossier, dossier_blind, surat_tugas, lembar_penilaian, rekap, berita_acara,
    sertifikat. `proposal_id`/`version_no` are 0 for documents of a whole call.
    """

    name: ClassVar[str] = "document.ready"
    document_id: int
    kind: str
    proposal_id: int
    version_no: int
    title: str
    sha256: str
    download_path: str
    owner: Person
    call_id: int | None = None
    number: str | None = None
    verification_code: str | None = None


class NotificationSent(Event):
    """A notification was delivered on one channel.

    Producer: notifications. Consumers: submission (timeline).
    """

    name: ClassVar[str] = "notification.sent"
    notification_id: int
    proposal_id: int | None
    channel: str
    recipient_email: str
    recipient_role: str
    subject: str


CONTRACTS: dict[str, type[Event]] = {
    c.name: c
    for c in (
        CallPublished,
        ProposalSubmitted,
        ProposalAdmitted,
        ProposalReturned,
        ProposalWithdrawn,
        ReviewAssigned,
        ReviewReleased,
        ReviewDue,
        ReviewSubmitted,
        ProposalScored,
        DecisionMade,
        EvaluatorInvited,
        TeamInvited,
        DocumentReady,
        NotificationSent,
    )
}

SUBSCRIBERS: dict[str, tuple[str, ...]] = {
    CallPublished.name: ("review", "documents"),
    ProposalSubmitted.name: ("documents", "notifications"),
    ProposalAdmitted.name: ("review",),
    ProposalReturned.name: ("notifications",),
    ProposalWithdrawn.name: ("review", "notifications"),
    ReviewAssigned.name: ("documents", "notifications", "submission"),
    ReviewReleased.name: ("notifications",),
    ReviewDue.name: ("notifications",),
    ReviewSubmitted.name: ("documents", "submission"),
    ProposalScored.name: ("submission", "notifications"),
    DecisionMade.name: ("submission", "documents", "notifications"),
    EvaluatorInvited.name: ("notifications",),
    TeamInvited.name: ("notifications",),
    DocumentReady.name: ("notifications", "submission"),
    NotificationSent.name: ("submission",),
}


class Origin(Contract):
    """Who caused an event and from where: the signed-in user and the client's address of the
    request that published it. None on events a service publishes on its own (a consumer, beat)."""

    user_id: int | None = None
    role: str | None = None
    ip: str | None = None


class Envelope(Contract):
    event_id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    name: str
    version: int
    occurred_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    producer: str
    correlation_id: str | None = None
    origin: Origin | None = None
    payload: dict[str, Any]

    @classmethod
    def wrap(
        cls,
        event: Event,
        producer: str,
        correlation_id: str | None = None,
        origin: Origin | None = None,
    ) -> Envelope:
        return cls(
            name=event.name,
            version=event.version,
            producer=producer,
            correlation_id=correlation_id,
            origin=origin,
            payload=event.model_dump(mode="json"),
        )

    def open(self) -> Event:
        """The typed payload; raises `UnknownEvent` for a contract this code does not know."""
        contract = CONTRACTS.get(self.name)
        if contract is None or contract.version != self.version:
            raise UnknownEventError(f"{self.name} v{self.version}")
        return contract.model_validate(self.payload)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class UnknownEventError(ValueError):
    """An envelope names a contract or version this code cannot read."""
