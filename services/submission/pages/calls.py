"""The call pages: the list, a new call, one call with its settings, editing and extending it
(admin)."""

from __future__ import annotations

import json
from datetime import datetime

from flask import flash, redirect, render_template, request, url_for

from services.submission import calls, clock
from services.submission.access import actor
from services.submission.call_templates import demo_call
from services.submission.definition import CallDefinition
from services.submission.errors import Forbidden
from services.submission.pages import REFUSALS, Page, bp, form_errors
from services.submission.rules import can_manage_calls
from services.submission.schemas import CallExtend
from shared.timezone import WIB
from shared.web.auth import page_login_required, require_user
from shared.web.errors import ApiError
from shared.web.i18n import translate

# --- calls -----------------------------------------------------------------------------------


@bp.get("/calls", endpoint="calls")
@page_login_required
def list_calls() -> str:
    user = require_user()
    return render_template(
        "submission/calls.html",
        calls=calls.list_calls(),
        is_admin=can_manage_calls(actor(user)),
    )


@bp.route("/calls/new", methods=["GET", "POST"])
@page_login_required
def new_call() -> Page:
    user = require_user()
    if not can_manage_calls(actor(user)):
        raise Forbidden()
    year = clock.now().astimezone(WIB).year + 1
    text = request.form.get("definition") or _template_json(year)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            out = calls.create_call(user, _parse_definition(text))
        except REFUSALS as exc:
            errors = form_errors(exc)
        else:
            flash(translate("ui.call_saved"), "ok")
            return redirect(url_for("submission_pages.call", call_id=out.id))
    page = render_template("submission/call_form.html", text=text, errors=errors, call=None)
    return (page, 422) if errors else page


def _template_json(year: int) -> str:
    definition = demo_call(
        year, datetime(year, 1, 1, tzinfo=WIB), datetime(year, 12, 31, 23, 59, 59, tzinfo=WIB)
    )
    return json.dumps(definition.model_dump(mode="json"), indent=2, ensure_ascii=False)


def _parse_definition(text: str) -> CallDefinition:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ApiError(400, "malformed_json", "error.malformed_json") from exc
    return CallDefinition.model_validate(data)


@bp.get("/calls/<int:call_id>")
@page_login_required
def call(call_id: int) -> str:
    return _call_page(call_id)


def _call_page(call_id: int, errors: dict[str, str] | None = None, text: str | None = None) -> str:
    user = require_user()
    found = calls.get_call(call_id)
    return render_template(
        "submission/call.html",
        call=found,
        is_admin=can_manage_calls(actor(user)),
        errors=errors or {},
        text=text
        or json.dumps(found.definition.model_dump(mode="json"), indent=2, ensure_ascii=False),
    )


@bp.post("/calls/<int:call_id>/edit")
@page_login_required
def edit_call(call_id: int) -> Page:
    user = require_user()
    text = request.form.get("definition", "")
    try:
        calls.edit_call(user, call_id, _parse_definition(text), request.form.get("reason", ""))
    except REFUSALS as exc:
        return _call_page(call_id, form_errors(exc), text), 422
    flash(translate("ui.call_saved"), "ok")
    return redirect(url_for("submission_pages.call", call_id=call_id))


@bp.post("/calls/<int:call_id>/extend")
@page_login_required
def extend_call(call_id: int) -> Page:
    user = require_user()
    try:
        body = CallExtend.model_validate(
            {
                "closes_at": request.form.get("closes_at", ""),
                "reason": request.form.get("reason", ""),
            }
        )
        calls.extend_call(user, call_id, body.closes_at, body.reason)
    except REFUSALS as exc:
        return _call_page(call_id, form_errors(exc)), 422
    flash(translate("ui.extended"), "ok")
    return redirect(url_for("submission_pages.call", call_id=call_id))
