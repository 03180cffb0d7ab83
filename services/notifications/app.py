"""The notifications service's web app: inbox, preferences, failed deliveries, dev mailbox."""

from __future__ import annotations

from flask import Flask, Response

from services.notifications import api, inbox, pages
from services.notifications.errors import (
    Forbidden,
    InvalidToken,
    MandatoryNotice,
    NotFound,
    UnknownKind,
)
from shared import runtime
from shared.config import Settings
from shared.web.app import add_health_check, create_service_app
from shared.web.auth import current_user
from shared.web.errors import error_response
from shared.web.i18n import translate


def _not_found(exc: NotFound) -> Response:
    return error_response(404, "not_found", translate("error.not_found"))


def _forbidden(exc: Forbidden) -> Response:
    return error_response(403, "forbidden", translate("error.forbidden"))


def _unknown_kind(exc: UnknownKind) -> Response:
    message = translate("notifications.unknown_kind", kind=exc.kind)
    return error_response(400, "unknown_kind", message)


def _mandatory(exc: MandatoryNotice) -> Response:
    return error_response(400, "mandatory", translate("notifications.mandatory", kind=exc.kind))


def _invalid_token(exc: InvalidToken) -> Response:
    return error_response(400, "invalid_token", translate("notifications.invalid_token"))


def register(app: Flask) -> None:
    settings = app.config["SIPINDA_SETTINGS"]
    # For the page header (base.html): `{{ notifications_unread() }}`, 0 when signed out.
    app.jinja_env.globals["notifications_unread"] = unread_for_current_user
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    if not settings.production:
        app.register_blueprint(pages.dev)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(Forbidden, _forbidden)
    app.register_error_handler(UnknownKind, _unknown_kind)
    app.register_error_handler(MandatoryNotice, _mandatory)
    app.register_error_handler(InvalidToken, _invalid_token)
    add_health_check(app, "notifications_db", runtime.database("notifications").ping)


def unread_for_current_user() -> int:
    """The signed-in user's unread count (0 when signed out)."""
    user = current_user()
    if user is None:
        return 0
    with runtime.database("notifications").session() as session:
        return inbox.unread(session, user.id)


def create_app(settings: Settings | None = None) -> Flask:
    return create_service_app("notifications", register, settings)
