"""Which event tells whom what: every notice kind, and the drafts an event makes. Pure: no
session, no clock, no I/O.

A notice is mandatory (the recipient must act or has a right to know: it cannot be turned off)
or optional (a courtesy: each user may turn it off, and its mail carries `List-Unsubscribe`).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime

from services.notifications.composer import absolute, one_line
from shared.events import (
    DecisionMade,
    DocumentReady,
    EvaluatorInvited,
    Event,
    ProposalReturned,
    ProposalSubmitted,
    ProposalWithdrawn,
    ReviewAssigned,
    ReviewDue,
    ReviewReleased,
)
from shared.timezone import to_wib


class Kind(enum.StrEnum):
    SUBMISSION_RECEIVED = "submission_received"
    PROPOSAL_RETURNED = "proposal_returned"
    PROPOSAL_WITHDRAWN = "proposal_withdrawn"
    UNDER_REVIEW = "under_review"
    EVALUATOR_ASSIGNED = "evaluator_assigned"
    REVIEW_RELEASED = "review_released"
    REVIEW_REMINDER = "review_reminder"
    REVIEW_OVERDUE = "review_overdue"
    DECISION_MADE = "decision_made"
    EVALUATOR_INVITED = "evaluator_invited"
    DOSSIER_READY = "dossier_ready"
    DOCUMENT_READY = "document_ready"
    ASSIGNMENT_LETTER = "assignment_letter"
    ADMIN_DIGEST = "admin_digest"


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
    return path if path.startswith("/") and not path.startswith("//") else ""


def proposal_path(proposal_id: int) -> str:
    return f"/proposals/{proposal_id}"


def review_path(proposal_id: int) -> str:
    """Where an evaluator reviews a proposal: its page, which assigned evaluators may read (the
    place to change once the review service has its own reviewer portal)."""
    return proposal_path(proposal_id)


def moment(value: datetime | None) -> str:
    """A date as a mail shows it: `28-11-2026 17:00 WIB`, or empty."""
    return to_wib(value).strftime("%d-%m-%Y %H:%M WIB") if value is not None else ""


def drafts_for(event: Event, base_url: str) -> list[Draft]:
    """Every notice `event` makes (none for an event that tells nobody)."""
    maker = _MAKERS.get(type(event))
    return maker(event, base_url) if maker is not None else []


def _common(base_url: str, name: str, title: str, link: str) -> dict[str, object]:
    return {"recipient_name": name, "title": one_line(title), "url": absolute(base_url, link)}


def _submitted(event: Event, base_url: str) -> list[Draft]:
    assert isinstance(event, ProposalSubmitted)
    who, link = event.innovator, proposal_path(event.proposal_id)
    context = _common(base_url, who.name, event.title, link) | {
        "version_no": event.version_no,
        "agency": one_line(event.opd_name),
        "submitted_at": moment(event.submitted_at),
    }
    return [
        Draft(Kind.SUBMISSION_RECEIVED, event.proposal_id, who.id, who.email, who.name,
              "innovator", who.language, link, context)
    ]  # fmt: skip


def _returned(event: Event, base_url: str) -> list[Draft]:
    assert isinstance(event, ProposalReturned)
    who, link = event.innovator, proposal_path(event.proposal_id)
    context = _common(base_url, who.name, event.title, link) | {
        "version_no": event.version_no,
        "fixes": [one_line(fix) for fix in event.fixes if fix.strip()],
        "note": event.note.strip(),
    }
    return [
        Draft(Kind.PROPOSAL_RETURNED, event.proposal_id, who.id, who.email, who.name,
              "innovator", who.language, link, context)
    ]  # fmt: skip


def _withdrawn(event: Event, base_url: str) -> list[Draft]:
    assert isinstance(event, ProposalWithdrawn)
    who, link = event.innovator, proposal_path(event.proposal_id)
    context = _common(base_url, who.name, event.title, link)
    return [
        Draft(Kind.PROPOSAL_WITHDRAWN, event.proposal_id, who.id, who.email, who.name,
              "innovator", who.language, link, context)
    ]  # fmt: skip


def _assigned(event: Event, base_url: str) -> list[Draft]:
    """Each newcomer is told (blind: neither title nor agency); on a first assignment the
    innovator is told the proposal is under review (never who reviews it)."""
    assert isinstance(event, ReviewAssigned)
    link = review_path(event.proposal_id)
    drafts = []
    for a in event.evaluators:
        context = _common(base_url, a.name, event.title, link) | {
            "blind": event.blind,
            "proposal_id": event.proposal_id,
            "agency": "" if event.blind else one_line(event.opd_name),
            "version_no": event.version_no,
            "due_at": moment(event.due_at),
            "replacement": event.replacement,
        }
        if event.blind:
            context["title"] = ""
        drafts.append(
            Draft(Kind.EVALUATOR_ASSIGNED, event.proposal_id, a.evaluator_id, a.email, a.name,
                  "evaluator", a.language, link, context)
        )  # fmt: skip
    if not event.replacement:
        who, own = event.innovator, proposal_path(event.proposal_id)
        context = _common(base_url, who.name, event.title, own) | {
            "version_no": event.version_no,
            "reviewers": len(event.evaluators),
        }
        drafts.append(
            Draft(Kind.UNDER_REVIEW, event.proposal_id, who.id, who.email, who.name,
                  "innovator", who.language, own, context)
        )  # fmt: skip
    return drafts


def _released(event: Event, base_url: str) -> list[Draft]:
    assert isinstance(event, ReviewReleased)
    a, link = event.evaluator, "/"  # no longer theirs to open
    context = _common(base_url, a.name, "" if event.blind else event.title, link) | {
        "blind": event.blind,
        "proposal_id": event.proposal_id,
        "reason": one_line(event.reason),
    }
    return [
        Draft(Kind.REVIEW_RELEASED, event.proposal_id, a.evaluator_id, a.email, a.name,
              "evaluator", a.language, link, context)
    ]  # fmt: skip


def _due(event: Event, base_url: str) -> list[Draft]:
    assert isinstance(event, ReviewDue)
    a, link = event.evaluator, review_path(event.proposal_id)
    kind = Kind.REVIEW_OVERDUE if event.overdue else Kind.REVIEW_REMINDER
    context = _common(base_url, a.name, "" if event.blind else event.title, link) | {
        "blind": event.blind,
        "proposal_id": event.proposal_id,
        "due_at": moment(event.due_at),
    }
    return [
        Draft(kind, event.proposal_id, a.evaluator_id, a.email, a.name, "evaluator",
              a.language, link, context)
    ]  # fmt: skip


def _decided(event: Event, base_url: str) -> list[Draft]:
    assert isinstance(event, DecisionMade)
    who, link = event.innovator, proposal_path(event.proposal_id)
    context = _common(base_url, who.name, event.title, link) | {
        "decision": event.decision if event.decision in DECISIONS else "other",
        "decision_code": one_line(event.decision),
        "rank": event.rank,
        "score": f"{event.score:.2f}" if event.score is not None else "",
        "version_no": event.version_no,
    }
    return [
        Draft(Kind.DECISION_MADE, event.proposal_id, who.id, who.email, who.name,
              "innovator", who.language, link, context)
    ]  # fmt: skip


def _invited(event: Event, base_url: str) -> list[Draft]:
    assert isinstance(event, EvaluatorInvited)
    who, link = event.evaluator, own_path(event.accept_path)
    context = _common(base_url, who.name, event.call_name, link) | {"call_name": event.call_name}
    return [
        Draft(Kind.EVALUATOR_INVITED, None, who.id, who.email, who.name, "evaluator",
              who.language, link, context)
    ]  # fmt: skip


def _document(event: Event, base_url: str) -> list[Draft]:
    """The dossier to its innovator; a letter of assignment to its evaluator, attached; any
    other document (certificate, minutes …) to its owner as a link."""
    assert isinstance(event, DocumentReady)
    who = event.owner
    proposal_id = event.proposal_id or None
    link = proposal_path(event.proposal_id) if proposal_id else own_path(event.download_path)
    context = _common(base_url, who.name, event.title, link) | {
        "version_no": event.version_no,
        "download_url": absolute(base_url, event.download_path),
        "proposal_url": absolute(base_url, link),
        "document_kind": event.kind,
        "number": event.number or "",
    }
    attachment = None
    if event.kind in DOSSIERS:
        kind, role = Kind.DOSSIER_READY, "innovator"
    elif event.kind == LETTER:
        kind, role = Kind.ASSIGNMENT_LETTER, "evaluator"
        attachment = (event.sha256, letter_name(event.number, event.document_id))
    else:
        kind, role = Kind.DOCUMENT_READY, "owner"
    return [
        Draft(kind, proposal_id, who.id, who.email, who.name, role, who.language, link, context,
              attachment)
    ]  # fmt: skip


def letter_name(number: str | None, document_id: int) -> str:
    """`surat-tugas-<number>.pdf`, the number made safe for a file name."""
    label = re.sub(r"[^A-Za-z0-9._-]+", "-", number or str(document_id)).strip("-.")
    return f"surat-tugas-{label[:80] or document_id}.pdf"


_MAKERS = {
    ProposalSubmitted: _submitted,
    ProposalReturned: _returned,
    ProposalWithdrawn: _withdrawn,
    ReviewAssigned: _assigned,
    ReviewReleased: _released,
    ReviewDue: _due,
    DecisionMade: _decided,
    EvaluatorInvited: _invited,
    DocumentReady: _document,
}
