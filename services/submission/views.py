"""Submission's pages: they work without JavaScript; the timeline refreshes itself with it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from pydantic import ValidationError
from werkzeug.wrappers import Response as Redirect

from services.submission import usecases
from services.submission.access import agency_choices, agency_name
from services.submission.rules import NEXT_STEP
from services.submission.schemas import ProposalCreate, ProposalUpdate
from shared.web.auth import page_login_required, require_user
from shared.web.errors import ApiError, validation_fields
from shared.web.i18n import translate

bp = Blueprint(
    "submission_pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/submission",
)


@bp.get("/")
def home() -> Redirect:
    return redirect(url_for("submission_pages.index"))


@bp.get("/proposals")
@page_login_required
def index() -> str:
    return render_template("submission/index.html", proposals=usecases.visible(require_user()))


@bp.route("/proposals/new", methods=["GET", "POST"])
@page_login_required
def new() -> Any:
    user = require_user()
    form: dict[str, str] = {"title": "", "summary": "", "opd_code": user.opd_code or ""}
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = {k: request.form.get(k, "") for k in form}
        try:
            body = ProposalCreate.model_validate({**form, "opd_code": form["opd_code"] or None})
            out = usecases.create(user, body)
        except ValidationError as exc:
            errors = validation_fields(exc)
        except ApiError as exc:
            errors = exc.fields or {"form": translate(exc.message_key)}
        else:
            flash(translate("proposal.created"), "ok")
            return redirect(url_for("submission_pages.show", proposal_id=out.id))
    page = render_template(
        "submission/form.html", form=form, errors=errors, agencies=agency_choices(user)
    )
    return page, 422 if errors else 200


@bp.get("/proposals/<int:proposal_id>")
@page_login_required
def show(proposal_id: int) -> str:
    return _proposal_page(proposal_id)


@bp.post("/proposals/<int:proposal_id>/edit")
@page_login_required
def edit(proposal_id: int) -> Any:
    form = {k: request.form.get(k, "") for k in ("title", "summary")}
    try:
        changes = ProposalUpdate.model_validate(form).model_dump(exclude_unset=True)
        usecases.update(require_user(), proposal_id, changes)
    except ValidationError as exc:
        return _proposal_page(proposal_id, form, validation_fields(exc)), 422
    flash(translate("proposal.saved"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


def _proposal_page(
    proposal_id: int, typed: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> str:
    """The proposal with its timeline; the edit form when it is still a draft, refilled with
    what was `typed` when that had `errors`."""
    user = require_user()
    proposal = usecases.show(user, proposal_id)
    return render_template(
        "submission/show.html",
        proposal=proposal,
        form={**proposal.model_dump(), **(typed or {})},
        errors=errors or {},
        timeline=usecases.timeline(user, proposal_id),
        next_step=translate(NEXT_STEP.get(proposal.status, "next.under_review")),
        editable="edit" in proposal.actions and user.role != "evaluator",
        opd_name=agency_name(proposal.opd_code) or proposal.opd_code,
        status_texts={
            status: {"label": translate(f"status.{status}"), "next": translate(key)}
            for status, key in NEXT_STEP.items()
        },
    )


@bp.post("/proposals/<int:proposal_id>/submit")
@page_login_required
def submit(proposal_id: int) -> Redirect:
    usecases.submit(require_user(), proposal_id)
    flash(translate("proposal.submitted"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))
