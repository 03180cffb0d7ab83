"""One set of numbers (issue 22): for a call with known scores, the calibrated score and the
disagreement flag are the same on the admin's ranking page, in the ranking API and in the score
recap PDF that the documents service renders from the `review.submitted` events review
published."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select

from services.documents import call_documents, letters
from services.documents import calls as documents_calls
from services.documents.models import Base, ProposalInfo
from services.review import evaluators
from services.review.models import OUTBOX
from services.review.results_export import XLSX_TYPE
from shared import runtime
from shared.db import Database
from shared.events import CallPublished, ReviewSubmitted, RubricAspect
from shared.formats import number
from tests.support.documents import ADMIN, make_press, text_of
from tests.support.pages import sign_in
from tests.support.review import EVALUATORS, admit, evaluator, user_id
from tests.support.submission import token

CALL = 7703
PUBLISHED = CallPublished(
    call_id=CALL, version_no=1, call_name="KIPP Sepakat", year=2025,
    opens_at=datetime(2025, 1, 1, tzinfo=UTC), closes_at=datetime(2025, 6, 1, tzinfo=UTC),
    evaluators_per_proposal=2, blind=False,
    aspects=(RubricAspect(key="kebaruan", title="Kebaruan", weight=0.5),
             RubricAspect(key="dampak", title="Dampak", weight=0.5)),
)  # fmt: skip
# Each proposal's two reviews, (kebaruan, dampak): the first pair's totals lie 5 points apart;
# the last pair's totals agree (6.5 each) but they give one aspect 4 and 9: both disagree.
GIVEN = (((4, 4), (9, 9)), ((7, 8), (8, 8)), ((6, 6), (6, 7)), ((4, 9), (9, 4)))


@pytest.fixture
def documents_db(tmp_path: Path) -> Iterator[Database]:
    database = Database("documents", f"sqlite:///{tmp_path / 'documents.db'}")
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def scored_call(client: FlaskClient, emails: dict[int, str]) -> list[int]:
    with runtime.database("review").session() as s:
        evaluators.record_call(s, PUBLISHED)
        for invitation in evaluators.invite(s, CALL, sorted(user_id(e) for e in EVALUATORS)):
            if invitation.status == "invited":
                evaluators.answer_invitation(
                    s, evaluator(invitation.evaluator_id), invitation.id, accept=True
                )
    proposals = []
    for pair in GIVEN:
        assignments, proposal_id = admit(emails, CALL)
        for a, (first, second) in zip(assignments, pair, strict=True):
            body = {
                "scores": {
                    "kebaruan": {"score": first, "comment": "ok"},
                    "dampak": {"score": second, "comment": "ok"},
                },
                "submit": True,
            }
            done = client.put(f"/api/v1/review/assignments/{a.id}/review", json=body,
                              headers=token(client, emails[a.evaluator_id]))  # fmt: skip
            assert done.status_code == 200, done.json
        proposals.append(proposal_id)
    return proposals


@pytest.fixture(scope="module")
def proposals(app: Flask, emails: dict[int, str]) -> list[int]:
    """The call's four proposals, each scored by its two evaluators."""
    return scored_call(app.test_client(), emails)


def published_reviews(proposals: list[int]) -> list[ReviewSubmitted]:
    """The `review.submitted` events review put in its outbox for these proposals."""
    with runtime.database("review").session() as s:
        rows = s.scalars(select(OUTBOX.events.c.envelope)
                         .where(OUTBOX.events.c.name == "review.submitted")).all()  # fmt: skip
    found = [ReviewSubmitted.model_validate(json.loads(e)["payload"]) for e in rows]
    return [e for e in found if e.proposal_id in proposals]


def test_the_page_the_api_and_the_recap_pdf_agree(
    client: FlaskClient, proposals: list[int], documents_db: Database
) -> None:
    admin = token(client, "admin@sipinda.test")
    ranked = {r["proposal_id"]: r for r in
              client.get(f"/api/v1/review/calls/{CALL}/ranking", headers=admin).json}  # fmt: skip
    assert [ranked[p]["disagreement"] for p in proposals] == [True, False, False, True]

    press = make_press()
    with documents_db.session() as s:
        documents_calls.record_call(s, PUBLISHED)
        for p in proposals:
            s.add(ProposalInfo(proposal_id=p, version_no=1, call_id=CALL, payload={
                "title": f"Inovasi Uji {p}", "opd_name": "Dinas Uji", "category": ""}))  # fmt: skip
        for review in published_reviews(proposals):
            letters.issue_score_sheet(s, review, press)
        table = call_documents.recap_data(s, CALL)
        recap = call_documents.issue_recap(s, CALL, ADMIN, datetime(2025, 7, 1, tzinfo=UTC), press)
        assert recap is not None
        pdf = press.storage.get(recap.storage_key)
    rows = {r["proposal_id"]: r for c in table["categories"] for r in c["rows"]}
    for p in proposals:
        assert rows[p]["calibrated"] == ranked[p]["calibrated"], p
        assert rows[p]["disagreement"] == ranked[p]["disagreement"], p

    text = " ".join(text_of(pdf).split())
    browser = client.application.test_client()
    sign_in(browser, "admin@sipinda.test")
    html = browser.get(f"/review/admin/calls/{CALL}").get_data(as_text=True)
    for p in proposals:
        shown = number(ranked[p]["calibrated"], "id", 2)
        line = re.search(rf"#{p} Inovasi Uji {p} .*?(?=#\d|$)", text)
        assert line is not None, p
        assert shown in line.group(0), (p, shown, line.group(0))
        assert ("Ya" in line.group(0)) is ranked[p]["disagreement"], line.group(0)
        row = next(r for r in html.split("<tr>") if f"Inovasi Uji {p}</a>" in r)
        assert f"<td>{shown}</td>" in row, (p, shown)
        assert ("<strong>Ya</strong>" in row) is ranked[p]["disagreement"], p


def test_the_results_workbook_carries_every_score_rank_and_decision(
    client: FlaskClient, proposals: list[int]
) -> None:
    browser = client.application.test_client()
    sign_in(browser, "admin@sipinda.test")
    reply = browser.get(f"/review/admin/calls/{CALL}/results.xlsx")
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == XLSX_TYPE
    book = load_workbook(io.BytesIO(reply.data))
    ranking, scores = book.worksheets
    assert (ranking.title, scores.title) == ("Peringkat", "Nilai per evaluator")
    heads = [c.value for c in ranking[1]]
    assert heads[:4] == ["Peringkat kategori", "Peringkat kelompok", "No. proposal", "Judul"]
    ranked = {
        r["proposal_id"]: r
        for r in client.get(
            f"/api/v1/review/calls/{CALL}/ranking", headers=token(client, "admin@sipinda.test")
        ).json
    }
    rows = {row[2]: row for row in ranking.iter_rows(min_row=2, values_only=True)}
    for p in proposals:
        assert rows[p][8] == ranked[p]["calibrated"]
        assert rows[p][0] == ranked[p]["rank"]
        assert (rows[p][9] == "Ya") is ranked[p]["disagreement"]
    assert [c.value for c in scores[1]][4:] == ["Kebaruan (50\xa0%)", "Dampak (50\xa0%)",
                                                "Nilai total tertimbang"]  # fmt: skip
    given = sorted(
        (row[0], row[4], row[5], row[6])
        for row in scores.iter_rows(min_row=2, values_only=True)
        if row[0] in proposals
    )
    assert len(given) == 8  # every review of the four proposals, each aspect and its total
    assert (proposals[0], 4.0, 4.0, 4.0) in given
    # Nobody else downloads it.
    other = client.application.test_client()
    sign_in(other, "verifikator@sipinda.test")
    assert other.get(f"/review/admin/calls/{CALL}/results.xlsx").status_code == 403
