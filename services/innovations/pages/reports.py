"""Progress reports' pages: the admin's schedules (list and form), what a team owes
("Laporan yang harus Anda kirim"), a new report (its figures as rows, its files kept while
the form is shown again with errors), a report as sent, and its files."""

from __future__ import annotations

import io
from collections.abc import Mapping

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from services.innovations import report_forms, report_rules, reports
from services.innovations.errors import Forbidden, Invalid, NotFound, TransitionRefused
from services.innovations.pages import TEMPLATES
from services.innovations.pages.history_words import stage_name
from shared.outbox import utcnow
from shared.web import paging
from shared.web.auth import CurrentUser, page_login_required, require_user
from shared.web.i18n import translate

bp = Blueprint("innovations_reports", __name__, template_folder=TEMPLATES)
Page = str | tuple[str, int] | Response
MIN_ROWS, MORE_ROWS, MAX_ROWS = 3, 3, report_rules.MAX_FIGURES


def _messages(problems: Mapping[str, tuple[str, Mapping[str, object]]]) -> dict[str, str]:
    return {field: translate(key, **values) for field, (key, values) in problems.items()}


def stage_words(code: str) -> str:
    """A schedule's stage in words: one stage, or both when it names none."""
    return stage_name(code) if code else translate("innovations.reports.both_stages")


# --- the list: schedules for the admin, what is owed for the others --------------------------


def _index(user: CurrentUser, form: Mapping[str, str], errors: dict[str, str]) -> str:
    window = paging.window_of(request.args)
    args = request.args.items(multi=True)
    if user.role == "admin":
        found = reports.schedules(user, window).linked(request.path, args)
        return render_template(
            "innovations/reports/schedules.html", pager=found, rows=found.items, form=form,
            tally=reports.tally(user, found.items),
            errors=errors, stages=report_forms.SCHEDULE_STAGES, stage_words=stage_words,
            default_days=report_rules.DEFAULT_REMIND_DAYS,
        )  # fmt: skip
    today = report_rules.today_in_jakarta(utcnow())
    owed = reports.owed(user, today, window).linked(request.path, args)
    return render_template("innovations/reports/owed.html", pager=owed, rows=owed.items)


@bp.get("/innovations/reports")
@page_login_required
def index() -> str:
    return _index(require_user(), {}, {})


@bp.post("/innovations/reports")
@page_login_required
def create_schedule() -> Page:
    user = require_user()
    if user.role != "admin":
        raise Forbidden()
    form = {k: request.form.get(k, "") for k in ("title", "stage", "year", "due_on",
                                                  "remind_days")}  # fmt: skip
    data, problems = report_forms.schedule(form)
    if data is None:
        return _index(user, form, _messages(problems)), 422
    schedule_id = reports.save_schedule(user, data, utcnow())
    flash(translate("innovations.reports.schedule_saved", title=data.title), "ok")
    return redirect(url_for(".index") + f"#schedule-{schedule_id}")


@bp.route("/innovations/reports/<int:schedule_id>/close", methods=["GET", "POST"])
@page_login_required
def close_schedule(schedule_id: int) -> Page:
    """Asks first (what stops, what stays); only the confirmed form closes the schedule."""
    user = require_user()
    if request.method == "POST" and request.form.get("confirm") == "yes":
        title = reports.close_schedule(user, schedule_id)
        flash(translate("innovations.reports.schedule_closed", title=title), "ok")
        return redirect(url_for(".index"))
    schedule = reports.schedule_of(user, schedule_id)
    return render_template("innovations/reports/close.html", schedule=schedule,
                           stage_words=stage_words)  # fmt: skip


# --- a new report ---------------------------------------------------------------------------


def _schedule_arg() -> int:
    raw = request.args.get("schedule", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise NotFound("innovations.reports.schedule_not_found")
    return int(raw)


def _rows(form: Mapping[str, list[str]], more: bool) -> list[tuple[str, str, str]]:
    labels, values, units = form["label"], form["value"], form["unit"]
    count = max(len(labels), len(values), len(units))
    rows = [(labels[n] if n < len(labels) else "", values[n] if n < len(values) else "",
             units[n] if n < len(units) else "") for n in range(count)]  # fmt: skip
    while rows and not any(x.strip() for x in rows[-1]) and len(rows) > MIN_ROWS:
        rows.pop()
    wanted = max(MIN_ROWS, len(rows) + (MORE_ROWS if more else 1))
    return (rows + [("", "", "")] * wanted)[: min(wanted, MAX_ROWS)]


def _report_form(
    user: CurrentUser, innovation_id: int, schedule_id: int, form: Mapping[str, object],
    errors: dict[str, str], kept: list[reports.FileView],
) -> str:  # fmt: skip
    title, schedule = reports.form_of(user, innovation_id, schedule_id)
    today = report_rules.today_in_jakarta(utcnow())
    return render_template(
        "innovations/reports/new.html", innovation_id=innovation_id, title=title,
        schedule=schedule, state=report_rules.state(today, schedule.due_on, schedule.remind_days),
        form=form, errors=errors, kept=kept, max_files=reports.MAX_FILES,
    )  # fmt: skip


@bp.get("/innovations/<int:innovation_id>/reports/new")
@page_login_required
def new(innovation_id: int) -> Page:
    user = require_user()
    empty = {"done": "", "beneficiaries": "", "rows": _rows({"label": [], "value": [],
                                                             "unit": []}, False)}  # fmt: skip
    return _report_form(user, innovation_id, _schedule_arg(), empty, {}, [])


@bp.post("/innovations/<int:innovation_id>/reports/new")
@page_login_required
def send(innovation_id: int) -> Page:
    user = require_user()
    schedule_id = _schedule_arg()
    columns = {k: request.form.getlist(k) for k in ("label", "value", "unit")}
    figures, problems = report_rules.figures(columns["label"], columns["value"], columns["unit"])
    done = request.form.get("done", "")
    beneficiaries = request.form.get("beneficiaries", "")
    problems |= report_forms.report(done, beneficiaries, tuple(figures))
    uploads = [(f.filename or "", f.read()) for f in request.files.getlist("files")]
    kept_ids = [int(i) for i in request.form.getlist("kept") if i.isascii() and i.isdigit()]
    kept = reports.held(user, innovation_id, kept_ids)
    fresh, file_problems = reports.hold(user, innovation_id, schedule_id, uploads)
    kept += fresh
    problems |= file_problems
    if len(kept) > reports.MAX_FILES:
        problems["files"] = ("innovations.reports.files_too_many", {"limit": reports.MAX_FILES})
    action = request.form.get("action", "send")
    more = action == "more"
    form = {"done": done, "beneficiaries": beneficiaries, "rows": _rows(columns, more)}
    if problems or more or action == "edit":
        page = _report_form(user, innovation_id, schedule_id, form, _messages(problems), kept)
        return (page, 422) if problems else page
    data = report_forms.ReportData(done.strip(), beneficiaries.strip(), tuple(figures))
    if request.form.get("confirm") != "yes":  # a report cannot be changed once sent: ask first
        title, schedule = reports.form_of(user, innovation_id, schedule_id)
        return render_template("innovations/reports/confirm.html", innovation_id=innovation_id,
                               title=title, schedule=schedule, data=data, kept=kept)  # fmt: skip
    try:
        report_id = reports.submit(user, innovation_id, schedule_id, data, [k.id for k in kept])
    except Invalid as exc:
        return _report_form(user, innovation_id, schedule_id, form,
                            _messages(exc.problems), kept), 422  # fmt: skip
    except TransitionRefused as exc:
        flash(translate(exc.key, **exc.values), "error")
        return redirect(url_for(".index"))
    flash(translate("innovations.reports.sent"), "ok")
    return redirect(url_for(".show", innovation_id=innovation_id, report_id=report_id))


# --- a report as sent -----------------------------------------------------------------------


@bp.get("/innovations/<int:innovation_id>/reports/<int:report_id>")
@page_login_required
def show(innovation_id: int, report_id: int) -> str:
    view = reports.get(require_user(), innovation_id, report_id)
    return render_template("innovations/reports/show.html", report=view)


@bp.get("/innovations/<int:innovation_id>/reports/<int:report_id>/files/<int:evidence_id>")
@page_login_required
def open_file(innovation_id: int, report_id: int, evidence_id: int) -> Response:
    """A report's evidence: a PDF or an image opened in the browser, the rest downloaded."""
    shown = reports.opened_file(require_user(), innovation_id, report_id, evidence_id)
    reply = send_file(io.BytesIO(shown.data), mimetype=shown.content_type,
                      as_attachment=not shown.inline, download_name=shown.name)  # fmt: skip
    reply.headers["Cache-Control"] = "private, no-store"
    return reply
