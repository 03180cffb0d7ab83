"""The admin's uji publik of a call: open the objection window (asked first), every objection
with its reason and evidence, each resolved with a reason, and "finalize now" once it closed."""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy import select
from werkzeug.wrappers import Response as Redirect

from services.review import objection_rules as rules
from services.review import objections
from services.review.bootstrap import session
from services.review.decisions import announcement_of
from services.review.errors import Invalid, NotFound, Refused
from services.review.held import uses_objections, window_of
from services.review.models import Objection, ReviewProposal
from services.review.pages import TEMPLATES, problems
from services.review.pages.uji_publik import ends
from services.review.queries import call_settings
from shared.events import Person
from shared.outbox import utcnow
from shared.web import paging
from shared.web.auth import CurrentUser, page_login_required, require_role, require_user
from shared.web.i18n import translate

bp = Blueprint("review_objections", __name__, template_folder=TEMPLATES)


def _admin() -> CurrentUser:
    user = require_user()
    require_role(user, "admin")
    return user


def _page(call_id: int, errors: dict[int, dict[str, str]] | None = None,
          form: dict[int, dict[str, str]] | None = None) -> str:  # fmt: skip
    with session() as s:
        window = window_of(s, call_id)
        found = paging.paginate(
            s, select(Objection).where(Objection.call_id == call_id).order_by(Objection.id),
            paging.window_of(request.args),
        )  # fmt: skip
        titles = {p.proposal_id: p.title for p in s.scalars(
            select(ReviewProposal).where(ReviewProposal.call_id == call_id))}  # fmt: skip
        now = utcnow()
        return render_template(
            "review/admin/objections.html", call_id=call_id,
            call_name=call_settings(s, call_id).name, enabled=uses_objections(s, call_id),
            announced=announcement_of(s, call_id) is not None, window=window,
            ends=ends(window.closes_at) if window else "",
            open=bool(window and rules.still_open(now, window.closes_at)),
            unresolved=objections.unresolved(s, call_id), titles=titles,
            pager=found.linked(request.path, request.args.items(multi=True)),
            errors=errors or {}, form=form or {},
        )  # fmt: skip


@bp.get("/review/admin/calls/<int:call_id>/objections")
@page_login_required
def index(call_id: int) -> str:
    _admin()
    return _page(call_id)


@bp.get("/review/admin/calls/<int:call_id>/objections/open")
@page_login_required
def confirm_open(call_id: int) -> str:
    """What opening the window means, and when it ends, before it is opened."""
    _admin()
    with session() as s:
        settings = call_settings(s, call_id)
        days = int(str(settings.extra.get("objection_days") or rules.DEFAULT_DAYS))
        return render_template(
            "review/admin/open_objections.html", call_id=call_id, call_name=settings.name,
            days=days, ends=ends(rules.window_end(utcnow(), days)),
            window=window_of(s, call_id), enabled=uses_objections(s, call_id),
            announced=announcement_of(s, call_id) is not None,
        )  # fmt: skip


@bp.post("/review/admin/calls/<int:call_id>/objections/open")
@page_login_required
def open_window(call_id: int) -> Redirect:
    user = _admin()
    admin = Person(id=user.id, name=user.name, email=user.email, language=user.language)
    with session() as s:
        try:
            row = objections.open_window(s, call_id, admin, utcnow())
        except Refused as exc:
            s.rollback()
            flash(translate(exc.key, **exc.values), "error")
            return redirect(url_for(".index", call_id=call_id))
        flash(translate("review.objection.opened", at=ends(row.closes_at)), "ok")
    return redirect(url_for(".index", call_id=call_id))


@bp.post("/review/admin/calls/<int:call_id>/objections/<int:objection_id>/resolve")
@page_login_required
def resolve(call_id: int, objection_id: int) -> Redirect | tuple[str, int]:
    user = _admin()
    outcome = request.form.get("outcome", "")
    reason = request.form.get("resolution", "")
    with session() as s:
        try:
            row = objections.resolve(s, call_id, objection_id, outcome, reason, user.id)
        except Invalid as exc:
            s.rollback()
            form = {objection_id: {"outcome": outcome, "resolution": reason}}
            return _page(call_id, {objection_id: problems(exc)}, form), 422
        except Refused as exc:
            s.rollback()
            flash(translate(exc.key, **exc.values), "error")
            return redirect(url_for(".index", call_id=call_id))
        upheld = row.status == "upheld"
    if upheld:
        flash(translate("review.objection.resolved_upheld"), "ok")
    else:
        flash(translate("review.objection.resolved_dismissed"), "ok")
    return redirect(url_for(".index", call_id=call_id))


@bp.post("/review/admin/calls/<int:call_id>/objections/finalize")
@page_login_required
def finalize(call_id: int) -> Redirect:
    """Finalize now (what the beat does within a minute of the window's end)."""
    _admin()
    with session() as s:
        # The beat may have finalized it since the page was shown: then it is final all the same.
        done = objections.finalize(s, call_id, utcnow())
        if done is None:
            done = objections.published(s, call_id)
    if done is None:
        flash(translate("review.objection.not_final_yet"), "error")
    else:
        flash(translate("review.objection.finalized", n=done), "ok")
    return redirect(url_for(".index", call_id=call_id))


@bp.get("/review/admin/calls/<int:call_id>/objections/<int:objection_id>/evidence")
@page_login_required
def evidence(call_id: int, objection_id: int) -> Response:
    _admin()
    with session() as s:
        row = s.get(Objection, objection_id)
        if row is None or row.call_id != call_id:
            raise NotFound()
        data, name, content_type = objections.evidence_of(row)
    return send_file(io.BytesIO(data), mimetype=content_type, as_attachment=True,
                     download_name=name)  # fmt: skip
