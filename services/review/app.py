"""The review service's web app: its JSON API and the evaluator's pages."""

from __future__ import annotations

from flask import Flask

from services.review import admin_views, charts, views
from services.review.routes import bp
from shared import runtime
from shared.config import Settings
from shared.web.app import add_health_check, create_service_app


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(views.bp)
    app.register_blueprint(charts.bp)
    app.register_blueprint(admin_views.bp)
    add_health_check(app, "review_db", runtime.database("review").ping)


def create_app(settings: Settings | None = None) -> Flask:
    return create_service_app("review", register, settings)
