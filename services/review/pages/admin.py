"""The admin's review pages, without JavaScript: the evaluator registry, a call's assignments
with their explanations (conflicts, overrides), ranking and decisions, and batch runs.

Every action calls the same application functions as the JSON API (`api.py`); a refused
action is shown as a message on the page and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from pydantic import ValidationError
from sqlalchemy import func, select
from werkzeug.wrappers import Response as Redirect

from services.review import (
    access,
    batch,
    conflicts,
    decisions,
    directory,
    held,
    queries,
    spread,
    standings,
)
from services.review import assignment as assigning
from services.review import evaluators as registry
from services.review import reasons as why
from services.review.api import EvaluatorIn
from services.review.bootstrap import k_default, session
from services.review.errors import Refused
from services.review.models import Assignment, BatchRun, Evaluator, ReviewCall, ReviewProposal
from services.review.pages import TEMPLATES
from shared import runtime
from shared.web import paging
from shared.web.auth import page_login_required, require_role, require_user
from shared.web.errors import ApiError
from shared.web.i18n import current_language, translate

bp = Blueprint("review_admin", __name__, template_folder=TEMPLATES)
DECISIONS = ("finalist", "not_selected", "winner")
RANKING = "ranking_"  # the ranking's own page arguments on the call's page (`ranking_page`)
# The pages of both lists the decisions form returns to once done.
SHOWN = ("page", "per_page", f"{RANKING}page", f"{RANKING}per_page")


def _admin() -> int:
    user = require_user()
    require_role(user, "admin")
    return user.id


def _attempt(action: Callable[[], Any], done: str) -> bool:
    """Run an action; its refusal becomes a message on the page, and nothing is kept."""
    try:
        action()
    except Refused as exc:
        flash(translate(exc.key, **exc.values), "error")
        return False
    flash(translate(done), "ok")
    return True


@bp.get("/review/admin")
@page_login_required
def index() -> str:
    _admin()
    with session() as s:
        calls = s.execute(
            select(ReviewCall.call_id, func.max(ReviewCall.name)).group_by(ReviewCall.call_id)
        ).all()
        counts = dict(
            s.execute(
                select(ReviewProposal.call_id, func.count()).group_by(ReviewProposal.call_id)
            ).all()
        )
    return render_template("review/admin/index.html", calls=calls, counts=counts)


# --- the registry --------------------------------------------------------------------------------


def _evaluator_form(e: Evaluator | None) -> dict[str, Any]:
    if e is None:
        return {"kind": "academic", "language": "id", "min_load": 0, "max_load": 10,
                "active": True}  # fmt: skip
    return {
        "id": e.id, "name": e.name, "email": e.email, "kind": e.kind, "opd_code": e.opd_code or "",
        "language": e.language, "min_load": e.min_load, "max_load": e.max_load,
        "active": e.active, "topics": ", ".join(e.topics or ()), "expertise": e.expertise or "",
    }  # fmt: skip


def _parse_evaluator() -> tuple[EvaluatorIn | None, dict[str, str], dict[str, Any]]:
    form = request.form
    typed: dict[str, Any] = {key: form.get(key, "").strip() for key in (
        "id", "name", "email", "kind", "opd_code", "language", "min_load", "max_load",
        "topics", "expertise")}  # fmt: skip
    typed["active"] = form.get("active") == "on"
    account = directory.account(int(typed["id"])) if str(typed["id"]).isdigit() else None
    if account is not None:  # the e-mail is the account's; the name may carry titles
        typed["email"], typed["name"] = account.email, typed["name"] or account.name
    data: dict[str, Any] = {
        **typed,
        "opd_code": typed["opd_code"] or None,
        "topics": [t.strip() for t in str(typed["topics"]).split(",") if t.strip()],
    }
    try:
        body = EvaluatorIn.model_validate(data)
    except ValidationError as exc:
        errors = {str(e["loc"][0]): translate("review.admin.invalid") for e in exc.errors()}
        return None, errors, typed
    if body.min_load > body.max_load:
        return None, {"min_load": translate("review.invalid_loads")}, typed
    return body, {}, typed


@bp.route("/review/admin/evaluators", methods=["GET", "POST"])
@page_login_required
def evaluators() -> Any:
    _admin()
    errors: dict[str, str] = {}
    edit_id = request.args.get("edit", type=int)
    with session() as s:
        if request.method == "POST":
            body, errors, typed = _parse_evaluator()
            if body is not None:
                registry.enrol(s, body.model_dump(), k_default())
                flash(translate("review.admin.saved"), "ok")
                return redirect(url_for("review_admin.evaluators"))
            form = typed
        else:
            form = _evaluator_form(s.get(Evaluator, edit_id) if edit_id else None)
        found = paging.paginate(
            s, select(Evaluator).order_by(Evaluator.name, Evaluator.id),
            paging.window_of(request.args),
        )  # fmt: skip
        shown = [e.id for e in found.items]
        loads: dict[int, int] = dict(
            s.execute(
                select(Assignment.evaluator_id, func.count())
                .where(Assignment.status.in_(("assigned", "draft")))
                .where(Assignment.evaluator_id.in_(shown))
                .group_by(Assignment.evaluator_id)
            ).all()
        )
        pager = found.linked(request.path, request.args.items(multi=True))
        chosen = str(form.get("id") or "")
        html = render_template(
            "review/admin/evaluators.html", rows=found.items, loads=loads, form=form,
            errors=errors, pager=pager, accounts=directory.evaluator_accounts(),
            agencies=(agencies := directory.agency_choices()), agency_names=dict(agencies),
            editing=chosen.isdigit() and s.get(Evaluator, int(chosen)) is not None,
        )  # fmt: skip
    return (html, 422) if errors else html


# --- a call: assignments and their explanations, ranking, decisions -------------------------------


@bp.get("/review/admin/calls/<int:call_id>")
@page_login_required
def call(call_id: int) -> str:
    _admin()
    with session() as s:
        found = paging.paginate(
            s, select(ReviewProposal).where(ReviewProposal.call_id == call_id)
            .order_by(ReviewProposal.proposal_id, ReviewProposal.version_no),
            paging.window_of(request.args),
        )  # fmt: skip
        proposals = found.items
        names = dict(s.execute(select(Evaluator.id, Evaluator.name)).all())
        held = {
            (p.proposal_id, p.version_no): queries.assignments_of(s, p.proposal_id, p.version_no)
            for p in proposals
        }
        ranked = standings.page(s, call_id, paging.window_of(request.args, prefix=RANKING)).linked(
            request.path, request.args.items(multi=True), prefix=RANKING
        )
        runs = s.scalars(
            select(BatchRun).where(BatchRun.call_id == call_id).order_by(BatchRun.id.desc())
        ).all()
        return render_template(
            "review/admin/call.html", call_id=call_id, proposals=proposals, held=held,
            pager=found.linked(request.path, request.args.items(multi=True)),
            names=names, ranked=ranked, runs=runs[:5], decisions=DECISIONS,
            shown={k: v for k, v in request.args.items() if k in SHOWN},
            announced=decisions.announcement_of(s, call_id),
            limit=spread.limit_of(queries.call_settings(s, call_id)),
            evaluator_options=_options(names),
            why=lambda stored: why.describe(stored, current_language()),
        )  # fmt: skip


def _options(names: dict[int, str]) -> Markup:
    """Every evaluator as an <option>, by name: made once, then shown in each proposal's form
    (hundreds of evaluators times 50 proposals would be rendered one by one otherwise)."""
    ordered = sorted(names.items(), key=lambda item: item[1])
    return Markup("").join(
        Markup('<option value="{}">{}</option>').format(i, n) for i, n in ordered
    )


def _form_int(name: str) -> int:
    raw = request.form.get(name, "").strip()
    if not raw.isdigit():
        raise ApiError(422, "validation", "error.validation",
                       {name: translate("review.admin.invalid")})  # fmt: skip
    return int(raw)


def _reason() -> str:
    reason = request.form.get("reason", "").strip()
    if not reason:
        raise ApiError(422, "validation", "error.validation",
                       {"reason": translate("review.admin.reason_needed")})  # fmt: skip
    return reason[:2000]


@bp.post("/review/admin/calls/<int:call_id>/conflicts")
@page_login_required
def conflict(call_id: int) -> Redirect:
    _admin()
    proposal_id, evaluator_id, reason = (
        _form_int("proposal_id"),
        _form_int("evaluator_id"),
        _reason(),
    )
    with session() as s:
        if not _attempt(lambda: conflicts.declare_admin_conflict(
                s, proposal_id, evaluator_id, reason, k_default()),
                "review.admin.conflict_done"):  # fmt: skip
            s.rollback()
    return redirect(url_for("review_admin.call", call_id=call_id))


@bp.post("/review/admin/calls/<int:call_id>/override")
@page_login_required
def override(call_id: int) -> Redirect:
    user_id = _admin()
    assignment_id, evaluator_id, reason = (
        _form_int("assignment_id"), _form_int("evaluator_id"), _reason()
    )  # fmt: skip
    with session() as s:
        a = access.assignment_in_call(s, call_id, assignment_id)
        if not _attempt(lambda: batch.override(
                s, a, evaluator_id, reason, user_id, k_default()),
                "review.admin.override_done"):  # fmt: skip
            s.rollback()
    return redirect(url_for("review_admin.call", call_id=call_id))


@bp.post("/review/admin/calls/<int:call_id>/extra")
@page_login_required
def extra(call_id: int) -> Redirect:
    _admin()
    proposal_id, version_no = _form_int("proposal_id"), _form_int("version_no")
    with session() as s:
        if not _attempt(lambda: assigning.add_evaluator(
                s, proposal_id, version_no, k_default(), call_id=call_id),
                "review.admin.extra_done"):  # fmt: skip
            s.rollback()
    return redirect(url_for("review_admin.call", call_id=call_id))


@bp.post("/review/admin/calls/<int:call_id>/decisions")
@page_login_required
def decide(call_id: int) -> Redirect | str:
    _admin()
    chosen = []
    for name, value in request.form.items():
        if not name.startswith("decision_") or not value:
            continue
        pid, _, ver = name.removeprefix("decision_").partition("_")
        if value not in DECISIONS or not (pid.isdigit() and ver.isdigit()):
            raise ApiError(422, "validation", "error.validation",
                           {name: translate("review.admin.invalid")})  # fmt: skip
        chosen.append((int(pid), int(ver), value))
    # The page of the ranking the rows came from: only its rows were sent, and it is shown again.
    shown: dict[str, Any] = {k: v for k in SHOWN if (v := request.form.get(k, "")).isdigit()}
    back = url_for("review_admin.call", call_id=call_id, **shown, _anchor="ranking")
    if not chosen:
        flash(translate("review.admin.nothing_chosen"), "error")
        return redirect(back)
    with session() as s:
        decisions.check_call(s, call_id, chosen)  # a stranger's version: 422, not a message
        if request.form.get("confirm") != "yes":  # first say what will happen, then do it
            return render_template(
                "review/admin/confirm_decisions.html", call_id=call_id, shown=shown, back=back,
                chosen=[(s.get(ReviewProposal, (pid, ver)), decision)
                        for pid, ver, decision in chosen],
            )  # fmt: skip
        done = "review.admin.decided"
        if held.holds(s, call_id):  # uji publik: saved, final once the objection window closes
            done = "review.admin.decided_held"
        if not _attempt(lambda: decisions.decide(s, chosen), done):
            s.rollback()
    return redirect(back)


# --- batch runs -----------------------------------------------------------------------------


@bp.post("/review/admin/calls/<int:call_id>/batches")
@page_login_required
def start_batch(call_id: int) -> Redirect:
    user_id = _admin()
    with session() as s:
        run_id = batch.start(s, call_id, user_id).id
    try:
        runtime.celery_app().send_task("review.plan_batch", args=[run_id], queue="review")
    except Exception:  # the run stays queued and says so on its page
        flash(translate("review.admin.batch_not_queued"), "error")
    return redirect(url_for("review_admin.batch_page", run_id=run_id))


@bp.get("/review/admin/batches/<int:run_id>")
@page_login_required
def batch_page(run_id: int) -> str:
    _admin()
    with session() as s:
        view = batch.preview(batch.run_of(s, run_id))
        names = dict(s.execute(select(Evaluator.id, Evaluator.name)).all())
    return render_template("review/admin/batch.html", run=view, names=names)


@bp.post("/review/admin/batches/<int:run_id>/<any(cancel, deploy):action>")
@page_login_required
def batch_action(run_id: int, action: str) -> Redirect:
    _admin()
    with session() as s:
        run = batch.run_of(s, run_id)
        if action == "cancel":
            done = _attempt(lambda: batch.cancel(s, run), "review.admin.batch_cancelled")
        else:
            done = _attempt(lambda: batch.deploy(s, run, k_default()),
                            "review.admin.batch_deployed")  # fmt: skip
        if not done:
            s.rollback()
    return redirect(url_for("review_admin.batch_page", run_id=run_id))


@bp.get("/review/admin/proposals/<int:proposal_id>/<int:version_no>")
@page_login_required
def reviews_of(proposal_id: int, version_no: int) -> str:
    """One proposal's reviews side by side: each evaluator's score per aspect, the spreads the
    call's threshold flags, and the mean, median and calibrated score explained."""
    _admin()
    with session() as s:
        proposal = s.get(ReviewProposal, (proposal_id, version_no))
        if proposal is None:
            raise ApiError(404, "not_found", "error.not_found")
        call = access.settings_of(s, proposal, k_default())
        names = dict(s.execute(select(Evaluator.id, Evaluator.name)).all())
        done = [a for a in queries.assignments_of(s, proposal_id, version_no)
                if a.status == "submitted"]  # fmt: skip
        table = spread.side_by_side(
            call, [(names.get(a.evaluator_id, "?"), a.scores or {}, a.total) for a in done]
        )
        comments = [(names.get(a.evaluator_id, "?"), a.scores or {}) for a in done]
        key = (proposal_id, version_no)
        row = standings.rows_of(s, proposal.call_id or 0, [key]).get(key)
        return render_template(
            "review/admin/reviews.html", proposal=proposal, call=call, table=table, row=row,
            comments=comments, threshold=call.disagreement,
        )  # fmt: skip
