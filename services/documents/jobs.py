"""The admin's on-demand documents of a call (recap, minutes, certificates) as background jobs:
the request records a `Job` and queues `documents.run_job`; the worker renders and keeps the
job's progress up to date in its own short transactions, so the admin can watch it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from services.documents import call_documents, operations
from services.documents.errors import RenderError
from services.documents.issuing import Press
from services.documents.models import Job
from shared.db import Database
from shared.events import Person

KINDS = ("recap", "minutes", "certificates")


def create(db: Database, kind: str, call_id: int, admin: Person, params: dict[str, Any]) -> int:
    with db.session() as s:
        job = Job(kind=kind, call_id=call_id, params={**params, "admin": admin.model_dump()},
                  requested_by=admin.id)  # fmt: skip
        s.add(job)
        s.flush()
        return job.id


def _update(db: Database, job_id: int, **values: Any) -> None:
    with db.session() as s:
        job = s.get(Job, job_id)
        if job is not None:
            for name, value in values.items():
                setattr(job, name, value)


def _certificates(
    db: Database, job_id: int, call_id: int, admin: Person, at: datetime, press: Press
) -> int | None:
    """Each certificate in its own short transaction (a batch of hundreds must not hold the
    database for minutes, and what is done stays done if the job is retried), then the merged
    PDF, which finds them all issued."""
    with db.session() as s:
        chosen = call_documents.certified(s, call_id)
    for done, decision in enumerate(chosen, start=1):
        with db.session() as s:
            operations.issue_certificate(s, decision, press)
        _update(db, job_id, done=done, total=len(chosen) + 1)
    with db.session() as s:
        batch = call_documents.issue_certificates(s, call_id, admin, at, press)
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
            document_id = _certificates(db, job_id, call_id, admin, at, press)
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
