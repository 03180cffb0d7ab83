"""The proposal pages: the list, a new draft, one proposal with its form, timeline, files, team
and check, and two versions side by side."""

from __future__ import annotations

from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for

from services.submission import (
    attachments,
    calls,
    checks,
    clock,
    directory,
    proposals,
    states,
    team,
)
from services.submission.access import actor, agency_choices
from services.submission.definition import CallDefinition
from services.submission.errors import NotFound, invalid
from services.submission.pages import REFUSALS, Page, bp, form_errors, status_of
from services.submission.rules import can_check, can_manage_calls
from services.submission.schemas import CheckIn, ProposalCreate, ProposalExtend, ProposalUpdate
from shared import formats
from shared.web.auth import page_login_required, require_user
from shared.web.i18n import current_language, translate

# --- a new draft -----------------------------------------------------------------------------


@bp.route("/proposals/new", methods=["GET", "POST"])
@page_login_required
def new() -> Page:
    user = require_user()
    open_calls = [c for c in calls.list_calls() if c.open]
    default_call = str(open_calls[0].id) if open_calls else ""
    form = {"title": "", "summary": "", "opd_code": user.opd_code or "", "call_id": default_call}
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = {k: request.form.get(k, "") for k in form}
        try:
            out = proposals.create(user, _new_body(form))
        except REFUSALS as exc:
            errors = form_errors(exc)
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
        calls=open_calls,
    )
    return (page, 422) if errors else page


def _new_body(form: dict[str, str]) -> ProposalCreate:
    """The new-proposal form as the API's body. In a call whose first aspect is the summary
    (KIPP's Ringkasan), what was typed as the summary is that aspect."""
    data: dict[str, Any] = {"title": form["title"], "opd_code": form["opd_code"] or None}
    if form["call_id"]:
        if not form["call_id"].isdigit():
            raise invalid("call_id", "proposal.unknown_call")
        call_id = int(form["call_id"])
        data["call_id"] = call_id
        try:
            first = calls.get_call(call_id).definition.aspects[:1]
        except NotFound as exc:
            raise invalid("call_id", "proposal.unknown_call") from exc
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
    return proposal_page(proposal_id)


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
    definition = proposals.form_definition(user, proposal_id)
    try:
        changes = ProposalUpdate.model_validate(_edit_changes(definition))
        proposals.update(user, proposal_id, changes.model_dump(exclude_unset=True))
    except REFUSALS as exc:
        if autosave:
            status = status_of(exc)
            return jsonify({"saved": False, "fields": form_errors(exc)}), status
        return proposal_page(proposal_id, dict(request.form), form_errors(exc)), 422
    if autosave:
        saved = formats.clock(clock.now(), current_language())
        return jsonify({"saved": True, "message": translate("ui.autosaved", time=saved)})
    flash(translate("proposal.saved"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/check")
@page_login_required
def check(proposal_id: int) -> Page:
    user = require_user()
    fixes = [line.strip() for line in request.form.get("fixes", "").splitlines() if line.strip()]
    try:
        body = CheckIn.model_validate(
            {
                "decision": request.form.get("decision", ""),
                "items": {k: True for k in checks.CHECK_ITEMS if request.form.get(k)},
                "fixes": fixes,
                "note": request.form.get("note", ""),
                "reason": request.form.get("reason", ""),
            }
        )
        checks.record_check(user, proposal_id, body)
    except REFUSALS as exc:
        return proposal_page(proposal_id, dict(request.form), form_errors(exc)), 422
    if request.form.get("decision") == "refuse":
        flash(translate("proposal.refused_done"), "ok")
    else:
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
        proposals.extend_proposal(user, proposal_id, body.until, body.reason)
    except REFUSALS as exc:
        return proposal_page(proposal_id, dict(request.form), form_errors(exc)), 422
    flash(translate("ui.extended"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


@bp.get("/proposals/<int:proposal_id>/versions")
@page_login_required
def versions(proposal_id: int) -> str:
    """Two submitted versions side by side (the last two unless `a` and `b` say which)."""
    user = require_user()
    proposal = proposals.show(user, proposal_id)
    every = proposals.versions(user, proposal_id)
    numbers = [v.version_no for v in every]
    a = request.args.get("a", type=int) or (numbers[-2] if len(numbers) > 1 else 1)
    b = request.args.get("b", type=int) or (numbers[-1] if numbers else 1)
    left = next((v for v in every if v.version_no == a), None)
    right = next((v for v in every if v.version_no == b), None)
    definition = proposals.form_definition(user, proposal_id)
    return render_template(
        "submission/versions.html",
        proposal=proposal,
        numbers=numbers,
        a=a,
        b=b,
        rows=proposals.compare_rows(left, right, definition),
    )


def refused_field(field: str, definition: CallDefinition | None) -> tuple[str, str, bool]:
    """Where a refused field is on the proposal's page: its name in words, the id of the element
    to fix, and whether the name is the call's own (Indonesian) words. ("", "", False) for the
    proposal as a whole: the summary above the form then shows the message alone."""
    part, _, key = field.partition(".")
    if part == "sections" and definition is not None:
        for aspect in definition.aspects:
            if aspect.key == key:
                return aspect.title, f"f-sections-{key}", True
    if part == "profile" and definition is not None:
        for spec in definition.profile:
            if spec.key == key:
                return spec.label, f"f-profile-{key}", True
    if part == "attachments":
        return proposals.kind_label(key, definition), "attachments", False
    if field == "title":
        return translate("ui.title"), "title", False
    if field == "summary":
        return translate("ui.summary"), "summary", False
    if field == "category":
        return translate("ui.category"), "category", False
    if field == "group":
        return translate("ui.group"), "group", False
    return "", "", False


def proposal_page(
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
    proposal = proposals.show(user, proposal_id)
    definition = proposals.form_definition(user, proposal_id)
    call = calls.get_call(proposal.call_id) if proposal.call_id else None
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
        timeline=proposals.timeline(user, proposal_id),
        attachments=attachments.attachment_list(user, proposal_id),
        team=team.team(user, proposal_id),
        manages_team=team.manages_team(user, proposal_id),
        next_step=translate(states.NEXT_STEP[proposal.status]),
        editable="edit" in proposal.actions and user.role != "evaluator",
        can_withdraw="withdraw" in proposal.actions
        and user.role != "evaluator"
        and user.role != "verifier",
        checking=checking,
        suggestion=checks.check_suggestion(user, proposal_id) if checking else None,
        is_admin=can_manage_calls(actor(user)),
        opd_name=directory.agency_name(proposal.opd_code) or proposal.opd_code,
        kind_label=lambda kind: proposals.kind_label(kind, definition),
        refused_field=lambda field: refused_field(field, definition),
        status_texts={
            s: {"label": translate(f"status.{s}"), "next": translate(states.NEXT_STEP[s])}
            for s in states.STATES
        },
        sdg_range=range(1, 18),
    )
