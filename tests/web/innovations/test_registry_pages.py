"""The registry's pages (issue 24): the list (searched, filtered, paged, each stage in words),
the register form (errors beside their fields, what was typed kept, the duplicate title on the
title), the profile (stages, team, history in words, possible duplicates and the merge that asks
first), the edit form, and a stage reached only after asking, with its signed berita acara."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, timedelta

from flask.testing import FlaskClient

from services.innovations.models import Innovation, InnovationHistory, InnovationProposal
from shared import runtime
from tests.support.pages import sign_in
from tests.support.submission import pdf_bytes, token

OPERATOR = "operator.dinkes@sipinda.test"
INNOVATOR = "inovator.dinkes@sipinda.test"
OTHER = "inovator.disdukcapil@sipinda.test"


PDF = pdf_bytes("berita acara bertanda tangan")


def unique(title: str) -> str:
    return f"{title} {uuid.uuid4().hex[:6]}"


def register(client: FlaskClient, csrf: str, **fields: object) -> str:
    """Post the register form; the new innovation's page path."""
    data = {"csrf_token": csrf, "stage": "inisiatif", **fields}
    reply = client.post("/innovations/new", data=data)
    assert reply.status_code == 303, reply.get_data(as_text=True)[:2000]
    return reply.headers["Location"]


def test_a_registered_innovation_is_listed_with_its_stage_in_words(client: FlaskClient) -> None:
    csrf = sign_in(client, OPERATOR)
    title = unique("Posyandu Keliling")
    path = register(client, csrf, title=title, urusan=["Kesehatan"], kind="Digital",
                    sdgs=["3"], public="1", started_on="2025-02-01")  # fmt: skip
    page = client.get(path).get_data(as_text=True)
    assert title in page
    assert "Inisiatif" in page
    assert "inisiatif</" not in page
    assert "Inovasi didaftarkan oleh" in page  # the history in words, not its key
    listed = client.get("/innovations?q=" + title.split()[-1]).get_data(as_text=True)
    assert title in listed
    assert "Inisiatif, 1 Februari 2025" in listed
    assert "Daftarkan inovasi" in listed
    filtered = client.get("/innovations?stage=penerapan&q=" + title.split()[-1])
    assert title not in filtered.get_data(as_text=True)
    by_urusan = client.get("/innovations?urusan=Kesehatan&year=2025&q=" + title.split()[-1])
    assert title in by_urusan.get_data(as_text=True)
    english = client.get(
        "/innovations?q=" + title.split()[-1], headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "Initiative" in english


def test_bad_input_is_shown_beside_each_field_and_kept(client: FlaskClient) -> None:
    csrf = sign_in(client, OPERATOR)
    reply = client.post("/innovations/new", data={"csrf_token": csrf, "title": "x",
                                                  "summary": "Ringkasan yang tetap ada",
                                                  "kind": "Analog", "stage": "inisiatif",
                                                  "started_on": "2099-01-01"})  # fmt: skip
    assert reply.status_code == 422
    page = reply.get_data(as_text=True)
    assert 'id="title-error"' in page
    assert "paling sedikit 3 karakter" in page
    assert 'id="kind-error"' in page
    assert 'id="started_on-error"' in page
    assert "Ringkasan yang tetap ada" in page


def test_the_same_title_is_refused_on_the_title_field(client: FlaskClient) -> None:
    csrf = sign_in(client, OPERATOR)
    title = unique("Satu Data Gizi")
    register(client, csrf, title=title)
    again = client.post("/innovations/new", data={"csrf_token": csrf, "title": title.upper(),
                                                  "stage": "inisiatif"})  # fmt: skip
    assert again.status_code == 422
    page = again.get_data(as_text=True)
    assert re.search(r'id="title-error">[^<]*judul yang sama', page)


def test_an_evaluator_may_not_register(client: FlaskClient) -> None:
    sign_in(client, "evaluator.praktisi@sipinda.test")
    assert client.get("/innovations/new").status_code == 403


def test_another_agency_neither_sees_nor_edits_the_innovation(client: FlaskClient) -> None:
    csrf = sign_in(client, OPERATOR)
    path = register(client, csrf, title=unique("Rahasia Dinkes"))
    client.post("/logout", data={"csrf_token": csrf})
    other = sign_in(client, OTHER)
    assert client.get(path).status_code == 404
    assert client.get(path + "/edit").status_code == 404
    reply = client.post(path + "/edit", data={"csrf_token": other, "title": "Milik kami"})
    assert reply.status_code == 404


def test_the_profile_is_edited_and_a_verifier_may_not(client: FlaskClient) -> None:
    csrf = sign_in(client, OPERATOR)
    path = register(client, csrf, title=unique("Klinik Sehat"))
    form = client.get(path + "/edit").get_data(as_text=True)
    assert "Ubah profil inovasi" in form
    new_title = unique("Klinik Sehat Baru")
    reply = client.post(path + "/edit", data={"csrf_token": csrf, "title": new_title,
                                              "results": "Antrian turun"})  # fmt: skip
    assert reply.status_code == 303
    page = client.get(path).get_data(as_text=True)
    assert "Klinik Sehat Baru" in page
    assert "Antrian turun" in page
    assert "diubah oleh" in page
    client.post("/logout", data={"csrf_token": csrf})
    sign_in(client, "verifikator@sipinda.test")
    assert client.get(path).status_code == 200
    assert client.get(path + "/edit").status_code == 403


def _stage_post(client: FlaskClient, path: str, csrf: str, **fields: object) -> str:
    data = {"csrf_token": csrf, **fields}
    return client.post(path + "/stage", data=data, content_type="multipart/form-data").get_data(
        as_text=True
    )


def test_a_stage_is_recorded_only_after_asking_with_its_signed_berita_acara(
    client: FlaskClient,
) -> None:
    csrf = sign_in(client, INNOVATOR)
    path = register(client, csrf, title=unique("Jemput Bola KTP"))
    innovation_id = int(path.rsplit("/", 1)[1])
    day = (date.today() - timedelta(days=3)).isoformat()
    missing = client.post(path + "/stage", content_type="multipart/form-data",
                          data={"csrf_token": csrf, "stage": "uji_coba", "on": day})  # fmt: skip
    assert missing.status_code == 422
    assert 'id="berita_acara-error"' in missing.get_data(as_text=True)
    asked = _stage_post(client, path, csrf, stage="uji_coba", on=day,
                        berita_acara=(io.BytesIO(PDF), "ba.pdf"))  # fmt: skip
    assert "Catat tahapan baru?" in asked
    assert "Tahapan tidak dapat dikembalikan" in asked
    with runtime.database("innovations").session() as s:
        row = s.get(Innovation, innovation_id)
        assert row is not None
        assert row.stage == "inisiatif"  # nothing changed yet
    evidence = re.search(r'name="evidence_id" value="(\d+)"', asked)
    assert evidence
    done = client.post(path + "/stage", data={"csrf_token": csrf, "confirm": "yes",
                                              "stage": "uji_coba", "on": day,
                                              "evidence_id": evidence.group(1)})  # fmt: skip
    assert done.status_code == 303
    page = client.get(path).get_data(as_text=True)
    assert "Tahap Uji coba sejak" in page
    assert "Berita acara bertanda tangan" in page
    signed = re.search(r'href="(/innovations/\d+/berita-acara/\d+)"', page)
    assert signed
    assert client.get(signed.group(1)).data == PDF
    # never backwards, and penerapan is not skipped to by an innovator
    back = _stage_post(client, path, csrf, stage="uji_coba", on=day,
                       berita_acara=(io.BytesIO(PDF), "ba.pdf"))  # fmt: skip
    assert "hanya bisa maju" in back


def test_the_innovator_may_not_skip_the_trial_but_the_admin_records_both(
    client: FlaskClient,
) -> None:
    csrf = sign_in(client, INNOVATOR)
    path = register(client, csrf, title=unique("Lompat Tahap"))
    day = (date.today() - timedelta(days=1)).isoformat()
    refused = client.post(path + "/stage", content_type="multipart/form-data", data={
        "csrf_token": csrf, "stage": "penerapan", "on": day,
        "berita_acara": (io.BytesIO(PDF), "ba.pdf")})  # fmt: skip
    assert refused.status_code == 409
    assert "Catat uji coba lebih dulu" in refused.get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf})
    admin = sign_in(client, "admin@sipinda.test")
    trial = (date.today() - timedelta(days=30)).isoformat()
    asked = client.post(path + "/stage", content_type="multipart/form-data", data={
        "csrf_token": admin, "stage": "penerapan", "on": day, "trial_on": trial,
        "berita_acara": (io.BytesIO(PDF), "ba.pdf")}).get_data(as_text=True)  # fmt: skip
    evidence = re.search(r'name="evidence_id" value="(\d+)"', asked)
    assert evidence, asked[:3000]
    done = client.post(path + "/stage", data={"csrf_token": admin, "confirm": "yes",
                                              "stage": "penerapan", "on": day, "trial_on": trial,
                                              "evidence_id": evidence.group(1)})  # fmt: skip
    assert done.status_code == 303
    page = client.get(path).get_data(as_text=True)
    assert "Uji coba sejak" in page
    assert "penerapan sejak" in page


def test_a_possible_duplicate_is_offered_and_merged_after_asking(client: FlaskClient) -> None:
    csrf = sign_in(client, OPERATOR)
    word = uuid.uuid4().hex[:6]
    first = register(client, csrf, title=f"Sistem Antrian Puskesmas {word}")
    second = register(client, csrf, title=f"Sistem Antrian Puskesmas {word} Online")
    first_id, second_id = int(first.rsplit("/", 1)[1]), int(second.rsplit("/", 1)[1])
    proposal_id = 9_000_000 + int(word, 16) % 1_000_000
    with runtime.database("innovations").session() as s:
        s.add(InnovationProposal(proposal_id=proposal_id, innovation_id=first_id,
                                 title="Antrian", call_name="KIPP 2026"))  # fmt: skip
    page = client.get(first).get_data(as_text=True)
    assert "Mungkin inovasi yang sama" in page
    assert "Online" in page
    merge = f"{first}/proposals/{proposal_id}/merge?into={second_id}"
    assert merge.replace("?", "?") in page.replace("&amp;", "&")
    asked = client.get(merge).get_data(as_text=True)
    assert "Pindahkan tautan proposal?" in asked
    done = client.post(f"{first}/proposals/{proposal_id}/merge",
                       data={"csrf_token": csrf, "confirm": "yes", "into": second_id})  # fmt: skip
    assert done.status_code == 303
    with runtime.database("innovations").session() as s:
        link = s.get(InnovationProposal, proposal_id)
        assert link is not None
        assert link.innovation_id == second_id
        kinds = [h.kind for h in s.query(InnovationHistory).filter_by(innovation_id=first_id)]
        assert "unlinked" in kinds
    assert "dipindahkan ke inovasi ini" in client.get(second).get_data(as_text=True)


def test_an_unknown_history_kind_reads_as_a_sentence(client: FlaskClient) -> None:
    csrf = sign_in(client, OPERATOR)
    path = register(client, csrf, title=unique("Riwayat Aneh"))
    with runtime.database("innovations").session() as s:
        s.add(InnovationHistory(innovation_id=int(path.rsplit("/", 1)[1]), kind="sesuatu_baru",
                                detail={}))  # fmt: skip
        s.add(InnovationHistory(innovation_id=int(path.rsplit("/", 1)[1]), kind="decision",
                                detail={"proposal_id": 5, "call_id": 3, "decision": "winner",
                                        "rank": 1}))  # fmt: skip
    page = client.get(path).get_data(as_text=True)
    assert "Catatan lain tentang inovasi ini." in page
    assert "sesuatu_baru" not in page
    assert "Pemenang di Kompetisi #3, peringkat 1 (proposal #5)." in page


def test_the_api_edits_and_moves_the_stage_with_the_signed_file(client: FlaskClient) -> None:
    headers = token(client, INNOVATOR)
    made = client.post("/api/v1/innovations", headers=headers, json={"title": unique("API Tahap")})
    assert made.status_code == 201
    innovation_id = made.json["id"]
    body = {"title": unique("API Tahap Baru"), "results": "Lebih cepat", "public": True}
    changed = client.put(f"/api/v1/innovations/{innovation_id}", headers=headers, json=body)
    assert changed.status_code == 200, changed.json
    assert (changed.json["results"], changed.json["stage"]) == ("Lebih cepat", "inisiatif")
    stranger = token(client, OTHER)
    hidden = client.put(f"/api/v1/innovations/{innovation_id}", headers=stranger, json=body)
    assert hidden.status_code == 404
    day = (date.today() - timedelta(days=2)).isoformat()
    path = f"/api/v1/innovations/{innovation_id}/stage"
    unsigned = client.post(path, headers=headers, data={"stage": "uji_coba", "on": day})
    assert unsigned.status_code == 422
    assert "berita_acara" in unsigned.json["error"]["fields"]
    moved = client.post(path, headers=headers, content_type="multipart/form-data",
                        data={"stage": "uji_coba", "on": day,
                              "berita_acara": (io.BytesIO(PDF), "ba.pdf")})  # fmt: skip
    assert moved.status_code == 200, moved.json
    assert (moved.json["stage"], moved.json["trial_on"]) == ("uji_coba", day)
    back = client.post(path, headers=headers, content_type="multipart/form-data",
                       data={"stage": "inisiatif", "on": day,
                             "berita_acara": (io.BytesIO(PDF), "ba.pdf")})  # fmt: skip
    assert back.status_code == 409
    with runtime.database("innovations").session() as s:
        kinds = [h.kind for h in s.query(InnovationHistory).filter_by(innovation_id=innovation_id)]
    assert kinds.count("stage_changed") == 1
