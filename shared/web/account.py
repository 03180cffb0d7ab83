"""Signing in and out, the account lock, password reset by e-mailed one-time link, the API
token, `/api/v1/me` and the language switch.

Sign-in is the same for every address: a wrong password and an unknown e-mail give the same
message after the same work (an argon2 verification), failures lock any address alike, and
the reset page says "if this e-mail has an account" whatever the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from pydantic import BaseModel, Field
from werkzeug.wrappers import Response as Redirect

from shared import runtime
from shared.identity import lockout
from shared.identity.models import User
from shared.identity.passwords import hash_password, needs_rehash, verify_password
from shared.identity.reset import (
    RESET_TTL,
    consume_reset,
    create_reset,
    new_token,
    password_problem,
    valid_reset,
)
from shared.identity.store import find_user_by_email
from shared.web import i18n, mail, ratelimit, sessions
from shared.web.account_messages import MESSAGES
from shared.web.auth import (
    CurrentUser,
    issue_token,
    require_user,
    revoke_token,
    session_stamp,
)
from shared.web.body import json_body
from shared.web.errors import ApiError
from shared.web.i18n import LANGUAGES, translate, translate_in
from shared.web.openapi import documented
from shared.web.ratelimit import Limit, RateLimitError, count_hit, enforce, ensure_below

i18n.register(MESSAGES)
bp = Blueprint("auth", __name__)

SESSION_LIFETIME = sessions.LIFETIME
INSECURE_ENVS = {"development", "test"}
# Sign-in limits count failures only: an office behind one address signs in freely.
LOGIN_FAILURES_PER_IP = Limit("login-ip", 30, 900)
LOGIN_FAILURES_PER_ACCOUNT = Limit("login-account", 5, 300)
RESET_PER_IP = Limit("reset-ip", 10, 3600)
RESET_PER_ACCOUNT = Limit("reset-account", 3, 3600)
RESET_MINUTES = int(RESET_TTL.total_seconds() // 60)


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


class ForgotRequest(BaseModel):
    email: str = Field(min_length=1, max_length=254)


class ResetRequest(BaseModel):
    token: str = Field(min_length=1, max_length=100)
    password: str = Field(max_length=400)


class MessageResponse(BaseModel):
    message: str


@dataclass(frozen=True)
class SignedIn:
    user: CurrentUser
    stamp: str


def _now() -> datetime:
    return datetime.now(UTC)


def _client_ip() -> str:
    return request.remote_addr or "unknown"


def _normal(email: str) -> str:
    return email.strip().lower()


def sign_in(email: str, password: str) -> SignedIn:
    """Check the rate limits, the lock and the password; raises `RateLimitError` (429) or
    `ApiError` 401 with the one message for a wrong password and an unknown e-mail."""
    email, ip = _normal(email), _client_ip()
    ensure_below(LOGIN_FAILURES_PER_IP, ip)
    now = _now()
    db = runtime.database("identity")
    with db.session() as s:
        until = lockout.locked_until(s, email, now)
    if until is not None:
        raise RateLimitError(int((until - now).total_seconds()) + 1, "locked", "account.locked")
    ensure_below(LOGIN_FAILURES_PER_ACCOUNT, email)
    with db.session() as s:
        user = find_user_by_email(s, email)
        ok = verify_password(user.password_hash if user else None, password)
        if ok and user is not None and user.active:
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            lockout.clear(s, email)
            return SignedIn(CurrentUser.of(user), session_stamp(user.password_hash))
        locked = lockout.record_failure(s, email, now)
    count_hit(LOGIN_FAILURES_PER_IP, ip)
    count_hit(LOGIN_FAILURES_PER_ACCOUNT, email)
    if locked is not None:
        raise RateLimitError(int((locked - now).total_seconds()), "locked", "account.locked")
    raise ApiError(401, "bad_credentials", "error.bad_credentials")


def authenticate(email: str, password: str) -> CurrentUser | None:
    """The user for these credentials, or None (any refusal: wrong, locked, limited)."""
    try:
        return sign_in(email, password).user
    except ApiError:
        return None


@bp.post("/api/v1/auth/token")
@documented(
    "Exchange e-mail and password for a bearer token (429 when limited or locked)",
    tags=("auth",),
    body=TokenRequest,
    responses={200: TokenResponse},
    auth=False,
)
def token() -> Response:
    body = json_body(TokenRequest)
    signed = sign_in(body.email, body.password)
    return jsonify(
        TokenResponse(access_token=issue_token(signed.user.id, signed.stamp)).model_dump()
    )


@bp.delete("/api/v1/auth/token")
@documented(
    "Revoke the bearer token of this request (sign out an API client); 401 with it afterwards",
    tags=("auth",),
    responses={204: None},
)
def revoke() -> tuple[str, int]:
    require_user()
    revoke_token()
    return "", 204


@bp.get("/api/v1/me")
@documented("The signed-in user", tags=("auth",), responses={200: MeResponse})
def me() -> Response:
    return jsonify(require_user().to_json())


def _safe_next(target: str | None) -> str:
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return "/" if "\\" in target else target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    error, status, headers = None, 200, {}
    if request.method == "POST":
        try:
            signed = sign_in(request.form.get("email", ""), request.form.get("password", ""))
        except RateLimitError as exc:
            error, status = translate(exc.message_key, **exc.values), 429
            headers["Retry-After"] = str(exc.retry_after)
        except ApiError as exc:
            error, status = translate(exc.message_key, **exc.values), exc.status
        else:
            sessions.end()  # a fresh session (and CSRF token) at sign-in: no fixation
            sessions.begin()
            session["uid"] = signed.user.id
            session["stamp"] = signed.stamp
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")))
    page = render_template("login.html", error=error, email=request.form.get("email", ""))
    return page, status, headers


@bp.post("/logout")
def logout() -> Redirect:
    sessions.end()
    return redirect(url_for("auth.login"))


def request_reset(email: str) -> None:
    """Mail a one-time link when `email` has an active account; the same answer either way."""
    email = _normal(email)
    enforce(RESET_PER_IP, _client_ip())
    enforce(RESET_PER_ACCOUNT, email)
    settings = runtime.settings()
    message = None
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, email)
        if user is not None and user.active:
            token = create_reset(s, user, _now())
            language = user.language if user.language in LANGUAGES else "id"
            link = f"{settings.base_url}{url_for('auth.reset_password', token=token)}"
            body = translate_in(
                language, "mail.reset_body", name=user.name, link=link, minutes=RESET_MINUTES
            )
            subject = translate_in(language, "mail.reset_subject")
            message = mail.compose(settings.mail_from, user.email, subject, body)
        else:
            new_token()  # the same work as for a real account
    if message is not None:
        thread = mail.send_in_background(settings.smtp_url, message)
        if thread is not None and current_app.config.get("ACCOUNT_MAIL_WAIT"):
            thread.join()


def _valid_email(email: str) -> bool:
    local, at, domain = email.strip().partition("@")
    return bool(local and at and "." in domain and " " not in email.strip())


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password() -> Any:
    email = request.form.get("email", "")
    if request.method == "POST":
        if not _valid_email(email):
            error = translate("account.email_invalid")
            return render_template("account/forgot.html", error=error, email=email), 422
        try:
            request_reset(email)
        except RateLimitError as exc:
            error = translate(exc.message_key, **exc.values)
            page = render_template("account/forgot.html", error=error, email=email)
            return page, 429, {"Retry-After": str(exc.retry_after)}
        sent = translate("account.forgot_sent", minutes=RESET_MINUTES)
        return render_template("account/forgot.html", sent=sent, email="")
    return render_template("account/forgot.html", email="")


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Any:
    with runtime.database("identity").session() as s:
        reset = valid_reset(s, token, _now())
        email = ""
        if reset is not None:
            user = s.get(User, reset.user_id)
            email = user.email if user is not None else ""
    if reset is None:
        invalid = translate("account.reset_invalid")
        return render_template("account/reset.html", invalid=invalid), 400
    if request.method == "GET":
        return render_template("account/reset.html", email=email)
    password = request.form.get("password", "")
    problem = password_problem(password, email)
    if problem is None and password != request.form.get("confirm", ""):
        problem = "account.password_mismatch"
    if problem is not None:
        return render_template("account/reset.html", email=email, error=translate(problem)), 422
    if not _finish_reset(token, password):
        invalid = translate("account.reset_invalid")
        return render_template("account/reset.html", invalid=invalid), 400
    session.clear()
    flash(translate("account.reset_done"), "success")
    return redirect(url_for("auth.login"))


def _finish_reset(token: str, password: str) -> bool:
    with runtime.database("identity").session() as s:
        user = consume_reset(s, token, password, _now())
        if user is None:
            return False
        lockout.clear(s, user.email)
        email = user.email
    limiter = ratelimit.limiter()
    if limiter is not None:
        limiter.reset(LOGIN_FAILURES_PER_ACCOUNT, email)
    return True


@bp.post("/api/v1/auth/password/forgot")
@documented(
    "Ask for a password-reset link by e-mail (always 202: it never tells whether the e-mail "
    "has an account)",
    tags=("auth",),
    body=ForgotRequest,
    responses={202: MessageResponse},
    auth=False,
)
def api_forgot_password() -> tuple[Response, int]:
    body = json_body(ForgotRequest)
    if not _valid_email(body.email):
        raise ApiError(
            422,
            "validation",
            "error.validation",
            fields={"email": translate("account.email_invalid")},
        )
    request_reset(body.email)
    message = translate("account.forgot_sent", minutes=RESET_MINUTES)
    return jsonify(MessageResponse(message=message).model_dump()), 202


@bp.post("/api/v1/auth/password/reset")
@documented(
    "Set a new password with the token of a reset link (once, before it expires)",
    tags=("auth",),
    body=ResetRequest,
    responses={200: MessageResponse},
    auth=False,
)
def api_reset_password() -> Response:
    body = json_body(ResetRequest)
    with runtime.database("identity").session() as s:
        reset = valid_reset(s, body.token, _now())
        user = s.get(User, reset.user_id) if reset is not None else None
        email = user.email if user is not None else ""
    if reset is None:
        raise ApiError(400, "invalid_token", "account.reset_invalid")
    problem = password_problem(body.password, email)
    if problem is not None:
        raise ApiError(
            422, "validation", "error.validation", fields={"password": translate(problem)}
        )
    if not _finish_reset(body.token, body.password):
        raise ApiError(400, "invalid_token", "account.reset_invalid")
    return jsonify(MessageResponse(message=translate("account.reset_done")).model_dump())


@bp.get("/lang/<code>")
def switch_language(code: str) -> Redirect:
    response = redirect(_safe_next(request.args.get("next")))
    if code in LANGUAGES:
        response.set_cookie("lang", code, max_age=365 * 86400, samesite="Lax", httponly=True)
    return response
