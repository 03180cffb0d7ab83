"""The admin's on-demand documents of a call (recap, minutes, certificates) as background jobs:
the request records a `Job` and queues `documents.run_job`; the worker renders and keeps the
job's progress up to date in its own short transactions, so the admin can watch it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from services.documents import call_documents, directory
from services.documents.errors import Forbidden, NotFound, RenderError
from services.documents.issuing import Press
from services.documents.models import Job
from shared import runtime
from shared.db import Database
from shared.events import Person

KINDS = ("recap", "minutes", "certificates")


class Asker(Protocol):
    @property
    def role(self) -> str: ...


def authorize(asker: Asker) -> None:
    """Jobs are the admin's: `Forbidden` for anyone else."""
    if asker.role != directory.ADMIN:
        raise Forbidden("document jobs")


@dataclass(frozen=True)
class JobState:
    """Where a job stands, as the admin watches it."""

    id: int
    kind: str
    call_id: int
    status: str
    done: int
    total: int
    document_id: int | None
    error: str | None


def create(db: Database, kind: str, call_id: int, admin: Person, params: dict[str, Any]) -> int:
    """Record a job (not yet queued); returns its id."""
    with db.session() as s:
        job = Job(kind=kind, call_id=call_id, params={**params, "admin": admin.model_dump()},
                  requested_by=admin.id)  # fmt: skip
        s.add(job)
        s.flush()
        return job.id


def request(
    db: Database, asker: Asker, kind: str, call_id: int, admin: Person, params: dict[str, Any]
) -> JobState:
    """Record the admin's job and queue `documents.run_job` for it."""
    authorize(asker)
    job_id = create(db, kind, call_id, admin, params)
    runtime.celery_app().send_task("documents.run_job", args=[job_id], queue="documents")
    return _state(db, job_id)


def progress(db: Database, asker: Asker, job_id: int) -> JobState:
    """The job's state, for the admin; `NotFound` when there is no such job."""
    authorize(asker)
    return _state(db, job_id)


def _state(db: Database, job_id: int) -> JobState:
    with db.session() as s:
        job = s.get(Job, job_id)
        if job is None:
            raise NotFound(f"job {job_id}")
        return state_of(job)


def state_of(job: Job) -> JobState:
    return JobState(
        id=job.id, kind=job.kind, call_id=job.call_id, status=job.status, done=job.done,
        total=job.total, document_id=job.document_id, error=job.error,
    )  # fmt: skip


def _update(db: Database, job_id: int, **values: Any) -> None:
    with db.session() as s:
        job = s.get(Job, job_id)
        if job is not None:
            for name, value in values.items():
                setattr(job, name, value)


def _certificates(
    db: Database, job_id: int, call_id: int, admin: Person, at: datetime, press: Press, per: str
) -> int | None:
    """Each proposal's certificates (its team's too, `per` member) in their own short
    transaction (a batch of hundreds must not hold the database for minutes, and what is done
    stays done if the job is retried), then the merged PDF, which finds them all issued."""
    with db.session() as s:
        chosen = call_documents.certified(s, call_id)
    for done, decision in enumerate(chosen, start=1):
        with db.session() as s:
            call_documents.issue_own_certificates(s, decision, press, per)
        _update(db, job_id, done=done, total=len(chosen) + 1)
    with db.session() as s:
        batch = call_documents.issue_certificates(s, call_id, admin, at, press, per=per)
        s.flush()
        batch_id = batch.id if batch is not None else None
    _update(db, job_id, done=len(chosen) + 1, total=len(chosen) + 1)
    return batch_id


def run(db: Database, job_id: int, press: Press, now: datetime | None = None) -> str:
    """Run one job to the end; returns its final status (`done` or `failed`)."""
    with db.session() as s:
        job = s.get(Job, job_id)
        if job is None or job.status == "done":
            return "done" if job is not None else "missing"
        kind, call_id, params = job.kind, job.call_id, dict(job.params)
        at = job.created_at if now is None else now
    _update(db, job_id, status="running", error=None)
    admin = Person.model_validate(params["admin"])
    try:
        with db.session() as s:
            if kind == "recap":
                doc = call_documents.issue_recap(s, call_id, admin, at, press)
            elif kind == "minutes":
                doc = call_documents.issue_minutes(
                    s, call_id, admin, at, press, held_on=date.fromisoformat(params["held_on"]),
                    place=str(params["place"]), panel=list(params.get("panel") or []),
                )  # fmt: skip
            else:
                doc = None
            document_id = doc.id if doc is not None else None
        if kind == "certificates":
            per = str(params.get("per") or call_documents.PER_PROPOSAL)
            document_id = _certificates(db, job_id, call_id, admin, at, press, per)
    except RenderError as exc:
        _update(db, job_id, status="failed", error=str(exc)[:500])
        return "failed"
    if document_id is None:
        _update(db, job_id, status="failed", error="tidak ada data untuk dokumen ini (no data)")
        return "failed"
    if kind != "certificates":
        _update(db, job_id, done=1, total=1)
    _update(db, job_id, status="done", document_id=document_id)
    return "done"
