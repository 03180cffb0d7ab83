"""Monitoring and evaluation (monev), the application layer: the admin forms a year's monitoring
teams and assigns innovations to them (refused, with the member and the reason, where a member
may not monitor the innovation: `monev_conflicts`); a member of the assigned team records a
visit, with photos, and `monev.visit_recorded` asks documents for the monev report.

Each function runs in the caller's unit of work and raises the service's domain errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.innovations import evidence, monev_conflicts, monev_rules
from services.innovations.errors import Forbidden, Invalid, NotFound
from services.innovations.models import (
    DIRECTORY,
    OUTBOX,
    Evidence,
    Innovation,
    InnovationMember,
    MonitoringAssignment,
    MonitoringTeam,
    MonitoringTeamMember,
    MonitoringVisit,
)
from services.innovations.registry import load, note
from shared import directory
from shared.events import (
    DocumentReady,
    Envelope,
    MonevVisitRecorded,
    MonitoringMember,
    Person,
    VisitPhoto,
)
from shared.outbox import publish, utcnow
from shared.timezone import to_wib
from shared.web.auth import CurrentUser

PHOTOS_MAX = 6
PRINTED = frozenset({"image/png", "image/jpeg"})  # what the report's renderer prints


@dataclass(frozen=True)
class Refusal:
    """An innovation not assigned: `key` and `values` word why (a member in conflict, already
    with another team)."""

    innovation_id: int
    title: str
    key: str
    values: dict[str, object]


def today() -> date:
    return to_wib(utcnow()).date()


def admin_only(user: CurrentUser) -> None:
    if user.role != "admin":
        raise Forbidden()


def candidates(s: Session) -> list[directory.Account]:
    """The accounts that may be on a team: verifiers, evaluators and admins, by name."""
    found = [a for role in monev_rules.ELIGIBLE_ROLES
             for a in directory.accounts_with_role(s, DIRECTORY, role)]  # fmt: skip
    return sorted(found, key=lambda a: (a.name.lower(), a.id))


def form_team(
    s: Session, user: CurrentUser, name: str, year: str, members: Sequence[str], leader: str
) -> MonitoringTeam:
    admin_only(user)
    people = {a.id: a for a in candidates(s)}
    read = monev_rules.read_team(name, year, members, leader, people, today())
    if isinstance(read, dict):
        raise Invalid(problems=read)
    same = select(MonitoringTeam.id).where(
        MonitoringTeam.year == read.year, func.lower(MonitoringTeam.name) == read.name.lower()
    )
    if s.scalar(same) is not None:
        raise Invalid(problems={"name": ("monev.team.name_taken", {"year": read.year})})
    team = MonitoringTeam(name=read.name, year=read.year, created_by=user.id)
    s.add(team)
    s.flush()
    for uid in sorted(read.member_ids, key=lambda i: (i != read.leader_id, people[i].name)):
        a, role = people[uid], "ketua" if uid == read.leader_id else "anggota"
        s.add(MonitoringTeamMember(team_id=team.id, user_id=uid, name=a.name, email=a.email,
                                   opd_code=a.opd_code, role=role))  # fmt: skip
    s.flush()
    return team


def team(s: Session, team_id: int) -> MonitoringTeam:
    row = s.get(MonitoringTeam, team_id)
    if row is None:
        raise NotFound()
    return row


def members(s: Session, team_id: int) -> list[MonitoringTeamMember]:
    """The team, its ketua first."""
    rows = s.scalars(select(MonitoringTeamMember).where(MonitoringTeamMember.team_id == team_id))
    return sorted(rows, key=lambda m: (m.role != "ketua", m.name.lower(), m.id))


def member_of(s: Session, team_id: int, user_id: int) -> bool:
    found = select(MonitoringTeamMember.id).where(
        MonitoringTeamMember.team_id == team_id, MonitoringTeamMember.user_id == user_id
    )
    return s.scalar(found) is not None


def _innovation_team(s: Session, innovation_id: int) -> tuple[set[int], set[str]]:
    rows = s.execute(
        select(InnovationMember.user_id, InnovationMember.email).where(
            InnovationMember.innovation_id == innovation_id
        )
    ).all()
    return {r.user_id for r in rows if r.user_id}, {r.email.lower() for r in rows if r.email}


def _refusal(innovation: Innovation, conflict: monev_conflicts.Conflict) -> Refusal:
    return Refusal(innovation.id, innovation.title, f"monev.conflict.{conflict.reason}",
                   {"name": conflict.member.name, "agency": innovation.opd_name})  # fmt: skip


def assign(
    s: Session, user: CurrentUser, team_id: int, innovation_ids: Sequence[int]
) -> tuple[list[Innovation], list[Refusal]]:
    """Assign each innovation to the team for the team's year; each one refused is listed with
    why (a member in conflict, another team already has it). Returns (assigned, refused)."""
    admin_only(user)
    row = team(s, team_id)
    if not innovation_ids:
        raise Invalid(problems={"innovations": ("monev.assign.none_chosen", {})})
    monitors = [monev_conflicts.Monitor(m.user_id, m.name, m.email, m.opd_code)
                for m in members(s, team_id)]  # fmt: skip
    parents = directory.agency_parents(s, DIRECTORY)
    assigned: list[Innovation] = []
    refused: list[Refusal] = []
    for innovation_id in dict.fromkeys(innovation_ids):
        innovation = s.get(Innovation, innovation_id)
        if innovation is None:
            raise Invalid(problems={"innovations": ("monev.assign.unknown", {})})
        held = s.scalars(select(MonitoringAssignment).where(
            MonitoringAssignment.innovation_id == innovation_id,
            MonitoringAssignment.year == row.year,
        )).first()  # fmt: skip
        if held is not None:
            other = s.get(MonitoringTeam, held.team_id)
            taken = {"team": other.name if other else "", "year": row.year}
            refused.append(Refusal(innovation.id, innovation.title, "monev.assign.taken", taken))
            continue
        ids, emails = _innovation_team(s, innovation_id)
        found = monev_conflicts.conflicts(monitors, innovation.opd_code, parents, ids, emails)
        if found:
            refused.extend(_refusal(innovation, c) for c in found)
            continue
        s.add(MonitoringAssignment(team_id=team_id, innovation_id=innovation_id, year=row.year,
                                   assigned_by=user.id))  # fmt: skip
        note(s, innovation_id, "monev_assigned", {"team": row.name, "year": row.year},
             actor_id=user.id)  # fmt: skip
        assigned.append(innovation)
    s.flush()
    return assigned, refused


def assigned_team(s: Session, innovation_id: int, user: CurrentUser) -> MonitoringTeam:
    """The team assigned to the innovation that `user` is on (the latest year first); else
    Forbidden: only a member of the assigned team records a visit."""
    rows = s.scalars(
        select(MonitoringTeam)
        .join(MonitoringAssignment, MonitoringAssignment.team_id == MonitoringTeam.id)
        .join(MonitoringTeamMember, MonitoringTeamMember.team_id == MonitoringTeam.id)
        .where(MonitoringAssignment.innovation_id == innovation_id,
               MonitoringTeamMember.user_id == user.id)
        .order_by(MonitoringTeam.year.desc(), MonitoringTeam.id.desc())
    ).first()  # fmt: skip
    if rows is None:
        raise Forbidden("monev.visit.not_member")
    return rows


@dataclass(frozen=True)
class Photo:
    filename: str
    data: bytes


def record_visit(
    s: Session, user: CurrentUser, innovation_id: int, values: dict[str, str],
    photos: Sequence[Photo],
) -> MonitoringVisit:  # fmt: skip
    """A member of the assigned team records a visit; its photos are kept as evidence (images
    only, PNG or JPEG so the report prints them) and the report is asked for."""
    innovation = load(s, innovation_id, user)
    on = assigned_team(s, innovation_id, user)
    read = monev_rules.read_visit(values, today())
    problems = read if isinstance(read, dict) else {}
    if len(photos) > PHOTOS_MAX:
        problems["photos"] = ("monev.visit.too_many_photos", {"limit": PHOTOS_MAX})
    kept: list[Evidence] = []
    if not problems:
        for photo in photos:
            try:
                evidence.checked(photo.filename, photo.data, field="photos", images_only=True)
            except Invalid as exc:
                problems.update(exc.problems)
                break
    if problems or isinstance(read, dict):
        raise Invalid(problems=problems)
    for photo in photos:
        kept.append(evidence.keep(s, area="visit", filename=photo.filename, data=photo.data,
                                  innovation_id=innovation_id, user_id=user.id,
                                  field="photos", images_only=True))  # fmt: skip
    visit = MonitoringVisit(
        team_id=on.id, innovation_id=innovation_id, visited_on=read.visited_on, place=read.place,
        findings=read.findings, recommendations=read.recommendations,
        follow_up_by=read.follow_up_by, photo_ids=[k.id for k in kept], recorded_by=user.id,
        recorded_at=utcnow(),
    )  # fmt: skip
    s.add(visit)
    s.flush()
    note(s, innovation_id, "monev_visit",
         {"visit_id": visit.id, "team": on.name, "visited_on": read.visited_on.isoformat()},
         actor_id=user.id)  # fmt: skip
    publish(s, OUTBOX, visit_recorded(s, visit, innovation, on, user, kept))
    return visit


def visit_recorded(
    s: Session, visit: MonitoringVisit, innovation: Innovation, on: MonitoringTeam,
    user: CurrentUser, kept: Sequence[Evidence],
) -> MonevVisitRecorded:  # fmt: skip
    team_rows = members(s, on.id)
    ids, _ = _innovation_team(s, innovation.id)
    return MonevVisitRecorded(
        visit_id=visit.id, innovation_id=innovation.id, title=innovation.title,
        opd_code=innovation.opd_code, opd_name=innovation.opd_name, stage=innovation.stage,
        team_name=on.name, team_year=on.year,
        members=tuple(MonitoringMember(name=m.name, role=m.role) for m in team_rows),
        visited_on=visit.visited_on, place=visit.place, findings=visit.findings,
        recommendations=visit.recommendations, follow_up_by=visit.follow_up_by,
        recorded_by=Person(id=user.id, name=user.name, email=user.email, language=user.language),
        recorded_at=visit.recorded_at,
        photos=tuple(VisitPhoto(key=k.stored_name, sha256=k.sha256, content_type=k.content_type,
                                filename=k.filename) for k in kept if k.content_type in PRINTED),
        readers=tuple(sorted(ids | {m.user_id for m in team_rows})),
        notify=told(s, ids),
    )  # fmt: skip


def told(s: Session, team_ids: set[int]) -> tuple[Person, ...]:
    """Who hears of a visit: the innovation's team (those with an account) and the admins."""
    known = directory.people(s, DIRECTORY, team_ids)
    admins = directory.accounts_with_role(s, DIRECTORY, "admin")
    people = {a.id: a for a in [*known.values(), *admins] if a.active}
    return tuple(Person(id=a.id, name=a.name, email=a.email, language=a.language)
                 for a in sorted(people.values(), key=lambda a: a.id))  # fmt: skip


def visit(s: Session, visit_id: int, user: CurrentUser) -> MonitoringVisit:
    """A visit, to the admin, the verifier and its team's members (else not found); the
    innovation's own readers see it through the innovation's history."""
    row = s.get(MonitoringVisit, visit_id)
    if row is None:
        raise NotFound()
    if user.role not in ("admin", "verifier") and not member_of(s, row.team_id, user.id):
        load(s, row.innovation_id, user)  # its innovation's readers may read it, or NotFound
    return row


def photos_of(s: Session, row: MonitoringVisit) -> list[Evidence]:
    if not row.photo_ids:
        return []
    return list(s.scalars(select(Evidence).where(Evidence.id.in_(row.photo_ids))))


def on_document(s: Session, event: DocumentReady, envelope: Envelope) -> None:
    """The monev report is ready: the visit links to it."""
    subject = event.subject or ""
    if event.kind != "monev" or not subject.startswith("visit:"):
        return
    found = s.get(MonitoringVisit, int(subject.split(":", 1)[1]))
    if found is not None:
        found.document_path, found.document_number = event.download_path, event.number
