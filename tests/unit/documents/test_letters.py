"""Letters on a real database: surat tugas revisions that supersede, score sheets that keep the
total, certificates only for finalists and winners."""

from __future__ import annotations

import json
from datetime import timedelta

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
        letters.record_assignment(s, make_assigned(evaluators=one), press, ASSIGNED_AT)
    with db.session() as s:  # redelivered: nothing new
        assert letters.record_assignment(s, make_assigned(evaluators=one), press, ASSIGNED_AT) == []
    later = ASSIGNED_AT + timedelta(days=1)
    with db.session() as s:
        second = make_assigned(proposal_id=42, version_no=1, title="Cilegon Bersih", evaluators=one)
        (letter,) = letters.record_assignment(s, second, press, later)
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
