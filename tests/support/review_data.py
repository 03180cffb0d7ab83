"""Data for review's tests: events as the other services publish them, evaluators, a call with
a two-aspect rubric, the events review published, a complete score sheet."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import evaluators
from services.review.models import OUTBOX
from shared.db import Database
from shared.events import CallPublished, Person, ProposalAdmitted, RubricAspect


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
