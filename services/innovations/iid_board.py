"""What the IID pages and exports read: the region's index for a year with what is missing and
the gain each missing item would bring, the innovations with their SID score, the verifier's
queue. Reads only; `iid.py` changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from services.innovations import iid, iid_index
from services.innovations.iid_index import Index, Missing
from services.innovations.iid_structure import SID, Structure
from services.innovations.models import IidAnswer, Innovation
from services.innovations.models.iid import REGION
from shared.web import paging
from shared.web.auth import CurrentUser


def scope(user: CurrentUser | None = None) -> Select[Innovation]:
    """The innovations that report for the IID (uji coba, penerapan); an operator's own only."""
    query = select(Innovation).where(Innovation.stage.in_(iid.REPORTING))
    if user is not None and user.role == "operator":
        query = query.where(Innovation.opd_code == (user.opd_code or ""))
    return query


@dataclass(frozen=True)
class Figures:
    structure: Structure
    version: int
    index: Index
    missing: list[Missing]
    accepted: dict[str, dict[int, int]]  # unit → indicator → level accepted
    statuses: dict[str, Counter[str]]  # unit → status → count
    ids: list[int]  # the reporting innovations


def figures(s: Session, year: int) -> Figures:
    structure, version = iid.current(s, year)
    ids = sorted(s.scalars(scope().with_only_columns(Innovation.id)))
    accepted: dict[str, dict[int, int]] = {}
    claimed: dict[str, dict[int, int]] = {}
    statuses: dict[str, Counter[str]] = {}
    rows = s.execute(
        select(IidAnswer.unit, IidAnswer.indicator_no, IidAnswer.level, IidAnswer.status).where(
            IidAnswer.year == year
        )
    )
    for unit, no, level, status in rows:
        statuses.setdefault(unit, Counter())[status] += 1
        if level:
            claimed.setdefault(unit, {})[no] = level
            if status == "accepted":
                accepted.setdefault(unit, {})[no] = level
    by_id = {j: accepted.get(str(j), {}) for j in ids}
    spd = accepted.get(REGION, {})
    found = iid_index.index(structure, spd, list(by_id.values()))
    missing = iid_index.gains(
        structure, spd, claimed.get(REGION, {}), by_id, {j: claimed.get(str(j), {}) for j in ids}
    )
    return Figures(structure, version, found, missing, accepted, statuses, ids)


@dataclass(frozen=True)
class Row:
    id: int
    title: str
    opd_name: str
    stage: str
    score: Decimal
    statuses: dict[str, int]


def innovations(
    s: Session, user: CurrentUser, found: Figures, window: paging.Window
) -> paging.Page[Row]:
    query = scope(user).order_by(Innovation.opd_name, Innovation.title, Innovation.id)
    page = paging.paginate(s, query, window)
    return page.map(
        lambda r: Row(
            r.id, r.title, r.opd_name, r.stage,
            iid_index.innovation_score(found.structure, found.accepted.get(str(r.id), {})),
            dict(found.statuses.get(str(r.id), {})),
        )
    )  # fmt: skip


@dataclass(frozen=True)
class Item:
    answer: IidAnswer
    title: str  # "" for the region
    opd_name: str
    name: str  # the indicator's


def queue(
    s: Session,
    year: int,
    structure: Structure,
    window: paging.Window,
    *,
    status: str = "submitted",
    indicator: int | None = None,
    opd_code: str | None = None,
) -> paging.Page[Item]:
    """The verifier's queue: answers of the year, oldest first, filtered."""
    query = (
        select(IidAnswer, Innovation)
        .outerjoin(Innovation, Innovation.id == IidAnswer.innovation_id)
        .where(IidAnswer.year == year)
    )
    if status:
        query = query.where(IidAnswer.status == status)
    if indicator:
        query = query.where(IidAnswer.indicator_no == indicator)
    if opd_code:
        query = query.where(Innovation.opd_code == opd_code)
    query = query.order_by(IidAnswer.answered_at, IidAnswer.id)
    page = paging.paginate(s, query, window, scalars=False)

    def item(row: Any) -> Item:
        answer, innovation = row
        ind = structure.indicator(answer.indicator_no)
        return Item(answer, innovation.title if innovation else "",
                    innovation.opd_name if innovation else "",
                    ind.name if ind else str(answer.indicator_no))  # fmt: skip

    return page.map(item)


def sid_indicators(structure: Structure) -> Sequence[int]:
    return [i.no for i in structure.of_set(SID)]
