"""Issuing a document: number it (a number reserved before the render, see numbering.py), give
it a verification code and QR, render it (in a limited child process), store it, record it,
supersede its previous revision, announce it.

The one place that writes `Document` rows. Idempotent by content: when the latest revision of
(kind, subject) was made from the same source data, nothing happens, so a redelivered event or
a repeated admin request never creates a second document.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, Literal

from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.documents import codes, installation, numbering
from services.documents.contexts import TEMPLATES, TITLES
from services.documents.errors import RenderError, RenderMemoryError, RenderTimeoutError
from services.documents.formatting import local_time, tanggal_indonesia
from services.documents.models import OUTBOX, Document, RenderFailure
from services.documents.rendering import render_pdf
from services.documents.warm import render_warm
from shared.events import DocumentFailed, DocumentReady, Person
from shared.outbox import publish
from shared.storage import Storage

# Documents whose `document.ready` names no proposal (the innovator's timeline skips them).
PRIVATE_KINDS = frozenset(
    {"surat_tugas", "lembar_penilaian", "rekap", "berita_acara", "sertifikat_batch",
     "proposal_dossier_blind"}
)  # fmt: skip
# Documents of no proposal nor innovation whose `document.ready` names their subject ("iid:2026").
SUBJECT_KINDS = frozenset({"iid_rekap"})
Renderer = Callable[[str, Mapping[str, Any], datetime, str, str], bytes]


def sandboxed_render(
    template: str, context: Mapping[str, Any], created: datetime, source_json: str, title: str
) -> bytes:
    """The production renderer: `render_pdf` in a warm child process with time and memory
    limits (services/documents/warm.py)."""
    job = partial(
        render_pdf, template, context, created=created, source_json=source_json, title=title
    )
    return render_warm(job)


@dataclass(frozen=True)
class Press:
    """What issuing needs from the process: storage, the deployment's settings, a renderer."""

    storage: Storage
    base_url: str
    deploy: Mapping[str, Any]
    number_format: tuple[str, str]
    render: Renderer = sandboxed_render


@dataclass(frozen=True)
class Request:
    kind: str
    subject: str
    source: dict[str, Any]
    created: datetime
    owner: Person
    title: str
    owner_opd_code: str = ""
    readers: tuple[int, ...] = ()
    proposal_id: int = 0
    version_no: int = 0
    call_id: int | None = None
    innovation_id: int | None = None  # a document of an innovation's life (monev report …)


def latest(session: Session, kind: str, subject: str) -> Document | None:
    return session.scalars(
        select(Document)
        .where(Document.kind == kind, Document.subject == subject)
        .order_by(Document.revision.desc())
        .limit(1)
    ).first()


def context_for(
    request: Request, press: Press, number: str, code: str,
    deploy: Mapping[str, Any] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """What a template reads; `deploy` the settings in force (the press's by default)."""
    url = codes.verify_url(press.base_url, code)
    return {
        "deploy": press.deploy if deploy is None else deploy,
        "doc": {
            "kind": request.kind,
            "kind_title": TITLES[request.kind],
            "number": number,
            "code": code,
            "code_pretty": codes.pretty_code(code),
            "base_url": press.base_url,
            "verify_url": url,
            "qr": codes.qr_png(url),
            "issued": tanggal_indonesia(local_time(request.created)),
        },
        "data": request.source,
    }


def issue(session: Session, request: Request, press: Press) -> Document | None:
    """Issue `request` as a new document (or revision); None when nothing changed: the same
    source data under the same version of the document settings."""
    source_hash = codes.source_sha256(request.source)
    settings = installation.in_force(session, press.deploy)
    previous = latest(session, request.kind, request.subject)
    if _same(previous, source_hash, settings.version):
        return None
    revision = previous.revision + 1 if previous is not None else 1
    when = local_time(request.created)
    # Reserved (and, on a server database, committed) before the render: a document of the same
    # kind rendering at the same time gets the next number, and a retry of this revision this one.
    seq = numbering.reserve_for_issue(session, request.kind, request.subject, revision, when.year)
    fmt, unit = press.number_format
    number = codes.document_number(
        fmt, kind=request.kind, seq=seq, unit=unit, year=when.year, month=when.month
    )
    code = codes.verification_code(request.kind, request.subject, revision, source_hash)
    embedded = codes.canonical_json(
        {"kind": request.kind, "number": number, "verification_code": code,
         "subject": request.subject, "revision": revision, "data": request.source}
    )  # fmt: skip
    try:
        pdf = press.render(
            TEMPLATES[request.kind],
            context_for(request, press, number, code, settings.deploy),
            request.created,
            embedded,
            f"{TITLES[request.kind]} {number}",
        )
    except RenderError as exc:
        record_failure(session, request, source_hash, exc)
        raise
    document = Document(
        kind=request.kind, subject=request.subject, revision=revision, status="valid",
        number=number, verification_code=code, issued_at=request.created,
        source_sha256=source_hash, call_id=request.call_id, proposal_id=request.proposal_id,
        version_no=request.version_no, title=request.title[:500],
        sha256=hashlib.sha256(pdf).hexdigest(), storage_key=press.storage.put(pdf, ".pdf"),
        size_bytes=len(pdf), pages=len(PdfReader(io.BytesIO(pdf)).pages),
        owner_user_id=request.owner.id, owner_opd_code=request.owner_opd_code,
        reader_user_ids=sorted(set(request.readers)), settings_version=settings.version,
    )  # fmt: skip
    try:
        # A savepoint: when a concurrent delivery issued this revision first, only this insert
        # is undone and the caller's transaction (its inbox row) carries on.
        with session.begin_nested():
            if previous is not None:
                previous.status = "superseded"
            session.add(document)
    except IntegrityError:
        if _same(latest(session, request.kind, request.subject), source_hash, settings.version):
            return None
        raise
    proposal_id, version_no = _announced_place(request)
    publish(
        session,
        OUTBOX,
        DocumentReady(
            document_id=document.id, kind=document.kind,
            proposal_id=proposal_id, version_no=version_no,
            title=document.title, sha256=document.sha256,
            download_path=f"/documents/{document.id}/download", owner=request.owner,
            call_id=request.call_id, number=number, verification_code=code,
            innovation_id=request.innovation_id,
            subject=request.subject if _names_subject(request) else None,
        ),
    )  # fmt: skip
    return document


def _same(previous: Document | None, source_hash: str, settings_version: int | None) -> bool:
    return (
        previous is not None
        and previous.source_sha256 == source_hash
        and previous.settings_version == settings_version
    )


def _names_subject(request: Request) -> bool:
    """Whether `document.ready` names the subject, for its producer to find the row it belongs
    to: a document of an innovation's life, or of a year's IID recap."""
    return request.innovation_id is not None or request.kind in SUBJECT_KINDS


def _announced_place(request: Request) -> tuple[int, int]:
    """The proposal and version an announcement names: none (0, 0) for a document addressed to
    one person (an evaluator's letter or score sheet never shows on the innovator's timeline)."""
    if request.kind in PRIVATE_KINDS:
        return 0, 0
    return request.proposal_id, request.version_no


def record_failure(session: Session, request: Request, source_hash: str, exc: RenderError) -> None:
    """`request` cannot be rendered (permanent): recorded as failed with `reason`, once per
    source, and announced as `document.failed` (the innovator's timeline says why)."""
    found = session.scalars(
        select(RenderFailure).where(
            RenderFailure.kind == request.kind, RenderFailure.subject == request.subject,
            RenderFailure.source_sha256 == source_hash,
        )
    ).first()  # fmt: skip
    if found is not None:
        return
    reason = str(exc) or type(exc).__name__
    cause: Literal["time_limit", "memory_limit", "input"] = (
        "time_limit" if isinstance(exc, RenderTimeoutError)
        else "memory_limit" if isinstance(exc, RenderMemoryError) else "input"
    )  # fmt: skip
    with session.begin_nested():
        session.add(RenderFailure(
            kind=request.kind, subject=request.subject, source_sha256=source_hash,
            reason=reason[:2000], call_id=request.call_id, proposal_id=request.proposal_id,
            version_no=request.version_no, title=request.title[:500],
            owner_user_id=request.owner.id,
        ))  # fmt: skip
    proposal_id, version_no = _announced_place(request)
    publish(
        session,
        OUTBOX,
        DocumentFailed(
            kind=request.kind, subject=request.subject,
            proposal_id=proposal_id, version_no=version_no,
            title=request.title[:500], cause=cause, reason=reason[:2000], owner=request.owner,
            call_id=request.call_id,
        ),
    )  # fmt: skip
