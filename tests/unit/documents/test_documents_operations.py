"""render_dossier on a real SQLite database: one document, one event, whatever the deliveries."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.documents import consumers, operations
from services.documents.letterhead import CILEGON
from services.documents.models import INBOX, OUTBOX, Document
from services.documents.storage import InMemoryStorage
from shared import runtime
from shared.consumer import Consumer
from shared.db import Database
from shared.events import SUBSCRIBERS, DocumentReady, Envelope, ReviewAssigned
from tests.unit.documents.factories import Assigned


def count(session: Session, what: object) -> int:
    return session.scalar(select(func.count()).select_from(what)) or 0  # type: ignore[arg-type]


def test_dossier_is_rendered_stored_recorded_and_announced(
    db: Database, assigned: Assigned
) -> None:
    storage = InMemoryStorage()
    with db.session() as session:
        document = operations.render_dossier(session, assigned(), storage, CILEGON)
        assert document is not None
    with db.session() as session:
        row = session.scalars(select(Document)).one()
        envelopes = session.execute(select(OUTBOX.events)).all()
        deliveries = session.execute(select(OUTBOX.deliveries)).all()
    pdf = storage.get(row.storage_key)
    assert pdf.startswith(b"%PDF-")
    assert row.sha256 == hashlib.sha256(pdf).hexdigest()
    assert row.storage_key == row.sha256 + ".pdf"
    assert row.size_bytes == len(pdf)
    assert (row.kind, row.proposal_id, row.version_no) == ("proposal_dossier", 41, 2)
    assert (row.owner_user_id, row.owner_opd_code) == (7, "dinkes")
    assert row.reader_user_ids == [12, 31]
    assert row.created_at is not None

    assert len(envelopes) == 1
    envelope = Envelope.model_validate(json.loads(envelopes[0].envelope))
    event = envelope.open()
    assert isinstance(event, DocumentReady)
    assert event.document_id == row.id
    assert event.download_path == f"/documents/{row.id}/download"
    assert event.sha256 == row.sha256
    assert event.owner.id == 7
    assert envelope.producer == "documents"
    assert sorted(d.consumer for d in deliveries) == sorted(SUBSCRIBERS[DocumentReady.name])
    assert all(d.confirmed_at is None for d in deliveries)


def test_second_assignment_of_the_same_version_changes_nothing(
    db: Database, assigned: Assigned
) -> None:
    storage = InMemoryStorage()
    with db.session() as session:
        assert operations.render_dossier(session, assigned(), storage, CILEGON) is not None
    with db.session() as session:
        assert operations.render_dossier(session, assigned(), storage, CILEGON) is None
    with db.session() as session:
        assert count(session, Document.__table__) == 1
        assert count(session, OUTBOX.events) == 1
        assert count(session, OUTBOX.deliveries) == len(SUBSCRIBERS[DocumentReady.name])
    assert len(storage.files) == 1


def test_concurrent_winner_is_absorbed_without_losing_the_transaction(
    db: Database, assigned: Assigned, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another worker committed this version's dossier between our check and our insert.
    with db.session() as session:
        session.add(
            Document(
                kind="proposal_dossier", proposal_id=41, version_no=2, title="t",
                sha256="0" * 64, storage_key="0" * 64 + ".pdf", size_bytes=1,
                owner_user_id=7, owner_opd_code="dinkes", reader_user_ids=[31],
            )
        )  # fmt: skip
    monkeypatch.setattr(operations, "find", lambda *args: None)
    with db.session() as session:
        assert operations.render_dossier(session, assigned(), InMemoryStorage(), CILEGON) is None
        session.execute(OUTBOX.events.delete())  # the outer transaction is still usable
    with db.session() as session:
        assert count(session, Document.__table__) == 1
        assert count(session, OUTBOX.events) == 0


def test_redelivered_event_through_the_consumer_renders_one_dossier(
    db: Database, assigned: Assigned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIPINDA_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("STORAGE_URL", f"file://{tmp_path / 'storage'}")
    monkeypatch.setenv("LETTERHEAD_ADDRESS", "Jl. Uji No. 1")
    runtime.reset()
    consumer = Consumer(
        "documents", lambda: db, INBOX, {ReviewAssigned.name: consumers.on_review_assigned}
    )
    wire = Envelope.wrap(assigned(), "review").to_wire()
    confirmed: list[str] = []
    try:
        assert consumer.handle(wire, lambda e, c: confirmed.append(c)) == "handled"
        assert consumer.handle(wire, lambda e, c: confirmed.append(c)) == "duplicate"
    finally:
        runtime.reset()
    assert confirmed == ["documents", "documents"]
    with db.session() as session:
        row = session.scalars(select(Document)).one()
        assert count(session, OUTBOX.events) == 1
        assert count(session, INBOX) == 1
        envelope = json.loads(session.execute(select(OUTBOX.events.c.envelope)).scalar_one())
    assert envelope["correlation_id"] == wire["event_id"]
    stored = tmp_path / "storage" / row.storage_key[:2] / row.storage_key[2:4] / row.storage_key
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == row.sha256
    assert "Jl. Uji No. 1" in PdfReader(io.BytesIO(stored.read_bytes())).pages[0].extract_text()


def test_documents_consumer_listens_to_review_assigned() -> None:
    assert set(consumers.CONSUMER.handlers) == {ReviewAssigned.name}
    assert consumers.CONSUMER.service == "documents"
