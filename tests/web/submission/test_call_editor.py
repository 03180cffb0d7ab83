"""The call editor without JavaScript: a new call from each starting point, rows added, removed and
moved by the form's own buttons, every rule refused beside its field (in Indonesian and English)
with what was typed kept, an edit that asks its reason and makes a version, and the call page
listing its versions with the proposals submitted under each."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from services.submission import clock
from tests.support.forms import form_values
from tests.support.pages import sign_in
from tests.support.submission import OPENS, complete_proposal, definition, make_call, token

FORM = "call-form"


def text(reply: Any) -> str:
    return str(reply.get_data(as_text=True))


@pytest.fixture
def csrf(client: FlaskClient) -> str:
    return sign_in(client, "admin@sipinda.test")


def open_form(client: FlaskClient, query: str, **headers: str) -> dict[str, str]:
    reply = client.get(f"/calls/new?{query}", headers=headers)
    assert reply.status_code == 200
    return form_values(text(reply), FORM)


def post(client: FlaskClient, url: str, values: dict[str, str], action: str = "save",
         **headers: str) -> Any:  # fmt: skip
    return client.post(url, data={**values, "action": action}, headers=headers)


def saved_definition(client: FlaskClient, reply: Any) -> dict[str, Any]:
    assert reply.status_code == 302, text(reply)[:3000]
    call_id = int(reply.headers["Location"].rsplit("/", 1)[1])
    admin = token(client, "admin@sipinda.test")
    found = client.get(f"/api/v1/calls/{call_id}", headers=admin).json
    return dict(found["definition"])


def demo_call_id(client: FlaskClient) -> int:
    admin = token(client, "admin@sipinda.test")
    year = datetime.now().year
    calls = client.get("/api/v1/calls", headers=admin).json
    return int(next(c["id"] for c in calls if c["name"].endswith(f"Cilegon {year}")))


# --- starting points -------------------------------------------------------------------------


def test_new_call_offers_the_templates_and_a_copy_of_an_earlier_call(
    client: FlaskClient, csrf: str
) -> None:
    page = text(client.get("/calls/new"))
    for start in ("kipp-kemendagri", "kipp-2023-umum", "kemendagri-profil", "copy"):
        assert f'name="start" value="{start}"' in page
    assert "KIPP 2023 kelompok umum" in page
    assert "Kompetisi Inovasi Daerah Kota Cilegon" in page  # a call to copy
    assert client.get("/calls/new?start=nope").status_code == 422


@pytest.mark.parametrize(
    ("start", "aspects", "profile"),
    [("kipp-2023-umum", 8, 0), ("kipp-kemendagri", 8, 12), ("kemendagri-profil", 1, 12)],
)
def test_a_new_call_from_a_template_is_saved(
    client: FlaskClient, csrf: str, start: str, aspects: int, profile: int
) -> None:
    values = open_form(client, f"start={start}")
    assert values["csrf_token"] == csrf
    if start == "kemendagri-profil":  # a profile alone: the admin writes the one aspect
        assert values["aspects-0-title"] == ""
        values |= {"aspects-0-title": "Dampak bagi masyarakat", "aspects-0-weight": "100"}
    values["name"] = f"Lomba dari {start}"
    saved = saved_definition(client, post(client, "/calls/new", values))
    assert (len(saved["aspects"]), len(saved["profile"])) == (aspects, profile)
    assert saved["name"] == f"Lomba dari {start}"
    if start != "kemendagri-profil":
        assert [a["weight"] for a in saved["aspects"]] == [0, 0.1, 0.15, 0.05, 0.3, 0.2, 0.05, 0.15]
        assert saved["aspects"][0]["scored"] is False
        assert saved["bands"][0] == {
            "low": 1,
            "high": 3,
            "label": "Kurang",
            "description": "Uraian tidak menjawab aspek atau tanpa data pendukung.",
        }
    else:
        assert saved["aspects"][0]["key"] == "dampak_bagi_masyarakat"  # made from the title


def test_a_copy_of_last_years_call_moves_its_dates_a_year(client: FlaskClient, csrf: str) -> None:
    demo = demo_call_id(client)
    values = open_form(client, f"start=copy&source={demo}")
    year = datetime.now().year
    assert values["name"] == f"Kompetisi Inovasi Daerah Kota Cilegon {year + 1}"
    assert values["year"] == str(year + 1)
    assert values["opens_at"].startswith(f"{year + 1}-01-01T00:00")
    saved = saved_definition(client, post(client, "/calls/new", values))
    assert saved["closes_at"].startswith(f"{year + 1}-12-31T23:59:59")
    assert len(saved["profile"]) == 12


# --- rules beside their fields ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "total", "message"),
    [
        ("id", "Jumlah bobot: 120 % — harus 100 %",
         "Jumlah bobot aspek yang dinilai 120 %, harus tepat 100 %."),
        ("en", "Total of the weights: 120 % — must be 100 %",
         "The scored aspects&#39; weights total 120 %; they must total exactly 100 %."),
    ],
)  # fmt: skip
def test_weights_of_120_percent_are_refused_beside_the_weights_keeping_what_was_typed(
    client: FlaskClient, csrf: str, language: str, total: str, message: str
) -> None:
    values = open_form(client, "start=kipp-2023-umum")
    values |= {"aspects-1-weight": "30", "name": "Lomba <b>bobot</b>"}  # 10 % → 30 %: 120 %
    refused = post(client, "/calls/new", values, **{"Accept-Language": language})
    assert refused.status_code == 422
    page = text(refused)
    weights = page[page.index('id="weights"') : page.index('value="add-aspects"')]
    assert total in weights
    assert f'<p class="field-error" id="weights-error">{message}</p>' in weights
    assert '<a href="#weights">' in page  # the summary at the top links to it
    kept = form_values(page, FORM)
    assert (kept["aspects-1-weight"], kept["name"]) == ("30", "Lomba <b>bobot</b>")
    assert "Lomba &lt;b&gt;bobot&lt;/b&gt;" in page
    assert "callform." not in page
    assert "field." not in page
    if language == "en":
        assert "Simpan" not in page
        assert "Jumlah" not in page
    values["aspects-1-weight"] = "10"
    assert (
        saved_definition(client, post(client, "/calls/new", values))["aspects"][1]["weight"] == 0.1
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_rule_is_shown_beside_its_field(client: FlaskClient, csrf: str, language: str) -> None:
    values = open_form(client, "start=kipp-kemendagri")
    values |= {
        "closes_at": "2020-01-01T00:00",  # before it opens
        "aspects-2-min_words": "500",
        "aspects-2-max_words": "100",
        "aspects-3-title": values["aspects-2-title"],  # the same title twice
        "bands-1-low": "2",  # overlaps 1–3
        "profile-0-options": "",  # a choice without options
        "evaluators_per_proposal": "tiga",
        "aspects-0-weight": "5",  # the summary is not scored
    }
    refused = post(client, "/calls/new", values, **{"Accept-Language": language})
    assert refused.status_code == 422
    page = text(refused)
    for name in ("closes_at", "aspects-2-max_words", "aspects-3-title", "bands-1-low",
                 "profile-0-options", "evaluators_per_proposal", "aspects-0-weight"):  # fmt: skip
        assert re.search(rf'id="{name}"[^>]*aria-describedby="[^"]*{name}-error"', page), name
        assert f'<p class="field-error" id="{name}-error">' in page, name
        assert f'<a href="#{name}">' in page, name
    assert form_values(page, FORM)["evaluators_per_proposal"] == "tiga"
    if language == "en":
        assert "The closing time must be after the opening time." in page
        assert "Aspect 3 · At most (words)" in page  # the summary names the row and field
    else:
        assert "Waktu ditutup harus sesudah waktu dibuka." in page
        assert "Aspek 3 · Paling banyak (kata)" in page


# --- rows without JavaScript -----------------------------------------------------------------


def test_rows_are_added_removed_and_moved_by_the_forms_buttons(
    client: FlaskClient, csrf: str
) -> None:
    values = open_form(client, "start=kipp-2023-umum")
    added = post(client, "/calls/new", values, "add-aspects")
    assert added.status_code == 200
    values = form_values(text(added), FORM)
    assert values["aspects-8-title"] == ""
    assert values["aspects-8-scored"] == "1"
    assert re.search(r'id="aspects-8-title"[^>]*autofocus', text(added))
    values |= {"aspects-8-title": "Kolaborasi", "aspects-8-weight": "5",
               "aspects-7-weight": "10"}  # fmt: skip
    moved = form_values(text(post(client, "/calls/new", values, "up-aspects-8")), FORM)
    assert (moved["aspects-7-title"], moved["aspects-8-title"]) == (
        "Kolaborasi", "Strategi Keberlanjutan")  # fmt: skip
    down = form_values(text(post(client, "/calls/new", moved, "down-aspects-0")), FORM)
    assert down["aspects-1-title"] == "Ringkasan"
    removed = form_values(text(post(client, "/calls/new", down, "remove-aspects-1")), FORM)
    assert "Ringkasan" not in [v for k, v in removed.items() if k.endswith("-title")]
    removed["name"] = "Lomba baris"
    band = form_values(text(post(client, "/calls/new", removed, "add-bands")), FORM)
    assert band["bands-4-label"] == ""
    band |= {"bands-4-low": "0", "bands-4-high": "0", "bands-4-label": "Tidak dinilai"}
    refused = post(client, "/calls/new", band)  # 0 lies before the band 1–3
    assert refused.status_code == 422
    band = form_values(text(post(client, "/calls/new", band, "remove-bands-4")), FORM)
    saved = saved_definition(client, post(client, "/calls/new", band))
    assert [a["title"] for a in saved["aspects"]][-2:] == ["Kolaborasi", "Strategi Keberlanjutan"]
    assert saved["aspects"][-2]["key"] == "kolaborasi"
    assert len(saved["bands"]) == 4


# --- editing and versions --------------------------------------------------------------------


@pytest.fixture
def clock_in_call(monkeypatch: pytest.MonkeyPatch) -> Callable[[], datetime]:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))
    return clock.now


def test_an_edit_asks_its_reason_keeps_keys_and_the_page_lists_versions(
    client: FlaskClient, csrf: str, clock_in_call: Callable[[], datetime]
) -> None:
    admin = token(client, "admin@sipinda.test")
    call_id = make_call(client, admin, name="Lomba Versi")
    innovator = token(client, "inovator.dinkes@sipinda.test")
    proposal_id = complete_proposal(client, innovator, call_id, "Usulan versi satu")
    submitted = client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=innovator)
    assert submitted.status_code == 202
    values = form_values(text(client.get(f"/calls/{call_id}/edit")), FORM)
    assert values["aspects-1-weight"] == "100"
    assert values["aspects-1-key"] == "uraian"
    values["aspects-1-title"] = "Uraian inovasi"  # a new title, the same key
    refused = post(client, f"/calls/{call_id}/edit", values)
    assert refused.status_code == 422
    assert '<p class="field-error" id="reason-error">' in text(refused)
    assert form_values(text(refused), FORM)["aspects-1-title"] == "Uraian inovasi"
    values["reason"] = "Judul aspek diperjelas"
    edited = post(client, f"/calls/{call_id}/edit", values)
    assert edited.status_code == 302
    found = client.get(f"/api/v1/calls/{call_id}", headers=admin).json
    assert found["version_no"] == 2
    assert [(a["key"], a["title"]) for a in found["definition"]["aspects"]][1] == (
        "uraian", "Uraian inovasi")  # fmt: skip
    page = text(client.get(f"/calls/{call_id}"))
    versions = page[page.index('id="versions"') :]
    rows = re.findall(r"<tr><td>(\d+).*?</td><td>.*?</td><td>(.*?)</td><td[^>]*>(.*?)</td>\s*"
                      r"<td>(?:<a [^>]*>)?(\d+)", versions, re.S)  # fmt: skip
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("2", "Judul aspek diperjelas", "0"), ("1", "–", "1")]  # fmt: skip
    assert rows[0][1] != "–"  # who made it


def test_the_api_refuses_weights_that_do_not_total_100(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    heavy = definition()
    heavy["aspects"][1]["weight"] = 1.2
    assert client.post("/api/v1/calls", json=heavy, headers=admin).status_code == 422
    scored_without_weight = definition()
    scored_without_weight["aspects"][0]["scored"] = True
    reply = client.post("/api/v1/calls", json=scored_without_weight, headers=admin)
    assert reply.status_code == 422


@pytest.mark.parametrize("action", ["up-aspects", "remove-aspects-99", "down-aspects-7", "add-x"])
def test_a_row_action_out_of_range_shows_the_form_again(
    client: FlaskClient, csrf: str, action: str
) -> None:
    values = open_form(client, "start=kipp-2023-umum")
    reply = post(client, "/calls/new", values, action)
    assert reply.status_code in {200, 422}
    assert form_values(text(reply), FORM)["aspects-7-title"] == "Strategi Keberlanjutan"


def test_profile_fields_attachments_and_the_checklist_are_rows_of_the_form(
    client: FlaskClient, csrf: str
) -> None:
    values = open_form(client, "start=kipp-2023-umum")
    values = form_values(text(post(client, "/calls/new", values, "add-profile")), FORM)
    values |= {
        "profile-0-label": "Mitra kerja sama",
        "profile-0-kind": "choices",
        "profile-0-options": "Swasta\r\nPerguruan tinggi\r\n",
        "profile-0-max_words": "20",
    }
    values = form_values(text(post(client, "/calls/new", values, "add-profile")), FORM)
    values |= {"profile-1-label": "Mulai diterapkan", "profile-1-kind": "date"}
    values = form_values(text(post(client, "/calls/new", values, "add-attachments")), FORM)
    values |= {"attachments-0-label": "Surat keputusan tim"}
    values.pop("attachments-0-required")  # optional
    values |= {"name": "Lomba profil", "review": "blind", "evaluators_per_proposal": "2"}
    values.pop("reveal_scores")
    saved = saved_definition(client, post(client, "/calls/new", values))
    assert saved["profile"][0]["options"] == ["Swasta", "Perguruan tinggi"]
    assert (saved["profile"][0]["key"], saved["profile"][0]["kind"]) == (
        "mitra_kerja_sama",
        "choices",
    )
    assert saved["profile"][0]["max_words"] == 20
    assert saved["attachments"] == [
        {"key": "surat_keputusan_tim", "label": "Surat keputusan tim", "required": False}
    ]
    assert (saved["blind"], saved["reveal_scores"], saved["evaluators_per_proposal"]) == (
        True, False, 2)  # fmt: skip
    # The checklist reads the date and the decree from rows the call has, chosen by their names.
    assert (saved["check"]["started_field"], saved["check"]["decree_attachment"]) == (None, None)
    admin = token(client, "admin@sipinda.test")
    call_id = next(c["id"] for c in client.get("/api/v1/calls", headers=admin).json
                   if c["name"] == "Lomba profil")  # fmt: skip
    page = text(client.get(f"/calls/{call_id}/edit"))
    assert '<option value="mulai_diterapkan">Mulai diterapkan</option>' in page
    assert '<option value="surat_keputusan_tim">Surat keputusan tim</option>' in page
    values = form_values(page, FORM)
    values |= {
        "check-started_field": "mulai_diterapkan",
        "check-decree_attachment": "surat_keputusan_tim",
        "reason": "Daftar periksa",
    }
    assert post(client, f"/calls/{call_id}/edit", values).status_code == 302
    check = client.get(f"/api/v1/calls/{call_id}", headers=admin).json["definition"]["check"]
    assert (check["started_field"], check["decree_attachment"]) == (
        "mulai_diterapkan", "surat_keputusan_tim")  # fmt: skip


def test_uji_publik_and_its_days_are_set_in_the_form_and_a_bad_number_is_told_beside_it(
    client: FlaskClient, csrf: str
) -> None:
    values = open_form(client, "start=kipp-2023-umum")
    assert "public_objection" not in values  # off unless ticked
    assert values["objection_days"] == "5"
    values |= {"name": "Lomba uji publik", "public_objection": "1", "objection_days": "0"}
    refused = post(client, "/calls/new", values)
    assert refused.status_code == 422
    assert 'id="objection_days-error"' in text(refused)
    saved = saved_definition(client, post(client, "/calls/new", {**values, "objection_days": "7"}))
    assert (saved["public_objection"], saved["objection_days"]) == (True, 7)
