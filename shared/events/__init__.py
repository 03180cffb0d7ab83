"""Event contracts: typed, versioned, past tense, JSON primitives only.

An event travels as an `Envelope` (`event_id`, `name`, `version`, `occurred_at`, `producer`,
`correlation_id`, `payload`). Payloads carry the state their consumers need, so no service reads
another's tables. Change a contract by adding optional fields; a breaking change is a new
version, read beside the old one.

`SUBSCRIBERS` is the one routing table: which services consume which event. The publisher writes
one pending delivery per subscriber in its outbox, in the same transaction as the state change.
"""

from shared.events.base import Contract, Event, Person
from shared.events.documents import DocumentFailed, DocumentReady, NotificationSent
from shared.events.envelope import Envelope, Origin, UnknownEventError
from shared.events.identity import AccountChanged, AgencyChanged
from shared.events.innovations import (
    IidAnswersSubmitted,
    IidEvidenceAccepted,
    IidEvidenceReturned,
    IidRecapRequested,
    InnovationStageChanged,
    MonevVisitRecorded,
    MonitoringMember,
    RecapIndicator,
    RecapInnovation,
    RecapMissing,
    ReportDue,
    VisitPhoto,
)
from shared.events.review import (
    AnnouncedResult,
    AspectScore,
    Assignee,
    DecisionMade,
    DecisionsFinalized,
    EvaluatorInvited,
    ObjectionEmailRequested,
    ObjectionFiled,
    ObjectionResolved,
    ObjectionsOpened,
    ProposalScored,
    ResultsAnnounced,
    ReviewAssigned,
    ReviewDue,
    ReviewReleased,
    ReviewSubmitted,
)
from shared.events.routing import CONTRACTS, SUBSCRIBERS
from shared.events.submission import (
    CallPublished,
    FileRef,
    ProposalAdmitted,
    ProposalRefused,
    ProposalReturned,
    ProposalSnapshot,
    ProposalSubmitted,
    ProposalWithdrawn,
    RubricAspect,
    Section,
    TeamInvited,
)

__all__ = [
    "CONTRACTS",
    "SUBSCRIBERS",
    "AccountChanged",
    "AgencyChanged",
    "AnnouncedResult",
    "AspectScore",
    "Assignee",
    "CallPublished",
    "Contract",
    "DecisionMade",
    "DecisionsFinalized",
    "DocumentFailed",
    "DocumentReady",
    "Envelope",
    "EvaluatorInvited",
    "Event",
    "FileRef",
    "IidAnswersSubmitted",
    "IidEvidenceAccepted",
    "IidEvidenceReturned",
    "IidRecapRequested",
    "InnovationStageChanged",
    "MonevVisitRecorded",
    "MonitoringMember",
    "NotificationSent",
    "ObjectionEmailRequested",
    "ObjectionFiled",
    "ObjectionResolved",
    "ObjectionsOpened",
    "Origin",
    "Person",
    "ProposalAdmitted",
    "ProposalRefused",
    "ProposalReturned",
    "ProposalScored",
    "ProposalSnapshot",
    "ProposalSubmitted",
    "ProposalWithdrawn",
    "RecapIndicator",
    "RecapInnovation",
    "RecapMissing",
    "ReportDue",
    "ResultsAnnounced",
    "ReviewAssigned",
    "ReviewDue",
    "ReviewReleased",
    "ReviewSubmitted",
    "RubricAspect",
    "Section",
    "TeamInvited",
    "UnknownEventError",
    "VisitPhoto",
]
