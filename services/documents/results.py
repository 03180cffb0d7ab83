"""A call's results documents as the admin sees them: for the recap, the minutes and the
certificates, the newest document (its revisions are kept) and the newest job that makes it,
with its progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from services.documents import jobs
from services.documents.models import Document, Job
from shared.db import Database

# The job that makes each kind of results document, in the order a secretariat needs them.
DOCUMENT_OF = {"recap": "rekap", "minutes": "berita_acara", "certificates": "sertifikat_batch"}


@dataclass(frozen=True)
class Issued:
    id: int
    number: str | None
    revision: int
    status: str
    issued_at: datetime | None


@dataclass(frozen=True)
class Result:
    kind: str  # the job's kind: recap, minutes, certificates
    document: Issued | None
    job: jobs.JobState | None

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.status in ("queued", "running")


def of_call(db: Database, asker: jobs.Asker, call_id: int) -> list[Result]:
    """The admin's: `Forbidden` for anyone else."""
    jobs.authorize(asker)
    found = []
    with db.session() as s:
        for kind, document_kind in DOCUMENT_OF.items():
            doc = s.scalars(
                select(Document)
                .where(Document.call_id == call_id, Document.kind == document_kind)
                .order_by(Document.id.desc())
                .limit(1)
            ).first()
            job = s.scalars(
                select(Job).where(Job.call_id == call_id, Job.kind == kind)
                .order_by(Job.id.desc()).limit(1)
            ).first()  # fmt: skip
            issued = None
            if doc is not None:
                issued = Issued(doc.id, doc.number, doc.revision, doc.status, doc.issued_at)
            found.append(Result(kind, issued, jobs.state_of(job) if job is not None else None))
    return found


def announcement_of(db: Database, asker: jobs.Asker, call_id: int) -> Issued | None:
    """The call's newest announcement of results (made by announcing, not by a button here)."""
    jobs.authorize(asker)
    with db.session() as s:
        doc = s.scalars(
            select(Document).where(Document.call_id == call_id, Document.kind == "pengumuman")
            .order_by(Document.id.desc()).limit(1)
        ).first()  # fmt: skip
        return None if doc is None else Issued(doc.id, doc.number, doc.revision, doc.status,
                                               doc.issued_at)  # fmt: skip
