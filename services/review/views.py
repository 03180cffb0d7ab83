"""Review's pages, without JavaScript: the evaluator's queue and the score form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as Redirect

from services.review import access, operations, queries
from services.review.models import Invitation
from services.review.routes import _db, assignments_for, k_default, score_error
from services.review.scoring import ScoreError
from services.review.snapshots import aware
from shared.web.auth import page_login_required, require_user
from shared.web.errors import ApiError
from shared.web.i18n import translate

bp = Blueprint("review_pages", __name__, template_folder="templates")


@bp.get("/review")
@page_login_required
def queue() -> str:
    user = require_user()
    with _db() as s:
        rows = assignments_for(s, user)
    return render_template("review/queue.html", rows=rows)


def parse_form(aspects: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The score form's fields as the API's `scores`; a blank score is left out (a draft may
    leave it), text that is not a number is kept so the check names it."""
    scores: dict[str, dict[str, Any]] = {}
    form: dict[str, str] = {}
    for aspect in aspects:
        key = str(aspect["key"])
        raw = request.form.get(f"score_{key}", "").strip().replace(",", ".")
        comment = request.form.get(f"comment_{key}", "")
        form[f"score_{key}"], form[f"comment_{key}"] = raw, comment
        if not raw:
            continue
        try:
            value: Any = float(raw)
        except ValueError:
            value = raw
        scores[key] = {"score": value, "comment": comment}
    return scores, form


def saved_form(view: dict[str, Any]) -> dict[str, str]:
    form: dict[str, str] = {}
    for aspect in view["aspects"]:
        entry = view["scores"].get(aspect["key"]) or {}
        score = entry.get("score")
        form[f"score_{aspect['key']}"] = "" if score is None else f"{score:g}"
        form[f"comment_{aspect['key']}"] = str(entry.get("comment") or "")
    return form


@bp.route("/review/assignments/<int:assignment_id>", methods=["GET", "POST"])
@page_login_required
def assignment(assignment_id: int) -> Any:
    user = require_user()
    errors: dict[str, str] = {}
    with _db() as s:
        a = access.readable_assignment(s, user, assignment_id)
        view = access.assignment_view(s, user, a, k_default())
        form = saved_form(view)
        if request.method == "POST":
            a = access.own_assignment(s, user, assignment_id)
            scores, form = parse_form(view["aspects"])
            submit = request.form.get("action") == "submit"
            try:
                operations.save_review(s, a, scores, submit=submit, k_default=k_default())
            except ScoreError as exc:
                errors = score_error(exc).fields
            except operations.ReviewStateError as exc:
                errors = {"form": translate(exc.key, **exc.values)}
            else:
                flash(translate("review.submitted" if submit else "review.saved"), "ok")
                return redirect(url_for("review_pages.assignment", assignment_id=assignment_id))
    editable = user.role == "evaluator" and view["status"] in ("assigned", "draft")
    due_at = aware(a.due_at) if a.due_at else None
    page = render_template(
        "review/assignment.html",
        view=view,
        form=form,
        errors=errors,
        editable=editable,
        due_at=due_at,
    )
    return page, 422 if errors else 200


@bp.post("/review/assignments/<int:assignment_id>/decline")
@page_login_required
def decline(assignment_id: int) -> Redirect:
    user = require_user()
    with _db() as s:
        a = access.own_assignment(s, user, assignment_id)
        try:
            operations.release(s, a, "declined", k_default())
        except operations.ReviewStateError as exc:
            raise ApiError(409, "conflict", exc.key, None, **exc.values) from exc
    flash(translate("review.declined"), "ok")
    return redirect(url_for("review_pages.queue"))


@bp.post("/review/assignments/<int:assignment_id>/conflict")
@page_login_required
def conflict(assignment_id: int) -> Redirect:
    user = require_user()
    with _db() as s:
        a = access.own_assignment(s, user, assignment_id)
        try:
            operations.declare_conflict(s, a, request.form.get("reason", ""), k_default=k_default())
        except operations.ReviewStateError as exc:
            raise ApiError(422, "validation", exc.key, None, **exc.values) from exc
    flash(translate("review.released"), "ok")
    return redirect(url_for("review_pages.queue"))


@bp.route("/review/invitations/<int:invitation_id>", methods=["GET", "POST"])
@page_login_required
def invitation(invitation_id: int) -> Any:
    """The page `evaluator.invited` links to: the invited evaluator accepts or declines."""
    user = require_user()
    with _db() as s:
        row = s.get(Invitation, invitation_id)
        if row is None or user.role != "evaluator" or row.evaluator_id != user.id:
            raise ApiError(404, "not_found", "error.not_found")
        if request.method == "POST":
            try:
                operations.answer_invitation(
                    s, row, request.form.get("answer") == "accept", k_default()
                )
            except operations.ReviewStateError as exc:
                raise ApiError(409, "conflict", exc.key, None, **exc.values) from exc
            flash(translate(f"review.invitation.{row.status}"), "ok")
            return redirect(url_for("review_pages.invitation", invitation_id=invitation_id))
        call_name = queries.call_settings(s, row.call_id).name
        return render_template("review/invitation.html", invitation=row, call_name=call_name)
