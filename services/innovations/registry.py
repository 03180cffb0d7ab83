"""The registry: one record per innovation across the years. Register one, read one or a page
of them, and the history each keeps. Proposals are linked to theirs by `linking.py`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, Text, cast, func, or_, select
from sqlalchemy.orm import Session

from services.innovations import access, matching
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import Forbidden, NotFound, TransitionRefused
from services.innovations.models import (
    DIRECTORY,
    Innovation,
    InnovationHistory,
    InnovationMember,
    InnovationProposal,
    MonitoringAssignment,
    MonitoringTeamMember,
)
from services.innovations.schemas import InnovationIn, InnovationOut
from shared import directory
from shared.web import paging
from shared.web.auth import CurrentUser


def note(
    s: Session,
    innovation_id: int,
    kind: str,
    detail: dict[str, Any] | None = None,
    *,
    actor_id: int | None = None,
    event_id: str | None = None,
) -> None:
    """Add a line to the innovation's history."""
    s.add(InnovationHistory(innovation_id=innovation_id, kind=kind, detail=detail or {},
                            actor_id=actor_id, event_id=event_id))  # fmt: skip


def team_ids(s: Session, innovation_id: int) -> set[int]:
    rows = s.scalars(
        select(InnovationMember.user_id).where(InnovationMember.innovation_id == innovation_id)
    )
    return {r for r in rows if r is not None}


def monitored_by(user_id: int) -> Select[int]:
    """The ids of the innovations assigned to a monitoring team `user_id` is on."""
    return (
        select(MonitoringAssignment.innovation_id)
        .join(MonitoringTeamMember, MonitoringTeamMember.team_id == MonitoringAssignment.team_id)
        .where(MonitoringTeamMember.user_id == user_id)
    )


def monitor_ids(s: Session, innovation_id: int) -> set[int]:
    """The accounts of the monitoring teams assigned to the innovation (any year)."""
    rows = s.scalars(
        select(MonitoringTeamMember.user_id)
        .join(MonitoringAssignment, MonitoringAssignment.team_id == MonitoringTeamMember.team_id)
        .where(MonitoringAssignment.innovation_id == innovation_id)
    )
    return set(rows)


def load(s: Session, innovation_id: int, user: CurrentUser, *, edit: bool = False) -> Innovation:
    """The innovation when the user may read it (or change it, with `edit`); else NotFound /
    Forbidden. An innovation the user may not read is not found: ids reveal nothing."""
    row = s.get(Innovation, innovation_id)
    if row is None:
        raise NotFound()
    team = team_ids(s, innovation_id)
    monitors = monitor_ids(s, innovation_id) if user.role not in access.STAFF else set()
    if not access.may_read(user, row.opd_code, row.created_by, team, monitors):
        raise NotFound()
    if edit and not access.may_edit(user, row.opd_code, row.created_by, team):
        raise Forbidden()
    return row


def proposal_ids(s: Session, innovation_ids: Sequence[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {i: [] for i in innovation_ids}
    rows = s.execute(
        select(InnovationProposal.innovation_id, InnovationProposal.proposal_id)
        .where(InnovationProposal.innovation_id.in_(innovation_ids))
        .order_by(InnovationProposal.proposal_id)
    )
    for innovation_id, proposal_id in rows:
        found[innovation_id].append(proposal_id)
    return found


def out(s: Session, row: Innovation) -> InnovationOut:
    return InnovationOut.of(row, proposal_ids(s, [row.id])[row.id])


def register(user: CurrentUser, data: InnovationIn) -> InnovationOut:
    """Register an innovation directly (it need not ever enter a call)."""
    opd_code = data.opd_code or user.opd_code or ""
    if not access.may_register(user, opd_code):
        raise Forbidden("innovations.register_forbidden")
    with unit_of_work() as s:
        key = matching.title_key(data.title)
        same = select(Innovation.id).where(
            Innovation.opd_code == opd_code, Innovation.title_key == key
        )
        if s.scalar(same) is not None:
            raise TransitionRefused("innovations.duplicate_title")
        agency = directory.agency(s, DIRECTORY, opd_code)
        row = Innovation(
            title=data.title.strip(), title_key=key,
            summary=data.summary, opd_code=opd_code, opd_name=agency.name if agency else opd_code,
            initiator=data.initiator, kind=data.kind, form=data.form, urusan=data.urusan,
            theme=data.theme, sdgs=data.sdgs, stage=data.stage, started_on=data.started_on,
            public=data.public, public_names=data.public_names, results=data.results,
            created_by=user.id, profile={},
        )  # fmt: skip
        s.add(row)
        s.flush()
        s.add(InnovationMember(innovation_id=row.id, user_id=user.id, name=user.name,
                               email=user.email, role="ketua"))  # fmt: skip
        note(s, row.id, "registered", {"by": user.name}, actor_id=user.id)
        return out(s, row)


def get(user: CurrentUser, innovation_id: int) -> InnovationOut:
    with unit_of_work() as s:
        return out(s, load(s, innovation_id, user))


def visible(user: CurrentUser) -> Select[Innovation]:
    """The innovations the user may read, as a query to filter and page."""
    query = select(Innovation)
    if user.role in access.STAFF:
        return query
    if user.role == "operator":
        return query.where(Innovation.opd_code == (user.opd_code or ""))
    if user.role == "innovator":
        mine = select(InnovationMember.innovation_id).where(InnovationMember.user_id == user.id)
        return query.where(or_(Innovation.created_by == user.id, Innovation.id.in_(mine)))
    return query.where(Innovation.id.in_(monitored_by(user.id)))


def filtered(
    query: Select[Innovation],
    *,
    q: str | None = None,
    opd_code: str | None = None,
    stage: str | None = None,
    urusan: str | None = None,
    year: int | None = None,
) -> Select[Innovation]:
    if q:
        query = query.where(Innovation.title_key.contains(matching.title_key(q)))
    if opd_code:
        query = query.where(Innovation.opd_code == opd_code)
    if stage:
        query = query.where(Innovation.stage == stage)
    if urusan:  # JSON lists are compared as text: an urusan is a whole quoted item
        query = query.where(cast(Innovation.urusan, Text).contains(f'"{urusan}"'))
    if year:
        since = func.coalesce(Innovation.implemented_on, Innovation.trial_on, Innovation.started_on)
        query = query.where(since.between(date(year, 1, 1), date(year, 12, 31)))
    return query


def page(user: CurrentUser, window: paging.Window, **filters: Any) -> paging.Page[InnovationOut]:
    """One page of the innovations the user may read, newest changes first."""
    with unit_of_work() as s:
        query = filtered(visible(user), **filters).order_by(
            Innovation.updated_at.desc(), Innovation.id.desc()
        )
        found = paging.paginate(s, query, window)
        ids = proposal_ids(s, [r.id for r in found.items])
        return found.map(lambda r: InnovationOut.of(r, ids[r.id]))


def history(s: Session, innovation_id: int) -> list[InnovationHistory]:
    return list(
        s.scalars(
            select(InnovationHistory)
            .where(InnovationHistory.innovation_id == innovation_id)
            .order_by(InnovationHistory.at, InnovationHistory.id)
        )
    )
