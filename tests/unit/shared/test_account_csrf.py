"""CSRF: every state-changing page route (whoever's service registers it) refuses a form
without the session's token; the API refuses a cookie for a state change."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import AnyConverter, BaseConverter, IntegerConverter, Rule

from tests.unit.shared.account_support import PASSWORD, client_from, csrf_of, login_form, new_user

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def page_routes(app: Flask) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            continue
        for method in sorted((rule.methods or set()) & UNSAFE):
            found.append((method, url_of(rule)))
    return found


def url_of(rule: Rule) -> str:
    values = {name: sample(converter) for name, converter in rule._converters.items()}
    return rule.build(values, append_unknown=False)[1]  # type: ignore[index]


def sample(converter: BaseConverter) -> object:
    """A value the route accepts: a number, one of an `any(...)`'s choices, or a word."""
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "x"


def test_there_are_state_changing_pages(app: Flask) -> None:
    routes = page_routes(app)
    assert ("POST", "/login") in routes
    assert ("POST", "/logout") in routes
    assert ("POST", "/password/forgot") in routes


@pytest.mark.parametrize("token", [None, "", "forged-token"], ids=["missing", "empty", "forged"])
def test_every_page_form_refuses_a_missing_or_wrong_token(
    app: Flask, client: FlaskClient, token: str | None
) -> None:
    client_from(client)
    assert login_form(client, new_user(), PASSWORD).status_code == 302
    for method, url in page_routes(app):
        data = {} if token is None else {"csrf_token": token}
        reply = client.open(url, method=method, data=data, headers={"Accept": "application/json"})
        assert reply.status_code == 400, (method, url, reply.status_code)
        assert reply.get_json()["error"]["code"] == "csrf", (method, url)
    # Still signed in: the refused logout did nothing.
    assert client.get("/api/v1/me").status_code == 200


def test_login_without_token_is_refused_and_nothing_happens(client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    reply = client.post("/login", data={"email": address, "password": PASSWORD})
    assert reply.status_code == 400
    assert "Formulir kedaluwarsa" in reply.get_data(as_text=True)
    assert client.get("/api/v1/me").status_code == 401


def test_token_changes_at_login(client: FlaskClient) -> None:
    client_from(client)
    before = csrf_of(client.get("/login").get_data(as_text=True))
    assert login_form(client, new_user(), PASSWORD).status_code == 302
    after = csrf_of(client.get("/password/forgot").get_data(as_text=True))
    assert before != after


def test_api_state_changes_need_the_bearer_header_not_the_cookie(client: FlaskClient) -> None:
    client_from(client)
    assert login_form(client, new_user(), PASSWORD).status_code == 302
    assert client.get("/api/v1/me").status_code == 200
    reply = client.post("/api/v1/proposals", json={"title": "Lewat cookie"})
    assert reply.status_code == 401
