"""The reviews in figures for the admin's dashboard, per call: a seeded call's reviews done,
overdue and disagreements to settle, in its JSON and on its card; the admin's only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import delete

from services.review.models import SCORED, Assignment, Evaluator, ReviewCall, ReviewProposal
from shared import runtime
from shared.outbox import utcnow
from tests.support.pages import sign_in
from tests.support.submission import token

API = "/api/v1/review/admin/summary"
CARD = "/review/admin/summary"
CALL = 987_001  # far from every other test's call
EVALUATORS = ONE, TWO = (987_001, 987_002)
PROPOSALS = (987_001, 987_002, 987_003, 987_004)


@pytest.fixture(scope="module")
def seeded_call(app: object) -> Iterator[int]:
    """Four proposals of one call: one scored with disagreeing reviews and no decision yet, one
    disagreeing but decided, one still in review with one review overdue and one in time."""
    now = utcnow()
    past, later = now - timedelta(days=1), now + timedelta(days=2)
    with runtime.database("review").session() as s:
        s.add(ReviewCall(call_id=CALL, version_no=1, name="Uji Dasbor", k=2, blind=False,
                         scale_min=1, scale_max=10, aspects=[], review_days=7, settings={},
                         received_at=now))  # fmt: skip
        for e in EVALUATORS:  # inactive: never chosen for another test's proposals
            s.add(Evaluator(id=e, name=f"Penilai {e}", email=f"p{e}@uji.test", kind="academic",
                            active=False))  # fmt: skip
        status = {987_001: SCORED, 987_002: SCORED, 987_003: SCORED, 987_004: "waiting"}
        for p in PROPOSALS:
            s.add(ReviewProposal(
                proposal_id=p, version_no=1, title=f"Uji {p}", summary="", opd_code="dinkes",
                opd_name="Dinas Kesehatan", innovator_id=1, innovator_name="Uji",
                innovator_email="uji@uji.test", call_id=CALL,
                submitted_at=datetime(2030, 1, 2, tzinfo=UTC), received_at=now,
                status=status[p], disagreement=p in (987_001, 987_002),
                decision="winner" if p == 987_002 else None,
            ))  # fmt: skip
        s.flush()
        held = [
            (987_001, ONE, "submitted", past), (987_001, TWO, "submitted", past),
            (987_002, ONE, "submitted", past), (987_002, TWO, "released", past),
            (987_004, ONE, "assigned", past), (987_004, TWO, "draft", later),
        ]  # fmt: skip
        for p, e, state, due in held:
            s.add(Assignment(proposal_id=p, version_no=1, evaluator_id=e, status=state,
                             assigned_at=now, load_at_assignment=0, reason="uji", call_id=CALL,
                             due_at=due))  # fmt: skip
    yield CALL
    with runtime.database("review").session() as s:
        s.execute(delete(Assignment).where(Assignment.call_id == CALL))
        s.execute(delete(ReviewProposal).where(ReviewProposal.call_id == CALL))
        s.execute(delete(ReviewCall).where(ReviewCall.call_id == CALL))
        s.execute(delete(Evaluator).where(Evaluator.id.in_(EVALUATORS)))


def test_the_calls_reviews_in_figures(client: FlaskClient, seeded_call: int) -> None:
    reply = client.get(API, headers=token(client, "admin@sipinda.test"))
    assert reply.status_code == 200, reply.json
    (line,) = [c for c in reply.json if c["call_id"] == seeded_call]
    assert line == {"call_id": seeded_call, "name": "Uji Dasbor", "held": 5, "done": 3,
                    "overdue": 1, "disagreements": 1}  # fmt: skip


def test_the_card_in_words_in_both_languages(client: FlaskClient, seeded_call: int) -> None:
    sign_in(client, "admin@sipinda.test")
    card = client.get(CARD, headers={"Accept-Language": "id"})
    assert card.status_code == 200
    assert card.headers["X-Frame-Options"] == "SAMEORIGIN"
    html = card.get_data(as_text=True)
    for words in ("3 dari 5 penilaian selesai.", "1 penilaian melewati tenggat.",
                  "1 usulan dengan nilai yang berbeda jauh menunggu keputusan"):  # fmt: skip
        assert words in html, html
    assert f'href="/review/admin/calls/{seeded_call}" target="_top"' in html
    assert "review.summary." not in html
    english = client.get(CARD, headers={"Accept-Language": "en"}).get_data(as_text=True)
    for words in ("Reviews done: 3 of 5.", "Reviews past their due date: 1.",
                  "Disagreements waiting for a decision: 1"):  # fmt: skip
        assert words in english, english


@pytest.mark.parametrize(
    "email",
    [
        "inovator.dinkes@sipinda.test",
        "verifikator@sipinda.test",
        "evaluator.akademisi1@sipinda.test",
    ],
)
def test_nobody_but_the_admin_reads_them(client: FlaskClient, email: str) -> None:
    assert client.get(API, headers=token(client, email)).status_code == 403
    sign_in(client, email)
    assert client.get(CARD).status_code == 403


def test_a_stranger_is_asked_to_sign_in(client: FlaskClient) -> None:
    assert client.get(API).status_code == 401
    assert client.get(CARD).headers["Location"].startswith("/login")
