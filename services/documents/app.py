"""The documents service's web app: document lists and downloads, call jobs, verification."""

from __future__ import annotations

from flask import Flask, Response

from services.documents import api, pages
from services.documents.errors import AlreadyRevoked, Forbidden, NotFound, UnknownCode
from shared import runtime, storage
from shared.config import Settings
from shared.web.app import add_health_check, create_service_app
from shared.web.errors import error_response
from shared.web.i18n import translate


def _not_found(exc: NotFound) -> Response:
    return error_response(404, "not_found", translate("error.not_found"))


def _unknown_code(exc: UnknownCode) -> Response:
    return error_response(404, "not_found", translate("documents.verify.unknown"))


def _forbidden(exc: Forbidden) -> Response:
    return error_response(403, "forbidden", translate("error.forbidden"))


def _already_revoked(exc: AlreadyRevoked) -> Response:
    return error_response(409, "conflict", translate("documents.error.already_revoked"))


def register(app: Flask) -> None:
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(UnknownCode, _unknown_code)  # the more specific one wins
    app.register_error_handler(Forbidden, _forbidden)
    app.register_error_handler(AlreadyRevoked, _already_revoked)
    add_health_check(app, "documents_db", runtime.database("documents").ping)
    add_health_check(app, "storage", storage.probe(runtime.settings().storage_url))


def create_app(settings: Settings | None = None) -> Flask:
    return create_service_app("documents", register, settings)
