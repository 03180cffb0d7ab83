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


class ProposalSubmitted(Event):
    """A proposal version was submitted.

    Producer: submission. Consumers: review (assigns evaluators).
    """

    name: ClassVar[str] = "proposal.submitted"
    proposal_id: int
    version_no: int
    title: str
    summary: str
    opd_code: str
    opd_name: str
    innovator: Person
    call_id: int | None = None
    submitted_at: datetime


class Assignee(Contract):
    evaluator_id: int
    name: str
    email: str
    opd_code: str | None
    language: str = "id"


class ReviewAssigned(Event):
    """Evaluators were assigned to a proposal version.

    Producer: review. Consumers: documents (renders the dossier), notifications (tells the
    evaluators), submission (timeline). Carries the proposal snapshot the consumers need.
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


class DocumentReady(Event):
    """A PDF was rendered and stored.

    Producer: documents. Consumers: notifications (tells the owner), submission (timeline).
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
    c.name: c for c in (ProposalSubmitted, ReviewAssigned, DocumentReady, NotificationSent)
}

SUBSCRIBERS: dict[str, tuple[str, ...]] = {
    ProposalSubmitted.name: ("review",),
    ReviewAssigned.name: ("documents", "notifications", "submission"),
    DocumentReady.name: ("notifications", "submission"),
    NotificationSent.name: ("submission",),
}


class Envelope(Contract):
    event_id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    name: str
    version: int
    occurred_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    producer: str
    correlation_id: str | None = None
    payload: dict[str, Any]

    @classmethod
    def wrap(cls, event: Event, producer: str, correlation_id: str | None = None) -> Envelope:
        return cls(
            name=event.name,
            version=event.version,
            producer=producer,
            correlation_id=correlation_id,
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
