"""Redirect targets taken from the request, on the embedded app and on identity's own app:
`next=` on the language switch and on sign-in, and the Referer, never send a person to another
host and never answer 500, whatever they carry (CR/LF, backslashes, `//host`, control
characters). The rule itself: tests/unit/shared/test_redirects.py."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support.identity import PASSWORD, client_from, csrf_of, new_user

HOSTILE = [
    "/\r\nSet-Cookie: sipinda_session=forged",
    "/%0d%0aSet-Cookie:%20x=1",
    "/\nLocation: https://evil.test",
    "//evil.test/masuk",
    "/\\evil.test",
    "\\\\evil.test",
    "https://evil.test/",
    "javascript:alert(1)",
    "http://localhost.evil.test/",
    "/\x07\x1b[31m",
    "/\u2028x",
]


@pytest.fixture(params=["all", "identity"])
def web(request: pytest.FixtureRequest, app: Flask) -> FlaskClient:
    if request.param == "all":
        return client_from(app.test_client())
    from services.platform.web import create_web_app

    own = create_web_app("identity")
    own.config["TESTING"] = True
    return client_from(own.test_client())


def assert_home(reply: object) -> None:
    assert reply.status_code == 302, reply.get_data(as_text=True)[:300]  # type: ignore[attr-defined]
    location = reply.headers["Location"]  # type: ignore[attr-defined]
    assert location in ("/", "http://localhost/"), location
    assert "Set-Cookie: x" not in str(reply.headers)  # type: ignore[attr-defined]


@pytest.mark.parametrize("target", HOSTILE)
def test_the_language_switch_never_leaves_the_site(web: FlaskClient, target: str) -> None:
    reply = web.get(f"/lang/en?next={quote(target, safe='')}")
    assert_home(reply)


@pytest.mark.parametrize("referer", [t for t in HOSTILE if t.isprintable()])
def test_the_language_switch_follows_no_referer_elsewhere(web: FlaskClient, referer: str) -> None:
    assert_home(web.get("/lang/id", headers={"Referer": referer}))


def test_the_language_switch_goes_back_to_a_page_of_this_site(web: FlaskClient) -> None:
    back = web.get("/lang/en?next=%2Fproposals%3Fstatus%3Ddraft")
    assert back.headers["Location"].endswith("/proposals?status=draft")
    referred = web.get("/lang/en", headers={"Referer": "http://localhost/review?x=1"})
    assert referred.headers["Location"].endswith("/review?x=1")
    elsewhere = web.get("/lang/en", headers={"Referer": "https://evil.test/review"})
    assert_home(elsewhere)


@pytest.mark.parametrize("target", HOSTILE)
def test_sign_in_never_sends_a_person_elsewhere(web: FlaskClient, target: str) -> None:
    address = new_user()
    path = f"/login?next={quote(target, safe='')}"
    token = csrf_of(web.get(path).get_data(as_text=True))
    reply = web.post(path, data={"email": address, "password": PASSWORD, "csrf_token": token})
    assert_home(reply)
