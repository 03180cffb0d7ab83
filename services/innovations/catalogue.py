"""The public catalogue (diseminasi): the city's innovations in penerapan whose team made them
public, searched by words, agency, urusan, SDG and year. What it shows is chosen here, once:
the profile's public parts, its results, the latest report's figures, its awards (a linked
proposal decided winner or finalist, with its call's name), and the team's names only when
they agreed to it; never an email, an account or anything else about a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, String, cast, or_, select

from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import NotFound
from services.innovations.models import (
    Innovation,
    InnovationMember,
    InnovationProposal,
    ProgressReport,
    ReportFigure,
)
from services.innovations.registry import filtered
from services.innovations.report_rules import Figure
from shared.timezone import to_wib
from shared.web import paging

SHOWN_STAGE = "penerapan"
AWARDS = ("winner", "finalist")


@dataclass(frozen=True)
class Award:
    decision: str  # winner or finalist
    call_name: str


@dataclass(frozen=True)
class Entry:
    id: int
    title: str
    summary: str
    opd_name: str
    stage: str
    urusan: tuple[str, ...]
    sdgs: tuple[int, ...]
    kind: str
    form: str
    results: str
    implemented_on: date | None
    awards: tuple[Award, ...]
    figures: tuple[Figure, ...]
    figures_at: date | None  # the day (Jakarta) the latest report was sent
    team: tuple[str, ...]  # names, only when the team agreed


def public() -> Select[Innovation]:
    return select(Innovation).where(Innovation.public.is_(True),
                                    Innovation.stage == SHOWN_STAGE)  # fmt: skip


def with_sdg(query: Select[Innovation], sdg: int | None) -> Select[Innovation]:
    """SDG `sdg` among the innovation's (a JSON list, compared as text, whole numbers only)."""
    if not sdg:
        return query
    text = cast(Innovation.sdgs, String)
    n = str(sdg)
    shapes = (f"[{n}]", f"[{n},%", f"[{n} ,%", f"%,{n}]", f"%, {n}]", f"%,{n},%", f"%, {n},%")
    return query.where(or_(*(text.like(s) for s in shapes)))


def page(window: paging.Window, *, sdg: int | None = None, **filters: Any) -> paging.Page[Entry]:
    """One page of the catalogue, the latest implemented first."""
    filters.pop("stage", None)
    with unit_of_work() as s:
        query = with_sdg(filtered(public(), **filters), sdg).order_by(
            Innovation.implemented_on.desc().nulls_last(), Innovation.id.desc()
        )
        found = paging.paginate(s, query, window)
        return found.map(lambda row: _entry(s, row))


def one(innovation_id: int) -> Entry:
    """A public innovation in penerapan; any other is not found (its id reveals nothing)."""
    with unit_of_work() as s:
        row = s.scalar(public().where(Innovation.id == innovation_id))
        if row is None:
            raise NotFound()
        return _entry(s, row)


def _entry(s: Any, row: Innovation) -> Entry:
    awards = tuple(
        Award(decision, call_name or "")
        for decision, call_name in s.execute(
            select(InnovationProposal.decision, InnovationProposal.call_name)
            .where(InnovationProposal.innovation_id == row.id,
                   InnovationProposal.decision.in_(AWARDS))
            .order_by(InnovationProposal.proposal_id)
        )
    )  # fmt: skip
    latest = s.scalar(select(ProgressReport).where(ProgressReport.innovation_id == row.id)
                      .order_by(ProgressReport.submitted_at.desc(), ProgressReport.id.desc())
                      .limit(1))  # fmt: skip
    figures: tuple[Figure, ...] = ()
    if latest is not None:
        figures = tuple(Figure(f.label, f.value, f.unit) for f in s.scalars(
            select(ReportFigure).where(ReportFigure.report_id == latest.id)
            .order_by(ReportFigure.position)))  # fmt: skip
    team: tuple[str, ...] = ()
    if row.public_names:
        team = tuple(
            s.scalars(
                select(InnovationMember.name)
                .where(InnovationMember.innovation_id == row.id)
                .order_by(InnovationMember.role != "ketua", InnovationMember.id)
            )
        )
    return Entry(
        row.id, row.title, row.summary, row.opd_name, row.stage, tuple(row.urusan),
        tuple(row.sdgs), row.kind, row.form, row.results, row.implemented_on, awards, figures,
        to_wib(latest.submitted_at).date() if latest is not None else None, team,
    )  # fmt: skip
