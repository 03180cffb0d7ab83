"""Uji publik (issue 24, part E): a call with an objection window holds its decisions until the
window has closed and every objection is resolved; the window is opened once; anyone signed in,
or with an e-mail address confirmed by a mailed link, files an objection while it is open, and
the server refuses one after its last second; each objection is resolved with a reason."""

from __future__ import annotations

import io
import json
import re
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from services.notifications.drafting import drafts_for
from services.review import evaluators, objections, tasks
from services.review.models import OUTBOX, Objection, ObjectionWindow, ReviewCall
from services.review.pages.uji_publik import EMAILS_PER_ADDRESS
from shared import runtime
from shared.events import CallPublished, Envelope, RubricAspect
from shared.outbox import utcnow
from shared.web.ratelimit import limiter
from tests.support.pages import csrf_of, sign_in
from tests.support.review import admit, evaluator
from tests.support.submission import pdf_bytes, token

ADMIN = "admin@sipinda.test"
OBJECTOR = "inovator.disdukcapil@sipinda.test"
REASON = "Inovasi ini sudah pernah menang di kompetisi lain dengan nama berbeda."


def new_call(emails: dict[int, str]) -> int:
    """A call of its own with uji publik on (other suites' calls in the database left alone)."""
    with runtime.database("review").session() as s:
        call_id = max(int(s.scalar(select(func.max(ReviewCall.call_id))) or 0) + 1, 880_000)
        evaluators.record_call(s, CallPublished(
            call_id=call_id, version_no=1, call_name=f"KIPP Sanggah {call_id}", year=2026,
            opens_at=datetime(2026, 1, 1, tzinfo=UTC), closes_at=datetime(2026, 6, 1, tzinfo=UTC),
            evaluators_per_proposal=2, blind=False,
            aspects=(RubricAspect(key="kebaruan", title="Kebaruan", weight=0.5),
                     RubricAspect(key="dampak", title="Dampak", weight=0.5)),
            settings={"public_objection": True, "objection_days": 5},
        ))  # fmt: skip
    with runtime.database("review").session() as s:
        for invitation in evaluators.invite(s, call_id, sorted(emails)):
            if invitation.status == "invited":
                evaluators.answer_invitation(
                    s, evaluator(invitation.evaluator_id), invitation.id, accept=True
                )
    return call_id


def scored(client: FlaskClient, emails: dict[int, str], call_id: int) -> int:
    assignments, proposal_id = admit(emails, call_id=call_id)
    for a in assignments:
        body = {"scores": {"kebaruan": {"score": 7, "comment": ""},
                           "dampak": {"score": 8, "comment": ""}}, "submit": True}  # fmt: skip
        done = client.put(f"/api/v1/review/assignments/{a.id}/review", json=body,
                          headers=token(client, emails[a.evaluator_id]))  # fmt: skip
        assert done.status_code == 200, done.json
    return proposal_id


def published(name: str, call_id: int) -> list[dict[str, object]]:
    with runtime.database("review").session() as s:
        rows = s.scalars(select(OUTBOX.events.c.envelope).where(OUTBOX.events.c.name == name))
        payloads = [json.loads(e)["payload"] for e in rows]
    return [p for p in payloads if p.get("call_id") == call_id]


def events(name: str) -> list[Any]:
    with runtime.database("review").session() as s:
        rows = s.scalars(select(OUTBOX.events.c.envelope).where(OUTBOX.events.c.name == name))
        return [Envelope.model_validate(json.loads(e)).open() for e in rows]


def stored(call_id: int) -> list[Objection]:
    with runtime.database("review").session() as s:
        found = list(s.scalars(select(Objection).where(Objection.call_id == call_id)))
        s.expunge_all()
    return found


def set_end(call_id: int, end: datetime) -> None:
    with runtime.database("review").session() as s:
        window = s.scalars(select(ObjectionWindow).where(ObjectionWindow.call_id == call_id)).one()
        window.closes_at = end


def decided_and_open(client: FlaskClient, emails: dict[int, str]) -> tuple[int, int, int, str]:
    """A call with a winner and a finalist decided, announced, its window opened."""
    call_id = new_call(emails)
    first, second = scored(client, emails, call_id), scored(client, emails, call_id)
    csrf = sign_in(client, ADMIN)
    form = {"csrf_token": csrf, f"decision_{first}_1": "winner",
            f"decision_{second}_1": "finalist", "confirm": "yes"}  # fmt: skip
    done = client.post(f"/review/admin/calls/{call_id}/decisions", data=form)
    assert done.status_code == 302
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "menjadi final setelah masa sanggah ditutup" in page
    assert client.post(f"/review/admin/calls/{call_id}/announce",
                       data={"csrf_token": csrf}).status_code == 302  # fmt: skip
    asked = client.get(f"/review/admin/calls/{call_id}/objections/open").get_data(as_text=True)
    assert "23.59.59 WIB" in asked
    assert "Ya, buka masa sanggah" in asked
    opened = client.post(f"/review/admin/calls/{call_id}/objections/open",
                         data={"csrf_token": csrf})  # fmt: skip
    assert opened.status_code == 302
    return call_id, first, second, csrf


def test_held_decisions_publish_nothing_until_the_window_closes_and_objections_are_resolved(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    call_id, first, second, csrf = decided_and_open(client, emails)
    assert published("decision.made", call_id) == []  # saved, held
    [event] = published("objections.opened", call_id)
    assert event["days"] == 5
    assert event["page_path"] == f"/uji-publik/{call_id}"
    # Opening a second time is refused, with words.
    again = client.post(f"/review/admin/calls/{call_id}/objections/open",
                        data={"csrf_token": csrf}, follow_redirects=True)  # fmt: skip
    assert "sudah pernah dibuka" in again.get_data(as_text=True)
    assert len(published("objections.opened", call_id)) == 1
    # An objection, signed in.
    objector = client.application.test_client()
    sign_in(objector, OBJECTOR)
    page = objector.get(f"/uji-publik/{call_id}").get_data(as_text=True)
    assert f"Inovasi Uji {first}" in page
    assert "Nama Inovator Rahasia" not in page
    filed = objector.post(f"/uji-publik/{call_id}", data={
        "csrf_token": csrf_of(page), "proposal_id": str(first), "name": "Warga Cilegon",
        "reason": REASON, "evidence": (io.BytesIO(pdf_bytes("bukti")), "bukti dukung.pdf"),
    })  # fmt: skip
    assert filed.status_code == 302, filed.get_data(as_text=True)
    [objection] = stored(call_id)
    assert (objection.email, objection.status) == (OBJECTOR, "open")
    # The admin reads it with its evidence.
    listed = client.get(f"/review/admin/calls/{call_id}/objections").get_data(as_text=True)
    assert REASON in listed
    assert "Bukti: bukti dukung.pdf" in listed
    kept = client.get(f"/review/admin/calls/{call_id}/objections/{objection.id}/evidence")
    assert kept.status_code == 200
    assert kept.data.startswith(b"%PDF")
    assert len(published("objection.filed", call_id)) == 1
    # Before the end nothing is final, whatever the admin presses.
    early = client.post(f"/review/admin/calls/{call_id}/objections/finalize",
                        data={"csrf_token": csrf}, follow_redirects=True)  # fmt: skip
    assert "Belum dapat difinalkan" in early.get_data(as_text=True)
    # Closed with an objection unresolved: still nothing final, and the page says why.
    set_end(call_id, utcnow() - timedelta(seconds=1))
    with runtime.database("review").session() as s:
        assert objections.finalize(s, call_id, utcnow()) is None
    waiting = client.get(f"/review/admin/calls/{call_id}/objections").get_data(as_text=True)
    assert "sanggahan yang belum diputuskan masih ada (1)" in waiting
    assert published("decision.made", call_id) == []
    # Resolving needs a reason, shown beside the field.
    path = f"/review/admin/calls/{call_id}/objections/{objection.id}/resolve"
    bare = client.post(path, data={"csrf_token": csrf, "outcome": "dismissed", "resolution": " "})
    assert bare.status_code == 422
    assert "Tulis alasan putusan." in bare.get_data(as_text=True)
    ok = client.post(path, data={"csrf_token": csrf, "outcome": "dismissed",
                                 "resolution": "Tidak terbukti: namanya berbeda."})  # fmt: skip
    assert ok.status_code == 302
    assert len(published("objection.resolved", call_id)) == 1
    # Final now: one decision.made per proposal, exactly once however often it is asked.
    done = client.post(f"/review/admin/calls/{call_id}/objections/finalize",
                       data={"csrf_token": csrf}, follow_redirects=True)  # fmt: skip
    assert "Keputusan final: 2 keputusan" in done.get_data(as_text=True)
    with runtime.database("review").session() as s:
        assert objections.finalize(s, call_id, utcnow()) is None  # the beat, later: nothing
    # Asked again (a page shown before the beat finalized it): final all the same, nothing twice.
    again = client.post(f"/review/admin/calls/{call_id}/objections/finalize",
                        data={"csrf_token": csrf}, follow_redirects=True)  # fmt: skip
    assert "Keputusan final: 2 keputusan" in again.get_data(as_text=True)
    made = published("decision.made", call_id)
    assert sorted((m["proposal_id"], m["decision"]) for m in made) == sorted(
        [(first, "winner"), (second, "finalist")]
    )
    assert len(published("decisions.finalized", call_id)) == 1
    # Every step is in the admin's audit log, in words.
    logged = {
        "objections.opened": "Masa sanggah dibuka",
        "objection.filed": "Sanggahan diajukan",
        "objection.resolved": "Sanggahan diputuskan",
        "decisions.finalized": "Keputusan difinalkan setelah masa sanggah",
    }
    for action, words in logged.items():
        log = client.get(f"/admin/audit?action={action}").get_data(as_text=True)
        assert words in log, action


def test_an_address_confirmed_by_its_link_files_and_bad_input_is_told_beside_its_field(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    call_id, first, _, _ = decided_and_open(client, emails)
    visitor = client.application.test_client()
    page = visitor.get(f"/uji-publik/{call_id}").get_data(as_text=True)
    assert "Kirim tautan konfirmasi" in page
    assert "Kirim sanggahan" not in page
    bad = visitor.post(f"/uji-publik/{call_id}/email",
                       data={"csrf_token": csrf_of(page), "email": "bukan-alamat"})  # fmt: skip
    assert bad.status_code == 422
    assert "Tulis alamat surel yang sah" in bad.get_data(as_text=True)
    sent = visitor.post(f"/uji-publik/{call_id}/email",
                        data={"csrf_token": csrf_of(page), "email": "Warga@Contoh.id"})  # fmt: skip
    assert sent.status_code == 302
    [asked] = published("objection.email_requested", call_id)
    assert asked["email"] == "warga@contoh.id"
    link = str(asked["confirm_path"])
    assert re.fullmatch(rf"/uji-publik/{call_id}/email/[\w.-]+", link)
    form_page = visitor.get(link).get_data(as_text=True)
    assert "Anda mengajukan sebagai warga@contoh.id" in form_page
    secret = link.rsplit("/", 1)[1]
    base = {"csrf_token": csrf_of(form_page), "token": secret, "proposal_id": str(first),
            "name": "Warga"}  # fmt: skip
    short = visitor.post(f"/uji-publik/{call_id}", data={**base, "reason": "tidak adil"})
    assert short.status_code == 422
    assert "Alasan paling sedikit 30 karakter." in short.get_data(as_text=True)
    program = visitor.post(f"/uji-publik/{call_id}", data={
        **base, "reason": REASON,
        "evidence": (io.BytesIO(b"MZ" + b"\0" * 200), "bukti.exe")})  # fmt: skip
    assert program.status_code == 422
    assert "berisi program" in program.get_data(as_text=True)
    forged = visitor.post(f"/uji-publik/{call_id}", data={**base, "token": secret + "x",
                                                           "reason": REASON})  # fmt: skip
    assert forged.status_code == 403
    assert stored(call_id) == []  # nothing kept of the refused ones
    done = visitor.post(f"/uji-publik/{call_id}", data={**base, "reason": REASON})
    assert done.status_code == 302
    [objection] = stored(call_id)
    assert (objection.email, objection.user_id, objection.name) == (
        "warga@contoh.id",
        None,
        "Warga",
    )


def test_a_filing_after_the_last_second_is_refused_by_the_server_and_nothing_is_kept(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    call_id, first, _, _ = decided_and_open(client, emails)
    objector = client.application.test_client()
    sign_in(objector, OBJECTOR)
    page = objector.get(f"/uji-publik/{call_id}").get_data(as_text=True)
    assert "Kirim sanggahan" in page  # the page showed an open window ...
    set_end(call_id, utcnow().replace(microsecond=0) - timedelta(seconds=1))
    late = objector.post(f"/uji-publik/{call_id}", data={
        "csrf_token": csrf_of(page), "proposal_id": str(first), "name": "Warga",
        "reason": REASON})  # fmt: skip
    assert late.status_code == 409  # ... the server refuses, to the second
    assert "Masa sanggah telah berakhir pada" in late.get_data(as_text=True)
    assert stored(call_id) == []
    assert published("objection.filed", call_id) == []


def test_a_call_without_uji_publik_publishes_its_decisions_at_once_and_has_no_public_page(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    from tests.support.review import CALL

    proposal_id = scored(client, emails, CALL)
    csrf = sign_in(client, ADMIN)
    client.post(f"/review/admin/calls/{CALL}/decisions", data={
        "csrf_token": csrf, f"decision_{proposal_id}_1": "finalist", "confirm": "yes"})  # fmt: skip
    assert [m["proposal_id"] for m in published("decision.made", CALL)].count(proposal_id) == 1
    assert client.get(f"/uji-publik/{CALL}").status_code == 404
    refused = client.post(f"/review/admin/calls/{CALL}/objections/open",
                          data={"csrf_token": csrf}, follow_redirects=True)  # fmt: skip
    assert "tidak memakai uji publik" in refused.get_data(as_text=True)


def test_the_beat_finalizes_a_closed_window_once_however_often_it_runs(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    call_id, first, second, _ = decided_and_open(client, emails)
    assert tasks.finalize_objections() >= 0  # still open: nothing of this call
    assert published("decision.made", call_id) == []
    set_end(call_id, utcnow() - timedelta(seconds=1))
    assert tasks.finalize_objections() >= 1
    assert tasks.finalize_objections() == 0  # the second run finds nothing to claim
    made = [(m["proposal_id"], m["decision"]) for m in published("decision.made", call_id)]
    assert sorted(made) == sorted([(first, "winner"), (second, "finalist")])
    assert len(published("decisions.finalized", call_id)) == 1


def test_an_upheld_objection_lets_the_admin_change_the_decision_before_it_is_final(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    call_id, first, second, csrf = decided_and_open(client, emails)
    objector = client.application.test_client()
    sign_in(objector, OBJECTOR)
    page = objector.get(f"/uji-publik/{call_id}").get_data(as_text=True)
    objector.post(f"/uji-publik/{call_id}", data={
        "csrf_token": csrf_of(page), "proposal_id": str(second), "name": "Warga",
        "reason": REASON})  # fmt: skip
    [objection] = stored(call_id)
    path = f"/review/admin/calls/{call_id}/objections/{objection.id}/resolve"
    unchosen = client.post(path, data={"csrf_token": csrf, "resolution": "Terbukti."})
    assert unchosen.status_code == 422
    assert "Pilih diterima atau ditolak." in unchosen.get_data(as_text=True)
    upheld = client.post(path, data={"csrf_token": csrf, "outcome": "upheld",
                                     "resolution": "Terbukti sudah menang di tempat lain."},
                         follow_redirects=True)  # fmt: skip
    assert "Ubah keputusan inovasi ini sebelum final" in upheld.get_data(as_text=True)
    twice = {"csrf_token": csrf, "outcome": "dismissed", "resolution": "Berubah pikiran."}
    again = client.post(path, data=twice, follow_redirects=True)
    assert "Sanggahan ini sudah diputuskan." in again.get_data(as_text=True)
    changed = client.post(f"/review/admin/calls/{call_id}/decisions", data={
        "csrf_token": csrf, f"decision_{second}_1": "not_selected", "confirm": "yes"})  # fmt: skip
    assert changed.status_code == 302
    assert published("decision.made", call_id) == []  # still held
    set_end(call_id, utcnow() - timedelta(seconds=1))
    with runtime.database("review").session() as s:
        assert objections.finalize(s, call_id, utcnow()) == 2
    made = sorted((m["proposal_id"], m["decision"]) for m in published("decision.made", call_id))
    assert made == sorted([(first, "winner"), (second, "not_selected")])  # one each, the last


def test_the_innovators_are_told_of_the_window_and_the_address_gets_its_link(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    call_id, _, _, _ = decided_and_open(client, emails)
    [opened] = [e for e in events("objections.opened") if e.call_id == call_id]
    told = drafts_for(opened, "https://sipinda.test")
    assert [(d.kind, d.email, d.link) for d in told] == [
        ("objections_opened", "rahasia@x.test", f"/uji-publik/{call_id}")
    ]  # the one innovator of both proposals, once
    visitor = client.application.test_client()
    page = visitor.get(f"/uji-publik/{call_id}").get_data(as_text=True)
    visitor.post(f"/uji-publik/{call_id}/email",
                 data={"csrf_token": csrf_of(page), "email": "warga@contoh.id"})  # fmt: skip
    [asked] = [e for e in events("objection.email_requested") if e.call_id == call_id]
    [mail] = drafts_for(asked, "https://sipinda.test")
    assert (mail.kind, mail.email, mail.user_id) == ("objection_email", "warga@contoh.id", None)
    assert mail.link == asked.confirm_path


def test_links_mailed_to_one_address_are_rate_limited(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    if limiter() is None:
        pytest.skip("no Redis configured: rate limits are not counted")
    call_id, _, _, _ = decided_and_open(client, emails)
    visitor = client.application.test_client()
    csrf = csrf_of(visitor.get(f"/uji-publik/{call_id}").get_data(as_text=True))
    replies = [
        visitor.post(
            f"/uji-publik/{call_id}/email", data={"csrf_token": csrf, "email": "banyak@contoh.id"}
        ).status_code
        for _ in range(EMAILS_PER_ADDRESS.count + 1)
    ]
    assert replies == [302] * EMAILS_PER_ADDRESS.count + [429]


def test_two_workers_finalizing_at_once_publish_the_decisions_once(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    """The second finalize waits on the window's row until the first commits, then finds it
    claimed (PostgreSQL; SQLite has one writer at a time)."""
    database = runtime.database("review")
    with database.session() as s:
        if s.get_bind().dialect.name != "postgresql":
            pytest.skip("row locks between two sessions: PostgreSQL")
    call_id, _, _, _ = decided_and_open(client, emails)
    set_end(call_id, utcnow() - timedelta(seconds=1))
    results: list[int | None] = []

    def second() -> None:
        with database.session() as other:
            results.append(objections.finalize(other, call_id, utcnow()))

    with database.session() as first:
        results.append(objections.finalize(first, call_id, utcnow()))
        racing = threading.Thread(target=second)
        racing.start()
    racing.join()
    assert sorted(results, key=lambda r: r is None) == [2, None]
    assert len(published("decision.made", call_id)) == 2
