"""Letters on a real database: surat tugas revisions that supersede, score sheets that keep the
total, certificates only for finalists and winners."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.documents import (
    letters,
)
from services.documents.models import OUTBOX, Document
from shared.db import Database
from shared.events import (
    DocumentReady,
    Envelope,
)
from tests.support.documents import (
    ASSIGNED_AT,
    EVALUATORS,
    assign_now,
    make_assigned,
    make_decision,
    make_press,
    make_review,
    text_of,
)


def ready_events(session: Session) -> list[DocumentReady]:
    rows = session.execute(select(OUTBOX.events.c.envelope)).scalars()
    events = [Envelope.model_validate(json.loads(r)).open() for r in rows]
    assert all(isinstance(e, DocumentReady) for e in events)
    return events  # type: ignore[return-value]


def test_each_new_assignment_supersedes_the_evaluators_surat_tugas(db: Database) -> None:
    press = make_press()
    one = [EVALUATORS[0]]
    with db.session() as s:
        assign_now(s, make_assigned(evaluators=one), press, ASSIGNED_AT)
    with db.session() as s:  # redelivered: nothing new
        assert assign_now(s, make_assigned(evaluators=one), press, ASSIGNED_AT) == []
    later = ASSIGNED_AT + timedelta(days=1)
    with db.session() as s:
        second = make_assigned(proposal_id=42, version_no=1, title="Cilegon Bersih", evaluators=one)
        (letter,) = assign_now(s, second, press, later)
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


def test_a_burst_of_assignments_makes_one_letter_listing_them_all(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 25: the letter of assignment is rendered once a burst is over, not once per
    assignment; a later assignment makes it due again, and a second worker finds it claimed."""
    monkeypatch.setenv("DOCUMENT_LETTER_DELAY_SECONDS", "10")
    press, one = make_press(), [EVALUATORS[0]]
    titles = ("Posyandu Digital", "Cilegon Bersih", "Pasar Daring")
    start = datetime.now(UTC)
    for n, title in enumerate(titles):
        with db.session() as s:
            event = make_assigned(proposal_id=40 + n, title=title, evaluators=one)
            letters.record_assignment(s, event, ASSIGNED_AT + timedelta(minutes=n))
    with db.session() as s:
        assert letters.issue_due(db, press, start) == 0  # not due yet: nothing rendered
        assert s.scalars(select(Document)).all() == []
    # Due ten seconds after the first of the burst, however many follow.
    assert letters.issue_due(db, press, start + timedelta(seconds=11)) == 1
    with db.session() as s:
        (letter,) = s.scalars(select(Document)).all()
        text = text_of(press.storage.get(letter.storage_key))
        assert all(title in text for title in titles)
        assert letter.issued_at == ASSIGNED_AT + timedelta(minutes=2)  # dated by the newest
    assert letters.issue_due(db, press, start + timedelta(days=1)) == 0  # issued: not due

    with db.session() as s:  # a redelivered assignment changes nothing
        letters.record_assignment(s, make_assigned(proposal_id=40, evaluators=one), ASSIGNED_AT)
    assert letters.issue_due(db, press, start + timedelta(days=1)) == 0
    with db.session() as s:  # a new one makes the letter due again: a second revision
        later = make_assigned(proposal_id=50, title="Taman Baca", evaluators=one)
        letters.record_assignment(s, later, ASSIGNED_AT + timedelta(days=1))
        keys = letters.due_letters(s, start + timedelta(days=1))
    assert keys == [(3, EVALUATORS[0].evaluator_id)]
    with db.session() as s:
        first = letters.issue_due_letter(s, keys[0], press, start + timedelta(days=1))
    with db.session() as s:  # a second worker with the same list finds it claimed
        assert letters.issue_due_letter(s, keys[0], press, start + timedelta(days=1)) is None
        assert first is not None
        assert [d.revision for d in s.scalars(select(Document).order_by(Document.id))] == [1, 2]


def test_score_sheet_keeps_the_total_and_a_changed_review_is_a_new_revision(
    db: Database,
) -> None:
    press = make_press()
    with db.session() as s:
        assert letters.issue_score_sheet(s, make_review(), press) is not None
        assert letters.issue_score_sheet(s, make_review(), press) is None
        changed = letters.issue_score_sheet(s, make_review(total=5.0), press)
        assert changed is not None
        assert changed.revision == 2


def test_only_finalists_and_winners_get_a_certificate(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        assert letters.issue_certificate(s, make_decision(decision="not_selected"), press) is None
        assert letters.issue_certificate(s, make_decision(proposal_id=42), press) is not None
