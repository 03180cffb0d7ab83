"""The evaluator's pages, without JavaScript: the queue, the score form, invitations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as Redirect

from services.review import access, conflicts, deadlines, evaluators, queries, reviews, spread
from services.review import assignment as assignments
from services.review.bootstrap import k_default, session
from services.review.errors import Invalid, Refused, refusals_as_invalid
from services.review.models import Assignment
from services.review.pages import TEMPLATES, problems
from services.review.snapshots import aware
from shared.outbox import utcnow
from shared.web import paging
from shared.web.auth import CurrentUser, page_login_required, require_user
from shared.web.i18n import current_language, translate

bp = Blueprint(
    "review_pages", __name__, template_folder=TEMPLATES,
    static_folder=str(Path(TEMPLATES).parent / "static"), static_url_path="/review/static",
)  # fmt: skip


@bp.get("/review")
@page_login_required
def queue() -> str:
    user = require_user()
    with session() as s:
        found = reviews.queue(s, user, paging.window_of(request.args))
    pager = found.linked(request.path, request.args.items(multi=True))
    now, language = utcnow(), current_language()
    return render_template(
        "review/queue.html", rows=found.items, pager=pager,
        due_words=lambda due: deadlines.due_words(due, now, language),
        late=lambda due: due < now,
    )  # fmt: skip


def parse_form(aspects: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The score form's fields as the API's `scores`; a blank score is left out (a draft may
    leave it), text that is not a number is kept so the check names it."""
    scores: dict[str, dict[str, Any]] = {}
    form: dict[str, str] = {}
    for aspect in aspects:
        if not aspect.get("scored", True):
            continue
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
    with session() as s:
        a = access.readable_assignment(s, user, assignment_id)
        view = access.assignment_view(s, user, a, k_default())
        form = saved_form(view)
        if request.method == "POST":
            scores, form = parse_form(view["aspects"])
            submit = request.form.get("action") == "submit"
            autosaving = not submit and request.headers.get("X-Autosave") == "1"
            try:
                reviews.save(s, user, assignment_id, scores, submit=submit, k_default=k_default())
            except Invalid as exc:  # the form shows each bad score beside its field
                errors = problems(exc)
            except Refused as exc:
                errors = {"form": translate(exc.key, **exc.values)}
            else:
                if autosaving:  # the page's script saving a draft as the evaluator types
                    return "", 204
                flash(translate("review.submitted") if submit else translate("review.saved"), "ok")
                return redirect(url_for("review_pages.assignment", assignment_id=assignment_id))
            if autosaving:
                return jsonify({"errors": errors}), 422
        table = None
        if user.role == "evaluator" and view["status"] == "submitted" and view["reveals_others"]:
            table = _beside_the_others(s, user, a)
    editable = user.role == "evaluator" and view["status"] in ("assigned", "draft")
    due_at = aware(a.due_at) if a.due_at else None
    page = render_template(
        "review/assignment.html",
        view=view,
        form=form,
        errors=errors,
        editable=editable,
        due_at=due_at,
        due_words=deadlines.due_words(due_at, utcnow(), current_language()) if due_at else "",
        table=table,
    )
    return page, 422 if errors else 200


def _beside_the_others(s: Session, user: CurrentUser, a: Assignment) -> spread.SideBySide:
    """Once their review is in, an evaluator sees it beside the others' (without names) and
    where the call's threshold flags the spread."""
    call = access.settings_of(s, access.proposal_of(s, a), k_default())
    others = access.other_reviews(s, user, a.proposal_id, a.version_no)
    return spread.side_by_side(call, [
        (translate("review.you") if r["own"] else r["reviewer"], r["scores"] or {}, r["total"])
        for r in others
    ])  # fmt: skip


@bp.post("/review/assignments/<int:assignment_id>/decline")
@page_login_required
def decline(assignment_id: int) -> Redirect:
    user = require_user()
    with session() as s:
        assignments.decline(s, user, assignment_id, k_default())
    flash(translate("review.declined"), "ok")
    return redirect(url_for("review_pages.queue"))


@bp.post("/review/assignments/<int:assignment_id>/conflict")
@page_login_required
def conflict(assignment_id: int) -> Redirect:
    user = require_user()
    access.require(user, "evaluator")  # the page is the evaluator's; the admin has the API
    # This form has always answered a refusal with 422, where the API says 409.
    with session() as s, refusals_as_invalid():
        conflicts.declare_conflict(s, user, assignment_id, request.form.get("reason", ""),
                                   k_default())  # fmt: skip
    flash(translate("review.released"), "ok")
    return redirect(url_for("review_pages.queue"))


@bp.route("/review/invitations/<int:invitation_id>", methods=["GET", "POST"])
@page_login_required
def invitation(invitation_id: int) -> Any:
    """The page `evaluator.invited` links to: the invited evaluator accepts or declines."""
    user = require_user()
    with session() as s:
        if request.method == "POST":
            row = evaluators.answer_invitation(
                s, user, invitation_id, request.form.get("answer") == "accept", k_default()
            )
            flash(translate(f"review.invitation.{row.status}"), "ok")
            return redirect(url_for("review_pages.invitation", invitation_id=invitation_id))
        row = access.own_invitation(s, user, invitation_id)
        call_name = queries.call_settings(s, row.call_id).name
        return render_template("review/invitation.html", invitation=row, call_name=call_name)
