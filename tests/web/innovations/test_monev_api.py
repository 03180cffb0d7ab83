"""The monitoring API: the admin forms a team (members who may not be on one refused, field by
field), staff list the teams, a member of the assigned team records a visit and nobody else
may; an innovation another team holds for the year is refused with that team's name."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from services.innovations import monev
from services.innovations.bootstrap import session
from services.innovations.models import MonitoringTeam
from tests.support.pages import csrf_of, sign_in
from tests.support.submission import token

ADMIN = "admin@sipinda.test"
MEMBER = "evaluator.akademisi2@sipinda.test"
DINKES = "inovator.dinkes@sipinda.test"


def body(reply: Any) -> Any:
    return reply.json if reply.json is not None else {}


def user_id(client: FlaskClient, email: str) -> int:
    return int(body(client.get("/api/v1/me", headers=token(client, email)))["id"])


def test_a_team_is_formed_listed_and_its_member_records_a_visit(client: FlaskClient) -> None:
    admin = token(client, ADMIN)
    year = monev.today().year
    innovator = user_id(client, DINKES)
    refused = client.post("/api/v1/monev/teams", headers=admin, json={
        "name": "Tim API Salah", "year": year, "member_ids": [innovator], "leader_id": innovator,
    })  # fmt: skip
    assert refused.status_code == 422
    assert "verifikator, evaluator atau admin" in str(body(refused))
    member = user_id(client, MEMBER)
    made = client.post("/api/v1/monev/teams", headers=admin, json={
        "name": "Tim API Monev", "year": year, "member_ids": [member], "leader_id": member,
    })  # fmt: skip
    assert made.status_code == 201, body(made)
    assert body(made)["members"] == [{"user_id": member, "name": "Evaluator Akademisi Dua",
                                      "role": "ketua"}]  # fmt: skip
    listed = client.get(f"/api/v1/monev/teams?year={year}", headers=admin)
    assert "Tim API Monev" in [t["name"] for t in body(listed)]
    assert client.get("/api/v1/monev/teams", headers=token(client, MEMBER)).status_code == 403

    innovation = client.post("/api/v1/innovations", headers=token(client, DINKES),
                             json={"title": "Inovasi API Monev"})  # fmt: skip
    innovation_id = body(innovation)["id"]
    visit = {"innovation_id": innovation_id, "visited_on": monev.today().isoformat(),
             "place": "Kantor Dinkes", "findings": "Berjalan.",
             "recommendations": "Lanjutkan."}  # fmt: skip
    before = client.post("/api/v1/monev/visits", headers=token(client, MEMBER), json=visit)
    assert before.status_code in (403, 404)  # not yet assigned: not theirs to visit
    with session() as s:
        team_id = s.scalar(select(MonitoringTeam.id).where(
            MonitoringTeam.name == "Tim API Monev", MonitoringTeam.year == year))  # fmt: skip
    sign_in(client, ADMIN)
    csrf = csrf_of(client.get(f"/innovations/monev/teams/{team_id}").get_data(as_text=True))
    client.post(f"/innovations/monev/teams/{team_id}/assign",
                data={"csrf_token": csrf, "innovations": [str(innovation_id)]})  # fmt: skip
    done = client.post("/api/v1/monev/visits", headers=token(client, MEMBER), json=visit)
    assert done.status_code == 201, body(done)
    assert body(done)["team_id"] == team_id
    outsider = token(client, "evaluator.praktisi@sipinda.test")
    other = client.post("/api/v1/monev/visits", headers=outsider, json=visit)
    assert other.status_code in (403, 404)

    second = client.post("/api/v1/monev/teams", headers=admin, json={
        "name": "Tim API Kedua", "year": year, "member_ids": [member], "leader_id": member,
    })  # fmt: skip
    csrf = csrf_of(
        client.get(f"/innovations/monev/teams/{body(second)['id']}").get_data(as_text=True)
    )
    again = client.post(f"/innovations/monev/teams/{body(second)['id']}/assign",
                        data={"csrf_token": csrf, "innovations": [str(innovation_id)]},
                        follow_redirects=True)  # fmt: skip
    assert "sudah dipegang Tim API Monev" in again.get_data(as_text=True)


def test_an_id_past_the_column_s_range_is_refused_by_name(client: FlaskClient) -> None:
    """2⁶³ overflowed the id columns (a 500 on PostgreSQL, found by the API fuzzing): now a 422
    naming the field, as every other body's ids."""
    huge = 2**63
    visit = {"innovation_id": huge, "visited_on": monev.today().isoformat(), "place": "Kantor",
             "findings": "Berjalan.", "recommendations": "Lanjutkan."}  # fmt: skip
    refused = client.post("/api/v1/monev/visits", headers=token(client, MEMBER), json=visit)
    assert refused.status_code == 422
    assert "innovation_id" in str(body(refused))
    team = {"name": "Tim Angka Besar", "year": monev.today().year, "member_ids": [huge],
            "leader_id": huge}  # fmt: skip
    refused = client.post("/api/v1/monev/teams", headers=token(client, ADMIN), json=team)
    assert refused.status_code == 422
    assert "leader_id" in str(body(refused))
