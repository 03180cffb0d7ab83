"""Notifications' pages: the inbox, the preferences, the admin's failed deliveries, and the
development mailbox (registered outside production only)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from services.notifications import failures, inbox, preferences
from services.notifications.api import db, set_preference
from services.notifications.devmail import read_mailbox
from services.notifications.notices import mandatory
from shared import runtime
from shared.web.auth import page_login_required, require_user

bp = Blueprint("notifications", __name__, template_folder="templates")
dev = Blueprint("notifications_dev", __name__, template_folder="templates")


@bp.get("/notifications")
@page_login_required
def inbox_page() -> str:
    user = require_user()
    with db().session() as s:
        rows = inbox.items(s, user.id, limit=100)
        count = inbox.unread(s, user.id)
    return render_template("notifications/inbox.html", items=rows, unread=count)


@bp.post("/notifications/<int:notification_id>/read")
@page_login_required
def inbox_mark_read(notification_id: int) -> BaseResponse:
    user = require_user()
    with db().session() as s:
        inbox.read(s, user.id, notification_id)  # as the API: another's is not found
    return redirect(url_for("notifications.inbox_page"))


@bp.route("/notifications/preferences", methods=["GET", "POST"])
@page_login_required
def preferences_page() -> str:
    user = require_user()
    if request.method == "POST":
        set_preference(user.id, request.form.get("kind", ""), request.form.get("enabled") == "1")
    with db().session() as s:
        prefs = preferences.preferences(s, user.id)
    rows = [(k, v, mandatory(k)) for k, v in prefs.items()]
    return render_template("notifications/preferences.html", rows=rows)


@bp.get("/admin/notifications/failed")
@page_login_required
def failed_page() -> str:
    failures.authorize(require_user().role)
    with db().session() as s:
        rows = failures.failed(s)
    return render_template("notifications/failed.html", rows=rows)


@dev.get("/dev/mailbox")
def mailbox() -> str:
    """Every mail the embedded SMTP sink received, newest first. Registered outside production
    only: it is the sink of a development machine, where every address is a demo one."""
    mails = read_mailbox(runtime.settings().var_dir / "mailbox")
    return render_template("notifications/mailbox.html", mails=mails[:200], total=len(mails))
