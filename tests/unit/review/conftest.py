"""Fixtures for the review service: the real Cilegon agency tree and a real SQLite database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.identity.agencies import cilegon_agencies
from services.review import operations
from services.review.models import Base
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
        operations.sync_agencies(session, cilegon_agencies())
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
            operations.upsert_evaluator(
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
