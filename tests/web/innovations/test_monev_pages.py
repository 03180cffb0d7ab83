"""Monitoring (monev) in the browser without JavaScript: the admin forms a team (errors beside
their fields), assigns innovations to it at once (a member of the innovation's agency refused
with the reason, in words), a member records a visit (not in the future, photos images only)
and nobody else may; the visit asks documents for the report."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from services.innovations import monev
from services.innovations.models import OUTBOX
from shared import runtime
from tests.support.pages import csrf_of, sign_in
from tests.support.submission import token

DINKES = "inovator.dinkes@sipinda.test"
ADMIN = "admin@sipinda.test"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")  # fmt: skip


def published(name: str) -> list[dict[str, Any]]:
    """The payloads innovations published under `name`."""
    with runtime.database("innovations").session() as s:
        rows = s.scalars(select(OUTBOX.events.c.envelope).where(OUTBOX.events.c.name == name))
        return [json.loads(r)["payload"] for r in rows]


def user_id(client: FlaskClient, email: str) -> int:
    reply = client.get("/api/v1/me", headers=token(client, email))
    body: dict[str, Any] = reply.json or {}
    return int(body["id"])


def innovation(client: FlaskClient, title: str, email: str = DINKES) -> int:
    made = client.post("/api/v1/innovations", headers=token(client, email), json={"title": title})
    body: dict[str, Any] = made.json or {}
    assert made.status_code == 201, body
    return int(body["id"])


def form_team(client: FlaskClient, name: str, members: list[str], leader: str) -> int:
    csrf = sign_in(client, ADMIN)
    ids = [str(user_id(client, m)) for m in members]
    reply = client.post("/innovations/monev/teams/new", data={
        "csrf_token": csrf, "name": name, "year": str(monev.today().year), "members": ids,
        "leader": str(user_id(client, leader)),
    })  # fmt: skip
    assert reply.status_code == 303, reply.get_data(as_text=True)
    return int(reply.headers["Location"].rsplit("/", 1)[1])


def test_a_team_with_errors_is_shown_again_with_each_error_beside_its_field(
    client: FlaskClient,
) -> None:
    csrf = sign_in(client, ADMIN)
    page = client.get("/innovations/monev/teams/new")
    assert page.status_code == 200
    assert "Evaluator Akademisi Satu" in page.get_data(as_text=True)
    reply = client.post("/innovations/monev/teams/new",
                        data={"csrf_token": csrf, "name": "", "year": "1990"})  # fmt: skip
    html = reply.get_data(as_text=True)
    assert reply.status_code == 422
    assert 'id="name-error">Isi nama tim.' in html
    assert 'id="members-error">Pilih paling sedikit satu anggota.' in html
    assert "Isi tahun antara 2000" in html


def test_a_conflicted_assignment_is_refused_with_the_member_and_the_reason(
    client: FlaskClient,
) -> None:
    dinkes = innovation(client, "Posyandu Monev Konflik")
    other = innovation(client, "Antrean Monev Bebas", "inovator.disdukcapil@sipinda.test")
    team_id = form_team(client, "Tim Monev Konflik",
                        ["evaluator.akademisi1@sipinda.test", "evaluator.dinkes@sipinda.test"],
                        "evaluator.akademisi1@sipinda.test")  # fmt: skip
    page = client.get(f"/innovations/monev/teams/{team_id}?q=Monev")
    csrf = csrf_of(page.get_data(as_text=True))
    reply = client.post(f"/innovations/monev/teams/{team_id}/assign",
                        data={"csrf_token": csrf, "innovations": [str(dinkes), str(other)]},
                        follow_redirects=True)  # fmt: skip
    html = reply.get_data(as_text=True)
    assert "1 inovasi ditugaskan ke tim." in html
    assert ("Tidak ditugaskan: Posyandu Monev Konflik. Evaluator Dinas Kesehatan berasal dari "
            "perangkat daerah inovasi ini") in html  # fmt: skip
    assert re.search(r'id="assigned".*Antrean Monev Bebas', html, re.DOTALL)
    teams = client.get(f"/innovations/monev?year={monev.today().year}").get_data(as_text=True)
    assert "Tim Monev Konflik" in teams
    assert f'<option value="{monev.today().year}" selected>' in teams


def test_a_member_records_a_visit_with_a_photo_and_others_may_not(client: FlaskClient) -> None:
    target = innovation(client, "Kader Monev Kunjungan")
    member = "evaluator.praktisi@sipinda.test"
    team_id = form_team(client, "Tim Monev Kunjungan", [member], member)
    csrf = csrf_of(client.get(f"/innovations/monev/teams/{team_id}").get_data(as_text=True))
    client.post(f"/innovations/monev/teams/{team_id}/assign",
                data={"csrf_token": csrf, "innovations": [str(target)]})  # fmt: skip

    outsider = FlaskClient(client.application, client.response_wrapper, use_cookies=True)
    sign_in(outsider, "evaluator.akademisi2@sipinda.test")
    assert outsider.get(f"/innovations/{target}/visits/new").status_code in (403, 404)

    csrf = sign_in(client, member)
    listed = client.get("/innovations/monev").get_data(as_text=True)
    assert "Inovasi yang harus Anda kunjungi" in listed
    assert "Kader Monev Kunjungan" in listed
    form = client.get(f"/innovations/{target}/visits/new")
    assert form.status_code == 200
    tomorrow = (monev.today() + timedelta(days=1)).isoformat()
    refused = client.post(f"/innovations/{target}/visits/new", data={
        "csrf_token": csrf, "visited_on": tomorrow, "place": "Puskesmas", "findings": "Temuan",
        "recommendations": "Saran", "photos": (io.BytesIO(b"MZ\x90\x00bukan foto"), "x.jpg"),
    }, content_type="multipart/form-data")  # fmt: skip
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Tanggal kunjungan tidak boleh setelah hari ini." in html
    assert 'value="Puskesmas"' in html  # what was typed is kept
    assert "1 foto yang dipilih belum disimpan" in html  # said, since a browser cannot keep it
    done = client.post(f"/innovations/{target}/visits/new", data={
        "csrf_token": csrf, "visited_on": monev.today().isoformat(), "place": "Puskesmas Cibeber",
        "findings": "Kader aktif di 12 posyandu.", "recommendations": "Perluas ke kelurahan lain.",
        "photos": (io.BytesIO(PNG), "foto.png"),
    }, content_type="multipart/form-data")  # fmt: skip
    assert done.status_code == 303, done.get_data(as_text=True)
    shown = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Kader aktif di 12 posyandu." in shown
    photo = re.search(r'src="(/innovations/monev/visits/\d+/photos/\d+)"', shown)
    assert photo is not None
    assert client.get(photo.group(1)).data == PNG
    [sent] = [e for e in published("monev.visit_recorded") if e["innovation_id"] == target]
    assert sent["findings"] == "Kader aktif di 12 posyandu."
    assert len(sent["photos"]) == 1
    assert user_id(client, ADMIN) in {p["id"] for p in sent["notify"]}  # told, with the team
    assert user_id(client, DINKES) in {p["id"] for p in sent["notify"]}
    assert outsider.get(done.headers["Location"]).status_code == 404
    profile = client.get(f"/innovations/{target}").get_data(as_text=True)  # the team reads it
    assert f'href="{done.headers["Location"]}"' in profile  # its history links the visit
