"""The admin's review pages, without JavaScript: registry, a call's assignments with their
explanations, conflict and manual replacement, ranking, decisions and batch runs — for the admin
only, every form with its CSRF token, a refused input changing nothing."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from services.review import reasons as why
from services.review.models import Assignment, BatchRun, Evaluator
from shared import runtime
from tests.support.pages import csrf_of, sign_in
from tests.support.review import CALL, admit, user_id

ADMIN = "admin@sipinda.test"


@pytest.fixture
def admin(client: FlaskClient) -> str:
    sign_in(client, ADMIN)
    return csrf_of(client.get("/review/admin/evaluators").get_data(as_text=True))


def test_every_admin_page_is_refused_to_others(client: FlaskClient, emails: dict) -> None:
    pages = ["/review/admin", "/review/admin/evaluators", f"/review/admin/calls/{CALL}"]
    before = runs()
    for page in pages:
        signed_out = client.get(page)
        assert signed_out.status_code == 302
        assert "/login" in signed_out.headers["Location"]
    for email in ("inovator.dinkes@sipinda.test", "evaluator.praktisi@sipinda.test"):
        other = client.application.test_client()
        token = sign_in(other, email)
        for page in pages:
            assert other.get(page).status_code == 403, (email, page)
        refused = other.post(f"/review/admin/calls/{CALL}/batches", data={"csrf_token": token})
        assert refused.status_code == 403
    assert runs() == before


def runs() -> int:
    with runtime.database("review").session() as s:
        return len(s.scalars(select(BatchRun).where(BatchRun.call_id == CALL)).all())


def test_the_registry_adds_edits_and_refuses_bad_input(client: FlaskClient, admin: str) -> None:
    target = user_id("evaluator.praktisi@sipinda.test")
    form = {
        "csrf_token": admin, "id": str(target), "name": "Praktisi Diubah",
        "email": "evaluator.praktisi@sipinda.test", "kind": "practitioner", "opd_code": "",
        "language": "id", "min_load": "0", "max_load": "7", "topics": "ekonomi, umkm",
        "expertise": "Pemberdayaan UMKM", "active": "on",
    }  # fmt: skip
    saved = client.post("/review/admin/evaluators", data=form)
    assert saved.status_code == 302
    page = client.get("/review/admin/evaluators").get_data(as_text=True)
    assert "Praktisi Diubah" in page
    assert "ekonomi, umkm" in page
    bad = client.post("/review/admin/evaluators", data={**form, "min_load": "9", "name": "X"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'aria-invalid="true"' in html
    assert 'value="X"' in html  # what was typed is kept
    without_csrf = client.post("/review/admin/evaluators", data={**form, "csrf_token": ""})
    assert without_csrf.status_code in (400, 403)
    with runtime.database("review").session() as s:
        row = s.get(Evaluator, target)
        assert row is not None
        assert (row.name, row.max_load, row.min_load) == ("Praktisi Diubah", 7, 0)


def test_a_call_shows_why_each_evaluator_was_chosen_and_replaces_on_conflict(
    client: FlaskClient,
    admin: str,
    emails: dict,
) -> None:
    assignments, proposal_id = admit(emails)
    page = client.get(f"/review/admin/calls/{CALL}").get_data(as_text=True)
    assert f"Inovasi Uji {proposal_id}" in page
    assert re.search(r"kemiripan teks [0-9]+,[0-9]{3}, skor", page)  # the explanation, shown
    client.set_cookie("lang", "en")
    english = client.get(f"/review/admin/calls/{CALL}").get_data(as_text=True)
    client.delete_cookie("lang")
    assert re.search(r"text similarity [0-9]+\.[0-9]{3}, score", english)
    assert "kemiripan" not in english
    assert "beban" not in english
    first = assignments[0]
    no_reason = client.post(
        f"/review/admin/calls/{CALL}/conflicts",
        data={"csrf_token": admin, "proposal_id": proposal_id,
              "evaluator_id": first.evaluator_id, "reason": ""},
    )  # fmt: skip
    assert no_reason.status_code == 422
    declared = client.post(
        f"/review/admin/calls/{CALL}/conflicts",
        data={"csrf_token": admin, "proposal_id": proposal_id,
              "evaluator_id": first.evaluator_id, "reason": "Kerabat inovator"},
    )  # fmt: skip
    assert declared.status_code == 302
    with runtime.database("review").session() as s:
        rows = s.scalars(select(Assignment).where(Assignment.proposal_id == proposal_id)).all()
        open_ones = [a for a in rows if a.status == "assigned"]
        assert len(open_ones) == 2
        assert first.evaluator_id not in {a.evaluator_id for a in open_ones}
        assert any(a.replacement for a in open_ones)


def test_a_call_page_says_each_reason_in_the_reader_s_language_and_old_ones_as_written(
    client: FlaskClient, admin: str, emails: dict, stored_reason: Callable[[int, str], None]
) -> None:
    """The batch solver's reasons, stored as codes, in English with a decimal point and in
    Indonesian with a decimal comma; a reason stored as text before codes is shown as it is."""
    [solved, old], proposal_id = admit(emails)
    stored = why.encode([why.topics(["kesehatan"]), why.score(0.1234), why.load_of_most(1, 5)])
    written = "skor 0,9876; beban 3 dari maksimum 5"
    stored_reason(solved.id, stored)
    stored_reason(old.id, written)
    indonesian = client.get(f"/review/admin/calls/{CALL}").get_data(as_text=True)
    client.set_cookie("lang", "en")
    english = client.get(f"/review/admin/calls/{CALL}").get_data(as_text=True)
    client.delete_cookie("lang")
    assert f"Inovasi Uji {proposal_id}" in english
    assert "topics in common: kesehatan; score 0.1234; load 1 of at most 5" in english
    assert "topik sama: kesehatan; skor 0,1234; beban 1 dari maksimum 5" in indonesian
    assert "0,1234" not in english
    assert "0.1234" not in indonesian
    assert stored not in english  # the codes are never shown as they are stored
    assert written in english
    assert written in indonesian


def test_a_batch_run_is_started_and_shown(client: FlaskClient, admin: str) -> None:
    started = client.post(f"/review/admin/calls/{CALL}/batches", data={"csrf_token": admin})
    assert started.status_code == 302
    page = client.get(started.headers["Location"]).get_data(as_text=True)
    assert "<progress" in page
    assert 'http-equiv="refresh"' in page  # no worker runs here: it stays queued, and says so
    run_id = int(started.headers["Location"].rsplit("/", 1)[1])
    cancelled = client.post(f"/review/admin/batches/{run_id}/cancel", data={"csrf_token": admin})
    assert cancelled.status_code == 302
    with runtime.database("review").session() as s:
        run = s.get(BatchRun, run_id)
        assert run is not None
        assert run.status == "cancelled"


def test_decisions_without_a_choice_change_nothing(client: FlaskClient, admin: str) -> None:
    reply = client.post(f"/review/admin/calls/{CALL}/decisions", data={"csrf_token": admin})
    assert reply.status_code == 302
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Belum ada keputusan yang dipilih." in page


def test_the_registry_names_accounts_agencies_and_languages_in_words(
    client: FlaskClient, admin: str
) -> None:
    page = client.get("/review/admin/evaluators").get_data(as_text=True)
    assert 'name="id" type="number"' not in page  # no account number to know by heart
    assert "(evaluator.praktisi@sipinda.test)</option>" in page
    assert ">Dinas Kesehatan</option>" in page
    assert ">Bahasa Indonesia</option>" in page
    editing = client.get(
        f"/review/admin/evaluators?edit={user_id('evaluator.praktisi@sipinda.test')}"
    )
    assert 'type="hidden" name="id"' in editing.get_data(as_text=True)
