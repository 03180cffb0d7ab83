"""A submitted version's dossier (and, in a blind call, its anonymised variant), and who may
read it: its evaluators, once they are assigned."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.documents import contexts
from services.documents.calls import call_info
from services.documents.issuing import Press, Request, issue
from services.documents.models import Assignment, Document, ProposalInfo
from shared.db import serialise
from shared.events import ProposalSnapshot

DOSSIER, BLIND = "proposal_dossier", "proposal_dossier_blind"
READERS_LOCK = 0x0D055  # with a proposal id: who may read its dossiers, decided one at a time


def lock_readers(session: Session, proposal_id: int) -> None:
    """A dossier being rendered and an assignment of its proposal arriving meanwhile (two
    workers) must not miss each other: the render reads who is assigned before it commits, and
    the assignment opens only dossiers already committed. Each takes this lock first, so the
    later one sees what the earlier committed."""
    serialise(session, READERS_LOCK, proposal_id)


def _assigned(session: Session, proposal_id: int, version_no: int) -> list[int]:
    return list(
        session.scalars(
            select(Assignment.evaluator_id).where(
                Assignment.proposal_id == proposal_id, Assignment.version_no == version_no
            )
        )
    )


def issue_dossiers(session: Session, event: ProposalSnapshot, press: Press) -> list[Document]:
    """The dossier of a submitted version, and in a blind call its anonymised variant, which is
    the only one its evaluators may read."""
    lock_readers(session, event.proposal_id)
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
                               readers=() if event.blind else evaluators, **common), press)
    ]  # fmt: skip
    if event.blind:
        masked = {**common, "title": contexts.blind_masker(event).text(event.title)}
        issued.append(
            issue(session, Request(kind=BLIND, source=contexts.dossier(event, call, blind=True),
                                   readers=evaluators, **masked), press)
        )  # fmt: skip
    return [d for d in issued if d is not None]


def open_to(
    session: Session, proposal_id: int, version_no: int, blind: bool, readers: Iterable[int]
) -> None:
    """Let `readers` read the version's dossier (the anonymised one in a blind call)."""
    readable = BLIND if blind else DOSSIER
    added = set(readers)
    for doc in session.scalars(
        select(Document).where(
            Document.kind == readable,
            Document.proposal_id == proposal_id,
            Document.version_no == version_no,
        )
    ):
        doc.reader_user_ids = sorted(set(doc.reader_user_ids or []) | added)


def close_to(session: Session, proposal_id: int, version_no: int | None, reader: int) -> None:
    """`reader` was taken off the proposal version: they no longer read any of its documents
    (every version's when the release names none), and a dossier rendered later does not open
    to them (nor does a later surat tugas list it). Idempotent."""
    lock_readers(session, proposal_id)
    held = select(Assignment).where(
        Assignment.proposal_id == proposal_id, Assignment.evaluator_id == reader
    )
    if version_no is not None:
        held = held.where(Assignment.version_no == version_no)
    for row in session.scalars(held):
        session.delete(row)
    query = select(Document).where(Document.proposal_id == proposal_id)
    if version_no is not None:
        query = query.where(Document.version_no == version_no)
    for doc in session.scalars(query):
        if reader in (doc.reader_user_ids or ()):
            doc.reader_user_ids = [i for i in doc.reader_user_ids if i != reader]
