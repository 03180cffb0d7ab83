"""CSRF protection for pages: a per-session token in every state-changing form.

The API is exempt: it authenticates with a bearer header that a browser never adds by itself.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, request, session

from shared.web.errors import ApiError

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def csrf_token() -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def install_csrf(app: Flask) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.before_request
    def _check() -> None:
        if request.method in SAFE_METHODS or request.path.startswith("/api/"):
            return
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
        expected = session.get("csrf")
        if not isinstance(expected, str) or not hmac.compare_digest(sent, expected):
            raise ApiError(400, "csrf", "error.csrf")
