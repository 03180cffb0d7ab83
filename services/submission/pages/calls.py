"""The call pages: the list, one call with its settings and versions, extending it (admin). The
editor of a call's settings is `call_editor`."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.submission import calls
from services.submission.access import actor
from services.submission.pages import REFUSALS, Page, bp, form_errors
from services.submission.rules import can_manage_calls
from services.submission.schemas import CallExtend
from shared.web.auth import page_login_required, require_user
from shared.web.i18n import translate


@bp.get("/calls", endpoint="calls")
@page_login_required
def list_calls() -> str:
    user = require_user()
    return render_template(
        "submission/calls.html",
        calls=calls.list_calls(),
        is_admin=can_manage_calls(actor(user)),
    )


@bp.get("/calls/<int:call_id>")
@page_login_required
def call(call_id: int) -> str:
    return _call_page(call_id)


def _call_page(call_id: int, errors: dict[str, str] | None = None) -> str:
    user = require_user()
    found = calls.get_call(call_id)
    is_admin = can_manage_calls(actor(user))
    return render_template(
        "submission/call.html",
        call=found,
        is_admin=is_admin,
        versions=calls.versions(call_id) if is_admin else [],
        errors=errors or {},
    )


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


from services.submission.pages import call_editor  # noqa: E402, F401
