"""The call editor (admin): a new call starts from a template or a copy of an earlier call, then
one form, shared by new and edit, holds every setting. Plain HTML: rows are added, removed and
moved by buttons that post the form and show it again, so it works without JavaScript."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from services.submission import call_form, calls, clock
from services.submission.access import actor
from services.submission.call_form import CallForm
from services.submission.call_form_rules import KINDS, Problems, to_definition
from services.submission.call_templates import STARTS, copy_for_next_year, start_from
from services.submission.definition import WEIGHT_TOLERANCE
from services.submission.errors import Forbidden, NotFound
from services.submission.pages import REFUSALS, Page, bp, form_errors
from services.submission.rules import can_manage_calls
from services.submission.schemas import CallOut
from shared.timezone import WIB
from shared.web.auth import CurrentUser, page_login_required, require_user
from shared.web.i18n import translate

SECTIONS = ("aspects", "bands", "profile", "attachments")
# A reason is asked of every change to a call, as the API's audit log keeps it.
REASON_MIN = 5


def _admin() -> CurrentUser:
    user = require_user()
    if not can_manage_calls(actor(user)):
        raise Forbidden()
    return user


@bp.get("/calls/new")
@page_login_required
def new_call() -> Page:
    _admin()
    choice = request.args.get("start", "")
    if not choice:
        return render_template(
            "submission/call_start.html", starts=list(STARTS), calls=calls.list_calls()
        )
    form = _starting_form(choice, request.args.get("source", ""))
    if form is None:
        return _chooser_again()
    return _editor(form, call=None)


def _starting_form(choice: str, source: str) -> CallForm | None:
    if choice == "copy":
        if not source.isdigit():
            return None
        try:
            earlier = calls.get_call(int(source))
        except NotFound:
            return None
        return call_form.from_definition(copy_for_next_year(earlier.definition))
    definition = start_from(choice, clock.now().astimezone(WIB).year + 1)
    if definition is None:
        return None
    form = call_form.from_definition(definition)
    if not form.rows["aspects"]:
        call_form.apply(form, "add-aspects")  # a profile alone: the admin writes the first aspect
    return form


def _chooser_again() -> tuple[str, int]:
    page = render_template(
        "submission/call_start.html",
        starts=list(STARTS),
        calls=calls.list_calls(),
        error=translate("callform.choose_start"),
    )
    return page, 422


@bp.post("/calls/new")
@page_login_required
def create_call() -> Page:
    user = _admin()
    form = call_form.read(_posted())
    action = request.form.get("action", "save")
    if call_form.apply(form, action) or action != "save":  # only Save stores anything
        return _editor(form, call=None, focus=action)
    definition, problems = to_definition(form)
    if definition is not None:
        try:
            out = calls.create_call(user, definition)
        except REFUSALS as exc:
            return _editor(form, call=None, errors=form_errors(exc)), 422
        flash(translate("ui.call_saved"), "ok")
        return redirect(url_for("submission_pages.call", call_id=out.id))
    return _editor(form, call=None, errors=_messages(problems)), 422


@bp.get("/calls/<int:call_id>/edit")
@page_login_required
def edit_form(call_id: int) -> Page:
    _admin()
    found = calls.get_call(call_id)
    return _editor(call_form.from_definition(found.definition), call=found)


@bp.post("/calls/<int:call_id>/edit")
@page_login_required
def edit_call(call_id: int) -> Page:
    user = _admin()
    found = calls.get_call(call_id)
    form = call_form.read(_posted())
    reason = request.form.get("reason", "").strip()
    action = request.form.get("action", "save")
    if call_form.apply(form, action) or action != "save":
        return _editor(form, call=found, reason=reason, focus=action)
    definition, problems = to_definition(form)
    errors = _messages(problems)
    if len(reason) < REASON_MIN:
        errors["reason"] = translate("callform.reason_needed", least=REASON_MIN)
    if definition is not None and not errors:
        try:
            calls.edit_call(user, call_id, definition, reason)
        except REFUSALS as exc:
            errors = form_errors(exc)
        else:
            flash(translate("ui.call_saved"), "ok")
            return redirect(url_for("submission_pages.call", call_id=call_id))
    return _editor(form, call=found, errors=errors, reason=reason), 422


def _posted() -> MultiDict[str, str]:
    return request.form


def _messages(problems: Problems) -> dict[str, str]:
    return {name: translate(key, **values) for name, (key, values) in problems.items()}


def _editor(
    form: CallForm,
    *,
    call: CallOut | None,
    errors: dict[str, str] | None = None,
    reason: str = "",
    focus: str = "",
) -> str:
    total = call_form.weight_total(form)
    return render_template(
        "submission/call_form.html",
        form=form,
        call=call,
        errors=errors or {},
        labels=_labels(errors or {}),
        reason=reason,
        total=call_form.shown(total),
        total_ok=abs(total - 100) < WEIGHT_TOLERANCE * 100,
        kinds=KINDS,
        sections=SECTIONS,
        focus=_focus(form, focus),
    )


def _focus(form: CallForm, action: str) -> str:
    """The field the page puts the cursor in after a row action, so the admin stays where they
    were: the title of the row added or moved, or of the row that took a removed one's place."""
    parts = action.split("-")
    if len(parts) < 2 or parts[1] not in SECTIONS:
        return ""
    section, rows = parts[1], len(form.rows[parts[1]])
    if rows == 0:
        return ""
    if parts[0] == "add":
        index = rows - 1
    elif not parts[2:]:
        return ""
    elif parts[0] == "remove":
        index = min(int(parts[2]), rows - 1)
    else:
        moved = int(parts[2]) + (-1 if parts[0] == "up" else 1)
        index = min(max(moved, 0), rows - 1)
    return f"{section}-{index}-{call_form.TITLE[section]}"


def _labels(errors: dict[str, str]) -> dict[str, str]:
    """What the summary at the top calls each field in error: "Aspek 3 · Bobot (%)"."""
    found = {}
    for name in errors:
        parts = name.split("-")
        if len(parts) == 3 and parts[0] in SECTIONS:
            section, index, field = parts
            found[name] = translate(
                "callform.row_field",
                row=translate(f"callform.row.{section}", n=int(index) + 1),
                field=translate(f"callform.field.{section}.{field}"),
            )
        else:
            found[name] = translate(f"callform.field.{name}")
    return found
