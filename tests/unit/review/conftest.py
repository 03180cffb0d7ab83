"""Fixtures for the review service: the real Cilegon agency tree, a real SQLite database, a call
with its evaluators, and the events published."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from services.identity.agencies import cilegon_agencies
from services.review import evaluators
from services.review.models import Base
from shared import runtime
from shared.db import Database
from shared.events import ProposalAdmitted
from tests.support.review_data import make_call, make_evaluators, make_submitted


@pytest.fixture(scope="session")
def parents() -> dict[str, str | None]:
    return {row.code: row.parent_code for row in cilegon_agencies()}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database("review", f"sqlite:///{tmp_path / 'review.db'}")
    Base.metadata.create_all(database.engine)
    with database.session() as session:
        evaluators.sync_agencies(session, cilegon_agencies())
    yield database
    database.dispose()


Admitted = Callable[..., ProposalAdmitted]
AddEvaluators = Callable[..., list[int]]


@pytest.fixture
def submitted() -> Admitted:
    """Makes `proposal.admitted` events as submission would publish them."""
    return make_submitted


@pytest.fixture
def add_evaluators(db: Database) -> AddEvaluators:
    """Adds one academic evaluator per home agency (None: no agency), ids 1, 2, 3 …"""

    def add(*homes: str | None, max_load: int = 10) -> list[int]:
        return make_evaluators(db, *homes, max_load=max_load)

    return add


@pytest.fixture
def call_db(db: Database) -> Database:
    """Five evaluators and the call of `make_call` (k 2, blind, ten days to review)."""
    make_evaluators(db, None, "dpupr", "bpkad", "dindikbud", "bkpp")
    with db.session() as session:
        evaluators.record_call(session, make_call())
    return db


@pytest.fixture
def review_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """Review's database as the process sees it (`runtime`), with three evaluators; k is 2."""
    monkeypatch.setenv("REVIEW_DATABASE_URL", f"sqlite:///{tmp_path / 'review.db'}")
    monkeypatch.setenv("EVALUATORS_PER_PROPOSAL", "2")
    monkeypatch.setenv("SIPINDA_VAR_DIR", str(tmp_path / "var"))
    runtime.reset()
    database = runtime.database("review")
    Base.metadata.create_all(database.engine)
    with database.session() as session:
        evaluators.sync_agencies(session, cilegon_agencies())
        for number, home in enumerate(("dinkes", "dpupr", None), start=1):
            evaluators.upsert_evaluator(
                session,
                id=number,
                name=f"E{number}",
                email=f"e{number}@t.test",
                kind="academic",
                opd_code=home,
            )
    yield database
    runtime.reset()
