"""Identity's one blueprint: `pages.py` and `api.py` add its routes, `app.py` registers it.

One blueprint named `auth` keeps every endpoint name (`auth.login`, `auth.token` …) the
templates and the authorization tables know.
"""

from __future__ import annotations

from flask import Blueprint, Response, request
from flask.blueprints import BlueprintSetupState

from shared.web import ratelimit, sessions

bp = Blueprint("auth", __name__, template_folder="templates")

SESSION_LIFETIME = sessions.LIFETIME
INSECURE_ENVS = {"development", "test"}


@bp.after_app_request
def _no_store(response: Response) -> Response:
    """Sign-in and reset pages (with their tokens) are never kept by a browser or a proxy."""
    if request.blueprint == "auth" and not request.path.startswith("/lang/"):
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.record_once
def _configure(state: BlueprintSetupState) -> None:
    """Session cookies: HttpOnly, SameSite=Lax, 12 hours, Secure outside development and
    tests (and whenever the public address is https)."""
    app = state.app
    settings = app.config["SIPINDA_SETTINGS"]
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.env not in INSECURE_ENVS
        or settings.base_url.startswith("https://"),
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )
    ratelimit.install(app)
