"""Every rule of a call and of the proposal's life, through the JSON API: calls as versioned
data, word limits, required fields, the deadline to the second, extensions, the administrative
check, withdraw, versions, and the states the other services' events move a proposal to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from services.submission import access, clock, files
from services.submission import proposals as application
from services.submission.consumers import CONSUMER
from shared.events import (
    Assignee,
    DecisionMade,
    Envelope,
    Event,
    Person,
    ProposalScored,
    ReviewAssigned,
)
from shared.timezone import WIB
from tests.support.submission import (
    CLOSES,
    OPENS,
    complete_body,
    complete_proposal,
    counts,
    definition,
    events,
    make_call,
    pdf_bytes,
    token,
    upload,
)

Clock = Callable[[datetime], None]


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Set submission's clock to a moment; a day into the test call by default."""
    moment = [OPENS + timedelta(days=1)]
    monkeypatch.setattr(clock, "now", lambda: moment[0])

    def set_to(when: datetime) -> None:
        moment[0] = when

    return set_to


@pytest.fixture
def admin(client: FlaskClient) -> dict[str, str]:
    return token(client, "admin@sipinda.test")


@pytest.fixture
def innovator(client: FlaskClient) -> dict[str, str]:
    return token(client, "inovator.dinkes@sipinda.test")


@pytest.fixture
def verifier(client: FlaskClient) -> dict[str, str]:
    return token(client, "verifikator@sipinda.test")


@pytest.fixture
def call_id(client: FlaskClient, admin: dict[str, str], at: Clock) -> int:
    return make_call(client, admin)


def submit(client: FlaskClient, headers: dict[str, str], proposal_id: int) -> Any:
    return client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=headers)


# --- calls -----------------------------------------------------------------------------------


def test_the_demo_call_is_listed_with_its_form(
    client: FlaskClient, innovator: dict[str, str]
) -> None:
    calls = client.get("/api/v1/calls", headers=innovator).json
    this_year = datetime.now(WIB).year  # the seed makes the demo call of the current year
    demo = next(
        c for c in calls if c["name"] == f"Kompetisi Inovasi Daerah Kota Cilegon {this_year}"
    )
    assert demo["open"] is True
    form = client.get(f"/api/v1/calls/{demo['id']}", headers=innovator).json["definition"]
    ringkasan = form["aspects"][0]
    assert (ringkasan["key"], ringkasan["max_words"], ringkasan["weight"]) == ("ringkasan", 200, 0)
    assert [a["weight"] for a in form["aspects"][1:]] == [0.1, 0.15, 0.05, 0.3, 0.2, 0.05, 0.15]
    rancang = next(f for f in form["profile"] if f["key"] == "rancang_bangun")
    assert rancang["min_words"] == 300
    assert form["closes_at"].endswith("+07:00")
    assert client.get("/api/v1/calls/999999", headers=innovator).status_code == 404


def test_the_two_templates_are_served(client: FlaskClient, innovator: dict[str, str]) -> None:
    templates = client.get("/api/v1/call-templates", headers=innovator).json
    assert set(templates) == {"kipp-2023-umum", "kemendagri-profil"}
    kipp = templates["kipp-2023-umum"]["aspects"]
    assert [(a["title"], a["weight"]) for a in kipp][:2] == [
        ("Ringkasan", 0.0),
        ("Latar Belakang dan Tujuan", 0.1),
    ]
    profile = {f["key"]: f for f in templates["kemendagri-profil"]["profile"]}
    assert profile["rancang_bangun"]["min_words"] == 300


def test_editing_a_call_makes_a_version_and_a_submitted_proposal_keeps_its_own(
    client: FlaskClient, admin: dict[str, str], innovator: dict[str, str], call_id: int
) -> None:
    proposal_id = complete_proposal(client, innovator, call_id, "Versi Panggilan")
    assert submit(client, innovator, proposal_id).status_code == 202
    stricter = definition(
        aspects=[
            {"key": "ringkasan", "title": "Ringkasan", "max_words": 2, "scored": False},
            {"key": "uraian", "title": "Uraian", "weight": 1.0},
        ]
    )
    edited = client.put(
        f"/api/v1/calls/{call_id}", json={"definition": stricter, "reason": "Ralat"}, headers=admin
    )
    assert edited.status_code == 200
    assert edited.json["version_no"] == 2
    assert (
        client.get(f"/api/v1/proposals/{proposal_id}", headers=innovator).json["call_version"] == 1
    )
    v1 = client.get(f"/api/v1/calls/{call_id}/versions/1", headers=innovator).json
    assert v1["aspects"][0]["max_words"] == 5
    published = [e for e in events("call.published") if e["call_id"] == call_id]
    assert [e["version_no"] for e in published] == [1, 2]
    assert published[1]["aspects"][0]["max_words"] == 2
    assert published[0]["evaluators_per_proposal"] == 2
    submitted = events("proposal.submitted", proposal_id)[0]
    assert (submitted["call_id"], submitted["call_version"]) == (call_id, 1)
    assert {s["key"] for s in submitted["sections"]} >= {"ringkasan", "uraian", "tahapan"}


def test_only_the_admin_manages_calls(
    client: FlaskClient, innovator: dict[str, str], verifier: dict[str, str], at: Clock
) -> None:
    for headers in (innovator, verifier):
        assert client.post("/api/v1/calls", json=definition(), headers=headers).status_code == 403
    reply = client.post("/api/v1/calls", json={**definition(), "year": "2030x"}, headers=innovator)
    assert reply.status_code in {403, 422}


def test_a_bad_call_definition_is_422_in_the_users_language(
    client: FlaskClient, admin: dict[str, str]
) -> None:
    reply = client.post(
        "/api/v1/calls",
        json=definition(closes_at="2029-01-01T00:00:00"),
        headers={**admin, "Accept-Language": "en"},
    )
    assert reply.status_code == 422
    assert reply.json["error"]["message"] == "Some fields are not right."


# --- word limits and required fields --------------------------------------------------------


def test_a_summary_over_its_word_limit_is_refused_and_nothing_stored(
    client: FlaskClient, innovator: dict[str, str], call_id: int
) -> None:
    before = counts()
    body = complete_body(call_id, "Terlalu Panjang")
    body["sections"]["ringkasan"] = "satu dua tiga empat lima enam"
    reply = client.post("/api/v1/proposals", json=body, headers=innovator)
    assert reply.status_code == 422
    assert reply.json["error"]["fields"] == {
        "sections.ringkasan": "Paling banyak 5 kata (sekarang 6)."
    }
    english = client.post(
        "/api/v1/proposals", json=body, headers={**innovator, "Accept-Language": "en"}
    )
    assert english.json["error"]["fields"]["sections.ringkasan"] == "At most 5 words (now 6)."
    assert counts() == before
    body["sections"]["ringkasan"] = "satu dua tiga empat lima"
    assert client.post("/api/v1/proposals", json=body, headers=innovator).status_code == 201


def test_submit_needs_what_the_call_requires(
    client: FlaskClient, innovator: dict[str, str], call_id: int
) -> None:
    created = client.post(
        "/api/v1/proposals",
        json={"call_id": call_id, "title": "Belum Lengkap", "sections": {"uraian": "dua kata"}},
        headers=innovator,
    )
    assert created.status_code == 201
    proposal_id = created.json["id"]
    before = counts()
    reply = submit(client, innovator, proposal_id)
    assert reply.status_code == 422
    assert reply.json["error"]["fields"] == {
        "sections.ringkasan": "Wajib diisi.",
        "sections.uraian": "Paling sedikit 3 kata (sekarang 2).",
        "attachments.aspect:uraian": "Aspek ini memerlukan data pendukung (unggah berkas).",
        "profile.tahapan": "Wajib diisi.",
        "profile.waktu_penerapan": "Wajib diisi.",
        "attachments.sk_inovator": "Lampiran wajib ini belum diunggah.",
        "category": "Wajib diisi.",
    }
    assert counts() == before
    assert client.get(f"/api/v1/proposals/{proposal_id}", headers=innovator).json["status"] == (
        "draft"
    )


def test_unknown_call_option_and_keys_are_refused(
    client: FlaskClient, innovator: dict[str, str], call_id: int
) -> None:
    before = counts()
    cases = [
        ({"call_id": 999999}, "call_id"),
        ({"profile": {"tahapan": "Mimpi"}}, "profile.tahapan"),
        ({"sections": {"bukan_aspek": "x"}}, "sections.bukan_aspek"),
        ({"sections": {"uraian": 5}}, "sections.uraian"),
        ({"profile": {"tahapan": 5}}, "profile.tahapan"),
        ({"profile": {"tahapan": ["Uji coba"]}}, "profile.tahapan"),
        ({"sdgs": [18]}, "sdgs.0"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
    ]
    for change, field in cases:
        body = {**complete_body(call_id, "Salah Isi"), **change}
        reply = client.post("/api/v1/proposals", json=body, headers=innovator)
        assert reply.status_code == 422, change
        assert field in reply.json["error"]["fields"], reply.json
    assert counts() == before


# --- the deadline, to the second -------------------------------------------------------------


def test_deadline_one_second_before_and_after(
    client: FlaskClient, innovator: dict[str, str], call_id: int, at: Clock
) -> None:
    in_time = complete_proposal(client, innovator, call_id, "Tepat Waktu")
    late = complete_proposal(client, innovator, call_id, "Terlambat")
    last_moment = complete_proposal(client, innovator, call_id, "Detik Terakhir")
    at(CLOSES - timedelta(seconds=1))
    assert submit(client, innovator, in_time).status_code == 202
    at(CLOSES + timedelta(milliseconds=999))  # still the deadline's own second
    assert submit(client, innovator, last_moment).status_code == 202
    at(CLOSES + timedelta(seconds=1))
    before = counts()
    reply = submit(client, innovator, late)
    assert reply.status_code == 409
    assert reply.json["error"]["code"] == "deadline_passed"
    assert reply.json["error"]["message"] == "Batas waktu pengiriman sudah lewat."
    assert counts() == before
    closed = client.post(
        "/api/v1/proposals", json=complete_body(call_id, "Baru Sesudah Tutup"), headers=innovator
    )
    assert closed.status_code == 409


def test_not_before_the_call_opens(
    client: FlaskClient, innovator: dict[str, str], call_id: int, at: Clock
) -> None:
    early = complete_proposal(client, innovator, call_id, "Terlalu Awal")
    at(OPENS - timedelta(seconds=1))
    assert submit(client, innovator, early).json["error"]["code"] == "call_not_open"


def test_extensions_for_one_proposal_and_for_the_call_are_audited(
    client: FlaskClient,
    admin: dict[str, str],
    innovator: dict[str, str],
    call_id: int,
    at: Clock,
) -> None:
    favoured = complete_proposal(client, innovator, call_id, "Diperpanjang")
    other = complete_proposal(client, innovator, call_id, "Tidak Diperpanjang")
    until = (CLOSES + timedelta(hours=2)).isoformat()
    no_reason = client.post(
        f"/api/v1/proposals/{favoured}/extend", json={"until": until, "reason": ""}, headers=admin
    )
    assert no_reason.status_code == 422
    assert "reason" in no_reason.json["error"]["fields"]
    by_innovator = client.post(
        f"/api/v1/proposals/{favoured}/extend",
        json={"until": until, "reason": "Server kantor padam"},
        headers=innovator,
    )
    assert by_innovator.status_code == 403
    granted = client.post(
        f"/api/v1/proposals/{favoured}/extend",
        json={"until": until, "reason": "Server kantor padam"},
        headers=admin,
    )
    assert granted.status_code == 200
    at(CLOSES + timedelta(hours=1))
    assert submit(client, innovator, other).status_code == 409
    assert submit(client, innovator, favoured).status_code == 202
    log = client.get(f"/api/v1/audit?target=proposal:{favoured}", headers=admin).json
    assert [(e["action"], e["reason"]) for e in log] == [("proposal.extend", "Server kantor padam")]

    extended = client.post(
        f"/api/v1/calls/{call_id}/extend",
        json={"closes_at": "2030-07-07T23:59:59", "reason": "Banyak OPD meminta"},
        headers=admin,
    )
    assert extended.status_code == 200
    assert extended.json["closes_at"] == "2030-07-07T23:59:59+07:00"
    assert extended.json["version_no"] == 2
    assert submit(client, innovator, other).status_code == 202
    log = client.get(f"/api/v1/audit?target=call:{call_id}", headers=admin).json
    assert log[0]["action"] == "call.extend"
    assert log[0]["reason"] == "Banyak OPD meminta"
    assert client.get("/api/v1/audit", headers=innovator).status_code == 403


# --- the administrative check, returns, versions ---------------------------------------------


def test_check_return_fix_resubmit_pass(
    client: FlaskClient,
    innovator: dict[str, str],
    verifier: dict[str, str],
    call_id: int,
) -> None:
    proposal_id = complete_proposal(client, innovator, call_id, "Alur Pemeriksaan")
    assert submit(client, innovator, proposal_id).json["status"] == "submitted"
    assert len(events("proposal.submitted", proposal_id)) == 1
    assert events("proposal.admitted", proposal_id) == []  # waits for the verifier

    suggestion = client.get(f"/api/v1/proposals/{proposal_id}/check", headers=verifier).json
    assert suggestion["items"] == {
        "complete": True,
        "eligible_age": True,
        "decree_attached": True,
        "no_duplicate_title": True,
    }
    assert client.get(f"/api/v1/proposals/{proposal_id}/check", headers=innovator).status_code == (
        403
    )
    no_fixes = client.post(
        f"/api/v1/proposals/{proposal_id}/check", json={"decision": "return"}, headers=verifier
    )
    assert no_fixes.status_code == 422
    returned = client.post(
        f"/api/v1/proposals/{proposal_id}/check",
        json={"decision": "return", "fixes": ["Lengkapi uraian dengan data 2029."]},
        headers=verifier,
    )
    assert returned.status_code == 200
    assert returned.json["status"] == "returned"
    assert returned.json["fixes"] == ["Lengkapi uraian dengan data 2029."]
    sent = events("proposal.returned", proposal_id)
    assert sent[0]["fixes"] == ["Lengkapi uraian dengan data 2029."]

    fixed = client.patch(
        f"/api/v1/proposals/{proposal_id}",
        json={"sections": {"uraian": "Petugas datang ke rumah; data 2029 terlampir."}},
        headers=innovator,
    )
    assert fixed.status_code == 200
    assert fixed.json["sections"]["ringkasan"] == "Layanan jemput bola."  # a merge, not a reset
    again = submit(client, innovator, proposal_id)
    assert again.json == {"id": proposal_id, "status": "submitted", "version_no": 2}

    versions = client.get(f"/api/v1/proposals/{proposal_id}/versions", headers=innovator).json
    assert [v["version_no"] for v in versions] == [1, 2]
    assert versions[0]["sections"]["uraian"] == "Petugas datang ke rumah."
    assert "2029" in versions[1]["sections"]["uraian"]
    assert {a["kind"] for a in versions[1]["attachments"]} == {"sk_inovator", "aspect:uraian"}

    not_all = client.post(
        f"/api/v1/proposals/{proposal_id}/check",
        json={"decision": "pass", "items": {"complete": True}},
        headers=verifier,
    )
    assert not_all.status_code == 422
    items = dict.fromkeys(
        ("complete", "eligible_age", "decree_attached", "no_duplicate_title"), True
    )
    passed = client.post(
        f"/api/v1/proposals/{proposal_id}/check",
        json={"decision": "pass", "items": items},
        headers=verifier,
    )
    assert passed.json["status"] == "admitted"
    admitted = events("proposal.admitted", proposal_id)
    assert [a["version_no"] for a in admitted] == [2]
    twice = client.post(
        f"/api/v1/proposals/{proposal_id}/check",
        json={"decision": "pass", "items": items},
        headers=verifier,
    )
    assert twice.status_code == 409
    history = client.get(f"/api/v1/proposals/{proposal_id}/check", headers=verifier).json
    assert [(h["version_no"], h["passed"]) for h in history["history"]] == [(1, False), (2, True)]
    timeline = client.get(f"/api/v1/proposals/{proposal_id}/timeline", headers=innovator).json
    assert [t["event"] for t in timeline] == [
        "proposal.submitted",
        "proposal.returned",
        "proposal.submitted",
        "proposal.admitted",
    ]


def test_the_verifier_sees_possible_duplicates(
    client: FlaskClient, innovator: dict[str, str], verifier: dict[str, str], call_id: int
) -> None:
    first = complete_proposal(client, innovator, call_id, "Posyandu Digital Kembar")
    second = complete_proposal(client, innovator, call_id, "posyandu digital  kembar")
    for p in (first, second):
        assert submit(client, innovator, p).status_code == 202
    suggestion = client.get(f"/api/v1/proposals/{second}/check", headers=verifier).json
    assert suggestion["items"]["no_duplicate_title"] is False
    match = next(d for d in suggestion["duplicates"] if d["proposal_id"] == first)
    assert match["same_title"] is True
    assert match["score"] >= 0.9


def test_a_call_without_a_check_admits_at_submit(
    client: FlaskClient, admin: dict[str, str], innovator: dict[str, str], at: Clock
) -> None:
    call_id = make_call(client, admin, check={"enabled": False})
    proposal_id = complete_proposal(client, innovator, call_id, "Tanpa Pemeriksaan")
    assert submit(client, innovator, proposal_id).json["status"] == "admitted"
    assert len(events("proposal.admitted", proposal_id)) == 1


# --- withdraw and disallowed moves -----------------------------------------------------------


def test_withdraw_before_review(
    client: FlaskClient, innovator: dict[str, str], call_id: int
) -> None:
    draft = complete_proposal(client, innovator, call_id, "Draf Ditarik")
    assert (
        client.post(f"/api/v1/proposals/{draft}/withdraw", headers=innovator).json["status"]
        == "withdrawn"
    )
    assert events("proposal.withdrawn", draft) == []  # nothing was ever sent on
    sent = complete_proposal(client, innovator, call_id, "Terkirim Ditarik")
    submit(client, innovator, sent)
    reply = client.post(f"/api/v1/proposals/{sent}/withdraw", headers=innovator)
    assert reply.json["status"] == "withdrawn"
    assert events("proposal.withdrawn", sent)[0]["title"] == "Terkirim Ditarik"
    assert submit(client, innovator, sent).status_code == 409
    again = client.post(f"/api/v1/proposals/{sent}/withdraw", headers=innovator)
    assert again.status_code == 409
    assert again.json["error"]["code"] == "not_withdrawable"


def deliver(event: Event) -> None:
    CONSUMER.handle(Envelope.wrap(event, "review").to_wire(), lambda _e, _s: None)


def test_events_move_the_proposal_and_review_stops_withdraw(
    client: FlaskClient, admin: dict[str, str], innovator: dict[str, str], at: Clock
) -> None:
    call_id = make_call(client, admin, check={"enabled": False})
    proposal_id = complete_proposal(client, innovator, call_id, "Dinilai Sampai Akhir")
    submit(client, innovator, proposal_id)
    me = Person(id=1, name="x", email="x@sipinda.test")
    deliver(
        ReviewAssigned(
            proposal_id=proposal_id, version_no=1, title="t", summary="s", opd_code="dinkes",
            opd_name="Dinas Kesehatan", innovator=me, submitted_at=CLOSES,
            evaluators=(Assignee(evaluator_id=77, name="E", email="e@x", opd_code=None),),
        )
    )  # fmt: skip
    show = client.get(f"/api/v1/proposals/{proposal_id}", headers=innovator).json
    assert show["status"] == "under_review"
    assert show["actions"] == []
    refused = client.post(f"/api/v1/proposals/{proposal_id}/withdraw", headers=innovator)
    assert refused.status_code == 409
    assert (
        client.patch(
            f"/api/v1/proposals/{proposal_id}", json={"title": "Diubah"}, headers=innovator
        ).status_code
        == 409
    )
    deliver(ProposalScored(proposal_id=proposal_id, version_no=1, title="t", mean=80, median=80,
                           reviews=2))  # fmt: skip
    assert client.get(f"/api/v1/proposals/{proposal_id}", headers=innovator).json["status"] == (
        "scored"
    )
    deliver(
        DecisionMade(proposal_id=proposal_id, version_no=1, title="t", innovator=me,
                     opd_code="dinkes", opd_name="Dinkes", decision="finalist", decided_at=CLOSES)
    )  # fmt: skip
    final = client.get(f"/api/v1/proposals/{proposal_id}", headers=innovator).json
    assert (final["status"], final["decision"]) == ("decided", "finalist")


def test_disallowed_transitions_are_409_and_change_nothing(
    client: FlaskClient, innovator: dict[str, str], verifier: dict[str, str], call_id: int
) -> None:
    proposal_id = complete_proposal(client, innovator, call_id, "Transisi Salah")
    before = counts()
    on_draft = client.post(
        f"/api/v1/proposals/{proposal_id}/check",
        json={"decision": "return", "fixes": ["x"]},
        headers=verifier,
    )
    assert on_draft.status_code == 409
    assert counts() == before
    submit(client, innovator, proposal_id)
    before = counts()
    assert submit(client, innovator, proposal_id).status_code == 409
    edit = client.patch(
        f"/api/v1/proposals/{proposal_id}", json={"title": "Ubah"}, headers=innovator
    )
    assert edit.status_code == 409
    assert edit.json["error"]["code"] == "not_editable"
    assert counts() == before


def _after_the_read(monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[..., object]) -> list[int]:
    """Run `meanwhile(user, proposal_id)` once, in its own unit of work, just after the next
    request has read the proposal to change it: two requests racing each other."""
    real_load, ran = access.load, []

    def load_then(session: Any, proposal_id: int, user: Any, **options: Any) -> Any:
        proposal = real_load(session, proposal_id, user, **options)
        if options.get("edit") and not ran:
            ran.append(proposal_id)
            meanwhile(user, proposal_id)
        return proposal

    monkeypatch.setattr(access, "load", load_then)
    return ran


@pytest.mark.parametrize("change", ["edit", "upload", "remove"])
def test_a_change_that_read_the_draft_before_a_submit_claimed_it_is_refused_whole(
    client: FlaskClient,
    innovator: dict[str, str],
    call_id: int,
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    proposal_id = complete_proposal(client, innovator, call_id, f"Balapan {change}")
    path = f"/api/v1/proposals/{proposal_id}"
    attachments = client.get(f"{path}/attachments", headers=innovator).json
    stored = sorted(files.storage().names())
    (proposals, versions, kept, _), title = counts(), "Diubah Setelah Diajukan"
    ran = _after_the_read(monkeypatch, application.submit)
    reply = {
        "edit": lambda: client.patch(path, json={"title": title}, headers=innovator),
        "upload": lambda: upload(client, innovator, proposal_id, "other", pdf_bytes("telat")),
        "remove": lambda: client.delete(
            f"{path}/attachments/{attachments[0]['id']}", headers=innovator
        ),
    }[change]()
    assert ran == [proposal_id]
    assert reply.status_code == 409, reply.json
    assert reply.json["error"]["code"] == "not_editable"
    assert counts()[:3] == (proposals, versions + 1, kept)
    assert sorted(files.storage().names()) == stored
    shown = client.get(path, headers=innovator).json
    assert (shown["status"], shown["title"]) == ("submitted", f"Balapan {change}")
    assert client.get(f"{path}/attachments", headers=innovator).json == attachments


def test_a_partial_edit_merges_into_what_another_edit_committed_after_it_read(
    client: FlaskClient, innovator: dict[str, str], call_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    proposal_id = complete_proposal(client, innovator, call_id, "Dua Tab Terbuka")
    _after_the_read(
        monkeypatch,
        lambda user, pid: application.update(user, pid, {"sections": {"uraian": "Dari tab lain."}}),
    )
    reply = client.patch(
        f"/api/v1/proposals/{proposal_id}",
        json={"sections": {"ringkasan": "Dari tab ini."}},
        headers=innovator,
    )
    assert reply.status_code == 200, reply.json
    assert reply.json["sections"] == {"ringkasan": "Dari tab ini.", "uraian": "Dari tab lain."}


def test_in_a_blind_call_the_assigned_evaluator_cannot_see_who_wrote_it(
    client: FlaskClient, admin: dict[str, str], innovator: dict[str, str], at: Clock
) -> None:
    from services.identity.accounts import find_user_by_email
    from shared import runtime

    with runtime.database("identity").session() as s:
        evaluator = find_user_by_email(s, "evaluator.praktisi@sipinda.test")
        assert evaluator is not None
        evaluator_id = evaluator.id
    evaluator_headers = token(client, "evaluator.praktisi@sipinda.test")
    seen = {}
    for blind in (True, False):
        call_id = make_call(client, admin, blind=blind, check={"enabled": False})
        proposal_id = complete_proposal(client, innovator, call_id, f"Buta {blind}")
        submit(client, innovator, proposal_id)
        deliver(
            ReviewAssigned(
                proposal_id=proposal_id, version_no=1, title="t", summary="s", opd_code="dinkes",
                opd_name="Dinkes", innovator=Person(id=1, name="x", email="x@x"),
                submitted_at=CLOSES,
                evaluators=(Assignee(evaluator_id=evaluator_id, name="E", email="e@x",
                                     opd_code=None),),
            )
        )  # fmt: skip
        reply = client.get(f"/api/v1/proposals/{proposal_id}", headers=evaluator_headers)
        seen[blind] = reply.status_code
    assert seen == {True: 404, False: 200}


def test_submitting_one_proposal_again_and_again_is_rate_limited(
    client: FlaskClient, innovator: dict[str, str], call_id: int
) -> None:
    from services.submission import ratelimit

    hammered = complete_proposal(client, innovator, call_id, "Dikirim Berulang")
    other = complete_proposal(client, innovator, call_id, "Dikirim Sekali")
    replies = [submit(client, innovator, hammered) for _ in range(ratelimit.LIMIT + 1)]
    assert [r.status_code for r in replies] == [202] + [409] * (ratelimit.LIMIT - 1) + [429]
    assert replies[-1].json["error"]["message"] == (
        "Terlalu sering mencoba mengirim proposal ini. Coba lagi dalam 10 menit."
    )
    assert submit(client, innovator, other).status_code == 202
