"""Every state change of the documents service: keep the facts events carry, and issue the
documents they call for (see issuing.py for how one document is issued)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.documents import contexts
from services.documents.issuing import Press, Request, issue
from services.documents.models import (
    Assignment,
    CallInfo,
    DecisionInfo,
    Document,
    ProposalInfo,
    ScoreInfo,
)
from shared.events import (
    CallPublished,
    DecisionMade,
    Person,
    ProposalSnapshot,
    ReviewAssigned,
    ReviewSubmitted,
)

DOSSIER, BLIND = "proposal_dossier", "proposal_dossier_blind"
CERTIFIED = frozenset({"finalist", "winner"})
Progress = Callable[[int, int], None]


def download_path(document_id: int) -> str:
    return f"/documents/{document_id}/download"


def call_info(session: Session, call_id: int | None) -> dict[str, Any] | None:
    row = session.get(CallInfo, call_id) if call_id is not None else None
    return dict(row.payload) if row is not None else None


def record_call(session: Session, event: CallPublished) -> None:
    row = session.get(CallInfo, event.call_id)
    if row is not None and row.version_no >= event.version_no:
        return
    payload = {"call_name": event.call_name, "year": event.year, "blind": event.blind}
    if row is None:
        session.add(CallInfo(call_id=event.call_id, version_no=event.version_no, payload=payload))
    else:
        row.version_no, row.payload = event.version_no, payload


def _assigned(session: Session, proposal_id: int, version_no: int) -> list[int]:
    return list(
        session.scalars(
            select(Assignment.evaluator_id).where(
                Assignment.proposal_id == proposal_id, Assignment.version_no == version_no
            )
        )
    )


def issue_dossiers(
    session: Session, event: ProposalSnapshot, press: Press, correlation_id: str | None = None
) -> list[Document]:
    """The dossier of a submitted version, and in a blind call its anonymised variant, which is
    the only one its evaluators may read."""
    row = session.get(ProposalInfo, event.proposal_id)
    payload = event.model_dump(mode="json")
    if row is None:
        session.add(ProposalInfo(proposal_id=event.proposal_id, version_no=event.version_no,
                                 call_id=event.call_id, payload=payload))  # fmt: skip
    elif row.version_no <= event.version_no:
        row.version_no, row.call_id, row.payload = event.version_no, event.call_id, payload
    call = call_info(session, event.call_id)
    evaluators = tuple(_assigned(session, event.proposal_id, event.version_no))
    subject = f"proposal:{event.proposal_id}:v{event.version_no}"
    common: dict[str, Any] = {
        "subject": subject, "created": event.submitted_at, "owner": event.innovator,
        "title": event.title, "owner_opd_code": event.opd_code,
        "proposal_id": event.proposal_id, "version_no": event.version_no,
        "call_id": event.call_id,
    }  # fmt: skip
    issued = [
        issue(session, Request(kind=DOSSIER, source=contexts.dossier(event, call, blind=False),
                               readers=() if event.blind else evaluators, **common),
              press, correlation_id)
    ]  # fmt: skip
    if event.blind:
        issued.append(
            issue(session, Request(kind=BLIND, source=contexts.dossier(event, call, blind=True),
                                   readers=evaluators, **common), press, correlation_id)
        )  # fmt: skip
    return [d for d in issued if d is not None]


def record_assignment(
    session: Session,
    event: ReviewAssigned,
    press: Press,
    at: datetime,
    correlation_id: str | None = None,
) -> list[Document]:
    """Keep the assignment, open the proposal's dossier to its evaluators, and issue each
    evaluator's surat tugas for the call (a new revision listing every assignment so far)."""
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
                proposal_id=event.proposal_id, version_no=event.version_no, title=event.title,
                due_at=event.due_at, blind=event.blind,
            ))  # fmt: skip
    session.flush()
    readable = BLIND if event.blind else DOSSIER
    for doc in session.scalars(
        select(Document).where(
            Document.kind == readable,
            Document.proposal_id == event.proposal_id,
            Document.version_no == event.version_no,
        )
    ):
        doc.reader_user_ids = sorted(
            set(doc.reader_user_ids or []) | {a.evaluator_id for a in event.evaluators}
        )
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
        ), press, correlation_id)  # fmt: skip
        if letter is not None:
            issued.append(letter)
    return issued


def issue_score_sheet(
    session: Session, event: ReviewSubmitted, press: Press, correlation_id: str | None = None
) -> Document | None:
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
    ), press, correlation_id)  # fmt: skip


def issue_certificate(
    session: Session, event: DecisionMade, press: Press, correlation_id: str | None = None
) -> Document | None:
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
    ), press, correlation_id)  # fmt: skip
