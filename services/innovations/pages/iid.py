"""The IID pages: the years, a year's dashboard (index, predikat, what is missing and what each
would add), the form of one innovation's SID indicators and of the region's SPD ones, the
verifier's queue with accept / return, and the admin's form of the year's structure."""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from services.innovations import evidence, iid, iid_board, iid_form, iid_recap, registry
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import Forbidden, Invalid, NotFound, TransitionRefused
from services.innovations.iid_structure import SID, SPD
from services.innovations.models import DIRECTORY, Evidence, IidAnswer, IidAnswerFile, Innovation
from services.innovations.pages import TEMPLATES
from services.innovations.pages.history_words import stage_name
from shared import directory
from shared.outbox import utcnow
from shared.timezone import to_wib
from shared.web import paging
from shared.web.auth import CurrentUser, page_login_required, require_role, require_user
from shared.web.i18n import translate

bp = Blueprint("innovations_iid", __name__, template_folder=TEMPLATES)
Page = str | tuple[str, int] | Response
READERS = ("admin", "verifier", "operator")
FIRST_YEAR, LAST_YEAR = 2018, 2100  # Permendagri 104/2018: the first IID year
STATUSES = ("submitted", "returned", "accepted", "draft")
RECAPS_SHOWN = 5  # the newest recap PDFs of a year (each supersedes the one before)


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NotFound()
    return year


def messages(exc: Invalid) -> dict[str, str]:
    return {name: translate(key, **values) for name, (key, values) in exc.problems.items()}


def status_name(code: str) -> str:
    names = {
        "draft": translate("iid.status.draft"),
        "submitted": translate("iid.status.submitted"),
        "accepted": translate("iid.status.accepted"),
        "returned": translate("iid.status.returned"),
    }
    return names.get(code, translate("iid.status.none"))


def set_name(code: str) -> str:
    return translate("iid.set.spd") if code == SPD else translate("iid.set.sid")


WORDS = {"status_name": status_name, "set_name": set_name, "stage_name": stage_name}


@bp.get("/innovations/iid")
@page_login_required
def years() -> Page:
    user = require_user()
    require_role(user, *READERS)
    asked = request.args.get("year", "")
    if asked.isdigit() and FIRST_YEAR <= int(asked) <= LAST_YEAR:
        return redirect(url_for(".dashboard", year=int(asked)))
    this_year = to_wib(utcnow()).year
    with unit_of_work() as s:
        found = iid.years(s, this_year)
    return render_template("innovations/iid/years.html", years=found, this_year=this_year, **WORDS)


@bp.get("/innovations/iid/<int:year>")
@page_login_required
def dashboard(year: int) -> str:
    user = require_user()
    require_role(user, *READERS)
    _year(year)
    with unit_of_work() as s:
        found = iid_board.figures(s, year)
        rows = iid_board.innovations(s, user, found, paging.window_of(request.args))
        return render_template(
            "innovations/iid/dashboard.html", year=year, user=user, f=found, rows=rows.items,
            pager=rows.linked(request.path, request.args.items(multi=True)),
            waiting=iid.waiting(s, year),
            recaps=iid_recap.made(s, year)[:RECAPS_SHOWN] if user.role in iid_recap.READERS else [],
            **WORDS,
        )  # fmt: skip


@bp.post("/innovations/iid/<int:year>/recap")
@page_login_required
def recap(year: int) -> Response:
    """The admin asks documents for the year's recap PDF; it is listed on the year's page once
    made (a moment later: documents renders it)."""
    user = require_user()
    require_role(user, "admin")
    with unit_of_work() as s:
        iid_recap.request(s, user, _year(year))
    flash(translate("iid.recap.requested"), "ok")
    return redirect(url_for(".dashboard", year=year) + "#iid-recaps")


# --- answering: one innovation's SID, the region's SPD -------------------------------------


def _answer_page(user: CurrentUser, year: int, innovation_id: int | None,
                 errors: dict[str, str] | None = None, posted: dict[int, int | None] | None = None,
                 status: int = 200) -> Page:  # fmt: skip
    with unit_of_work() as s:
        which = iid.subject(s, user, innovation_id, edit=False)
        innovation = s.get(Innovation, innovation_id) if innovation_id else None
        structure, version = iid.current(s, year)
        answers = iid.answers(s, year, innovation_id)
        attached = iid.files(s, [a.id for a in answers.values()])
        editable = True
        try:
            iid.subject(s, user, innovation_id, edit=True)
        except (Forbidden, NotFound):
            editable = False
        page = render_template(
            "innovations/iid/answer.html", year=year, innovation=innovation, which=which,
            structure=structure, version=version,
            indicators=sorted(structure.of_set(which), key=lambda i: i.no),
            answers=answers, files={no: attached[a.id] for no, a in answers.items()},
            posted=posted or {}, errors=errors or {}, editable=editable, **WORDS,
        )  # fmt: skip
    return (page, status) if status != 200 else page


def _posted_levels() -> dict[int, int | None]:
    found: dict[int, int | None] = {}
    for key, value in request.form.items():
        if key.startswith("level-") and key[6:].isdigit():
            found[int(key[6:])] = int(value) if value.isdigit() else -1
    return found


def _answer_post(user: CurrentUser, year: int, innovation_id: int | None) -> Page:
    levels = _posted_levels()
    uploads = {
        int(key[6:]): [iid.Upload(f.filename or "bukti", f.read())
                       for f in request.files.getlist(key) if f and f.filename]
        for key in request.files if key.startswith("files-") and key[6:].isdigit()
    }  # fmt: skip
    removed = [int(v) for v in request.form.getlist("remove-file") if v.isdigit()]
    send = request.form.get("action") == "send"
    try:
        with unit_of_work() as s:  # what was typed is kept even when sending is refused
            iid.save(s, user, year, innovation_id, levels, uploads, removed)
    except Invalid as exc:
        return _answer_page(user, year, innovation_id, messages(exc), levels, 422)
    if send:
        try:
            with unit_of_work() as s:
                sent = iid.save(s, user, year, innovation_id, {**levels}, {}, send=True)
        except Invalid as exc:
            flash(translate("iid.send_refused"), "error")
            return _answer_page(user, year, innovation_id, messages(exc), levels, 422)
        except TransitionRefused as exc:
            flash(translate(exc.key, **exc.values), "error")
            return _answer_page(user, year, innovation_id, {}, levels, 409)
        flash(translate("iid.sent", n=len(sent)), "ok")
    else:
        flash(translate("iid.saved"), "ok")
    return redirect(request.path)


@bp.get("/innovations/<int:innovation_id>/iid")
@page_login_required
def innovation_this_year(innovation_id: int) -> Response:
    """From the innovation's page: its IID answers of this year."""
    user = require_user()
    with unit_of_work() as s:
        registry.load(s, innovation_id, user)
    year = to_wib(utcnow()).year
    return redirect(url_for(".innovation_form", innovation_id=innovation_id, year=year))


@bp.get("/innovations/<int:innovation_id>/iid/<int:year>")
@page_login_required
def innovation_form(innovation_id: int, year: int) -> Page:
    return _answer_page(require_user(), _year(year), innovation_id)


@bp.post("/innovations/<int:innovation_id>/iid/<int:year>")
@page_login_required
def innovation_save(innovation_id: int, year: int) -> Page:
    return _answer_post(require_user(), _year(year), innovation_id)


@bp.get("/innovations/iid/<int:year>/region")
@page_login_required
def region_form(year: int) -> Page:
    return _answer_page(require_user(), _year(year), None)


@bp.post("/innovations/iid/<int:year>/region")
@page_login_required
def region_save(year: int) -> Page:
    return _answer_post(require_user(), _year(year), None)


@bp.get("/innovations/iid/files/<int:evidence_id>")
@page_login_required
def evidence_file(evidence_id: int) -> Response:
    """An evidence file of an IID answer, to whoever may read the answer."""
    user = require_user()
    with unit_of_work() as s:
        row = s.get(Evidence, evidence_id)
        answer = s.scalar(
            select(IidAnswer)
            .join(IidAnswerFile, IidAnswerFile.answer_id == IidAnswer.id)
            .where(IidAnswerFile.evidence_id == evidence_id)
        )
        if row is None or answer is None:
            raise NotFound()
        if answer.innovation_id is None:
            if user.role not in ("admin", "verifier"):
                raise NotFound()
        else:
            registry.load(s, answer.innovation_id, user)
        found = evidence.opened(row)
    return send_file(io.BytesIO(found.data), mimetype=found.content_type,
                     as_attachment=not found.inline, download_name=found.name)  # fmt: skip


# --- verification ------------------------------------------------------------------------


def _queue(year: int, errors: dict[int, dict[str, str]] | None = None, status: int = 200) -> Page:
    args = request.args
    chosen = args.get("status", "submitted")
    chosen = chosen if chosen in STATUSES or chosen == "" else "submitted"
    indicator = args.get("indicator", "")
    opd = args.get("opd", "")
    with unit_of_work() as s:
        structure, version = iid.current(s, year)
        found = iid_board.queue(
            s, year, structure, paging.window_of(args), status=chosen,
            indicator=int(indicator) if indicator.isdigit() else None, opd_code=opd or None,
        )  # fmt: skip
        attached = iid.files(s, [i.answer.id for i in found.items])
        page = render_template(
            "innovations/iid/verify.html", year=year, items=found.items, files=attached,
            pager=found.linked(request.path, args.items(multi=True)), structure=structure,
            chosen={"status": chosen, "indicator": indicator, "opd": opd}, statuses=STATUSES,
            agencies=directory.agencies(s, DIRECTORY), errors=errors or {},
            reason=request.form.get("reason", ""), version=version, **WORDS,
        )  # fmt: skip
    return (page, status) if status != 200 else page


@bp.get("/innovations/iid/<int:year>/verify")
@page_login_required
def verify_queue(year: int) -> Page:
    require_role(require_user(), "verifier", "admin")
    return _queue(_year(year))


@bp.post("/innovations/iid/<int:year>/verify/<int:answer_id>")
@page_login_required
def verify(year: int, answer_id: int) -> Page:
    user = require_user()
    require_role(user, "verifier")
    accept = request.form.get("action") == "accept"
    try:
        with unit_of_work() as s:
            row = iid.verify(s, user, answer_id, accept=accept,
                             reason=request.form.get("reason", ""))  # fmt: skip
            if row.year != _year(year):
                raise NotFound()
    except Invalid as exc:
        return _queue(year, {answer_id: messages(exc)}, 422)
    except TransitionRefused as exc:
        flash(translate(exc.key, **exc.values), "error")
        return redirect(url_for(".verify_queue", year=year, **_kept()))
    flash(translate("iid.accepted") if accept else translate("iid.returned"), "ok")
    return redirect(url_for(".verify_queue", year=year, **_kept()))


def _kept() -> dict[str, Any]:
    return {k: v for k, v in request.args.items() if k in ("status", "indicator", "opd", "page")}


# --- the year's structure ------------------------------------------------------------------


def _structure_page(year: int, values: dict[str, str], errors: dict[str, str],
                    status: int = 200) -> Page:  # fmt: skip
    with unit_of_work() as s:
        _, version = iid.current(s, year)
        history = iid.versions(s, year)
        page = render_template(
            "innovations/iid/structure.html", year=year, v=values, errors=errors,
            version=version, history=history,
            ind_rows=[*iid_form.rows(values, "ind"), _next(values, "ind")],
            count_rows=[*iid_form.rows(values, "count"), _next(values, "count")],
            band_rows=[*iid_form.rows(values, "band"), _next(values, "band")],
            sets=(SPD, SID), **WORDS,
        )  # fmt: skip
    return (page, status) if status != 200 else page


def _next(values: dict[str, str], prefix: str) -> int:
    return max(iid_form.rows(values, prefix), default=-1) + 1


@bp.get("/innovations/iid/<int:year>/structure")
@page_login_required
def structure_form(year: int) -> Page:
    require_role(require_user(), "admin")
    with unit_of_work() as s:
        structure, _ = iid.current(s, _year(year))
    return _structure_page(year, iid_form.fields(structure), {})


@bp.post("/innovations/iid/<int:year>/structure")
@page_login_required
def structure_save(year: int) -> Page:
    user = require_user()
    require_role(user, "admin")
    values = {k: v for k, v in request.form.items() if k != "csrf_token"}
    structure, problems = iid_form.read(values, _year(year))
    note = values.get("note", "").strip()
    if problems:
        errors = {k: translate(key, **vals) for k, (key, vals) in problems.items()}
        return _structure_page(year, values, errors, 422)
    with unit_of_work() as s:
        version = iid.save_structure(s, user, structure, note)
    flash(translate("iid.structure_saved", version=version), "ok")
    return redirect(url_for(".structure_form", year=year))
