"""Every submission route × every role × someone else's object: a table, checked against the
app's URL map so a new route without a row fails here.

The object is a submitted proposal of the Dinas Kesehatan innovator, with one attachment, made
fresh for a case unless the case before was a GET or refused (`Objects`). "allowed" means the
request got past authorisation (any status but 401, 403 and 404 — a 409 for a state that forbids
the action still proves the role may try it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from services.identity.accounts import find_user_by_email
from services.submission import clock
from services.submission.consumers import CONSUMER
from shared import runtime
from shared.events import Assignee, Envelope, Person, ReviewAssigned
from tests.support.submission import (
    OPENS,
    PASSWORD,
    complete_proposal,
    make_call,
    pdf_bytes,
    token,
    upload,
)
from tests.support.submission_routes import (
    OUTSIDER,
    PAGES,
    ROLES,
    ROUTES,
    Obj,
    P,
    PageRoute,
    Route,
)


@pytest.fixture(scope="module")
def tokens(app: Flask) -> dict[str, dict[str, str]]:
    client = app.test_client()
    return {role: token(client, email) for role, email in ROLES.items()}


@pytest.fixture(scope="module")
def call_id(app: Flask, tokens: dict[str, dict[str, str]]) -> int:
    return make_call(app.test_client(), tokens["admin"])


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def fresh_object(client: FlaskClient, tokens: dict[str, dict[str, str]], call_id: int) -> Obj:
    """A submitted proposal of the owner with one extra attachment, and one evaluator on it."""
    owner = tokens["owner"]
    proposal_id = complete_proposal(client, owner, call_id, "Milik Orang Lain")
    attachment_id = upload(client, owner, proposal_id, "other", pdf_bytes()).json["id"]
    assert client.post(f"{P}/{proposal_id}/submit", headers=owner).status_code == 202
    with runtime.database("identity").session() as s:
        evaluator = find_user_by_email(s, ROLES["assigned_evaluator"])
        assert evaluator is not None
        evaluator_id = evaluator.id
    event = ReviewAssigned(
        proposal_id=proposal_id, version_no=1, title="t", summary="s", opd_code="dinkes",
        opd_name="Dinkes", innovator=Person(id=1, name="x", email="x@x"), submitted_at=OPENS,
        evaluators=(Assignee(evaluator_id=evaluator_id, name="E", email="e@x", opd_code=None),),
    )  # fmt: skip
    CONSUMER.handle(Envelope.wrap(event, "review").to_wire(), lambda _e, _s: None)
    # Hundreds of worlds, one owner: the per-inviter limit (tests/abuse) is not what this tests.
    config = client.application.config
    config["RATELIMIT_ENABLED"] = False
    try:
        invited = client.post(f"{P}/{proposal_id}/team", json={"email": OUTSIDER}, headers=owner)
    finally:
        config["RATELIMIT_ENABLED"] = True
    assert invited.status_code == 201, invited.json
    return Obj(proposal_id, attachment_id, call_id, int(invited.json["id"]))


class Objects:
    """The cases' object: made fresh (a tenth of a second, two thirds of a case's time) only
    when the case before may have changed it: one that passed with a GET or a refusal (after
    which the object is checked to be as it was) leaves it for the next."""

    def __init__(self, client: FlaskClient, tokens: dict[str, dict[str, str]], call_id: int):
        self.client, self.tokens, self.call_id = client, tokens, call_id
        self.kept: Obj | None = None

    @contextmanager
    def one(self, method: str) -> Iterator[tuple[Obj, list[int]]]:
        """The object, and a list for the case's status; kept only if the case passes."""
        obj = self.kept or fresh_object(self.client, self.tokens, self.call_id)
        self.kept, status = None, list[int]()
        yield obj, status
        if method == "GET" or set(status) <= {403, 404}:
            self.kept = obj


@pytest.fixture(scope="module")
def objects(app: Flask, tokens: dict[str, dict[str, str]], call_id: int) -> Objects:
    return Objects(app.test_client(), tokens, call_id)


def call_route(client: FlaskClient, route: Route, obj: Obj, headers: dict[str, str]) -> int:
    path = route.path(obj)
    if route.upload:
        return int(upload(client, headers, obj.proposal_id, "other", pdf_bytes()).status_code)
    body = route.body(obj) if route.body else None
    reply = client.open(path, method=route.method, json=body, headers=headers)
    status = reply.status_code
    reply.close()
    return status


CASES = [(r, role) for r in ROUTES for role in ROLES]


@pytest.mark.parametrize(
    ("route", "role"), CASES, ids=[f"{r.endpoint}-{role}" for r, role in CASES]
)
def test_route_role_object(
    client: FlaskClient,
    tokens: dict[str, dict[str, str]],
    objects: Objects,
    route: Route,
    role: str,
) -> None:
    with objects.one(route.method) as (obj, statuses):
        status = call_route(client, route, obj, tokens[role])
        statuses.append(status)
        if role in route.allowed:
            assert status not in {401, 403, 404}, (route.endpoint, role, status)
        else:
            assert status in {403, 404}, (route.endpoint, role, status)
        if status in {403, 404}:  # refused: the object is as it was
            shown = client.get(f"{P}/{obj.proposal_id}", headers=tokens["owner"]).json
            assert shown["status"] == "submitted"
            assert shown["title"] == "Milik Orang Lain"


def test_without_a_token_every_api_route_is_401(
    client: FlaskClient, tokens: dict[str, dict[str, str]], call_id: int
) -> None:
    obj = fresh_object(client, tokens, call_id)
    for route in ROUTES:
        assert call_route(client, route, obj, {}) == 401, route.endpoint


def test_the_list_shows_the_object_only_to_its_readers(
    client: FlaskClient, tokens: dict[str, dict[str, str]], call_id: int
) -> None:
    obj = fresh_object(client, tokens, call_id)
    for role, headers in tokens.items():
        ids = {p["id"] for p in client.get(P, headers=headers).json}
        expected = role in {"owner", "operator", "verifier", "admin"}
        assert (obj.proposal_id in ids) == expected, role


def test_the_table_covers_every_api_route(app: Flask) -> None:
    served = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(
            ("submission_api.", "submission_calls_api.", "submission_summary.summary_api")
        )
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert served == {(r.endpoint, r.method) for r in ROUTES}


def sign_in(client: FlaskClient, email: str) -> str:
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    form = {"email": email, "password": PASSWORD, "csrf_token": csrf.group(1)}
    assert client.post("/login", data=form).status_code == 302
    listing = client.get("/proposals").get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', listing)
    return found.group(1) if found else csrf.group(1)


# --- the pages: the same table through the session cookie and CSRF-protected forms -----------


@pytest.fixture(scope="module")
def browsers(app: Flask) -> dict[str, tuple[FlaskClient, str]]:
    """A signed-in session (client, CSRF token) per role."""
    signed: dict[str, tuple[FlaskClient, str]] = {}
    for role, email in ROLES.items():
        client = app.test_client()
        signed[role] = (client, sign_in(client, email))
    return signed


PAGE_CASES = [(r, role) for r in PAGES for role in ROLES]


@pytest.mark.parametrize(
    ("route", "role"), PAGE_CASES, ids=[f"{r.endpoint}-{r.method}-{role}" for r, role in PAGE_CASES]
)
def test_page_role_object(
    client: FlaskClient,
    tokens: dict[str, dict[str, str]],
    browsers: dict[str, tuple[FlaskClient, str]],
    objects: Objects,
    route: PageRoute,
    role: str,
) -> None:
    browser, csrf = browsers[role]
    with objects.one(route.method) as (obj, statuses):
        if route.method == "GET":
            reply = browser.get(route.path(obj))
        else:
            form = {"csrf_token": csrf, **(route.form(obj) if route.form else {})}
            reply = browser.post(route.path(obj), data=form, content_type="multipart/form-data")
        status = reply.status_code
        statuses.append(status)
        reply.close()
        if role in route.allowed:
            assert status not in {401, 403, 404}, (route.endpoint, role, status)
            if status == 302:
                assert "/login" not in reply.headers["Location"]
        else:
            assert status in {403, 404}, (route.endpoint, role, status)
            shown = client.get(f"{P}/{obj.proposal_id}", headers=tokens["owner"]).json
            assert (shown["status"], shown["title"]) == ("submitted", "Milik Orang Lain")


def test_the_page_table_covers_every_page(app: Flask) -> None:
    served = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(
            ("submission_pages.", "submission_charts.", "submission_summary.summary_card")
        )
        and rule.endpoint != "submission_pages.static"
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert served == {(r.endpoint, r.method) for r in PAGES}
