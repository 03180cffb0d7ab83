"""Many proposals at once, straight into submission's table, for the tests of long lists: each
batch's titles carry a word of its own, so a search for it finds that batch and nothing else."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select

from services.submission.models import Proposal
from services.submission.search import search_text
from shared import runtime

START = datetime(2026, 3, 1, tzinfo=UTC)
NOBODY = 999_999  # an innovator with no account: the drafts are nobody's own but staff's to see


@contextmanager
def many_proposals(count: int, opd_code: str = "dinkes") -> Iterator[tuple[str, list[int]]]:
    """`count` drafts of agency `opd_code`, some changed at the same second (so the id decides
    their order); yields (their word, their ids newest change first) and removes them after."""
    word = f"halaman{uuid.uuid4().hex[:10]}"
    db = runtime.database("submission")
    with db.session() as s:
        s.execute(
            insert(Proposal),
            [
                {"title": f"Usulan {word} {i}", "summary": "Ringkasan.", "opd_code": opd_code,
                 "innovator_id": NOBODY, "status": "draft", "evaluator_ids": [],
                 "created_at": START, "updated_at": START + timedelta(seconds=i // 3),
                 "sdgs": [], "sections": {}, "profile": {}, "fixes": [],
                 # (what a save writes: a bulk insert passes by the model's hook)
                 "search_text": search_text(f"Usulan {word} {i}", "Ringkasan.", {})}
                for i in range(count)
            ],
        )  # fmt: skip
    with db.session() as s:
        ids = list(
            s.scalars(
                select(Proposal.id)
                .where(Proposal.title.contains(word))
                .order_by(Proposal.updated_at.desc(), Proposal.id.desc())
            )
        )
    try:
        yield word, ids
    finally:
        with db.session() as s:
            s.execute(delete(Proposal).where(Proposal.id.in_(ids)))
