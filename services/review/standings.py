"""The call's ranking kept by place: `reviews.ranking` (the one rule) computed once per change
of what it is computed from, stored one row per version, and read a page at a time.

A call's ranking depends on its submitted reviews (their totals calibrate every proposal) and
on its scored versions (their category, group and mean). `stamp` sums them up in two aggregate
queries; while it is the one stored with the places, a page reads 50 places by position and the
titles, medians, flags and decisions of those 50 versions as they are now. When it differs, the
ranking is computed again (one call at a time) and stored before the page is read.

Runs inside the caller's unit of work.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, Select, delete, func, insert, select
from sqlalchemy.orm import Session

from services.review.models import (
    DECIDED,
    SCORED,
    Assignment,
    RankingPlace,
    RankingStamp,
    ReviewProposal,
)
from services.review.reviews import RankingRow, ranking
from shared.db import serialise
from shared.web.paging import Page, Window, paginate

# The advisory lock's first key: one computation of a call's ranking at a time.
RANKING_LOCK = 7_202
Key = tuple[int, int]


def stamp(session: Session, call_id: int) -> str:
    """What the call's ranking is computed from, in a few numbers: its submitted reviews and
    its scored or decided versions (a decision moves no place)."""
    reviews = session.execute(
        select(func.count(), func.sum(Assignment.id), func.sum(Assignment.total),
               func.sum(Assignment.evaluator_id))
        .where(Assignment.call_id == call_id, Assignment.status == "submitted",
               Assignment.total.is_not(None))
    ).one()  # fmt: skip
    versions = session.execute(
        select(func.count(), func.sum(ReviewProposal.proposal_id * 7 + ReviewProposal.version_no),
               func.sum(ReviewProposal.mean),
               func.sum(func.length(func.coalesce(ReviewProposal.category, "")) * 3
                        + func.length(func.coalesce(ReviewProposal.group_name, ""))))
        .where(ReviewProposal.call_id == call_id,
               ReviewProposal.status.in_((SCORED, DECIDED)))
    ).one()  # fmt: skip
    return "|".join(_number(v) for v in (*reviews, *versions))


def _number(value: object) -> str:
    return f"{float(value):.4f}" if isinstance(value, float) else str(value or 0)


def refresh(session: Session, call_id: int) -> None:
    """Store the call's ranking again unless what it is computed from is unchanged."""
    wanted = stamp(session, call_id)  # read first: a review arriving meanwhile moves it again
    if _stored(session, call_id) == wanted:
        return
    serialise(session, RANKING_LOCK, call_id)
    if _stored(session, call_id) == wanted:  # another request stored it while this one waited
        return
    session.execute(delete(RankingPlace).where(RankingPlace.call_id == call_id))
    places = [
        {"call_id": call_id, "proposal_id": r.proposal_id, "version_no": r.version_no,
         "position": n, "rank": r.rank, "group_rank": r.group_rank, "calibrated": r.calibrated}
        for n, r in enumerate(ranking(session, call_id), start=1)
    ]  # fmt: skip
    if places:
        session.execute(insert(RankingPlace), places)
    held = session.get(RankingStamp, call_id)
    if held is None:
        session.add(RankingStamp(call_id=call_id, stamp=wanted))
    else:
        held.stamp = wanted
    session.flush()


def _stored(session: Session, call_id: int) -> str | None:
    return session.scalar(select(RankingStamp.stamp).where(RankingStamp.call_id == call_id))


def _query(call_id: int) -> Select[*tuple[Any, ...]]:
    return (
        select(RankingPlace.proposal_id, RankingPlace.version_no, ReviewProposal.title,
               ReviewProposal.category, ReviewProposal.group_name, RankingPlace.rank,
               RankingPlace.group_rank, ReviewProposal.mean, ReviewProposal.median,
               RankingPlace.calibrated, ReviewProposal.disagreement, ReviewProposal.decision)
        .join(ReviewProposal, (ReviewProposal.proposal_id == RankingPlace.proposal_id)
              & (ReviewProposal.version_no == RankingPlace.version_no))
        .where(RankingPlace.call_id == call_id)
        .order_by(RankingPlace.position)
    )  # fmt: skip


def _row(found: Row[Any]) -> RankingRow:
    pid, ver, title, category, group, rank, group_rank, mean, median, cal, flag, decision = tuple(
        found
    )
    return RankingRow(pid, ver, title, category or "", group or "", rank, group_rank, mean or 0.0,
                      median or 0.0, cal, bool(flag), decision)  # fmt: skip


def page(session: Session, call_id: int, window: Window, *, clamp: bool = True) -> Page[RankingRow]:
    """One page of the call's ranking; the ranks are the whole call's (51 opens page 2)."""
    refresh(session, call_id)
    return paginate(session, _query(call_id), window, clamp=clamp, scalars=False).map(_row)


def rows_of(session: Session, call_id: int, keys: Iterable[Key]) -> dict[Key, RankingRow]:
    """The ranking's rows of these versions of the call (those ranked)."""
    wanted = list(keys)
    if not wanted:
        return {}
    refresh(session, call_id)
    pids = {pid for pid, _ in wanted}
    found = session.execute(_query(call_id).where(RankingPlace.proposal_id.in_(pids))).all()
    rows = {(r.proposal_id, r.version_no): r for r in map(_row, found)}
    return {key: rows[key] for key in wanted if key in rows}
