"""Without signing in, every route that is not public is refused: 401 on the API and for files,
a redirect to the login page for a page. Generated from the URL map, so a new route is checked
the day it is added; only the public ones are listed here."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.support.routes import csrf_of, example_path, served

pytestmark = pytest.mark.abuse

PUBLIC = {  # meant for people who are not signed in, or for machines on the private network
    "auth.login", "auth.logout", "auth.forgot_password", "auth.reset_password",
    "auth.switch_language", "auth.token", "auth.api_forgot_password", "auth.api_reset_password",
    "documents_api.verify_api", "documents.verify_page", "notifications_api.one_click_unsubscribe",
    "font", "healthz", "readyz", "openapi", "prometheus_metrics", "static",
    "submission_pages.static", "review_pages.static",
    "innovations_registry.static",  # the innovations pages' style sheets
    "submission_pages.home",  # only redirects to the proposal list, which asks to sign in
    "innovations_catalogue.index", "innovations_catalogue.show",  # the public catalogue
    "review_public.page", "review_public.confirmed", "review_public.ask_email",  # uji publik
    "review_public.file",  # files only signed in or with a confirmed address (403 otherwise)
}  # fmt: skip
FILES = {"documents.download", "documents.view", "documents.dossier", "review_charts.chart",
         "submission_charts.chart"}  # not pages  # fmt: skip


def refused(endpoint: str, path: str, status: int, location: str) -> bool:
    if path.startswith("/api/") or endpoint in FILES:
        return status == 401
    return status == 302 and location.startswith("/login")


def test_every_non_public_route_refuses_an_anonymous_caller(app: Flask) -> None:
    client = app.test_client()
    csrf = csrf_of(client.get("/login").get_data(as_text=True))  # the form's token, not a login
    wrong = []
    for (endpoint, method), rule in sorted(served(app).items()):
        if endpoint in PUBLIC:
            continue
        path = example_path(rule)
        if method == "GET":
            reply = client.get(path)
        elif path.startswith("/api/"):
            reply = client.open(path, method=method, json={})
        else:
            reply = client.open(path, method=method, data={"csrf_token": csrf})
        if not refused(endpoint, path, reply.status_code, reply.headers.get("Location", "")):
            wrong.append(f"{method} {path} ({endpoint}): {reply.status_code}")
        reply.close()
    assert not wrong, "\n".join(wrong)
