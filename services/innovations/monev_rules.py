"""The forms of monitoring, read and checked: a team (name, year, members, its ketua) and a visit
(date not in the future, place, findings, recommendations, an optional follow-up deadline not
before the visit). Pure: the posted values and today in; the values or the problems, field by
field (message key and values), out."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

Problems = dict[str, tuple[str, Mapping[str, Any]]]
ELIGIBLE_ROLES = ("verifier", "evaluator", "admin")
MAX_PLACE = 300
MAX_TEXT = 10_000
FIRST_YEAR = 2000


@dataclass(frozen=True)
class TeamForm:
    name: str
    year: int
    member_ids: tuple[int, ...]
    leader_id: int


@dataclass(frozen=True)
class VisitForm:
    visited_on: date
    place: str
    findings: str
    recommendations: str
    follow_up_by: date | None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _ids(values: Sequence[str]) -> tuple[int, ...]:
    seen: list[int] = []
    for v in values:
        if v.strip().isdigit() and int(v) not in seen:
            seen.append(int(v))
    return tuple(seen)


def read_team(
    name: str, year: str, members: Sequence[str], leader: str, eligible: Collection[int],
    today: date,
) -> TeamForm | Problems:  # fmt: skip
    """The team as posted, or its problems. `eligible`: the accounts that may be members."""
    problems: Problems = {}
    name = " ".join(name.split())
    if not name:
        problems["name"] = ("monev.team.name_required", {})
    elif len(name) > 200:
        problems["name"] = ("monev.too_long", {"limit": 200})
    year_no = int(year) if year.strip().isdigit() else 0
    if not FIRST_YEAR <= year_no <= today.year + 1:
        problems["year"] = ("monev.team.year_range", {"first": FIRST_YEAR, "last": today.year + 1})
    ids = _ids(members)
    if not ids:
        problems["members"] = ("monev.team.members_required", {})
    elif any(i not in eligible for i in ids):
        problems["members"] = ("monev.team.member_not_eligible", {})
    leader_id = int(leader) if leader.strip().isdigit() else 0
    if "members" not in problems and leader_id not in ids:
        problems["leader"] = ("monev.team.leader_among_members", {})
    if problems:
        return problems
    return TeamForm(name, year_no, ids, leader_id)


def read_visit(values: Mapping[str, str], today: date) -> VisitForm | Problems:
    """The visit as posted (`visited_on`, `place`, `findings`, `recommendations`,
    `follow_up_by`), or its problems."""
    problems: Problems = {}
    visited = _day(values.get("visited_on", ""))
    if visited is None:
        problems["visited_on"] = ("monev.visit.date_required", {})
    elif visited > today:
        problems["visited_on"] = ("monev.visit.date_future", {})
    texts = {}
    for field, limit in (("place", MAX_PLACE), ("findings", MAX_TEXT),
                         ("recommendations", MAX_TEXT)):  # fmt: skip
        text = values.get(field, "").strip()
        if not text:
            problems[field] = (f"monev.visit.{field}_required", {})
        elif len(text) > limit:
            problems[field] = ("monev.too_long", {"limit": limit})
        texts[field] = text
    follow_text = values.get("follow_up_by", "").strip()
    follow = _day(follow_text) if follow_text else None
    if follow_text and follow is None:
        problems["follow_up_by"] = ("monev.visit.follow_up_invalid", {})
    elif follow is not None and visited is not None and follow < visited:
        problems["follow_up_by"] = ("monev.visit.follow_up_before_visit", {})
    if problems or visited is None:
        return problems
    return VisitForm(visited, texts["place"], texts["findings"], texts["recommendations"], follow)
