"""The admin's system page and its JSON twin."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, render_template

from services.console import health, probes
from services.console.messages import MESSAGES
from shared.web import i18n
from shared.web.auth import api_login_required, page_login_required, require_role, require_user
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
    }


@bp.get("/admin/system")
@page_login_required
def system_page() -> str:
    require_role(require_user(), "admin")
    return render_template("console/system.html", report=_report())


@bp.get("/api/v1/admin/system")
@api_login_required
@documented("The system's health in plain words (admin)", tags=("admin",))
def system_api() -> Response:
    require_role(require_user(), "admin")
    return jsonify(_report())


def register(app: Flask) -> None:
    i18n.register(MESSAGES)
    app.register_blueprint(bp)
