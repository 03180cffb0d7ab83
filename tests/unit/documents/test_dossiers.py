"""Dossiers on a real database: one document per content, stored, recorded and announced; opened to
the evaluators whichever of submission and assignment comes first."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.documents import (
    calls,
    dossiers,
)
from services.documents.models import OUTBOX, Document
from shared.db import Database
from shared.events import (
    SUBSCRIBERS,
    DocumentReady,
    Envelope,
)
from shared.storage import InMemoryStorage
from tests.support.documents import (
    ASSIGNED_AT,
    assign_now,
    make_assigned,
    make_call,
    make_press,
    make_submitted,
    text_of,
)


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
        calls.record_call(s, make_call())
        assert len(dossiers.issue_dossiers(s, make_submitted(), make_press(storage))) == 1
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
            dossiers.issue_dossiers(s, make_submitted(), make_press(storage))
    with db.session() as s:
        assert count(s, Document.__table__) == 1
        assert count(s, OUTBOX.events) == 1
    assert len(storage.files) == 1


def test_assignment_opens_the_dossier_to_its_evaluators(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        dossiers.issue_dossiers(s, make_submitted(), press)
        assign_now(s, make_assigned(), press, ASSIGNED_AT)
    with db.session() as s:
        dossier = s.scalars(select(Document).where(Document.kind == "proposal_dossier")).one()
        assert dossier.reader_user_ids == [12, 31]


def test_assignment_before_the_dossier_is_not_lost(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        assign_now(s, make_assigned(blind=True), press, ASSIGNED_AT)
        dossiers.issue_dossiers(s, make_submitted(blind=True), press)
    with db.session() as s:
        readers = dict(
            s.execute(
                select(Document.kind, Document.reader_user_ids).where(
                    Document.kind.like("proposal_dossier%")
                )
            ).all()
        )
    assert readers == {"proposal_dossier": [], "proposal_dossier_blind": [12, 31]}


def test_a_release_closes_the_dossier_to_that_evaluator_only_and_twice_is_once(
    db: Database,
) -> None:
    press = make_press()
    with db.session() as s:
        dossiers.issue_dossiers(s, make_submitted(), press)
        assign_now(s, make_assigned(), press, ASSIGNED_AT)
    for _ in range(2):
        with db.session() as s:
            dossiers.close_to(s, 41, 2, 12)
    with db.session() as s:
        dossier = s.scalars(select(Document).where(Document.kind == "proposal_dossier")).one()
        assert dossier.reader_user_ids == [31]


def test_a_release_before_the_dossier_keeps_it_closed_to_that_evaluator(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        assign_now(s, make_assigned(blind=True), press, ASSIGNED_AT)
        dossiers.close_to(s, 41, 2, 12)
        dossiers.issue_dossiers(s, make_submitted(blind=True), press)
    with db.session() as s:
        blind = s.scalars(select(Document).where(Document.kind == "proposal_dossier_blind")).one()
        assert blind.reader_user_ids == [31]


def test_a_dossier_without_the_call_s_sections_has_no_table_of_contents(db: Database) -> None:
    """Issue 25: a proposal outside any call (a summary, no aspects) is one page, the cover's
    fields in its identity table, not a cover, a page and a third page listing three headings;
    with sections the cover and the table of contents stay."""
    storage = InMemoryStorage()
    with db.session() as s:
        (plain,) = dossiers.issue_dossiers(s, make_submitted(sections=()), make_press(storage))
        (full,) = dossiers.issue_dossiers(s, make_submitted(proposal_id=42), make_press(storage))
    assert plain.pages == 1
    assert "Daftar Isi" not in text_of(storage.get(plain.storage_key))
    assert "Daftar Isi" in text_of(storage.get(full.storage_key))
