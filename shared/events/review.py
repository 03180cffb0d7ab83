"""Contracts produced by review: assignments, reviews, scores, decisions, invitations."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from shared.events.base import Contract, Event, Person


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
    # The team's names: with the innovator's and the agency's, what a blind reader never sees.
    team_names: tuple[str, ...] = ()


class ReviewReleased(Event):
    """An evaluator was taken off a proposal version (declared conflict, missed due date,
    declined, admin override). Producer: review. Consumers: notifications (tells the evaluator),
    submission and documents (the evaluator no longer reads the proposal, its attachments and
    its documents). Review never assigns a released evaluator to the same version again, so a
    release is final for its version; `version_no` lets a late release of an older version
    leave alone what a newer version's assignment granted.
    """

    name: ClassVar[str] = "review.released"
    review_id: int
    proposal_id: int
    title: str
    evaluator: Assignee
    reason: str
    blind: bool = False
    version_no: int | None = None


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


class AnnouncedResult(Contract):
    """One decided proposal as the announcement lists it."""

    proposal_id: int
    version_no: int
    title: str
    opd_name: str
    category: str = ""
    decision: str
    rank: int | None = None
    innovator: Person


class ResultsAnnounced(Event):
    """The admin announced a call's results (pengumuman hasil): every decided proposal.

    Producer: review. Consumers: documents (the announcement as a document), notifications
    (tells each innovator the results are out, with their own). Announcing again after a change
    makes a new revision of the document and tells them again.
    """

    name: ClassVar[str] = "results.announced"
    call_id: int
    call_name: str
    announcement_no: int  # 1 for the first announcement of the call, 2 for the next …
    announced_at: datetime
    announcer: Person
    results: tuple[AnnouncedResult, ...] = ()


class EvaluatorInvited(Event):
    """An evaluator was invited to a call. Producer: review. Consumers: notifications."""

    name: ClassVar[str] = "evaluator.invited"
    invitation_id: int
    call_id: int
    call_name: str
    evaluator: Person
    accept_path: str


class ObjectionsOpened(Event):
    """The admin opened a call's objection window (uji publik) after its announcement: anyone
    may object to a finalist or winner until `closes_at` (the last day's 23:59:59 WIB).

    Producer: review. Consumers: notifications (tells each innovator of a decided proposal).
    """

    name: ClassVar[str] = "objections.opened"
    call_id: int
    call_name: str
    opened_at: datetime
    closes_at: datetime
    days: int
    page_path: str  # the public page: `/uji-publik/<call_id>`
    opened_by: Person
    innovators: tuple[Person, ...] = ()


class ObjectionEmailRequested(Event):
    """Someone not signed in asked to object and gave an e-mail address: the link that
    confirms it (signed, expiring) is mailed to it.

    Producer: review. Consumers: notifications (mails the link; nobody's account).
    """

    name: ClassVar[str] = "objection.email_requested"
    call_id: int
    call_name: str
    email: str
    language: str = "id"
    confirm_path: str
    expires_at: datetime


class ObjectionFiled(Event):
    """An objection to a decided proposal was filed in the window (the audit log's line).

    Producer: review. Consumers: none yet (the admin reads them on the call's objections page).
    """

    name: ClassVar[str] = "objection.filed"
    objection_id: int
    call_id: int
    proposal_id: int
    version_no: int
    filed_at: datetime
    signed_in: bool = False  # filed by an account, else by a confirmed e-mail address


class ObjectionResolved(Event):
    """The admin resolved an objection: `upheld` or `dismissed`, with the reason.

    Producer: review. Consumers: none yet (the audit log reads it from review's outbox).
    """

    name: ClassVar[str] = "objection.resolved"
    objection_id: int
    call_id: int
    proposal_id: int
    outcome: str  # upheld | dismissed
    reason: str
    resolved_at: datetime


class DecisionsFinalized(Event):
    """A call's objection window closed with every objection resolved: its held decisions were
    published (one `decision.made` each, in the same transaction).

    Producer: review (its beat, or the admin's "finalize now"). Consumers: none yet.
    """

    name: ClassVar[str] = "decisions.finalized"
    call_id: int
    finalized_at: datetime
    decisions: int
