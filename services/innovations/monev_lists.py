"""What the monitoring pages list, a page at a time: the teams of a year, the innovations a
team was given or may still be given, the innovations a member must visit, the visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from services.innovations import matching
from services.innovations.models import (
    Innovation,
    MonitoringAssignment,
    MonitoringTeam,
    MonitoringTeamMember,
    MonitoringVisit,
)
from shared.web import paging


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    year: int
    leader: str
    members: int
    assigned: int
    visits: int


@dataclass(frozen=True)
class VisitRow:
    id: int
    innovation_id: int
    title: str
    opd_name: str
    team_name: str
    visited_on: date
    place: str
    document_path: str | None


@dataclass(frozen=True)
class ToVisit:
    innovation_id: int
    title: str
    opd_name: str
    stage: str
    team_name: str
    year: int
    visits: int


def _count(s: Session, column: InstrumentedAttribute[int], team_ids: list[int]) -> dict[int, int]:
    rows = s.execute(select(column, func.count()).where(column.in_(team_ids)).group_by(column))
    return {team_id: n for team_id, n in rows}


def teams(s: Session, year: int | None, window: paging.Window) -> paging.Page[TeamRow]:
    query = select(MonitoringTeam).order_by(MonitoringTeam.year.desc(), MonitoringTeam.name,
                                            MonitoringTeam.id)  # fmt: skip
    if year:
        query = query.where(MonitoringTeam.year == year)
    found = paging.paginate(s, query, window)
    ids = [t.id for t in found.items]
    people = _count(s, MonitoringTeamMember.team_id, ids)
    assigned = _count(s, MonitoringAssignment.team_id, ids)
    visits = _count(s, MonitoringVisit.team_id, ids)
    ketua = select(MonitoringTeamMember.team_id, MonitoringTeamMember.name).where(
        MonitoringTeamMember.team_id.in_(ids), MonitoringTeamMember.role == "ketua"
    )
    leaders = {team_id: name for team_id, name in s.execute(ketua)}
    return found.map(lambda t: TeamRow(t.id, t.name, t.year, leaders.get(t.id, ""),
                                       people.get(t.id, 0), assigned.get(t.id, 0),
                                       visits.get(t.id, 0)))  # fmt: skip


def assigned_to(s: Session, team_id: int, window: paging.Window) -> paging.Page[Innovation]:
    query = (
        select(Innovation)
        .join(MonitoringAssignment, MonitoringAssignment.innovation_id == Innovation.id)
        .where(MonitoringAssignment.team_id == team_id)
        .order_by(Innovation.opd_name, Innovation.title, Innovation.id)
    )
    return paging.paginate(s, query, window)


def assignable(
    s: Session, year: int, q: str | None, window: paging.Window
) -> paging.Page[Innovation]:
    """The innovations no team has for `year`, found by title."""
    taken = select(MonitoringAssignment.innovation_id).where(MonitoringAssignment.year == year)
    query = select(Innovation).where(Innovation.id.not_in(taken))
    if q:
        query = query.where(Innovation.title_key.contains(matching.title_key(q)))
    return paging.paginate(s, query.order_by(Innovation.opd_name, Innovation.title,
                                             Innovation.id), window)  # fmt: skip


def to_visit(s: Session, user_id: int, window: paging.Window) -> paging.Page[ToVisit]:
    """The innovations assigned to the teams `user_id` is on, the latest year first, with how
    many visits their team has recorded."""
    visits = (
        select(func.count(MonitoringVisit.id))
        .where(MonitoringVisit.innovation_id == Innovation.id,
               MonitoringVisit.team_id == MonitoringTeam.id)
        .scalar_subquery()
    )  # fmt: skip
    query = (
        select(Innovation.id, Innovation.title, Innovation.opd_name, Innovation.stage,
               MonitoringTeam.name, MonitoringTeam.year, visits)
        .join(MonitoringAssignment, MonitoringAssignment.innovation_id == Innovation.id)
        .join(MonitoringTeam, MonitoringTeam.id == MonitoringAssignment.team_id)
        .join(MonitoringTeamMember, MonitoringTeamMember.team_id == MonitoringTeam.id)
        .where(MonitoringTeamMember.user_id == user_id)
        .order_by(MonitoringTeam.year.desc(), Innovation.title, Innovation.id)
    )  # fmt: skip
    found = paging.paginate(s, query, window, scalars=False)
    return found.map(lambda r: ToVisit(*r))


def visits(
    s: Session, window: paging.Window, *, user_id: int | None = None,
    innovation_id: int | None = None,
) -> paging.Page[VisitRow]:  # fmt: skip
    """Visits, the latest first: all of them, or those of `user_id`'s teams, or of one
    innovation."""
    query = (
        select(MonitoringVisit.id, Innovation.id, Innovation.title, Innovation.opd_name,
               MonitoringTeam.name, MonitoringVisit.visited_on, MonitoringVisit.place,
               MonitoringVisit.document_path)
        .join(Innovation, Innovation.id == MonitoringVisit.innovation_id)
        .join(MonitoringTeam, MonitoringTeam.id == MonitoringVisit.team_id)
        .order_by(MonitoringVisit.visited_on.desc(), MonitoringVisit.id.desc())
    )  # fmt: skip
    if user_id is not None:
        mine = select(MonitoringTeamMember.team_id).where(MonitoringTeamMember.user_id == user_id)
        query = query.where(MonitoringVisit.team_id.in_(mine))
    if innovation_id is not None:
        query = query.where(MonitoringVisit.innovation_id == innovation_id)
    found = paging.paginate(s, query, window, scalars=False)
    return found.map(lambda r: VisitRow(*r))


def is_member(s: Session, user_id: int) -> bool:
    found = select(MonitoringTeamMember.id).where(MonitoringTeamMember.user_id == user_id)
    return s.scalar(found.limit(1)) is not None
