"""The documents addressed to one person: an evaluator's surat tugas (on each assignment) and
lembar penilaian (on each submitted review), and a finalist's or winner's certificate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.documents import contexts, dossiers
from services.documents.calls import call_info
from services.documents.issuing import Press, Request, issue
from services.documents.models import Assignment, DecisionInfo, Document, ScoreInfo
from shared.events import DecisionMade, Person, ReviewAssigned, ReviewSubmitted

CERTIFIED = frozenset({"finalist", "winner"})
Progress = Callable[[int, int], None]


def record_assignment(
    session: Session, event: ReviewAssigned, press: Press, at: datetime
) -> list[Document]:
    """Keep the assignment, open the proposal's dossier to its evaluators, and issue each
    evaluator's surat tugas for the call (a new revision listing every assignment so far)."""
    title = contexts.blind_masker(event).text(event.title) if event.blind else event.title
    for a in event.evaluators:
        exists = session.scalars(
            select(Assignment).where(
                Assignment.evaluator_id == a.evaluator_id,
                Assignment.proposal_id == event.proposal_id,
                Assignment.version_no == event.version_no,
            )
        ).first()
        if exists is None:
            session.add(Assignment(
                call_id=event.call_id, evaluator_id=a.evaluator_id, evaluator_name=a.name,
                proposal_id=event.proposal_id, version_no=event.version_no, title=title,
                due_at=event.due_at, blind=event.blind,
            ))  # fmt: skip
    session.flush()
    dossiers.open_to(session, event.proposal_id, event.version_no, event.blind,
                     (a.evaluator_id for a in event.evaluators))  # fmt: skip
    call = call_info(session, event.call_id)
    city = str(press.deploy["city"])
    issued = []
    for a in event.evaluators:
        rows = session.scalars(
            select(Assignment)
            .where(Assignment.evaluator_id == a.evaluator_id, Assignment.call_id == event.call_id)
            .order_by(Assignment.proposal_id, Assignment.version_no)
        ).all()
        listed = [
            {"proposal_id": r.proposal_id, "version_no": r.version_no, "title": r.title,
             "due_at": r.due_at}
            for r in rows
        ]  # fmt: skip
        source = contexts.surat_tugas(call, a.name, listed, city, at)
        person = Person(id=a.evaluator_id, name=a.name, email=a.email, language=a.language)
        letter = issue(session, Request(
            kind="surat_tugas", subject=f"call:{event.call_id}:evaluator:{a.evaluator_id}",
            source=source, created=at, owner=person, title=f"Surat Tugas {a.name}",
            call_id=event.call_id,
        ), press)  # fmt: skip
        if letter is not None:
            issued.append(letter)
    return issued


def issue_score_sheet(session: Session, event: ReviewSubmitted, press: Press) -> Document | None:
    """The evaluator's lembar penilaian; its total is kept for the recap."""
    row = session.get(ScoreInfo, event.review_id)
    if row is None:
        row = ScoreInfo(review_id=event.review_id)
        session.add(row)
    row.call_id, row.proposal_id, row.version_no = (
        event.call_id,
        event.proposal_id,
        event.version_no,
    )
    row.evaluator_id, row.evaluator_name, row.total = (
        event.evaluator.evaluator_id, event.evaluator.name, event.total,
    )  # fmt: skip
    e = event.evaluator
    return issue(session, Request(
        kind="lembar_penilaian", subject=f"review:{event.review_id}",
        source=contexts.lembar_penilaian(event, str(press.deploy["city"])),
        created=event.submitted_at,
        owner=Person(id=e.evaluator_id, name=e.name, email=e.email, language=e.language),
        title=event.title, proposal_id=event.proposal_id, version_no=event.version_no,
        call_id=event.call_id,
    ), press)  # fmt: skip


def issue_certificate(session: Session, event: DecisionMade, press: Press) -> Document | None:
    """The certificate of a finalist or winner (other decisions are only kept)."""
    row = session.get(DecisionInfo, event.proposal_id)
    payload = event.model_dump(mode="json")
    if row is None:
        session.add(DecisionInfo(proposal_id=event.proposal_id, call_id=event.call_id,
                                 payload=payload))  # fmt: skip
    else:
        row.call_id, row.payload = event.call_id, payload
    if event.decision not in CERTIFIED:
        return None
    entry = contexts.certificate(
        event, call_info(session, event.call_id), str(press.deploy["city"])
    )
    return issue(session, Request(
        kind="sertifikat", subject=f"proposal:{event.proposal_id}:v{event.version_no}",
        source={"certificates": [entry]}, created=event.decided_at, owner=event.innovator,
        title=event.title, owner_opd_code=event.opd_code, proposal_id=event.proposal_id,
        version_no=event.version_no, call_id=event.call_id,
    ), press)  # fmt: skip
