"""Accounts under attack, on the embedded app and on each service's own web app (they share the
session cookie behind one proxy): CSRF on every state-changing page form, the API refusing a
cookie for a state change, the same answer (and the same work) for an unknown e-mail as for a
wrong password, a lock that holds on every service, and a session cookie that is new at
sign-in and dead after logout, wherever it is replayed.

Unit-level checks of the same rules stay beside their code: tests/unit/shared/
test_account_login.py (lock, rate limits, cookie flags) and test_account_reset.py."""

from __future__ import annotations

import statistics
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import AnyConverter, BaseConverter, IntegerConverter, Rule

from services.identity import passwords
from shared.config import SERVICES
from tests.support.identity import (
    PASSWORD,
    client_from,
    csrf_of,
    login_form,
    new_ip,
    new_user,
)

COOKIE = "sipinda_session"
# A GET each service answers 401 without a signed-in user, and something else with one.
SIGNED_IN_PROBES = {
    "submission": "/api/v1/me",
    "review": "/api/v1/review/assignments",
    "documents": "/api/v1/proposals/1/documents",
    "notifications": "/api/v1/notifications/unread-count",
    "innovations": "/api/v1/innovations",
}

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


@pytest.fixture(scope="module")
def service_apps(app: Flask) -> dict[str, Flask]:
    """Each service's own web app, as `services/platform/wsgi.py` serves it in production."""
    from services.platform.web import create_web_app

    apps = {}
    for service in SERVICES:
        apps[service] = create_web_app(service)
        apps[service].config["TESTING"] = True
    return apps


@pytest.fixture(params=["all", *SERVICES])
def each_app(request: pytest.FixtureRequest, app: Flask, service_apps: dict[str, Flask]) -> Flask:
    return app if request.param == "all" else service_apps[request.param]


def signed_in_cookie(client: FlaskClient, address: str | None = None) -> str:
    """The session cookie of a fresh account signed in through the portal's login form."""
    client_from(client)
    assert login_form(client, address or new_user(), PASSWORD).status_code == 302
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return cookie.value


def with_cookie(app: Flask, value: str) -> FlaskClient:
    other = app.test_client()
    other.set_cookie(COOKIE, value)
    return other


def test_there_are_state_changing_pages(app: Flask) -> None:
    routes = page_routes(app)
    assert ("POST", "/login") in routes
    assert ("POST", "/logout") in routes
    assert ("POST", "/password/forgot") in routes


@pytest.mark.parametrize("token", [None, "", "forged-token"], ids=["missing", "empty", "forged"])
def test_every_page_form_of_every_app_refuses_a_missing_or_wrong_token(
    each_app: Flask, client: FlaskClient, token: str | None
) -> None:
    cookie = signed_in_cookie(client)
    other = with_cookie(each_app, cookie)
    routes = page_routes(each_app)
    for method, url in routes:
        data = {} if token is None else {"csrf_token": token}
        reply = other.open(url, method=method, data=data, headers={"Accept": "application/json"})
        assert reply.status_code == 400, (method, url, reply.status_code)
        assert reply.get_json()["error"]["code"] == "csrf", (method, url)
    # Still signed in: the refused logout did nothing.
    assert client.get("/api/v1/me").status_code == 200


def test_every_service_has_forms_to_protect(service_apps: dict[str, Flask]) -> None:
    """So that the test above walks something on each: a service without page forms would
    make it pass vacuously."""
    found = {name: len(page_routes(a)) for name, a in service_apps.items()}
    assert all(found.values()), found


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


def test_the_api_refuses_a_cookie_for_a_state_change_on_every_service(
    service_apps: dict[str, Flask], client: FlaskClient
) -> None:
    cookie = signed_in_cookie(client)
    for name, each in service_apps.items():
        other = with_cookie(each, cookie)
        for rule in each.url_map.iter_rules():
            if not rule.rule.startswith("/api/") or "unsubscribe" in rule.rule:
                continue  # unsubscribe links carry their own signed token, by design
            if "/verify/" in rule.rule or rule.rule.startswith("/api/v1/auth/"):
                continue  # public: verifying a document, signing in, asking for a reset
            for method in sorted((rule.methods or set()) & UNSAFE):
                reply = other.open(url_of(rule), method=method, json={})
                assert reply.status_code == 401, (name, method, rule.rule, reply.status_code)


# --- enumeration -------------------------------------------------------------------------------


def _timed(client: FlaskClient, email: str) -> float:
    started = time.perf_counter()
    reply = client.post("/api/v1/auth/token", json={"email": email, "password": "x" * 12})
    assert reply.status_code == 401
    return time.perf_counter() - started


def test_an_unknown_email_costs_the_same_password_check_as_a_wrong_password(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answer alike is not enough when the unknown address answers in a millisecond: it still
    verifies against a dummy argon2 hash. Medians of a few tries, each from a fresh IP and
    address so that no limit answers instead, with a real deployment's hashing (the test
    environment's cheapest profile costs too little to tell)."""
    monkeypatch.setattr(passwords, "_current", lambda: passwords._hashing("production"))
    known, unknown = [], []
    for _ in range(3):
        client_from(client)
        known.append(_timed(client, new_user()))
        unknown.append(_timed(client, f"tidak-ada-{new_ip()}@sipinda.test"))
    assert statistics.median(unknown) > 0.4 * statistics.median(known), (known, unknown)


def test_the_reset_request_answers_alike_on_page_and_api(client: FlaskClient) -> None:
    client_from(client)
    known, unknown = new_user(), f"tidak-ada-{new_ip()}@sipinda.test"
    api = [client.post("/api/v1/auth/password/forgot", json={"email": e}) for e in (known, unknown)]
    assert api[0].status_code == api[1].status_code == 202
    assert api[0].get_json() == api[1].get_json()
    pages = []
    for address in (known, unknown):
        token = csrf_of(client.get("/password/forgot").get_data(as_text=True))
        pages.append(client.post("/password/forgot", data={"email": address, "csrf_token": token}))
    assert pages[0].status_code == pages[1].status_code
    assert pages[0].headers.get("Location") == pages[1].headers.get("Location")
    assert pages[0].get_data(as_text=True).replace(known, "@") == pages[1].get_data(
        as_text=True
    ).replace(unknown, "@")


# --- the lock on every service -----------------------------------------------------------------


def test_a_locked_account_is_locked_on_every_service(
    app: Flask, client: FlaskClient, service_apps: dict[str, Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locked through the portal, its still-valid cookie and token keep working (a lock stops
    guessing, not the owner's open session) but no new sign-in succeeds anywhere."""
    monkeypatch.setitem(app.config, "RATELIMIT_ENABLED", False)  # the lock alone
    address = new_user()
    client_from(client)
    for _ in range(10):
        login_form(client, address, "salah-salah-salah")
    for name, each in service_apps.items():
        if "/api/v1/auth/token" not in {r.rule for r in each.url_map.iter_rules()}:
            continue  # this service signs nobody in: its cookie comes from the portal
        reply = each.test_client().post(
            "/api/v1/auth/token", json={"email": address, "password": PASSWORD}
        )
        assert reply.status_code == 429, name
        assert reply.get_json()["error"]["code"] == "locked"
    assert login_form(client, address, PASSWORD).status_code == 429


# --- the session cookie ------------------------------------------------------------------------


def signed_in(each: Flask, service: str, cookie: str) -> bool:
    reply = with_cookie(each, cookie).get(SIGNED_IN_PROBES[service])
    return reply.status_code != 401


def test_a_cookie_from_before_login_is_not_the_one_used_after(client: FlaskClient) -> None:
    """Session fixation: a cookie planted before sign-in (the attacker's own, anonymous or
    signed in) is replaced at sign-in, and the planted one signs nobody in afterwards."""
    client_from(client)
    client.get("/login")
    anonymous = client.get_cookie(COOKIE)
    assert anonymous is not None
    attacker = signed_in_cookie(client)
    victim = new_user()
    assert login_form(client, victim, PASSWORD).status_code == 302
    after = client.get_cookie(COOKIE)
    assert after is not None
    assert after.value not in {anonymous.value, attacker}
    assert client.get("/api/v1/me").get_json()["email"] == victim
    for planted in (anonymous.value, attacker):
        replay = with_cookie(client.application, planted).get("/api/v1/me")
        assert replay.status_code == 401


def test_after_logout_a_copied_cookie_signs_in_on_no_service(
    client: FlaskClient, service_apps: dict[str, Flask]
) -> None:
    address = new_user()
    copied = signed_in_cookie(client, address)
    for name, each in service_apps.items():
        assert signed_in(each, name, copied), name
    token = csrf_of(client.get("/proposals").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    for name, each in service_apps.items():
        assert not signed_in(each, name, copied), name
    # Signing in again does not bring the old cookie back to life.
    fresh = signed_in_cookie(client, address)
    assert fresh != copied
    assert with_cookie(client.application, copied).get("/api/v1/me").status_code == 401
    assert with_cookie(client.application, fresh).get("/api/v1/me").status_code == 200


def test_a_revoked_token_signs_in_on_no_service_and_the_others_stay(
    client: FlaskClient, service_apps: dict[str, Flask]
) -> None:
    """An API client signs out by revoking its token: that token (or a copy of it) is refused
    everywhere from then on; the same account's other tokens are not touched."""
    address = new_user()

    def bearer() -> dict[str, str]:
        client_from(client)
        reply = client.post("/api/v1/auth/token", json={"email": address, "password": PASSWORD})
        return {"Authorization": f"Bearer {reply.json['access_token']}"}

    ending, staying = bearer(), bearer()
    assert ending != staying
    assert client.delete("/api/v1/auth/token", headers=ending).status_code == 204
    for name, each in {"all": client.application, **service_apps}.items():
        probe = SIGNED_IN_PROBES.get(name, "/api/v1/me")
        assert each.test_client().get(probe, headers=ending).status_code == 401, name
        assert each.test_client().get(probe, headers=staying).status_code != 401, name
    again = client.delete("/api/v1/auth/token", headers=ending)
    assert again.status_code == 401
    assert client.delete("/api/v1/auth/token").status_code == 401  # no token: nothing to end


def test_a_second_sign_in_ends_the_first_session_of_that_browser(client: FlaskClient) -> None:
    first = signed_in_cookie(client)
    second = signed_in_cookie(client)  # the same browser signs in again (as someone else)
    assert first != second
    assert with_cookie(client.application, first).get("/api/v1/me").status_code == 401
    assert with_cookie(client.application, second).get("/api/v1/me").status_code == 200
