"""The monitoring JSON API: `/api/v1/monev/teams` (the admin forms a team, staff and members
list them) and `/api/v1/monev/visits` (a member of the assigned team records a visit; photos go
through the page's form, which takes files)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from services.innovations import monev, monev_lists
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import Forbidden
from shared.web import paging
from shared.web.auth import require_user
from shared.web.body import json_body
from shared.web.ids import Id
from shared.web.openapi import documented

bp = Blueprint("innovations_monev_api", __name__, url_prefix="/api/v1/monev")
TAGS = ("monev",)


class TeamIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=200)
    year: int
    member_ids: list[Id] = Field(max_length=50)
    leader_id: Id


class MemberOut(BaseModel):
    user_id: int
    name: str
    role: str


class TeamOut(BaseModel):
    id: int
    name: str
    year: int
    members: list[MemberOut]


class VisitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    innovation_id: Id
    visited_on: date
    place: str = Field(max_length=300)
    findings: str = Field(max_length=10_000)
    recommendations: str = Field(max_length=10_000)
    follow_up_by: date | None = None


class VisitOut(BaseModel):
    id: int
    innovation_id: int
    team_id: int
    visited_on: date
    place: str
    findings: str
    recommendations: str
    follow_up_by: date | None
    document_path: str | None


def _team(s: Session, team_id: int, name: str, year: int) -> TeamOut:
    people = [MemberOut(user_id=m.user_id, name=m.name, role=m.role)
              for m in monev.members(s, team_id)]  # fmt: skip
    return TeamOut(id=team_id, name=name, year=year, members=people)


@bp.get("/teams")
@documented("Monitoring teams (year: one year); admin and verifier; `page`, `per_page`",
            tags=TAGS, responses={200: list[TeamOut]})  # fmt: skip
def teams() -> Response:
    user = require_user()
    if user.role not in ("admin", "verifier"):
        raise Forbidden()
    year = request.args.get("year", "")
    with unit_of_work() as s:
        found = monev_lists.teams(s, int(year) if year.isdigit() else None,
                                  paging.window_of(request.args))  # fmt: skip
        body = [_team(s, t.id, t.name, t.year).model_dump(mode="json") for t in found.items]
    response = jsonify(body)
    response.headers.update(paging.headers(found, request.base_url, request.args.items(multi=True)))
    return response


@bp.post("/teams")
@documented("Form a monitoring team (admin): members are verifiers, evaluators or admins",
            tags=TAGS, body=TeamIn, responses={201: TeamOut})  # fmt: skip
def create_team() -> tuple[Response, int]:
    user = require_user()
    monev.admin_only(user)  # before the body: a refused role learns nothing of the form
    data = json_body(TeamIn)
    with unit_of_work() as s:
        made = monev.form_team(s, user, data.name, str(data.year),
                               [str(i) for i in data.member_ids], str(data.leader_id))  # fmt: skip
        out = _team(s, made.id, made.name, made.year)
    return jsonify(out.model_dump(mode="json")), 201


@bp.post("/visits")
@documented("Record a visit (a member of the team assigned to the innovation)", tags=TAGS,
            body=VisitIn, responses={201: VisitOut})  # fmt: skip
def record_visit() -> tuple[Response, int]:
    user = require_user()
    data = json_body(VisitIn)
    follow_up = data.follow_up_by.isoformat() if data.follow_up_by else ""
    values = {"visited_on": data.visited_on.isoformat(), "place": data.place,
              "findings": data.findings, "recommendations": data.recommendations,
              "follow_up_by": follow_up}  # fmt: skip
    with unit_of_work() as s:
        v = monev.record_visit(s, user, data.innovation_id, values, [])
        out = VisitOut(id=v.id, innovation_id=v.innovation_id, team_id=v.team_id,
                       visited_on=v.visited_on, place=v.place, findings=v.findings,
                       recommendations=v.recommendations, follow_up_by=v.follow_up_by,
                       document_path=v.document_path)  # fmt: skip
    return jsonify(out.model_dump(mode="json")), 201
