"""The proposal page's team: invite a co-innovator, remove one, accept an invitation."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response

from services.submission import team
from services.submission.pages import REFUSALS, Page, bp, form_errors
from services.submission.pages.proposals import proposal_page
from services.submission.schemas import TeamInvite
from shared.web.auth import page_login_required, require_user
from shared.web.i18n import translate

# --- the innovation team ---------------------------------------------------------------------


@bp.post("/proposals/<int:proposal_id>/team")
@page_login_required
def invite(proposal_id: int) -> Page:
    user = require_user()
    try:
        body = TeamInvite.model_validate({"email": request.form.get("email", "")})
        team.invite(user, proposal_id, body.email)
    except REFUSALS as exc:
        errors = form_errors(exc)
        if "form" in errors:
            errors = {"email": errors["form"]}
        return proposal_page(proposal_id, {"invite_email": request.form.get("email", "")},
                              errors), 422  # fmt: skip
    flash(translate("team.invited"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id) + "#team")


@bp.post("/proposals/<int:proposal_id>/team/<int:member_id>/delete")
@page_login_required
def remove_member(proposal_id: int, member_id: int) -> Response:
    team.remove_member(require_user(), proposal_id, member_id)
    flash(translate("team.removed"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id) + "#team")


@bp.post("/invitations/<int:member_id>/accept")
@page_login_required
def accept_invitation(member_id: int) -> Response:
    member = team.accept_invitation(require_user(), member_id)
    flash(translate("team.accepted"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=member.proposal_id))
