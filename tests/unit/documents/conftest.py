"""Fixtures for the documents service: a real database per test (a SQLite file; a fresh
PostgreSQL database when DATABASE_URL names a server), a `Press` on in-memory storage, and the
whole flow of one call issued once per session (every kind of document, rendered for real in
the limited child process, on SQLite) for the read-only tests that parse them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from services.documents import (
    call_documents,
    calls,
    dossiers,
    iid_recaps,
    letters,
    monev_reports,
    stage_minutes,
)
from services.documents.issuing import Press
from services.documents.models import Base, Document
from shared.db import Database
from shared.storage import InMemoryStorage
from tests.support.documents import (
    ADMIN,
    ASSIGNED_AT,
    EVALUATORS,
    Assigned,
    Issued,
    assign_now,
    make_assigned,
    make_call,
    make_decision,
    make_iid_recap,
    make_monev_visit,
    make_press,
    make_review,
    make_stage_changed,
    make_submitted,
)
from tests.support.environment import postgres_database


@pytest.fixture
def assigned() -> Assigned:
    """Makes `review.assigned` events as review would publish them."""
    return make_assigned


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A SQLite file in tmp_path, or a fresh database on DATABASE_URL's PostgreSQL server."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'documents.db'}"
        return
    with postgres_database(server) as url:
        yield url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database("documents", database_url)
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def issue_everything(db: Database, press: Press) -> None:
    """One blind call's whole flow: submission, assignment, two reviews, a decision, and the
    admin's recap, minutes and certificates."""
    with db.session() as s:
        calls.record_call(s, make_call())
        dossiers.issue_dossiers(s, make_submitted(blind=True), press)
        assign_now(s, make_assigned(blind=True), press, ASSIGNED_AT)
        letters.issue_score_sheet(s, make_review(), press)
        letters.issue_score_sheet(
            s, make_review(review_id=18, evaluator=EVALUATORS[1], total=6.5), press
        )
        letters.issue_certificate(s, make_decision(), press)
        call_documents.issue_recap(s, 3, ADMIN, ASSIGNED_AT, press)
        call_documents.issue_minutes(
            s, 3, ADMIN, ASSIGNED_AT, press, held_on=date(2020, 12, 21),
            place="Aula Bappedalitbang Kota Cilegon", panel=[],
        )  # fmt: skip
        call_documents.issue_certificates(s, 3, ADMIN, ASSIGNED_AT, press)
        monev_reports.issue_monev_report(s, make_monev_visit(press.storage), press)
        stage_minutes.issue_stage_minutes(s, make_stage_changed(), press)
        iid_recaps.issue_iid_recap(s, make_iid_recap(), press)


@pytest.fixture(scope="session")
def issued(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Issued]:
    """Every kind of document, keyed by kind (the first surat tugas)."""
    folder = tmp_path_factory.mktemp("issued")
    database = Database("documents", f"sqlite:///{folder / 'documents.db'}")
    Base.metadata.create_all(database.engine)
    storage = InMemoryStorage()
    issue_everything(database, make_press(storage))
    found: dict[str, Issued] = {}
    with database.session() as s:
        for d in s.scalars(select(Document).order_by(Document.id)):
            assert d.number is not None
            assert d.verification_code is not None
            found.setdefault(d.kind, Issued(
                d.kind, d.number, d.verification_code, d.sha256, d.pages, d.status, d.revision,
                list(d.reader_user_ids), storage.get(d.storage_key),
            ))  # fmt: skip
    database.dispose()
    return found
