"""Document numbers on a real database (SQLite, or PostgreSQL when DATABASE_URL names a server):
documents of one kind rendered at the same time get different, consecutive numbers; a retried
revision keeps its number; numbering carries on after documents issued before counters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import delete, insert, select

from services.documents import (
    calls,
    codes,
    letters,
    numbering,
)
from services.documents.errors import RenderError
from services.documents.formatting import local_time
from services.documents.issuing import Press, sandboxed_render
from services.documents.models import MIGRATIONS, Document, NumberCounter, NumberReservation
from shared.db import Database
from shared.migrations import upgrade
from tests.support.documents import EVALUATORS, make_call, make_press, make_review

KIND = "lembar_penilaian"
REVIEW_A = make_review(review_id=17)
REVIEW_B = make_review(review_id=18, evaluator=EVALUATORS[1], total=6.5)
YEAR = local_time(REVIEW_A.submitted_at).year
BEFORE_COUNTERS = "193967dee7a8"  # the documents migration before numbers were reserved


def number(press: Press, seq: int, created: datetime = REVIEW_A.submitted_at) -> str:
    fmt, unit = press.number_format
    when = local_time(created)
    return codes.document_number(
        fmt, kind=KIND, seq=seq, unit=unit, year=when.year, month=when.month
    )


def numbers(db: Database) -> dict[str, str | None]:
    with db.session() as s:
        rows = s.execute(select(Document.subject, Document.number).where(Document.kind == KIND))
        return {subject: value for subject, value in rows}


def counter(db: Database) -> int | None:
    with db.session() as s:
        return s.scalar(
            select(NumberCounter.last).where(NumberCounter.kind == KIND, NumberCounter.year == YEAR)
        )


def test_documents_numbered_at_the_same_time_get_consecutive_numbers(db: Database) -> None:
    press = make_press()
    with db.session() as s:  # A reserves its number, as issuing does before it renders...
        assert numbering.reserve(s, KIND, "review:17", 1, YEAR) == 1
    with db.session() as s:  # ...meanwhile B is issued from start to end...
        b = letters.issue_score_sheet(s, REVIEW_B, press)
        assert b is not None
    with db.session() as s:  # ...and A finishes with the number it reserved.
        a = letters.issue_score_sheet(s, REVIEW_A, press)
        assert a is not None
    assert numbers(db) == {"review:17": number(press, 1), "review:18": number(press, 2)}
    assert counter(db) == 2


def test_a_document_issued_while_another_renders_gets_the_next_number(db: Database) -> None:
    """The interleaving of two workers for real: B is issued, in its own transaction, while A's
    PDF renders. A's number was reserved and committed before, and no lock is held meanwhile."""
    if not db.is_postgres:
        pytest.skip("SQLite has one writer: A's transaction holds it while A renders")
    press = make_press()
    interleaved: list[str] = []

    def render_a_while_b_is_issued(
        template: str, context: Mapping[str, Any], created: datetime, source: str, title: str
    ) -> bytes:
        if not interleaved:
            interleaved.append(context["doc"]["number"])
            with db.session() as s:
                assert letters.issue_score_sheet(s, REVIEW_B, make_press()) is not None
        return sandboxed_render(template, context, created, source, title)

    racing = Press(press.storage, press.base_url, press.deploy, press.number_format,
                   render_a_while_b_is_issued)  # fmt: skip
    with db.session() as s:
        calls.record_call(s, make_call())  # the caller's transaction has written first
        assert letters.issue_score_sheet(s, REVIEW_A, racing) is not None
    assert interleaved == [number(press, 1)]
    assert numbers(db) == {"review:17": number(press, 1), "review:18": number(press, 2)}


def test_a_revision_reserved_twice_keeps_its_number(db: Database) -> None:
    with db.session() as s:
        first = numbering.reserve(s, KIND, "review:17", 1, YEAR)
    with db.session() as s:
        again = numbering.reserve(s, KIND, "review:17", 1, YEAR)
        other = numbering.reserve(s, KIND, "review:18", 1, YEAR)
        next_revision = numbering.reserve(s, KIND, "review:17", 2, YEAR)
    assert (first, again, other, next_revision) == (1, 1, 2, 3)
    with db.session() as s:
        assert numbering.reserve_for_issue(s, KIND, "review:17", 1, YEAR) == 1
        held = s.scalars(select(NumberReservation).order_by(NumberReservation.seq)).all()
        assert [(r.subject, r.revision, r.seq) for r in held] == [
            ("review:17", 1, 1), ("review:18", 1, 2), ("review:17", 2, 3),
        ]  # fmt: skip
    assert counter(db) == 3


def test_a_render_that_failed_leaves_no_gap_when_it_is_retried(db: Database) -> None:
    press = make_press()

    def broken(*_: Any) -> bytes:
        raise RenderError("the render process was killed")

    failing = Press(press.storage, press.base_url, press.deploy, press.number_format, broken)
    with pytest.raises(RenderError), db.session() as s:
        letters.issue_score_sheet(s, REVIEW_A, failing)
    for review in (REVIEW_A, REVIEW_B):  # the redelivery, then the next document
        with db.session() as s:
            assert letters.issue_score_sheet(s, review, press) is not None
    assert numbers(db) == {"review:17": number(press, 1), "review:18": number(press, 2)}


def test_numbering_carries_on_after_documents_issued_before_counters(db: Database) -> None:
    press = make_press()
    for review in (REVIEW_A, REVIEW_B):
        with db.session() as s:
            letters.issue_score_sheet(s, review, press)
    with db.session() as s:  # a database from before counters: documents, and no counter
        s.execute(delete(NumberReservation))
        s.execute(delete(NumberCounter))
    with db.session() as s:
        third = make_review(review_id=19, proposal_id=42)
        assert letters.issue_score_sheet(s, third, press) is not None
    assert numbers(db)["review:19"] == number(press, 3)
    assert counter(db) == 3


def test_migrated_database_numbers_after_its_existing_documents(database_url: str) -> None:
    """The migration applies to a database that already holds numbered documents, and the
    first number reserved afterwards follows them."""
    command.upgrade(MIGRATIONS.config(database_url), BEFORE_COUNTERS)
    db = Database("documents", database_url)
    press = make_press()
    try:
        with db.session() as s:
            # A Core insert of the columns of that time (the model has grown since).
            for seq, review in enumerate((REVIEW_A, REVIEW_B), start=1):
                s.execute(insert(Document).values(
                    kind=KIND, subject=f"review:{review.review_id}", revision=1,
                    number=number(press, seq), verification_code=f"CODE{seq:06d}",
                    issued_at=review.submitted_at, proposal_id=41, version_no=2, title="Lama",
                    sha256="0" * 64, storage_key=f"{seq}.pdf", size_bytes=1,
                    owner_user_id=31, owner_opd_code="",
                ))  # fmt: skip
        upgrade(MIGRATIONS, database_url)
        with db.session() as s:
            third = make_review(review_id=19, proposal_id=42)
            assert letters.issue_score_sheet(s, third, press) is not None
        assert numbers(db)["review:19"] == number(press, 3)
    finally:
        db.dispose()


def test_a_year_starts_at_midnight_in_cilegon() -> None:
    start, end = numbering.year_span(2021)
    assert start.isoformat() == "2021-01-01T00:00:00+07:00"
    assert end.isoformat() == "2022-01-01T00:00:00+07:00"
