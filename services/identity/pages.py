"""Identity's HTML: sign-in and out, forgotten password, reset by link, the language switch."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as Redirect

from services.identity import accounts, web
from services.identity.blueprint import bp
from services.identity.errors import IdentityError, InvalidError, InvalidResetLinkError
from shared.web import sessions
from shared.web.auth import cookie_values
from shared.web.i18n import LANGUAGES, translate
from shared.web.ratelimit import RateLimitError


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    error, status, headers = None, 200, {}
    if request.method == "POST":
        try:
            claims = web.sign_in(request.form.get("email", ""), request.form.get("password", ""))
        except (RateLimitError, IdentityError) as exc:
            refusal = exc if isinstance(exc, RateLimitError) else web.as_api_error(exc)
            error, status = translate(refusal.message_key, **refusal.values), refusal.status
            if isinstance(refusal, RateLimitError):
                headers["Retry-After"] = str(refusal.retry_after)
        else:
            sessions.end()  # a fresh session (and CSRF token) at sign-in: no fixation
            sessions.begin(claims.sid)
            session.update(cookie_values(claims))
            session.permanent = True
            return redirect(web.safe_next(request.args.get("next")))
    page = render_template("login.html", error=error, email=request.form.get("email", ""))
    return page, status, headers


@bp.post("/logout")
def logout() -> Redirect:
    sessions.end()
    return redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password() -> Any:
    email = request.form.get("email", "")
    if request.method == "POST":
        if not web.valid_email(email):
            error = translate("account.email_invalid")
            return render_template("account/forgot.html", error=error, email=email), 422
        try:
            web.request_reset(email)
        except RateLimitError as exc:
            error = translate(exc.message_key, **exc.values)
            page = render_template("account/forgot.html", error=error, email=email)
            return page, 429, {"Retry-After": str(exc.retry_after)}
        sent = translate("account.forgot_sent", minutes=web.RESET_MINUTES)
        return render_template("account/forgot.html", sent=sent, email="")
    return render_template("account/forgot.html", email="")


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Any:
    """A reset link, or an invitation's: the same page, titled for a first password."""
    try:
        email, has_password = accounts.link_holder(web.database(), token)
        first = not has_password
        if request.method == "GET":
            return render_template("account/reset.html", email=email, first=first)
        password = request.form.get("password", "")
        try:
            accounts.check_new_password(password, email, request.form.get("confirm", ""))
        except InvalidError as exc:
            error = translate(exc.problems["password"])
            page = render_template("account/reset.html", email=email, error=error, first=first)
            return page, 422
        web.finish_reset(token, password)
    except InvalidResetLinkError:
        invalid = translate("account.reset_invalid")
        return render_template("account/reset.html", invalid=invalid), 400
    session.clear()
    done = translate("accounts.first_password_done") if first else translate("account.reset_done")
    flash(done, "success")
    return redirect(url_for("auth.login"))


@bp.get("/lang/<code>")
def switch_language(code: str) -> Redirect:
    # Back where the switch was clicked: `next=`, else the Referer; either only on this site.
    response = redirect(web.safe_next(request.args.get("next") or request.referrer))
    if code in LANGUAGES:
        response.set_cookie("lang", code, max_age=365 * 86400, samesite="Lax", httponly=True)
    return response
