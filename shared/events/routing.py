"""The registry of contracts by wire name, and the one routing table: who consumes what."""

from __future__ import annotations

from shared.config import SERVICES
from shared.events.base import Event
from shared.events.documents import DocumentFailed, DocumentReady, NotificationSent
from shared.events.identity import AccountChanged, AgencyChanged
from shared.events.innovations import (
    IidAnswersSubmitted,
    IidEvidenceAccepted,
    IidEvidenceReturned,
    IidRecapRequested,
    InnovationStageChanged,
    MonevVisitRecorded,
    ReportDue,
)
from shared.events.review import (
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
from shared.events.submission import (
    CallPublished,
    ProposalAdmitted,
    ProposalRefused,
    ProposalReturned,
    ProposalSubmitted,
    ProposalWithdrawn,
    TeamInvited,
)

EVERY_SERVICE = SERVICES

CONTRACTS: dict[str, type[Event]] = {
    c.name: c
    for c in (
        CallPublished,
        ProposalSubmitted,
        ProposalAdmitted,
        ProposalReturned,
        ProposalRefused,
        ProposalWithdrawn,
        ReviewAssigned,
        ReviewReleased,
        ReviewDue,
        ReviewSubmitted,
        ProposalScored,
        DecisionMade,
        ResultsAnnounced,
        ObjectionsOpened,
        ObjectionEmailRequested,
        ObjectionFiled,
        ObjectionResolved,
        DecisionsFinalized,
        EvaluatorInvited,
        TeamInvited,
        DocumentReady,
        DocumentFailed,
        NotificationSent,
        AccountChanged,
        AgencyChanged,
        MonevVisitRecorded,
        InnovationStageChanged,
        ReportDue,
        IidAnswersSubmitted,
        IidEvidenceAccepted,
        IidEvidenceReturned,
        IidRecapRequested,
    )
}

SUBSCRIBERS: dict[str, tuple[str, ...]] = {
    CallPublished.name: ("review", "documents", "innovations"),
    ProposalSubmitted.name: ("documents", "notifications", "innovations"),
    ProposalAdmitted.name: ("review",),
    ProposalReturned.name: ("notifications",),
    ProposalRefused.name: ("notifications",),
    ProposalWithdrawn.name: ("review", "notifications"),
    ReviewAssigned.name: ("documents", "notifications", "submission"),
    ReviewReleased.name: ("notifications", "submission", "documents"),
    ReviewDue.name: ("notifications",),
    ReviewSubmitted.name: ("documents", "submission"),
    ProposalScored.name: ("submission", "notifications"),
    DecisionMade.name: ("submission", "documents", "notifications", "innovations"),
    ResultsAnnounced.name: ("documents", "notifications"),
    ObjectionsOpened.name: ("notifications",),
    ObjectionEmailRequested.name: ("notifications",),
    # The audit log's lines (review's outbox): nobody consumes them yet.
    ObjectionFiled.name: (),
    ObjectionResolved.name: (),
    DecisionsFinalized.name: (),
    EvaluatorInvited.name: ("notifications",),
    TeamInvited.name: ("notifications",),
    DocumentReady.name: ("notifications", "submission", "innovations"),
    DocumentFailed.name: ("submission",),
    NotificationSent.name: ("submission",),
    MonevVisitRecorded.name: ("documents", "notifications"),
    InnovationStageChanged.name: ("documents", "notifications"),
    ReportDue.name: ("notifications",),
    # The IID: a returned item tells its author; sending and accepting are audit lines.
    IidAnswersSubmitted.name: (),
    IidEvidenceAccepted.name: (),
    IidEvidenceReturned.name: ("notifications",),
    IidRecapRequested.name: ("documents",),
    # Every service keeps its own read table of accounts and agencies (shared.directory).
    AccountChanged.name: EVERY_SERVICE,
    AgencyChanged.name: EVERY_SERVICE,
}
