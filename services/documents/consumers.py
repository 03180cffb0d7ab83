"""Event handlers, each inside the consumer's transaction: `call.published` (kept),
`proposal.submitted` → the dossier (and its blind variant), `review.assigned` → readers and
the surat tugas, `review.released` → readers removed, `review.submitted` → the lembar
penilaian, `decision.made` → the certificate, `results.announced` → the announcement,
`monev.visit_recorded` → the monev report, `innovation.stage_changed` → the berita acara of
the stage, `iid.recap_requested` → the year's IID recap.

A document that cannot be rendered from its input (a limit hit, a refused URL) is logged and
the event is recorded as handled: redelivering it would only fail again, and the worker carries
on. A render process killed from outside (`RendererDiedError`) is not the input's fault: it passes
through, the transaction rolls back, the event stays unhandled and its task is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.orm import Session

from services.documents import (
    announcements,
    calls,
    dossiers,
    iid_recaps,
    letters,
    monev_reports,
    stage_minutes,
)
from services.documents.bootstrap import press
from services.documents.errors import RenderError
from services.documents.models import DIRECTORY, INBOX
from shared import directory, runtime
from shared.celery import note_trouble
from shared.consumer import Consumer
from shared.events import (
    CallPublished,
    DecisionMade,
    Envelope,
    IidRecapRequested,
    InnovationStageChanged,
    MonevVisitRecorded,
    ProposalSubmitted,
    ResultsAnnounced,
    ReviewAssigned,
    ReviewReleased,
    ReviewSubmitted,
)
from shared.trouble import FAILED, reason_of

log = logging.getLogger(__name__)


def on_call_published(session: Session, event: CallPublished, envelope: Envelope) -> None:
    calls.record_call(session, event)


def on_proposal_submitted(session: Session, event: ProposalSubmitted, envelope: Envelope) -> None:
    _guarded(envelope, lambda: dossiers.issue_dossiers(session, event, press()))


def on_review_assigned(session: Session, event: ReviewAssigned, envelope: Envelope) -> None:
    letters.record_assignment(session, event, envelope.occurred_at)


def on_review_released(session: Session, event: ReviewReleased, envelope: Envelope) -> None:
    dossiers.close_to(session, event.proposal_id, event.version_no, event.evaluator.evaluator_id)


def on_review_submitted(session: Session, event: ReviewSubmitted, envelope: Envelope) -> None:
    _guarded(envelope, lambda: letters.issue_score_sheet(session, event, press()))


def on_results_announced(session: Session, event: ResultsAnnounced, envelope: Envelope) -> None:
    _guarded(envelope, lambda: announcements.issue_announcement(session, event, press()))


def on_decision_made(session: Session, event: DecisionMade, envelope: Envelope) -> None:
    _guarded(envelope, lambda: letters.issue_certificate(session, event, press()))


def on_stage_changed(session: Session, event: InnovationStageChanged, envelope: Envelope) -> None:
    _guarded(envelope, lambda: stage_minutes.issue_stage_minutes(session, event, press()))


def on_monev_visit_recorded(
    session: Session, event: MonevVisitRecorded, envelope: Envelope
) -> None:
    _guarded(envelope, lambda: monev_reports.issue_monev_report(session, event, press()))


def on_iid_recap_requested(session: Session, event: IidRecapRequested, envelope: Envelope) -> None:
    _guarded(envelope, lambda: iid_recaps.issue_iid_recap(session, event, press()))


def _guarded(envelope: Envelope, action: Callable[[], object]) -> None:
    try:
        action()
    except RenderError as exc:
        log.error("documents: %s %s could not be rendered: %s", envelope.name,
                  envelope.event_id, exc)  # fmt: skip
        note_trouble(f"documents.render:{envelope.name}", FAILED, reason_of(exc))


CONSUMER = Consumer(
    service="documents",
    database=lambda: runtime.database("documents"),
    inbox=INBOX,
    handlers={
        CallPublished: on_call_published,
        ProposalSubmitted: on_proposal_submitted,
        ReviewAssigned: on_review_assigned,
        ReviewReleased: on_review_released,
        ReviewSubmitted: on_review_submitted,
        DecisionMade: on_decision_made,
        ResultsAnnounced: on_results_announced,
        MonevVisitRecorded: on_monev_visit_recorded,
        InnovationStageChanged: on_stage_changed,
        IidRecapRequested: on_iid_recap_requested,
        **directory.handlers(DIRECTORY),
    },
)
