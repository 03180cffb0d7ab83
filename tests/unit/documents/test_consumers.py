"""The documents consumer: each event handled once whatever the deliveries, and the events it
listens to."""

from __future__ import annotations

import json
import os
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.documents import (
    consumers,
    issuing,
    letters,
)
from services.documents.bootstrap import press
from services.documents.errors import RendererDiedError, RenderError
from services.documents.models import INBOX, OUTBOX, Document, RenderFailure
from shared import runtime
from shared.consumer import Consumer
from shared.db import Database
from shared.events import (
    SUBSCRIBERS,
    AccountChanged,
    AgencyChanged,
    CallPublished,
    DecisionMade,
    DocumentFailed,
    Envelope,
    IidRecapRequested,
    InnovationStageChanged,
    MonevVisitRecorded,
    ProposalSubmitted,
    ResultsAnnounced,
    ReviewAssigned,
    ReviewReleased,
    ReviewSubmitted,
)
from tests.support.documents import (
    make_assigned,
    make_call,
    make_decision,
    make_review,
    make_submitted,
    text_of,
)

LATER = datetime.now(UTC) + timedelta(days=1)  # every letter due by then


def count(session: Session, what: object) -> int:
    return session.scalar(select(func.count()).select_from(what)) or 0  # type: ignore[arg-type]


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
        assert letters.issue_due(db, press(), LATER) == 2  # the two evaluators' letters
        assert letters.issue_due(db, press(), LATER) == 0
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
        CallPublished, ProposalSubmitted, ReviewAssigned, ReviewReleased, ReviewSubmitted,
        DecisionMade, ResultsAnnounced, AccountChanged, AgencyChanged, MonevVisitRecorded,
        InnovationStageChanged, IidRecapRequested,
    }  # fmt: skip
    for kind in consumers.CONSUMER.handlers:
        assert "documents" in SUBSCRIBERS[kind.name]


def test_a_render_killed_from_outside_leaves_the_event_unhandled_until_it_is_redone(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chaos run's lost letters: a render child SIGKILLed mid-render must not let the event
    be recorded as handled. The delivery fails (its task retries), nothing is kept, and the
    next delivery makes the dossier and the letter, once each."""
    monkeypatch.setenv("SIPINDA_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("STORAGE_URL", f"file://{tmp_path / 'storage'}")
    runtime.reset()
    killed_once = tmp_path / "killed"
    real = issuing.render_pdf

    def killed_the_first_time(*args: object, **kwargs: object) -> bytes:
        if not killed_once.exists():  # runs in the render child: a file tells its siblings
            killed_once.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    consumer = Consumer("documents", lambda: db, INBOX, consumers.CONSUMER.handlers)
    submitted = Envelope.wrap(make_submitted(), "submission").to_wire()
    assigned = Envelope.wrap(make_assigned(), "review").to_wire()
    try:
        killed_once.unlink(missing_ok=True)
        monkeypatch.setattr(issuing, "render_pdf", killed_the_first_time)
        with db.session() as s:
            handled = count(s, INBOX)
        with pytest.raises(RendererDiedError):
            consumer.handle(submitted, lambda e, c: None)
        with db.session() as s:
            assert "proposal_dossier" not in set(s.scalars(select(Document.kind)))
            assert count(s, INBOX) == handled  # not recorded as handled
        assert consumer.handle(submitted, lambda e, c: None) == "handled"
        assert consumer.handle(submitted, lambda e, c: None) == "duplicate"
        # The letters of assignment render later, when due: a killed render leaves them due.
        assert consumer.handle(assigned, lambda e, c: None) == "handled"
        killed_once.unlink()
        with pytest.raises(RendererDiedError):
            letters.issue_due(db, press(), LATER)
        with db.session() as s:
            assert "surat_tugas" not in set(s.scalars(select(Document.kind)))
        assert letters.issue_due(db, press(), LATER) == 2
        assert letters.issue_due(db, press(), LATER) == 0
    finally:
        runtime.reset()
    with db.session() as s:
        kinds = sorted(s.scalars(select(Document.kind)))
    assert kinds == ["proposal_dossier", "surat_tugas", "surat_tugas"]  # each once


def test_a_dossier_that_cannot_be_rendered_is_recorded_as_failed_once_and_announced(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 23 item 5: a dossier whose input cannot be rendered does not vanish. The event is
    handled (nothing retried forever), the failure is kept with its reason, `document.failed`
    goes to the innovator's timeline, and a redelivery records nothing twice."""
    monkeypatch.setenv("SIPINDA_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("STORAGE_URL", f"file://{tmp_path / 'storage'}")
    runtime.reset()

    def cannot_render(*args: object, **kwargs: object) -> bytes:
        raise RenderError("a table too deep to lay out")  # raised in the render child

    monkeypatch.setattr(issuing, "render_pdf", cannot_render)
    consumer = Consumer("documents", lambda: db, INBOX, consumers.CONSUMER.handlers)
    submitted = make_submitted()
    wire = Envelope.wrap(submitted, "submission").to_wire()
    try:
        assert consumer.handle(wire, lambda e, c: None) == "handled"
        assert consumer.handle(wire, lambda e, c: None) == "duplicate"
    finally:
        runtime.reset()
    with db.session() as s:
        assert count(s, Document) == 0
        failures = list(s.scalars(select(RenderFailure)))
        envelopes = [json.loads(e) for e in s.scalars(select(OUTBOX.events.c.envelope))]
    assert [(f.kind, f.status, f.proposal_id) for f in failures] == [
        ("proposal_dossier", "failed", submitted.proposal_id)
    ]
    assert "a table too deep to lay out" in failures[0].reason
    assert [e["name"] for e in envelopes] == ["document.failed"]
    failed = DocumentFailed.model_validate(envelopes[0]["payload"])
    assert (failed.proposal_id, failed.cause) == (submitted.proposal_id, "input")
    assert "submission" in SUBSCRIBERS[DocumentFailed.name]
