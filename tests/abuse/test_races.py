"""Two requests racing to move the same thing, through the app on its real databases (SQLite
files, or PostgreSQL when DATABASE_URL names a server): exactly one moves it (2xx), the other
gets 409 with a message in its language, and the outbox holds exactly one event of the move —
nothing lost, nothing duplicated.

The race is made certain, not left to luck: each racing request is held just before its first
write to the service's database until the other has reached the same point, so both have read
the state as it was before either moved it (what two clicks at the same moment do)."""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from services.platform.registry import module
from services.review import evaluators
from shared import runtime
from shared.events import CallPublished, RubricAspect
from tests.support.review import CALL, admit, emails
from tests.support.submission import complete_proposal, make_call, token
from tests.support.submission import events as submission_events

Request = Callable[[FlaskClient], Any]
WRITES = ("INSERT", "UPDATE", "DELETE")
ITEMS = dict.fromkeys(("complete", "eligible_age", "decree_attached", "no_duplicate_title"), True)
__all__ = ["emails"]  # the review call's evaluators, invited and accepted once per module
SCORES = {"kebaruan": {"score": 7, "comment": ""}, "dampak": {"score": 8, "comment": "baik"}}


@contextmanager
def held_before_first_write(engine: Engine, racers: int) -> Iterator[threading.local]:
    """Hold each racing thread (one that sets `racing` on the returned local) before its first
    write on `engine` until every racer is there. A racer refused before writing frees the
    others when the barrier gives up."""
    barrier = threading.Barrier(racers)
    mark = threading.local()

    def hold(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if getattr(mark, "racing", False) and statement.lstrip().upper().startswith(WRITES):
            mark.racing = False
            with suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=15)

    event.listen(engine, "before_cursor_execute", hold)
    try:
        yield mark
    finally:
        event.remove(engine, "before_cursor_execute", hold)


def race(app: Flask, service: str, requests: Sequence[Request]) -> list[Any]:
    """Run the requests at once, each on its own client and thread; their replies in order."""
    replies: list[Any] = [None] * len(requests)
    with held_before_first_write(runtime.database(service).engine, len(requests)) as mark:

        def run(i: int) -> None:
            mark.racing = True
            replies[i] = requests[i](app.test_client())

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    return replies


def one_won(replies: list[Any], won: int = 200) -> Any:
    """Exactly one reply is `won`, the other 409 with a message a person reads; the winner."""
    statuses = sorted(r.status_code for r in replies)
    assert statuses == sorted([won, 409]), [
        (r.status_code, r.get_data(as_text=True)) for r in replies
    ]
    loser = next(r for r in replies if r.status_code == 409)
    message = loser.json["error"]["message"]
    assert message.endswith("."), message  # a sentence, not a key
    assert " " in message, message
    return next(r for r in replies if r.status_code == won)


def outbox(service: str, name: str, **match: object) -> list[dict[str, Any]]:
    """Payloads of `name` events in the service's outbox whose fields equal `match`."""
    events = module(service, "models").OUTBOX.events
    with runtime.database(service).session() as s:
        rows = s.scalars(select(events.c.envelope).where(events.c.name == name))
        payloads = [json.loads(r)["payload"] for r in rows]
    return [p for p in payloads if all(p.get(k) == v for k, v in match.items())]


# --- submission -------------------------------------------------------------------------------


@pytest.fixture
def people(client: FlaskClient) -> dict[str, dict[str, str]]:
    return {
        role: token(client, email)
        for role, email in (("admin", "admin@sipinda.test"),
                            ("innovator", "inovator.dinkes@sipinda.test"),
                            ("verifier", "verifikator@sipinda.test"))
    }  # fmt: skip


@pytest.fixture
def submitted(
    client: FlaskClient, people: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> int:
    """A proposal submitted to a call with the administrative check, waiting for the verifier."""
    from datetime import timedelta

    from services.submission import clock
    from tests.support.submission import OPENS

    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))
    call_id = make_call(client, people["admin"])
    proposal_id = complete_proposal(client, people["innovator"], call_id, "Balapan Pemeriksaan")
    reply = client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=people["innovator"])
    assert reply.status_code == 202, reply.json
    return proposal_id


def check(headers: dict[str, str], proposal_id: int, decision: str) -> Request:
    body: dict[str, Any] = {
        "pass": {"decision": "pass", "items": ITEMS},
        "return": {"decision": "return", "fixes": ["Lengkapi data."]},
        "refuse": {"decision": "refuse", "reason": "Belum diterapkan."},
    }[decision]
    return lambda c: c.post(f"/api/v1/proposals/{proposal_id}/check", json=body, headers=headers)


@pytest.mark.parametrize(
    "decisions", [("pass", "return"), ("pass", "pass"), ("return", "return"), ("refuse", "pass")]
)
def test_two_verdicts_at_once_one_is_recorded(
    app: Flask, people: dict[str, dict[str, str]], submitted: int, decisions: tuple[str, str]
) -> None:
    verifier = {**people["verifier"], "Accept-Language": "en"}
    replies = race(app, "submission", [check(verifier, submitted, d) for d in decisions])
    winner = one_won(replies)
    published = {
        status: submission_events(f"proposal.{status}", submitted)
        for status in ("admitted", "returned", "refused")
    }
    assert sum(len(e) for e in published.values()) == 1
    assert winner.json["status"] == next(s for s, e in published.items() if e)
    history = app.test_client().get(f"/api/v1/proposals/{submitted}/check", headers=verifier)
    assert len(history.json["history"]) == 1  # the loser's check record is not kept


def test_two_withdrawals_at_once_publish_one(
    app: Flask, people: dict[str, dict[str, str]], submitted: int
) -> None:
    innovator = people["innovator"]
    path = f"/api/v1/proposals/{submitted}/withdraw"
    replies = race(app, "submission", [lambda c: c.post(path, headers=innovator)] * 2)
    assert one_won(replies).json["status"] == "withdrawn"
    assert len(submission_events("proposal.withdrawn", submitted)) == 1


def test_two_resubmits_at_once_freeze_one_version(
    app: Flask, client: FlaskClient, people: dict[str, dict[str, str]], submitted: int
) -> None:
    assert check(people["verifier"], submitted, "return")(client).status_code == 200
    path = f"/api/v1/proposals/{submitted}/submit"
    replies = race(app, "submission", [lambda c: c.post(path, headers=people["innovator"])] * 2)
    assert one_won(replies, won=202).json["version_no"] == 2
    assert [e["version_no"] for e in submission_events("proposal.submitted", submitted)] == [1, 2]


# --- review -------------------------------------------------------------------------------------


def review_put(headers: dict[str, str], assignment_id: int) -> Request:
    path = f"/api/v1/review/assignments/{assignment_id}/review"
    return lambda c: c.put(path, json={"scores": SCORES, "submit": True}, headers=headers)


def review_post(headers: dict[str, str], assignment_id: int, action: str) -> Request:
    path = f"/api/v1/review/assignments/{assignment_id}/{action}"
    body = {"reason": "Kerabat inovator"} if action == "conflict" else None
    return lambda c: c.post(path, json=body, headers=headers)


@pytest.mark.parametrize(
    "actions", [("submit", "submit"), ("submit", "decline"), ("decline", "conflict")]
)
def test_two_moves_of_one_review_at_once_one_wins(
    app: Flask, client: FlaskClient, emails: dict[int, str], actions: tuple[str, str]
) -> None:
    [a, _], proposal_id = admit(emails)
    mine = {**token(client, emails[a.evaluator_id]), "Accept-Language": "en"}
    requests = [
        review_put(mine, a.id) if act == "submit" else review_post(mine, a.id, act)
        for act in actions
    ]
    one_won(race(app, "review", requests))
    submitted = outbox("review", "review.submitted", review_id=a.id)
    released = outbox("review", "review.released", review_id=a.id)
    assert len(submitted) + len(released) == 1
    replaced = outbox("review", "review.assigned", proposal_id=proposal_id)
    assert len(replaced) == 1 + len(released)  # one replacement per release, none for a loser


def test_the_last_two_reviews_at_once_score_the_proposal_once(
    app: Flask, client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, b], proposal_id = admit(emails)
    first, second = (token(client, emails[x.evaluator_id]) for x in (a, b))
    replies = race(app, "review", [review_put(first, a.id), review_put(second, b.id)])
    assert [r.status_code for r in replies] == [200, 200]
    assert len(outbox("review", "proposal.scored", proposal_id=proposal_id)) == 1


def test_two_decisions_at_once_publish_one(
    app: Flask, client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, b], proposal_id = admit(emails)
    for x in (a, b):
        assert review_put(token(client, emails[x.evaluator_id]), x.id)(client).status_code == 200
    admin = token(client, "admin@sipinda.test")
    path = f"/api/v1/review/calls/{CALL}/decisions"

    def decide(decision: str) -> Request:
        body = {"decisions": [{"proposal_id": proposal_id, "version_no": 1, "decision": decision}]}
        return lambda c: c.post(path, json=body, headers=admin)

    one_won(race(app, "review", [decide("finalist"), decide("winner")]))
    assert len(outbox("review", "decision.made", proposal_id=proposal_id)) == 1


def test_an_invitation_answered_twice_at_once_keeps_one_answer(
    app: Flask, client: FlaskClient, emails: dict[int, str]
) -> None:
    call_id = CALL + 1000 + secrets.randbelow(100_000)
    evaluator_id = sorted(emails)[0]
    published = CallPublished(
        call_id=call_id, version_no=1, call_name="Balapan Undangan", year=2025,
        opens_at=datetime(2025, 1, 1, tzinfo=UTC), closes_at=datetime(2025, 6, 1, tzinfo=UTC),
        evaluators_per_proposal=2, blind=True,
        aspects=(RubricAspect(key="dampak", title="Dampak", weight=1.0),),
    )  # fmt: skip
    with runtime.database("review").session() as s:
        evaluators.record_call(s, published)
        [invitation] = evaluators.invite(s, call_id, [evaluator_id])
        invitation_id = invitation.id
    mine = token(client, emails[evaluator_id])
    base = f"/api/v1/review/invitations/{invitation_id}"
    requests = [lambda c, x=x: c.post(f"{base}/{x}", headers=mine) for x in ("accept", "decline")]
    winner = one_won(race(app, "review", requests))
    invited = outbox("review", "evaluator.invited", invitation_id=invitation_id)
    assert len(invited) == 1  # answering publishes nothing; the invitation was sent once
    assert winner.json["status"] in ("accepted", "declined")


def test_two_call_edits_at_once_make_one_version(
    app: Flask, client: FlaskClient, people: dict[str, dict[str, str]], submitted: int
) -> None:
    call_id = client.get(f"/api/v1/proposals/{submitted}", headers=people["innovator"]).json[
        "call_id"
    ]
    before = len(submission_events("call.published"))
    path = f"/api/v1/calls/{call_id}/extend"

    def extend(day: int) -> Request:
        body = {"closes_at": f"2030-07-{day:02d}T23:59:59+07:00", "reason": "Perpanjangan"}
        return lambda c: c.post(path, json=body, headers=people["admin"])

    one_won(race(app, "submission", [extend(10), extend(20)]))
    published = submission_events("call.published")[before:]
    assert [e["call_id"] for e in published] == [call_id]
    assert published[0]["version_no"] == 2


def test_a_team_invitation_accepted_twice_at_once_is_accepted_once(
    app: Flask, client: FlaskClient, people: dict[str, dict[str, str]], submitted: int
) -> None:
    colleague = "inovator.disdukcapil@sipinda.test"
    base = f"/api/v1/proposals/{submitted}"
    invited = client.post(f"{base}/team", json={"email": colleague}, headers=people["innovator"])
    assert invited.status_code == 201, invited.json
    mine = token(client, colleague)
    path = f"/api/v1/invitations/{invited.json['id']}/accept"
    winner = one_won(race(app, "submission", [lambda c: c.post(path, headers=mine)] * 2))
    assert winner.json["accepted"] is True


def test_a_document_revoked_twice_at_once_is_revoked_once(app: Flask, client: FlaskClient) -> None:
    from services.documents import bootstrap, letters
    from tests.support.documents import make_review

    with runtime.database("documents").session() as s:
        sheet = letters.issue_score_sheet(
            s, make_review(review_id=90_000 + secrets.randbelow(9_000)), bootstrap.press()
        )
        assert sheet is not None
        sheet_id = sheet.id
    admin = {**token(client, "admin@sipinda.test"), "Accept-Language": "en"}
    path = f"/api/v1/documents/{sheet_id}/revoke"
    winner = one_won(race(app, "documents", [lambda c: c.post(path, headers=admin)] * 2))
    assert winner.json["status"] == "revoked"


def test_one_reset_link_used_twice_at_once_sets_one_password(app: Flask) -> None:
    from services.identity.accounts import find_user_by_email
    from services.identity.reset import create_reset
    from shared.outbox import utcnow
    from tests.support.identity import new_user

    address = new_user()
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, address)
        assert user is not None
        link, epoch = create_reset(s, user, utcnow()), user.session_epoch
    path = "/api/v1/auth/password/reset"

    def reset(password: str) -> Request:
        return lambda c: c.post(path, json={"token": link, "password": password})

    replies = race(app, "identity", [reset("kata-sandi-satu-111"), reset("kata-sandi-dua-222")])
    assert sorted(r.status_code for r in replies) == [200, 400]
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, address)
        assert user is not None
        assert user.session_epoch == epoch + 1  # one password set, one stamp moved on
