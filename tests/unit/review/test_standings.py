"""The ranking kept by place (`standings`) is the rule's (`reviews.ranking`) page by page, and
is computed again whenever a review or a scored version changes what the rule gives; a decision
moves no place, and shows at once."""

from __future__ import annotations

from sqlalchemy import update

from services.review import reviews, standings
from services.review.models import Assignment, RankingStamp, ReviewProposal
from shared.db import Database
from shared.web.paging import Window
from tests.support.bulk import load_ranked_call

CALL = 4


def pages(db: Database, per_page: int = 25) -> list[reviews.RankingRow]:
    """Every page of the stored ranking, one after the other."""
    rows: list[reviews.RankingRow] = []
    with db.session() as s:
        first = standings.page(s, CALL, Window(1, per_page))
    for n in range(1, first.pages + 1):
        with db.session() as s:
            rows.extend(standings.page(s, CALL, Window(n, per_page)).items)
    return rows


def rule(db: Database) -> list[reviews.RankingRow]:
    with db.session() as s:
        return reviews.ranking(s, CALL)


def stamp(db: Database) -> str | None:
    with db.session() as s:
        held = s.get(RankingStamp, CALL)
        return held.stamp if held else None


def test_the_pages_are_the_rule_s_ranking_kept_up_to_date(db: Database) -> None:
    load_ranked_call(db, CALL, 130, evaluators=9)
    assert pages(db) == rule(db)
    kept = stamp(db)
    load_ranked_call(db, CALL, 5, first_id=1_001, evaluators=9)  # five more scored versions
    assert pages(db) == rule(db)
    assert len(pages(db)) == 135
    assert stamp(db) != kept
    with db.session() as s:  # one review's total corrected: every calibrated score moves
        s.execute(update(Assignment).where(Assignment.proposal_id == 7).values(total=10.0))
    assert pages(db) == rule(db)
    with db.session() as s:  # withdrawn: off the ranking
        s.execute(update(ReviewProposal).where(ReviewProposal.proposal_id == 8)
                  .values(status="withdrawn"))  # fmt: skip
    assert [r.proposal_id for r in pages(db)].count(8) == 0
    assert pages(db) == rule(db)


def test_a_decision_shows_at_once_and_moves_no_place(db: Database) -> None:
    load_ranked_call(db, CALL, 60, evaluators=9)
    before = pages(db, 50)
    kept = stamp(db)
    with db.session() as s:
        s.execute(update(ReviewProposal).where(ReviewProposal.proposal_id == before[55].proposal_id)
                  .values(status="decided", decision="winner"))  # fmt: skip
    after = pages(db, 50)
    assert stamp(db) == kept  # not computed again
    assert after == rule(db)
    assert after[55].decision == "winner"
    with db.session() as s:
        found = standings.rows_of(s, CALL, [(before[55].proposal_id, 1), (99_999, 1)])
    assert list(found.values()) == [after[55]]
