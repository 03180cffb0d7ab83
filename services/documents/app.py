"""The documents service's web app: document lists and downloads."""

from __future__ import annotations

from flask import Flask

from services.documents.routes import bp
from shared import runtime
from shared.config import Settings
from shared.web.app import add_health_check, create_base_app


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    add_health_check(app, "documents_db", runtime.database("documents").ping)


def create_app(settings: Settings | None = None) -> Flask:
    app = create_base_app("documents", settings)
    register(app)
    return app
