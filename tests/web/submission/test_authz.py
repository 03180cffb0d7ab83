"""Every submission route × every role × someone else's object: a table, checked against the
app's URL map so a new route without a row fails here.

The object is a submitted proposal of the Dinas Kesehatan innovator, with one attachment, made
fresh for each case. "allowed" means the request got past authorisation (any status but 401, 403
and 404 — a 409 for a state that forbids the action still proves the role may try it)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

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
    definition,
    make_call,
    pdf_bytes,
    token,
    upload,
)

ROLES = {
    "owner": "inovator.dinkes@sipinda.test",
    "other_innovator": "inovator.disdukcapil@sipinda.test",
    "operator": "operator.dinkes@sipinda.test",
    "verifier": "verifikator@sipinda.test",
    "admin": "admin@sipinda.test",
    "evaluator": "evaluator.akademisi2@sipinda.test",
    "assigned_evaluator": "evaluator.akademisi1@sipinda.test",
}
EVERYONE = frozenset(ROLES)
READERS = frozenset({"owner", "operator", "verifier", "admin", "assigned_evaluator"})
EDITORS = frozenset({"owner", "operator", "admin"})
CHECKERS = frozenset({"verifier", "admin"})
ADMIN = frozenset({"admin"})
CREATORS = frozenset({"owner", "other_innovator", "operator", "admin"})
NOBODY: frozenset[str] = frozenset()
OUTSIDER = "inovator.kelcibeber@sipinda.test"


@dataclass(frozen=True)
class Obj:
    proposal_id: int
    attachment_id: int
    call_id: int
    member_id: int  # the owner's invitation to someone outside the table's roles


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    path: Callable[[Obj], str]
    allowed: frozenset[str]
    body: Callable[[Obj], Any] | None = None
    upload: bool = False


P = "/api/v1/proposals"
ROUTES = [
    Route("submission_calls_api.calls", "GET", lambda o: "/api/v1/calls", EVERYONE),
    Route("submission_calls_api.call_templates", "GET", lambda o: "/api/v1/call-templates",
          EVERYONE),
    Route("submission_calls_api.call", "GET", lambda o: f"/api/v1/calls/{o.call_id}", EVERYONE),
    Route("submission_calls_api.call_version", "GET",
          lambda o: f"/api/v1/calls/{o.call_id}/versions/1", EVERYONE),
    Route("submission_calls_api.create_call", "POST", lambda o: "/api/v1/calls", ADMIN,
          body=lambda o: definition()),
    Route("submission_calls_api.edit_call", "PUT", lambda o: f"/api/v1/calls/{o.call_id}", ADMIN,
          body=lambda o: {"definition": definition(), "reason": "uji"}),
    Route("submission_calls_api.extend_call", "POST",
          lambda o: f"/api/v1/calls/{o.call_id}/extend", ADMIN,
          body=lambda o: {"closes_at": "2030-08-01T00:00:00", "reason": "alasan uji"}),
    Route("submission_calls_api.audit", "GET", lambda o: "/api/v1/audit", ADMIN),
    Route("submission_api.index", "GET", lambda o: P, EVERYONE),
    Route("submission_api.export", "GET", lambda o: f"{P}/export?format=csv", EVERYONE),
    Route("submission_api.create", "POST", lambda o: P, CREATORS,
          body=lambda o: {"title": "Baru", "summary": "Isi."}),
    Route("submission_api.show", "GET", lambda o: f"{P}/{o.proposal_id}", READERS),
    Route("submission_api.update", "PATCH", lambda o: f"{P}/{o.proposal_id}", EDITORS,
          body=lambda o: {"title": "Diubah"}),
    Route("submission_api.submit", "POST", lambda o: f"{P}/{o.proposal_id}/submit", EDITORS),
    Route("submission_api.withdraw", "POST", lambda o: f"{P}/{o.proposal_id}/withdraw", EDITORS),
    Route("submission_api.extend", "POST", lambda o: f"{P}/{o.proposal_id}/extend", ADMIN,
          body=lambda o: {"until": "2030-08-01T00:00:00", "reason": "alasan uji"}),
    Route("submission_api.versions", "GET", lambda o: f"{P}/{o.proposal_id}/versions", READERS),
    Route("submission_api.version", "GET", lambda o: f"{P}/{o.proposal_id}/versions/1", READERS),
    Route("submission_api.timeline", "GET", lambda o: f"{P}/{o.proposal_id}/timeline", READERS),
    Route("submission_api.attachments", "GET", lambda o: f"{P}/{o.proposal_id}/attachments",
          READERS),
    Route("submission_api.upload", "POST", lambda o: f"{P}/{o.proposal_id}/attachments", EDITORS,
          upload=True),
    Route("submission_api.download", "GET",
          lambda o: f"{P}/{o.proposal_id}/attachments/{o.attachment_id}", READERS),
    Route("submission_api.delete_attachment", "DELETE",
          lambda o: f"{P}/{o.proposal_id}/attachments/{o.attachment_id}", EDITORS),
    Route("submission_api.check", "GET", lambda o: f"{P}/{o.proposal_id}/check", CHECKERS),
    Route("submission_api.record_check", "POST", lambda o: f"{P}/{o.proposal_id}/check", CHECKERS,
          body=lambda o: {"decision": "return", "fixes": ["Perbaiki."]}),
    Route("submission_api.team", "GET", lambda o: f"{P}/{o.proposal_id}/team", READERS),
    Route("submission_api.invite", "POST", lambda o: f"{P}/{o.proposal_id}/team", EDITORS,
          body=lambda o: {"email": "inovator.disdukcapil@sipinda.test"}),
    Route("submission_api.remove_member", "DELETE",
          lambda o: f"{P}/{o.proposal_id}/team/{o.member_id}", EDITORS),
    Route("submission_calls_api.invitations", "GET", lambda o: "/api/v1/invitations", EVERYONE),
    Route("submission_calls_api.accept_invitation", "POST",
          lambda o: f"/api/v1/invitations/{o.member_id}/accept", NOBODY),
]  # fmt: skip


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
    invited = client.post(f"{P}/{proposal_id}/team", json={"email": OUTSIDER}, headers=owner)
    assert invited.status_code == 201, invited.json
    return Obj(proposal_id, attachment_id, call_id, int(invited.json["id"]))


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
    call_id: int,
    route: Route,
    role: str,
) -> None:
    obj = fresh_object(client, tokens, call_id)
    status = call_route(client, route, obj, tokens[role])
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
        if rule.endpoint.startswith(("submission_api.", "submission_calls_api."))
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


@dataclass(frozen=True)
class PageRoute:
    endpoint: str
    method: str
    path: Callable[[Obj], str]
    allowed: frozenset[str]
    form: Callable[[Obj], dict[str, Any]] | None = None


PAGES = [
    PageRoute("submission_pages.home", "GET", lambda o: "/", EVERYONE),
    PageRoute("submission_pages.index", "GET", lambda o: "/proposals", EVERYONE),
    PageRoute("submission_pages.new", "GET", lambda o: "/proposals/new", EVERYONE),
    PageRoute("submission_pages.new", "POST", lambda o: "/proposals/new", CREATORS,
              form=lambda o: {"title": "Baru Lewat Halaman", "summary": "Isi.", "call_id": ""}),
    PageRoute("submission_pages.show", "GET", lambda o: f"/proposals/{o.proposal_id}", READERS),
    PageRoute("submission_pages.versions", "GET",
              lambda o: f"/proposals/{o.proposal_id}/versions", READERS),
    PageRoute("submission_pages.edit", "POST", lambda o: f"/proposals/{o.proposal_id}/edit",
              EDITORS, form=lambda o: {"title": "Diubah"}),
    PageRoute("submission_pages.submit", "POST", lambda o: f"/proposals/{o.proposal_id}/submit",
              EDITORS),
    PageRoute("submission_pages.withdraw", "POST",
              lambda o: f"/proposals/{o.proposal_id}/withdraw", EDITORS),
    PageRoute("submission_pages.upload", "POST",
              lambda o: f"/proposals/{o.proposal_id}/attachments", EDITORS,
              form=lambda o: {"kind": "other", "file": (io.BytesIO(pdf_bytes()), "a.pdf")}),
    PageRoute("submission_pages.delete_attachment", "POST",
              lambda o: f"/proposals/{o.proposal_id}/attachments/{o.attachment_id}/delete",
              EDITORS),
    PageRoute("submission_pages.check", "POST", lambda o: f"/proposals/{o.proposal_id}/check",
              CHECKERS, form=lambda o: {"decision": "return", "fixes": "Perbaiki."}),
    PageRoute("submission_pages.extend", "POST", lambda o: f"/proposals/{o.proposal_id}/extend",
              ADMIN, form=lambda o: {"until": "2030-08-01T00:00:00", "reason": "alasan uji"}),
    PageRoute("submission_pages.calls", "GET", lambda o: "/calls", EVERYONE),
    PageRoute("submission_pages.call", "GET", lambda o: f"/calls/{o.call_id}", EVERYONE),
    PageRoute("submission_pages.new_call", "GET", lambda o: "/calls/new", ADMIN),
    PageRoute("submission_pages.new_call", "POST", lambda o: "/calls/new", ADMIN,
              form=lambda o: {"definition": json.dumps(definition())}),
    PageRoute("submission_pages.edit_call", "POST", lambda o: f"/calls/{o.call_id}/edit", ADMIN,
              form=lambda o: {"definition": json.dumps(definition()), "reason": "uji"}),
    PageRoute("submission_pages.extend_call", "POST", lambda o: f"/calls/{o.call_id}/extend",
              ADMIN, form=lambda o: {"closes_at": "2030-08-01T00:00:00", "reason": "alasan uji"}),
    PageRoute("submission_pages.invite", "POST", lambda o: f"/proposals/{o.proposal_id}/team",
              EDITORS, form=lambda o: {"email": "inovator.disdukcapil@sipinda.test"}),
    PageRoute("submission_pages.remove_member", "POST",
              lambda o: f"/proposals/{o.proposal_id}/team/{o.member_id}/delete", EDITORS),
    PageRoute("submission_pages.accept_invitation", "POST",
              lambda o: f"/invitations/{o.member_id}/accept", NOBODY),
    PageRoute("submission_charts.chart", "GET", lambda o: "/admin/charts/stages.svg", ADMIN),
]  # fmt: skip


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
    call_id: int,
    route: PageRoute,
    role: str,
) -> None:
    obj = fresh_object(client, tokens, call_id)
    browser, csrf = browsers[role]
    if route.method == "GET":
        reply = browser.get(route.path(obj))
    else:
        form = {"csrf_token": csrf, **(route.form(obj) if route.form else {})}
        reply = browser.post(route.path(obj), data=form, content_type="multipart/form-data")
    status = reply.status_code
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
        if rule.endpoint.startswith(("submission_pages.", "submission_charts."))
        and rule.endpoint != "submission_pages.static"
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert served == {(r.endpoint, r.method) for r in PAGES}
