"""Signing in through the HTML forms of an in-process app, as a browser without JavaScript does."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

PASSWORD = "rahasia-demo"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client: FlaskClient, email: str) -> str:
    """Sign in with the demo password; returns the CSRF token of the next page."""
    token = csrf_of(client.get("/login").get_data(as_text=True))
    reply = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert reply.status_code == 302
    return csrf_of(client.get("/proposals").get_data(as_text=True))
