"""The verifier's desk (issue 21): the list filtered by status, agency, category and group in
words, a search over the proposals' text, the counts; the third verdict, refuse as ineligible,
with its state, event, audit entry, timeline line and mail; and the bulk pass and return, which
change nothing until confirmed and then check each proposal on its own."""

from __future__ import annotations

import html
import re
import uuid
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from services.notifications import composer
from services.notifications.drafting import drafts_for
from services.submission import clock
from services.submission.models import AuditEntry, CheckRecord
from shared import runtime
from shared.events import ProposalRefused
from tests.support.pages import csrf_of, sign_in
from tests.support.submission import OPENS, complete_body, events, make_call, pdf_bytes, token
from tests.support.submission import upload as upload_file

VERIFIER = "verifikator@sipinda.test"
INNOVATOR = "inovator.dinkes@sipinda.test"


def text(reply: Any) -> str:
    return html.unescape(reply.get_data(as_text=True))


@pytest.fixture
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


@pytest.fixture
def call_id(client: FlaskClient, in_the_call: None) -> int:
    return make_call(
        client, token(client, "admin@sipinda.test"), name=f"Lomba Meja {uuid.uuid4().hex[:6]}",
        categories=["Pelayanan publik", "Tata kelola"], groups=["OPD", "Masyarakat"],
    )  # fmt: skip


def submitted(
    client: FlaskClient, call_id: int, title: str, *, uraian: str = "Petugas datang ke rumah.",
    category: str = "Pelayanan publik", group: str = "Masyarakat",
) -> int:  # fmt: skip
    """A complete proposal of the innovator in `call_id`, submitted."""
    headers = token(client, INNOVATOR)
    body = complete_body(call_id, title)
    body["sections"]["uraian"] = uraian
    body["category"] = category
    body["group"] = group
    made = client.post("/api/v1/proposals", json=body, headers=headers)
    assert made.status_code == 201, made.json
    proposal_id = int(made.json["id"])
    for kind in ("sk_inovator", "aspect:uraian"):
        assert upload_file(client, headers, proposal_id, kind, pdf_bytes()).status_code == 201
    sent = client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=headers)
    assert sent.status_code == 202, sent.json
    return proposal_id


def listed(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<td><a href="/proposals/(\d+)">', page)]


def status_of(client: FlaskClient, proposal_id: int) -> str:
    reply = client.get(f"/api/v1/proposals/{proposal_id}", headers=token(client, VERIFIER))
    return str(reply.json["status"])


# --- filters, search, counts -----------------------------------------------------------------


def test_the_list_filters_by_category_and_group_in_words_and_counts_each_status(
    client: FlaskClient, call_id: int
) -> None:
    word = f"meja{uuid.uuid4().hex[:8]}"
    a = submitted(client, call_id, f"Layanan {word} A", group="OPD")
    b = submitted(client, call_id, f"Layanan {word} B", category="Tata kelola")
    sign_in(client, VERIFIER)
    page = text(client.get(f"/proposals?call_id={call_id}"))
    assert '<option value="Tata kelola" >Tata kelola</option>' in page  # a word, not a code
    assert '<option value="Masyarakat" >Masyarakat</option>' in page
    assert '<option value="dinkes" >Dinas Kesehatan</option>' in page  # the agency by name
    assert "Ditemukan 2 proposal" in page
    assert ">Terkirim (2)</option>" in page
    # The summary line: each status with its count, a link to the list of that status.
    assert f'<a href="/proposals?status=submitted&call_id={call_id}">Terkirim: 2</a>' in page
    assert listed(text(client.get(f"/proposals?call_id={call_id}&category=Tata+kelola"))) == [b]
    assert listed(text(client.get(f"/proposals?call_id={call_id}&group=OPD"))) == [a]
    api = client.get(
        f"/api/v1/proposals?call_id={call_id}&group=OPD", headers=token(client, VERIFIER)
    )
    assert [p["id"] for p in api.json] == [a]  # the API and the spreadsheet filter the same
    none = text(client.get(f"/proposals?call_id={call_id}&opd_code=disdik"))
    assert listed(none) == []
    assert "Ditemukan 0 proposal" in none
    english = text(client.get(f"/proposals?call_id={call_id}", headers={"Accept-Language": "en"}))
    assert "Proposals found: 2" in english
    assert ">Submitted (2)</option>" in english


def test_the_search_reads_the_aspects_text_whatever_the_case_and_accents(
    client: FlaskClient, call_id: int
) -> None:
    word = f"posyandu{uuid.uuid4().hex[:8]}"
    found = submitted(client, call_id, "Judul Biasa Saja", uraian=f"Kader {word} mendatangi café")
    submitted(client, call_id, "Judul Lain Sama Sekali")
    sign_in(client, VERIFIER)
    assert listed(text(client.get(f"/proposals?q={word.upper()}"))) == [found]
    # Every word must be found, in any order, accents ignored.
    assert listed(text(client.get(f"/proposals?q=CAFE+{word}+kader"))) == [found]
    assert listed(text(client.get(f"/proposals?q={word}+tidakada"))) == []


def test_a_word_of_two_characters_is_looked_for_in_the_titles_only(
    client: FlaskClient, call_id: int
) -> None:
    tag = uuid.uuid4().hex[:8]
    titled = submitted(client, call_id, f"Layanan KB Keliling {tag}")
    other = submitted(client, call_id, f"Judul Lain {tag}", uraian="Kader kb datang ke rumah warga")
    sign_in(client, VERIFIER)
    page = text(client.get(f"/proposals?q=kb+{tag}"))
    assert listed(page) == [titled]
    assert "Kata 1–2 huruf (kb) hanya dicari di judul dan perangkat daerah" in page  # said
    english = text(client.get(f"/proposals?q=kb+{tag}", headers={"Accept-Language": "en"}))
    assert "Words of 1–2 letters (kb) are looked for in titles and agencies only" in english
    assert "Kata 1–2 huruf" not in text(client.get(f"/proposals?q={tag}"))
    # Query syntax of the index is text like any other: no error, and neither proposal (their
    # titles hold none of it; another test's title may).
    for typed in ('"', f'{tag}" OR "x', "*:-^", "%_%"):
        reply = client.get("/proposals", query_string={"q": typed})
        assert reply.status_code == 200
        assert {titled, other}.isdisjoint(listed(reply.get_data(as_text=True)))


# --- refuse as ineligible --------------------------------------------------------------------


def test_refusing_needs_a_reason_kept_beside_its_field(client: FlaskClient, call_id: int) -> None:
    proposal_id = submitted(client, call_id, f"Tolak Kosong {uuid.uuid4().hex[:6]}")
    csrf = sign_in(client, VERIFIER)
    page = text(client.get(f"/proposals/{proposal_id}"))
    assert "Tolak — tidak memenuhi syarat" in page
    refused = client.post(
        f"/proposals/{proposal_id}/check",
        data={"csrf_token": csrf, "decision": "refuse", "reason": " ", "note": "catatan saya"},
    )
    assert refused.status_code == 422
    body = text(refused)
    assert 'id="reason-error">Tuliskan alasan penolakan; inovator akan membacanya.' in body
    assert status_of(client, proposal_id) == "submitted"


def test_refusing_is_final_with_its_event_audit_timeline_and_mail(
    client: FlaskClient, call_id: int
) -> None:
    title = f"Tidak Layak {uuid.uuid4().hex[:6]}"
    proposal_id = submitted(client, call_id, title)
    csrf = sign_in(client, VERIFIER)
    reason = "Inovasi belum diterapkan paling sedikit satu tahun."
    refused = client.post(
        f"/proposals/{proposal_id}/check",
        data={"csrf_token": csrf, "decision": "refuse", "reason": reason},
    )
    assert refused.status_code == 302
    assert status_of(client, proposal_id) == "refused"
    page = text(client.get(f"/proposals/{proposal_id}"))
    assert "Proposal ditolak karena tidak memenuhi syarat. Inovator diberi tahu" in page
    assert '<span class="badge refused" id="status">Tidak memenuhi syarat</span>' in page
    assert f"Ditolak karena tidak memenuhi syarat (versi 1): {reason}" in page
    assert "Tolak — tidak memenuhi syarat" not in page  # no check form on a final state
    english = text(client.get(f"/proposals/{proposal_id}", headers={"Accept-Language": "en"}))
    assert f"Refused as ineligible (version 1): {reason}" in english

    [payload] = events("proposal.refused", proposal_id)
    assert (payload["reason"], payload["version_no"], payload["title"]) == (reason, 1, title)
    assert events("proposal.admitted", proposal_id) == events("proposal.returned", proposal_id)
    with runtime.database("submission").session() as s:
        record = s.scalars(select(CheckRecord).where(CheckRecord.proposal_id == proposal_id)).one()
        assert (record.verdict, record.passed, record.note) == ("refuse", False, reason)
        audit = s.scalars(
            select(AuditEntry).where(AuditEntry.target == f"proposal:{proposal_id}")
        ).one()
        assert (audit.action, audit.reason) == ("proposal.check.refuse", reason)

    again = client.post(
        f"/api/v1/proposals/{proposal_id}/check",
        json={"decision": "return", "fixes": ["Coba lagi"]},
        headers=token(client, VERIFIER),
    )
    assert again.status_code == 409  # final: no other verdict after it
    owner = token(client, INNOVATOR)
    resent = client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=owner)
    assert resent.status_code == 409

    sign_in(client, "admin@sipinda.test")
    log = text(client.get("/admin/audit?action=admin.proposal.check.refuse"))
    assert "Verifikator menolak usulan (tidak memenuhi syarat)" in log  # in words, with its why
    assert reason in log

    event = ProposalRefused.model_validate(payload)
    [draft] = drafts_for(event, "https://sipinda.example")
    assert (draft.kind.value, draft.email) == ("proposal_refused", event.innovator.email)
    indonesian = composer.render(draft.kind, "id", draft.context)
    assert indonesian.subject == f"Proposal ditolak karena tidak memenuhi syarat: {title}"
    assert reason in indonesian.text
    assert reason in indonesian.html
    assert "Keputusan ini final." in indonesian.text
    inenglish = composer.render(draft.kind, "en", draft.context)
    assert inenglish.subject == f"Proposal refused as ineligible: {title}"
    assert "This decision is final." in inenglish.text
    assert reason in inenglish.html


# --- bulk pass and return --------------------------------------------------------------------


def test_bulk_pass_asks_first_then_passes_each_and_says_so(
    client: FlaskClient, call_id: int
) -> None:
    word = f"lolos{uuid.uuid4().hex[:8]}"
    ids = [submitted(client, call_id, f"Massal {word} {n}") for n in range(3)]
    sign_in(client, VERIFIER)
    page = text(client.get(f"/proposals?q={word}"))
    csrf = csrf_of(page)
    for i in ids:
        assert f'name="ids" value="{i}"' in page
    asked = client.post(
        f"/proposals/check?q={word}",
        data={"csrf_token": csrf, "decision": "pass", "ids": [str(i) for i in ids]},
    )
    assert asked.status_code == 200
    confirm = text(asked)
    assert "3 proposal akan diloloskan:" in confirm
    assert all(f"Massal {word} {n}" in confirm for n in range(3))
    assert "Ya, loloskan 3 proposal" in confirm
    assert [status_of(client, i) for i in ids] == ["submitted"] * 3  # nothing happened yet
    assert all(events("proposal.admitted", i) == [] for i in ids)

    done = client.post(
        f"/proposals/check?q={word}",
        data={"csrf_token": csrf, "decision": "pass", "confirm": "1",
              "ids": [str(i) for i in ids]},
    )  # fmt: skip
    assert done.status_code == 303
    assert done.headers["Location"].endswith(f"/proposals?q={word}")
    assert [status_of(client, i) for i in ids] == ["admitted"] * 3
    assert all(len(events("proposal.admitted", i)) == 1 for i in ids)
    shown = text(client.get(done.headers["Location"]))
    assert f"3 proposal diloloskan: Massal {word}" in shown
    with runtime.database("submission").session() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.target.in_([f"proposal:{i}" for i in ids]))
        ).all()
    assert actions == ["proposal.check.pass"] * 3


def test_bulk_return_applies_one_fix_list_and_reports_what_failed(
    client: FlaskClient, call_id: int
) -> None:
    word = f"balik{uuid.uuid4().hex[:8]}"
    first, second = (submitted(client, call_id, f"Kembali {word} {n}") for n in range(2))
    csrf = sign_in(client, VERIFIER)
    missing = client.post(
        f"/proposals/check?q={word}",
        data={"csrf_token": csrf, "decision": "return", "ids": [str(first)], "fixes": "  "},
    )
    assert missing.status_code == 422  # the fix-list is asked for beside its field
    refused = text(missing)
    assert 'id="bulk-fixes-error">Tuliskan paling sedikit satu perbaikan' in refused
    assert f'value="{first}" id="pick-{first}" checked' in refused  # the selection is kept
    nothing = client.post(
        f"/proposals/check?q={word}", data={"csrf_token": csrf, "decision": "return", "fixes": "X"}
    )
    assert nothing.status_code == 422
    assert "Centang paling sedikit satu proposal" in text(nothing)

    fixes = "Lengkapi anggaran.\nUnggah SK terbaru."
    asked = text(client.post(
        f"/proposals/check?q={word}",
        data={"csrf_token": csrf, "decision": "return", "fixes": fixes,
              "ids": [str(first), str(second)]},
    ))  # fmt: skip
    assert "2 proposal akan dikembalikan untuk perbaikan:" in asked
    assert status_of(client, first) == "submitted"  # nothing until confirmed
    assert events("proposal.returned", first) == []
    assert "<li>Lengkapi anggaran.</li>" in asked
    assert "<li>Unggah SK terbaru.</li>" in asked
    # Meanwhile another verifier passes the second one.
    client.post(
        f"/api/v1/proposals/{second}/check",
        headers=token(client, VERIFIER),
        json={
            "decision": "pass",
            "items": dict.fromkeys(
                ("complete", "eligible_age", "decree_attached", "no_duplicate_title"), True
            ),
        },
    )
    confirm_form = re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', asked)
    done = client.post(f"/proposals/check?q={word}", data=_multi(confirm_form))
    assert done.status_code == 303
    assert status_of(client, first) == "returned"
    assert status_of(client, second) == "admitted"
    [payload] = events("proposal.returned", first)
    assert payload["fixes"] == ["Lengkapi anggaran.", "Unggah SK terbaru."]
    shown = text(client.get(done.headers["Location"]))
    assert f"1 proposal dikembalikan untuk perbaikan: Kembali {word} 0." in shown
    assert f"1 proposal tidak dapat diproses: Kembali {word} 1 (" in shown


def _multi(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    form: dict[str, list[str]] = {}
    for name, value in pairs:
        form.setdefault(name, []).append(html.unescape(value))
    return form


def test_only_a_checker_may_check_in_bulk(client: FlaskClient, call_id: int) -> None:
    proposal_id = submitted(client, call_id, f"Bukan Hak {uuid.uuid4().hex[:6]}")
    csrf = sign_in(client, INNOVATOR)
    page = text(client.get("/proposals"))
    assert 'name="ids"' not in page
    reply = client.post(
        "/proposals/check",
        data={"csrf_token": csrf, "decision": "pass", "ids": [str(proposal_id)], "confirm": "1"},
    )
    assert reply.status_code == 403
    assert status_of(client, proposal_id) == "submitted"


def test_the_confirmation_names_what_it_skips(client: FlaskClient, call_id: int) -> None:
    word = f"lewat{uuid.uuid4().hex[:8]}"
    waiting, checked = (submitted(client, call_id, f"Pilihan {word} {n}") for n in range(2))
    client.post(f"/api/v1/proposals/{checked}/check", headers=token(client, VERIFIER),
                json={"decision": "return", "fixes": ["Sudah dikembalikan"]})  # fmt: skip
    csrf = sign_in(client, VERIFIER)
    asked = text(client.post(
        "/proposals/check",
        data={"csrf_token": csrf, "decision": "pass", "ids": [str(waiting), str(checked)]},
    ))  # fmt: skip
    assert "1 proposal akan diloloskan:" in asked
    assert "1 proposal terpilih dilewati karena tidak menunggu pemeriksaan:" in asked
    assert f'Pilihan {word} 1 <span class="muted">(Perlu perbaikan)</span>' in asked
    assert f'<input type="hidden" name="ids" value="{checked}">' not in asked
    english = text(client.post(
        "/proposals/check", headers={"Accept-Language": "en"},
        data={"csrf_token": csrf, "decision": "pass", "ids": [str(waiting), str(checked)]},
    ))  # fmt: skip
    assert "Proposals to be passed: 1" in english
    assert "Yes, pass them (1)" in english
