"""Notifications' pages: the inbox, the preferences, the admin's failed deliveries, and the
development mailbox (registered outside production only)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from services.notifications import failures, inbox, preferences
from services.notifications.api import db, set_preference
from services.notifications.devmail import mail_files, summarize
from services.notifications.notices import mandatory
from shared import runtime
from shared.web import paging
from shared.web.auth import page_login_required, require_role, require_user

bp = Blueprint("notifications", __name__, template_folder="templates")
dev = Blueprint("notifications_dev", __name__, template_folder="templates")


@bp.get("/notifications")
@page_login_required
def inbox_page() -> str:
    user = require_user()
    with db().session() as s:
        found = inbox.items(s, user.id, paging.window_of(request.args))
        count = inbox.unread(s, user.id)
    pager = found.linked(request.path, request.args.items(multi=True))
    return render_template("notifications/inbox.html", items=found.items, unread=count, pager=pager)


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
        found = failures.failed(s, paging.window_of(request.args))
    pager = found.linked(request.path, request.args.items(multi=True))
    return render_template("notifications/failed.html", rows=found.items, pager=pager)


def loopback_only(view: Callable[[], Any]) -> Callable[[], Any]:
    """A page that does not exist for a client other than this machine (before any sign-in)."""

    @wraps(view)
    def wrapper() -> Any:
        if not from_loopback(request.remote_addr):
            abort(404)
        return view()

    return wrapper


@dev.get("/dev/mailbox")
@loopback_only
@page_login_required
def mailbox() -> str:
    """Every mail the embedded SMTP sink received, newest first. Registered outside production
    only: it is the sink of a development machine, where every address is a demo one. It shows
    password-reset links, so only a signed-in admin reads it, and only from this machine
    (loopback); anyone else finds nothing there."""
    require_role(require_user(), "admin")
    found = paging.slice_page(mail_files(runtime.settings().var_dir / "mailbox"),
                              paging.window_of(request.args))  # fmt: skip
    return render_template(
        "notifications/mailbox.html", mails=[summarize(path) for path in found.items],
        total=found.total, pager=found.linked(request.path, request.args.items(multi=True)),
    )  # fmt: skip


def from_loopback(address: str | None) -> bool:
    """Pure: whether a client address is this machine's own (127.0.0.0/8, ::1)."""
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
