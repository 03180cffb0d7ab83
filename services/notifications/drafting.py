"""What each event tells whom: the drafts of its notices. Pure: no session, no clock, no I/O."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from services.notifications.composer import absolute, one_line
from services.notifications.notices import (
    DECISIONS,
    DOSSIERS,
    LETTER,
    Draft,
    Kind,
    announcement_path,
    moment,
    own_path,
    proposal_path,
    review_path,
)
from shared import formats
from shared.events import (
    DecisionMade,
    DocumentReady,
    EvaluatorInvited,
    Event,
    IidEvidenceReturned,
    InnovationStageChanged,
    MonevVisitRecorded,
    ObjectionEmailRequested,
    ObjectionsOpened,
    ProposalRefused,
    ProposalReturned,
    ProposalSubmitted,
    ProposalWithdrawn,
    ReportDue,
    ResultsAnnounced,
    ReviewAssigned,
    ReviewDue,
    ReviewReleased,
    TeamInvited,
)
from shared.formats import day, number


def drafts_for(event: Event, base_url: str) -> list[Draft]:
    """Every notice `event` makes (none for an event that tells nobody)."""
    maker = _MAKERS.get(type(event))
    return maker(event, base_url) if maker is not None else []


def _common(base_url: str, name: str, title: str, link: str) -> dict[str, object]:
    return {"recipient_name": name, "title": one_line(title), "url": absolute(base_url, link)}


def _submitted(event: ProposalSubmitted, base_url: str) -> list[Draft]:
    who, link = event.innovator, proposal_path(event.proposal_id)
    context = _common(base_url, who.name, event.title, link) | {
        "version_no": event.version_no,
        "agency": one_line(event.opd_name),
        "submitted_at": moment(event.submitted_at, who.language),
    }
    return [
        Draft(Kind.SUBMISSION_RECEIVED, event.proposal_id, who.id, who.email, who.name,
              "innovator", who.language, link, context)
    ]  # fmt: skip


def _returned(event: ProposalReturned, base_url: str) -> list[Draft]:
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


def _refused(event: ProposalRefused, base_url: str) -> list[Draft]:
    who, link = event.innovator, proposal_path(event.proposal_id)
    context = _common(base_url, who.name, event.title, link) | {
        "version_no": event.version_no,
        "reason": event.reason.strip(),
    }
    return [
        Draft(Kind.PROPOSAL_REFUSED, event.proposal_id, who.id, who.email, who.name,
              "innovator", who.language, link, context)
    ]  # fmt: skip


def _withdrawn(event: ProposalWithdrawn, base_url: str) -> list[Draft]:
    who, link = event.innovator, proposal_path(event.proposal_id)
    context = _common(base_url, who.name, event.title, link)
    return [
        Draft(Kind.PROPOSAL_WITHDRAWN, event.proposal_id, who.id, who.email, who.name,
              "innovator", who.language, link, context)
    ]  # fmt: skip


def _assigned(event: ReviewAssigned, base_url: str) -> list[Draft]:
    """Each newcomer is told (blind: neither title nor agency); on a first assignment the
    innovator is told the proposal is under review (never who reviews it)."""
    link = review_path(event.proposal_id)
    drafts = []
    for a in event.evaluators:
        context = _common(base_url, a.name, event.title, link) | {
            "blind": event.blind,
            "proposal_id": event.proposal_id,
            "agency": "" if event.blind else one_line(event.opd_name),
            "version_no": event.version_no,
            "due_at": moment(event.due_at, a.language),
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


def _released(event: ReviewReleased, base_url: str) -> list[Draft]:
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


def _due(event: ReviewDue, base_url: str) -> list[Draft]:
    a, link = event.evaluator, review_path(event.proposal_id)
    kind = Kind.REVIEW_OVERDUE if event.overdue else Kind.REVIEW_REMINDER
    context = _common(base_url, a.name, "" if event.blind else event.title, link) | {
        "blind": event.blind,
        "proposal_id": event.proposal_id,
        "due_at": moment(event.due_at, a.language),
    }
    return [
        Draft(kind, event.proposal_id, a.evaluator_id, a.email, a.name, "evaluator",
              a.language, link, context)
    ]  # fmt: skip


def _decided(event: DecisionMade, base_url: str) -> list[Draft]:
    who, link = event.innovator, proposal_path(event.proposal_id)
    context = _common(base_url, who.name, event.title, link) | {
        "decision": event.decision if event.decision in DECISIONS else "other",
        "decision_code": one_line(event.decision),
        "rank": event.rank,
        "score": number(event.score, who.language, 2) if event.score is not None else "",
        "version_no": event.version_no,
    }
    return [
        Draft(Kind.DECISION_MADE, event.proposal_id, who.id, who.email, who.name,
              "innovator", who.language, link, context)
    ]  # fmt: skip


def _announced(event: ResultsAnnounced, base_url: str) -> list[Draft]:
    """Each innovator of a decided proposal: the results are out, and theirs."""
    link = announcement_path(event.call_id)
    drafts = []
    for r in event.results:
        who = r.innovator
        context = _common(base_url, who.name, r.title, link) | {
            "call_name": one_line(event.call_name),
            "number": event.announcement_no,
            "decision": r.decision if r.decision in DECISIONS else "other",
            "rank": r.rank,
            "proposal_url": absolute(base_url, proposal_path(r.proposal_id)),
        }
        drafts.append(
            Draft(Kind.RESULTS_ANNOUNCED, r.proposal_id, who.id, who.email, who.name,
                  "innovator", who.language, link, context)
        )  # fmt: skip
    return drafts


def _objections_opened(event: ObjectionsOpened, base_url: str) -> list[Draft]:
    """Each innovator of a decided proposal: the uji publik is open until its end."""
    link = own_path(event.page_path)
    drafts = []
    for who in event.innovators:
        context = _common(base_url, who.name, event.call_name, link) | {
            "call_name": one_line(event.call_name),
            "closes_at": formats.moment(event.closes_at, who.language, seconds=True),
            "days": event.days,
        }
        drafts.append(
            Draft(Kind.OBJECTIONS_OPENED, None, who.id, who.email, who.name, "innovator",
                  who.language, link, context)
        )  # fmt: skip
    return drafts


def _objection_email(event: ObjectionEmailRequested, base_url: str) -> list[Draft]:
    """The link confirming the address someone gave to object (no account is theirs)."""
    link = own_path(event.confirm_path)
    context = _common(base_url, event.email, event.call_name, link) | {
        "call_name": one_line(event.call_name),
        "expires_at": moment(event.expires_at, event.language),
    }
    return [
        Draft(Kind.OBJECTION_EMAIL, None, None, event.email, event.email, "public",
              event.language, link, context)
    ]  # fmt: skip


def _invited(event: EvaluatorInvited, base_url: str) -> list[Draft]:
    who, link = event.evaluator, own_path(event.accept_path)
    context = _common(base_url, who.name, event.call_name, link) | {"call_name": event.call_name}
    return [
        Draft(Kind.EVALUATOR_INVITED, None, who.id, who.email, who.name, "evaluator",
              who.language, link, context)
    ]  # fmt: skip


def _team_invited(event: TeamInvited, base_url: str) -> list[Draft]:
    who, link = event.invitee, own_path(event.accept_path)
    context = _common(base_url, who.name, event.title, link) | {"inviter_name": event.inviter_name}
    return [
        Draft(Kind.TEAM_INVITED, event.proposal_id, who.id, who.email, who.name, "innovator",
              who.language, link, context)
    ]  # fmt: skip


def _document(event: DocumentReady, base_url: str) -> list[Draft]:
    """The dossier to its innovator; a letter of assignment to its evaluator, attached; any
    other document (certificate, minutes …) to its owner as a link."""
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


def _report_due(event: ReportDue, base_url: str) -> list[Draft]:
    """Each member of the innovation's team: a progress report is due soon, or overdue."""
    link = own_path(event.report_path)
    drafts = []
    for who in event.team:
        context = _common(base_url, who.name, event.title, link) | {
            "schedule_title": one_line(event.schedule_title),
            "due_on": day(event.due_on, who.language),
            "overdue": event.overdue,
        }
        drafts.append(
            Draft(Kind.REPORT_DUE, None, who.id, who.email, who.name, "innovator",
                  who.language, link, context)
        )  # fmt: skip
    return drafts


def _iid_returned(event: IidEvidenceReturned, base_url: str) -> list[Draft]:
    """The person who answered an IID indicator: the verifier returned it, and why."""
    who = event.recipient
    link = (f"/innovations/{event.innovation_id}/iid/{event.year}" if event.innovation_id
            else f"/innovations/iid/{event.year}/region")  # fmt: skip
    context = _common(base_url, who.name, event.title, link) | {
        "year": event.year,
        "indicator": f"{event.indicator_no}. {one_line(event.indicator_name)}",
        "reason": event.reason.strip(),
        "region": event.innovation_id is None,
    }
    return [
        Draft(Kind.IID_RETURNED, None, who.id, who.email, who.name, "operator", who.language,
              link, context)
    ]  # fmt: skip


def _stage_changed(event: InnovationStageChanged, base_url: str) -> list[Draft]:
    """Each member of the innovation's team: a later stage was recorded, its berita acara
    follows in the innovation's history."""
    link = f"/innovations/{event.innovation_id}"
    drafts = []
    for who in event.team:
        context = _common(base_url, who.name, event.title, link) | {
            "stage": event.stage,
            "on": day(event.on, who.language),
            "trial_on": day(event.trial_on, who.language) if event.trial_on else "",
            "actor_name": one_line(event.actor.name),
        }
        drafts.append(
            Draft(Kind.INNOVATION_STAGE_CHANGED, None, who.id, who.email, who.name, "innovator",
                  who.language, link, context)
        )  # fmt: skip
    return drafts


def letter_name(number: str | None, document_id: int) -> str:
    """`surat-tugas-<number>.pdf`, the number made safe for a file name."""
    label = re.sub(r"[^A-Za-z0-9._-]+", "-", number or str(document_id)).strip("-.")
    return f"surat-tugas-{label[:80] or document_id}.pdf"


def _monev_visit(event: MonevVisitRecorded, base_url: str) -> list[Draft]:
    """The innovation's team and the admins: a monitoring team visited, with what it found and
    recommends; the visit's page links the report once documents has rendered it."""
    link = f"/innovations/monev/visits/{event.visit_id}"
    drafts = []
    for who in event.notify:
        context = _common(base_url, who.name, event.title, link) | {
            "team_name": one_line(event.team_name),
            "visited_on": day(event.visited_on, who.language),
            "place": one_line(event.place),
            "follow_up_by": day(event.follow_up_by, who.language) if event.follow_up_by else "",
        }
        drafts.append(
            Draft(Kind.MONEV_VISIT_RECORDED, None, who.id, who.email, who.name, "monev",
                  who.language, link, context)
        )  # fmt: skip
    return drafts


_MAKERS: dict[type[Event], Callable[[Any, str], list[Draft]]] = {
    ProposalSubmitted: _submitted,
    ProposalReturned: _returned,
    ProposalRefused: _refused,
    ProposalWithdrawn: _withdrawn,
    ReviewAssigned: _assigned,
    ReviewReleased: _released,
    ReviewDue: _due,
    DecisionMade: _decided,
    ResultsAnnounced: _announced,
    ObjectionsOpened: _objections_opened,
    ObjectionEmailRequested: _objection_email,
    EvaluatorInvited: _invited,
    TeamInvited: _team_invited,
    DocumentReady: _document,
    ReportDue: _report_due,
    IidEvidenceReturned: _iid_returned,
    InnovationStageChanged: _stage_changed,
    MonevVisitRecorded: _monev_visit,
}
