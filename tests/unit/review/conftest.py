"""Fixtures for the review service: the real Cilegon agency tree, a real SQLite database, a call
with its evaluators, and the events published."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.identity.agencies import cilegon_agencies
from services.review import evaluators
from services.review.models import OUTBOX, Base
from shared import runtime
from shared.db import Database
from shared.events import CallPublished, Person, ProposalAdmitted, RubricAspect


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


def make_submitted(
    proposal_id: int, opd_code: str = "dinkes", version_no: int = 1
) -> ProposalAdmitted:
    return ProposalAdmitted(
        proposal_id=proposal_id,
        version_no=version_no,
        title=f"Inovasi nomor {proposal_id}",
        summary="Layanan antar obat untuk lansia.",
        opd_code=opd_code,
        opd_name=f"Instansi {opd_code}",
        innovator=Person(id=900 + proposal_id, name="Siti Aminah", email="siti@cilegon.test"),
        call_id=1,
        submitted_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
    )


def make_evaluators(db: Database, *homes: str | None, max_load: int = 10) -> list[int]:
    with db.session() as session:
        for number, home in enumerate(homes, start=1):
            evaluators.upsert_evaluator(
                session,
                id=number,
                name=f"Evaluator {number}",
                email=f"evaluator{number}@univ.test",
                kind="academic",
                opd_code=home,
                max_load=max_load,
            )
    return list(range(1, len(homes) + 1))


def make_call(
    call_id: int = 1,
    version_no: int = 1,
    *,
    k: int = 2,
    blind: bool = True,
    review_days: int = 10,
    settings: dict[str, object] | None = None,
) -> CallPublished:
    """`call.published` with a two-aspect rubric on a 1–10 scale."""
    return CallPublished(
        call_id=call_id,
        version_no=version_no,
        call_name="KIPP Cilegon 2025",
        year=2025,
        opens_at=datetime(2025, 1, 1, tzinfo=UTC),
        closes_at=datetime(2025, 6, 1, tzinfo=UTC),
        evaluators_per_proposal=k,
        blind=blind,
        scale_min=1,
        scale_max=10,
        aspects=(
            RubricAspect(key="kebaruan", title="Kebaruan", weight=0.6),
            RubricAspect(key="dampak", title="Dampak", weight=0.4),
        ),
        review_days=review_days,
        settings=settings or {},
    )


def events(session: Session, name: str | None = None) -> list[dict]:
    """The envelopes published so far (of `name` only, when given), oldest first."""
    rows = session.execute(select(OUTBOX.events.c.envelope).order_by(OUTBOX.events.c.created_at))
    out = [json.loads(r) for r in rows.scalars()]
    return [e for e in out if name is None or e["name"] == name]


def good_scores(a: float = 8, b: float = 6) -> dict[str, dict[str, object]]:
    """A complete score sheet of `make_call`'s rubric."""
    return {"kebaruan": {"score": a, "comment": "baik"}, "dampak": {"score": b, "comment": ""}}


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
