"""The public page of a call's uji publik (no sign-in): its finalists and winners, the window's
end, and the form to object while it is open. Anyone signed in files at once; anyone else gives
an e-mail address and files from the signed, expiring link mailed to it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as Redirect

from services.review import objection_rules as rules
from services.review import objections
from services.review.bootstrap import session
from services.review.errors import Forbidden, Invalid, NotFound, TransitionRefused
from services.review.held import window_of
from services.review.models import OUTBOX
from services.review.pages import TEMPLATES, problems
from services.review.queries import call_settings
from shared import formats
from shared.events import ObjectionEmailRequested
from shared.outbox import publish, utcnow
from shared.web.auth import current_user
from shared.web.i18n import current_language, translate
from shared.web.ratelimit import Limit, enforce

bp = Blueprint("review_public", __name__, template_folder=TEMPLATES)
TOKEN_SECONDS = 24 * 3600  # a mailed link confirms its address for a day
# Per call: links mailed per client address and per address; objections per account or address.
EMAILS_PER_ADDRESS = Limit("objection-email", 5, 3600)
FILINGS = Limit("objection-file", 10, 3600)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="sipinda.objection-email")


def email_token(call_id: int, email: str) -> str:
    return _serializer().dumps({"c": call_id, "e": email})


def confirmed_email(call_id: int, token: str) -> str | None:
    """The address the link was mailed to, if the token is this call's, genuine and fresh."""
    try:
        data = _serializer().loads(token, max_age=TOKEN_SECONDS)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != call_id or not isinstance(data.get("e"), str):
        return None
    return str(data["e"])


def ends(moment: datetime) -> str:
    """The window's end to the second, as the reader's language writes it."""
    return formats.moment(moment, current_language(), seconds=True)


def _page(
    s: Session, call_id: int, *, token: str = "", errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None, refused: str = "",
) -> str:  # fmt: skip
    window = window_of(s, call_id)
    if window is None:
        raise NotFound("review.objection.no_window")
    user = current_user()
    email = confirmed_email(call_id, token) if token else None
    return render_template(
        "review/uji_publik.html", call_id=call_id, call_name=call_settings(s, call_id).name,
        window=window, ends=ends(window.closes_at),
        open=rules.still_open(utcnow(), window.closes_at),
        finalists=objections.finalists(s, call_id),
        user=user, email=email, token=token if email else "", bad_token=bool(token and not email),
        errors=errors or {}, form=form or {}, refused=refused, min_reason=rules.MIN_REASON,
    )  # fmt: skip


@bp.get("/uji-publik/<int:call_id>")
def page(call_id: int) -> str:
    with session() as s:
        return _page(s, call_id)


@bp.get("/uji-publik/<int:call_id>/email/<token>")
def confirmed(call_id: int, token: str) -> str:
    """The mailed link: the page with the form, the address confirmed."""
    with session() as s:
        return _page(s, call_id, token=token)


@bp.post("/uji-publik/<int:call_id>/email")
def ask_email(call_id: int) -> Redirect | tuple[str, int]:
    """Mail a link confirming the address given (nothing is filed yet)."""
    email = request.form.get("email", "").strip().lower()
    with session() as s:
        window = window_of(s, call_id)
        if window is None:
            raise NotFound("review.objection.no_window")
        problem = rules.email_problem(email)
        if problem:
            bad = {"email": translate(problem[0], **problem[1])}
            return _page(s, call_id, errors=bad, form={"email": email}), 422
        if not rules.still_open(utcnow(), window.closes_at):
            closed = translate("review.objection.closed", at=ends(window.closes_at))
            return _page(s, call_id, refused=closed), 409
        enforce(EMAILS_PER_ADDRESS, f"{call_id}:{request.remote_addr or 'unknown'}")
        enforce(EMAILS_PER_ADDRESS, f"{call_id}:{email}")
        token = email_token(call_id, email)
        publish(s, OUTBOX, ObjectionEmailRequested(
            call_id=call_id, call_name=call_settings(s, call_id).name, email=email,
            language=current_language(), confirm_path=url_for(".confirmed", call_id=call_id,
                                                             token=token),
            expires_at=utcnow() + timedelta(seconds=TOKEN_SECONDS),
        ))  # fmt: skip
    flash(translate("review.objection.email_sent", email=email), "ok")
    return redirect(url_for(".page", call_id=call_id))


@bp.post("/uji-publik/<int:call_id>")
def file(call_id: int) -> Redirect | tuple[str, int]:
    """File an objection; refused after the window's last second, whatever the page showed."""
    user, token = current_user(), request.form.get("token", "")
    email = user.email if user else confirmed_email(call_id, token)
    if email is None:
        raise Forbidden("review.objection.who")
    enforce(FILINGS, f"{call_id}:{user.id if user else email}")
    upload = request.files.get("evidence")
    form = {k: request.form.get(k, "").strip() for k in ("proposal_id", "name", "reason")}
    raw = form["proposal_id"]
    filing = objections.Filing(
        proposal_id=int(raw) if raw.isdigit() else 0, name=form["name"], email=email,
        reason=request.form.get("reason", ""), user_id=user.id if user else None,
        filename=upload.filename or "" if upload else "", data=upload.read() if upload else b"",
    )  # fmt: skip
    with session() as s:
        try:
            objections.file(s, call_id, filing, utcnow())
        except Invalid as exc:
            s.rollback()
            return _page(s, call_id, token=token, errors=problems(exc), form=form), 422
        except TransitionRefused as exc:
            s.rollback()
            window = window_of(s, call_id)
            at = ends(window.closes_at) if window else ""
            return _page(s, call_id, token=token, refused=translate(exc.key, at=at), form=form), 409
    flash(translate("review.objection.filed"), "ok")
    return redirect(url_for(".page", call_id=call_id))
