"""The registry's pages: the innovations the reader may see (searched, filtered, paged), the
register and edit form (errors beside their fields, what was typed kept), and an innovation's
profile (its stages, team, linked proposals, possible duplicates and history in words). The
stage changes and the duplicate's merge, which ask first, are in `stage_pages.py`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from services.innovations import advancing, options, profile, registry, registry_form
from services.innovations.api import filters
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import Invalid, TransitionRefused
from services.innovations.models import DIRECTORY, STAGES
from services.innovations.pages import TEMPLATES, history_words
from services.innovations.schemas import InnovationEdit, InnovationIn
from shared import directory
from shared.outbox import utcnow
from shared.timezone import to_wib
from shared.web import paging
from shared.web.auth import CurrentUser, page_login_required, require_user
from shared.web.i18n import translate

bp = Blueprint(
    "innovations_registry",
    __name__,
    template_folder=TEMPLATES,
    static_folder=str(TEMPLATES).replace("templates", "static"),
    static_url_path="/innovations/static",
)
Page = str | tuple[str, int] | Response
REGISTERS = ("admin", "operator", "innovator")
YEARS = 12  # the year filter offers this many years back


def _agencies() -> list[directory.Agency]:
    with unit_of_work() as s:
        return directory.agencies(s, DIRECTORY)


@bp.get("/innovations")
@page_login_required
def index() -> str:
    user = require_user()
    chosen = filters()
    found = registry.page(user, paging.window_of(request.args), **chosen)
    links = profile.calls_of([i.id for i in found.items])
    this_year = to_wib(utcnow()).year
    return render_template(
        "innovations/registry/index.html", rows=found.items, links=links,
        pager=found.linked(request.path, request.args.items(multi=True)), filters=chosen,
        agencies=_agencies() if user.role in ("admin", "verifier") else [],
        stages=STAGES, urusan=options.URUSAN, years=range(this_year, this_year - YEARS, -1),
        may_register=user.role in REGISTERS,
    )  # fmt: skip


def _form_page(
    form: registry_form.RegistryForm, user: CurrentUser, *, innovation_id: int | None = None,
    errors: dict[str, str] | None = None,
) -> str:  # fmt: skip
    return render_template(
        "innovations/registry/form.html", form=form, errors=errors or {},
        innovation_id=innovation_id, stages=STAGES, options=options,
        agencies=_agencies() if user.role == "admin" and innovation_id is None else [],
    )  # fmt: skip


def _messages(problems: dict[str, str]) -> dict[str, str]:
    return {name: translate(key) for name, key in problems.items()}


def _refusal(exc: Invalid | TransitionRefused) -> dict[str, str]:
    """A refusal beside its field: the duplicate title on the title."""
    if isinstance(exc, Invalid):
        return {f: translate(k, **v) for f, (k, v) in exc.problems.items()} or {
            "form": translate(exc.key, **exc.values)
        }
    field = "title" if exc.key == "innovations.duplicate_title" else "form"
    return {field: translate(exc.key, **exc.values)}


@bp.get("/innovations/new")
@page_login_required
def new() -> str:
    user = require_user()
    if user.role not in REGISTERS:
        abort(403)
    form = registry_form.RegistryForm({"stage": "inisiatif", "opd_code": user.opd_code or ""})
    return _form_page(form, user)


@bp.post("/innovations/new")
@page_login_required
def create() -> Page:
    user = require_user()
    if user.role not in REGISTERS:
        abort(403)
    form = registry_form.read(request.form)
    codes = [a.code for a in _agencies()] if user.role == "admin" else []
    data, problems = registry_form.parse(
        form, editing=False, agencies=codes, today=to_wib(utcnow()).date()
    )
    if problems:
        return _form_page(form, user, errors=_messages(problems)), 422
    try:
        made = registry.register(user, InnovationIn(**data))
    except (Invalid, TransitionRefused) as exc:
        return _form_page(form, user, errors=_refusal(exc)), 422
    flash(translate("innovations.registered"), "ok")
    return redirect(url_for("innovations_registry.show", innovation_id=made.id), 303)


@bp.get("/innovations/<int:innovation_id>")
@page_login_required
def show(innovation_id: int) -> str:
    user = require_user()
    found = profile.read(user, innovation_id)
    return render_template(
        "innovations/registry/show.html", p=found, i=found.innovation, stages=STAGES,
        lines=[history_words.line(h) for h in reversed(found.history)],
        next_stages=advancing.next_stages(found.innovation.stage, user),
    )  # fmt: skip


@bp.get("/innovations/<int:innovation_id>/edit")
@page_login_required
def edit_form(innovation_id: int) -> str:
    user = require_user()
    current = advancing.editable(user, innovation_id)
    form = registry_form.of_innovation(current.model_dump())
    return _form_page(form, user, innovation_id=innovation_id)


@bp.post("/innovations/<int:innovation_id>/edit")
@page_login_required
def edit(innovation_id: int) -> Page:
    user = require_user()
    advancing.editable(user, innovation_id)
    form = registry_form.read(request.form)
    data, problems = registry_form.parse(form, editing=True, today=to_wib(utcnow()).date())
    if problems:
        return _form_page(form, user, innovation_id=innovation_id, errors=_messages(problems)), 422
    try:
        advancing.edit(user, innovation_id, InnovationEdit(**data))
    except (Invalid, TransitionRefused) as exc:
        return _form_page(form, user, innovation_id=innovation_id, errors=_refusal(exc)), 422
    flash(translate("innovations.saved"), "ok")
    return redirect(url_for("innovations_registry.show", innovation_id=innovation_id), 303)


@bp.context_processor
def template_values() -> dict[str, Any]:
    return {"stage_date": history_words.stage_date, "decision_name": history_words.decision_name}
