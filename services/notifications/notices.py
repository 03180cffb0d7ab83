"""Every kind of notice, mandatory or optional, and the draft of one notice. Pure: no
session, no clock, no I/O.

A notice is mandatory (the recipient must act or has a right to know: it cannot be turned off)
or optional (a courtesy: each user may turn it off, and its mail carries `List-Unsubscribe`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from shared import formats
from shared.web.redirects import safe_target


class Kind(enum.StrEnum):
    SUBMISSION_RECEIVED = "submission_received"
    PROPOSAL_RETURNED = "proposal_returned"
    PROPOSAL_REFUSED = "proposal_refused"
    PROPOSAL_WITHDRAWN = "proposal_withdrawn"
    UNDER_REVIEW = "under_review"
    EVALUATOR_ASSIGNED = "evaluator_assigned"
    REVIEW_RELEASED = "review_released"
    REVIEW_REMINDER = "review_reminder"
    REVIEW_OVERDUE = "review_overdue"
    DECISION_MADE = "decision_made"
    RESULTS_ANNOUNCED = "results_announced"
    OBJECTIONS_OPENED = "objections_opened"
    OBJECTION_EMAIL = "objection_email"
    EVALUATOR_INVITED = "evaluator_invited"
    TEAM_INVITED = "team_invited"
    DOSSIER_READY = "dossier_ready"
    DOCUMENT_READY = "document_ready"
    ASSIGNMENT_LETTER = "assignment_letter"
    ADMIN_DIGEST = "admin_digest"
    REPORT_DUE = "report_due"
    INNOVATION_STAGE_CHANGED = "innovation_stage_changed"
    IID_RETURNED = "iid_returned"
    MONEV_VISIT_RECORDED = "monev_visit_recorded"


OPTIONAL = frozenset(
    {
        Kind.UNDER_REVIEW,
        Kind.REVIEW_REMINDER,
        Kind.DOSSIER_READY,
        Kind.DOCUMENT_READY,
        Kind.ADMIN_DIGEST,
    }
)
DOSSIERS = frozenset({"proposal_dossier", "dossier"})  # what the innovator is told about
LETTER = "surat_tugas"  # the evaluator's letter of assignment: attached, to the evaluator
DECISIONS = frozenset({"finalist", "not_selected", "winner"})


def mandatory(kind: str) -> bool:
    return kind not in OPTIONAL


@dataclass(frozen=True)
class Draft:
    """One notification to be: who gets which kind of notice, and what fills its templates.
    `link` is the path of the object it is about (the in-app inbox links to it)."""

    kind: Kind
    proposal_id: int | None
    user_id: int | None
    email: str
    name: str
    role: str
    language: str
    link: str
    context: dict[str, object] = field(default_factory=dict)
    attachment: tuple[str, str] | None = None  # (sha256, file name) of a stored document


def own_path(path: str) -> str:
    """A link the inbox may show: a path on this site, never a scheme or another host."""
    return safe_target(path, fallback="")


def announcement_path(call_id: int) -> str:
    """The call's newest announcement of results, as documents serves it to its readers."""
    return f"/documents/calls/{call_id}/announcement"


def proposal_path(proposal_id: int) -> str:
    return f"/proposals/{proposal_id}"


def review_path(proposal_id: int) -> str:
    """Where an evaluator reviews a proposal: its page, which assigned evaluators may read (the
    place to change once the review service has its own reviewer portal)."""
    return proposal_path(proposal_id)


def moment(value: datetime | None, language: str = "id") -> str:
    """A moment as a mail shows it in its recipient's language: `3 Desember 2026, 17.00 WIB` /
    `3 December 2026, 17:00 WIB`, or empty."""
    return formats.moment(value, language) if value is not None else ""
