"""The stored documents as their readers ask for them: a proposal's list, one download, and the
admin's revocation. A document the reader may not read is `NotFound`, so its existence does not
leak."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import select

from services.documents import directory
from services.documents.access import can_read
from services.documents.bootstrap import storage
from services.documents.errors import AlreadyRevoked, Forbidden, NotFound
from services.documents.models import Document, RenderFailure
from shared import runtime
from shared.db import transition
from shared.web.paging import Page, Window, paginate

T = TypeVar("T")


class Reader(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def opd_code(self) -> str | None: ...


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str


def of_proposal(reader: Reader, proposal_id: int, view: Callable[[Document], T]) -> list[T]:
    """The proposal's documents the reader may read, oldest first, each as `view` shows it."""
    with runtime.database("documents").session() as s:
        docs = s.scalars(
            select(Document).where(Document.proposal_id == proposal_id).order_by(Document.id)
        ).all()
        return [view(d) for d in docs if can_read(reader.id, reader.role, reader.opd_code, d)]


def download(reader: Reader, document_id: int) -> Download:
    """The stored PDF, for a reader allowed to read it."""
    with runtime.database("documents").session() as s:
        doc = s.get(Document, document_id)
        if doc is None or not can_read(reader.id, reader.role, reader.opd_code, doc):
            raise NotFound(f"document {document_id}")
        key, name = doc.storage_key, f"{doc.kind}-{doc.id}.pdf"
    return Download(storage().get(key), name)


DOSSIERS = ("proposal_dossier", "proposal_dossier_blind")


def dossier_of(reader: Reader, proposal_id: int, version_no: int | None = None) -> int:
    """The id of the proposal's dossier this reader may read: of `version_no` (else the newest
    version), the named one before the anonymous one, the newest revision. `NotFound` when
    there is none yet (still rendering) or none for them."""
    query = select(Document).where(
        Document.proposal_id == proposal_id,
        Document.kind.in_(DOSSIERS),
        Document.status != "revoked",
    )
    if version_no is not None:
        query = query.where(Document.version_no == version_no)
    with runtime.database("documents").session() as s:
        readable = [
            d for d in s.scalars(query) if can_read(reader.id, reader.role, reader.opd_code, d)
        ]
    if not readable:
        raise NotFound(f"dossier of proposal {proposal_id}")
    best = max(readable, key=lambda d: (d.version_no or 0, d.kind == DOSSIERS[0], d.id))
    return best.id


def revoke(reader: Reader, document_id: int, view: Callable[[Document], T]) -> T:
    """Mark the document revoked (the admin's): its verification page says so from then on."""
    if reader.role != directory.ADMIN:
        raise Forbidden("revoke")
    with runtime.database("documents").session() as s:
        doc = s.get(Document, document_id)
        if doc is None:
            raise NotFound(f"document {document_id}")
        if not transition(s, doc, {"status": ("valid", "superseded")}, {"status": "revoked"}):
            raise AlreadyRevoked(f"document {document_id}")
        return view(doc)


def failures(
    reader: Reader, view: Callable[[RenderFailure], T], window: Window, *, clamp: bool = True
) -> Page[T]:
    """One page of the documents that could not be rendered, newest first, with their reasons
    (the admin's: `Forbidden` for anyone else)."""
    if reader.role != directory.ADMIN:
        raise Forbidden("failures")
    query = select(RenderFailure).order_by(RenderFailure.id.desc())
    with runtime.database("documents").session() as s:
        return paginate(s, query, window, clamp=clamp).map(view)


def announcement_of(reader: Reader, call_id: int) -> int:
    """The id of the call's newest announcement of results; `NotFound` before there is one."""
    with runtime.database("documents").session() as s:
        found = s.scalars(
            select(Document).where(Document.call_id == call_id, Document.kind == "pengumuman",
                                   Document.status != "revoked")
            .order_by(Document.revision.desc(), Document.id.desc()).limit(1)
        ).first()  # fmt: skip
        if found is None or not can_read(reader.id, reader.role, reader.opd_code, found):
            raise NotFound(f"announcement of call {call_id}")
        return found.id
