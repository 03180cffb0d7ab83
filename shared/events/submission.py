"""Contracts produced by submission: calls, proposal versions, team invitations."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from pydantic import Field

from shared.events.base import Contract, Event, Person


class Section(Contract):
    """One aspect or profile field of a proposal version, as the innovator wrote it."""

    key: str
    title: str
    text: str


class FileRef(Contract):
    """One file of a submitted version: `kind` is a required attachment's key, `aspect:<key>`
    (supporting data of an aspect) or `other`."""

    id: int
    kind: str
    filename: str
    content_type: str = ""
    size: int = 0
    label: str = ""  # what the call calls this kind of file ("SK penetapan inovator", say)


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
    files: tuple[FileRef, ...] = ()
    blind: bool = False
    # The innovation profile as the innovator filled it (jenis, bentuk, inisiator, tematik,
    # tahapan, dates …): innovations keeps each innovation's record from it.
    profile: dict[str, Any] = Field(default_factory=dict)


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


class ProposalRefused(Event):
    """The verifier refused a version as ineligible, with the reason: final, the proposal is
    not reviewed and cannot be submitted again.

    Producer: submission. Consumers: notifications (tells the innovator why). Review never
    heard of the proposal (only `proposal.admitted` reaches it), so it has nothing to undo.
    """

    name: ClassVar[str] = "proposal.refused"
    proposal_id: int
    version_no: int
    title: str
    innovator: Person
    reason: str


class ProposalWithdrawn(Event):
    """The innovator withdrew a proposal before review started.

    Producer: submission. Consumers: review (cancels what is pending), notifications.
    """

    name: ClassVar[str] = "proposal.withdrawn"
    proposal_id: int
    title: str
    innovator: Person


class TeamInvited(Event):
    """An innovator was invited to co-edit a proposal. Producer: submission. Consumers:
    notifications (mails the invitee, who accepts on their proposal list)."""

    name: ClassVar[str] = "team.invited"
    proposal_id: int
    title: str
    invitee: Person
    inviter_name: str
    accept_path: str
