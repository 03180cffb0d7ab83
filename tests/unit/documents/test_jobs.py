"""The admin's background jobs: each certificate committed on its own with progress, and a job
without data failing with a message."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.documents import (
    calls,
    jobs,
    letters,
)
from services.documents.errors import Forbidden, NotFound
from services.documents.models import DecisionInfo, Document, Job, ProposalInfo
from shared.db import Database
from tests.support.documents import (
    ADMIN,
    ASSIGNED_AT,
    make_call,
    make_decision,
    make_press,
    make_submitted,
    text_of,
)


def count(session: Session, what: object) -> int:
    return session.scalar(select(func.count()).select_from(what)) or 0  # type: ignore[arg-type]


def test_certificates_job_commits_each_certificate_and_reports_progress(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        calls.record_call(s, make_call())
    for pid in (201, 202, 203):
        with db.session() as s:
            decision = make_decision(proposal_id=pid, decision="finalist", title=f"Inovasi {pid}")
            if pid == 201:  # one already issued when it was decided
                letters.issue_certificate(s, decision, press)
            else:
                payload = decision.model_dump(mode="json")
                s.add(DecisionInfo(proposal_id=pid, call_id=3, payload=payload))
    job_id = jobs.create(db, "certificates", 3, ADMIN, {})
    assert jobs.run(db, job_id, press, ASSIGNED_AT) == "done"
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        assert (job.status, job.done, job.total) == ("done", 4, 4)
        batch = s.get(Document, job.document_id)
        assert batch is not None
        assert (batch.kind, batch.pages) == ("sertifikat_batch", 3)
        assert count(s, Document.__table__) == 4  # three certificates and the merged file


def test_certificates_job_per_member_issues_each_members_certificate(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        calls.record_call(s, make_call())
        event = make_submitted(proposal_id=204)  # its team: Budi Anggota Tim
        s.add(ProposalInfo(proposal_id=204, version_no=event.version_no, call_id=3,
                           payload=event.model_dump(mode="json")))  # fmt: skip
        decision = make_decision(proposal_id=204, decision="finalist")
        s.add(DecisionInfo(proposal_id=204, call_id=3, payload=decision.model_dump(mode="json")))
    job_id = jobs.create(db, "certificates", 3, ADMIN, {"per": "member"})
    assert jobs.run(db, job_id, press, ASSIGNED_AT) == "done"
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        assert (job.status, job.done, job.total) == ("done", 2, 2)
        batch = s.get(Document, job.document_id)
        assert batch is not None
        assert (batch.kind, batch.pages) == ("sertifikat_batch", 2)
        text = text_of(press.storage.get(batch.storage_key))
        assert "Rina Inovator" in text
        assert "Budi Anggota Tim" in text
        subjects = set(s.scalars(select(Document.subject).where(Document.kind == "sertifikat")))
        assert subjects == {"proposal:204:v2", "proposal:204:v2:member:8"}


def test_job_without_data_fails_with_a_message(db: Database) -> None:
    job_id = jobs.create(db, "certificates", 77, ADMIN, {})
    assert jobs.run(db, job_id, make_press(), ASSIGNED_AT) == "failed"
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        assert job.error is not None
        assert "tidak ada data" in job.error


@dataclass(frozen=True)
class Asker:
    role: str


def test_only_the_admin_asks_for_or_watches_a_job(db: Database) -> None:
    for role in ("innovator", "operator", "verifier", "evaluator"):
        with pytest.raises(Forbidden):
            jobs.authorize(Asker(role))
        with pytest.raises(Forbidden):
            jobs.progress(db, Asker(role), 1)
    jobs.authorize(Asker("admin"))


def test_progress_of_an_unknown_job_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        jobs.progress(db, Asker("admin"), 404)
    job_id = jobs.create(db, "recap", 3, ADMIN, {})
    state = jobs.progress(db, Asker("admin"), job_id)
    assert (state.id, state.kind, state.call_id, state.status) == (job_id, "recap", 3, "queued")
