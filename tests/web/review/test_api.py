"""Review's routes per role and per someone else's object, on the migrated, seeded databases:
an evaluator reads and scores only their own assignments, never before submitting sees the
others' scores, and in a blind call never sees the innovator or the agency."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from services.review import evaluators
from services.review.models import OUTBOX, Assignment
from shared import runtime
from shared.events import CallPublished
from tests.support.pages import sign_in
from tests.support.review import CALL, EVALUATORS, admit, user_id

PASSWORD = "rahasia-demo"


def token(client: FlaskClient, email: str) -> dict[str, str]:
    reply = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    assert reply.status_code == 200, reply.json
    return {"Authorization": f"Bearer {reply.json['access_token']}"}


def outsider(emails: dict[int, str], assignments: list[Assignment]) -> str:
    taken = {a.evaluator_id for a in assignments}
    return next(e for i, e in emails.items() if i not in taken)


SCORES = {"kebaruan": {"score": 7, "comment": ""}, "dampak": {"score": 8, "comment": "baik"}}


def test_an_evaluator_lists_only_their_own_assignments(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, _], _ = admit(emails)
    rows = client.get("/api/v1/review/assignments", headers=token(client, emails[a.evaluator_id]))
    assert rows.status_code == 200
    assert rows.json
    assert {r["evaluator_id"] for r in rows.json} == {a.evaluator_id}
    everything = client.get(
        "/api/v1/review/assignments", headers=token(client, "admin@sipinda.test")
    )
    assert len({r["evaluator_id"] for r in everything.json}) >= 2
    innovator = token(client, "inovator.dinkes@sipinda.test")
    assert client.get("/api/v1/review/assignments", headers=innovator).status_code == 403
    assert client.get("/api/v1/review/assignments").status_code == 401


def test_blind_hides_the_innovator_and_agency_from_evaluators_not_from_the_admin(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, _], _ = admit(emails)
    path = f"/api/v1/review/assignments/{a.id}"
    mine = client.get(path, headers=token(client, emails[a.evaluator_id]))
    assert mine.status_code == 200
    assert mine.json["blind"] is True
    assert (mine.json["innovator"], mine.json["opd_code"], mine.json["opd_name"]) == (None,) * 3
    assert "Rahasia" not in json.dumps(mine.json)
    assert "evaluator_id" not in mine.json
    assert [x["key"] for x in mine.json["aspects"]] == ["kebaruan", "dampak"]
    admin = client.get(path, headers=token(client, "admin@sipinda.test")).json
    assert admin["innovator"] == "Nama Inovator Rahasia"
    assert admin["opd_name"] == "Dinas Perhubungan Rahasia"


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("put", "/review", {"scores": SCORES, "submit": False}),
        ("post", "/conflict", {"reason": "kenal"}),
        ("post", "/decline", None),
    ],
)
def test_someone_elses_assignment_is_not_found_and_other_roles_are_refused(
    client: FlaskClient, emails: dict[int, str], method: str, suffix: str, body: object
) -> None:
    assignments, _ = admit(emails)
    path = f"/api/v1/review/assignments/{assignments[0].id}{suffix}"
    call = getattr(client, method)
    stranger = token(client, outsider(emails, assignments))
    assert call(path, json=body, headers=stranger).status_code == 404
    innovator = token(client, "inovator.dinkes@sipinda.test")
    assert call(path, json=body, headers=innovator).status_code == 403
    assert call(path, json=body).status_code == 401
    if suffix == "/review":  # the admin reads but never scores on an evaluator's behalf
        assert call(path, json=body, headers=token(client, "admin@sipinda.test")).status_code == 403
    with runtime.database("review").session() as s:
        row = s.get(Assignment, assignments[0].id)
        assert row is not None
        assert (row.status, row.scores) == ("assigned", {})


def test_bad_scores_are_422_in_the_users_language_and_store_nothing(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, _], _ = admit(emails)
    path = f"/api/v1/review/assignments/{a.id}/review"
    headers = token(client, emails[a.evaluator_id])
    bad = {"scores": {"kebaruan": {"score": 11}, "dampak": {"score": 10}}, "submit": True}
    reply = client.put(path, json=bad, headers=headers)
    assert reply.status_code == 422
    assert reply.json["error"]["fields"] == {
        "scores.kebaruan": "Nilai harus antara 1 dan 10.",
        "scores.dampak": "Nilai ekstrem wajib disertai komentar.",
    }
    english = client.put(path, json=bad, headers={**headers, "Accept-Language": "en"})
    assert english.json["error"]["fields"]["scores.dampak"] == "An extreme score needs a comment."
    assert client.put(path, data="{", headers=headers).status_code == 400
    extra = client.put(path, json={"scores": {}, "nilai": 1}, headers=headers)
    assert extra.status_code == 422
    with runtime.database("review").session() as s:
        row = s.get(Assignment, a.id)
        assert row is not None
        assert (row.status, row.scores) == ("assigned", {})


def test_other_reviews_only_after_submitting_ones_own_then_scored_and_ranked(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, b], proposal_id = admit(emails)
    first, second = token(client, emails[a.evaluator_id]), token(client, emails[b.evaluator_id])
    stranger = token(client, outsider(emails, [a, b]))
    reviews = f"/api/v1/review/proposals/{proposal_id}/versions/1/reviews"
    assert client.get(reviews, headers=stranger).status_code == 404
    assert client.get(reviews, headers=first).status_code == 403
    draft = client.put(f"/api/v1/review/assignments/{a.id}/review",
                       json={"scores": {"kebaruan": {"score": 6}}}, headers=first)  # fmt: skip
    assert draft.status_code == 200
    assert draft.json["status"] == "draft"
    assert client.get(reviews, headers=first).status_code == 403
    done = client.put(f"/api/v1/review/assignments/{a.id}/review",
                      json={"scores": SCORES, "submit": True}, headers=first)  # fmt: skip
    assert done.json["total"] == pytest.approx(7.5)
    seen = client.get(reviews, headers=first).json
    assert [(r["own"], r["total"]) for r in seen] == [(True, 7.5)]
    assert "evaluator_id" not in seen[0]
    again = client.put(f"/api/v1/review/assignments/{a.id}/review",
                       json={"scores": SCORES, "submit": True}, headers=first)  # fmt: skip
    assert again.status_code == 409
    client.put(f"/api/v1/review/assignments/{b.id}/review",
               json={"scores": SCORES, "submit": True}, headers=second)  # fmt: skip
    with runtime.database("review").session() as s:
        scored = OUTBOX.events.c.name == "proposal.scored"
        rows = s.scalars(select(OUTBOX.events.c.envelope).where(scored))
        names = [json.loads(e)["payload"]["proposal_id"] for e in rows]
    assert proposal_id in names
    ranking = f"/api/v1/review/calls/{CALL}/ranking"
    assert client.get(ranking, headers=first).status_code == 403
    rows = client.get(ranking, headers=token(client, "admin@sipinda.test")).json
    assert any(r["proposal_id"] == proposal_id and r["mean"] == 7.5 for r in rows)
    decisions = f"/api/v1/review/calls/{CALL}/decisions"
    body = {"decisions": [{"proposal_id": proposal_id, "version_no": 1, "decision": "finalist"}]}
    assert client.post(decisions, json=body, headers=first).status_code == 403
    admin = token(client, "admin@sipinda.test")
    wrong = {"decisions": [{"proposal_id": proposal_id, "version_no": 1, "decision": "juara"}]}
    assert client.post(decisions, json=wrong, headers=admin).status_code == 422
    assert client.post(decisions, json=body, headers=admin).json == {"decided": 1}


def test_a_declared_conflict_releases_hides_and_replaces(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, b], proposal_id = admit(emails)
    mine = token(client, emails[a.evaluator_id])
    path = f"/api/v1/review/assignments/{a.id}"
    empty = client.post(f"{path}/conflict", json={"reason": ""}, headers=mine)
    assert empty.status_code == 422
    reply = client.post(f"{path}/conflict", json={"reason": "Saudara inovator"}, headers=mine)
    assert reply.json == {"released": a.id, "replacements": 1}
    assert client.get(path, headers=mine).status_code == 404
    with runtime.database("review").session() as s:
        held = s.scalars(
            select(Assignment).where(Assignment.proposal_id == proposal_id).order_by(Assignment.id)
        ).all()
        assert [(h.status, h.replacement) for h in held] == [
            ("released", False), ("assigned", False), ("assigned", True),
        ]  # fmt: skip
        assert held[2].evaluator_id not in (a.evaluator_id, b.evaluator_id)


def test_only_the_admin_declares_a_conflict_for_an_evaluator(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, _], proposal_id = admit(emails)
    path = f"/api/v1/review/proposals/{proposal_id}/conflicts"
    body = {"evaluator_id": a.evaluator_id, "reason": "kerabat"}
    mine = token(client, emails[a.evaluator_id])
    assert client.post(path, json=body, headers=mine).status_code == 403
    admin = token(client, "admin@sipinda.test")
    assert client.post(path, json={**body, "reason": ""}, headers=admin).status_code == 422
    assert client.post(path, json=body, headers=admin).json == {"released": 1}
    assert client.get(f"/api/v1/review/assignments/{a.id}", headers=mine).status_code == 404


def test_only_the_admin_edits_the_registry_with_validated_fields(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    evaluator = token(client, EVALUATORS[0])
    body = {"id": 990001, "name": "Dr. Baru", "email": "baru@univ.test", "kind": "academic",
            "topics": ["kesehatan"], "expertise": "gizi lansia", "max_load": 4}  # fmt: skip
    assert client.put("/api/v1/review/evaluators", json=body, headers=evaluator).status_code == 403
    bad = client.put("/api/v1/review/evaluators", json={**body, "kind": "dukun"}, headers=admin)
    assert bad.status_code == 422
    assert "kind" in bad.json["error"]["fields"]
    loads = client.put("/api/v1/review/evaluators", json={**body, "min_load": 5}, headers=admin)
    assert loads.json["error"]["fields"] == {"min_load": "Beban minimum dan maksimum tidak sah."}
    assert client.put("/api/v1/review/evaluators", json=body, headers=admin).status_code == 200
    rows = client.get("/api/v1/review/evaluators", headers=admin).json
    assert any(r["id"] == 990001 and r["topics"] == ["kesehatan"] for r in rows)
    with runtime.database("review").session() as s:  # keep the shared pool as seeded
        evaluators.upsert_evaluator(s, **{**body, "active": False})
    assert client.get("/api/v1/review/evaluators", headers=evaluator).status_code == 403


def test_invitations_are_answered_only_by_their_evaluator(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    admin = token(client, "admin@sipinda.test")
    first, second = EVALUATORS[0], EVALUATORS[1]
    call = CALL + 1  # its own call, so the test call's pool stays open to everyone
    with runtime.database("review").session() as s:
        evaluators.record_call(s, CallPublished(
            call_id=call, version_no=1, call_name="KIPP Undangan", year=2025,
            opens_at=datetime(2025, 1, 1, tzinfo=UTC), closes_at=datetime(2025, 6, 1, tzinfo=UTC),
        ))  # fmt: skip
    sent = client.post(f"/api/v1/review/calls/{call}/invitations",
                       json={"evaluator_ids": [user_id(first)]}, headers=admin)  # fmt: skip
    assert sent.status_code == 200
    [invitation] = sent.json
    unknown = client.post("/api/v1/review/calls/999999/invitations",
                          json={"evaluator_ids": [user_id(first)]}, headers=admin)  # fmt: skip
    assert unknown.status_code == 422
    path = f"/api/v1/review/invitations/{invitation['id']}/accept"
    assert client.post(path, headers=token(client, second)).status_code == 404
    assert client.post(path, headers=admin).status_code == 403
    assert client.post(path, headers=token(client, first)).json["status"] == "accepted"
    assert client.post(path, headers=token(client, first)).status_code == 409

    # The page the invitation mail links to, for a second invitation.
    again = client.post(f"/api/v1/review/calls/{call}/invitations",
                        json={"evaluator_ids": [user_id(second)]}, headers=admin)  # fmt: skip
    page = f"/review/invitations/{again.json[0]['id']}"
    assert app_client_get(client, first, page).status_code == 404
    browser = client.application.test_client()
    csrf = sign_in(browser, second)
    assert "KIPP Undangan" in browser.get(page).get_data(as_text=True)
    assert browser.post(page, data={"csrf_token": csrf, "answer": "decline"}).status_code == 302
    assert "Ditolak" in browser.get(page).get_data(as_text=True)


def app_client_get(client: FlaskClient, email: str, path: str) -> Any:
    browser = client.application.test_client()
    sign_in(browser, email)
    return browser.get(path)


def test_batch_runs_and_overrides_are_for_the_admin_only(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    from services.review import tasks

    call = CALL + 2
    with runtime.database("review").session() as s:
        evaluators.record_call(s, CallPublished(
            call_id=call, version_no=1, call_name="KIPP Batch", year=2025,
            evaluators_per_proposal=2, opens_at=datetime(2025, 1, 1, tzinfo=UTC),
            closes_at=datetime(2025, 6, 1, tzinfo=UTC),
        ))  # fmt: skip
    [a, _], _ = admit(emails, call)
    admin, mine = token(client, "admin@sipinda.test"), token(client, emails[a.evaluator_id])
    assert client.post(f"/api/v1/review/calls/{call}/batches", headers=mine).status_code == 403
    started = client.post(f"/api/v1/review/calls/{call}/batches", headers=admin)
    assert started.status_code == 202
    run = f"/api/v1/review/batches/{started.json['id']}"
    assert client.get(run, headers=mine).status_code == 403
    assert client.get(run, headers=admin).json["status"] == "queued"
    assert tasks.plan_batch.apply(args=[started.json["id"]]).get() == "ready"
    preview = client.get(run, headers=admin).json
    assert (preview["status"], preview["progress"]) == ("ready", 100)
    assert client.post(f"{run}/deploy", headers=mine).status_code == 403
    assert client.post(f"{run}/deploy", headers=admin).json["status"] == "deployed"
    assert client.post(f"{run}/cancel", headers=admin).status_code == 409

    with runtime.database("review").session() as s:
        held = s.scalars(select(Assignment).where(
            Assignment.call_id == call, Assignment.status == "assigned")).all()  # fmt: skip
        target = held[0]
        taken = {h.evaluator_id for h in held}
    free = next(i for i in emails if i not in taken and emails[i] != "evaluator.dinkes@sipinda.test"
                and emails[i] != "evaluator.kecibeber@sipinda.test")  # fmt: skip
    path = f"/api/v1/review/assignments/{target.id}/override"
    body = {"evaluator_id": free, "reason": "permintaan ketua"}
    assert client.post(path, json=body, headers=mine).status_code == 403
    refused = client.post(path, json={**body, "evaluator_id": held[1].evaluator_id}, headers=admin)
    assert refused.status_code == 422
    assert "sudah pernah ditugaskan" in refused.json["error"]["message"]
    done = client.post(path, json=body, headers=admin)
    assert done.status_code == 200, done.json
    assert done.json["released"] == target.id


def test_the_score_form_page_is_blind_validates_and_submits(
    client: FlaskClient, app: object, emails: dict[int, str]
) -> None:
    [a, _], _ = admit(emails)
    csrf = sign_in(client, emails[a.evaluator_id])
    page = f"/review/assignments/{a.id}"
    html = client.get(page).get_data(as_text=True)
    assert "disembunyikan (penilaian buta)" in html
    assert "Nama Inovator Rahasia" not in html
    assert "Dinas Perhubungan Rahasia" not in html
    assert f'href="{page}"' in client.get("/review").get_data(as_text=True)
    bad = client.post(page, data={"csrf_token": csrf, "score_kebaruan": "0",
                                  "score_dampak": "abc", "action": "submit"})  # fmt: skip
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "Nilai harus antara 1 dan 10." in text
    assert "Nilai harus berupa angka." in text
    assert 'aria-invalid="true"' in text
    assert 'value="abc"' in text  # what was typed is kept
    good = client.post(page, data={"csrf_token": csrf, "score_kebaruan": "7",
                                   "score_dampak": "8", "action": "submit"})  # fmt: skip
    assert good.status_code == 302
    assert "Penilaian dikirim." in client.get(page).get_data(as_text=True)


def test_declining_and_declaring_a_conflict_from_the_page(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, b], _ = admit(emails)
    csrf = sign_in(client, emails[a.evaluator_id])
    declined = client.post(f"/review/assignments/{a.id}/decline", data={"csrf_token": csrf})
    assert declined.status_code == 302
    assert "Penugasan ditolak" in client.get("/review").get_data(as_text=True)
    assert client.get(f"/review/assignments/{a.id}").status_code == 404
    browser = client.application.test_client()
    csrf = sign_in(browser, emails[b.evaluator_id])
    empty = browser.post(f"/review/assignments/{b.id}/conflict", data={"csrf_token": csrf})
    assert empty.status_code == 422
    assert "Alasan konflik kepentingan wajib diisi." in empty.get_data(as_text=True)
    done = browser.post(f"/review/assignments/{b.id}/conflict",
                        data={"csrf_token": csrf, "reason": "tetangga"})  # fmt: skip
    assert done.status_code == 302
    with runtime.database("review").session() as s:
        rows = {r.id: (r.status, r.released_reason) for r in s.scalars(select(Assignment))}
    assert rows[a.id] == ("released", "declined")
    assert rows[b.id] == ("released", "conflict")


def test_pages_of_someone_elses_assignment_are_not_found(
    app: object, emails: dict[int, str]
) -> None:
    from flask import Flask

    assert isinstance(app, Flask)
    client = app.test_client()
    assignments, _ = admit(emails)
    csrf = sign_in(client, outsider(emails, assignments))
    page = f"/review/assignments/{assignments[0].id}"
    assert client.get(page).status_code == 404
    assert client.post(page, data={"csrf_token": csrf, "action": "draft"}).status_code == 404
    conflict = client.post(f"{page}/conflict", data={"csrf_token": csrf, "reason": "x"})
    assert conflict.status_code == 404
    assert client.post(f"{page}/decline", data={"csrf_token": csrf}).status_code == 404
    assert app.test_client().get(page).status_code == 302  # to the sign-in


def test_import_evaluators_is_a_dry_run_until_applied_and_refuses_bad_files(
    app: object, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from services.platform.cli import main
    from services.review.models import Evaluator

    assert isinstance(tmp_path, Path)
    good = tmp_path / "evaluators.csv"
    good.write_text(
        "name,email,kind,opd_code,topics,expertise,max_load\n"
        "Evaluator Setda,evaluator.setda@sipinda.test,pemerintah,setda,hukum,perda,3\n",
        encoding="utf-8",
    )
    assert main(["import-evaluators", str(good)]) == 0
    assert "akan disimpan (uji coba" in capsys.readouterr().out
    with runtime.database("review").session() as s:
        setda = s.get(Evaluator, user_id("evaluator.setda@sipinda.test"))
        assert setda is not None
        assert setda.topics != ["hukum"]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,email\nOrang Baru,belum.punya.akun@sipinda.test\n"
        "Evaluator Setda,evaluator.setda@sipinda.test\n",
        encoding="utf-8",
    )
    assert main(["import-evaluators", str(bad), "--apply"]) == 1
    err = capsys.readouterr().err
    assert "baris 2: akun tidak ditemukan" in err
    assert "tidak ada yang disimpan" in err
    assert main(["import-evaluators", str(good), "--apply"]) == 0
    assert "1 evaluator disimpan: 0 baru, 1 diperbarui" in capsys.readouterr().out
    with runtime.database("review").session() as s:
        setda = s.get(Evaluator, user_id("evaluator.setda@sipinda.test"))
        assert setda is not None
        assert (setda.topics, setda.expertise, setda.max_load) == (["hukum"], "perda", 3)
        # Back as seeded, so the other tests' pool stays as it was.
        setda.topics, setda.expertise, setda.max_load = [], "", 10
    assert main(["import-evaluators", str(tmp_path / "missing.csv")]) == 2


def test_review_scan_command_releases_an_overdue_review_and_replaces_it(
    app: object, emails: dict[int, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import timedelta

    from services.platform.cli import main

    [a, _], _ = admit(emails)
    with runtime.database("review").session() as s:
        row = s.get(Assignment, a.id)
        assert row is not None
        row.due_at = datetime.now(UTC) - timedelta(minutes=1)
    assert main(["review-scan"]) == 0
    assert "1 penilaian terlambat dialihkan" in capsys.readouterr().out
    with runtime.database("review").session() as s:
        row = s.get(Assignment, a.id)
        assert row is not None
        assert (row.status, row.released_reason) == ("released", "overdue")
