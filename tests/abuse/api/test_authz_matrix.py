"""Every route × every role × the owner's objects, against the expectation table; the table is
checked against the URL map, so a route without a row fails here.

Submission's routes have their own table (tests/web/submission/test_authz.py), public
routes are listed in test_anonymous.py; this file checks that the three together cover every
route the combined app serves. "Allowed" means past authorisation: any status but 401, 403 and
404 (a 409 or 422 still proves the role may try); a 5xx is always a failure."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.abuse.api.authz_table import DOC_READERS, ROLES, ROWS, Row
from tests.abuse.api.test_anonymous import PUBLIC
from tests.support import submission_routes as submission
from tests.support.authz_world import World, build_world, fresh_review, state
from tests.support.routes import csrf_of, served
from tests.support.submission import PASSWORD, token

pytestmark = pytest.mark.abuse

REFUSED = {401, 403, 404}


class Sessions:
    """A bearer token and a signed-in browser (with its CSRF token) per e-mail, made once."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.tokens: dict[str, dict[str, str]] = {}
        self.browsers: dict[str, tuple[FlaskClient, str]] = {}

    def bearer(self, email: str) -> dict[str, str]:
        if email not in self.tokens:
            self.tokens[email] = token(self.app.test_client(), email)
        return self.tokens[email]

    def browser(self, email: str) -> tuple[FlaskClient, str]:
        if email not in self.browsers:
            client = self.app.test_client()
            csrf = csrf_of(client.get("/login").get_data(as_text=True))
            form = {"email": email, "password": PASSWORD, "csrf_token": csrf}
            assert client.post("/login", data=form).status_code == 302
            self.browsers[email] = (client, csrf_of(client.get("/notifications").text))
        return self.browsers[email]


@pytest.fixture(scope="module")
def sessions(app: Flask) -> Sessions:
    return Sessions(app)


@pytest.fixture(scope="module")
def world(app: Flask, sessions: Sessions) -> World:
    return build_world(app.test_client(), sessions.bearer("admin@sipinda.test"))


def request(sessions: Sessions, row: Row, world: World, email: str) -> tuple[int, str]:
    path = row.path(world)
    if path.startswith("/api/"):
        client = sessions.app.test_client()
        headers = token(client, email) if row.revokes else sessions.bearer(email)
        body = row.body(world) if callable(row.body) else row.body
        reply = client.open(path, method=row.method, json=body, headers=headers)
    else:
        client, csrf = sessions.browser(email)
        if row.method == "GET":
            reply = client.get(path)
        else:
            reply = client.open(path, method=row.method, data={"csrf_token": csrf})
    status, location = reply.status_code, reply.headers.get("Location", "")
    reply.close()
    return status, location


CASES = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.parametrize(
    ("row", "role"), CASES, ids=[f"{r.endpoint}-{r.method}-{role}" for r, role in CASES]
)
def test_route_role_object(sessions: Sessions, world: World, row: Row, role: str) -> None:
    if row.fresh:
        world = fresh_review(
            world, sessions.app.test_client(), sessions.bearer(world.emails["admin"])
        )
    before = state(world)
    status, location = request(sessions, row, world, world.emails[role])
    assert status < 500, (row.endpoint, role, status)
    if role in row.allowed:
        assert status not in REFUSED, (row.endpoint, role, status)
        assert not location.startswith("/login"), (row.endpoint, role, location)
    else:
        assert status in REFUSED, (row.endpoint, role, status)
        assert state(world) == before, (row.endpoint, role)  # refused: nothing changed


def test_a_proposals_documents_are_listed_only_to_their_readers(
    sessions: Sessions, world: World
) -> None:
    client = sessions.app.test_client()
    for role in ROLES:
        headers = sessions.bearer(world.emails[role])
        listed = client.get(f"/api/v1/proposals/{world.proposal_id}/documents", headers=headers)
        ids = {d["id"] for d in listed.json}
        assert (world.document_id in ids) == (role in DOC_READERS), role


def test_the_tables_cover_every_route(app: Flask) -> None:
    tabled = {(r.endpoint, r.method) for r in ROWS}
    tabled |= {(r.endpoint, r.method) for r in [*submission.ROUTES, *submission.PAGES]}
    public = {key for key in served(app) if key[0] in PUBLIC}
    missing = set(served(app)) - tabled - public
    assert not missing, sorted(missing)
