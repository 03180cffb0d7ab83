"""The admin's system page and its JSON twin."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, time
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, render_template, request

from services.platform.console import audit, health, probes
from services.platform.console.schemas import AuditEntryOut, SystemOut
from shared.timezone import WIB
from shared.web import i18n, paging
from shared.web.auth import api_login_required, page_login_required, require_role, require_user
from shared.web.errors import ApiError
from shared.web.openapi import documented

bp = Blueprint("console", __name__, template_folder="templates")


def _report() -> dict[str, Any]:
    snap = probes.snapshot()
    lines = health.assess(snap)
    return {
        "status": health.overall(lines),
        "lines": [
            {"level": line.level, "text": i18n.translate(line.key, **line.values), **asdict(line)}
            for line in lines
        ],
        "queues": snap.queues,
        "workers": snap.workers,
        "outboxes": {s: (asdict(p) if p else None) for s, p in snap.outboxes.items()},
        "trouble": [asdict(t) for t in snap.trouble or ()],
    }


@bp.get("/admin/system")
@page_login_required
def system_page() -> str:
    _admin()
    return render_template("console/system.html", report=_report())


@bp.get("/api/v1/admin/system")
@api_login_required
@documented("The system's health in plain words (admin)", tags=("admin",),
            responses={200: SystemOut})  # fmt: skip
def system_api() -> Response:
    _admin()
    return jsonify(_report())


CHARTS = (  # drawn by the service that owns the numbers; nginx sends each to it
    ("/admin/charts/agencies.svg", "dashboard.by_agency"),
    ("/admin/charts/stages.svg", "dashboard.by_stage"),
    ("/admin/charts/categories.svg", "dashboard.by_category"),
    ("/review/admin/charts/progress.svg", "dashboard.progress"),
    ("/review/admin/charts/scores.svg", "dashboard.scores"),
)  # the deadlines are said in words, with their date, on the proposals' card


CARDS = (  # the programme in words and numbers, each card drawn by the service that owns it
    ("/admin/summary/proposals", "dashboard.card.proposals"),
    ("/review/admin/summary", "dashboard.card.reviews"),
)


@bp.get("/admin")
@bp.get("/admin/dashboard")
@page_login_required
def dashboard_page() -> str:
    """The programme first (its figures, then its charts), the system's health second."""
    _admin()
    return render_template("console/dashboard.html", report=_report(), cards=CARDS, charts=CHARTS)


def _filters() -> audit.Filters:
    """The audit filters from the query string; a bad value is a 400 naming the field."""
    args = request.args
    bad: dict[str, str] = {}

    def number(name: str) -> int | None:
        raw = args.get(name, "").strip()
        if not raw:
            return None
        if raw.isdigit():
            return int(raw)
        bad[name] = i18n.translate("audit.bad_number")
        return None

    def day(name: str, end: bool) -> datetime | None:
        raw = args.get(name, "").strip()
        if not raw:
            return None
        try:
            date = datetime.strptime(raw, "%Y-%m-%d").date()
        except ValueError:
            bad[name] = i18n.translate("audit.bad_date")
            return None
        return datetime.combine(date, time.max if end else time.min, tzinfo=WIB)

    filters = audit.Filters(
        action=args.get("action", "").strip() or None,
        user_id=number("user"),
        proposal_id=number("proposal"),
        since=day("from", end=False),
        until=day("to", end=True),
    )
    if bad:
        raise ApiError(400, "bad_filter", "error.bad_request", fields=bad)
    return filters


def _admin() -> None:
    require_role(require_user(), "admin")


@bp.get("/admin/audit")
@page_login_required
def audit_page() -> str:
    _admin()
    found = audit.read_page(_filters(), paging.window_of(request.args))
    return render_template(
        "console/audit.html", entries=found.items, args=request.args,
        pager=found.linked(request.path, request.args.items(multi=True)),
        names=audit.names_of(e.user_id for e in found.items), action_label=_action_label,
    )  # fmt: skip


def _action_label(action: str) -> str:
    """An audit action in words: its own label, else the kind of thing that happened."""
    key = f"audit.action.{action}"
    return i18n.translate(key) if i18n.known(key) else i18n.translate("audit.action.other")


@bp.get("/admin/audit.csv")
@page_login_required
def audit_csv() -> Response:
    _admin()
    entries = audit.read(_filters(), limit=100_000)
    names = audit.names_of(e.user_id for e in entries)
    body = audit.to_csv(entries, i18n.translate, _action_label, names)
    return Response(
        "\ufeff" + body,  # a BOM, so spreadsheet programs read the file as UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="log-audit-sipinda.csv"'},
    )


@bp.get("/api/v1/admin/audit")
@api_login_required
@documented("The audit log: every state change, who, when, from where (admin); `page`, "
            "`per_page` (50, at most 200); `X-Total-Count` and `Link` headers",
            tags=("admin",), responses={200: list[AuditEntryOut]})  # fmt: skip
def audit_api() -> Response:
    _admin()
    found = audit.read_page(_filters(), paging.window_of(request.args), clamp=False)
    response = jsonify([asdict(e) for e in found.items])
    response.headers.update(paging.headers(found, request.base_url, request.args.items(multi=True)))
    return response


def register(app: Flask) -> None:
    app.register_blueprint(bp)
