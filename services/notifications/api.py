"""Notifications' JSON API: the signed-in user's inbox and preferences, one-click unsubscribe,
and (admins) failed deliveries with every attempt."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request
from pydantic import BaseModel

from services.notifications import failures, inbox, preferences, unsubscribe
from services.notifications.notices import mandatory
from services.notifications.schemas import (
    AttemptOut,
    FailedDeliveryOut,
    InboxOut,
    MarkedOut,
    PreferenceOut,
    ReadOut,
    UnreadOut,
)
from shared import runtime
from shared.db import Database
from shared.web import paging
from shared.web.auth import require_user
from shared.web.body import json_body
from shared.web.errors import ApiError
from shared.web.openapi import documented

bp = Blueprint("notifications_api", __name__, template_folder="templates")


def db() -> Database:
    """The notifications database of this process."""
    return runtime.database("notifications")


def _item_json(item: inbox.Item) -> dict[str, object]:
    return {
        "id": item.id,
        "kind": item.kind,
        "subject": item.subject,
        "text": item.text,
        "link": item.link,
        "created_at": item.created_at.isoformat(),
        "read": item.read,
        "mandatory": item.mandatory,
        "email_status": item.email_status,
    }


def _window() -> paging.Window:
    """`page` and `per_page` (50, at most 200); `limit`, the older name of `per_page`, is still
    read, and still refused outside 1..200."""
    raw = request.args.get("limit")
    if raw is None:
        return paging.window_of(request.args)
    if not raw.isdigit() or not 1 <= int(raw) <= paging.MAX_PER_PAGE:
        raise ApiError(400, "invalid_limit", "notifications.invalid_limit")
    return paging.window_of({"page": request.args.get("page"), "per_page": raw})


@bp.get("/api/v1/notifications")
@documented("The signed-in user's notices, newest first (?unread=1, ?page=, ?per_page=1..200 "
            "or its older name ?limit=); `total` and `page` in the body, `X-Total-Count` and "
            "`Link` headers", tags=("notifications",), responses={200: InboxOut})  # fmt: skip
def list_notices() -> Response:
    user = require_user()
    only_unread = request.args.get("unread") in {"1", "true"}
    with db().session() as s:
        found = inbox.items(s, user.id, _window(), unread_only=only_unread, clamp=False)
        count = inbox.unread(s, user.id)
    response = jsonify({
        "unread": count, "items": [_item_json(i) for i in found.items], "total": found.total,
        "page": found.page, "per_page": found.per_page,
    })  # fmt: skip
    response.headers.update(paging.headers(found, request.base_url, request.args.items(multi=True)))
    return response


@bp.get("/api/v1/notifications/unread-count")
@documented("How many of the user's notices are unread", tags=("notifications",),
            responses={200: UnreadOut})  # fmt: skip
def unread_count() -> Response:
    user = require_user()
    with db().session() as s:
        return jsonify({"unread": inbox.unread(s, user.id)})


@bp.post("/api/v1/notifications/<int:notification_id>/read")
@documented("Mark one notice read", tags=("notifications",), responses={200: ReadOut})
def mark_read(notification_id: int) -> Response:
    user = require_user()
    with db().session() as s:
        inbox.read(s, user.id, notification_id)
    return jsonify({"id": notification_id, "read": True})


@bp.post("/api/v1/notifications/read-all")
@documented("Mark every notice read", tags=("notifications",), responses={200: MarkedOut})
def mark_all_read() -> Response:
    user = require_user()
    with db().session() as s:
        return jsonify({"marked": inbox.mark_read(s, user.id)})


class PreferenceIn(BaseModel):
    kind: str
    enabled: bool


@bp.get("/api/v1/notifications/preferences")
@documented("Which kinds of notice the user gets by e-mail", tags=("notifications",),
            responses={200: list[PreferenceOut]})  # fmt: skip
def get_preferences() -> Response:
    user = require_user()
    with db().session() as s:
        prefs = preferences.preferences(s, user.id)
    return jsonify([{"kind": k, "enabled": v, "mandatory": mandatory(k)} for k, v in prefs.items()])


@bp.put("/api/v1/notifications/preferences")
@documented("Turn an optional kind of notice on or off", tags=("notifications",),
            body=PreferenceIn, responses={200: PreferenceIn})  # fmt: skip
def put_preference() -> Response:
    user = require_user()
    body = json_body(PreferenceIn)
    set_preference(user.id, body.kind, body.enabled)
    return jsonify({"kind": body.kind, "enabled": body.enabled})


def set_preference(user_id: int, kind: str, enabled: bool) -> None:
    """Turn a kind of notice on or off for the user, in a transaction of its own."""
    with db().session() as s:
        preferences.set_preference(s, user_id, kind, enabled)


@bp.route("/api/v1/notifications/unsubscribe/<token>", methods=["GET", "POST"])
@documented("One-click unsubscribe (RFC 8058) from a mail's List-Unsubscribe", auth=False,
            tags=("notifications",),
            responses={200: ("text/html", PreferenceIn)})  # GET: a confirm page  # fmt: skip
def one_click_unsubscribe(token: str) -> Response | str:
    user_id, kind = unsubscribe.subscriber(runtime.settings().secret_key, token)
    if request.method == "GET":  # a link scanner must not unsubscribe anyone: a button does
        return render_template("notifications/unsubscribe.html", kind=kind, token=token)
    set_preference(user_id, kind, False)
    if request.form.get("page"):
        return render_template("notifications/unsubscribe.html", kind=kind, done=True)
    return jsonify({"kind": kind, "enabled": False})


@bp.get("/api/v1/notifications/failed")
@documented("Failed deliveries with the server's answer (admin); `page`, `per_page` (50, at "
            "most 200); `X-Total-Count` and `Link` headers", tags=("notifications",),
            responses={200: list[FailedDeliveryOut]})  # fmt: skip
def failed_deliveries() -> Response:
    failures.authorize(require_user().role)
    with db().session() as s:
        found = failures.failed(s, paging.window_of(request.args), clamp=False)
    rows = found.items
    response = jsonify(
        [
            {
                "id": f.id,
                "kind": f.kind,
                "recipient_email": f.recipient_email,
                "subject": f.subject,
                "attempts": f.attempts,
                "server_answer": f.server_answer,
                "last_attempt_at": f.last_attempt_at.isoformat() if f.last_attempt_at else None,
                "channel": f.channel,
            }
            for f in rows
        ]
    )
    response.headers.update(paging.headers(found, request.base_url, request.args.items(multi=True)))
    return response


@bp.get("/api/v1/notifications/<int:notification_id>/attempts")
@documented("Every delivery attempt of one notification, with the server's answer (admin)",
            tags=("notifications",), responses={200: list[AttemptOut]})  # fmt: skip
def delivery_attempts(notification_id: int) -> Response:
    failures.authorize(require_user().role)
    with db().session() as s:
        rows = failures.attempts(s, notification_id)
    return jsonify(
        [
            {"at": at.isoformat(), "channel": channel, "outcome": outcome, "answer": answer}
            for at, channel, outcome, answer in rows
        ]
    )
