"""Files opened in the browser beside the score form (issue 22): a PDF or an image inline, the
rest downloaded; an assigned evaluator of a blind call gets an aspect's supporting files only,
under a neutral name and without their author in the metadata, and nobody else gets any."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from pypdf import PdfReader

from services.identity.accounts import find_user_by_email
from services.submission import clock
from services.submission.consumers import CONSUMER
from shared import runtime
from shared.events import Assignee, Envelope, Person, ReviewAssigned, ReviewReleased
from tests.support.submission import (
    CLOSES,
    OPENS,
    complete_body,
    make_call,
    pdf_bytes,
    token,
    upload,
)

EVALUATOR = "evaluator.praktisi@sipinda.test"
AUTHOR = "Nama Inovator Rahasia"


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def evaluator_id() -> int:
    with runtime.database("identity").session() as s:
        found = find_user_by_email(s, EVALUATOR)
        assert found is not None
        return found.id


def assigned(client: FlaskClient, blind: bool) -> tuple[int, dict[str, int]]:
    """A submitted proposal of a (blind) call with a decree and a supporting file named after
    its author, assigned to the evaluator; its id and its files' ids by kind."""
    admin = token(client, "admin@sipinda.test")
    innovator = token(client, "inovator.dinkes@sipinda.test")
    call_id = make_call(client, admin, blind=blind, check={"enabled": False})
    made = client.post("/api/v1/proposals", json=complete_body(call_id, f"Berkas {blind}"),
                       headers=innovator)  # fmt: skip
    proposal_id = int(made.json["id"])
    ids = {}
    for kind in ("sk_inovator", "aspect:uraian"):
        sent = upload(client, innovator, proposal_id, kind, pdf_bytes(AUTHOR), f"{AUTHOR}.pdf")
        assert sent.status_code == 201, sent.json
        ids[kind] = int(sent.json["id"])
    assert (
        client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=innovator).status_code == 202
    )
    CONSUMER.handle(Envelope.wrap(ReviewAssigned(
        proposal_id=proposal_id, version_no=1, title="t", summary="s", opd_code="dinkes",
        opd_name="Dinkes", innovator=Person(id=1, name="x", email="x@x"), submitted_at=CLOSES,
        evaluators=(Assignee(evaluator_id=evaluator_id(), name="E", email="e@x", opd_code=None),),
    ), "review").to_wire(), lambda _e, _s: None)  # fmt: skip
    return proposal_id, ids


def test_a_blind_evaluator_opens_the_supporting_file_masked_and_nothing_else(
    client: FlaskClient,
) -> None:
    proposal_id, ids = assigned(client, blind=True)
    reader = token(client, EVALUATOR)
    base = f"/proposals/{proposal_id}/attachments"
    shown = client.get(f"{base}/{ids['aspect:uraian']}/view", headers=reader)
    assert shown.status_code == 200
    assert shown.headers["Content-Type"] == "application/pdf"
    disposition = shown.headers["Content-Disposition"]
    assert disposition.startswith("inline")
    assert AUTHOR not in disposition
    assert f"lampiran-{ids['aspect:uraian']}.pdf" in disposition
    assert AUTHOR.encode() not in shown.data
    assert PdfReader(io.BytesIO(shown.data)).metadata in (None, {})
    assert client.get(f"{base}/{ids['sk_inovator']}/view", headers=reader).status_code == 404
    # The proposal's own page and file list stay closed to a blind reader.
    assert client.get(f"/api/v1/proposals/{proposal_id}/attachments",
                      headers=reader).status_code == 404  # fmt: skip


def test_an_open_call_serves_the_file_as_uploaded_and_strangers_get_nothing(
    client: FlaskClient,
) -> None:
    proposal_id, ids = assigned(client, blind=False)
    base = f"/proposals/{proposal_id}/attachments"
    shown = client.get(f"{base}/{ids['sk_inovator']}/view", headers=token(client, EVALUATOR))
    assert shown.status_code == 200
    assert "inline" in shown.headers["Content-Disposition"]
    assert AUTHOR.encode() in shown.data  # an open call: the file as the innovator sent it
    other = token(client, "evaluator.akademisi1@sipinda.test")
    assert client.get(f"{base}/{ids['sk_inovator']}/view", headers=other).status_code == 404
    CONSUMER.handle(Envelope.wrap(ReviewReleased(
        review_id=1, proposal_id=proposal_id, version_no=1, title="t", reason="declined",
        evaluator=Assignee(evaluator_id=evaluator_id(), name="E", email="e@x", opd_code=None),
    ), "review").to_wire(), lambda _e, _s: None)  # fmt: skip
    released = client.get(f"{base}/{ids['sk_inovator']}/view", headers=token(client, EVALUATOR))
    assert released.status_code == 404
