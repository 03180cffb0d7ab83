"""What an innovation's profile page reads, in one transaction: the innovation, its team, the
proposals linked to it, its stage changes, its history, and the innovations of the region that
look like the same one (offered as possible duplicates, as the verifier's check offers similar
proposals). Only innovations the reader may read are offered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.innovations import access, advancing, linking, matching, registry
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import Forbidden, NotFound
from services.innovations.models import (
    Innovation,
    InnovationHistory,
    InnovationMember,
    InnovationProposal,
    InnovationStage,
)
from services.innovations.schemas import InnovationOut
from shared.web.auth import CurrentUser

MERGERS = ("admin", "verifier", "operator")  # who may move a proposal's link (a duplicate)


@dataclass(frozen=True)
class Similar:
    innovation_id: int
    title: str
    opd_name: str
    likeness: float


@dataclass(frozen=True)
class Profile:
    innovation: InnovationOut
    members: list[InnovationMember]
    links: list[InnovationProposal]
    changes: list[InnovationStage]
    history: list[InnovationHistory]
    similar: list[Similar]
    may_edit: bool
    may_merge: bool


def read(user: CurrentUser, innovation_id: int) -> Profile:
    with unit_of_work() as s:
        row = registry.load(s, innovation_id, user)
        team = registry.team_ids(s, row.id)
        members = list(s.scalars(select(InnovationMember).where(
            InnovationMember.innovation_id == row.id).order_by(InnovationMember.id)))  # fmt: skip
        links = list(s.scalars(select(InnovationProposal).where(
            InnovationProposal.innovation_id == row.id
        ).order_by(InnovationProposal.proposal_id)))  # fmt: skip
        others = registry.visible(user).where(Innovation.id != row.id)
        rows = s.execute(others.with_only_columns(Innovation.id, Innovation.title,
                                                  Innovation.opd_name)).all()  # fmt: skip
        found = matching.similar(row.title, [(i, t, n) for i, t, n in rows])
        profile = Profile(
            innovation=registry.out(s, row), members=members, links=links,
            changes=advancing.changes(s, row.id), history=registry.history(s, row.id),
            similar=[Similar(c.innovation_id, c.title, c.opd_code, c.likeness) for c in found],
            may_edit=access.may_edit(user, row.opd_code, row.created_by, team),
            may_merge=user.role in MERGERS,
        )  # fmt: skip
        s.expunge_all()
        return profile


def calls_of(innovation_ids: Sequence[int]) -> dict[int, list[InnovationProposal]]:
    """The proposals linked to each innovation (their call and decision), for a list."""
    found: dict[int, list[InnovationProposal]] = {i: [] for i in innovation_ids}
    with unit_of_work() as s:
        rows = s.scalars(select(InnovationProposal).where(
            InnovationProposal.innovation_id.in_(innovation_ids)
        ).order_by(InnovationProposal.proposal_id)).all()  # fmt: skip
        s.expunge_all()
    for r in rows:
        found[r.innovation_id].append(r)
    return found


def merge_preview(
    user: CurrentUser, innovation_id: int, proposal_id: int, into: int
) -> dict[str, Any]:
    """What moving the proposal's link would do: from which innovation to which."""
    with unit_of_work() as s:
        here, there = _merge_sides(s, user, innovation_id, proposal_id, into)
        link = s.get(InnovationProposal, proposal_id)
        assert link is not None
        return {"from": registry.out(s, here), "into": registry.out(s, there),
                "proposal_id": proposal_id, "proposal_title": link.title,
                "call_name": link.call_name, "call_id": link.call_id}  # fmt: skip


def merge(user: CurrentUser, innovation_id: int, proposal_id: int, into: int) -> None:
    """Move the proposal's link to the innovation `into` (the same innovation registered
    twice), noted in both histories."""
    with unit_of_work() as s:
        _merge_sides(s, user, innovation_id, proposal_id, into)
        linking.merge(s, proposal_id, into, user.id)


def _merge_sides(
    s: Session, user: CurrentUser, innovation_id: int, proposal_id: int, into: int
) -> tuple[Innovation, Innovation]:
    if user.role not in MERGERS:
        raise Forbidden()
    here = registry.load(s, innovation_id, user)
    there = registry.load(s, into, user)
    link = s.get(InnovationProposal, proposal_id)
    if link is None or link.innovation_id != here.id or here.id == there.id:
        raise NotFound()
    return here, there
