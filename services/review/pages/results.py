"""The admin's results of a call: the announcement (pengumuman hasil), asked first and then
published, and the results workbook with every score, rank and decision."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response as Redirect

from services.review import decisions, queries, results_export, reviews
from services.review.bootstrap import session
from services.review.errors import Invalid
from services.review.models import Evaluator, ReviewProposal
from services.review.pages import TEMPLATES
from shared import formats
from shared.events import Person
from shared.web.auth import CurrentUser, page_login_required, require_role, require_user
from shared.web.i18n import current_language, translate

bp = Blueprint("review_results", __name__, template_folder=TEMPLATES)


def _admin() -> CurrentUser:
    user = require_user()
    require_role(user, "admin")
    return user


@bp.get("/review/admin/calls/<int:call_id>/announce")
@page_login_required
def confirm_announcement(call_id: int) -> str:
    """What the announcement will say, before it is made."""
    _admin()
    with session() as s:
        return render_template(
            "review/admin/announce.html", call_id=call_id,
            call_name=queries.call_settings(s, call_id).name,
            decided=decisions.decided_in(s, call_id),
            previous=decisions.announcement_of(s, call_id),
        )  # fmt: skip


@bp.post("/review/admin/calls/<int:call_id>/announce")
@page_login_required
def announce(call_id: int) -> Redirect:
    user = _admin()
    announcer = Person(id=user.id, name=user.name, email=user.email, language=user.language)
    with session() as s:
        try:
            made = decisions.announce(s, call_id, queries.call_settings(s, call_id).name, announcer)
        except Invalid as exc:
            s.rollback()
            flash(translate(exc.key, **exc.values), "error")
            return redirect(url_for("review_admin.call", call_id=call_id))
        flash(translate("review.admin.announced", n=made.decided, number=made.number), "ok")
    return redirect(url_for("review_admin.call", call_id=call_id))


@bp.get("/review/admin/calls/<int:call_id>/results.xlsx")
@page_login_required
def results_workbook(call_id: int) -> Response:
    """Every score, weighted total, calibrated score, rank and decision of the call."""
    _admin()
    language = current_language()
    with session() as s:
        ranked = reviews.ranking(s, call_id)
        names = dict(s.execute(select(Evaluator.id, Evaluator.name)).all())
        titles = {(p.proposal_id, p.version_no): p.title for p in s.scalars(
            select(ReviewProposal).where(ReviewProposal.call_id == call_id))}  # fmt: skip
        aspects = queries.call_settings(s, call_id).aspects
        table = [
            results_export.Review(a.proposal_id, a.version_no,
                                  titles.get((a.proposal_id, a.version_no), ""),
                                  names.get(a.evaluator_id, str(a.evaluator_id)), a.scores or {},
                                  a.total)
            for a in queries.submitted_in_call(s, call_id)
        ]  # fmt: skip
    data = results_export.workbook(
        ranked, table, aspects, translate, lambda share: formats.percent(share, language)
    )
    return Response(
        data,
        mimetype=results_export.XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="hasil-kompetisi-{call_id}.xlsx"'},
    )
