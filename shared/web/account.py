"""Signing in and out: the login page, the API token, `/api/v1/me`, the language switch."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, jsonify, redirect, render_template, request, session, url_for
from pydantic import BaseModel, Field
from werkzeug.wrappers import Response as Redirect

from shared import runtime
from shared.identity.passwords import verify_password
from shared.identity.store import find_user_by_email
from shared.web.auth import CurrentUser, issue_token, require_user
from shared.web.body import json_body
from shared.web.errors import ApiError
from shared.web.i18n import LANGUAGES, translate
from shared.web.openapi import documented

bp = Blueprint("auth", __name__)


class TokenRequest(BaseModel):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 - the scheme name, not a secret


class MeResponse(BaseModel):
    id: int
    email: str
    name: str
    role: str
    opd_code: str | None


def authenticate(email: str, password: str) -> CurrentUser | None:
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, email)
        ok = verify_password(user.password_hash if user else None, password)
        return CurrentUser.of(user) if ok and user is not None and user.active else None


@bp.post("/api/v1/auth/token")
@documented(
    "Exchange e-mail and password for a bearer token",
    tags=("auth",),
    body=TokenRequest,
    responses={200: TokenResponse},
    auth=False,
)
def token() -> Response:
    body = json_body(TokenRequest)
    user = authenticate(body.email, body.password)
    if user is None:
        raise ApiError(401, "bad_credentials", "error.bad_credentials")
    return jsonify(TokenResponse(access_token=issue_token(user.id)).model_dump())


@bp.get("/api/v1/me")
@documented("The signed-in user", tags=("auth",), responses={200: MeResponse})
def me() -> Response:
    return jsonify(require_user().to_json())


def _safe_next(target: str | None) -> str:
    if not target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and target.startswith("/") else "/"


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    error = None
    if request.method == "POST":
        user = authenticate(request.form.get("email", ""), request.form.get("password", ""))
        if user is not None:
            session.clear()  # a fresh session at login: no fixation
            session["uid"] = user.id
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")))
        error = translate("error.bad_credentials")
    status = 401 if error else 200
    return render_template("login.html", error=error, email=request.form.get("email", "")), status


@bp.post("/logout")
def logout() -> Redirect:
    session.clear()
    return redirect(url_for("auth.login"))


@bp.get("/lang/<code>")
def switch_language(code: str) -> Redirect:
    response = redirect(_safe_next(request.args.get("next")))
    if code in LANGUAGES:
        response.set_cookie("lang", code, max_age=365 * 86400, samesite="Lax", httponly=True)
    return response
