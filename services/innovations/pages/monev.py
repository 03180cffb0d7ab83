"""The monitoring pages (monev): the admin's teams of a year and their assignments (several
innovations at once, each refusal listed with its member and reason), a team member's list of
innovations to visit, the visit form (errors beside their fields, what was typed kept) and a
recorded visit with its photos and, once documents has rendered it, its report."""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from services.innovations import evidence, monev, monev_lists
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import Invalid, NotFound
from services.innovations.models import DIRECTORY, Evidence, Innovation
from services.innovations.pages import TEMPLATES
from services.innovations.registry import load
from shared import directory
from shared.web import paging
from shared.web.auth import CurrentUser, page_login_required, require_role, require_user
from shared.web.i18n import translate

bp = Blueprint("innovations_monev", __name__, template_folder=TEMPLATES)
Page = str | tuple[str, int] | Response
READERS = ("admin", "verifier", "evaluator")
YEARS = 10  # the year filter offers this many years back
VISIT_FIELDS = ("visited_on", "place", "findings", "recommendations", "follow_up_by")


def _reader() -> CurrentUser:
    user = require_user()
    require_role(user, *READERS)
    return user


def _admin() -> CurrentUser:
    user = require_user()
    require_role(user, "admin")
    return user


def _messages(exc: Invalid) -> dict[str, str]:
    return {f: translate(k, **v) for f, (k, v) in exc.problems.items()} or {
        "form": translate(exc.key, **exc.values)
    }


def _year() -> int | None:
    text = request.args.get("year", "")
    return int(text) if text.isdigit() and len(text) == 4 else None


@bp.get("/innovations/monev")
@page_login_required
def index() -> str:
    """The admin's and verifier's teams (`?mine=1`: what the reader must visit); a member's
    innovations to visit."""
    user = _reader()
    window = paging.window_of(request.args)
    with unit_of_work() as s:
        member = monev_lists.is_member(s, user.id)
        staff = user.role in ("admin", "verifier") and not request.args.get("mine")
        if staff:
            teams = monev_lists.teams(s, _year(), window)
            pager: paging.Page[Any] = teams
        else:
            pager = monev_lists.to_visit(s, user.id, window)
    return render_template(
        "innovations/monev/index.html", staff=staff, member=member, year=_year(),
        pager=pager.linked(request.path, request.args.items(multi=True)),
        may_form=user.role == "admin", rows=pager.items,
        years=range(monev.today().year + 1, monev.today().year - YEARS, -1),
    )  # fmt: skip


@bp.get("/innovations/monev/visits")
@page_login_required
def visits() -> str:
    """Every visit (admin, verifier), or the visits of the reader's teams."""
    user = _reader()
    with unit_of_work() as s:
        mine = None if user.role in ("admin", "verifier") else user.id
        found = monev_lists.visits(s, paging.window_of(request.args), user_id=mine)
    pager = found.linked(request.path, request.args.items(multi=True))
    return render_template("innovations/monev/visits.html", rows=found.items, pager=pager)


def _team_form(values: dict[str, Any], errors: dict[str, str] | None = None) -> str:
    with unit_of_work() as s:
        people, agencies = monev.candidates(s), directory.agency_names(s, DIRECTORY)
    return render_template("innovations/monev/team_form.html", form=values, people=people,
                           agencies=agencies, errors=errors or {})  # fmt: skip


@bp.get("/innovations/monev/teams/new")
@page_login_required
def new_team() -> str:
    _admin()
    return _team_form({"year": str(monev.today().year), "members": [], "leader": ""})


@bp.post("/innovations/monev/teams/new")
@page_login_required
def create_team() -> Page:
    user = _admin()
    form = request.form
    name, year, leader = form.get("name", ""), form.get("year", ""), form.get("leader", "")
    members = form.getlist("members")
    values = {"name": name, "year": year, "members": members, "leader": leader}
    try:
        with unit_of_work() as s:
            made = monev.form_team(s, user, name, year, members, leader)
            team_id, name = made.id, made.name
    except Invalid as exc:
        return _team_form(values, _messages(exc)), 422
    flash(translate("monev.team.formed", name=name), "ok")
    return redirect(url_for("innovations_monev.team", team_id=team_id), 303)


@bp.get("/innovations/monev/teams/<int:team_id>")
@page_login_required
def team(team_id: int) -> str:
    """A team: its members, the innovations it was given, and (for the admin) the innovations
    it may still be given, found by title, to assign several at once."""
    user = _reader()
    q = request.args.get("q", "").strip()[:100]
    with unit_of_work() as s:
        row = monev.team(s, team_id)
        if user.role == "evaluator" and not monev.member_of(s, team_id, user.id):
            raise NotFound()
        people = monev.members(s, team_id)
        given = monev_lists.assigned_to(s, team_id, paging.Window(1, paging.MAX_PER_PAGE))
        pager = None
        if user.role == "admin":
            pager = monev_lists.assignable(s, row.year, q or None, paging.window_of(request.args))
            pager = pager.linked(request.path, request.args.items(multi=True))
        return render_template("innovations/monev/team.html", team=row, people=people,
                               given=given, pager=pager, q=q)  # fmt: skip


@bp.post("/innovations/monev/teams/<int:team_id>/assign")
@page_login_required
def assign(team_id: int) -> Response:
    user = _admin()
    chosen = [int(v) for v in request.form.getlist("innovations") if v.isdigit()]
    try:
        with unit_of_work() as s:
            done, refused = monev.assign(s, user, team_id, chosen)
            n = len(done)
    except Invalid as exc:
        for message in _messages(exc).values():
            flash(message, "error")
        return redirect(url_for("innovations_monev.team", team_id=team_id), 303)
    if n:
        flash(translate("monev.assign.done", n=n), "ok")
    for r in refused:
        flash(translate("monev.assign.refused", title=r.title,
                        reason=translate(r.key, **r.values)), "error")  # fmt: skip
    return redirect(url_for("innovations_monev.team", team_id=team_id), 303)


def _visit_form(innovation_id: int, values: dict[str, str], errors: dict[str, str] | None = None
                ) -> str:  # fmt: skip
    user = require_user()
    with unit_of_work() as s:
        innovation = load(s, innovation_id, user)
        on = monev.assigned_team(s, innovation_id, user)
        return render_template("innovations/monev/visit_form.html", i=innovation, team=on,
                               form=values, errors=errors or {}, today=monev.today(),
                               photos_max=monev.PHOTOS_MAX)  # fmt: skip


@bp.get("/innovations/<int:innovation_id>/visits/new")
@page_login_required
def new_visit(innovation_id: int) -> str:
    _reader()
    return _visit_form(innovation_id, {"visited_on": monev.today().isoformat()})


@bp.post("/innovations/<int:innovation_id>/visits/new")
@page_login_required
def record_visit(innovation_id: int) -> Page:
    user = _reader()
    values = {f: request.form.get(f, "") for f in VISIT_FIELDS}
    photos = [monev.Photo(f.filename or "", f.read()) for f in request.files.getlist("photos")
              if f.filename]  # fmt: skip
    try:
        with unit_of_work() as s:
            made = monev.record_visit(s, user, innovation_id, values, photos)
            visit_id = made.id
    except Invalid as exc:
        errors = _messages(exc)
        if photos and "photos" not in errors:  # a browser cannot give chosen files back
            errors["photos"] = translate("monev.visit.photos_again", n=len(photos))
        return _visit_form(innovation_id, values, errors), 422
    flash(translate("monev.visit.recorded"), "ok")
    return redirect(url_for("innovations_monev.visit", visit_id=visit_id), 303)


@bp.get("/innovations/monev/visits/<int:visit_id>")
@page_login_required
def visit(visit_id: int) -> str:
    user = require_user()
    with unit_of_work() as s:
        row = monev.visit(s, visit_id, user)  # its team, the staff, the innovation's readers
        return render_template(
            "innovations/monev/visit.html", v=row, team=monev.team(s, row.team_id),
            people=monev.members(s, row.team_id), photos=monev.photos_of(s, row),
            i=s.get(Innovation, row.innovation_id),
        )  # fmt: skip


@bp.get("/innovations/monev/visits/<int:visit_id>/photos/<int:photo_id>")
@page_login_required
def photo(visit_id: int, photo_id: int) -> Response:
    user = require_user()
    with unit_of_work() as s:
        row = monev.visit(s, visit_id, user)
        found = s.get(Evidence, photo_id)
        if found is None or photo_id not in row.photo_ids:
            abort(404)
        shown = evidence.opened(found)
    reply = send_file(io.BytesIO(shown.data), mimetype=shown.content_type,
                      as_attachment=not shown.inline, download_name=shown.name)  # fmt: skip
    reply.headers["Cache-Control"] = "private, no-store"
    return reply
