"""Blind review, walked as the evaluator: in a blind call nothing an evaluator can reach names
the innovator, the team or the agency — the queue (page and API), the assignment (page, its
<title>, API), the proposal and its attachments (the supporting files the score form opens
included), the documents (list, Content-Disposition file
names, PDF metadata and text) and the mails.

The proposal is written to leak: its title, summary, text and a file name carry the names."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from pypdf import PdfReader

from services.notifications.composer import render
from services.notifications.drafting import drafts_for
from services.submission import clock
from shared.blind import identity_names, masker
from shared.events import Envelope
from tests.support.chain import (
    OWNER,
    admit_and_assign,
    email_of,
    open_call,
    published,
    pump,
    user_name,
)
from tests.support.submission import OPENS, complete_body, pdf_bytes, token, upload

COLLEAGUE = "inovator.disdukcapil@sipinda.test"


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def leaky_proposal(client: FlaskClient, call_id: int, names: dict[str, str]) -> int:
    owner = token(client, OWNER)
    body = complete_body(call_id, f"Inovasi {names['innovator']} {names['agency']}")
    body["summary"] = f"Oleh {names['colleague']}."
    body["sections"] = {
        "ringkasan": f"Tim {names['code'].upper()}.",
        "uraian": f"{names['innovator']} dan {names['colleague']} dari {names['agency']}.",
    }
    made = client.post("/api/v1/proposals", json=body, headers=owner)
    assert made.status_code == 201, made.json
    proposal_id = int(made.json["id"])
    file_name = names["innovator"].replace(" ", "_") + ".pdf"
    for kind in ("sk_inovator", "aspect:uraian"):
        sent = upload(client, owner, proposal_id, kind, pdf_bytes(names["innovator"]), file_name)
        assert sent.status_code == 201, sent.json
    base = f"/api/v1/proposals/{proposal_id}"
    config = client.application.config
    config["RATELIMIT_ENABLED"] = False
    try:
        invited = client.post(f"{base}/team", json={"email": COLLEAGUE}, headers=owner)
    finally:
        config["RATELIMIT_ENABLED"] = True
    assert invited.status_code == 201, invited.json
    accepted = client.post(
        f"/api/v1/invitations/{invited.json['id']}/accept", headers=token(client, COLLEAGUE)
    )
    assert accepted.status_code == 200, accepted.json
    return proposal_id


def pdf_texts(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    meta = [str(v) for v in (reader.metadata or {}).values()]
    return meta + [page.extract_text() or "" for page in reader.pages]


def test_nothing_an_evaluator_reaches_in_a_blind_call_names_who_wrote_it(
    client: FlaskClient,
) -> None:
    call_id = open_call(client, name="Lomba Anonim", blind=True)
    names = {
        "innovator": user_name(OWNER),
        "colleague": user_name(COLLEAGUE),
        "agency": "Dinas Kesehatan",
        "code": "dinkes",
    }
    proposal_id = leaky_proposal(client, call_id, names)
    review = admit_and_assign(client, call_id, proposal_id)[0]
    who = token(client, email_of(review.evaluator_id))
    leak = masker(
        identity_names(names["innovator"], [names["colleague"]], names["agency"], "dinkes")
    )

    seen: dict[str, str] = {}
    for path in (
        "/review",
        "/api/v1/review/assignments",
        f"/review/assignments/{review.id}",
        f"/api/v1/review/assignments/{review.id}",
        f"/api/v1/proposals/{proposal_id}",
        f"/proposals/{proposal_id}",
        f"/api/v1/proposals/{proposal_id}/attachments",
        f"/api/v1/proposals/{proposal_id}/documents",
    ):
        reply = client.get(path, headers=who)
        assert reply.status_code in {200, 404}, (path, reply.status_code)
        seen[path] = reply.get_data(as_text=True)
    page = seen[f"/review/assignments/{review.id}"]
    (title,) = re.findall(r"<title>(.*?)</title>", page, re.S)
    assert "disamarkan" in title  # the title was there, masked
    assert "Inovasi" in seen["/review"]  # the queue lists it, masked

    # The evaluator's own score sheet (lembar penilaian) is theirs to read too.
    view = client.get(f"/api/v1/review/assignments/{review.id}", headers=who).json
    scores = {a["key"]: {"score": 7, "comment": "Baik."} for a in view["aspects"]}
    done = client.put(
        f"/api/v1/review/assignments/{review.id}/review",
        json={"scores": scores, "submit": True},
        headers=who,
    )
    assert done.status_code == 200, done.json
    pump(proposal_id, call_id)
    documents: list[dict[str, Any]] = client.get(
        f"/api/v1/proposals/{proposal_id}/documents", headers=who
    ).json
    kinds = {d["kind"] for d in documents}
    assert {"proposal_dossier_blind", "lembar_penilaian"} <= kinds, kinds
    for d in documents:
        got = client.get(f"/documents/{d['id']}/download", headers=who)
        assert got.status_code == 200
        seen[f"document {d['id']} file name"] = got.headers["Content-Disposition"]
        for n, text in enumerate(pdf_texts(got.data)):
            seen[f"document {d['id']} part {n}"] = text
    # The supporting files beside each aspect of the score form: named neutrally, no metadata.
    shown = re.findall(rf'href="(/proposals/{proposal_id}/attachments/\d+/view)"', page)
    assert shown, "the score form lists the aspect's supporting file"
    for href in set(shown):
        got = client.get(href, headers=who)
        assert got.status_code == 200, href
        seen[f"{href} file name"] = got.headers["Content-Disposition"]
        for n, text in enumerate(pdf_texts(got.data)):
            seen[f"{href} part {n}"] = text
    attachments = client.get(f"/api/v1/proposals/{proposal_id}/attachments", headers=who)
    if attachments.status_code == 200:
        for a in attachments.json:
            got = client.get(f"/api/v1/proposals/{proposal_id}/attachments/{a['id']}", headers=who)
            seen[f"attachment {a['id']}"] = got.headers.get("Content-Disposition", "")

    for wire in published(proposal_id, call_id):
        event = Envelope.model_validate(wire).open()
        for draft in drafts_for(event, "https://sipinda.test"):
            if draft.user_id != review.evaluator_id:
                continue
            mail = render(draft.kind.value, draft.language, draft.context)
            seen[f"mail {wire['name']}"] = f"{mail.subject}\n{mail.text}\n{mail.html}"

    leaks = {where: text for where, text in seen.items() if leak.names(text)}
    assert leaks == {}
    assert any(k.startswith("mail review.assigned") for k in seen)
