"""Issuing on a real SQLite database: one document per content, revisions that supersede,
numbers in sequence, readers from assignments, `document.ready` for each, and the consumer
handling each event once whatever the deliveries."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.documents import call_documents, consumers, jobs, operations
from services.documents.models import INBOX, OUTBOX, DecisionInfo, Document, Job
from shared import runtime
from shared.consumer import Consumer
from shared.db import Database
from shared.events import (
    SUBSCRIBERS,
    AccountChanged,
    AgencyChanged,
    CallPublished,
    DecisionMade,
    DocumentReady,
    Envelope,
    ProposalSubmitted,
    ReviewAssigned,
    ReviewSubmitted,
)
from shared.storage import InMemoryStorage
from tests.unit.documents.conftest import ADMIN, make_press
from tests.unit.documents.factories import (
    ASSIGNED_AT,
    EVALUATORS,
    make_assigned,
    make_call,
    make_decision,
    make_review,
    make_submitted,
)
from tests.unit.documents.support import text_of


def count(session: Session, what: object) -> int:
    return session.scalar(select(func.count()).select_from(what)) or 0  # type: ignore[arg-type]


def ready_events(session: Session) -> list[DocumentReady]:
    rows = session.execute(select(OUTBOX.events.c.envelope)).scalars()
    events = [Envelope.model_validate(json.loads(r)).open() for r in rows]
    assert all(isinstance(e, DocumentReady) for e in events)
    return events  # type: ignore[return-value]


def test_submitted_version_gets_its_dossier_stored_recorded_and_announced(db: Database) -> None:
    storage = InMemoryStorage()
    with db.session() as s:
        operations.record_call(s, make_call())
        assert len(operations.issue_dossiers(s, make_submitted(), make_press(storage))) == 1
    with db.session() as s:
        row = s.scalars(select(Document)).one()
        (event,) = ready_events(s)
        deliveries = s.execute(select(OUTBOX.deliveries)).all()
        assert (row.kind, row.proposal_id, row.version_no, row.revision) == (
            "proposal_dossier", 41, 2, 1,
        )  # fmt: skip
        assert (row.owner_user_id, row.owner_opd_code, row.status) == (7, "dinkes", "valid")
        assert row.storage_key == row.sha256 + ".pdf"
        assert event.document_id == row.id
        assert event.sha256 == row.sha256
        assert (event.number, event.verification_code) == (row.number, row.verification_code)
        assert (event.kind, event.proposal_id, event.owner.id) == ("proposal_dossier", 41, 7)
    assert sorted(d.consumer for d in deliveries) == sorted(SUBSCRIBERS[DocumentReady.name])
    assert storage.get(row.storage_key).startswith(b"%PDF-")


def test_same_event_again_issues_nothing(db: Database) -> None:
    storage = InMemoryStorage()
    for _ in range(2):
        with db.session() as s:
            operations.issue_dossiers(s, make_submitted(), make_press(storage))
    with db.session() as s:
        assert count(s, Document.__table__) == 1
        assert count(s, OUTBOX.events) == 1
    assert len(storage.files) == 1


def test_each_new_assignment_supersedes_the_evaluators_surat_tugas(db: Database) -> None:
    press = make_press()
    one = [EVALUATORS[0]]
    with db.session() as s:
        operations.record_assignment(s, make_assigned(evaluators=one), press, ASSIGNED_AT)
    with db.session() as s:  # redelivered: nothing new
        assert (
            operations.record_assignment(s, make_assigned(evaluators=one), press, ASSIGNED_AT) == []
        )
    later = ASSIGNED_AT + timedelta(days=1)
    with db.session() as s:
        second = make_assigned(proposal_id=42, version_no=1, title="Cilegon Bersih", evaluators=one)
        (letter,) = operations.record_assignment(s, second, press, later)
        assert letter.revision == 2
        text = text_of(press.storage.get(letter.storage_key))
        assert "Kader Posyandu Cerdas" in text
        assert "Cilegon Bersih" in text
    with db.session() as s:
        rows = s.scalars(select(Document).order_by(Document.revision)).all()
        assert [d.status for d in rows] == ["superseded", "valid"]
        assert [d.number for d in rows] == [
            "800.1.11.1/001/BAPPEDALITBANG/XII/2020", "800.1.11.1/002/BAPPEDALITBANG/XII/2020",
        ]  # fmt: skip
        assert all(d.owner_user_id == 31 and d.reader_user_ids == [] for d in rows)
        events = ready_events(s)
    # Letters to evaluators never show on the innovator's timeline.
    assert [(e.kind, e.proposal_id) for e in events] == [("surat_tugas", 0), ("surat_tugas", 0)]


def test_assignment_opens_the_dossier_to_its_evaluators(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        operations.issue_dossiers(s, make_submitted(), press)
        operations.record_assignment(s, make_assigned(), press, ASSIGNED_AT)
    with db.session() as s:
        dossier = s.scalars(select(Document).where(Document.kind == "proposal_dossier")).one()
        assert dossier.reader_user_ids == [12, 31]


def test_assignment_before_the_dossier_is_not_lost(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        operations.record_assignment(s, make_assigned(blind=True), press, ASSIGNED_AT)
        operations.issue_dossiers(s, make_submitted(blind=True), press)
    with db.session() as s:
        readers = dict(
            s.execute(
                select(Document.kind, Document.reader_user_ids).where(
                    Document.kind.like("proposal_dossier%")
                )
            ).all()
        )
    assert readers == {"proposal_dossier": [], "proposal_dossier_blind": [12, 31]}


def test_score_sheet_keeps_the_total_and_a_changed_review_is_a_new_revision(
    db: Database,
) -> None:
    press = make_press()
    with db.session() as s:
        assert operations.issue_score_sheet(s, make_review(), press) is not None
        assert operations.issue_score_sheet(s, make_review(), press) is None
        changed = operations.issue_score_sheet(s, make_review(total=5.0), press)
        assert changed is not None
        assert changed.revision == 2


def test_only_finalists_and_winners_get_a_certificate(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        assert (
            operations.issue_certificate(s, make_decision(decision="not_selected"), press) is None
        )
        assert operations.issue_certificate(s, make_decision(proposal_id=42), press) is not None


def test_certificates_batch_reports_progress_and_merges_into_one_pdf(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        for pid in range(100, 112):
            operations.issue_certificate(
                s, make_decision(proposal_id=pid, decision="finalist", title=f"Inovasi {pid}"),
                press,
            )  # fmt: skip
        seen: list[tuple[int, int]] = []
        batch = call_documents.issue_certificates(
            s, 3, ADMIN, ASSIGNED_AT, press, progress=lambda d, t: seen.append((d, t))
        )
        assert batch is not None
        assert batch.pages == 12
        again = call_documents.issue_certificates(s, 3, ADMIN, ASSIGNED_AT, press)
        assert again is not None
        assert again.id == batch.id
    assert seen[-1] == (12, 13)
    assert len(seen) == 12
    text = text_of(press.storage.get(batch.storage_key))
    assert "Inovasi 100" in text
    assert "Inovasi 111" in text


def test_consumer_handles_each_event_once(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIPINDA_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("STORAGE_URL", f"file://{tmp_path / 'storage'}")
    monkeypatch.setenv("LETTERHEAD_ADDRESS", "Jl. Uji No. 1")
    runtime.reset()
    consumer = Consumer("documents", lambda: db, INBOX, consumers.CONSUMER.handlers)
    wires = [
        Envelope.wrap(make_call(), "submission").to_wire(),
        Envelope.wrap(make_submitted(), "submission").to_wire(),
        Envelope.wrap(make_assigned(), "review").to_wire(),
        Envelope.wrap(make_review(), "review").to_wire(),
        Envelope.wrap(make_decision(), "review").to_wire(),
    ]
    try:
        for wire in wires:
            assert consumer.handle(wire, lambda e, c: None) == "handled"
            assert consumer.handle(wire, lambda e, c: None) == "duplicate"
    finally:
        runtime.reset()
    with db.session() as s:
        kinds = sorted(s.scalars(select(Document.kind)))
        assert count(s, OUTBOX.events) == len(kinds)
        correlation = json.loads(s.execute(select(OUTBOX.events.c.envelope)).scalars().first())
    assert kinds == [
        "lembar_penilaian", "proposal_dossier", "sertifikat", "surat_tugas", "surat_tugas",
    ]  # fmt: skip
    assert correlation["correlation_id"] == wires[1]["event_id"]
    stored = list((tmp_path / "storage").rglob("*.pdf"))
    assert len(stored) == 5
    assert any("Jl. Uji No. 1" in text_of(p.read_bytes()) for p in stored)


def test_documents_consumer_listens_to_the_events_of_the_issue() -> None:
    assert set(consumers.CONSUMER.handlers) == {
        CallPublished, ProposalSubmitted, ReviewAssigned, ReviewSubmitted, DecisionMade,
        AccountChanged, AgencyChanged,
    }  # fmt: skip
    for kind in consumers.CONSUMER.handlers:
        assert "documents" in SUBSCRIBERS[kind.name]


def test_certificates_job_commits_each_certificate_and_reports_progress(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        operations.record_call(s, make_call())
    for pid in (201, 202, 203):
        with db.session() as s:
            decision = make_decision(proposal_id=pid, decision="finalist", title=f"Inovasi {pid}")
            if pid == 201:  # one already issued when it was decided
                operations.issue_certificate(s, decision, press)
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


def test_job_without_data_fails_with_a_message(db: Database) -> None:
    job_id = jobs.create(db, "certificates", 77, ADMIN, {})
    assert jobs.run(db, job_id, make_press(), ASSIGNED_AT) == "failed"
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        assert job.error is not None
        assert "tidak ada data" in job.error
