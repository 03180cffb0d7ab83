"""The innovations service's web app: its JSON API and pages, and the one place its domain
errors become HTTP answers."""

from __future__ import annotations

from flask import Flask, Response

from services.innovations import api, api_iid, api_monev, bootstrap, reports_api
from services.innovations.errors import Forbidden, Invalid, NotFound, TransitionRefused
from services.innovations.pages import catalogue as catalogue_pages
from services.innovations.pages import iid as iid_pages
from services.innovations.pages import monev as monev_pages
from services.innovations.pages import registry as registry_pages
from services.innovations.pages import reports as report_pages
from services.innovations.pages import stage_pages
from shared.config import Settings
from shared.web.app import add_health_check, create_service_app
from shared.web.errors import error_response
from shared.web.i18n import translate


def register(app: Flask) -> None:
    """Add the innovations' routes, health check and error handlers to `app`."""
    app.register_blueprint(api.bp)
    app.register_blueprint(reports_api.bp)
    app.register_blueprint(report_pages.bp)
    app.register_blueprint(catalogue_pages.bp)
    app.register_blueprint(api_iid.bp)
    app.register_blueprint(api_monev.bp)
    app.register_blueprint(monev_pages.bp)
    app.register_blueprint(iid_pages.bp)
    app.register_blueprint(registry_pages.bp)
    app.register_blueprint(stage_pages.bp)
    add_health_check(app, "innovations_db", bootstrap.database().ping)
    register_error_handlers(app)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(NotFound)
    def _not_found(exc: NotFound) -> Response:
        return error_response(404, "not_found", translate(exc.key, **exc.values))

    @app.errorhandler(Forbidden)
    def _forbidden(exc: Forbidden) -> Response:
        return error_response(403, "forbidden", translate(exc.key, **exc.values))

    @app.errorhandler(Invalid)
    def _invalid(exc: Invalid) -> Response:
        problems = {f: translate(k, **v) for f, (k, v) in exc.problems.items()}
        return error_response(422, "validation", translate(exc.key, **exc.values), problems)

    @app.errorhandler(TransitionRefused)
    def _refused(exc: TransitionRefused) -> Response:
        return error_response(409, "conflict", translate(exc.key, **exc.values))


def create_app(settings: Settings | None = None) -> Flask:
    """Innovations' own web app."""
    return create_service_app("innovations", register, settings)
