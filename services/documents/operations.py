"""Every state change of the documents service: render, store, record, announce."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.documents import dossier
from services.documents.models import OUTBOX, Document
from services.documents.rendering import render_pdf
from services.documents.storage import Storage
from shared.events import DocumentReady, ReviewAssigned
from shared.outbox import publish


def download_path(document_id: int) -> str:
    return f"/documents/{document_id}/download"


def find(session: Session, kind: str, proposal_id: int, version_no: int) -> Document | None:
    return session.scalars(
        select(Document).where(
            Document.kind == kind,
            Document.proposal_id == proposal_id,
            Document.version_no == version_no,
        )
    ).first()


def render_dossier(
    session: Session,
    event: ReviewAssigned,
    storage: Storage,
    letterhead: Mapping[str, object],
    correlation_id: str | None = None,
) -> Document | None:
    """Render, store and record the dossier of the assigned proposal version, and publish
    `document.ready`. Returns None when that version already has its dossier (idempotent).

    The file is stored before the row is committed: if the transaction then fails, the stored
    bytes are an orphan that the next attempt (same content, same key) simply reuses.
    """
    if find(session, dossier.KIND, event.proposal_id, event.version_no) is not None:
        return None
    pdf = render_pdf(
        dossier.TEMPLATE, dossier.dossier_context(event, letterhead), created=event.submitted_at
    )
    document = Document(
        kind=dossier.KIND,
        proposal_id=event.proposal_id,
        version_no=event.version_no,
        title=event.title,
        sha256=hashlib.sha256(pdf).hexdigest(),
        storage_key=storage.put(pdf, ".pdf"),
        size_bytes=len(pdf),
        owner_user_id=event.innovator.id,
        owner_opd_code=event.opd_code,
        reader_user_ids=sorted({a.evaluator_id for a in event.evaluators}),
    )
    try:
        # A savepoint: when a concurrent delivery recorded this version first, only the insert
        # is undone and the caller's transaction (its inbox row) carries on.
        with session.begin_nested():
            session.add(document)
    except IntegrityError:
        return None
    publish(
        session,
        OUTBOX,
        DocumentReady(
            document_id=document.id,
            kind=document.kind,
            proposal_id=document.proposal_id,
            version_no=document.version_no,
            title=document.title,
            sha256=document.sha256,
            download_path=download_path(document.id),
            owner=event.innovator,
        ),
        correlation_id,
    )
    return document
