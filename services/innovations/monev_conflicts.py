"""Who may not monitor an innovation, the same rules as for evaluators (services/review): nobody
of the innovation's agency or of an agency above or below it in the tree, and nobody of the
innovation's own team. Pure: people, agencies and the tree in; each refusal with its reason out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from shared.directory import related

SAME_AGENCY = "same_agency"
RELATED_AGENCY = "related_agency"
INNOVATION_TEAM = "innovation_team"


@dataclass(frozen=True)
class Monitor:
    """A member of a monitoring team as the rule sees them."""

    user_id: int
    name: str
    email: str
    opd_code: str | None


@dataclass(frozen=True)
class Conflict:
    """`member` may not monitor the innovation; `reason` is one of the codes above."""

    member: Monitor
    reason: str


def conflict_of(
    member: Monitor,
    opd_code: str,
    parents: Mapping[str, str | None],
    team_ids: Collection[int],
    team_emails: Collection[str],
) -> Conflict | None:
    """Why `member` may not monitor an innovation of `opd_code` made by the team whose
    accounts are `team_ids` (and addresses `team_emails`, lower case), or None."""
    if member.user_id in team_ids or member.email.strip().lower() in team_emails:
        return Conflict(member, INNOVATION_TEAM)
    if member.opd_code and member.opd_code == opd_code:
        return Conflict(member, SAME_AGENCY)
    if related(member.opd_code, opd_code, parents):
        return Conflict(member, RELATED_AGENCY)
    return None


def conflicts(
    members: Iterable[Monitor],
    opd_code: str,
    parents: Mapping[str, str | None],
    team_ids: Collection[int],
    team_emails: Collection[str],
) -> list[Conflict]:
    """Every member of a team who may not monitor the innovation, in the team's order."""
    found = (conflict_of(m, opd_code, parents, team_ids, team_emails) for m in members)
    return [c for c in found if c is not None]
