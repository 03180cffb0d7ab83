"""The registry's API (paths kept stable by issue 24): an innovation registered directly, read
back by who may; a proposal submitted links to its innovation, made from its profile the first
time and never twice, even when the same innovation enters a second call."""

from __future__ import annotations

from flask.testing import FlaskClient

from services.innovations.models import InnovationProposal
from services.platform.registry import deliver
from shared import runtime
from tests.support.submission import complete_proposal, make_call, token

DINKES = "inovator.dinkes@sipinda.test"


def test_an_innovation_is_registered_and_read_back(client: FlaskClient) -> None:
    headers = token(client, DINKES)
    body = {"title": "Posyandu Digital Registri", "stage": "uji_coba"}
    made = client.post("/api/v1/innovations", headers=headers, json=body)
    assert made.status_code == 201, made.json
    body = made.json
    assert {"id", "title", "opd_code", "stage", "proposal_ids", "public"} <= set(body)
    assert (body["opd_code"], body["stage"], body["public"]) == ("dinkes", "uji_coba", False)
    read = client.get(f"/api/v1/innovations/{body['id']}", headers=headers)
    assert read.status_code == 200
    assert read.json["title"] == "Posyandu Digital Registri"
    listed = client.get("/api/v1/innovations?q=posyandu+digital", headers=headers)
    assert body["id"] in [i["id"] for i in listed.json]
    assert int(listed.headers["X-Total-Count"]) >= 1


def test_another_agency_neither_registers_for_dinkes_nor_reads_its_innovation(
    client: FlaskClient,
) -> None:
    dinkes = token(client, DINKES)
    made = client.post("/api/v1/innovations", headers=dinkes, json={"title": "Rahasia Dinkes"})
    other = token(client, "inovator.disdukcapil@sipinda.test")
    assert client.get(f"/api/v1/innovations/{made.json['id']}", headers=other).status_code == 404
    refused = client.post("/api/v1/innovations", headers=other,
                          json={"title": "Bukan milik kami", "opd_code": "dinkes"})  # fmt: skip
    assert refused.status_code == 403
    assert "perangkat daerah Anda sendiri" in refused.json["error"]["message"]


def test_bad_input_is_refused_with_a_message(client: FlaskClient) -> None:
    reply = client.post("/api/v1/innovations", headers=token(client, DINKES),
                        json={"title": "x", "stage": "selesai"})  # fmt: skip
    assert reply.status_code == 422


def test_a_proposal_submitted_twice_in_two_calls_links_to_one_innovation(
    client: FlaskClient,
) -> None:
    admin = token(client, "admin@sipinda.test")
    headers = token(client, DINKES)
    linked = []
    for name in ("Lomba Tautan A", "Lomba Tautan B"):
        call_id = make_call(client, admin, name=name, opens_at="2026-01-01T00:00:00")
        proposal_id = complete_proposal(client, headers, call_id, "Jemput Bola Imunisasi")
        sent = client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=headers)
        assert sent.status_code == 202, sent.json
        linked.append(proposal_id)
        deliver(("submission",))
        deliver(("submission",))  # a redelivery links nothing twice
    found = client.get("/api/v1/innovations?q=jemput+bola+imunisasi", headers=headers).json
    assert len(found) == 1
    innovation = found[0]
    assert sorted(innovation["proposal_ids"]) == sorted(linked)
    assert innovation["stage"] == "penerapan"  # from the profile's tahapan


def test_the_same_title_in_one_agency_is_refused_as_a_duplicate(client: FlaskClient) -> None:
    headers = token(client, DINKES)
    first = client.post("/api/v1/innovations", headers=headers, json={"title": "Satu Data Gizi"})
    assert first.status_code == 201
    again = client.post("/api/v1/innovations", headers=headers, json={"title": "satu  data, GIZI"})
    assert again.status_code == 409
    assert "judul yang sama" in again.json["error"]["message"]


def test_a_linked_proposal_names_its_call_and_a_later_version_of_the_call_renames_it(
    client: FlaskClient,
) -> None:
    admin = token(client, "admin@sipinda.test")
    headers = token(client, DINKES)
    call_id = make_call(client, admin, name="Lomba Nama Awal", opens_at="2026-01-01T00:00:00")
    proposal_id = complete_proposal(client, headers, call_id, "Klinik Sanitasi Keliling")
    assert (
        client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=headers).status_code == 202
    )
    deliver(("submission",))
    with runtime.database("innovations").session() as s:
        link = s.get(InnovationProposal, proposal_id)
        assert link is not None
        assert link.call_name == "Lomba Nama Awal"
    edit = client.get(f"/api/v1/calls/{call_id}", headers=admin).json
    renamed = {**edit["definition"], "name": "Lomba Nama Baru"}
    changed = client.put(f"/api/v1/calls/{call_id}", headers=admin,
                         json={"definition": renamed, "reason": "Nama resmi"})  # fmt: skip
    assert changed.status_code == 200, changed.json
    deliver(("submission",))
    with runtime.database("innovations").session() as s:
        link = s.get(InnovationProposal, proposal_id)
        assert link is not None
        assert link.call_name == "Lomba Nama Baru"
