"""The documents service's web app: document lists and downloads."""

from __future__ import annotations

from flask import Flask

from services.documents.routes import MESSAGES, bp
from shared import runtime, storage
from shared.config import Settings
from shared.web import i18n
from shared.web.app import add_health_check, create_service_app


def register(app: Flask) -> None:
    i18n.register(MESSAGES)
    app.register_blueprint(bp)
    add_health_check(app, "documents_db", runtime.database("documents").ping)
    add_health_check(app, "storage", storage.probe(runtime.settings().storage_url))


def create_app(settings: Settings | None = None) -> Flask:
    return create_service_app("documents", register, settings)
