"""The review service's web app: its JSON API, its pages and charts, and the one place its
domain errors become HTTP answers."""

from __future__ import annotations

from flask import Flask, Response

from services.review import api, bootstrap, charts, summary
from services.review.errors import Forbidden, Invalid, NotFound, TransitionRefused
from services.review.pages import admin, evaluator, objections, problems, results, uji_publik
from shared.config import Settings
from shared.web.app import add_health_check, create_service_app
from shared.web.errors import error_response
from shared.web.i18n import translate


def register(app: Flask) -> None:
    """Add review's routes, health check and error handlers to `app` (own or embedded)."""
    app.register_blueprint(api.bp)
    app.register_blueprint(evaluator.bp)
    app.register_blueprint(charts.bp)
    app.register_blueprint(summary.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(objections.bp)
    app.register_blueprint(uji_publik.bp)
    add_health_check(app, "review_db", bootstrap.database().ping)
    register_error_handlers(app)


def register_error_handlers(app: Flask) -> None:
    """Review's domain errors as HTTP: not found 404, forbidden 403, invalid 422 (with each
    bad field), a refused transition 409. JSON for the API, the error page for a browser."""

    @app.errorhandler(NotFound)
    def _not_found(exc: NotFound) -> Response:
        return error_response(404, "not_found", translate(exc.key, **exc.values))

    @app.errorhandler(Forbidden)
    def _forbidden(exc: Forbidden) -> Response:
        return error_response(403, exc.code, translate(exc.key, **exc.values))

    @app.errorhandler(Invalid)
    def _invalid(exc: Invalid) -> Response:
        return error_response(422, "validation", translate(exc.key, **exc.values), problems(exc))

    @app.errorhandler(TransitionRefused)
    def _refused(exc: TransitionRefused) -> Response:
        return error_response(409, "conflict", translate(exc.key, **exc.values))


def create_app(settings: Settings | None = None) -> Flask:
    """Review's own web app."""
    return create_service_app("review", register, settings)
