"""Decisions and their announcement ask first (issue 21): the admin's choice shows a page that
lists each proposal, its decision now and what it becomes; nothing is decided until they
confirm, and then the message says what was done and how to change it. The announcement is
shown before it is made, then published: documents makes the Pengumuman Hasil, which everyone
signed in opens, and each innovator is told with a link to it."""

from __future__ import annotations

import json

from flask.testing import FlaskClient
from sqlalchemy import select

from services.documents.consumers import CONSUMER as DOCUMENTS
from services.notifications.drafting import drafts_for
from services.review.models import OUTBOX, ReviewProposal
from shared import runtime
from shared.events import Envelope, ResultsAnnounced
from tests.support.documents import text_of
from tests.support.pages import sign_in
from tests.support.review import CALL, admit
from tests.support.submission import token


def scored(client: FlaskClient, emails: dict[int, str]) -> int:
    assignments, proposal_id = admit(emails)
    for a in assignments:
        body = {"scores": {"kebaruan": {"score": 7, "comment": ""},
                           "dampak": {"score": 8, "comment": ""}}, "submit": True}  # fmt: skip
        done = client.put(f"/api/v1/review/assignments/{a.id}/review", json=body,
                          headers=token(client, emails[a.evaluator_id]))  # fmt: skip
        assert done.status_code == 200, done.json
    return proposal_id


def decision_of(proposal_id: int) -> str | None:
    with runtime.database("review").session() as s:
        found = s.get(ReviewProposal, (proposal_id, 1))
        assert found is not None
        return found.decision


def test_a_decision_is_confirmed_before_it_is_saved(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    proposal_id = scored(client, emails)
    csrf = sign_in(client, "admin@sipinda.test")
    page = f"/review/admin/calls/{CALL}/decisions"
    form = {"csrf_token": csrf, f"decision_{proposal_id}_1": "winner"}
    asked = client.post(page, data=form)
    assert asked.status_code == 200
    html = asked.get_data(as_text=True)
    assert "Periksa keputusan sebelum disimpan" in html
    assert f"Inovasi Uji {proposal_id}" in html
    assert "<strong>Pemenang</strong>" in html
    assert "Ya, simpan 1 keputusan" in html
    assert decision_of(proposal_id) is None  # nothing yet
    done = client.post(page, data={**form, "confirm": "yes"})
    assert done.status_code == 302
    assert decision_of(proposal_id) == "winner"
    after = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Untuk mengubahnya, pilih keputusan lain" in after


def announced_events() -> list[ResultsAnnounced]:
    with runtime.database("review").session() as s:
        rows = s.scalars(select(OUTBOX.events.c.envelope)
                         .where(OUTBOX.events.c.name == "results.announced")).all()  # fmt: skip
    found = [ResultsAnnounced.model_validate(json.loads(e)["payload"]) for e in rows]
    return [e for e in found if e.call_id == CALL]


def test_the_results_are_announced_after_a_look_then_published_read_and_mailed(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    proposal_id = scored(client, emails)
    csrf = sign_in(client, "admin@sipinda.test")
    chosen = {"csrf_token": csrf, f"decision_{proposal_id}_1": "winner", "confirm": "yes"}
    client.post(f"/review/admin/calls/{CALL}/decisions", data=chosen)
    before = len(announced_events())
    page = f"/review/admin/calls/{CALL}/announce"
    asked = client.get(page).get_data(as_text=True)
    assert "Umumkan hasil kompetisi" in asked
    assert f"Inovasi Uji {proposal_id}" in asked
    assert "Ya, umumkan hasil sekarang" in asked
    assert len(announced_events()) == before  # looking announces nothing
    done = client.post(page, data={"csrf_token": csrf})
    assert done.status_code == 302
    assert "Hasil diumumkan" in client.get(done.headers["Location"]).get_data(as_text=True)
    event = announced_events()[-1]
    assert event.announcement_no == before + 1
    mine = next(r for r in event.results if r.proposal_id == proposal_id)
    assert (mine.decision, mine.innovator.name) == ("winner", "Nama Inovator Rahasia")
    # Each innovator is told, with a link to the announcement.
    drafts = [d for d in drafts_for(event, "https://sipinda.test") if d.proposal_id == proposal_id]
    assert [(d.kind, d.link) for d in drafts] == [
        ("results_announced", f"/documents/calls/{CALL}/announcement")
    ]
    # Documents makes the announcement, which anyone signed in opens from that link.
    DOCUMENTS.handle(Envelope.wrap(event, "review").to_wire(), lambda _e, _s: None)
    reader = client.application.test_client()
    sign_in(reader, "inovator.disdukcapil@sipinda.test")
    opened = reader.get(f"/documents/calls/{CALL}/announcement")
    assert opened.status_code == 302
    pdf = reader.get(opened.headers["Location"])
    assert pdf.headers["Content-Type"] == "application/pdf"
    text = " ".join(text_of(pdf.data).split())
    assert "PENGUMUMAN HASIL" in text.upper()
    assert f"Inovasi Uji {proposal_id}" in text
    assert "Pemenang" in text
