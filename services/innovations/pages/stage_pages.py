"""A stage reached, and a duplicate's link moved: both ask first. The stage form takes the stage,
its day and the signed berita acara; posting it checks everything and keeps the file, then a page
says what will happen (SIPINDA issues the berita acara, the team is told, it cannot be undone);
only its form, posted with `confirm=yes`, records the stage. The merge asks the same way."""

from __future__ import annotations

import io
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from services.innovations import advancing, profile, stages
from services.innovations.errors import Invalid, TransitionRefused
from services.innovations.pages import TEMPLATES
from services.innovations.pages.history_words import stage_name
from shared.web.auth import CurrentUser, page_login_required, require_user
from shared.web.i18n import translate

bp = Blueprint("innovations_stages", __name__, template_folder=TEMPLATES)
Page = str | tuple[str, int] | Response


def confirmed() -> bool:
    return request.method == "POST" and request.form.get("confirm") == "yes"


def _day(name: str, errors: dict[str, str]) -> date | None:
    text = request.form.get(name, "").strip()
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        errors[name] = translate("innovations.form.bad_date")
        return None


def _move(errors: dict[str, str]) -> stages.Move:
    return stages.Move(request.form.get("stage", ""), _day("on", errors), _day("trial_on", errors))


def _form(
    user: CurrentUser, innovation_id: int, errors: dict[str, str] | None = None, status: int = 200
) -> tuple[str, int]:
    current = advancing.editable(user, innovation_id)
    page = render_template(
        "innovations/registry/stage.html", i=current, errors=errors or {},
        next_stages=advancing.next_stages(current.stage, user), form=request.form,
        stage_name=stage_name,
    )  # fmt: skip
    return page, status


@bp.get("/innovations/<int:innovation_id>/stage")
@page_login_required
def stage_form(innovation_id: int) -> Page:
    return _form(require_user(), innovation_id)


@bp.post("/innovations/<int:innovation_id>/stage")
@page_login_required
def stage(innovation_id: int) -> Page:
    user = require_user()
    errors: dict[str, str] = {}
    move = _move(errors)
    if errors:
        return _form(user, innovation_id, errors, 422)
    try:
        if not confirmed():
            sent = request.files.get("berita_acara")
            signed = (
                advancing.Upload(sent.filename or "berita-acara", sent.read()) if sent else None
            )
            ready = advancing.prepare(user, innovation_id, move, signed)
            return render_template(
                "innovations/registry/confirm_stage.html",
                i=advancing.editable(user, innovation_id), move=move, ready=ready,
                stage_name=stage_name,
            )  # fmt: skip
        evidence = request.form.get("evidence_id", "")
        advancing.advance(user, innovation_id, move,
                          evidence_id=int(evidence) if evidence.isdigit() else -1)  # fmt: skip
    except Invalid as exc:
        found = {f: translate(k, **v) for f, (k, v) in exc.problems.items()}
        return _form(user, innovation_id, found or {"form": translate(exc.key)}, 422)
    except TransitionRefused as exc:
        return _form(user, innovation_id, {"stage": translate(exc.key, **exc.values)}, 409)
    flash(translate("innovations.stage.done", stage=stage_name(move.stage)), "ok")
    return redirect(url_for("innovations_registry.show", innovation_id=innovation_id), 303)


@bp.get("/innovations/<int:innovation_id>/berita-acara/<int:change_id>")
@page_login_required
def signed_copy(innovation_id: int, change_id: int) -> Response:
    """The signed berita acara the person uploaded with the stage."""
    found = advancing.signed_file(require_user(), innovation_id, change_id)
    return send_file(io.BytesIO(found.data), mimetype=found.content_type,
                     as_attachment=not found.inline, download_name=found.name)  # fmt: skip


@bp.route(
    "/innovations/<int:innovation_id>/proposals/<int:proposal_id>/merge", methods=["GET", "POST"]
)
@page_login_required
def merge(innovation_id: int, proposal_id: int) -> Page:
    """Move a linked proposal to the innovation it duplicates: asked first."""
    user = require_user()
    into_text = request.values.get("into", "")
    into = int(into_text) if into_text.isdigit() else -1
    if not confirmed():
        preview = profile.merge_preview(user, innovation_id, proposal_id, into)
        return render_template("innovations/registry/confirm_merge.html", m=preview)
    try:
        profile.merge(user, innovation_id, proposal_id, into)
    except TransitionRefused as exc:
        flash(translate(exc.key, **exc.values), "error")
        return redirect(url_for("innovations_registry.show", innovation_id=innovation_id), 303)
    flash(translate("innovations.merged", id=proposal_id), "ok")
    return redirect(url_for("innovations_registry.show", innovation_id=into), 303)
