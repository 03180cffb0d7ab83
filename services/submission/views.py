"""Submission's pages: every flow works without JavaScript (plain forms, CSRF, errors that keep
what was typed); with it, drafts save as you type, words are counted live and the timeline
refreshes itself."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from pydantic import ValidationError
from werkzeug.wrappers import Response

from services.submission import clock, states, usecases
from services.submission.access import actor, agency_choices, agency_name
from services.submission.call_templates import demo_call
from services.submission.definition import CallDefinition
from services.submission.rules import can_check, can_manage_calls
from services.submission.schemas import (
    CallExtend,
    CheckIn,
    ProposalCreate,
    ProposalExtend,
    ProposalUpdate,
    TeamInvite,
)
from shared.timezone import WIB
from shared.web.auth import current_user, page_login_required, require_user
from shared.web.errors import ApiError, validation_fields
from shared.web.i18n import translate

bp = Blueprint(
    "submission_pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/submission",
)
Page = str | tuple[str, int] | Response | tuple[Response, int]


def _errors(exc: ApiError | ValidationError) -> dict[str, str]:
    """The field messages of a refusal a form can show; a refusal of access is raised on, to
    the error page (a form never hides a 403 or 404)."""
    if isinstance(exc, ApiError) and exc.status in {401, 403, 404}:
        raise exc
    if isinstance(exc, ValidationError):
        return validation_fields(exc)
    return exc.fields or {"form": translate(exc.message_key, **exc.values)}


@bp.get("/")
def home() -> Response:
    return redirect(url_for("submission_pages.index"))


# --- the list --------------------------------------------------------------------------------


@bp.get("/proposals")
@page_login_required
def index() -> str:
    user = require_user()
    chosen = {k: request.args.get(k) or None for k in ("status", "call_id")}
    filters: dict[str, Any] = {"status": chosen["status"]}
    if chosen["call_id"] and chosen["call_id"].isdigit():
        filters["call_id"] = int(chosen["call_id"])
    query = "&".join(f"{k}={v}" for k, v in chosen.items() if v)
    return render_template(
        "submission/index.html",
        proposals=usecases.visible(user, **filters),
        calls=usecases.list_calls(),
        invitations=usecases.invitations(user),
        statuses=states.STATES,
        chosen=chosen,
        export_query=query,
    )


# --- a new draft -----------------------------------------------------------------------------


@bp.route("/proposals/new", methods=["GET", "POST"])
@page_login_required
def new() -> Page:
    user = require_user()
    calls = [c for c in usecases.list_calls() if c.open]
    default_call = str(calls[0].id) if calls else ""
    form = {"title": "", "summary": "", "opd_code": user.opd_code or "", "call_id": default_call}
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = {k: request.form.get(k, "") for k in form}
        try:
            out = usecases.create(user, _new_body(form))
        except (ValidationError, ApiError) as exc:
            errors = _errors(exc)
            if "sections.ringkasan" in errors:
                errors["summary"] = errors.pop("sections.ringkasan")
        else:
            flash(translate("proposal.created"), "ok")
            return redirect(url_for("submission_pages.show", proposal_id=out.id))
    page = render_template(
        "submission/form.html",
        form=form,
        errors=errors,
        agencies=agency_choices(user),
        calls=calls,
    )
    return (page, 422) if errors else page


def _new_body(form: dict[str, str]) -> ProposalCreate:
    """The new-proposal form as the API's body. In a call whose first aspect is the summary
    (KIPP's Ringkasan), what was typed as the summary is that aspect."""
    data: dict[str, Any] = {"title": form["title"], "opd_code": form["opd_code"] or None}
    if form["call_id"]:
        if not form["call_id"].isdigit():
            raise ApiError(422, "validation", "error.validation",
                           {"call_id": translate("proposal.unknown_call")})  # fmt: skip
        call_id = int(form["call_id"])
        data["call_id"] = call_id
        try:
            first = usecases.get_call(call_id).definition.aspects[:1]
        except ApiError as exc:
            raise ApiError(422, "validation", "error.validation",
                           {"call_id": translate("proposal.unknown_call")}) from exc  # fmt: skip
        if first and form["summary"].strip():
            data["sections"] = {first[0].key: form["summary"]}
        elif not first:
            data["summary"] = form["summary"]
    else:
        data["summary"] = form["summary"]
    return ProposalCreate.model_validate(data)


# --- one proposal ----------------------------------------------------------------------------


@bp.get("/proposals/<int:proposal_id>")
@page_login_required
def show(proposal_id: int) -> str:
    return _proposal_page(proposal_id)


def _edit_changes(definition: CallDefinition | None) -> dict[str, Any]:
    """The edit form as the API's PATCH body."""
    data: dict[str, Any] = {"title": request.form.get("title", "")}
    for name in ("summary", "category", "group", "video_url"):
        if name in request.form:
            data[name] = request.form[name].strip() or None
    if definition is not None:
        data["sections"] = {
            a.key: request.form[f"sections.{a.key}"]
            for a in definition.aspects
            if f"sections.{a.key}" in request.form
        }
        profile: dict[str, Any] = {}
        for f in definition.profile:
            if f.kind == "choices":
                profile[f.key] = request.form.getlist(f"profile.{f.key}")
            elif f"profile.{f.key}" in request.form:
                profile[f.key] = request.form[f"profile.{f.key}"]
        data["profile"] = profile
    if "sdgs" in request.form:
        data["sdgs"] = [int(v) for v in request.form.getlist("sdgs") if v.isdigit()]
    return data


@bp.post("/proposals/<int:proposal_id>/edit")
@page_login_required
def edit(proposal_id: int) -> Page:
    """Save the draft: a plain form post, or the page's autosave (`X-Autosave`, answered in
    JSON)."""
    user = require_user()
    autosave = request.headers.get("X-Autosave") == "1"
    definition = usecases.form_definition(user, proposal_id)
    try:
        changes = ProposalUpdate.model_validate(_edit_changes(definition))
        usecases.update(user, proposal_id, changes.model_dump(exclude_unset=True))
    except (ValidationError, ApiError) as exc:
        if autosave:
            status = exc.status if isinstance(exc, ApiError) else 422
            return jsonify({"saved": False, "fields": _errors(exc)}), status
        return _proposal_page(proposal_id, dict(request.form), _errors(exc)), 422
    if autosave:
        saved = clock.now().astimezone(WIB).strftime("%H:%M:%S")
        return jsonify({"saved": True, "message": translate("ui.autosaved", time=saved)})
    flash(translate("proposal.saved"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/submit")
@page_login_required
def submit(proposal_id: int) -> Page:
    try:
        usecases.submit(require_user(), proposal_id)
    except ApiError as exc:
        if exc.status in {401, 403, 404}:
            raise
        return _proposal_page(proposal_id, None, _errors(exc), submit_failed=True), exc.status
    flash(translate("proposal.submitted"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/withdraw")
@page_login_required
def withdraw(proposal_id: int) -> Page:
    try:
        usecases.withdraw(require_user(), proposal_id)
    except ApiError as exc:
        if exc.status in {401, 403, 404}:
            raise
        return _proposal_page(proposal_id, None, _errors(exc)), exc.status
    flash(translate("proposal.withdrawn"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


@bp.url_value_preprocessor
def _refuse_oversized_upload(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Runs before any `before_request`, so before the CSRF check parses the form: an upload
    announced bigger than the call allows is refused without reading its body."""
    if endpoint != "submission_pages.upload" or not values:
        return
    if (request.content_length or 0) <= usecases.MB:  # within any call's limit: nothing to ask
        return
    user = current_user()
    if user is None:
        return
    try:
        usecases.refuse_oversized_body(user, int(values["proposal_id"]), request.content_length)
    except ApiError as exc:
        if exc.status == 413:
            raise
        # Not this user's proposal: the CSRF check, then the view, answer as for any form.


@bp.post("/proposals/<int:proposal_id>/attachments")
@page_login_required
def upload(proposal_id: int) -> Page:
    user = require_user()
    try:
        sent = request.files.get("file")
        if sent is None or not sent.filename:
            raise ApiError(422, "validation", "error.validation",
                           {"file": translate("field.required")})  # fmt: skip
        usecases.upload(user, proposal_id, request.form.get("kind", "other"), sent.filename,
                        sent.read())  # fmt: skip
    except ApiError as exc:
        if exc.status in {401, 403, 404}:
            raise
        return _proposal_page(proposal_id, None, _errors(exc), file_error=True), exc.status
    flash(translate("ui.file_uploaded"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id) + "#attachments")


@bp.post("/proposals/<int:proposal_id>/attachments/<int:attachment_id>/delete")
@page_login_required
def delete_attachment(proposal_id: int, attachment_id: int) -> Response:
    usecases.delete_attachment(require_user(), proposal_id, attachment_id)
    flash(translate("ui.file_removed"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id) + "#attachments")


@bp.post("/proposals/<int:proposal_id>/check")
@page_login_required
def check(proposal_id: int) -> Page:
    user = require_user()
    fixes = [line.strip() for line in request.form.get("fixes", "").splitlines() if line.strip()]
    try:
        body = CheckIn.model_validate(
            {
                "decision": request.form.get("decision", ""),
                "items": {k: True for k in usecases.CHECK_ITEMS if request.form.get(k)},
                "fixes": fixes,
                "note": request.form.get("note", ""),
            }
        )
        usecases.record_check(user, proposal_id, body)
    except (ValidationError, ApiError) as exc:
        if isinstance(exc, ApiError) and exc.status in {401, 403, 404}:
            raise
        return _proposal_page(proposal_id, dict(request.form), _errors(exc)), 422
    flash(translate("proposal.checked"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/extend")
@page_login_required
def extend(proposal_id: int) -> Page:
    user = require_user()
    try:
        body = ProposalExtend.model_validate(
            {"until": request.form.get("until", ""), "reason": request.form.get("reason", "")}
        )
        usecases.extend_proposal(user, proposal_id, body.until, body.reason)
    except (ValidationError, ApiError) as exc:
        if isinstance(exc, ApiError) and exc.status in {401, 403, 404}:
            raise
        return _proposal_page(proposal_id, dict(request.form), _errors(exc)), 422
    flash(translate("ui.extended"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


@bp.get("/proposals/<int:proposal_id>/versions")
@page_login_required
def versions(proposal_id: int) -> str:
    """Two submitted versions side by side (the last two unless `a` and `b` say which)."""
    user = require_user()
    proposal = usecases.show(user, proposal_id)
    every = usecases.versions(user, proposal_id)
    numbers = [v.version_no for v in every]
    a = request.args.get("a", type=int) or (numbers[-2] if len(numbers) > 1 else 1)
    b = request.args.get("b", type=int) or (numbers[-1] if numbers else 1)
    left = next((v for v in every if v.version_no == a), None)
    right = next((v for v in every if v.version_no == b), None)
    definition = usecases.form_definition(user, proposal_id)
    return render_template(
        "submission/versions.html",
        proposal=proposal,
        numbers=numbers,
        a=a,
        b=b,
        rows=usecases.compare_rows(left, right, definition),
    )


def _proposal_page(
    proposal_id: int,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    *,
    submit_failed: bool = False,
    file_error: bool = False,
) -> str:
    """The proposal with its timeline; its form while it may be edited, refilled with what was
    `typed` when that had `errors`."""
    user = require_user()
    proposal = usecases.show(user, proposal_id)
    definition = usecases.form_definition(user, proposal_id)
    call = usecases.get_call(proposal.call_id) if proposal.call_id else None
    checking = can_check(actor(user)) and proposal.status == states.SUBMITTED
    form = {
        "title": proposal.title,
        "summary": proposal.summary,
        "category": proposal.category or "",
        "group": proposal.group or "",
        "video_url": proposal.video_url or "",
        **{f"sections.{k}": v for k, v in proposal.sections.items()},
        **{f"profile.{k}": v for k, v in proposal.profile.items()},
    }
    for key, value in (typed or {}).items():
        form[key] = value
    return render_template(
        "submission/show.html",
        proposal=proposal,
        definition=definition,
        call=call,
        form=form,
        errors=errors or {},
        submit_failed=submit_failed,
        file_error=file_error,
        timeline=usecases.timeline(user, proposal_id),
        attachments=usecases.attachment_list(user, proposal_id),
        team=usecases.team(user, proposal_id),
        manages_team=usecases.manages_team(user, proposal_id),
        next_step=translate(states.NEXT_STEP[proposal.status]),
        editable="edit" in proposal.actions and user.role != "evaluator",
        can_withdraw="withdraw" in proposal.actions
        and user.role != "evaluator"
        and user.role != "verifier",
        checking=checking,
        suggestion=usecases.check_suggestion(user, proposal_id) if checking else None,
        is_admin=can_manage_calls(actor(user)),
        opd_name=agency_name(proposal.opd_code) or proposal.opd_code,
        status_texts={
            s: {"label": translate(f"status.{s}"), "next": translate(states.NEXT_STEP[s])}
            for s in states.STATES
        },
        sdg_range=range(1, 18),
    )


# --- calls -----------------------------------------------------------------------------------


@bp.get("/calls")
@page_login_required
def calls() -> str:
    user = require_user()
    return render_template(
        "submission/calls.html",
        calls=usecases.list_calls(),
        is_admin=can_manage_calls(actor(user)),
    )


@bp.route("/calls/new", methods=["GET", "POST"])
@page_login_required
def new_call() -> Page:
    user = require_user()
    if not can_manage_calls(actor(user)):
        raise ApiError(403, "forbidden", "error.forbidden")
    year = clock.now().astimezone(WIB).year + 1
    text = request.form.get("definition") or _template_json(year)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            out = usecases.create_call(user, _parse_definition(text))
        except (ValidationError, ApiError) as exc:
            errors = _errors(exc)
        else:
            flash(translate("ui.call_saved"), "ok")
            return redirect(url_for("submission_pages.call", call_id=out.id))
    page = render_template("submission/call_form.html", text=text, errors=errors, call=None)
    return (page, 422) if errors else page


def _template_json(year: int) -> str:
    from datetime import datetime

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
    found = usecases.get_call(call_id)
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
        usecases.edit_call(user, call_id, _parse_definition(text), request.form.get("reason", ""))
    except (ValidationError, ApiError) as exc:
        if isinstance(exc, ApiError) and exc.status in {401, 403, 404}:
            raise
        return _call_page(call_id, _errors(exc), text), 422
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
        usecases.extend_call(user, call_id, body.closes_at, body.reason)
    except (ValidationError, ApiError) as exc:
        if isinstance(exc, ApiError) and exc.status in {401, 403, 404}:
            raise
        return _call_page(call_id, _errors(exc)), 422
    flash(translate("ui.extended"), "ok")
    return redirect(url_for("submission_pages.call", call_id=call_id))


# --- the innovation team ---------------------------------------------------------------------


@bp.post("/proposals/<int:proposal_id>/team")
@page_login_required
def invite(proposal_id: int) -> Page:
    user = require_user()
    try:
        body = TeamInvite.model_validate({"email": request.form.get("email", "")})
        usecases.invite(user, proposal_id, body.email)
    except (ValidationError, ApiError) as exc:
        errors = _errors(exc)
        if "form" in errors:
            errors = {"email": errors["form"]}
        return _proposal_page(proposal_id, {"invite_email": request.form.get("email", "")},
                              errors), 422  # fmt: skip
    flash(translate("team.invited"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id) + "#team")


@bp.post("/proposals/<int:proposal_id>/team/<int:member_id>/delete")
@page_login_required
def remove_member(proposal_id: int, member_id: int) -> Response:
    usecases.remove_member(require_user(), proposal_id, member_id)
    flash(translate("team.removed"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id) + "#team")


@bp.post("/invitations/<int:member_id>/accept")
@page_login_required
def accept_invitation(member_id: int) -> Response:
    member = usecases.accept_invitation(require_user(), member_id)
    flash(translate("team.accepted"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=member.proposal_id))
